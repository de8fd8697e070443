"""`marsad demo`: the main job (ingest, run, show) on the sample reports shipped in the package."""
from typer.testing import CliRunner

from marsad import cli
from marsad.cli import app
from marsad.samples import sample_paths
from marsad.store import open_store

runner = CliRunner()


def test_samples_are_shipped_in_several_formats():
    names = [p.name for p in sample_paths()]
    suffixes = {p.suffix for p in sample_paths()}
    assert 4 <= len(names) <= 8
    assert {".txt", ".json", ".jsonl", ".js"} <= suffixes, names
    assert all(p.read_text(encoding="utf-8").strip() for p in sample_paths())


def test_demo_stores_processes_and_shows_every_sample(tmp_path, monkeypatch):
    monkeypatch.setattr(cli.out, "width", 160)
    db = tmp_path / "demo.db"
    res = runner.invoke(app, ["--db", str(db), "demo"])
    assert res.exit_code == 0, res.output
    with open_store(str(db)) as store:
        documents = list(store.documents())
        results = list(store.results())
        assert not store.failures()
    assert len(documents) > len(sample_paths())  # the Telegram, X and JSONL files hold several each
    assert len(results) == len(documents)
    assert {d.kind for d in documents} >= {"article", "telegram_post", "tweet"}
    assert {r["document"]["language"] for r in results} == {"ar", "en"}
    claims = [c for r in results for c in r["claims"]]
    assert any(c["stance"] == "deny" for c in claims)
    assert {"telegram", "x", "monitor_report", "statement"} <= {c["channel"] for c in claims}
    for r in results:  # every result is shown
        assert (r["document"]["title"] or r["document"]["key"])[:40] in res.stdout
    for expected in ("Claims", "Events", "deny", "telegram", "monitor_report", "marsad extract"):
        assert expected in res.stdout, expected


def test_demo_runs_twice_on_one_database_without_reprocessing(tmp_path):
    db = str(tmp_path / "demo.db")
    assert runner.invoke(app, ["--db", db, "demo"]).exit_code == 0
    res = runner.invoke(app, ["--db", db, "demo"])
    assert res.exit_code == 0 and "(0 new)" in res.stdout and "0 processed now" in res.stdout


def test_demo_without_db_leaves_no_database_behind(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MARSAD_CONFIG", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    res = runner.invoke(app, ["demo"])
    assert res.exit_code == 0, res.output
    assert "temporary database" in res.stdout
    assert not list(tmp_path.rglob("*.db"))
