"""The gazetteer: places with names in Arabic and English, coordinates, feature type and precision.

The embedded gazetteer ships in the package: ``data/places.tsv`` (curated from public knowledge:
countries, Syrian governorates, cities and towns, countryside regions, airports, bases, prisons,
crossings, the Golan Heights and the buffer zone; source "marsad") and ``data/places_geonames.tsv``
(towns and villages derived from GeoNames, CC BY 4.0, by :mod:`marsad.gazetteer.geonames`; source
"geonames"). A SQLite gazetteer made by :func:`import_path` can be added to it: one database holds
several imports, each under its source (:data:`IMPORTED_SOURCES`): a Who's On First bundle
(:mod:`marsad.gazetteer.wof`, "wof") and GeoNames per-country dumps such as ``SY.txt``
(:mod:`marsad.gazetteer.geonames_dump`, "geonames-dump"). The user downloads these files; Marsad never
downloads anything. :func:`read_db` gives one place per place however many imports name it, and an
embedded place always wins over an imported one.
"""
from __future__ import annotations

import csv
import math
import sqlite3
import tarfile
from contextlib import closing
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .. import lang
from ..doc import Place
from ..errors import FormatError, StoreError
from ..matcher import PhraseMatcher, phrase_keys

FILES = {"places.tsv": "marsad", "places_geonames.tsv": "geonames"}
# Sources of an imported database, in precedence order: when two imports hold the same place, the
# first gives its record (GeoNames' feature codes tell a city from a village; Who's On First calls
# both "locality") and the other adds its names.
IMPORTED_SOURCES = ("geonames-dump", "wof")
COLUMNS = "id, name_en, name_ar, aliases, lat, lon, feature, country, admin1, precision"
MERGE_KM = 5  # two imports' places with a name in common this near are one place
EMBEDDED_KM = 30  # an imported place named like an embedded one this near is that one
_SETTLEMENTS = ("city", "town", "village", "locality")


def km(lat1: float | None, lon1: float | None, lat2: float | None, lon2: float | None) -> float:
    """Great-circle distance in km (a large number when a coordinate is missing)."""
    if None in (lat1, lon1, lat2, lon2):
        return 1e9
    p1, p2 = math.radians(lat1), math.radians(lat2)  # type: ignore[arg-type]
    dp, dl = p2 - p1, math.radians(lon2 - lon1)  # type: ignore[operator]
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


@lru_cache(maxsize=1)
def load_stoplist() -> frozenset[tuple[str, ...]]:
    """Keys of ordinary words that are never place names on their own (``stoplist`` in
    ``lang/*/places.yaml``)."""
    out = set()
    for code in ("ar", "en"):
        out |= {phrase_keys(w) for w in lang.load(code, "places").get("stoplist", [])}
    return frozenset(out)


def read_tsv(name: str) -> list[Place]:
    """The places of one embedded data file."""
    out = []
    source = FILES.get(name, "marsad")
    with resources.files("marsad.data").joinpath(name).open(encoding="utf-8") as f:
        rows = csv.reader((line for line in f if not line.startswith("#")), delimiter="\t")
        for pid, en, ar, aliases, lat, lon, feature, country, admin1, precision in rows:
            out.append(Place(id=pid, name=en, lat=float(lat), lon=float(lon), name_ar=ar or None, name_en=en,
                             aliases=[a for a in aliases.split("|") if a], feature=feature,
                             country=country or None, admin=[a for a in (country, admin1) if a],
                             precision=int(precision), source=source))
    return out


class Gazetteer:
    def __init__(self, places: list[Place]):
        self.places: dict[str, Place] = {}
        self.matcher: PhraseMatcher[str] = PhraseMatcher()
        stop = load_stoplist()
        for p in places:
            if p.id in self.places:
                continue
            self.places[p.id] = p
            for name in (p.name_en, p.name_ar, *p.aliases):
                if name and name.lower().startswith("the "):
                    name = name[4:]  # "the Golan" must not hide "Golan Heights"
                if name and phrase_keys(name) not in stop:
                    self.matcher.add(name, p.id)

    def get(self, place_id: str) -> Place | None:
        return self.places.get(place_id)

    def candidates(self, ids: list[str]) -> list[Place]:
        return [self.places[i] for i in ids if i in self.places]

    def lookup(self, name: str) -> list[Place]:
        """The places called exactly ``name`` (after folding and clitic removal)."""
        return self.candidates(self.matcher.lookup(name))


def embedded_places() -> list[Place]:
    return [p for name in FILES for p in read_tsv(name)]


