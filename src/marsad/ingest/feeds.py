"""RSS and Atom feeds (feedparser): one document per entry, with its title, link and date; the entry's
HTML content is reduced to text."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Iterator

import feedparser
import lxml.html

from ..config import Config
from ..doc import Document, Failure
from ..errors import FormatError


def _text(html: str) -> str:
    if not html or "<" not in html:
        return (html or "").strip()
    try:
        return lxml.html.fromstring(html).text_content().strip()
    except (ValueError, lxml.etree.ParserError):
        return html.strip()


def _date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", value)
    return None


def documents_from_feed(parsed, source: str) -> Iterator[Document | Failure]:
    if parsed.get("bozo") and not parsed.get("entries"):
        raise FormatError(f"not a readable RSS or Atom feed: {parsed.get('bozo_exception')}", source=source)
    feed_title = parsed.get("feed", {}).get("title")
    for i, entry in enumerate(parsed.get("entries", []), 1):
        content = entry.get("content") or []
        body = _text(content[0].get("value", "")) if content else _text(entry.get("summary", ""))
        title = (entry.get("title") or "").strip() or None
        if not body and not title:
            yield Failure(source=source, code="E101", message=f"feed entry {i} has no text", line=None)
            continue
        text = f"{title}\n{body}" if title and body else (body or title or "")
        link = entry.get("link")
        yield Document(text, key=link or f"{source}#{entry.get('id', i)}", url=link, title=title,
                       published=_date(entry), source=feed_title, meta={"feed": source, "entry_id": entry.get("id")})


def read(path: Path, config: Config) -> Iterator[Document | Failure]:
    yield from documents_from_feed(feedparser.parse(path.read_bytes()), str(path))


def read_url(url: str, config: Config) -> Iterator[Document | Failure]:
    parsed = feedparser.parse(url)
    if parsed.get("status", 200) >= 400 or (parsed.get("bozo") and not parsed.get("entries")):
        yield Failure(source=url, code=FormatError.code,
                      message=f"cannot read the feed: {parsed.get('bozo_exception') or parsed.get('status')}")
        return
    yield from documents_from_feed(parsed, url)
