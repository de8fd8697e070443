"""HTML pages: the main text with boilerplate removed (trafilatura), the title and date kept.

The page goes to trafilatura as bytes, so a declared charset (``windows-1256`` on older Arabic sites) is
honoured. Broken markup gives what trafilatura recovers, or a :class:`FormatError` when no article text is
left; never a crash.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

import trafilatura

from ..config import Config
from ..doc import Document
from ..errors import EmptyInput, FormatError


def document_from_html(markup: str | bytes, source: str, url: str | None = None) -> Document:
    if not markup.strip():
        raise EmptyInput("the file is empty", source=source)
    try:
        result = trafilatura.extract(markup, url=url, output_format="json", with_metadata=True,
                                     include_comments=False, favor_precision=True)
    except Exception as e:  # noqa: BLE001 (trafilatura and lxml raise many kinds on broken markup)
        raise FormatError(f"cannot parse the HTML: {type(e).__name__}: {e}", source=source) from e
    data = json.loads(result) if result else {}
    body = (data.get("text") or "").strip()
    if not body:
        raise FormatError("no article text found in the HTML page (boilerplate only, or not HTML)", source=source)
    title = " ".join((data.get("title") or "").split()) or None
    if title and body.split("\n", 1)[0].strip() == title:  # the page's own headline opens the text
        body = body.split("\n", 1)[1].strip() if "\n" in body else ""
    text = f"{title}\n{body}" if title and body else (body or title or "")
    page_url = url or data.get("source")  # trafilatura's JSON: "source" is the page's (canonical) URL
    return Document(text, key=page_url or source, url=page_url, title=title, published=data.get("date"),
                    source=data.get("source-hostname") or data.get("hostname"),
                    meta={"path": source, "author": data.get("author")})


def read(path: Path, config: Config) -> Iterator[Document]:
    yield document_from_html(path.read_bytes(), str(path))
