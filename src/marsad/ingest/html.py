"""HTML pages: the main text with boilerplate removed (trafilatura), the title and date kept."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

import trafilatura

from ..config import Config
from ..doc import Document
from ..errors import EmptyInput, FormatError


def document_from_html(markup: str, source: str, url: str | None = None) -> Document:
    if not markup.strip():
        raise EmptyInput("the file is empty", source=source)
    try:
        result = trafilatura.extract(markup, url=url, output_format="json", with_metadata=True,
                                     include_comments=False, favor_precision=True)
    except Exception as e:  # trafilatura raises many kinds on broken markup
        raise FormatError(f"cannot parse the HTML: {type(e).__name__}: {e}", source=source) from e
    if not result:
        raise FormatError("no article text found in the HTML page", source=source)
    data = json.loads(result)
    body = (data.get("text") or "").strip()
    if not body:
        raise FormatError("no article text found in the HTML page", source=source)
    title = (data.get("title") or "").strip() or None
    text = f"{title}\n{body}" if title else body
    return Document(text, key=url or data.get("url") or source, url=url or data.get("url"), title=title,
                    published=data.get("date"), source=data.get("sitename") or data.get("hostname"),
                    meta={"path": source, "author": data.get("author")})


def read(path: Path, config: Config) -> Iterator[Document]:
    raw = path.read_bytes()
    markup = raw.decode("utf-8", errors="replace") if raw else ""
    yield document_from_html(markup, str(path))
