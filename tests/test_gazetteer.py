"""The embedded gazetteer (curated + GeoNames-derived) and the derived file's build rules."""
from marsad.gazetteer import km, load_gazetteer, load_stoplist
from marsad.gazetteer.geonames import arabic_names, ascii_name, rows
from marsad.matcher import phrase_keys


def test_countries_cities_and_facilities_are_there_in_both_languages():
    gaz = load_gazetteer()
    for ar, en in [("سوريا", "Syria"), ("دمشق", "Damascus"), ("حمص", "Homs"), ("إسرائيل", "Israel"),
                   ("هضبة الجولان", "Golan Heights"), ("مطار دمشق", "Damascus airport"), ("ريف دمشق", "Rif Dimashq")]:
        a, e = gaz.lookup(ar), gaz.lookup(en)
        assert a and e and a[0].id == e[0].id, (ar, en)


def test_ids_and_fields():
    gaz = load_gazetteer()
    for p in gaz.places.values():
        assert p.id.startswith(("gn:", "marsad:")), p.id
        assert -90 <= p.lat <= 90 and -180 <= p.lon <= 180
        assert p.precision in (1, 2, 3) and p.feature
    syria = gaz.lookup("Syria")[0]
    assert syria.id == "gn:163843" and syria.feature == "country" and syria.precision == 3


def test_syrian_places_lie_in_syria():
    for p in load_gazetteer().places.values():
        if p.country == "SY" and p.feature != "region":
            assert 32.0 < p.lat < 37.5 and 35.5 < p.lon < 42.5, p


def test_stoplisted_words_are_not_names():
    gaz = load_gazetteer()
    for word in ("السجن", "المدينة", "على", "الكرامة"):
        assert phrase_keys(word) in load_stoplist()
        assert gaz.lookup(word) == []


def test_name_helpers():
    assert ascii_name("Ḩamāh") == "Hamah"
    assert ascii_name("‘Afrīn") == "Afrin"
    assert arabic_names(["Dara", "درعا", "دەرعا", "حسکه"]) == ["درعا"]


def test_build_rules_drop_common_words_and_known_places():
    city = {"geonameid": 1, "name": "Ḩarastā", "latitude": 33.56, "longitude": 36.37, "countrycode": "SY",
            "population": 1000, "admin1code": "08", "alternatenames": ["حرستا"]}
    word = dict(city, geonameid=2, name="Al Mazra‘ah", latitude=32.8, longitude=36.5,
                alternatenames=["السجن", "المزرعة"])
    new = dict(city, geonameid=3, name="Kafr Nasij", latitude=33.0, longitude=36.0, alternatenames=["كفر ناسج"])
    curated = [p for p in load_gazetteer().places.values() if p.source == "marsad"]
    out = rows({"1": city, "2": word, "3": new}, curated)
    assert [r[0] for r in out] == ["gn:3"]
    assert out[0][1:3] == ["Kafr Nasij", "كفر ناسج"] and out[0][8] == "Rif Dimashq"


def test_km():
    assert 130 < km(33.5138, 36.2765, 34.7308, 36.7094) < 150  # Damascus - Homs


def _bundle(path, records):
    import io
    import json
    import tarfile

    with tarfile.open(path, "w:gz") as tar:
        for i, props in enumerate(records):
            data = json.dumps({"type": "Feature", "properties": props}).encode()
            info = tarfile.TarInfo(f"data/{i}.geojson")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def _village(wof_id, ar, en, lat, lon):
    return {"wof:id": wof_id, "wof:placetype": "locality", "name:ara_x_preferred": [ar], "name:eng_x_preferred": [en],
            "wof:name": en, "geom:latitude": lat, "geom:longitude": lon, "wof:country": "SY",
            "wof:hierarchy": [{"region_id": 9}]}


def test_wof_import_adds_villages_without_hurting_precision(tmp_path):
    from marsad.gazetteer import import_path, use_database
    from tests.conftest import run_stages

    _bundle(tmp_path / "b.tar.gz", [
        {"wof:id": 9, "wof:placetype": "region", "name:eng_x_preferred": ["Idlib"], "geom:latitude": 35.8,
         "geom:longitude": 36.6, "wof:country": "SY"},
        _village(1, "كفر عويد", "Kafr Uwayd", 35.62, 36.48),
        _village(2, "قطر", "Qatar", 35.1, 36.2),  # a village named like a country
        _village(3, "مستوى", "Mustawa", 35.3, 36.3),  # a village named like an ordinary word
    ])
    counts = import_path(tmp_path / "b.tar.gz", tmp_path / "g.db")
    assert counts["imported"] == 4 and counts["town"] == 3
    stages = ["normalise.v1", "language.v1", "segment.v1", "mentions.v1", "resolve.v1"]
    text = "قصفت الطائرات قرية كفر عويد، وزار وفد من قطر على مستوى رفيع بلدة مستوى"
    try:
        use_database(tmp_path / "g.db")
        found = {m.text: m.place for m in run_stages(text, stages).places}
        assert found["كفر عويد"].source == "wof" and found["كفر عويد"].admin == ["SY", "Idlib"]
        assert found["قطر"].feature == "country"  # the embedded name wins
        assert list(found).count("مستوى") == 1  # only after the trigger word "بلدة"
        assert [m.text for m in run_stages("وقال إن كفر عويد هادئة", stages).places] == []
    finally:
        use_database(None)
    assert "كفر عويد" not in [m.text for m in run_stages(text, stages).places]
