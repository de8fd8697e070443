"""names.v1: names the dictionaries do not know, from the names models, on sentences written for these tests."""
import pytest

import marsad
from marsad.stages.names import _start
from tests.conftest import run_stages

STAGES = ["normalise.v1", "language.v1", "segment.v1", "mentions.v1", "names.v1"]


def names(text, **fields):
    doc = run_stages(text, STAGES, **fields)
    for m in doc.mentions:
        assert doc.text[m.span[0]:m.span[1]] == m.text  # offsets round-trip
    return {(m.text, m.label, m.method) for m in doc.mentions if m.method in ("model",) or
            m.label in ("location", "name") or (m.method == "rules" and m.label in ("person", "organisation"))}


@pytest.mark.parametrize("text, expected", [
    ("وقال المحلل السياسي كريم الحلبي لوكالة الأنباء إن المفاوضات متعثرة .", ("كريم الحلبي", "person")),
    ("وأعلنت شركة نوكيا الفنلندية عن تراجع أرباحها .", ("نوكيا", "organisation")),
])
def test_arabic_names_the_dictionaries_lack(text, expected):
    found = names(text)
    assert (*expected, "model") in found, found


@pytest.mark.parametrize("text, expected", [
    ("Commander Ahmed al-Rifai said the brigade withdrew.", ("Ahmed al-Rifai", "person")),
    ("The Free Karama Brigade said it shelled the base.", ("Free Karama Brigade", "organisation")),
])
def test_english_names_the_dictionaries_lack(text, expected):
    assert (*expected, "rules") in names(text)


def test_a_place_the_gazetteer_has_gets_its_context_from_the_model():
    text = "قصفت الطائرات الحربية كفرنبل صباح اليوم ."
    before = run_stages(text, ["normalise.v1", "language.v1", "segment.v1", "mentions.v1"])
    assert not [m for m in before.mentions if m.label == "place"]  # a derived town needs a word of context
    doc = run_stages(text, [*STAGES, "resolve.v1"])
    (place,) = doc.places
    assert (place.text, place.method, place.place.id, place.place.precision) == ("كفرنبل", "model", "gn:168661", 1)


def test_a_dictionary_mention_wins_over_the_model():
    doc = run_stages("وقال الرئيس السوري بشار الأسد في دمشق إن الحرب انتهت .", STAGES)
    people = [m for m in doc.mentions if m.label == "person"]
    assert [m.method for m in people] == ["dictionary"]
    spans = sorted(m.span for m in doc.mentions)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))  # no mention overlaps another


def test_proclitics_are_left_out_and_the_article_kept():
    doc = run_stages("والتقى وكريم الحلبي بالأسد .", ["normalise.v1", "language.v1", "segment.v1"])
    by_word = {doc.slice(t.span): t for t in doc.tokens}
    assert doc.text[_start(doc, by_word["وكريم"], "ar"):by_word["وكريم"].span[1]] == "كريم"
    assert doc.text[_start(doc, by_word["بالأسد"], "ar"):by_word["بالأسد"].span[1]] == "الأسد"
    assert _start(doc, by_word["وكريم"], "en") == by_word["وكريم"].span[0]


def test_each_language_goes_to_its_own_tagger():
    text = "وقال المحلل السياسي كريم الحلبي إن المفاوضات متعثرة .\nCommander Ahmed al-Rifai said the brigade withdrew."
    found = names(text)
    assert ("كريم الحلبي", "person", "model") in found and ("Ahmed al-Rifai", "person", "rules") in found


def test_names_are_in_the_default_pipeline_and_its_output():
    doc = marsad.extract("وقال المحلل السياسي كريم الحلبي لوكالة الأنباء إن المفاوضات متعثرة .")
    assert "names.v1" in doc.done
    from marsad.output import to_contract
    out = to_contract(doc)
    assert {"text": "كريم الحلبي", "label": "person", "method": "model"}.items() <= \
        next(m for m in out["mentions"] if m["text"] == "كريم الحلبي").items()


def test_text_without_words_or_sentences():
    assert names("") == set() and names("12 , 13 .") == set()


def test_a_common_word_is_no_imported_village_even_when_the_model_reads_a_place(tmp_path):
    from marsad.gazetteer import import_path, load_gazetteer, use_database
    from marsad.stages.names import _mention
    from tests.test_gazetteer import _bundle, _village

    _bundle(tmp_path / "b.tar.gz", [_village(1, "المشهد", "Al Mashhad", 35.1, 36.2),
                                    _village(2, "كفر عويد", "Kafr Uwayd", 35.62, 36.48)])
    import_path(tmp_path / "b.tar.gz", tmp_path / "g.db")
    doc = run_stages("وتدخلت القوى في المشهد وفي كفر عويد .", ["normalise.v1", "language.v1", "segment.v1"])
    spans = {doc.slice(t.span): t.span for t in doc.tokens}
    try:
        use_database(tmp_path / "g.db")
        gaz = load_gazetteer()
        word = _mention(doc, spans["المشهد"], "LOC", "ar", gaz)
        village = _mention(doc, (spans["كفر"][0], spans["عويد"][1]), "LOC", "ar", gaz)
    finally:
        use_database(None)
    assert (word.label, word.value) == ("location", None)
    assert village.label == "place" and village.value == ["wof:2"]
