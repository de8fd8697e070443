"""Exports from the store. JSONL: one line per processed document, its contract JSON."""
from __future__ import annotations

import json
from typing import TextIO


def export_jsonl(store, out: TextIO) -> int:
    n = 0
    for data in store.results():
        out.write(json.dumps(data, ensure_ascii=False) + "\n")
        n += 1
    return n
