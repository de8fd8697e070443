"""Dates in Arabic and English, absolute and relative, resolved against the publication date.

Each found date is ``(span, iso, precision)``: "day" for a resolved day, "month" for a month and year,
"year" for a year. A weekday resolves to the most recent such day on or before publication ("on
Saturday" in a Sunday report is the day before); without a publication date, relative dates are
left unresolved.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from . import lang
from .stages.normalise import fold


@lru_cache(maxsize=1)
def _tables():
    weekdays, months, relative = {}, {}, {}
    for code in ("ar", "en"):
        data = lang.load(code, "dates")
        weekdays.update({fold(k): v for k, v in data["weekdays"].items()})
        months.update({fold(k): v for k, v in data["months"].items()})
        relative.update({fold(k): v for k, v in data["relative"].items()})
    return weekdays, months, relative


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns():
    weekdays, months, relative = _tables()
    mon, wd, rel = _alt(months), _alt(weekdays), _alt(relative)
    b = r"(?<![\w])"
    e = r"(?![\w])"
    return [
        ("dmy", re.compile(rf"{b}(\d{{1,2}})\s+({mon})\.?,?\s+(\d{{4}}){e}")),
        ("mdy", re.compile(rf"{b}({mon})\.?\s+(\d{{1,2}}),?\s+(\d{{4}}){e}")),
        ("my", re.compile(rf"{b}({mon})\.?\s+(\d{{4}}){e}")),
        ("iso", re.compile(rf"{b}(\d{{4}})-(\d{{2}})-(\d{{2}}){e}")),
        ("year", re.compile(rf"{b}(?:عام|سنه|in)\s+(1[89]\d\d|20\d\d){e}")),
        ("wd", re.compile(rf"{b}(?:[وفب]?(?:ال)?يوم\s+)?[وفب]?({wd}){e}")),
        ("rel", re.compile(rf"{b}[وف]?({rel}){e}")),
    ]


def _parse_published(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def find_dates(norm_text: str, published: str | None) -> list[tuple[tuple[int, int], str | None, str]]:
    """Dates in the folded text ``norm_text``: ``((start, end), iso or None, precision)`` with
    folded-text offsets."""
    weekdays, months, relative = _tables()
    anchor = _parse_published(published)
    found: list[tuple[tuple[int, int], str | None, str]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _patterns():
        for m in pattern.finditer(norm_text):
            span = m.span()
            if any(s < span[1] and span[0] < e for s, e in taken):
                continue
            iso, precision = None, "day"
            try:
                if kind == "dmy":
                    iso = date(int(m[3]), months[m[2]], int(m[1])).isoformat()
                elif kind == "mdy":
                    iso = date(int(m[3]), months[m[1]], int(m[2])).isoformat()
                elif kind == "my":
                    iso, precision = f"{int(m[2]):04d}-{months[m[1]]:02d}", "month"
                elif kind == "iso":
                    iso = date(int(m[1]), int(m[2]), int(m[3])).isoformat()
                elif kind == "year":
                    iso, precision = m[1], "year"
                elif kind == "wd" and anchor:
                    back = (anchor.weekday() - weekdays[m[1]]) % 7
                    iso = (anchor - timedelta(days=back)).isoformat()
                elif kind == "rel" and anchor:
                    iso = (anchor + timedelta(days=relative[m[1]])).isoformat()
            except (ValueError, KeyError):
                continue
            taken.append(span)
            found.append((span, iso, precision))
    return sorted(found)
