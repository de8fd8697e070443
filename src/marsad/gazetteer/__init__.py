"""The gazetteer: places with names in Arabic and English, coordinates, feature type and precision.

The embedded gazetteer ships in the package (``data/places.tsv``, curated from public knowledge:
countries, Syrian governorates, cities and towns, countryside regions, airports, bases, prisons,
crossings, the Golan Heights and the buffer zone).
"""
from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

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


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The embedded gazetteer."""
    return Gazetteer(_places_tsv())
