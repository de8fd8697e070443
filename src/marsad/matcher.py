"""Phrase lookup over token keys, shared by the gazetteer and the actor dictionary.

A phrase and the text are both cut into tokens with the same rule (``stages.segment.WORD``) and each
token is reduced to its key: the folded form, without the Arabic conjunction and preposition proclitics
(و ف ب ك ل; "لل" is ل + ال) but keeping the article, so "وبحمص" matches "حمص" while the adjective
"السورية" does not match the country "سورية"; Latin words lose a possessive "'s". Lookup is longest match first, left to right, so "سجن حمص المركزي" wins
over "حمص" and "northern Homs countryside" over "Homs".
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, Iterable, TypeVar

from .stages.normalise import fold
from .stages.segment import WORD

T = TypeVar("T")


def is_arabic(word: str) -> bool:
    return bool(word) and "\u0600" <= word[0] <= "\u06ff"


def word_key(folded: str) -> str:
    """The key of one folded word."""
    if is_arabic(folded):
        i = 1 if len(folded) > 3 and folded[0] in "وف" else 0
        if len(folded) - i > 3 and folded[i] in "بكل":
            if folded[i] == "ل" and folded[i + 1] == "ل":
                return "ا" + folded[i + 1:]  # لل = ل + ال
            i += 1
        return folded[i:]
    if folded.endswith(("'s", "’s")):
        return folded[:-2]
    return folded


def phrase_keys(phrase: str) -> tuple[str, ...]:
    return tuple(word_key(fold(m.group())) for m in WORD.finditer(phrase) if m.group().strip("-") and
                 (m.group()[0].isalnum() or is_arabic(m.group())))


@dataclass
class Match(Generic[T]):
    start: int  # first token index
    end: int  # one past the last token index
    values: list[T]


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
        return list(self.index.get(phrase_keys(phrase), []))

    def find(self, keys: list[str], skip: Iterable[int] = ()) -> list[Match[T]]:
        """Longest non-overlapping matches over a list of token keys; tokens in ``skip`` (punctuation)
        end a phrase."""
        n = len(keys)
        room = [0] * (n + 1)  # how many tokens from i on before a blocked one
        blocked = set(skip)
        for i in range(n - 1, -1, -1):
            room[i] = 0 if i in blocked else room[i + 1] + 1
        index, out = self.index, []
        i = 0
        while i < n:
            found = None
            for length in range(min(self.max_len, room[i]), 0, -1):
                values = index.get(tuple(keys[i:i + length]))
                if values:
                    found = Match(i, i + length, list(values))
                    break
            if found:
                out.append(found)
                i = found.end
            else:
                i += 1
        return out


def token_keys(tokens: list[Any]) -> list[str]:
    """Keys of a Doc's tokens (stages.segment.Token), the same reduction as :func:`phrase_keys`."""
    return [word_key(t.norm) for t in tokens]


def punctuation_indices(tokens: list[Any]) -> list[int]:
    return [i for i, t in enumerate(tokens) if not (t.norm[:1].isalnum() or is_arabic(t.norm))]
