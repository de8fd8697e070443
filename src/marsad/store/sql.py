"""The SQLAlchemy store (SQLite by default; a PostgreSQL URL works through the same code)."""
from __future__ import annotations

import json
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from sqlalchemy import create_engine, delete, event, insert, select, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from ..config import Config
from ..doc import Doc, Document, Failure
from ..errors import StoreError
from ..output import to_contract
from .migrations import migrations
from .migrations.m0001_initial import claims, documents, events, failures, links, mentions, results, runs


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


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
        except (SQLAlchemyError, ValueError) as e:
            raise StoreError(f"cannot open the database {db!r}: {e}") from e
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._lock = threading.Lock()
        self.applied = self._migrate()

    # ---- schema --------------------------------------------------------------------------
    def _migrate(self) -> list[int]:
        applied = []
        with self._lock, self.engine.begin() as conn:
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
        with self.engine.connect() as conn:
            return conn.execute(text("SELECT MAX(version) FROM schema_version")).scalar() or 0

    # ---- documents -----------------------------------------------------------------------
    def add_document(self, document: Document) -> str:
        """Store a document once: "added", "duplicate" (same text), or "new_version" (same key, new text)."""
        with self._lock, self.engine.begin() as conn:
            if conn.execute(select(documents.c.id).where(documents.c.id == document.id)).first():
                return "duplicate"
            status = "added"
            if document.key:
                older = conn.execute(select(documents.c.id).where(documents.c.key == document.key)
                                     .order_by(documents.c.added_at.desc(), documents.c.id)).first()
                if older:
                    document.previous_id = older[0]
                    status = "new_version"
            row = document.to_dict()
            row["meta"] = json.dumps(row["meta"], ensure_ascii=False, default=str)
            row["added_at"] = now()
            conn.execute(insert(documents).values(**row))
            return status

    def get_document(self, doc_id: str) -> Document | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(documents).where(documents.c.id == doc_id)).mappings().first()
        return _document(row) if row else None

    def documents(self) -> Iterator[Document]:
        with self.engine.connect() as conn:
            for row in conn.execute(select(documents).order_by(documents.c.added_at, documents.c.id)).mappings():
                yield _document(row)

    def pending(self, pipeline_version: str) -> Iterator[Document]:
        """Documents not yet processed by this pipeline version (the latest version of each key only)."""
        done = select(results.c.document_id).where(results.c.pipeline_version == pipeline_version)
        newer = select(documents.c.previous_id).where(documents.c.previous_id.is_not(None))
        query = (select(documents).where(documents.c.id.not_in(done)).where(documents.c.id.not_in(newer))
                 .order_by(documents.c.added_at, documents.c.id))
        with self.engine.connect() as conn:
            rows = list(conn.execute(query).mappings())
        for row in rows:
            yield _document(row)

    # ---- runs and results ----------------------------------------------------------------
    def start_run(self, command: str, pipeline_version: str, config: dict) -> int:
        with self._lock, self.engine.begin() as conn:
            res = conn.execute(insert(runs).values(command=command, pipeline_version=pipeline_version,
                                                   config=json.dumps(config, default=str), started=now()))
            return int(res.inserted_primary_key[0])

    def finish_run(self, run_id: int, stats: dict) -> None:
        with self._lock, self.engine.begin() as conn:
            conn.execute(update(runs).where(runs.c.id == run_id).values(finished=now(), stats=json.dumps(stats)))

    def run(self, run_id: int) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(runs).where(runs.c.id == run_id)).mappings().first()
        if not row:
            return None
        out = dict(row)
        out["config"] = json.loads(out["config"])
        out["stats"] = json.loads(out["stats"]) if out["stats"] else None
        return out

    def save_result(self, doc: Doc, pipeline_version: str, run_id: int | None) -> None:
        """Store a processed document's records, replacing its earlier results."""
        data = to_contract(doc)
        doc_id = doc.document.id
        with self._lock, self.engine.begin() as conn:
            for table in (results, claims, events, mentions, links):
                conn.execute(delete(table).where(table.c.document_id == doc_id))
            conn.execute(insert(results).values(document_id=doc_id, pipeline_version=pipeline_version, run_id=run_id,
                                                data=json.dumps(data, ensure_ascii=False), processed_at=now()))
            if doc.document.language:
                conn.execute(update(documents).where(documents.c.id == doc_id)
                             .values(language=doc.document.language, title=doc.document.title))
            rows = [dict(document_id=doc_id, id=c["id"], speaker=c["speaker"], speaker_actor=c["speaker_actor"],
                         channel=c["channel"], stance=c["stance"], cue=c["cue"], direct=c["direct"],
                         start=c["span"][0], end=c["span"][1], text=c["text"], data=json.dumps(c, ensure_ascii=False))
                    for c in data["claims"]]
            if rows:
                conn.execute(insert(claims), rows)
            rows = [dict(document_id=doc_id, id=e["id"], type=e["type"], place_id=(e["place"] or {}).get("id"),
                         place_name=(e["place"] or {}).get("name"), lat=(e["place"] or {}).get("lat"),
                         lon=(e["place"] or {}).get("lon"), date=e["date"], status=e["status"],
                         contested=e["contested"], start=e["span"][0], end=e["span"][1],
                         data=json.dumps(e, ensure_ascii=False)) for e in data["events"]]
            if rows:
                conn.execute(insert(events), rows)
            places = {tuple(p["span"]): p for p in data["places"]}
            rows = [dict(document_id=doc_id, n=i, label=m["label"], entity_id=m["entity_id"], text=m["text"],
                         start=m["span"][0], end=m["span"][1], lat=places.get(tuple(m["span"]), {}).get("lat"),
                         lon=places.get(tuple(m["span"]), {}).get("lon"), data=json.dumps(m, ensure_ascii=False, default=str))
                    for i, m in enumerate(data["mentions"])]
            if rows:
                conn.execute(insert(mentions), rows)
            rows = [dict(document_id=doc_id, n=i, kind=link.kind, a=link.a, b=link.b, reason=link.reason)
                    for i, link in enumerate(doc.links)]
            if rows:
                conn.execute(insert(links), rows)

    def result(self, doc_id: str) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(results.c.data).where(results.c.document_id == doc_id)
                               .order_by(results.c.processed_at.desc())).first()
        return json.loads(row[0]) if row else None

    def results(self) -> Iterator[dict]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(results.c.data).join(documents, documents.c.id == results.c.document_id)
                                .order_by(documents.c.added_at, documents.c.id))
            for (data,) in rows:
                yield json.loads(data)

    # ---- failures ------------------------------------------------------------------------
    def add_failure(self, failure: Failure, run_id: int | None = None) -> None:
        with self._lock, self.engine.begin() as conn:
            conn.execute(insert(failures).values(source=failure.source, line=failure.line, code=failure.code,
                                                 message=failure.message, stage=failure.stage,
                                                 document_id=failure.document_id, run_id=run_id, at=now()))

    def failures(self) -> list[Failure]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(failures).order_by(failures.c.id)).mappings()
            return [Failure.from_dict(dict(r)) for r in rows]

    def counts(self) -> dict[str, int]:
        out = {}
        with self.engine.connect() as conn:
            for name, table in (("documents", documents), ("results", results), ("claims", claims),
                                ("events", events), ("mentions", mentions), ("links", links),
                                ("failures", failures), ("runs", runs)):
                out[name] = conn.execute(select(text("COUNT(*)")).select_from(table)).scalar() or 0
        return out

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _document(row) -> Document:
    data = dict(row)
    data["meta"] = json.loads(data.get("meta") or "{}")
    data.pop("added_at", None)
    return Document.from_dict(data)


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()
