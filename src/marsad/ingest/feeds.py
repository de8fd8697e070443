"""RSS and Atom feeds (feedparser), from files or http(s) URLs: one document per entry, with its title,
link and date; the entry's HTML content or summary reduced to text."""
from __future__ import annotations

import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterator

import feedparser

from .. import __version__
from ..config import Config
from ..doc import Document, Failure
from ..errors import EmptyInput, FormatError, InputError, TooLarge
from .common import html_to_text

FETCH_TIMEOUT_S = 30


def _date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", value)
    return None


def documents_from_feed(parsed, source: str) -> Iterator[Document | Failure]:
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            raise FormatError(f"not a readable RSS or Atom feed: {parsed.get('bozo_exception')}", source=source)
        if not parsed.get("version"):
            raise FormatError("not an RSS or Atom feed", source=source)
        raise EmptyInput("the feed has no entries", source=source)
    feed_title = parsed.get("feed", {}).get("title") or None
    for i, entry in enumerate(entries, 1):
        content = entry.get("content") or []
        body = html_to_text(content[0].get("value", "") if content else entry.get("summary", "") or "")
        title = " ".join((entry.get("title") or "").split()) or None
        if title and body.startswith(title):
            body = body[len(title):].lstrip()
        if not body and not title:
            yield Failure(source=source, code=EmptyInput.code, message=f"feed entry {i} has no text")
            continue
        text = f"{title}\n{body}" if title and body else (body or title or "")
        link = entry.get("link") or None
        entry_id = entry.get("id") or None
        yield Document(text, key=link or (f"{source}#{entry_id}" if entry_id else None), url=link,
                       title=title if body else None, published=_date(entry), source=feed_title,
                       meta={"feed": source, "entry_id": entry_id, "entry": i})


def read(path: Path, config: Config) -> Iterator[Document | Failure]:
    yield from documents_from_feed(feedparser.parse(path.read_bytes()), str(path))


def read_url(url: str, config: Config) -> Iterator[Document | Failure]:
    """Fetch the feed at ``url`` (with a timeout and the ``ingest.max_bytes`` limit) and read it."""
    limit = config["ingest.max_bytes"]
    request = urllib.request.Request(url, headers={"User-Agent": f"marsad/{__version__} (feed reader)"})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_S) as response:
            data = response.read(limit + 1)
            headers = {"content-type": response.headers.get("Content-Type", ""), "content-location": url}
    except urllib.error.HTTPError as e:
        raise InputError(f"cannot fetch the feed: HTTP {e.code} {e.reason}", source=url) from e
    except (urllib.error.URLError, OSError, ValueError) as e:
        reason = getattr(e, "reason", None) or e
        raise InputError(f"cannot fetch the feed: {reason}", source=url) from e
    if len(data) > limit:
        raise TooLarge(f"the feed is over ingest.max_bytes ({limit})", source=url)
    yield from documents_from_feed(feedparser.parse(data, response_headers=headers), url)
