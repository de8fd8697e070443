"""resolve.v1: one place per mention, chosen by context."""
from marsad.gazetteer import km
from tests.conftest import run_stages

STAGES = ["normalise.v1", "language.v1", "segment.v1", "mentions.v1", "resolve.v1"]


def places(text):
    return [(m.text, m.place) for m in run_stages(text, STAGES).places]


def test_every_place_has_coordinates_and_method():
    doc = run_stages("Israeli troops entered the buffer zone near Quneitra, Syria.", STAGES)
    assert [m.text for m in doc.places] == ["buffer zone", "Quneitra", "Syria"]
    for m in doc.places:
        assert m.place.lat is not None and m.place.lon is not None
        assert m.method == "gazetteer" and 0 < m.confidence <= 1 and m.entity_id == m.place.id


def test_shared_name_follows_the_document_country():
    libya = dict(places("اندلعت اشتباكات في طرابلس، وقالت حكومة ليبيا إن الوضع هادئ"))
    lebanon = dict(places("اندلعت اشتباكات في طرابلس شمال لبنان قرب الحدود"))
    assert libya["طرابلس"].country == "LY"
    assert lebanon["طرابلس"].country == "LB"


def test_precision_levels():
    found = dict(places("Shelling hit a village near Saraqib, in Idlib province, Syria."))
    assert found["Saraqib"].precision == 2  # near a town
    assert found["Idlib province"].precision == 3
    assert found["Syria"].precision == 3
    town = dict(places("Rebels entered Saraqib."))["Saraqib"]
    assert town.precision == 1
    assert km(town.lat, town.lon, 35.86, 36.80) < 10


def test_the_gazetteer_place_is_not_changed_by_a_mention():
    places("Clashes near Saraqib.")
    assert dict(places("Rebels entered Saraqib."))["Saraqib"].precision == 1
