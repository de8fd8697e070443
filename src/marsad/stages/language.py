"""Language per segment. Articles mix Arabic and English (photo captions, quoted posts), so each
line, and each sentence inside a line, gets its own language from its letters' scripts; neighbouring
pieces in the same language are joined into one segment.

Arabic script is ``ar``, or ``fa`` where Persian-only letters are frequent; Latin script is ``en``
(the sources Marsad reads are Arabic and English; another Latin-script language is labelled ``en``
too, a known limit); text with no letters is ``und`` and joins its neighbour.
"""
from __future__ import annotations

import re
from collections import Counter

from ..doc import Doc, Segment, Span
from ..pipeline import stage

_PIECE = re.compile(r"[^\n.!?؟]*(?:[.!?؟]+|\n|$)")
_PERSIAN = set("پچژگکی")


def script_language(text: str) -> str:
    arabic = latin = persian = 0
    for c in text:
        o = ord(c)
        if 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0xFB50 <= o <= 0xFEFF:
            if c.isalpha():
                arabic += 1
                persian += c in _PERSIAN
        elif c.isascii() and c.isalpha():
            latin += 1
        elif c.isalpha() and o < 0x0250:
            latin += 1
    if arabic == latin == 0:
        return "und"
    if arabic >= latin:
        return "fa" if persian > max(3, arabic * 0.03) else "ar"
    return "en"


def segments_of(text: str) -> list[Segment]:
    pieces: list[tuple[Span, str]] = []
    for m in _PIECE.finditer(text):
        if m.start() == m.end():
            continue
        pieces.append(((m.start(), m.end()), script_language(m.group())))
    out: list[Segment] = []
    for span, lang in pieces:
        if out and (lang == "und" or out[-1].lang == lang):
            out[-1] = Segment((out[-1].span[0], span[1]), out[-1].lang)
        elif out and out[-1].lang == "und":
            out[-1] = Segment((out[-1].span[0], span[1]), lang)
        else:
            out.append(Segment(span, lang))
    return out


def document_language(segments: list[Segment]) -> str:
    weight: Counter[str] = Counter()
    for s in segments:
        weight[s.lang] += s.span[1] - s.span[0]
    weight.pop("und", None)
    return weight.most_common(1)[0][0] if weight else "und"


@stage("language.v1", assigns=("segments", "language"))
def language(doc: Doc) -> Doc:
    """Split the text into runs of one language; the document's language is the one with most text."""
    doc.segments = segments_of(doc.text)
    if not doc.document.language:
        doc.document.language = document_language(doc.segments)
    return doc


def lang_at(doc: Doc, pos: int) -> str:
    """The language of the segment holding raw offset ``pos``."""
    for s in doc.segments:
        if s.span[0] <= pos < s.span[1]:
            return s.lang
    return doc.document.language or "und"
