"""mentions.v1: places, actors, dates and numbers as raw spans, on sentences written for these tests."""
import pytest

from tests.conftest import run_stages

STAGES = ["normalise.v1", "language.v1", "segment.v1", "mentions.v1"]


def mentions(text, label=None, **fields):
    doc = run_stages(text, STAGES, **fields)
    for m in doc.mentions:
        assert doc.text[m.span[0]:m.span[1]] == m.text  # offsets round-trip
    return [m for m in doc.mentions if label is None or m.label in label]


def place_texts(text):
    return [m.text for m in mentions(text, ("place", "facility"))]


def test_arabic_clitics_are_left_out_of_the_span():
    assert place_texts("وصلت التعزيزات إلى حمص وبدمشق ولحلب فجراً") == ["حمص", "دمشق", "حلب"]


def test_a_name_beginning_with_a_clitic_letter_keeps_it():
    assert place_texts("زار الوفد ليبيا ولبنان وفرنسا وبريطانيا") == ["ليبيا", "لبنان", "فرنسا", "بريطانيا"]


def test_multiword_names_are_one_mention_and_facilities_are_labelled():
    found = mentions("نقل المعتقلون من سجن حمص المركزي إلى مطار دمشق الدولي", ("place", "facility"))
    assert [(m.text, m.label) for m in found] == [("سجن حمص المركزي", "facility"), ("مطار دمشق الدولي", "facility")]


def test_regions_and_countryside():
    assert place_texts("تقدمت القوات في ريف حمص الشمالي وفي ريف دمشق") == ["ريف حمص الشمالي", "ريف دمشق"]
    assert place_texts("Fighting spread to the northern Homs countryside and the Golan Heights.") == [
        "northern Homs countryside", "Golan Heights"]


def test_english_possessive_is_not_in_the_span():
    assert place_texts("Syria's army and Iran’s envoy met in Damascus.") == ["Syria", "Iran", "Damascus"]


def test_demonyms_are_not_places():
    assert place_texts("Syrian and Russian officials met Turkish envoys.") == []
    assert place_texts("قالت وزارة الدفاع السورية إن القوات الروسية انسحبت") == []


def test_stoplisted_words_are_not_places():
    assert place_texts("أكد عبد الرحمن في بيان على أن المدينة هادئة") == []


def test_a_place_inside_an_actor_name_gives_way():
    found = mentions("أعلنت قوات سوريا الديمقراطية انسحابها من منبج", ("place", "organisation"))
    assert [(m.text, m.label) for m in found] == [("قوات سوريا الديمقراطية", "organisation"), ("منبج", "place")]


def test_ambiguous_names_need_place_context():
    assert place_texts("قال إن الحضر يجب أن يلتزموا") == []
    assert place_texts("قصفت القوات قرية حضر في القنيطرة") == ["حضر", "القنيطرة"]


def test_derived_gazetteer_single_words_need_context():
    # Taftanaz is known only from the GeoNames-derived list
    assert place_texts("Taftanaz was quiet.") == []
    assert place_texts("Clashes erupted near Taftanaz on Monday.") == ["Taftanaz"]


def test_person_name_parts_are_not_places():
    assert "حلب" not in place_texts("قال أبو حلب إن المعارك توقفت")


def test_english_lowercase_words_are_not_places():
    assert place_texts("the homs of the world") == []


def test_actors_in_both_languages():
    text = "وقال المرصد السوري لحقوق الإنسان إن هيئة تحرير الشام سيطرت على البلدة"
    found = mentions(text, ("organisation", "person"))
    assert [m.entity_id for m in found] == ["sohr", "hts"]
    found = mentions("Hayat Tahrir al-Sham said on Telegram that the SDF withdrew.", ("organisation", "person"))
    assert [m.entity_id for m in found] == ["hts", "sdf"]


def test_dates_resolve_against_publication():
    found = mentions("قال المرصد اليوم الجمعة إن المعارك بدأت أمس وتجددت فجر الأحد", ("date",), published="2024-12-06")
    assert [(m.text, m.value) for m in found] == [
        ("اليوم الجمعة", "2024-12-06"), ("أمس", "2024-12-05"), ("فجر الأحد", "2024-12-01")]


def test_numbers_do_not_repeat_dates():
    found = mentions("On Dec. 7, 2024 more than 3,500 people fled.", ("date", "number"), published="2024-12-08")
    assert [(m.label, m.value) for m in found] == [("date", "2024-12-07"), ("number", 3500)]


@pytest.mark.parametrize("text", ["", "   ", "...", "123"])
def test_degenerate_texts(text):
    assert all(m.label == "number" for m in mentions(text))
