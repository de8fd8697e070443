"""The current schema, as the store's queries see it: what the migrations, applied in order, build.

Portable types only (text, integers, floats, booleans; JSON kept as TEXT), so SQLite and PostgreSQL take
the same schema. Record tables (claims, events, mentions, links) hold one row per record with the columns
an API filters on (type, stance, channel, place, date) and its spans; ``data`` keeps the record's JSON.
"""
from __future__ import annotations

from sqlalchemy import Boolean, Column, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()

documents = Table(
    "documents", metadata,
    Column("id", String(64), primary_key=True),  # the SHA-256 of the text
    Column("key", Text, index=True),  # url, file path or telegram:channel/message: the same item across versions
    Column("source", Text), Column("url", Text), Column("language", String(8)), Column("published", String(32)),
    Column("retrieved", String(32)), Column("title", Text), Column("kind", String(16), nullable=False),
    Column("meta", Text, nullable=False), Column("text", Text, nullable=False),
    Column("previous_id", String(64), ForeignKey("documents.id")), Column("added_at", String(32), nullable=False),
)
runs = Table(
    "runs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("command", Text, nullable=False), Column("pipeline_version", String(32), nullable=False),
    Column("config", Text, nullable=False), Column("started", String(32), nullable=False),
    Column("finished", String(32)), Column("stats", Text),
)
results = Table(
    "results", metadata,
    Column("document_id", String(64), ForeignKey("documents.id"), primary_key=True),
    Column("pipeline_version", String(32), primary_key=True),
    Column("run_id", Integer, ForeignKey("runs.id")), Column("data", Text, nullable=False),
    Column("processed_at", String(32), nullable=False),
)
claims = Table(
    "claims", metadata,
    Column("document_id", String(64), ForeignKey("documents.id"), primary_key=True),
    Column("id", String(16), primary_key=True),
    Column("speaker", Text), Column("speaker_actor", Text, index=True), Column("channel", String(24), index=True),
    Column("stance", String(8), index=True), Column("cue", Text), Column("direct", Boolean),
    Column("start", Integer), Column("end", Integer), Column("text", Text), Column("data", Text, nullable=False),
    Column("time", String(32), index=True),  # m0002
)
events = Table(
    "events", metadata,
    Column("document_id", String(64), ForeignKey("documents.id"), primary_key=True),
    Column("id", String(16), primary_key=True),
    Column("type", String(32), index=True), Column("place_id", Text, index=True), Column("place_name", Text),
    Column("lat", Float), Column("lon", Float), Column("date", String(32), index=True), Column("status", String(16)),
    Column("contested", Boolean), Column("start", Integer), Column("end", Integer), Column("data", Text, nullable=False),
)
mentions = Table(
    "mentions", metadata,
    Column("document_id", String(64), ForeignKey("documents.id"), primary_key=True),
    Column("n", Integer, primary_key=True),
    Column("label", String(16), index=True), Column("entity_id", Text, index=True), Column("text", Text),
    Column("start", Integer), Column("end", Integer), Column("lat", Float), Column("lon", Float),
    Column("data", Text, nullable=False),
)
links = Table(
    "links", metadata,
    Column("document_id", String(64), ForeignKey("documents.id"), primary_key=True),
    Column("n", Integer, primary_key=True),
    Column("kind", String(24), index=True), Column("a", Text), Column("b", Text), Column("reason", Text),
)
failures = Table(
    "failures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False), Column("line", Integer), Column("code", String(8), nullable=False),
    Column("message", Text, nullable=False), Column("stage", Text), Column("document_id", String(64)),
    Column("run_id", Integer), Column("at", String(32), nullable=False),
)
Index("documents_previous", documents.c.previous_id)
Index("documents_published", documents.c.published)  # m0002

RECORD_TABLES = (claims, events, mentions, links)
