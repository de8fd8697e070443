"""Claims: speakers, cues, content spans, stance, channel and relays on wire-style sentences.

The cases are in ``tests/cases/claims.yaml``; each runs through the full default pipeline and, to show
the stage works without the mention stages, through normalise, language, segment and claims alone.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from marsad.config import DEFAULT_STAGES
from marsad.stages.normalise import fold
from tests.conftest import run_stages

TO_CLAIMS = DEFAULT_STAGES[:DEFAULT_STAGES.index("claims.v1") + 1]

CASES = yaml.safe_load((Path(__file__).parents[1] / "cases" / "claims.yaml").read_text(encoding="utf-8"))
BARE = ["normalise.v1", "language.v1", "segment.v1", "claims.v1"]


def _has(container: str, part: str) -> bool:
    return fold(part) in fold(container)


def check(text: str, expected: list[dict], stages: list[str], strict_channel: bool = True) -> None:
    doc = run_stages(text, stages)
    got = doc.claims
    shown = [(c.speaker, c.stance, c.channel, text[c.span[0]:c.span[1]]) for c in got]
    assert len(got) == len(expected), shown
    for claim, want in zip(got, expected):
        content = text[claim.span[0]:claim.span[1]]
        assert _has(content, want["content"]), shown
        if want.get("not_in"):
            assert not _has(content, want["not_in"]), shown
        if want["speaker"] is None:
            assert claim.speaker is None, shown
        else:
            assert claim.speaker and _has(claim.speaker, want["speaker"]), shown
        assert claim.stance == want["stance"], shown
        if "direct" in want:
            assert claim.direct == want["direct"], shown
        if strict_channel and "channel" in want:
            assert claim.channel == want["channel"], shown


def _params(cases):
    """A case with ``xfail: reason`` is a known failure: strict, so it must be unmarked once it passes."""
    return [pytest.param(c, id=c["text"][:40],
                         marks=[pytest.mark.xfail(strict=True, reason=c["xfail"])] if c.get("xfail") else [])
            for c in cases]


@pytest.mark.parametrize("case", _params(CASES))
def test_claims_full_pipeline(case):
    check(case["text"], case["claims"], TO_CLAIMS)


@pytest.mark.parametrize("case", _params(CASES))
def test_claims_without_mentions(case):
    """Speaker, content and stance come from the text itself; channels need the actor list only."""
    check(case["text"], case["claims"], BARE, strict_channel=False)


def test_spans_are_raw_offsets_with_diacritics():
    text = "وقالَ المرصدُ السوريُّ إنَّ القواتِ انسحبتْ من المدينةِ."
    doc = run_stages(text, BARE)
    (claim,) = doc.claims
    assert text[claim.span[0]:claim.span[1]].startswith("القواتِ")
    assert text[claim.cue_span[0]:claim.cue_span[1]] == "وقالَ"
    assert text[claim.speaker_span[0]:claim.speaker_span[1]] == "المرصدُ السوريُّ"


def test_apostrophe_inside_word_is_not_a_quote():
    text = "The army's spokesman said the group's fighters had withdrawn from the town."
    (claim,) = run_stages(text, BARE).claims
    assert not claim.direct
    assert text[claim.span[0]:claim.span[1]] == "the group's fighters had withdrawn from the town"


def test_unclosed_quote_runs_to_sentence_end():
    text = 'وقال المتحدث: "لن ننسحب من مواقعنا مهما كلف الأمر.'
    (claim,) = run_stages(text, BARE).claims
    assert claim.direct
    assert text[claim.span[0]:claim.span[1]].startswith("لن ننسحب")


def test_relay_keeps_original_speaker():
    text = "The Observatory reported that 15 fighters were killed, according to Sky News Arabia."
    (claim,) = run_stages(text, TO_CLAIMS).claims
    assert "Observatory" in claim.speaker
    assert claim.channel == "monitor_report"
    assert any("Sky News Arabia" in r for r in claim.relays)


def test_no_cue_no_claim():
    text = "Fighting continued for a third day around the town. قصفت الطائرات مواقع قرب المدينة."
    assert run_stages(text, BARE).claims == []


def test_claim_ids_are_unique_and_ordered():
    text = ("Reuters reported that the bridge was destroyed. The army denied that the bridge was destroyed. "
            "The Observatory said clashes continued.")
    doc = run_stages(text, TO_CLAIMS)
    assert [c.id for c in doc.claims] == ["c1", "c2", "c3"]
    assert [c.stance for c in doc.claims] == ["assert", "deny", "assert"]


def test_cue_data_are_all_strings():
    """YAML reads a bare on / no / yes as a boolean: every cue, channel and event entry must stay a word."""
    from marsad import lang

    def walk(x):
        if isinstance(x, dict):
            return all(walk(v) for v in x.values())
        if isinstance(x, list):
            return all(walk(v) for v in x)
        return isinstance(x, str)

    for code in ("ar", "en"):
        for name in ("cues", "channels", "events"):
            assert walk(lang.load(code, name)), (code, name)
