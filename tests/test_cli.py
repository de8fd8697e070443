"""The marsad command: exit codes, extract output, ingest/run/export, demo."""
import json

from typer.testing import CliRunner

from marsad.cli import app

runner = CliRunner()
AR = "الجيش السوري ينفي الانسحاب من حماة\nنفت وزارة الدفاع السورية في بيان رسمي انسحاب القوات من حماة، مؤكدة أن \"الوضع آمن\".\n"
EN = "Rebels enter Hama\nRebels entered Hama on Thursday, the Syrian Observatory for Human Rights said.\n"


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


def test_extract_table_shows_claims(tmp_path):
    res = runner.invoke(app, ["extract", str(write(tmp_path, "e.txt", EN)), "--format", "table"])
    assert res.exit_code == 0, res.output
    assert "Claims" in res.stdout and "Observatory" in res.stdout and "Hama" in res.stdout


def test_usage_and_configuration_errors_exit_2(tmp_path):
    f = write(tmp_path, "e.txt", EN)
    assert runner.invoke(app, ["extract", str(f), "--published", "yesterday"]).exit_code == 2
    assert runner.invoke(app, ["extract", str(f), "--format", "xml"]).exit_code == 2
    bad = write(tmp_path, "bad.toml", "[pipeline]\nstages = [\"nope.v1\"]\n")
    res = runner.invoke(app, ["--config", str(bad), "extract", str(f)])
    assert res.exit_code == 2 and "unknown stage" in res.output


def test_a_bad_input_file_exits_1_with_its_code(tmp_path):
    f = tmp_path / "empty.txt"
    f.write_text("", encoding="utf-8")
    res = runner.invoke(app, ["extract", str(f)])
    assert res.exit_code == 1 and "E101" in res.output


def test_ingest_run_export(tmp_path):
    db = str(tmp_path / "m.db")
    d = tmp_path / "docs"
    d.mkdir()
    write(d, "a.txt", AR)
    write(d, "b.txt", EN)
    assert runner.invoke(app, ["--db", db, "ingest", str(d)]).exit_code == 0
    res = runner.invoke(app, ["--db", db, "ingest", str(d)])
    assert res.exit_code == 0 and "0 added" in res.stdout and "2 already stored" in res.stdout
    res = runner.invoke(app, ["--db", db, "run"])
    assert res.exit_code == 0 and "2 processed" in res.stdout
    assert "0 processed" in runner.invoke(app, ["--db", db, "run"]).stdout
    res = runner.invoke(app, ["--db", db, "export", "--format", "jsonl"])
    lines = [json.loads(x) for x in res.stdout.splitlines() if x.strip()]
    assert res.exit_code == 0 and len(lines) == 2 and all("claims" in x for x in lines)


def test_ingest_with_a_bad_file_exits_1_and_stores_the_rest(tmp_path):
    db = str(tmp_path / "m.db")
    d = tmp_path / "docs"
    d.mkdir()
    write(d, "a.txt", EN)
    (d / "b.txt").write_bytes("نص".encode("cp1256"))
    res = runner.invoke(app, ["--db", db, "ingest", str(d)])
    assert res.exit_code == 1 and "1 added" in res.stdout and "E102" in res.output


def test_demo_runs_and_says_how_to_go_on(tmp_path):
    res = runner.invoke(app, ["--db", str(tmp_path / "demo.db"), "demo"])
    assert res.exit_code == 0, res.output
    assert "Claims" in res.stdout and "Events" in res.stdout and "marsad extract" in res.stdout
    assert "deny" in res.stdout and "telegram" in res.stdout
