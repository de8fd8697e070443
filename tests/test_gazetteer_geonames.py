"""Importing a GeoNames per-country dump (SY.txt / SY.zip, with its alternate names) into the SQLite
gazetteer, beside a Who's On First import.

No real SY.txt is used (nothing is downloaded): the fixture holds dump lines of real Syrian villages
with their GeoNames ids and public coordinates; ids from 99000001 on are made up for the fixture.
"""
import sqlite3
import zipfile

import pytest
from typer.testing import CliRunner

import marsad
from marsad.cli import app
from marsad.config import Config
from marsad.errors import FormatError
from marsad.gazetteer import import_path, load_gazetteer, load_stoplist, use_database, write_places
from marsad.gazetteer.geonames_dump import Row, names_of
from tests.conftest import shared_path


def line(gid, name, alternates, lat, lon, code, admin1="12", population=0):
    """One dump line: the 19 columns of GeoNames' geoname table."""
    fclass, fcode = code.split(".")
    return "\t".join([str(gid), name, name, alternates, str(lat), str(lon), fclass, fcode, "SY", "", admin1, "", "",
                      "", str(population), "", "300", "Asia/Damascus", "2024-01-01"])


DUMP = [
    line(169387, "Idlib", "Idlib Governorate,Muhafazat Idlib,محافظة إدلب,ادلب", 35.78763, 36.67972, "A.ADM1",
         population=1501000),
    line(171857, "Balyūn", "Balyun,Baliyun,بليون,بلیون", 35.69568, 36.50841, "P.PPL"),
    line(167025, "Mara‘yān", "Marayan,مرعيان", 35.74032, 36.56406, "P.PPL"),
    line(168624, "Kafr ‘Uwayd", "Kafr Uwayd,کفر عوید,كفر عويد", 35.63106, 36.45987, "P.PPL"),  # Persian first
    line(174626, "Ablīn", "Ablin,ابلين", 35.71345, 36.52933, "P.PPL"),
    line(163552, "Ta‘līk", "تلك,تعلك", 36.78057, 38.1069, "P.PPL", admin1="09"),  # named like "تلك" (that)
    line(172441, "Al Mazra‘ah", "Al Mazraa,المزرعة", 32.78398, 36.47695, "P.PPL", admin1="05", population=8000),
    "171999\tBroken row\tonly four columns",
    line(99000001, "Taftanaz Air Base", "Taftanaz Military Airport,مطار تفتناز العسكري,مطار تفتناز", 35.9722,
         36.7831, "S.AIRB"),
    line(99000002, "Jabal al Arba‘īn", "جبل الأربعين", 35.8053, 36.6239, "T.MT"),
    line(99000003, "Bi’r al Qadīm", "بئر القديم", 35.5, 36.9, "H.WLL"),
    line(99000004, "Blūdān", "Bludan,Bloudan,بلودان", 33.7289, 36.1322, "P.PPLA3", admin1="08"),
    line(99000005, "Ariha District", "Mintaqat Ariha,منطقة أريحا", 35.81, 36.61, "A.ADM2"),
    line(172000, "Bad latitude", "", "north", 36.5, "P.PPL"),
]
ALTERNATES = [
    "1\t174626\tar\tإبلين\t1\t\t\t\t\t",
    "2\t174626\tar\tابلين القديمة\t1\t\t\t1\t\t",  # preferred but historic: an alias only
    "3\t174626\ten\tIblin\t1\t\t\t\t\t",
    "4\t174626\tlink\thttps://en.wikipedia.org/wiki/Iblin\t\t\t\t\t\t",
    "5\t174626\tfa\tابلین\t\t\t\t\t\t",
    "6\t171857\tar\tبليون\t1\t\t\t\t\t",
    "7\t999\tar\tمكان آخر\t\t\t\t\t\t",  # not in the dump
    "a line that is not one",
]
COUNTS = {"source": "geonames-dump", "read": 14, "imported": 11, "ignored": 1, "skipped": 2,
          "governorate": 1, "region": 1, "village": 5, "town": 2, "airport": 1, "mountain": 1}


def write(path, lines):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def dump(tmp_path):
    return write(tmp_path / "SY.txt", DUMP)


@pytest.fixture
def alternates(tmp_path):
    return write(tmp_path / "alternatenames" / "SY.txt", ALTERNATES)


@pytest.fixture
def gazetteer_db(tmp_path):
    """Set the database (tmp_path/g.db) the gazetteer adds, and unset it after the test."""
    db = tmp_path / "g.db"
    use_database(db)
    yield db
    use_database(None)


def rows_by_source(db):
    return dict(sqlite3.connect(db).execute("SELECT source, COUNT(*) FROM places GROUP BY source").fetchall())


