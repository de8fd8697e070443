"""The Python API: ``marsad.extract(text, published=...)`` runs the pipeline over one text."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .config import Config
from .doc import Doc, Document
from .errors import EmptyInput, EncodingError, InputError
from .pipeline import Pipeline

TITLE_MAX_CHARS = 250


@lru_cache(maxsize=8)
def _pipeline(names: tuple[str, ...]) -> Pipeline:
    return Pipeline(names)


def build_pipeline(config: Config | None = None) -> Pipeline:
    """The pipeline the settings name, with the imported gazetteer (``gazetteer.path``) when one is set."""
    from .gazetteer import use_database

    config = config or Config()
    use_database(config["gazetteer.path"] or None)
    return _pipeline(tuple(config["pipeline.stages"]))


def title_of(text: str) -> str | None:
    """The first line when it reads as a headline: short and not ending a sentence."""
    first = text.split("\n", 1)[0].strip()
    if "\n" not in text or not first or len(first) > TITLE_MAX_CHARS:
        return None
    if first.endswith((".", "،", ",", ":", "؛")) and len(first) > 120:
        return None
    return first


def extract(text: str, published: str | None = None, *, title: str | None | bool = True,
            config: Config | None = None, **document_fields) -> Doc:
    """Extract claims, events, places and contradictions from ``text``.

    ``published`` (an ISO date) anchors relative dates ("yesterday", "اليوم الجمعة"). ``title``: True
    takes the first line as the title when it reads as one; a string sets it; False/None means none.
    """
    if title is True:
        title = title_of(text)
    doc = Doc(Document(text, published=published, title=title or None, **document_fields))
    return build_pipeline(config)(doc)


def read_text_file(path: str | Path) -> str:
    """Read a UTF-8 text file, with a clear error for an empty or non-UTF-8 file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read file: {e.strerror}", source=str(path)) from e
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        raise EncodingError(f"not UTF-8 (byte {e.start}); convert it, e.g. `iconv -f cp1256 -t utf-8`",
                            source=str(path), line=line) from e
    if not text.strip():
        raise EmptyInput("the file is empty", source=str(path))
    return text


def extract_file(path: str | Path, published: str | None = None, *, config: Config | None = None) -> Doc:
    config = config or Config()
    text = read_text_file(path)
    return extract(text, published, title=bool(config["extract.title_line"]), config=config,
                   key=str(Path(path)))