_database: str | None = None


def use_database(db: str | Path | None) -> None:
    """Add the SQLite gazetteer ``db`` (made by :func:`import_path`) to the embedded one from now on
    (the setting ``gazetteer.path``); None: the embedded gazetteer alone."""
    global _database
    _database = str(db) if db else None


def load_gazetteer() -> Gazetteer:
    """The embedded gazetteer, with the places of the database set by :func:`use_database` after it:
    an embedded place wins over an imported one with the same name nearby."""
    return _load(_database)


@lru_cache(maxsize=4)
def _load(db: str | None) -> Gazetteer:
    places = embedded_places()
    if db:
        places += read_db(Path(db), places)
    return Gazetteer(places)


def _columns(con: sqlite3.Connection) -> set[str]:
    return {row[1] for row in con.execute("PRAGMA table_info(places)")}


def write_places(db: Path, source: str, rows: list[tuple]) -> None:
    """Store an import's rows (in :data:`COLUMNS` order) under ``source``, replacing that source's rows
    of the same countries: re-importing ``SY.txt`` replaces the GeoNames rows of Syria, and leaves those
    of ``LB.txt`` and the Who's On First rows alone. A database written before sources were recorded
    holds Who's On First rows."""
    countries = sorted({row[7] or "" for row in rows})
    try:
        with closing(sqlite3.connect(db)) as con, con:
            con.execute(f"CREATE TABLE IF NOT EXISTS places ({COLUMNS}, source)")
            if "source" not in _columns(con):
                con.execute("ALTER TABLE places ADD COLUMN source TEXT DEFAULT 'wof'")
            con.execute(f"DELETE FROM places WHERE source = ? AND IFNULL(country, '') IN "
                        f"({', '.join('?' * len(countries))})", (source, *countries))
            con.executemany(f"INSERT INTO places ({COLUMNS}, source) VALUES ({', '.join('?' * 11)})",
                            [(*row, source) for row in rows])
    except sqlite3.DatabaseError as e:
        raise StoreError(f"cannot write the gazetteer database: {e}", source=str(db)) from e


def read_db(db: Path, embedded: list[Place]) -> list[Place]:
    """The places of a SQLite gazetteer made by :func:`import_path`: one per place however many
    imports hold it (:func:`merge`), less those the embedded gazetteer has (:func:`behind_embedded`)."""
    with closing(sqlite3.connect(db)) as con:
        source = "source" if "source" in _columns(con) else "'wof'"
        rows = con.execute(f"SELECT {COLUMNS}, {source} FROM places").fetchall()
    rank = {s: i for i, s in enumerate(IMPORTED_SOURCES)}
    rows.sort(key=lambda row: rank.get(row[-1], len(rank)))
    return behind_embedded(merge([_place(row) for row in rows]), embedded)


def _place(row: tuple) -> Place:
    pid, en, ar, aliases, lat, lon, feature, country, admin1, precision, source = row
    return Place(id=pid, name=en or ar, lat=lat, lon=lon, name_ar=ar, name_en=en,
                 aliases=[a for a in (aliases or "").split("|") if a], feature=feature, country=country,
                 admin=[a for a in (country, admin1) if a], precision=precision, source=source)


def _names(p: Place) -> list[str]:
    return [n for n in (p.name_en, p.name_ar, *p.aliases) if n]


def _kind(feature: str | None) -> str | None:
    """Features that may name the same place: every kind of settlement is one."""
    return "settlement" if feature in _SETTLEMENTS else feature


def merge(places: list[Place]) -> list[Place]:
    """One place per place, in the given (precedence) order: a place with the id of an earlier one, or
    from another source with a name of an earlier one within :data:`MERGE_KM` and the same kind of
    feature, is folded into it (:func:`_absorb`) instead of being listed twice."""
    by_id: dict[str, Place] = {}
    by_name: dict[tuple[str, ...], list[Place]] = {}
    for p in places:
        same = by_id.get(p.id) or _namesake(p, by_name)
        if same:
            _absorb(same, p)
        else:
            by_id[p.id] = same = p
        for name in _names(p):
            by_name.setdefault(phrase_keys(name), []).append(same)
    return list(by_id.values())


def _namesake(p: Place, by_name: dict[tuple[str, ...], list[Place]]) -> Place | None:
    for name in _names(p):
        for q in by_name.get(phrase_keys(name), []):
            if q.source != p.source and _kind(q.feature) == _kind(p.feature) and \
                    km(p.lat, p.lon, q.lat, q.lon) <= MERGE_KM:
                return q
    return None


