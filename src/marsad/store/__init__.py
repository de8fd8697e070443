"""The store: SQLite by default (one file), any SQLAlchemy URL behind the same interface.

One writer: every write takes the store's lock and runs in a short transaction; SQLite runs in WAL
mode, so reads never wait for ingest.
"""
from __future__ import annotations

from .sql import Store, open_store

__all__ = ["Store", "open_store"]
