"""Who's On First (whosonfirst.org; credit WOF, includes GeoNames data, CC BY) into a SQLite gazetteer.

:func:`import_bundle` reads a bundle (``.tar.gz`` of GeoJSON records: ``wof:placetype``,
``name:ara_x_preferred``, ``name:eng_x_preferred``, ``geom:latitude``/``geom:longitude``,
``wof:hierarchy``, ``wof:concordances``) into one table; :func:`read_db` gives its places back for
:func:`marsad.gazetteer.load_gazetteer`, with source "wof". Names on the stoplist are never indexed;
an embedded place with the same name within 30 km wins, and a name the embedded gazetteer gives any
place stays that place's. In the text an imported name counts only after a trigger word ("قرية",
"village"), or for a name of several words after a preposition of place (``stages.mentions``), so
villages named like ordinary words do not lower precision.
"""
from __future__ import annotations

import json
import sqlite3
import tarfile
from pathlib import Path

from ..doc import Place
from ..matcher import phrase_keys

PLACETYPES = {"locality": ("town", 1), "neighbourhood": ("locality", 1), "county": ("region", 2),
              "region": ("governorate", 3)}
COLUMNS = "id, name_en, name_ar, aliases, lat, lon, feature, country, admin1, precision"


def _first(value) -> str | None:
    if isinstance(value, list):
        return value[0] if value else None
    return value or None


def _records(path: Path):
    with tarfile.open(path) as tar:
        for member in tar:
            if member.isfile() and member.name.endswith(".geojson") and "-alt-" not in member.name:
                f = tar.extractfile(member)
                if f:
                    yield json.load(f).get("properties", {})


def import_bundle(path: Path, db: Path) -> dict:
    """Import a WOF bundle into ``db`` (the table is replaced); returns counts by feature."""
    records = [p for p in _records(path) if p.get("wof:placetype") in PLACETYPES]
    regions = {p["wof:id"]: _first(p.get("name:eng_x_preferred")) or p.get("wof:name")
               for p in records if p.get("wof:placetype") == "region"}
    rows, counts = [], {"read": len(records), "skipped": 0}
    for p in records:
        lat, lon = p.get("geom:latitude"), p.get("geom:longitude")
        ar = _first(p.get("name:ara_x_preferred"))
        en = _first(p.get("name:eng_x_preferred")) or p.get("wof:name")
        if lat is None or lon is None or not (ar or en) or p.get("mz:is_current") == 0:
            counts["skipped"] += 1
            continue
        feature, precision = PLACETYPES[p["wof:placetype"]]
        gn = (p.get("wof:concordances") or {}).get("gn:id")
        hierarchy = (p.get("wof:hierarchy") or [{}])[0]
        aliases = [a for a in (p.get("name:ara_x_variant") or []) + (p.get("name:eng_x_variant") or [])
                   if a not in (ar, en)]
        rows.append((f"gn:{gn}" if gn else f"wof:{p['wof:id']}", en or ar, ar, "|".join(aliases), float(lat),
                     float(lon), feature, p.get("wof:country") or p.get("iso:country"),
                     regions.get(hierarchy.get("region_id"), ""), precision))
        counts[feature] = counts.get(feature, 0) + 1
    with sqlite3.connect(db) as con:
        con.execute("DROP TABLE IF EXISTS places")
        con.execute(f"CREATE TABLE places ({COLUMNS})")
        con.executemany(f"INSERT INTO places ({COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
    counts["imported"] = len(rows)
    return counts


def read_db(db: Path, embedded: list[Place]) -> list[Place]:
    """The places of a SQLite gazetteer made by :func:`import_bundle`, less those an embedded place
    already names within 30 km."""
    from . import km

    named: dict[tuple[str, ...], list[Place]] = {}
    for p in embedded:
        for name in (p.name_en, p.name_ar, *p.aliases):
            if name:
                named.setdefault(phrase_keys(name), []).append(p)
    ids = {p.id for p in embedded}
    out = []
    with sqlite3.connect(db) as con:
        for pid, en, ar, aliases, lat, lon, feature, country, admin1, precision in con.execute(
                f"SELECT {COLUMNS} FROM places"):
            names = [n for n in (en, ar, *aliases.split("|")) if n]
            near = (q for n in names for q in named.get(phrase_keys(n), []))
            if pid in ids or any(km(lat, lon, q.lat, q.lon) <= 30 for q in near):
                continue
            # a name the embedded gazetteer gives a better-known place ("قطر", "القاهرة") stays that place's
            ar = ar if ar and phrase_keys(ar) not in named else None
            en = en if en and phrase_keys(en) not in named else None
            if not (ar or en):
                continue
            out.append(Place(id=pid, name=en or ar, lat=lat, lon=lon, name_ar=ar, name_en=en if en != ar else None,
                             aliases=[a for a in aliases.split("|") if a and phrase_keys(a) not in named],
                             feature=feature, country=country,
                             admin=[a for a in (country, admin1) if a], precision=precision, source="wof"))
    return out
