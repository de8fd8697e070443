"""Plain text files: one document each; the first line is the title when it reads as one."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..config import Config
from ..doc import Document
from ..api import read_text_file, title_of


def read(path: Path, config: Config) -> Iterator[Document]:
    text = read_text_file(path)
    title = title_of(text) if config["extract.title_line"] else None
    yield Document(text, key=str(path), title=title, kind=config["ingest.default_kind"], meta={"path": str(path)})
