"""The model file: a gzip stream holding one JSON line (format, training facts, word lists), then
the CRFsuite model bytes. One file, so the word lists a model was trained with travel with it."""
from __future__ import annotations

import dataclasses
import gzip
import json
from pathlib import Path

from ..errors import FormatError
from .features import Lexicons

FORMAT = "marsad-ner/1"


def write_model(path: Path, crf: bytes, lex: Lexicons, info: dict) -> int:
    """Write the model file; returns its size in bytes."""
    meta = {"format": FORMAT, "info": info, "lexicons": dataclasses.asdict(lex)}
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    head = json.dumps(meta, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with gzip.GzipFile(path, "wb", compresslevel=9, mtime=0) as f:
        f.write(head + b"\n" + crf)
    return path.stat().st_size


def read_model(data: bytes, source: str) -> tuple[bytes, Lexicons, dict]:
    """``(crfsuite bytes, lexicons, info)`` from the bytes of a model file."""
    try:
        head, _, crf = gzip.decompress(data).partition(b"\n")
        meta = json.loads(head)
    except (OSError, EOFError, ValueError) as e:
        raise FormatError(f"not a names model file ({e})", source=source) from None
    if meta.get("format") != FORMAT:
        raise FormatError(f"names model format {meta.get('format')!r}, expected {FORMAT!r}", source=source)
    try:
        lex = Lexicons(**meta["lexicons"])
    except (KeyError, TypeError) as e:
        raise FormatError(f"names model word lists unreadable ({e})", source=source) from None
    return crf, lex, meta.get("info", {})
