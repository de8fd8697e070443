"""One name, one type within a stretch of text: a word the model left untagged takes the type it was
tagged with in nearby sentences (news articles repeat a name, often later by the surname alone).

A word is only relabelled when it is longer than two letters and not a common word, i.e. not seen
in training outside names in at least ``COMMON_SHARE`` of its occurrences.
"""
from __future__ import annotations

from collections import Counter

WINDOW = 5  # sentences either side
COMMON_SHARE = 0.2


def common_stems(sentences: list[tuple[list[str], list[str]]]) -> list[str]:
    """Stems found outside names in at least ``COMMON_SHARE`` of their occurrences, from
    ``(stems, tags)`` sentences."""
    seen: Counter = Counter()
    outside: Counter = Counter()
    for stems, tags in sentences:
        for stem, tag in zip(stems, tags):
            seen[stem] += 1
            outside[stem] += tag == "O"
    return sorted(s for s, n in seen.items() if outside[s] >= COMMON_SHARE * n)


def propagate(stems: list[list[str]], tags: list[list[str]], common: set[str],
              window: int = WINDOW) -> list[list[str]]:
    """``tags`` with untagged rare words labelled as the same word is elsewhere in the window."""
    typed: list[dict[str, Counter]] = []
    for ss, ts in zip(stems, tags):
        d: dict[str, Counter] = {}
        for s, t in zip(ss, ts):
            if t != "O":
                d.setdefault(s, Counter())[t[2:]] += 1
        typed.append(d)
    out = []
    for i, (ss, ts) in enumerate(zip(stems, tags)):
        near: dict[str, Counter] = {}
        for d in typed[max(0, i - window):i + window + 1]:
            for s, c in d.items():
                near.setdefault(s, Counter()).update(c)
        new = list(ts)
        for k, (s, t) in enumerate(zip(ss, ts)):
            if t == "O" and s in near and len(s) > 2 and s not in common:
                kind = near[s].most_common(1)[0][0]
                new[k] = ("I-" if k and new[k - 1][2:] == kind else "B-") + kind
        out.append(new)
    return out
