"""Dates and numbers on folded text."""
import pytest

from marsad.dates import find_dates
from marsad.numbers import compose, find_numbers
from marsad.stages.normalise import fold

PUB = "2024-12-08"  # a Sunday


def dates(text, published=PUB):
    t = fold(text)
    return [(t[s:e], iso, p) for (s, e), iso, p in find_dates(t, published)]


@pytest.mark.parametrize("text,iso,precision", [
    ("on Saturday", "2024-12-07", "day"),
    ("late Friday", "2024-12-06", "day"),
    ("Dec. 7, 2024", "2024-12-07", "day"),
    ("December 8", "2024-12-08", "day"),
    ("7 كانون الأول 2024", "2024-12-07", "day"),
    ("و7 كانون الأول 2024", "2024-12-07", "day"),
    ("اليوم الأحد", "2024-12-08", "day"),
    ("أمس", "2024-12-07", "day"),
    ("وبالأمس", "2024-12-07", "day"),
    ("فجر السبت", "2024-12-07", "day"),
    ("عام 1974", "1974", "year"),
    ("حزيران 1967", "1967-06", "month"),
    ("last week", "2024-W48", "week"),
    ("الشهر الماضي", "2024-11", "month"),
])
def test_dates(text, iso, precision):
    found = dates(f"قال {text} إن" if not text.isascii() else f"He said {text} that")
    assert [(iso, precision)] == [(f[1], f[2]) for f in found]


def test_relative_dates_without_publication_stay_unresolved():
    assert dates("أمس", None) == [("امس", None, "day")]


def test_day_and_month_take_the_year_before_when_otherwise_far_in_the_future():
    assert dates("on Dec. 20", "2025-01-03") == [("dec. 20", "2024-12-20", "day")]
    assert dates("on March 20", "2025-01-03") == [("march 20", "2024-03-20", "day")]
    assert dates("on Jan. 2", "2025-01-03") == [("jan. 2", "2025-01-02", "day")]


def test_impossible_days_are_not_days():
    assert all(p != "day" for _, _, p in dates("31 February 2024"))


def numbers(text):
    t = fold(text)
    return [(t[s:e], v) for (s, e), v in find_numbers(t)]


@pytest.mark.parametrize("text,value", [
    ("3,500", 3500), ("أكثر من 3500", 3500), ("١٢٠", 120), ("ثلاثمئة", 300), ("dozens", 12), ("عشرات", 10),
    ("two hundred and fifty", 250), ("twenty-five", 25), ("خمسة وعشرين", 25), ("ثلاثة آلاف", 3000), ("10 كلم", 10),
])
def test_numbers(text, value):
    assert [v for _, v in numbers(text)] == [value]


def test_separate_numbers_stay_separate():
    assert [v for _, v in numbers("قتل 5 وجرح عشرة")] == [5, 10]
    assert [v for _, v in numbers("dozens of thousands")] == [12, 1000]


def test_compose():
    assert compose([3, 100, 20, 5]) == 325
    assert compose([2, 1000, 5, 100]) == 2500
