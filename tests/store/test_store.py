"""The store: migrations, documents and their versions, results, failures, one writer, readers that don't wait."""
import sqlite3
import threading
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, inspect, select, text

from marsad.api import extract
from marsad.doc import Document, Failure
from marsad.errors import StoreError
from marsad.store import open_store
from marsad.store.migrations import m0001_initial, migrations
from marsad.store.schema import claims, mentions, metadata

TEXT = ("قال المرصد السوري لحقوق الإنسان إن فصائل المعارضة دخلت مدينة حماة.\n"
        "ونفت وزارة الدفاع السورية في بيان انسحاب القوات من حماة.\n")


def test_a_fresh_database_gets_every_migration_once_and_the_current_schema(db):
    with open_store(db) as s:
        assert s.applied == [n for n, _ in migrations()] == [1, 2]
        assert s.schema_version() == 2
        url = s.engine.url
    with open_store(db) as s:
        assert s.applied == [] and s.schema_version() == 2
    engine = create_engine(url)
    found = inspect(engine)
    for table in metadata.sorted_tables:
        assert {c["name"] for c in found.get_columns(table.name)} == set(table.columns.keys()), table.name
    assert "ix_claims_time" in {i["name"] for i in found.get_indexes("claims")}
    with engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM schema_version")).scalar() == 2
    engine.dispose()


def test_an_older_database_gets_only_the_missing_migration(db):
    url = db if "://" in db else f"sqlite:///{db}"
    engine = create_engine(url)
    with engine.begin() as conn:  # a database made before m0002, with one processed claim
        conn.execute(text("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied TEXT)"))
        m0001_initial.upgrade(conn)
        conn.execute(text("INSERT INTO schema_version (version, applied) VALUES (1, 'then')"))
        conn.execute(m0001_initial.documents.insert().values(id="d1", kind="article", meta="{}", text="x",
                                                             added_at="then"))
        conn.execute(m0001_initial.claims.insert().values(document_id="d1", id="c1",
                                                          data='{"time": "2024-12-06", "stance": "deny"}'))
    engine.dispose()
    with open_store(db) as s:
        assert s.applied == [2]
        with s.engine.connect() as conn:
            assert conn.execute(select(claims.c.time)).scalar() == "2024-12-06"


def test_document_round_trip_and_duplicates(db):
    with open_store(db) as s:
        doc = Document(TEXT, key="k", source="SANA", published="2024-12-06", meta={"a": [1, "ب"]}, kind="statement")
        assert s.add_document(doc) == "added"
        assert s.add_document(Document(TEXT)) == "duplicate"
        assert s.add_document(Document(TEXT, key="other")) == "duplicate"
        assert s.get_document(doc.id) == doc and s.get_document("nope") is None
        assert s.counts()["documents"] == 1


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.text(min_size=1, max_size=80), min_size=1, max_size=6),
       meta=st.dictionaries(st.text(max_size=5), st.one_of(st.integers(), st.text(max_size=5), st.none()), max_size=3))
def test_any_text_is_stored_once_and_read_back_unchanged(tmp_path_factory, texts, meta):
    with open_store(str(tmp_path_factory.mktemp("h") / "h.db")) as s:
        statuses = [s.add_document(Document(t, meta=meta)) for t in texts]
        assert statuses.count("added") == len(set(texts))
        back = list(s.documents())
        assert [d.text for d in back] == list(dict.fromkeys(texts)) and all(d.meta == meta for d in back)


def test_versions_of_a_key_form_a_chain_and_only_the_latest_is_pending(db):
    with open_store(db) as s:
        versions = [Document(f"Clashes in Hama, update {i}.", key="https://example.org/a") for i in range(4)]
        statuses = [s.add_document(v) for v in versions]  # all within the same second
        assert statuses == ["added", "new_version", "new_version", "new_version"]
        stored = {d.id: d for d in s.documents()}
        assert [stored[v.id].previous_id for v in versions] == [None] + [v.id for v in versions[:-1]]
        assert [d.id for d in s.pending("v1")] == [versions[-1].id]
        assert s.add_document(Document(versions[1].text, key="https://example.org/a")) == "duplicate"


