"""The model file: a gzip stream holding one JSON line (format, training facts, word lists, the sizes
of the binary parts), then the binary parts: the CRFsuite model of the names, then that of the word
shapes (marsad.ner.shapes), then the projection of words in context (marsad.ner.context) and the
probe reading them (marsad.ner.probe). One file, so all a model was trained with travels with it."""
from __future__ import annotations

import dataclasses
import gzip
import json
from pathlib import Path

from ..errors import FormatError
from .features import Lexicons

FORMAT = "marsad-ner/3"


@dataclasses.dataclass
class ModelParts:
    crf: bytes
    lex: Lexicons
    shapes: bytes | None = None
    context: bytes | None = None  # marsad.ner.context.Projection, when the model reads words in context
    probe: bytes | None = None  # marsad.ner.probe.Probe
    info: dict = dataclasses.field(default_factory=dict)


def write_model(path: Path, parts: ModelParts) -> int:
    """Write the model file; returns its size in bytes."""
    blobs = {"crf": parts.crf, **{k: v for k, v in (("shapes", parts.shapes), ("context", parts.context),
                                                       ("probe", parts.probe)) if v}}
    meta = {"format": FORMAT, "info": parts.info, "lexicons": dataclasses.asdict(parts.lex),
            "parts": {name: len(b) for name, b in blobs.items()}}
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    head = json.dumps(meta, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with gzip.GzipFile(path, "wb", compresslevel=9, mtime=0) as f:
        f.write(head + b"\n" + b"".join(blobs.values()))
    return path.stat().st_size


def read_model(data: bytes, source: str) -> ModelParts:
    """The parts of a model file, from its bytes."""
    try:
        head, _, body = gzip.decompress(data).partition(b"\n")
        meta = json.loads(head)
    except (OSError, EOFError, ValueError) as e:
        raise FormatError(f"not a names model file ({e})", source=source) from None
    if meta.get("format") != FORMAT:
        raise FormatError(f"names model format {meta.get('format')!r}, expected {FORMAT!r}; "
                          "train it again with `marsad train ner`", source=source)
    try:
        lex = Lexicons(**meta["lexicons"])
        sizes = meta["parts"]
        blobs, at = {}, 0
        for name, size in sizes.items():
            blobs[name] = body[at:at + size]
            at += size
    except (KeyError, TypeError, AttributeError) as e:
        raise FormatError(f"names model parts unreadable ({e})", source=source) from None
    if at != len(body) or "crf" not in blobs:
        raise FormatError("names model file truncated or damaged", source=source)
    return ModelParts(crf=blobs["crf"], lex=lex, shapes=blobs.get("shapes"), context=blobs.get("context"),
                      probe=blobs.get("probe"), info=meta.get("info", {}))
