"""Normalisation never moves an offset: every folded span maps back to the raw text it came from."""
from hypothesis import given, settings, strategies as st

from marsad.stages.normalise import NormText, fold

# Text mixing the characters normalisation touches: Arabic letters with hamza and madda forms, diacritics,
# tatweel, Arabic-Indic and Persian digits, bidi controls, zero-width characters, no-break spaces,
# presentation forms and ligatures, Latin letters with accents, plus anything else Unicode has.
SPECIAL = list("أإآٱؤئءىةاويهبتثحمص") + ["\u064b", "\u064e", "\u0651", "\u0652", "\u0670", "\u0640"] + \
    [chr(0x0660 + i) for i in range(10)] + [chr(0x06F0 + i) for i in range(10)] + \
    ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u2066", "\u2069", "\u200b", "\u200c", "\u200d",
     "\ufeff", "\u00ad", "\u00a0", "\u202f", "\u3000", "\ufefb", "\ufdf2", "\ufb01", "é", "Ḥ", "İ", "ß", "Σ"]
texts = st.text(alphabet=st.one_of(st.sampled_from(SPECIAL), st.characters()), max_size=60)


@settings(max_examples=300, deadline=None)
@given(texts, st.data())
def test_any_raw_span_folds_to_its_normalised_span(raw, data):
    norm = NormText.of(raw)
    s = data.draw(st.integers(0, len(raw)))
    e = data.draw(st.integers(s, len(raw)))
    a, b = norm.norm_span(s, e)
    assert norm.text[a:b] == fold(raw[s:e])


@settings(max_examples=300, deadline=None)
@given(texts, st.data())
def test_any_normalised_span_maps_back_to_raw_text_that_folds_to_it(raw, data):
    norm = NormText.of(raw)
    a = data.draw(st.integers(0, len(norm.text)))
    b = data.draw(st.integers(a, len(norm.text)))
    rs, re_ = norm.raw_span(a, b)
    assert 0 <= rs <= re_ <= len(raw)
    # the raw span holds the folded span, and nothing from outside it
    assert norm.text[a:b] in fold(raw[rs:re_])
    if a < b:
        assert norm.norm_span(rs, re_)[0] <= a and norm.norm_span(rs, re_)[1] >= b


@settings(max_examples=200, deadline=None)
@given(texts)
def test_map_is_monotonic_and_in_range(raw):
    norm = NormText.of(raw)
    assert len(norm.starts) == len(norm.ends) == len(norm.text)
    assert all(0 <= s < e <= len(raw) for s, e in zip(norm.starts, norm.ends))
    assert norm.starts == sorted(norm.starts)


@settings(max_examples=200, deadline=None)
@given(texts)
def test_folding_is_idempotent(raw):
    assert fold(fold(raw)) == fold(raw)


def test_arabic_folding():
    assert fold("أإآٱا") == "ااااا"
    assert fold("مستشفى") == "مستشفي"
    assert fold("مدينة") == "مدينه"
    assert fold("مُؤَكِّداً") == "موكدا"
    assert fold("الـــجيش") == "الجيش"
    assert fold("٣٥٠٠ و ۱۲") == "3500 و 12"
    assert fold("\ufefb") == "لا"  # lam-alef ligature presentation form


def test_invisible_characters_are_dropped_and_spaces_unified():
    raw = "قال\u200f الجيش\u200b\u00a0SAA\u202aX\u202c"
    assert NormText.of(raw).text == "قال الجيش saax"


def test_found_span_maps_back_exactly():
    raw = "أفاد \u200fالمرصدُ السوريّ بتحرير ٣٥٠٠ سجين"
    norm = NormText.of(raw)
    i = norm.text.index("المرصد السوري")
    s, e = norm.raw_span(i, i + len("المرصد السوري"))
    assert raw[s:e] == "المرصدُ السوريّ"
    i = norm.text.index("3500")
    assert raw[slice(*norm.raw_span(i, i + 4))] == "٣٥٠٠"
