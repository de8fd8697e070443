"""Dictionaries of names seen labelled in training text (whole names, and single words by the type of
name they are mostly part of), and the matches of the first in a sentence.

Entries are sequences of stems (marsad.ner.features.analyse) with the types they were labelled; a
sequence is kept for a type when at least half of its occurrences carry that label. Matching is
greedy, longest first (up to ``MAX_LEN`` words). For training, each block of sentences gets the
dictionaries built from the other blocks (jackknifing), so the model learns how far to trust a match
on names it has not seen labelled, as at tagging time.
"""
from __future__ import annotations

from collections import Counter, defaultdict

MAX_LEN = 4

Names = dict[str, list[str]]  # "stem stem" -> types


def _spans(tags: list[str]):
    start, kind = None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, t = tag.partition("-")
        if start is not None and not (prefix == "I" and t == kind):
            yield start, i, kind
            start, kind = None, None
        if prefix in ("B", "I") and start is None:
            start, kind = i, t


def build_names(sentences: list[tuple[list[str], list[str]]], min_share: float = 0.5) -> Names:
    """Dictionary from ``(stems, tags)`` sentences."""
    labelled: dict[str, Counter] = defaultdict(Counter)
    for stems, tags in sentences:
        for a, b, kind in _spans(tags):
            if b - a <= MAX_LEN:
                labelled[" ".join(stems[a:b])][kind] += 1
    seen: Counter = Counter()
    for stems, _ in sentences:
        for n in range(1, MAX_LEN + 1):
            for i in range(len(stems) - n + 1):
                key = " ".join(stems[i:i + n])
                if key in labelled:
                    seen[key] += 1
    return _mostly(labelled, seen, min_share)


def build_word_types(sentences: list[tuple[list[str], list[str]]], min_share: float = 0.5) -> Names:
    """Stem -> the types of name it is part of in at least ``min_share`` of its occurrences."""
    inside: dict[str, Counter] = defaultdict(Counter)
    seen: Counter = Counter()
    for stems, tags in sentences:
        for stem, tag in zip(stems, tags):
            seen[stem] += 1
            if tag != "O":
                inside[stem][tag[2:]] += 1
    return _mostly(inside, seen, min_share)


def _mostly(kinds_by_key: dict[str, Counter], seen: Counter, min_share: float) -> Names:
    """Each key with the types it has in at least ``min_share`` of its ``seen`` occurrences."""
    out: Names = {}
    for key, kinds in kinds_by_key.items():
        keep = sorted(k for k, n in kinds.items() if n >= min_share * seen[key])
        if keep:
            out[key] = keep
    return out


def match_names(stems: list[str], names: Names) -> list[list[str]]:
    """Per word, the dictionary features it falls under: "B-PERS", "I-PERS", ..."""
    out: list[list[str]] = [[] for _ in stems]
    i = 0
    while i < len(stems):
        for n in range(min(MAX_LEN, len(stems) - i), 0, -1):
            kinds = names.get(" ".join(stems[i:i + n]))
            if kinds:
                for k in kinds:
                    out[i].append(f"B-{k}")
                    for j in range(i + 1, i + n):
                        out[j].append(f"I-{k}")
                i += n
                break
        else:
            i += 1
    return out
