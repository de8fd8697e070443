"""Ingest: read documents from files, directories and feed URLs into the store.

``read_source`` turns one path into Documents, and into Failures for what cannot be read (a bad file, a
bad line of a JSONL file, a malformed message of a Telegram export), so a batch never stops on one
document and never loses one. Formats, chosen by name and content: plain text (``.txt``, ``.md``; any
other name given explicitly), HTML (``.html``, ``.htm``, ``.xhtml``), RSS and Atom feeds (``.xml``,
``.rss``, ``.atom``, http(s) URLs), Telegram Desktop exports (a ``.json`` object with messages), X/Twitter
archives (``tweets.js``, or a ``.json`` list of tweets), JSONL (``.jsonl``, ``.ndjson``).

In a directory (walked recursively) only files of those formats are read: hidden files and folders, and
other files (the photos of a Telegram export, the other data files of an X archive) are skipped and
counted in :attr:`IngestReport.skipped`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..config import Config
from ..doc import Document, Failure
from ..errors import EmptyInput, EncodingError, FormatError, InputError, MarsadError, TooLarge
from . import feeds, html, jsonl, telegram, text, xarchive
from .common import bad_text, iso_date

Progress = Callable[[int, str], None]
Item = Document | Failure
Reader = Callable[[Path, Config], Iterator[Item]]

READERS: dict[str, Reader] = {
    ".txt": text.read, ".md": text.read,
    ".html": html.read, ".htm": html.read, ".xhtml": html.read,
    ".xml": feeds.read, ".rss": feeds.read, ".atom": feeds.read,
    ".jsonl": jsonl.read, ".ndjson": jsonl.read,
}


@dataclass
class IngestReport:
    added: int = 0
    duplicates: int = 0
    new_versions: int = 0
    failures: list[Failure] = field(default_factory=list)
    skipped: int = 0  # files in the directories given that are not of a format Marsad reads

    @property
    def documents(self) -> int:
        return self.added + self.duplicates + self.new_versions


def failure_of(error: MarsadError, source: str) -> Failure:
    return Failure(source=error.source or source, code=error.code, message=error.message, line=error.line)


def read_json(path: Path, config: Config) -> Iterator[Item]:
    """A .json file: an X archive when it holds a list (of tweets), else a Telegram export."""
    with path.open("rb") as f:
        head = f.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    yield from (xarchive.read if head.startswith(b"[") else telegram.read)(path, config)


def reader_for(path: Path, *, in_directory: bool = False) -> Reader | None:
    """The reader for ``path``; None for a file met in a directory that is of no format Marsad reads
    (a file named explicitly is read as plain text)."""
    suffix = path.suffix.lower()
    if suffix in READERS:
        return READERS[suffix]
    if suffix == ".json":
        return read_json
    if suffix == ".js" and (xarchive.TWEET_FILES.match(path.name) or not in_directory):
        return xarchive.read
    return None if in_directory else text.read


def walk(path: Path) -> tuple[list[Path], int]:
    """The files to read under ``path`` (itself, when a file) and how many others were skipped."""
    if not path.is_dir():
        return [path], 0
    found, skipped = [], 0
    for f in sorted(path.rglob("*")):
        if any(part.startswith(".") for part in f.relative_to(path).parts) or not f.is_file():
            continue
        if reader_for(f, in_directory=True):
            found.append(f)
        else:
            skipped += 1
    return found, skipped


def _checked(item: Item) -> Item:
    """A document as it can be stored, or a Failure saying why it cannot: its text must be real text; a
    ``published`` that is not an ISO 8601 date moves to ``meta["published_as_given"]``."""
    if isinstance(item, Failure):
        return item
    problem = bad_text(item.text) if item.text.strip() else "the text is empty"
    if problem:
        where = item.meta.get("path") or item.key or item.id
        code = EmptyInput.code if problem == "the text is empty" else EncodingError.code
        return Failure(source=str(where), code=code, message=problem, line=item.meta.get("line"))
    try:
        iso_date(item.published)
    except ValueError:
        item.meta["published_as_given"] = item.published
        item.published = None
    return item


def read_file(path: Path, config: Config, reader: Reader | None = None) -> Iterator[Item]:
    """Documents and Failures from one file; whatever goes wrong becomes a Failure naming the file."""
    source = str(path)
    try:
        size = path.stat().st_size
        limit = config["ingest.max_bytes"]
        if size > limit:
            raise TooLarge(f"{size} bytes is over ingest.max_bytes ({limit})", source=source)
        if size <= 4096 and not path.read_bytes().strip():
            raise EmptyInput("the file is empty", source=source)
        reader = reader or reader_for(path) or text.read
        for item in reader(path, config):
            yield _checked(item)
    except MarsadError as e:
        yield failure_of(e, source)
    except OSError as e:
        yield failure_of(InputError(f"cannot read the file: {e.strerror or e}", source=source), source)
    except Exception as e:  # noqa: BLE001 (a reader's slip on odd input must not stop the batch)
        yield failure_of(FormatError(f"cannot read the file: {type(e).__name__}: {e}", source=source), source)


def read_source(path: str, config: Config | None = None) -> Iterator[Item]:
    """Documents (and Failures) from one file, directory or feed URL."""
    config = config or Config()
    yield from _read_source(path, config, None)


def _read_source(path: str, config: Config, report: IngestReport | None) -> Iterator[Item]:
    if path.startswith(("http://", "https://")):
        try:
            for item in feeds.read_url(path, config):
                yield _checked(item)
        except MarsadError as e:
            yield failure_of(e, path)
        return
    p = Path(path).expanduser()
    if not p.exists():
        yield Failure(source=path, code=InputError.code, message="no such file or directory")
        return
    files, skipped = walk(p)
    if report is not None:
        report.skipped += skipped
    for f in files:
        yield from read_file(f, config)


def ingest(paths: Iterable[str], store, config: Config | None = None, progress: Progress | None = None,
           run_id: int | None = None) -> IngestReport:
    """Store every document read from ``paths`` once; record a Failure for each one that can't be read."""
    config = config or Config()
    report = IngestReport()
    for path in paths:
        for item in _read_source(str(path), config, report):
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
