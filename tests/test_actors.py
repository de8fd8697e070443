"""The actor dictionary."""
from marsad.actors import load_actors
from marsad.doc import ACTOR_KINDS


def test_entries_are_well_formed():
    index = load_actors()
    assert len(index.actors) > 50
    for a in index.actors.values():
        assert a.kind in ACTOR_KINDS, a.id
        assert a.name_en or a.name_ar
        assert a.parent is None or a.parent in index.actors, (a.id, a.parent)


def test_match_by_name_and_alias_in_both_languages():
    index = load_actors()
    assert index.match("المرصد السوري لحقوق الإنسان", "ar").id == "sohr"
    assert index.match("SOHR", "en").id == "sohr"
    assert index.match("الجيش العربي السوري", "ar").id == index.match("Syrian army", "en").id
    assert index.match("وقالت هيئة تحرير الشام", "ar").id == "hts"
    assert index.match("the weather", "en") is None


def test_titles_resolve_to_the_office_holder():
    index = load_actors()
    lavrov = index.match("وزير الخارجية الروسي", "ar")
    assert lavrov is not None and lavrov.country == "RU"


def test_root_follows_parents():
    index = load_actors()
    assert index.root("sy-army") == "sy-government"
    assert index.root(None) is None
