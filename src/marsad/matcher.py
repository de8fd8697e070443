"""Phrase lookup over folded tokens, shared by the gazetteer and the actor dictionary.

A phrase and the text are cut into words with the same rule (``stages.segment.WORD``) and folded
(``stages.normalise.fold``); a phrase is indexed by its folded words as written (Latin words lose a
possessive "'s"). In the text, the first word of a phrase may also carry Arabic proclitics: the
conjunctions و ف, then the prepositions ب ك ل ("لل" is ل + ال). So "وبحمص" and "لحمص" match "حمص",
"ليبيا" matches "ليبيا" with its own ل, and the adjective "السورية" does not match the country
"سورية" (the article is never removed). Lookup is longest match first, left to right, so "سجن حمص
المركزي" wins over "حمص" and "northern Homs countryside" over "Homs".
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, Iterable, TypeVar

from .stages.normalise import fold
from .stages.segment import WORD

T = TypeVar("T")


def is_arabic(word: str) -> bool:
    return bool(word) and "\u0600" <= word[0] <= "\u06ff"


def has_arabic(text: str) -> bool:
    """Whether any character of ``text`` is in the Arabic block."""
    return any("\u0600" <= c <= "\u06ff" for c in text)


def word_key(folded: str) -> str:
    """The key of one folded word of a phrase: the word itself; a Latin word without a possessive."""
    if not is_arabic(folded) and folded.endswith(("'s", "’s")):
        return folded[:-2]
    return folded


def stem_key(folded: str) -> str:
    """A folded word without Arabic conjunction and preposition proclitics (for lexicon words of four
    letters or more: "وقرية" -> "قريه", "في" stays)."""
    for key, _ in token_variants(folded)[::-1]:
        if len(key) >= 3:
            return key
    return folded


def token_variants(folded: str) -> list[tuple[str, int]]:
    """Keys a folded text word may stand for, with how many leading characters are proclitics; fewest
    first: "وبحمص" -> [("وبحمص", 0), ("بحمص", 1), ("حمص", 2)]."""
    out = [(word_key(folded), 0)]
    if not is_arabic(folded):
        return out
    bases = [(folded, 0)]
    if len(folded) > 3 and folded[0] in "وف":
        bases.append((folded[1:], 1))
    for base, cut in bases:
        if len(base) > 3 and base[0] in "بكل":
            if base.startswith("لل"):
                out.append(("ا" + base[1:], cut))  # لل = ل + ال: the article's alef is not written
            else:
                out.append((base[1:], cut + 1))
    out[1:1] = [b for b in bases[1:]]
    return out


def phrase_keys(phrase: str) -> tuple[str, ...]:
    return tuple(word_key(fold(m.group())) for m in WORD.finditer(phrase) if m.group().strip("-") and
                 (m.group()[0].isalnum() or is_arabic(m.group())))


def text_words(text: str) -> list[str]:
    """The folded words of a text, cut as :func:`phrase_keys` cuts a phrase."""
    return [fold(m.group()) for m in WORD.finditer(text) if m.group().strip("-") and
            (m.group()[0].isalnum() or is_arabic(m.group()))]


@dataclass
class Match(Generic[T]):
    start: int  # first token index
    end: int  # one past the last token index
    values: list[T]
    keys: tuple[str, ...] = ()  # the phrase key matched
    cut: int = 0  # proclitic characters at the start of the first token


class PhraseMatcher(Generic[T]):
    def __init__(self) -> None:
        self.index: dict[tuple[str, ...], list[T]] = {}
        self.max_len = 0

    def add(self, phrase: str, value: T) -> None:
        keys = phrase_keys(phrase)
        if not keys:
            return
        bucket = self.index.setdefault(keys, [])
        if value not in bucket:
            bucket.append(value)
        self.max_len = max(self.max_len, len(keys))

    def lookup(self, phrase: str) -> list[T]:
        """The values of exactly this phrase (its first word may carry proclitics)."""
        words = text_words(phrase)
        found = self.find(words)
        if len(found) == 1 and found[0].start == 0 and found[0].end == len(words):
            return list(found[0].values)
        return []

    def find(self, words: list[str], skip: Iterable[int] = ()) -> list[Match[T]]:
        """Longest non-overlapping matches over folded words (a Doc's ``token.norm``); words at the
        indices in ``skip`` (punctuation) end a phrase."""
        n = len(words)
        room = [0] * (n + 1)  # how many tokens from i on before a blocked one
        blocked = set(skip)
        for i in range(n - 1, -1, -1):
            room[i] = 0 if i in blocked else room[i + 1] + 1
        rest = [word_key(w) for w in words]
        index, out = self.index, []
        i = 0
        while i < n:
            found = None
            variants = token_variants(words[i]) if room[i] else []
            for length in range(min(self.max_len, room[i]), 0, -1):
                tail = tuple(rest[i + 1:i + length])
                for key, cut in variants:
                    values = index.get((key, *tail))
                    if values:
                        found = Match(i, i + length, list(values), (key, *tail), cut)
                        break
                if found:
                    break
            if found:
                out.append(found)
                i = found.end
            else:
                i += 1
        return out


def token_words(tokens: list[Any]) -> list[str]:
    """The folded words of a Doc's tokens (stages.segment.Token), for :meth:`PhraseMatcher.find`."""
    return [t.norm for t in tokens]


def punctuation_indices(tokens: list[Any]) -> list[int]:
    return [i for i, t in enumerate(tokens) if not (t.norm[:1].isalnum() or is_arabic(t.norm))]
