"""Ingest: read documents from files, directories and feed URLs into the store.

``read_source`` turns one path into Documents, and into Failures for what cannot be read (a bad file, a
bad line of a JSONL file, a malformed message of a Telegram export), so a batch never stops on one
document and never loses one. Formats, chosen by name and content: plain text (``.txt``, ``.md``),
HTML (``.html``, ``.htm``), RSS and Atom feeds (``.xml``, ``.rss``, ``.atom``, http(s) URLs), Telegram
Desktop exports (a ``result.json``), X/Twitter archives (``tweets.js`` or a JSON list of tweets), JSONL
(``.jsonl``, ``.ndjson``).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..config import Config
from ..doc import Document, Failure
from ..errors import FormatError, InputError, MarsadError, TooLarge
from . import feeds, html, jsonl, telegram, text, xarchive

Progress = Callable[[int, str], None]
Item = Document | Failure


@dataclass
class IngestReport:
    added: int = 0
    duplicates: int = 0
    new_versions: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def documents(self) -> int:
        return self.added + self.duplicates + self.new_versions


def failure_of(error: MarsadError, source: str) -> Failure:
    return Failure(source=error.source or source, code=error.code, message=error.message, line=error.line)


def _reader(path: Path) -> Callable[[Path, Config], Iterator[Item]]:
    name = path.name.lower()
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return jsonl.read
    if suffix in (".html", ".htm", ".xhtml"):
        return html.read
    if suffix in (".xml", ".rss", ".atom"):
        return feeds.read
    if name == "tweets.js" or suffix == ".js":
        return xarchive.read
    if suffix == ".json":
        return _json_reader(path)
    return text.read


def _json_reader(path: Path) -> Callable[[Path, Config], Iterator[Item]]:
    """A .json file is a Telegram export (an object with "messages") or an X archive (a list of tweets)."""
    try:
        head = path.open("rb").read(4096).lstrip()
    except OSError:
        return text.read
    if head.startswith(b"["):
        return xarchive.read
    return telegram.read


def read_source(path: str, config: Config | None = None) -> Iterator[Item]:
    """Documents (and Failures) from one file, directory or feed URL."""
    config = config or Config()
    if path.startswith(("http://", "https://")):
        yield from feeds.read_url(path, config)
        return
    p = Path(path)
    if not p.exists():
        yield Failure(source=path, code=InputError.code, message="no such file or directory")
        return
    files = sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith(".")) if p.is_dir() else [p]
    for f in files:
        try:
            size = f.stat().st_size
            if size > config["ingest.max_bytes"]:
                raise TooLarge(f"{size} bytes is over ingest.max_bytes ({config['ingest.max_bytes']})", source=str(f))
            yield from _reader(f)(f, config)
        except MarsadError as e:
            yield failure_of(e, str(f))
        except (OSError, ValueError, json.JSONDecodeError) as e:
            yield failure_of(FormatError(f"{type(e).__name__}: {e}", source=str(f)), str(f))


def ingest(paths: Iterable[str], store, config: Config | None = None, progress: Progress | None = None,
           run_id: int | None = None) -> IngestReport:
    """Store every document read from ``paths`` once; record a Failure for each one that can't be read."""
    config = config or Config()
    report = IngestReport()
    for path in paths:
        for item in read_source(path, config):
            if isinstance(item, Failure):
                store.add_failure(item, run_id)
                report.failures.append(item)
                if progress:
                    progress(1, f"failed: {item.source}")
                continue
            status = store.add_document(item)
            if status == "added":
                report.added += 1
            elif status == "duplicate":
                report.duplicates += 1
            else:
                report.new_versions += 1
            if progress:
                progress(1, item.key or item.id[:12])
    return report
