"""Sentences and tokens, in Arabic and English, as spans into the raw text.

Sentences end at a line break, and at ``. ! ? ؟ …`` followed by space, except after an abbreviation
("Dec.", "Mr.", "U.S.") or a lone initial. Tokens are words (Arabic diacritics and tatweel kept inside
the word, apostrophes inside words such as Sa'ar kept) and single punctuation marks. Each Arabic
token also carries its stem: the word without the proclitics و ف (and), ب ك ل (prepositions), س
(future) and the article ال, for matching "وحمص", "بدمشق", "للمرصد" against lexicons without changing
any offset.
"""
from __future__ import annotations

import re

from ..doc import Doc, Span, Token
from ..pipeline import stage
from .language import lang_at

_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
WORD = re.compile(rf"[\w{_MARKS}]+(?:['’\-][\w{_MARKS}]+)*|[^\w\s{_MARKS}]")
_END = re.compile(r"(?:[.!?؟…]+)[\"'”’»)\]]*(?=\s)|\n")
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "st", "jr", "sr", "prof", "rev", "gov",
    "sen", "rep", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "no", "vs", "etc", "inc", "ltd", "co", "corp", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m", "approx",
}


def sentences_of(text: str) -> list[Span]:
    out: list[Span] = []
    start = 0
    for m in _END.finditer(text):
        end = m.end()
        if m.group() != "\n":
            before = text[start:m.start()].rsplit(None, 1)
            last = before[-1].lower().lstrip("(\"'“«") if before else ""
            if last in ABBREVIATIONS or (len(last) == 1 and last.isalpha() and last.isascii()):
                continue
        _add(text, start, end, out)
        start = end
    _add(text, start, len(text), out)
    return out


def _add(text: str, start: int, end: int, out: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))


_CONJ = ("و", "ف")
_PREP = ("ب", "ك", "ل", "س")


def proclitic_length(word: str) -> int:
    """How many leading characters of the folded Arabic ``word`` are proclitics (0 when none)."""
    i = 0
    if len(word) > 3 and word[0] in _CONJ:
        i = 1
    if len(word) - i > 3 and word[i] in _PREP:
        if word[i] == "ل" and word[i + 1:i + 3] == "ال":  # ل + ال -> لل... written "لال"? rare
            return i + 3
        if word[i] == "ل" and word[i + 1] == "ل" and len(word) - i > 4:  # لل = ل + ال
            return i + 2
        i += 1
    if len(word) - i > 3 and word.startswith("ال", i):
        i += 2
    return i


def tokens_of(doc: Doc) -> list[Token]:
    norm = doc.norm
    out: list[Token] = []
    for m in WORD.finditer(doc.text):
        span = (m.start(), m.end())
        a, b = norm.norm_span(*span)
        folded = norm.text[a:b]
        lang = lang_at(doc, span[0])
        k = proclitic_length(folded) if lang in ("ar", "fa") and folded[:1].isalpha() else 0
        if k and a + k < b:
            stem_span = (norm.starts[a + k], span[1])
            out.append(Token(span, folded, folded[k:], stem_span, lang))
        else:
            out.append(Token(span, folded, folded, span, lang))
    return out


@stage("segment.v1", requires=("norm", "segments"), assigns=("sentences", "tokens"))
def segment(doc: Doc) -> Doc:
    """Split sentences and tokens; Arabic tokens get their stem without proclitics."""
    doc.sentences = sentences_of(doc.text)
    doc.tokens = tokens_of(doc)
    return doc
