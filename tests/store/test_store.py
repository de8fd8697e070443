import pytest

from marsad.doc import Document, Failure
from marsad.errors import StoreError
from marsad.api import extract
from marsad.store import open_store
from marsad.store.migrations import migrations

TEXT = ("قال المرصد السوري لحقوق الإنسان إن فصائل المعارضة دخلت مدينة حماة.\n"
        "ونفت وزارة الدفاع السورية في بيان انسحاب القوات من حماة.\n")


def test_migrations_apply_once(tmp_path):
    db = str(tmp_path / "m.db")
    with open_store(db) as s:
        assert s.applied == [n for n, _ in migrations()] and s.schema_version() == migrations()[-1][0]
    with open_store(db) as s:
        assert s.applied == []


def test_document_round_trip(tmp_path):
    with open_store(str(tmp_path / "d.db")) as s:
        doc = Document(TEXT, key="k", source="SANA", published="2024-12-06", meta={"a": [1, "ب"]}, kind="statement")
        assert s.add_document(doc) == "added"
        assert s.add_document(Document(TEXT)) == "duplicate"
        back = s.get_document(doc.id)
        assert back == doc


def test_results_are_stored_and_replaced(tmp_path):
    with open_store(str(tmp_path / "r.db")) as s:
        doc = extract(TEXT, "2024-12-06")
        s.add_document(doc.document)
        run = s.start_run("test", "v1", {"x": 1})
        s.save_result(doc, "v1", run)
        s.save_result(doc, "v1", run)
        counts = s.counts()
        assert counts["results"] == 1 and counts["claims"] == len(doc.claims) >= 2
        assert counts["events"] == len(doc.events) >= 1
        data = s.result(doc.document.id)
        assert [c["stance"] for c in data["claims"]] == [c.stance for c in doc.claims]
        assert list(s.pending("v1")) == [] and [d.id for d in s.pending("v2")] == [doc.document.id]
        s.finish_run(run, {"processed": 1})
        assert s.run(run)["config"] == {"x": 1} and s.run(run)["stats"] == {"processed": 1}


def test_failures_are_kept(tmp_path):
    with open_store(str(tmp_path / "f.db")) as s:
        s.add_failure(Failure("a.jsonl", "E103", "broken JSON", line=3))
        assert s.failures()[0].line == 3 and s.failures()[0].code == "E103"


def test_a_bad_database_url_is_a_clear_error():
    with pytest.raises(StoreError, match="cannot open the database"):
        open_store("nosuchdialect://x")
