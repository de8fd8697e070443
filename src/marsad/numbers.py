"""Numbers in digits (Arabic-Indic digits are folded to ASCII first), with thousands separators, and
number words in Arabic and English. Vague quantities ("dozens", "عشرات") take ACLED's conservative
reading, the smallest number the phrase allows; "more than 3,500" is 3,500."""
from __future__ import annotations

import re
from functools import lru_cache

from . import lang
from .stages.normalise import fold

DIGITS = re.compile(r"(?<![0-9a-z.,])\d{1,3}(?:[,٬]\d{3})+(?![0-9a-z])|(?<![0-9a-z.,])\d+(?:\.\d+)?(?![0-9a-z])")


@lru_cache(maxsize=1)
def _words() -> dict[str, int]:
    words: dict[str, int] = {}
    for code in ("ar", "en"):
        data = lang.load(code, "numbers")
        for table in ("units", "scales", "vague"):
            words.update({fold(k): int(v) for k, v in data[table].items()})
    return words


@lru_cache(maxsize=1)
def _word_pattern():
    alt = "|".join(sorted((re.escape(w) for w in _words()), key=len, reverse=True))
    return re.compile(rf"(?<![\w])[وب]?(?:ال)?({alt})(?![\w])")


def find_numbers(norm_text: str) -> list[tuple[tuple[int, int], int]]:
    """Numbers in the folded text: ``((start, end), value)`` with folded-text offsets."""
    out = []
    for m in DIGITS.finditer(norm_text):
        raw = m.group().replace(",", "").replace("٬", "")
        try:
            value = int(float(raw))
        except ValueError:
            continue
        out.append((m.span(), value))
    taken = [s for s, _ in out]
    words = _words()
    for m in _word_pattern().finditer(norm_text):
        span = m.span(1)
        if any(s < span[1] and span[0] < e for s, e in taken):
            continue
        out.append((span, words[m.group(1)]))
    return sorted(out)