def _absorb(place: Place, other: Place) -> None:
    """Give ``place`` what ``other`` (the same place from another row) adds: a missing name or
    governorate, and its other names as aliases."""
    place.name_ar = place.name_ar or other.name_ar
    place.name_en = place.name_en or other.name_en
    place.name = place.name_en or place.name_ar or place.name
    if len(other.admin) > len(place.admin):
        place.admin = other.admin
    known = {phrase_keys(n) for n in _names(place)}
    for name in _names(other):
        if phrase_keys(name) not in known:
            known.add(phrase_keys(name))
            place.aliases.append(name)


def behind_embedded(places: list[Place], embedded: list[Place]) -> list[Place]:
    """The imported places the embedded gazetteer does not have (same id, or a name in common within
    :data:`EMBEDDED_KM`), without the names it gives another place ("قطر", "القاهرة" stay the
    country's and the city's)."""
    named: dict[tuple[str, ...], list[Place]] = {}
    for p in embedded:
        for name in _names(p):
            named.setdefault(phrase_keys(name), []).append(p)
    ids = {p.id for p in embedded}
    out = []
    for p in places:
        near = (q for n in _names(p) for q in named.get(phrase_keys(n), []))
        if p.id in ids or any(km(p.lat, p.lon, q.lat, q.lon) <= EMBEDDED_KM for q in near):
            continue
        ar = p.name_ar if p.name_ar and phrase_keys(p.name_ar) not in named else None
        en = p.name_en if p.name_en and phrase_keys(p.name_en) not in named else None
        if ar or en:
            out.append(replace(p, name=en or ar, name_ar=ar, name_en=en if en != ar else None,
                               aliases=[a for a in p.aliases if phrase_keys(a) not in named]))
    return out


def file_kind(path: Path) -> str | None:
    """What a gazetteer file is: "wof" (a tar archive: a Who's On First bundle), "geonames-dump" or
    "geonames-alternate-names" (told by their columns, also inside a ``.zip``), or None."""
    from .geonames_dump import kind

    return "wof" if tarfile.is_tarfile(path) else kind(path)


def import_path(path: Path, db: Path, alternate_names: Path | None = None) -> dict:
    """Import a Who's On First bundle (``.tar.gz``/``.tar.bz2`` of GeoJSON records) or a GeoNames dump
    (``SY.txt`` or ``SY.zip``, with its alternate names file if given) into the SQLite gazetteer ``db``,
    beside the other imports it holds; returns counts (see :func:`summary`). A file of another kind
    raises :class:`~marsad.errors.FormatError`."""
    from .geonames_dump import import_dump
    from .wof import import_bundle

    path, db = Path(path), Path(db)
    kind = file_kind(path)
    alternates = Path(alternate_names) if alternate_names else None
    if kind == "geonames-alternate-names":
        raise FormatError("a GeoNames alternate names file goes after its dump: "
                          "marsad gazetteer import SY.txt alternatenames/SY.txt", source=str(path))
    if kind is None:
        raise FormatError("neither a Who's On First bundle (.tar.gz of GeoJSON records) nor a GeoNames "
                          "dump (SY.txt or SY.zip: 19 tab-separated columns)", source=str(path))
    if alternates and (kind != "geonames-dump" or file_kind(alternates) != "geonames-alternate-names"):
        raise FormatError("not a GeoNames alternate names file for a dump (alternatenames/SY.txt or "
                          "SY.zip: 10 tab-separated columns)", source=str(alternates))
    counts = import_dump(path, db, alternates) if kind == "geonames-dump" else import_bundle(path, db)
    _load.cache_clear()
    return counts


_COUNT_KEYS = {"source", "read", "imported", "skipped", "skipped_lines", "ignored", "alternate_names"}


def summary(counts: dict) -> list[str]:
    """Lines saying what an import did: places by feature, names added, rows left out."""
    features = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()) if k not in _COUNT_KEYS)
    lines = [f"{counts['source']}: {counts['imported']} places imported of {counts['read']} read "
             f"({features or 'none'})"]
    if counts.get("alternate_names"):
        lines.append(f"alternate names used: {counts['alternate_names']}")
    if counts.get("ignored"):
        lines.append("ignored, features not geocoded to (water, roads, buildings, historical places): "
                     f"{counts['ignored']}")
    if counts.get("skipped"):
        where = f" (first: {', '.join(counts['skipped_lines'])})" if counts.get("skipped_lines") else ""
        lines.append(f"skipped, rows that could not be read or used: {counts['skipped']}{where}")
    return lines
