"""Sample reports for ``marsad demo``, written for the project (see README.md in this folder): plain
text articles, a Telegram Desktop export (``result.json``), an X archive (``tweets.js``) and a JSONL
wire feed, so the demo goes through several ingest paths."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

SAMPLE_SUFFIXES = (".txt", ".json", ".jsonl", ".js")


def sample_paths() -> list[Path]:
    """The sample files shipped in the package, in name order."""
    root = Path(str(resources.files("marsad.samples")))
    return sorted(p for p in root.iterdir() if p.is_file() and p.suffix in SAMPLE_SUFFIXES)
