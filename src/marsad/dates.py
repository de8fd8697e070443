"""Dates in Arabic and English, absolute and relative, resolved against the publication date.

Each found date is ``(span, iso, precision)``: "day" for a resolved day ("2024-12-07"), "week" for a
week ("2024-W49"), "month" ("2024-12"), "year" ("1974"). A weekday resolves to the most recent such
day on or before publication ("on Saturday" in a Sunday report is the day before; "اليوم الجمعة" on a
Friday is that day); a day and month without a year take the publication's year, or the year before
when that would fall more than a month after publication. Without a publication date, relative dates
are found but left unresolved (iso None). A part of the day before a weekday ("فجر الأحد", "late
Friday") is kept in the span.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from . import lang
from .stages.normalise import fold

Span = tuple[int, int]


@lru_cache(maxsize=1)
def _tables() -> dict[str, dict]:
    out: dict[str, dict] = {k: {} for k in ("weekdays", "months", "relative", "relative_weeks", "relative_months")}
    out["year_words"], out["day_parts"] = {}, {}
    for code in ("ar", "en"):
        data = lang.load(code, "dates")
        for key in out:
            table = data.get(key, {})
            if isinstance(table, list):
                table = {w: True for w in table}
            out[key].update({fold(k): v for k, v in table.items()})
    return out


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True))


# A date may carry an Arabic conjunction or preposition: "و7 كانون الأول", "بالأمس".
_B = r"(?<![\w])(?:[وف]?[بل]?)?"
_E = r"(?![\w])"


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern]]:
    t = _tables()
    mon, wd, rel = _alt(t["months"]), _alt(t["weekdays"]), _alt(t["relative"])
    weeks, months, years, parts = _alt(t["relative_weeks"]), _alt(t["relative_months"]), _alt(t["year_words"]), \
        _alt(t["day_parts"])
    return [
        ("dmy", re.compile(rf"{_B}((\d{{1,2}})\s+(?:من\s+)?({mon})\.?,?\s+(\d{{4}})){_E}")),
        ("mdy", re.compile(rf"{_B}(({mon})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})){_E}")),
        ("iso", re.compile(rf"{_B}((\d{{4}})-(\d{{2}})-(\d{{2}})){_E}")),
        ("my", re.compile(rf"{_B}(({mon})\.?,?\s+(\d{{4}})){_E}")),
        ("dm", re.compile(rf"{_B}((\d{{1,2}})\s+(?:من\s+)?({mon})){_E}")),
        ("md", re.compile(rf"{_B}(({mon})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?){_E}")),
        ("year", re.compile(rf"{_B}((?:{years})\s+(1[89]\d\d|20\d\d)){_E}")),
        ("week", re.compile(rf"{_B}(({weeks})){_E}")),
        ("month", re.compile(rf"{_B}(({months})){_E}")),
        ("wd", re.compile(rf"{_B}((?:(?:{parts})\s+)?(?:(?:ال)?يوم\s+)?[وفب]?(?:ال)?({wd}))"
                          rf"(?:\s+(?:الماضي|المقبل))?{_E}")),
        ("rel", re.compile(rf"{_B}(({rel})){_E}")),
    ]


def _parse_published(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _key(word: str) -> str:
    return re.sub(r"\s+", " ", word)


def _with_year(anchor: date, month: int, day: int) -> date:
    d = date(anchor.year, month, day)
    return date(anchor.year - 1, month, day) if d > anchor + timedelta(days=31) else d


def _resolve(kind: str, m: re.Match, anchor: date | None, t: dict) -> tuple[str | None, str]:
    """ISO value and precision of one match (ValueError or KeyError for an impossible date)."""
    mon = t["months"]
    if kind == "dmy":
        return date(int(m[4]), mon[_key(m[3])], int(m[2])).isoformat(), "day"
    if kind == "mdy":
        return date(int(m[4]), mon[_key(m[2])], int(m[3])).isoformat(), "day"
    if kind == "iso":
        return date(int(m[2]), int(m[3]), int(m[4])).isoformat(), "day"
    if kind == "my":
        return f"{int(m[3]):04d}-{mon[_key(m[2])]:02d}", "month"
    if kind == "year":
        return m[2], "year"
    if kind == "dm":
        return (_with_year(anchor, mon[_key(m[3])], int(m[2])).isoformat() if anchor else None), "day"
    if kind == "md":
        return (_with_year(anchor, mon[_key(m[2])], int(m[3])).isoformat() if anchor else None), "day"
    if kind == "week":
        if not anchor:
            return None, "week"
        y, w, _ = (anchor + timedelta(weeks=t["relative_weeks"][_key(m[2])])).isocalendar()
        return f"{y:04d}-W{w:02d}", "week"
    if kind == "month":
        if not anchor:
            return None, "month"
        n = anchor.year * 12 + anchor.month - 1 + t["relative_months"][_key(m[2])]
        return f"{n // 12:04d}-{n % 12 + 1:02d}", "month"
    if kind == "wd":
        if not anchor:
            return None, "day"
        back = (anchor.weekday() - t["weekdays"][_key(m[2])]) % 7
        return (anchor - timedelta(days=back)).isoformat(), "day"
    # rel
    return ((anchor + timedelta(days=t["relative"][_key(m[2])])).isoformat() if anchor else None), "day"


def find_dates(norm_text: str, published: str | None) -> list[tuple[Span, str | None, str]]:
    """Dates in the folded text ``norm_text``: ``((start, end), iso or None, precision)`` with
    folded-text offsets."""
    t = _tables()
    anchor = _parse_published(published)
    found: list[tuple[Span, str | None, str]] = []
    taken: list[Span] = []
    for kind, pattern in _patterns():
        for m in pattern.finditer(norm_text):
            span = m.span(1)
            if any(s < span[1] and span[0] < e for s, e in taken):
                continue
            try:
                iso, precision = _resolve(kind, m, anchor, t)
            except (ValueError, KeyError):
                continue
            taken.append(span)
            found.append((span, iso, precision))
    return sorted(found)
