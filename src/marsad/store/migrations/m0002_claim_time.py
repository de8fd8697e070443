"""Claims get their own ``time`` column (filled from the stored claim JSON), and documents an index on
``published``, so claims and documents can be filtered by date."""
from __future__ import annotations

import json

from sqlalchemy import Column, Index, MetaData, String, Table, Text, bindparam, select, update


def upgrade(conn) -> None:
    quote = conn.dialect.identifier_preparer.quote
    conn.exec_driver_sql(f"ALTER TABLE claims ADD COLUMN {quote('time')} VARCHAR(32)")
    meta = MetaData()
    claims = Table("claims", meta, Column("document_id", String(64)), Column("id", String(16)),
                   Column("data", Text), Column("time", String(32)))
    documents = Table("documents", meta, Column("published", String(32)))
    Index("ix_claims_time", claims.c.time).create(conn)
    Index("documents_published", documents.c.published).create(conn)
    rows = []
    for doc_id, claim_id, data in conn.execute(select(claims.c.document_id, claims.c.id, claims.c.data)):
        time = json.loads(data).get("time")
        if time:
            rows.append({"d": doc_id, "c": claim_id, "t": time})
    if rows:
        conn.execute(update(claims).where(claims.c.document_id == bindparam("d"), claims.c.id == bindparam("c"))
                     .values(time=bindparam("t")), rows)