def test_import_from_txt(dump, gazetteer_db):
    counts = import_path(dump, gazetteer_db)
    assert {k: counts[k] for k in COUNTS} == COUNTS
    assert counts["skipped_lines"] == [f"{dump}:8", f"{dump}:14"]
    gaz = load_gazetteer()
    balyun = gaz.get("gn:171857")
    assert (balyun.name_ar, balyun.name_en, balyun.feature, balyun.precision) == ("بليون", "Balyun", "village", 1)
    assert balyun.admin == ["SY", "Idlib"] and balyun.source == "geonames-dump"  # admin1 from the ADM1 row
    assert gaz.get("gn:168624").name_ar == "كفر عويد"  # not the Persian spelling listed first
    assert gaz.get("gn:172441").feature == "town"  # 8,000 people
    assert gaz.get("gn:99000004").feature == "town"  # the seat of a nahiya
    assert (gaz.get("gn:99000001").feature, gaz.get("gn:99000002").feature) == ("airport", "mountain")
    assert gaz.get("gn:99000003") is None  # a well
    assert gaz.get("gn:99000005").precision == 2
    assert [p.id for p in gaz.lookup("Marayan")] == ["gn:167025"]
    # an embedded place wins: the governorate of Idlib and its names stay the embedded gazetteer's
    assert all(p.source != "geonames-dump" for p in gaz.lookup("إدلب") + gaz.lookup("محافظة إدلب"))


def test_import_from_zip(dump, tmp_path):
    archive = tmp_path / "SY.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(dump, "SY.txt")
        z.writestr("readme.txt", "GeoNames readme")
    counts = import_path(archive, tmp_path / "g.db")
    assert {k: counts[k] for k in COUNTS} == COUNTS
    assert counts["skipped_lines"] == [f"{archive}:8", f"{archive}:14"]


def test_bad_bytes_and_a_broken_zip(tmp_path):
    dump = tmp_path / "SY.txt"
    cp1256 = line(168624, "Kafr Uwayd", "كفر عويد", 35.63106, 36.45987, "P.PPL").encode("cp1256")
    dump.write_bytes("\n".join(DUMP[:3]).encode() + b"\n" + cp1256 + b"\n")
    counts = import_path(dump, tmp_path / "g.db")  # the line in cp1256 is skipped, the rest imported
    assert (counts["imported"], counts["skipped_lines"]) == (3, [f"{dump}:4"])
    archive = tmp_path / "SY.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("SY.txt", "\n".join(DUMP * 50))
    data = bytearray(archive.read_bytes())
    data[200:260] = bytes(60)
    archive.write_bytes(bytes(data))
    with pytest.raises(FormatError):
        import_path(archive, tmp_path / "g.db")


def test_alternate_names_file(dump, alternates, gazetteer_db):
    counts = import_path(dump, gazetteer_db, alternates)
    assert counts["alternate_names"] == 4  # "ar" and "en" names of places in the dump
    assert counts["skipped"] == 3 and counts["skipped_lines"][-1] == f"{alternates}:8"
    ablin = load_gazetteer().get("gn:174626")
    assert (ablin.name_ar, ablin.name_en) == ("إبلين", "Iblin")  # the preferred names of the file
    assert "ابلين القديمة" in ablin.aliases and "Ablin" in ablin.aliases
    assert not any("wikipedia" in a or "ابلین" == a for a in ablin.aliases)


def test_arabic_names_prefer_arabic_letters_and_skip_other_scripts():
    row = Row("1", "Kafr Nubl", "Kafr Nubl", ["گفرنبل", "کفرنبل", "Кафр-Нубль", "تلك", "كفر نبل"], 35.6, 36.5,
              "P.PPL", "SY", "12", 0)
    en, ar, aliases = names_of(row, [], load_stoplist())
    assert (en, ar) == ("Kafr Nubl", "كفر نبل")
    assert aliases == ["کفرنبل", "تلك"]  # Persian kaf and ya fold to Arabic; گ and Cyrillic are dropped


def extract_places(text, db):
    doc = marsad.extract(text, title=False, config=Config({"gazetteer.path": str(db)}))
    return {m.text: m.place for m in doc.places}


def test_extract_resolves_an_imported_village(dump, gazetteer_db):
    import_path(dump, gazetteer_db)
    village = extract_places("قصفت قوات النظام قرية بليون في ريف إدلب", gazetteer_db)["بليون"]
    assert (village.id, village.lat, village.lon, village.precision) == ("gn:171857", 35.69568, 36.50841, 1)
    airport = extract_places("انسحبت القوات من مطار تفتناز العسكري", gazetteer_db)["مطار تفتناز العسكري"]
    assert (airport.id, airport.feature, airport.precision) == ("gn:99000001", "airport", 1)
    assert extract_places("وقال إن مرعيان هادئة", gazetteer_db) == {}  # one imported word needs "قرية"
    english = extract_places("Regime forces shelled the village of Balyun in Idlib countryside.", gazetteer_db)
    assert english["Balyun"].id == "gn:171857"  # "village of" names the trigger too
    assert "Balyun" not in extract_places("Balyun said the talks had failed.", gazetteer_db)
    # the mentions stage wants a trigger word before one imported word; the English names recogniser, over
    # the imported gazetteer too, reads "in Balyun" as a place, and the names stage resolves it
    assert extract_places("Clashes erupted in Balyun on Sunday.", gazetteer_db)["Balyun"].id == "gn:171857"


