"""JSONL: one document per line, ``{"text": ..., "title", "url", "published", "source", "kind"}``; a
bad line is a Failure naming that line, and the other lines are read."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from ..config import Config
from ..doc import DOCUMENT_KINDS, Document, Failure
from ..errors import EncodingError, FormatError

FIELDS = ("title", "url", "published", "source")


def read(path: Path, config: Config) -> Iterator[Document | Failure]:
    with path.open("rb") as f:
        for n, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                yield Failure(str(path), EncodingError.code, f"not UTF-8: {e.reason}", line=n)
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as e:
                yield Failure(str(path), FormatError.code, f"broken JSON: {e.msg}", line=n)
                continue
            if not isinstance(data, dict) or not isinstance(data.get("text"), str) or not data["text"].strip():
                yield Failure(str(path), FormatError.code, "a line needs an object with a non-empty \"text\"", line=n)
                continue
            kind = data.get("kind") or "article"
            if kind not in DOCUMENT_KINDS:
                yield Failure(str(path), FormatError.code, f"unknown kind {kind!r}", line=n)
                continue
            title = data.get("title")
            text = data["text"]
            if title and not text.startswith(title):
                text = f"{title}\n{text}"
            fields = {k: data.get(k) for k in FIELDS}
            yield Document(text, key=data.get("url") or data.get("id") or f"{path}:{n}", kind=kind,
                           meta={"path": str(path), "line": n}, **fields)