def test_results_are_stored_and_replaced(db):
    with open_store(db) as s:
        doc = extract(TEXT, "2024-12-06")
        s.add_document(doc.document)
        run = s.start_run("test", "v1", {"x": 1})
        s.save_result(doc, "v1", run)
        s.save_result(doc, "v1", run)
        counts = s.counts()
        assert counts["results"] == 1 and counts["claims"] == len(doc.claims) >= 2
        assert counts["events"] == len(doc.events) >= 1 and counts["mentions"] == len(doc.mentions)
        data = s.result(doc.document.id)
        assert [c["stance"] for c in data["claims"]] == [c.stance for c in doc.claims]
        assert data["document"]["id"] == doc.document.id and list(s.results()) == [data]
        assert s.get_document(doc.document.id).language == "ar"
        with s.engine.connect() as conn:
            stances = conn.execute(select(claims.c.stance).order_by(claims.c.start)).scalars().all()
        assert sorted(stances) == sorted(c.stance for c in doc.claims) and "deny" in stances
        assert list(s.pending("v1")) == [] and [d.id for d in s.pending("v2")] == [doc.document.id]
        s.finish_run(run, {"processed": 1})
        assert s.run(run)["config"] == {"x": 1} and s.run(run)["stats"] == {"processed": 1}
        assert s.run(run)["finished"] and s.run(999) is None


def test_names_found_by_the_models_are_stored_with_their_spans(db):
    text = "وقال المحلل السياسي كريم الحلبي لوكالة الأنباء إن المفاوضات متعثرة .\n"
    with open_store(db) as s:
        doc = extract(text)
        s.add_document(doc.document)
        s.save_result(doc, "v1", s.start_run("test", "v1", {}))
        with s.engine.connect() as conn:
            rows = conn.execute(select(mentions.c.label, mentions.c.text, mentions.c.start, mentions.c.end)
                                .where(mentions.c.label == "person")).all()
        assert [(label, name, text[a:b]) for label, name, a, b in rows] == [("person", "كريم الحلبي", "كريم الحلبي")]


def test_failures_are_kept(db):
    with open_store(db) as s:
        s.add_failure(Failure("a.jsonl", "E103", "broken JSON", line=3))
        s.add_failure(Failure("k", "E200", "stage x failed", stage="x.v1", document_id="d"), run_id=None)
        got = s.failures()
        assert [(f.source, f.line, f.code) for f in got] == [("a.jsonl", 3, "E103"), ("k", None, "E200")]
        assert got[1].stage == "x.v1" and s.counts()["failures"] == 2


def test_a_bad_database_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="cannot open the database"):
        open_store("nosuchdialect://x")
    with pytest.raises(StoreError, match="cannot"):
        open_store(str(tmp_path))  # a directory
    not_db = tmp_path / "notes.db"
    not_db.write_text("these are notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="cannot"):
        open_store(str(not_db))


def test_a_reader_does_not_wait_for_a_writer(tmp_path):
    db = str(tmp_path / "w.db")
    with open_store(db) as writer, open_store(db) as reader:
        writer.add_document(Document("first"))
        with writer._write() as conn:  # an ingest holding the write lock, mid-transaction
            conn.execute(text("INSERT INTO failures (source, code, message, at) VALUES ('x', 'E100', 'm', 'now')"))
            started = time.monotonic()
            assert [d.text for d in reader.documents()] == ["first"] and reader.failures() == []
            assert time.monotonic() - started < 1
        assert len(reader.failures()) == 1


def test_two_writing_processes_wait_for_each_other(tmp_path):
    db = str(tmp_path / "c.db")
    open_store(db).close()
    errors = []

    def write(n):
        try:
            with open_store(db) as s:  # a store of its own: as another process would have
                for i in range(30):
                    s.add_document(Document(f"writer {n} text {i}", key=f"k{i}"))
        except Exception as e:  # noqa: BLE001 (collected and asserted below)
            errors.append(e)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with open_store(db) as s:
        docs = list(s.documents())
        assert len(docs) == 90
        heads = {d.key: 0 for d in docs}
        for d in docs:  # each key's three texts form one chain: one head, two replaced
            heads[d.key] += d.previous_id is None
        assert set(heads.values()) == {1}
    assert sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0] == "wal"
