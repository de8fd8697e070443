"""The gazetteer: places with names in Arabic and English, coordinates, feature type and precision.

The embedded gazetteer ships in the package (``data/places.tsv``, curated from public knowledge:
countries, Syrian governorates, cities and towns, countryside regions, airports, bases, prisons,
crossings, the Golan Heights and the buffer zone). ``marsad gazetteer import`` adds a full gazetteer
(see :mod:`marsad.gazetteer.wof`) when the setting ``gazetteer.path`` names it.
"""
from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..doc import Place
from ..matcher import PhraseMatcher


def _places_tsv() -> list[Place]:
    out = []
    with resources.files("marsad.data").joinpath("places.tsv").open(encoding="utf-8") as f:
        rows = csv.reader((line for line in f if not line.startswith("#")), delimiter="\t")
        for pid, en, ar, aliases, lat, lon, feature, country, admin1, precision in rows:
            out.append(Place(id=pid, name=en, lat=float(lat), lon=float(lon), name_ar=ar or None, name_en=en,
                             aliases=[a for a in aliases.split("|") if a], feature=feature,
                             country=country or None, admin=[a for a in (country, admin1) if a],
                             precision=int(precision), source="marsad"))
    return out


class Gazetteer:
    def __init__(self, places: list[Place]):
        self.places = {p.id: p for p in places}
        self.matcher: PhraseMatcher[str] = PhraseMatcher()
        for p in places:
            for name in (p.name_en, p.name_ar, *p.aliases):
                if name:
                    self.matcher.add(name, p.id)

    def get(self, place_id: str) -> Place | None:
        return self.places.get(place_id)

    def candidates(self, ids: list[str]) -> list[Place]:
        return [self.places[i] for i in ids if i in self.places]

    def add(self, places: list[Place], names: dict[str, list[str]]) -> None:
        """Add imported places, ``names`` mapping a place id to its names."""
        for p in places:
            self.places.setdefault(p.id, p)
            for n in names.get(p.id, []):
                self.matcher.add(n, p.id)


@lru_cache(maxsize=4)
def load_gazetteer(extra: str = "") -> Gazetteer:
    """The embedded gazetteer, plus an imported one when ``extra`` names its database."""
    gaz = Gazetteer(_places_tsv())
    if extra:
        from .store import read_imported

        places, names = read_imported(Path(extra))
        gaz.add(places, names)
    return gaz
