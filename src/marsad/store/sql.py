"""The SQLAlchemy store (SQLite by default; a PostgreSQL URL works through the same code).

Writes go through :meth:`Store._write`: the store's lock, then one short transaction (on SQLite a
``BEGIN IMMEDIATE``, so a second writing process waits for the write lock instead of failing half way).
Reads run in their own transactions; under SQLite's WAL mode they never wait for a writer. Long listings
are read in pages, so no read holds the database open while the caller works.
"""
from __future__ import annotations

import json
import threading
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator

from sqlalchemy import create_engine, delete, event, func, insert, select, text, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from ..config import Config
from ..doc import Doc, Document, Failure
from ..errors import StoreError
from ..output import to_contract
from .migrations import migrations
from .schema import RECORD_TABLES, claims, documents, events, failures, links, mentions, results, runs

PAGE = 500  # rows per read when listing documents or results


def now(timespec: str = "seconds") -> str:
    return datetime.now(timezone.utc).isoformat(timespec=timespec)


def _url(db: str) -> str:
    if "://" in db:
        return db
    path = Path(db).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def open_store(db: str | None = None) -> "Store":
    """Open (and migrate) the store at ``db``: a SQLite path or a SQLAlchemy URL; None: the default
    file in the user's data directory."""
    return Store(db or Config().db)


