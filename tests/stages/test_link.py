"""In-document links: contradictions (one claim denies what another tells, or says the place is held)
and inconsistencies (the same fact told with different details)."""
from __future__ import annotations

from tests.stages.eventdocs import build

HOMS = (34.73, 36.71)
CENTRAL = (34.74, 36.72)
MILITARY = (34.72, 36.70)
ALEPPO = (36.20, 37.16)


def kinds(doc):
    return sorted((l.kind, *sorted((l.a, l.b))) for l in doc.links)


def test_denial_contradicts_the_claim():
    text = ("The Observatory said government troops withdrew from Homs. "
            "The army denied that its forces had withdrawn from Homs.")
    assert kinds(build(text, {"Homs": HOMS})) == [("contradiction", "c1", "c2")]


def test_holding_statement_contradicts_taking():
    text = ("وأفاد المرصد بأن الفصائل دخلت مدينة حمص. "
            "وقالت الوزارة في بيان إن الوضع في حمص آمن ومستقر.")
    assert kinds(build(text, {"حمص": HOMS})) == [("contradiction", "c1", "c2")]


def test_same_number_from_two_prisons_is_inconsistent():
    text = ("وأعلنت الفصائل تحرير 3000 سجين من السجن المركزي. "
            "وأفاد مصدر بأنه تم تحرير 3000 سجين من السجن العسكري.")
    doc = build(text, {"السجن المركزي": CENTRAL, "السجن العسكري": MILITARY}, numbers={"3000": 3000})
    assert kinds(doc) == [("inconsistency", "c1", "c2")]


def test_two_death_tolls_for_one_strike_are_inconsistent():
    text = ("The Observatory said an airstrike on Aleppo killed 12 people. "
            "Local officials said the airstrike on Aleppo killed 20 people.")
    doc = build(text, {"Aleppo": ALEPPO}, numbers={"12": 12, "20": 20})
    assert kinds(doc) == [("inconsistency", "c1", "c2")]
    assert doc.events[0].quantities == {"killed": 12}  # the conservative number


def test_agreeing_claims_are_not_linked():
    text = ("The Observatory said an airstrike on Aleppo killed 12 people. "
            "Local officials said the airstrike on Aleppo killed 12 people.")
    doc = build(text, {"Aleppo": ALEPPO}, numbers={"12": 12})
    assert doc.links == []
    assert doc.events[0].status == "corroborated"


def test_denial_elsewhere_is_no_contradiction():
    text = ("The Observatory said government troops withdrew from Homs. "
            "The army denied that its forces had withdrawn from Aleppo.")
    doc = build(text, {"Homs": HOMS, "Aleppo": ALEPPO})
    assert doc.links == []
    assert not doc.events[0].contested


def test_denial_pointing_back_contradicts_earlier_claims_only():
    text = ("وقالت فصائل مسلحة إنها دخلت مدينة حماة. ونفى الجيش، اليوم، تلك الأنباء. "
            "وقال ناشطون إن الفصائل دخلت حماة.")
    doc = build(text, {"حماة": (35.13, 36.75)})
    assert doc.claims[1].stance == "deny"
    assert kinds(doc) == [("contradiction", "c1", "c2")]
    assert doc.events[0].contested


def test_denied_taking_does_not_dispute_a_withdrawal():
    text = ("The Observatory said government troops withdrew from Homs. "
            "Rebel sources said their fighters had not entered Homs.")
    doc = build(text, {"Homs": HOMS})
    assert doc.links == []
    assert [(e.type, e.contested) for e in doc.events] == [("withdrawal", False)]


def test_denied_withdrawal_disputes_a_taking():
    text = ("The Observatory said rebels took control of Homs. "
            "The ministry said there was no truth to reports of a withdrawal from Homs.")
    doc = build(text, {"Homs": HOMS})
    assert kinds(doc) == [("contradiction", "c1", "c2")]


def test_one_pair_per_source_pair_with_the_fullest_statements():
    text = ("The Observatory said government troops withdrew from Homs. "
            "The army denied the withdrawal from Homs. "
            "The army said in a statement that there was no truth to reports of any withdrawal of its units from Homs.")
    doc = build(text, {"Homs": HOMS})
    assert kinds(doc) == [("contradiction", "c1", "c3")]