def test_ordinary_word_villages_never_match(dump, gazetteer_db):
    import_path(dump, gazetteer_db)
    for text in ("قصفت الطائرات قرية تلك", "وقالت إن تلك القرى هادئة", "قصفت قوات النظام قرية المزرعة"):
        assert not {"gn:163552", "gn:172441"} & {p.id for p in extract_places(text, gazetteer_db).values()}, text
    assert extract_places("قصفت الطائرات قرية تعلك", gazetteer_db)["تعلك"].id == "gn:163552"  # its other name


def test_reimport_replaces_and_keeps_other_sources(dump, tmp_path, gazetteer_db):
    wof_rows = [("gn:171857", "Balyun", "بليون", "Baliyoun", 35.6957, 36.5084, "town", "SY", "Idlib", 1),
                ("wof:421190413", "Bloudan", "بلودان", "", 33.73262, 36.132659, "town", "SY", "Rif Dimashq", 1),
                ("gn:168686", "Kafr Hawt", "كفر حوت", "", 35.88883, 37.40978, "town", "SY", "Aleppo", 1)]
    write_places(gazetteer_db, "wof", wof_rows)
    import_path(dump, gazetteer_db)
    import_path(dump, gazetteer_db)
    write(tmp_path / "LB.txt", [line(276781, "Baalbek", "بعلبك", 34.00583, 36.21806, "P.PPLA").replace(
        "\tSY\t", "\tLB\t")])
    import_path(tmp_path / "LB.txt", gazetteer_db)  # another country's dump keeps Syria's rows
    assert rows_by_source(gazetteer_db) == {"wof": 3, "geonames-dump": 12}
    gaz = load_gazetteer()
    [balyun] = gaz.lookup("بليون")  # the same gn id from both sources: one place
    assert balyun.source == "geonames-dump" and "Baliyoun" in balyun.aliases
    assert [p.id for p in gaz.lookup("بلودان")] == ["gn:99000004"]  # same name 400 m apart: one place
    assert gaz.get("gn:168686").source == "wof"


def test_a_database_without_sources_reads_as_wof(dump, gazetteer_db):
    with sqlite3.connect(gazetteer_db) as con:
        con.execute("CREATE TABLE places (id, name_en, name_ar, aliases, lat, lon, feature, country, admin1, "
                    "precision)")
        con.execute("INSERT INTO places VALUES ('gn:168686', 'Kafr Hawt', 'كفر حوت', '', 35.88883, 37.40978, "
                    "'town', 'SY', 'Aleppo', 1)")
    assert load_gazetteer().get("gn:168686").source == "wof"
    import_path(dump, gazetteer_db)
    assert rows_by_source(gazetteer_db) == {"wof": 1, "geonames-dump": 11}


def test_wof_bundle_and_dump_in_one_database(dump, gazetteer_db):
    bundle = shared_path("data", "gazetteer", "whosonfirst-data-admin-sy.tar.gz")
    wof = import_path(bundle, gazetteer_db)
    import_path(dump, gazetteer_db)
    assert rows_by_source(gazetteer_db) == {"wof": wof["imported"], "geonames-dump": 11}
    gaz = load_gazetteer()
    [balyun] = gaz.lookup("بليون")
    assert balyun.id == "gn:171857" and balyun.source == "geonames-dump"
    assert len(gaz.lookup("بلودان")) == 1
    assert gaz.get("gn:168686").source == "wof"  # a village only Who's On First has


def test_files_of_other_kinds_are_refused(dump, alternates, tmp_path):
    junk = write(tmp_path / "notes.txt", ["hello", "world"])
    for path, alternate_names in ((junk, None), (alternates, None), (dump, junk), (dump, dump)):
        with pytest.raises(FormatError):
            import_path(path, tmp_path / "g.db", alternate_names)


def test_cli_prints_counts_and_refuses_a_bad_file(dump, alternates, tmp_path):
    runner = CliRunner()
    db = tmp_path / "g.db"
    res = runner.invoke(app, ["gazetteer", "import", str(dump), str(alternates), "--out", str(db)])
    assert res.exit_code == 0, res.output
    assert "11 places imported of 14 read" in res.stdout and "village 5" in res.stdout
    assert "could not be read or used: 3" in res.stdout and f"{dump}:8" in res.stdout
    junk = write(tmp_path / "notes.txt", ["hello", "world"])
    for args in ([str(junk)], [str(alternates), str(dump)]):
        res = runner.invoke(app, ["gazetteer", "import", *args, "--out", str(db)])
        assert res.exit_code == 2 and "E103" in res.output, res.output
    assert rows_by_source(db) == {"geonames-dump": 11}
