"""JSONL: one document per line, ``{"text": ..., "title", "url", "published", "source", "kind"}`` (other
fields go to ``meta``). A bad line is a Failure naming that line, and the other lines are read.

A line's key (what links a changed text to its older version) is its ``url``, else its ``id``; a line
with neither has no key, so editing one such line never links it to an unrelated one.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from ..config import Config
from ..doc import DOCUMENT_KINDS, Document, Failure
from ..errors import FormatError, InputError
from .common import decode_utf8

FIELDS = ("title", "url", "published", "source")


def document_from_line(data, source: str, n: int) -> Document:
    """The document of one parsed line; FormatError says what is wrong with it."""
    if not isinstance(data, dict):
        raise FormatError(f"a line must be a JSON object, not {type(data).__name__}", source=source, line=n)
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise FormatError('a line needs a non-empty "text" string', source=source, line=n)
    for name in FIELDS:
        if data.get(name) is not None and not isinstance(data[name], str):
            raise FormatError(f'"{name}" must be a string', source=source, line=n)
    kind = data.get("kind") or "article"
    if kind not in DOCUMENT_KINDS:
        raise FormatError(f"unknown kind {kind!r}; one of {', '.join(DOCUMENT_KINDS)}", source=source, line=n)
    title = (data.get("title") or "").strip() or None
    if title and not text.startswith(title):
        text = f"{title}\n{text}"
    key = data.get("url") or (str(data["id"]) if data.get("id") not in (None, "") else None)
    meta = {k: v for k, v in data.items() if k not in (*FIELDS, "text", "kind")}
    meta.update({"path": source, "line": n})
    return Document(text, key=key, kind=kind, title=title, url=data.get("url") or None,
                    published=data.get("published") or None, source=data.get("source") or None, meta=meta)


def read(path: Path, config: Config) -> Iterator[Document | Failure]:
    source = str(path)
    with path.open("rb") as f:
        for n, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            try:
                line = decode_utf8(raw, source, first_line=n)
                try:
                    data = json.loads(line)
                except json.JSONDecodeError as e:
                    raise FormatError(f"broken JSON: {e.msg} (column {e.colno})", source=source, line=n) from e
                yield document_from_line(data, source, n)
            except InputError as e:
                yield Failure(source, e.code, e.message, line=n)