class Store:
    def __init__(self, db: str):
        self.db = db
        try:
            self.engine: Engine = create_engine(_url(db))
        except (SQLAlchemyError, ValueError, OSError) as e:
            raise StoreError(f"cannot open the database {db!r}: {e}") from e
        except ImportError as e:
            raise StoreError(f"cannot open the database {db!r}: its driver is not installed ({e.name}); "
                             f"for PostgreSQL: pip install 'marsad[postgres]'") from e
        if self.engine.dialect.name == "sqlite":
            _sqlite_transactions(self.engine)
        self._lock = threading.Lock()
        try:
            self.applied = self._migrate()
        except StoreError as e:
            self.engine.dispose()
            raise StoreError(f"cannot open the database {db!r}: {e.__cause__ or e.message}") from e

    # ---- transactions ----------------------------------------------------------------------
    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """The one way to write: the lock, then a short transaction, committed on leaving."""
        with self._lock:
            try:
                with self.engine.connect() as conn:
                    conn.execution_options(marsad_write=True)
                    with conn.begin():
                        yield conn
            except IntegrityError:
                raise
            except SQLAlchemyError as e:
                raise StoreError(f"cannot write to the database {self.db!r}: {e}") from e

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                yield conn
        except SQLAlchemyError as e:
            raise StoreError(f"cannot read the database {self.db!r}: {e}") from e

    def _pages(self, ids: list[str], fetch: Callable[[Connection, list[str]], dict[str, Any]]) -> Iterator[Any]:
        """``fetch(conn, page)`` for each page of ``ids``, yielded in the order of ``ids``."""
        for i in range(0, len(ids), PAGE):
            page = ids[i:i + PAGE]
            with self._read() as conn:
                found = fetch(conn, page)
            for doc_id in page:
                if doc_id in found:
                    yield found[doc_id]

    # ---- schema ----------------------------------------------------------------------------
    def _migrate(self) -> list[int]:
        """Apply, in order and in one transaction, the migrations this database has not had."""
        applied = []
        with self._write() as conn:
            conn.execute(text("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied TEXT)"))
            done = {row[0] for row in conn.execute(text("SELECT version FROM schema_version"))}
            for number, module in migrations():
                if number in done:
                    continue
                module.upgrade(conn)
                conn.execute(text("INSERT INTO schema_version (version, applied) VALUES (:v, :a)"),
                             {"v": number, "a": now()})
                applied.append(number)
        return applied

    def schema_version(self) -> int:
        with self._read() as conn:
            return conn.execute(text("SELECT MAX(version) FROM schema_version")).scalar() or 0

    # ---- documents -------------------------------------------------------------------------
    def add_document(self, document: Document) -> str:
        """Store a document once: "added", "duplicate" (this text is stored already), or "new_version" (a
        new text under a stored key; ``previous_id`` then names the key's latest version)."""
        try:
            with self._write() as conn:
                if conn.execute(select(documents.c.id).where(documents.c.id == document.id)).first():
                    return "duplicate"
                status = "added"
                if document.key:
                    head = _latest_version(conn, document.key)
                    if head:
                        document.previous_id = head
                        status = "new_version"
                row = document.to_dict()
                row["meta"] = json.dumps(row["meta"], ensure_ascii=False, default=str)
                row["added_at"] = now("microseconds")
                conn.execute(insert(documents).values(**row))
                return status
        except IntegrityError:  # another process stored the same text between our check and our insert
            if self.get_document(document.id) is not None:
                return "duplicate"
            raise

    def get_document(self, doc_id: str) -> Document | None:
        with self._read() as conn:
            row = conn.execute(select(documents).where(documents.c.id == doc_id)).mappings().first()
        return _document(row) if row else None

    def documents(self) -> Iterator[Document]:
        """Every stored document, every version, in the order they were added."""
        with self._read() as conn:
            ids = list(conn.execute(select(documents.c.id).order_by(documents.c.added_at, documents.c.id)).scalars())
        yield from self._pages(ids, _fetch_documents)

    def pending(self, pipeline_version: str) -> Iterator[Document]:
        """Documents not yet processed by this pipeline version (of each key, only the latest version)."""
        done = select(results.c.document_id).where(results.c.pipeline_version == pipeline_version)
        newer = select(documents.c.previous_id).where(documents.c.previous_id.is_not(None))
        query = (select(documents.c.id).where(documents.c.id.not_in(done)).where(documents.c.id.not_in(newer))
                 .order_by(documents.c.added_at, documents.c.id))
        with self._read() as conn:
            ids = list(conn.execute(query).scalars())
        yield from self._pages(ids, _fetch_documents)

    # ---- runs and results ------------------------------------------------------------------
    def start_run(self, command: str, pipeline_version: str, config: dict) -> int:
        with self._write() as conn:
            res = conn.execute(insert(runs).values(command=command, pipeline_version=pipeline_version,
                                                   config=json.dumps(config, default=str), started=now()))
            return int(res.inserted_primary_key[0])

    def finish_run(self, run_id: int, stats: dict) -> None:
        with self._write() as conn:
            conn.execute(update(runs).where(runs.c.id == run_id)
                         .values(finished=now(), stats=json.dumps(stats, default=str)))

    def run(self, run_id: int) -> dict | None:
        with self._read() as conn:
            row = conn.execute(select(runs).where(runs.c.id == run_id)).mappings().first()
        if not row:
            return None
        out = dict(row)
        out["config"] = json.loads(out["config"])
        out["stats"] = json.loads(out["stats"]) if out["stats"] else None
        return out

    def save_result(self, doc: Doc, pipeline_version: str, run_id: int | None) -> None:
        """Store a processed document's contract JSON and one row per record, replacing its earlier results."""
        data = to_contract(doc)
        doc_id = doc.document.id
        blob = json.dumps(data, ensure_ascii=False, default=str)
        record_rows = _record_rows(doc, data)
        with self._write() as conn:
            for table in (results, *RECORD_TABLES):
                conn.execute(delete(table).where(table.c.document_id == doc_id))
            conn.execute(insert(results).values(document_id=doc_id, pipeline_version=pipeline_version, run_id=run_id,
                                                data=blob, processed_at=now("microseconds")))
            if doc.document.language:
                conn.execute(update(documents).where(documents.c.id == doc_id)
                             .values(language=doc.document.language, title=doc.document.title))
            for table, rows in record_rows:
                if rows:
                    conn.execute(insert(table), rows)

    def result(self, doc_id: str) -> dict | None:
        """The contract JSON of the document's latest result."""
        with self._read() as conn:
            row = conn.execute(select(results.c.data).where(results.c.document_id == doc_id)
                               .order_by(results.c.processed_at.desc())).first()
        return json.loads(row[0]) if row else None

    def results(self) -> Iterator[dict]:
        """The contract JSON of every processed document, in the order the documents were added."""
        query = (select(results.c.document_id).join(documents, documents.c.id == results.c.document_id)
                 .order_by(documents.c.added_at, documents.c.id, results.c.processed_at.desc()))
        with self._read() as conn:
            ids = list(dict.fromkeys(conn.execute(query).scalars()))
        yield from self._pages(ids, _fetch_results)

    # ---- failures --------------------------------------------------------------------------
    def add_failure(self, failure: Failure, run_id: int | None = None) -> None:
        with self._write() as conn:
            conn.execute(insert(failures).values(source=failure.source, line=failure.line, code=failure.code,
                                                 message=failure.message, stage=failure.stage,
                                                 document_id=failure.document_id, run_id=run_id, at=now()))

    def failures(self) -> list[Failure]:
        with self._read() as conn:
            rows = conn.execute(select(failures).order_by(failures.c.id)).mappings()
            return [Failure.from_dict(dict(r)) for r in rows]

    def counts(self) -> dict[str, int]:
        out = {}
        with self._read() as conn:
            for table in (documents, results, claims, events, mentions, links, failures, runs):
                out[table.name] = conn.execute(select(func.count()).select_from(table)).scalar() or 0
        return out

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _latest_version(conn: Connection, key: str) -> str | None:
    """The id of the latest version stored under ``key``: the one no other version of it replaces."""
    replaced = select(documents.c.previous_id).where(documents.c.key == key, documents.c.previous_id.is_not(None))
    row = conn.execute(select(documents.c.id).where(documents.c.key == key, documents.c.id.not_in(replaced))
                       .order_by(documents.c.added_at.desc(), documents.c.id).limit(1)).first()
    return row[0] if row else None


