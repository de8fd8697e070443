"""The marsad command: exit codes, extract output, ingest/run/export, eval, settings."""
import json
import sys
import types

from typer.testing import CliRunner

from marsad import cli
from marsad.cli import app
from marsad.config import SETTINGS, settings_markdown
from marsad.errors import StageError
from marsad.pipeline import stage
from tests.conftest import ROOT, shared_path

runner = CliRunner()
AR = ("الجيش السوري ينفي الانسحاب من حماة\n"
      "نفت وزارة الدفاع السورية في بيان رسمي انسحاب القوات من حماة، مؤكدة أن \"الوضع آمن\".\n")
EN = "Rebels enter Hama\nRebels entered Hama on Thursday, the Syrian Observatory for Human Rights said.\n"
FAIL_MARKER = "TRIGGER-STAGE-FAILURE"


@stage("test_fails_on_marker.v1", requires=("tokens",))
def fails_on_marker(doc):
    """A stand-in stage that fails on one document, to check that a batch goes on."""
    if FAIL_MARKER in doc.text:
        raise ValueError("marker found")
    return doc


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_extract_json_is_the_contract(tmp_path):
    res = runner.invoke(app, ["extract", str(write(tmp_path, "a.txt", AR)), "--published", "2024-12-05"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert {"claims", "events", "places", "contradictions"} <= set(data)
    [claim] = [c for c in data["claims"] if c["cue"] == "نفت"]
    assert claim["stance"] == "deny" and claim["speaker"] == "وزارة الدفاع السورية" and claim["channel"] == "statement"
    assert AR[claim["span"][0]:claim["span"][1]] == claim["text"]
    assert data["document"]["language"] == "ar" and data["document"]["published"] == "2024-12-05"
    assert "وزارة الدفاع" in res.stdout  # UTF-8, not \u escapes


def test_extract_table_shows_claims_events_places_and_names(tmp_path, monkeypatch):
    monkeypatch.setattr(cli.out, "width", 160)
    res = runner.invoke(app, ["extract", str(write(tmp_path, "e.txt", EN)), "--format", "table"])
    assert res.exit_code == 0, res.output
    for expected in ("Claims", "Observatory", "monitor_report", "Events", "Places:", "Hama"):
        assert expected in res.stdout, expected
    res = runner.invoke(app, ["extract", str(write(tmp_path, "a.txt", AR)), "--format", "table"])
    assert res.exit_code == 0 and "deny" in res.stdout and "حماة" in res.stdout
    text = "Commander Ahmed al-Rifai said the Free Karama Brigade withdrew from Hama, SANA reported.\n"
    res = runner.invoke(app, ["extract", str(write(tmp_path, "n.txt", text)), "--format", "table"])
    people = next(line for line in res.stdout.splitlines() if line.startswith("People:"))
    organisations = next(line for line in res.stdout.splitlines() if line.startswith("Organisations:"))
    assert "Ahmed al-Rifai" in people and "Free Karama Brigade" in organisations and "SANA" in organisations


def test_source_text_is_not_read_as_terminal_markup(tmp_path):
    text = "Clashes in Idlib\n[bold]Rebels[/bold] entered Saraqib, the Syrian Observatory for Human Rights said.\n"
    res = runner.invoke(app, ["extract", str(write(tmp_path, "m.txt", text)), "--format", "table"])
    assert res.exit_code == 0 and "[bold]Rebels" in res.stdout


def test_usage_and_configuration_errors_exit_2(tmp_path):
    f = write(tmp_path, "e.txt", EN)
    res = runner.invoke(app, ["extract", str(f), "--published", "yesterday"])
    assert res.exit_code == 2 and "YYYY-MM-DD" in res.output
    assert runner.invoke(app, ["extract", str(f), "--published", "2024-13-01"]).exit_code == 2
    assert runner.invoke(app, ["extract", str(f), "--format", "xml"]).exit_code == 2
    assert runner.invoke(app, ["extract"]).exit_code == 2
    assert runner.invoke(app, ["no-such-command"]).exit_code == 2
    bad = write(tmp_path, "bad.toml", "[pipeline]\nstages = [\"nope.v1\"]\n")
    res = runner.invoke(app, ["--config", str(bad), "extract", str(f)])
    assert res.exit_code == 2 and "E002" in res.output and "unknown stage" in res.output
    res = runner.invoke(app, ["--config", str(tmp_path / "missing.toml"), "extract", str(f)])
    assert res.exit_code == 2 and "E001" in res.output
    broken = write(tmp_path, "broken.toml", "[store\n")
    assert runner.invoke(app, ["--config", str(broken), "run"]).exit_code == 2
    unknown = write(tmp_path, "unknown.toml", "[store]\nnot_a_setting = 1\n")
    res = runner.invoke(app, ["--config", str(unknown), "extract", str(f)])
    assert res.exit_code == 2 and "not_a_setting" in res.output


def test_a_bad_input_file_exits_1_with_its_code(tmp_path):
    res = runner.invoke(app, ["extract", str(write(tmp_path, "empty.txt", ""))])
    assert res.exit_code == 1 and "E101" in res.output
    (tmp_path / "cp1256.txt").write_bytes("نص عربي".encode("cp1256"))
    res = runner.invoke(app, ["extract", str(tmp_path / "cp1256.txt")])
    assert res.exit_code == 1 and "E102" in res.output and "Traceback" not in res.output


def test_ingest_twice_stores_each_document_once_then_run_and_export(tmp_path):
    db = str(tmp_path / "m.db")
    d = tmp_path / "docs"
    d.mkdir()
    write(d, "a.txt", AR)
    write(d, "b.txt", EN)
    res = runner.invoke(app, ["--db", db, "ingest", str(d)])
    assert res.exit_code == 0 and "2 added" in res.stdout
    res = runner.invoke(app, ["--db", db, "ingest", str(d), str(d / "a.txt")])
    assert res.exit_code == 0 and "0 added" in res.stdout and "3 already stored" in res.stdout
    res = runner.invoke(app, ["--db", db, "run"])
    assert res.exit_code == 0 and "2 processed" in res.stdout
    assert "0 processed" in runner.invoke(app, ["--db", db, "run"]).stdout
    res = runner.invoke(app, ["--db", db, "export", "--format", "jsonl"])
    lines = [json.loads(x) for x in res.stdout.splitlines() if x.strip()]
    assert res.exit_code == 0 and len(lines) == 2
    assert {x["document"]["language"] for x in lines} == {"ar", "en"} and all("claims" in x for x in lines)
    out = tmp_path / "records.jsonl"
    res = runner.invoke(app, ["--db", db, "export", "-o", str(out)])
    assert res.exit_code == 0 and [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()] == lines
    assert runner.invoke(app, ["--db", db, "export", "--format", "csv"]).exit_code == 2


def test_ingest_with_a_bad_file_exits_1_and_stores_the_rest(tmp_path):
    db = str(tmp_path / "m.db")
    d = tmp_path / "docs"
    d.mkdir()
    write(d, "a.txt", EN)
    (d / "b.txt").write_bytes("نص".encode("cp1256"))
    res = runner.invoke(app, ["--db", db, "ingest", str(d)])
    assert res.exit_code == 1 and "1 added" in res.stdout and "1 failed" in res.stdout
    assert "E102" in res.output and "b.txt" in res.output


def test_run_with_a_failing_document_exits_1_and_processes_the_rest(tmp_path):
    db = str(tmp_path / "m.db")
    config = write(tmp_path, "marsad.toml", '[pipeline]\nstages = ["normalise.v1", "language.v1", "segment.v1", '
                                            '"test_fails_on_marker.v1"]\n')
    d = tmp_path / "docs"
    d.mkdir()
    write(d, "a.txt", EN)
    write(d, "b.txt", f"Clashes in Hama\nA text with {FAIL_MARKER} in it.\n")
    write(d, "c.txt", AR)
    base = ["--db", db, "--config", str(config)]
    assert runner.invoke(app, base + ["ingest", str(d)]).exit_code == 0
    res = runner.invoke(app, base + ["run"])
    assert res.exit_code == 1 and "2 processed, 1 failed" in res.stdout
    assert StageError.code in res.output and "test_fails_on_marker.v1" in res.output
    res = runner.invoke(app, base + ["export"])
    assert res.exit_code == 0 and len(res.stdout.splitlines()) == 2


def test_eval_scores_the_dev_set(tmp_path):
    dev = shared_path("eval", "dev")
    res = runner.invoke(app, ["eval", str(dev), "--lang", "en", "--json"])
    assert res.exit_code == 0, res.output
    scores = json.loads(res.stdout)
    assert scores["articles"] == len(list(dev.glob("*_en_*.txt")))
    assert 0 <= scores["claim_f1"] <= 1
    res = runner.invoke(app, ["eval", str(dev)])
    assert res.exit_code == 0 and "claim_f1" in res.stdout
    assert runner.invoke(app, ["eval", str(tmp_path)]).exit_code == 2
    assert runner.invoke(app, ["eval", str(dev), "--lang", "fr"]).exit_code == 2


def test_ner_commands_need_a_corpus(tmp_path):
    for cmd in (["eval", "ner", "--corpus", str(tmp_path / "none.txt")],
                ["train", "ner", "--corpus", str(tmp_path / "none.txt"), "--out", str(tmp_path / "m")]):
        res = runner.invoke(app, cmd)
        assert res.exit_code == 2 and "E001" in res.output, res.output


def test_ner_commands_call_the_names_library(tmp_path, monkeypatch):
    calls = {}

    def evaluate(anercorp, model=None):
        calls["evaluate"] = (anercorp, model)
        return {"f1": 61.5, "precision": 60.0, "recall": 63.1, "per_type": {"LOC": {"f1": 70.0}}}

    def train(anercorp, out, aqmar_dir=None, progress=None):
        calls["train"] = (anercorp, out, aqmar_dir)
        progress(10, "sentences")
        return {"sentences": 10, "model": str(out)}

    stand_in = types.ModuleType("marsad.ner")
    stand_in.evaluate, stand_in.train = evaluate, train
    monkeypatch.setitem(sys.modules, "marsad.ner", stand_in)
    corpus = write(tmp_path, "ANERCorp.txt", "دمشق B-LOC\n")
    res = runner.invoke(app, ["eval", "ner", "--corpus", str(corpus)])
    assert res.exit_code == 0 and json.loads(res.stdout)["f1"] == 61.5 and calls["evaluate"] == (corpus, None)
    model = tmp_path / "ner.model"
    res = runner.invoke(app, ["train", "ner", "--corpus", str(corpus), "--aqmar", str(tmp_path), "--out", str(model)])
    assert res.exit_code == 0 and json.loads(res.stdout)["sentences"] == 10
    assert calls["train"] == (corpus, model, tmp_path)
    res = runner.invoke(app, ["train", "ner", "--corpus", str(corpus), "--aqmar", str(corpus), "--out", str(model)])
    assert res.exit_code == 2 and "--aqmar" in res.output


def test_settings_prints_every_setting_and_docs_are_current():
    res = runner.invoke(app, ["settings"])
    assert res.exit_code == 0 and res.stdout == settings_markdown()
    assert all(f"`{s.name}`" in res.stdout for s in SETTINGS)
    assert settings_markdown() in (ROOT / "docs" / "settings.md").read_text(encoding="utf-8"), \
        "docs/settings.md is out of date: run `make docs`"


def test_gazetteer_import_adds_villages_to_extraction(tmp_path):
    import sqlite3

    from marsad.gazetteer import load_gazetteer, use_database
    from tests.conftest import shared_path

    bundle = shared_path("data", "gazetteer", "whosonfirst-data-admin-sy.tar.gz")
    db = tmp_path / "gaz.db"
    res = runner.invoke(app, ["gazetteer", "import", str(bundle), "--out", str(db)])
    assert res.exit_code == 0, res.output
    embedded = {p.name_ar for p in load_gazetteer().places.values()}
    rows = sqlite3.connect(db).execute("SELECT name_ar, lat, lon FROM places WHERE feature = 'town'").fetchall()
    name, lat, lon = next(r for r in rows if r[0] and " " not in r[0] and r[0] not in embedded and len(r[0]) > 4)
    article = write(tmp_path, "v.txt", f"غارات على ريف حماة\nقصفت طائرات حربية قرية {name} صباح اليوم، بحسب المرصد.\n")
    config = write(tmp_path, "m.toml", f'[gazetteer]\npath = "{db}"\n')
    try:
        without = json.loads(runner.invoke(app, ["extract", str(article)]).stdout)
        with_db = json.loads(runner.invoke(app, ["--config", str(config), "extract", str(article)]).stdout)
    finally:
        use_database(None)
    assert name not in {p["text"] for p in without["places"]}
    [village] = [p for p in with_db["places"] if p["text"] == name]
    assert abs(village["lat"] - lat) < 0.01 and abs(village["lon"] - lon) < 0.01
