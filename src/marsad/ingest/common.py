"""Helpers the source readers share: decoding bytes with errors that name the line, and checking a
document's text before it is stored."""
from __future__ import annotations

import html
import re
from datetime import datetime

import lxml.etree
import lxml.html

from ..errors import EncodingError

_SPACES = re.compile(r"[ \t\u00a0]+")
_YEAR_MONTH = re.compile(r"^\d{4}(-\d{2})?$")


def decode_utf8(data: bytes, source: str, first_line: int = 1) -> str:
    """UTF-8 text (a leading byte-order mark dropped); :class:`EncodingError` names the bad line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = first_line + data[:e.start].count(b"\n")
        raise EncodingError(f"not UTF-8 (byte {e.start}); convert it, e.g. `iconv -f cp1256 -t utf-8`",
                            source=source, line=line) from e


def bad_text(text: str) -> str | None:
    """Why ``text`` cannot be stored as a document's text, or None: a NUL (binary data, or UTF-16) or a
    lone surrogate (a broken ``\\ud8xx`` escape in JSON) would not round-trip through every database."""
    if "\x00" in text:
        return "the text contains NUL characters: binary data or UTF-16, not UTF-8 text"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "the text contains a lone surrogate (a broken \\u escape), not valid Unicode"
    return None


def unescape(text: str) -> str:
    """HTML entities (``&amp;``) decoded and runs of spaces folded; line breaks kept."""
    return _SPACES.sub(" ", html.unescape(text)).strip()


def iso_date(value: object) -> str | None:
    """``value`` when it is an ISO 8601 date or date-time (what the store keeps), else raises ValueError."""
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > 32:
        raise ValueError(f"{value!r} is not an ISO 8601 date")
    if not _YEAR_MONTH.match(value):
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    return value


_BLOCKS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "table",
           "section", "article", "pre", "hr", "figure", "figcaption", "dd", "dt"}


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed entry's summary or content): block elements become line
    breaks, so paragraphs don't run together; scripts and styles are dropped."""
    if "<" not in fragment:
        return unescape(fragment)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return unescape(re.sub(r"<[^>]*>", " ", fragment))
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCKS:
            el.tail = "\n" + (el.tail or "")
    lines = (_SPACES.sub(" ", line).strip() for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)