def _record_rows(doc: Doc, data: dict) -> list[tuple[Any, list[dict]]]:
    doc_id = doc.document.id

    def dumps(x: Any) -> str:
        return json.dumps(x, ensure_ascii=False, default=str)

    claim_rows = [dict(document_id=doc_id, id=c["id"], speaker=c["speaker"], speaker_actor=c["speaker_actor"],
                       channel=c["channel"], stance=c["stance"], cue=c["cue"], direct=c["direct"],
                       start=c["span"][0], end=c["span"][1], text=c["text"], time=c.get("time"), data=dumps(c))
                  for c in data["claims"]]
    event_rows = []
    for e in data["events"]:
        place = e["place"] or {}
        event_rows.append(dict(document_id=doc_id, id=e["id"], type=e["type"], place_id=place.get("id"),
                               place_name=place.get("name"), lat=place.get("lat"), lon=place.get("lon"),
                               date=e["date"], status=e["status"], contested=e["contested"], start=e["span"][0],
                               end=e["span"][1], data=dumps(e)))
    places = {tuple(p["span"]): p for p in data["places"]}
    mention_rows = [dict(document_id=doc_id, n=i, label=m["label"], entity_id=m["entity_id"], text=m["text"],
                         start=m["span"][0], end=m["span"][1], lat=places.get(tuple(m["span"]), {}).get("lat"),
                         lon=places.get(tuple(m["span"]), {}).get("lon"), data=dumps(m))
                    for i, m in enumerate(data["mentions"])]
    link_rows = [dict(document_id=doc_id, n=i, kind=link.kind, a=link.a, b=link.b, reason=link.reason)
                 for i, link in enumerate(doc.links)]
    return [(claims, claim_rows), (events, event_rows), (mentions, mention_rows), (links, link_rows)]


def _fetch_documents(conn: Connection, ids: list[str]) -> dict[str, Document]:
    rows = conn.execute(select(documents).where(documents.c.id.in_(ids))).mappings()
    return {row["id"]: _document(row) for row in rows}


def _fetch_results(conn: Connection, ids: list[str]) -> dict[str, dict]:
    rows = conn.execute(select(results.c.document_id, results.c.data).where(results.c.document_id.in_(ids))
                        .order_by(results.c.processed_at))
    return {doc_id: json.loads(data) for doc_id, data in rows}  # the latest result of each wins


def _document(row) -> Document:
    data = dict(row)
    data["meta"] = json.loads(data.get("meta") or "{}")
    data.pop("added_at", None)
    return Document.from_dict(data)


def _sqlite_transactions(engine: Engine) -> None:
    """SQLite: WAL, foreign keys, a busy timeout, and transactions that SQLAlchemy begins itself
    (the driver's own would leave DDL outside them); writers begin IMMEDIATE, readers deferred."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")  # with WAL: safe from corruption, far fewer fsyncs
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("marsad_write") else "BEGIN")
