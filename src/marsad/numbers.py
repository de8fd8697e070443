"""Numbers in digits (Arabic-Indic digits are folded to ASCII first), with thousands separators, and
number words in Arabic and English, joined into one number ("two hundred and fifty" = 250, "خمسة
وعشرين" = 25, "ثلاثة آلاف" = 3000). Vague quantities ("dozens", "عشرات") take the ACLED codebook's
conservative reading (the tables in ``lang/*/numbers.yaml``); "more than 3,500" is 3,500."""
from __future__ import annotations

import re
from functools import lru_cache

from . import lang
from .stages.normalise import fold

DIGITS = re.compile(r"(?<![0-9a-z.,])\d{1,3}(?:[,٬]\d{3})+(?![0-9a-z])|(?<![0-9a-z.,])\d+(?:\.\d+)?(?![0-9a-z])")
Span = tuple[int, int]


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, int], set[str], set[str]]:
    """Word -> value; the vague words; the joiner words."""
    words: dict[str, int] = {}
    vague: set[str] = set()
    joiners: set[str] = set()
    for code in ("ar", "en"):
        data = lang.load(code, "numbers")
        for table in ("units", "scales", "hundreds", "vague"):
            words.update({fold(k): int(v) for k, v in data.get(table, {}).items()})
        vague |= {fold(k) for k in data["vague"]}
        joiners |= {fold(j) for j in data.get("joiners", [])}
    return words, vague, joiners


@lru_cache(maxsize=1)
def _word_pattern() -> re.Pattern:
    alt = "|".join(sorted((re.escape(w) for w in _tables()[0]), key=len, reverse=True))
    return re.compile(rf"(?<![\w])([وب]?)(?:ال)?({alt})(?![\w])")


def compose(values: list[int]) -> int:
    """One number from its words' values, in reading order: [2, 100, 50] -> 250, [3, 1000] -> 3000."""
    total, current = 0, 0
    for v in values:
        if v == 100:
            current = (current or 1) * 100
        elif v >= 1000:
            total += (current or 1) * v
            current = 0
        else:
            current += v
    return total + current


def _overlaps(span: Span, spans: list[Span]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in spans)


def find_numbers(norm_text: str, exclude: list[Span] = ()) -> list[tuple[Span, int]]:  # type: ignore[assignment]
    """Numbers in the folded text: ``((start, end), value)`` with folded-text offsets; spans that
    overlap ``exclude`` (dates) are left out."""
    exclude = list(exclude)
    out: list[tuple[Span, int]] = []
    for m in DIGITS.finditer(norm_text):
        if _overlaps(m.span(), exclude):
            continue
        out.append((m.span(), int(float(m.group().replace(",", "").replace("٬", "")))))
    words, vague, joiners = _tables()
    groups: list[list[re.Match]] = []
    for m in _word_pattern().finditer(norm_text):
        if _overlaps(m.span(2), exclude) or _overlaps(m.span(2), [s for s, _ in out]):
            continue
        if groups:
            prev = groups[-1][-1]
            gap = norm_text[prev.end():m.start()].strip()
            joined = (gap == "" or gap in joiners) and (m.group(1) == "و" or gap != "" or not m.group(1))
            if joined and prev.group(2) not in vague and m.group(2) not in vague:
                groups[-1].append(m)
                continue
        groups.append([m])
    for g in groups:
        out.append(((g[0].start(2), g[-1].end(2)), compose([words[m.group(2)] for m in g])))
    return sorted(out)
