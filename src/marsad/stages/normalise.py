"""Normalisation that never moves an offset.

The raw text stays as it was read. :class:`NormText` holds a folded copy for matching and, for every
character of it, the raw range it came from, so a span found in the folded text maps back exactly.

Folding, character by character: compatibility decomposition (NFKD, which also splits Arabic
presentation forms and ligatures), then dropped: combining marks (Arabic diacritics, the hamza and
madda above alef, waw and ya, Latin accents), format characters (bidi controls, zero-width joiners
and spaces, BOM, soft hyphen) and tatweel; mapped: alef wasla to alef, alef maqsura to ya, ta marbuta
to ha, Arabic-Indic and Persian digits to ASCII, Persian kaf and ya to Arabic, every space (no-break,
thin, ideographic) to " "; then lower case.
"""
from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..doc import Doc, Span
from ..pipeline import stage

_MAP = {
    "\u0671": "\u0627",  # alef wasla -> alef
    "\u0649": "\u064a",  # alef maqsura -> ya
    "\u0629": "\u0647",  # ta marbuta -> ha
    "\u06a9": "\u0643",  # Persian kaf -> kaf
    "\u06cc": "\u064a",  # Persian ya -> ya
    "\u0640": "",  # tatweel
}
for _i in range(10):
    _MAP[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic digits
    _MAP[chr(0x06F0 + _i)] = str(_i)  # Persian digits


@lru_cache(maxsize=8192)
def fold_char(c: str) -> str:
    """The folded form of one character: possibly empty, possibly several characters."""
    if c in _MAP:
        return _MAP[c]
    if c.isascii():
        return c.lower() if c.isalpha() else c
    cat = unicodedata.category(c)
    if cat == "Cf":
        return ""
    if cat == "Zs":
        return " "
    out = []
    for d in unicodedata.normalize("NFKD", c):
        if unicodedata.category(d) in ("Mn", "Me", "Cf"):
            continue
        d = _MAP.get(d, d)
        out.append(" " if d and unicodedata.category(d) == "Zs" else d.lower())
    return "".join(out)


@dataclass
class NormText:
    """The folded text and, for each of its characters, the raw ``[start, end)`` it came from."""

    raw: str
    text: str
    starts: list[int]
    ends: list[int]

    @classmethod
    def of(cls, raw: str) -> "NormText":
        parts: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        group = 0  # how many folded characters the last emitting raw character made
        for i, c in enumerate(raw):
            f = fold_char(c)
            if not f:
                # a dropped diacritic or tatweel belongs to the letter before it: a span ending on that
                # letter takes its marks along
                if group and (c == "\u0640" or unicodedata.category(c) in ("Mn", "Me")):
                    ends[-group:] = [i + 1] * group
                continue
            parts.append(f)
            starts.extend([i] * len(f))
            ends.extend([i + 1] * len(f))
            group = len(f)
        return cls(raw, "".join(parts), starts, ends)

    def raw_span(self, start: int, end: int) -> Span:
        """The raw span of the folded span ``[start, end)``."""
        if not 0 <= start <= end <= len(self.text):
            raise IndexError(f"span {(start, end)} outside the normalised text (length {len(self.text)})")
        if start == end:
            pos = self.starts[start] if start < len(self.starts) else len(self.raw)
            return (pos, pos)
        return (self.starts[start], self.ends[end - 1])

    def norm_span(self, start: int, end: int) -> Span:
        """The folded span covering the raw span ``[start, end)``: every folded character whose source
        lies inside it."""
        a = bisect.bisect_left(self.starts, start)
        b = bisect.bisect_left(self.starts, end)
        return (a, max(a, b))


def fold(text: str) -> str:
    """The folded form of a string, for lexicon entries and lookups: the same folding as the pipeline."""
    return "".join(fold_char(c) for c in text)


@stage("normalise.v1", assigns=("norm",))
def normalise(doc: Doc) -> Doc:
    """Fold the text for matching, keeping a map back to raw offsets."""
    doc.norm = NormText.of(doc.text)
    return doc
