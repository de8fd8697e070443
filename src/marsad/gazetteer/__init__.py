"""The gazetteer: places with names in Arabic and English, coordinates, feature type and precision.

The embedded gazetteer ships in the package: ``data/places.tsv`` (curated from public knowledge:
countries, Syrian governorates, cities and towns, countryside regions, airports, bases, prisons,
crossings, the Golan Heights and the buffer zone; source "marsad") and ``data/places_geonames.tsv``
(towns and villages derived from GeoNames, CC BY 4.0, by :mod:`marsad.gazetteer.geonames`; source
"geonames"). A SQLite gazetteer made by :func:`import_path` (Who's On First) can be added to it.
"""
from __future__ import annotations

import csv
import math
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .. import lang
from ..doc import Place
from ..matcher import PhraseMatcher, phrase_keys

FILES = {"places.tsv": "marsad", "places_geonames.tsv": "geonames"}


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
        from .wof import read_db

        places += read_db(Path(db), places)
    return Gazetteer(places)


def import_path(path: Path, db: Path) -> dict:
    """Import a Who's On First bundle (``.tar.gz`` of GeoJSON records) into the SQLite gazetteer ``db``;
    returns counts."""
    from .wof import import_bundle

    return import_bundle(Path(path), Path(db))
