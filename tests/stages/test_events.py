"""Events: types and codes, places, dates, quantities, modality, background, merging and contested
flags, on wire-style sentences with hand-made place mentions; then the labelled cases of
``tests/cases/events.yaml`` through the full pipeline (``marsad.api.extract``)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from marsad.api import extract
from marsad.stages.events import event_codes
from marsad.stages.normalise import fold
from tests.stages.eventdocs import build

HOMS = (34.73, 36.71)
HAMA = (35.13, 36.75)
ALEPPO = (36.20, 37.16)
DARAA = (32.62, 36.10)


def types(doc):
    return [(e.type, e.place.name if e.place else None) for e in doc.events]


def test_every_type_has_codes():
    codes = event_codes()
    assert set(codes) == {"armed_clash", "territory_taken", "withdrawal", "airstrike", "attack", "prisoner_release",
                          "arrest", "statement_diplomatic", "agreement", "protest", "other"}
    assert codes["airstrike"]["acled_event_type"] == "Explosions/Remote violence"
    assert codes["prisoner_release"]["plover_type"] == "RETREAT"


def test_arabic_taking_with_codes():
    doc = build("وأعلنت الفصائل المعارضة السيطرة على مدينة حماة بالكامل.", {"حماة": HAMA})
    (ev,) = doc.events
    assert (ev.type, ev.place.name) == ("territory_taken", "حماة")
    assert ev.acled_event_type == "Battles" and ev.plover_type == "COERCE"
    assert ev.claims == [doc.claims[0].id]


def test_english_capture_with_date():
    text = "Rebels captured the city of Aleppo on Saturday, the Observatory said."
    doc = build(text, {"Aleppo": ALEPPO}, published="2024-11-30", dates={"on Saturday": "2024-11-30"})
    (ev,) = doc.events
    assert (ev.type, ev.place.name, ev.date) == ("territory_taken", "Aleppo", "2024-11-30")


def test_airstrike_with_death_toll():
    text = "وقصفت طائرات حربية مدينة حماة، ما أدى إلى مقتل 7 مدنيين، بحسب المرصد السوري."
    doc = build(text, {"حماة": HAMA}, numbers={"7": 7})
    (ev,) = doc.events
    assert ev.type == "airstrike"
    assert ev.quantities == {"killed": 7}


def test_withdrawal_arrest_clash_release_types():
    text = ("Government forces withdrew from Hama, a military source said. Security forces arrested 12 men in Daraa. "
            "Clashes erupted near Aleppo. أفاد ناشطون بإطلاق سراح 200 معتقل من سجن حمص.")
    doc = build(text, {"Hama": HAMA, "Daraa": DARAA, "Aleppo": ALEPPO, "سجن حمص": HOMS})
    assert sorted(types(doc)) == sorted([("withdrawal", "Hama"), ("arrest", "Daraa"), ("armed_clash", "Aleppo"),
                                         ("prisoner_release", "سجن حمص")])


def test_threats_and_future_are_not_events():
    text = ("The group threatened to attack Homs. Rebels will enter Hama within days, a commander said. "
            "وتحشد الفصائل قواتها لتحرير مدينة حلب.")
    doc = build(text, {"Homs": HOMS, "Hama": HAMA, "حلب": ALEPPO})
    assert doc.events == []


def test_background_years_ago_is_not_an_event():
    doc = build("Government forces drove rebels out of Aleppo eight years ago, seizing the whole city years ago.",
                {"Aleppo": ALEPPO}, published="2024-11-30")
    assert doc.events == []


def test_operation_is_an_attack():
    doc = build("وقالت الفصائل إنها شنت عملية توغل في مدينة حماة.", {"حماة": HAMA})
    assert types(doc) == [("attack", "حماة")]


def test_denial_makes_the_event_contested_not_new():
    text = ("The Observatory said government troops withdrew from Homs. "
            "The army denied that its forces had withdrawn from Homs.")
    doc = build(text, {"Homs": HOMS})
    (ev,) = doc.events
    assert ev.type == "withdrawal" and ev.contested and ev.status == "contested"
    assert set(ev.claims) == {"c1", "c2"} and ev.disputed_by == ["c2"]


def test_denial_alone_gives_no_asserted_event():
    doc = build("ونفت وزارة الدفاع أي انسحاب للقوات من مدينة حمص.", {"حمص": HOMS})
    assert doc.events == []
    assert doc.claims[0].stance == "deny"


def test_denial_with_two_places_contests_both():
    text = ("وقال المرصد إن القوات انسحبت من حمص. وأفاد ناشطون بانسحاب القوات من حماة. "
            "ونفى الجيش، في بيان، أي انسحاب من حمص أو من حماة.")
    doc = build(text, {"حمص": HOMS, "حماة": HAMA})
    assert sorted(types(doc)) == [("withdrawal", "حماة"), ("withdrawal", "حمص")]
    assert all(e.contested for e in doc.events)


def test_holding_statement_contests_taking():
    text = ("The Observatory said rebels entered Homs. "
            "The ministry said the situation in Homs was secure and stable.")
    doc = build(text, {"Homs": HOMS})
    (ev,) = doc.events
    assert ev.type == "territory_taken" and ev.contested


def test_one_happening_told_twice_is_one_event():
    text = ("وقال المرصد السوري إن غارات جوية استهدفت مدينة حماة. "
            "وذكرت وكالة رويترز أن طائرات حربية شنت غارات على حماة.")
    doc = build(text, {"حماة": HAMA})
    (ev,) = doc.events
    assert ev.type == "airstrike" and len(ev.claims) == 2
    assert ev.status == "corroborated"


def test_different_places_are_different_events():
    doc = build("Clashes broke out in Homs. Clashes also broke out in Aleppo.", {"Homs": HOMS, "Aleppo": ALEPPO})
    assert sorted(types(doc)) == [("armed_clash", "Aleppo"), ("armed_clash", "Homs")]


def test_no_place_no_event_and_no_crash_without_mentions():
    doc = build("Clashes broke out overnight, the Observatory said.", {})
    assert doc.events == []


def test_untold_negation_contests_instead_of_asserting():
    text = "The Observatory said rebels entered Homs. Rebels have not yet entered the centre of Homs."
    doc = build(text, {"Homs": HOMS})
    (ev,) = doc.events
    assert ev.type == "territory_taken" and ev.contested


def test_the_city_takes_the_place_named_before():
    text = 'Fighting reached Homs on Friday. "The army has withdrawn from inside the city," a monitor said.'
    doc = build(text, {"Homs": HOMS})
    assert ("withdrawal", "Homs") in types(doc)


def test_background_after_clause_is_not_what_the_claim_tells():
    text = "وأعلنت الفصائل تحرير 500 سجين من السجن المركزي بعد السيطرة على مدينة حمص."
    doc = build(text, {"السجن المركزي": HOMS, "حمص": HOMS}, numbers={"500": 500})
    told = {e.type: e.claims for e in doc.events}
    assert told["prisoner_release"] == ["c1"]
    assert told.get("territory_taken", []) == []


# ---- the labelled cases of tests/cases/events.yaml, through the full pipeline ----------------------------
CASES = yaml.safe_load((Path(__file__).parents[1] / "cases" / "events.yaml").read_text(encoding="utf-8"))


def _case_param(case):
    marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if case.get("xfail") else []
    return pytest.param(case, id=case["id"], marks=marks)


def _names(doc, ev) -> list[str]:
    if ev.place is None:
        return []
    p = ev.place
    names = [p.name, p.name_ar or "", p.name_en or "", *p.aliases]
    if ev.place_span:
        names.append(doc.slice(ev.place_span))
    return [fold(n) for n in names if n]


def _matches(doc, ev, want) -> bool:
    if ev.type != want["type"]:
        return False
    if want.get("place") is None:
        return ev.place is None
    return any(fold(want["place"]) in n for n in _names(doc, ev))


def test_cases_cover_both_languages_and_are_unique():
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))
    assert sum(i.startswith("ar_") for i in ids) >= 40 and sum(i.startswith("en_") for i in ids) >= 40


@pytest.mark.parametrize("case", [_case_param(c) for c in CASES])
def test_event_case(case):
    doc = extract(case["text"], case.get("published"), title=False)
    shown = [(e.type, e.place.name if e.place else None, e.contested, e.date, e.quantities) for e in doc.events]
    expected = case["events"]
    assert len(doc.events) == len(expected), shown
    left = list(doc.events)
    for want in expected:
        ev = next((e for e in left if _matches(doc, e, want)), None)
        assert ev is not None, (want, shown)
        left.remove(ev)
        if "contested" in want:
            assert ev.contested == want["contested"], (want, shown)
        if "date" in want:
            assert ev.date == want["date"], (want, shown)
        if "quantities" in want:
            assert ev.quantities == want["quantities"], (want, shown)
        for role in ("actor", "target"):
            if role in want:
                assert getattr(ev, role) == want[role], (role, want, getattr(ev, role))
    if "links" in case:
        assert sorted(link.kind for link in doc.links) == sorted(case["links"]), [vars(x) for x in doc.links]
