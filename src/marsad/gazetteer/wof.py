"""Who's On First (whosonfirst.org; credit WOF, includes GeoNames data, CC BY) into a SQLite gazetteer.

:func:`import_bundle` reads a bundle (``.tar.gz`` of GeoJSON records: ``wof:placetype``,
``name:ara_x_preferred``, ``name:eng_x_preferred``, ``geom:latitude``/``geom:longitude``,
``wof:hierarchy``, ``wof:concordances``) into the ``places`` table under source "wof", beside other
imports (:func:`marsad.gazetteer.write_places`); a record that does not parse, or lacks coordinates
or a name, is counted as skipped. :func:`marsad.gazetteer.read_db` gives the places back. Names on the
stoplist are never indexed; an embedded place with the same name within 30 km wins, and a name the
embedded gazetteer gives any place stays that place's. In the text an imported name counts only after
a trigger word ("قرية", "village"), or for a name of several words after a preposition of place
(``stages.mentions``), so villages named like ordinary words do not lower precision.
"""
from __future__ import annotations

import json
import tarfile
from pathlib import Path
from typing import Iterator

from ..errors import FormatError
from . import write_places

SOURCE = "wof"
PLACETYPES = {"locality": ("town", 1), "neighbourhood": ("locality", 1), "county": ("region", 2),
              "region": ("governorate", 3)}
SHOWN_SKIPPED = 5


def _first(value) -> str | None:
    if isinstance(value, list):
        return value[0] if value else None
    return value or None


def _records(path: Path) -> Iterator[tuple[str, dict | None]]:
    """(member name, properties) of each GeoJSON record of the bundle; None for one that does not parse."""
    try:
        with tarfile.open(path) as tar:
            for member in tar:
                if member.isfile() and member.name.endswith(".geojson") and "-alt-" not in member.name:
                    f = tar.extractfile(member)
                    try:
                        props = json.load(f).get("properties") if f else None
                    except (ValueError, AttributeError):
                        props = None
                    yield member.name, props if isinstance(props, dict) else None
    except (tarfile.TarError, EOFError, OSError) as e:
        raise FormatError(f"cannot read the Who's On First bundle: {e}", source=str(path)) from e


def _row(p: dict, regions: dict) -> tuple | None:
    """The table row of one record; None when it has no coordinates or name, or is not current."""
    try:
        lat, lon = float(p["geom:latitude"]), float(p["geom:longitude"])
        ar = _first(p.get("name:ara_x_preferred"))
        en = _first(p.get("name:eng_x_preferred")) or p.get("wof:name")
        if not (ar or en) or p.get("mz:is_current") == 0:
            return None
        feature, precision = PLACETYPES[p["wof:placetype"]]
        gn = (p.get("wof:concordances") or {}).get("gn:id")
        hierarchy = (p.get("wof:hierarchy") or [{}])[0]
        aliases = [a for a in (p.get("name:ara_x_variant") or []) + (p.get("name:eng_x_variant") or [])
                   if a not in (ar, en)]
        return (f"gn:{gn}" if gn else f"wof:{p['wof:id']}", en or ar, ar, "|".join(aliases), lat, lon, feature,
                p.get("wof:country") or p.get("iso:country"), regions.get(hierarchy.get("region_id"), ""),
                precision)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def import_bundle(path: Path, db: Path) -> dict:
    """Import a WOF bundle into ``db``, replacing the Who's On First rows of its countries; returns
    counts by feature."""
    parsed = list(_records(path))
    if not parsed:
        raise FormatError("no Who's On First GeoJSON records in the archive", source=str(path))
    bad = [name for name, props in parsed if props is None]
    records = [props for _, props in parsed if props and props.get("wof:placetype") in PLACETYPES]
    regions = {p.get("wof:id"): _first(p.get("name:eng_x_preferred")) or p.get("wof:name")
               for p in records if p.get("wof:placetype") == "region"}
    rows = []
    counts: dict = {"source": SOURCE, "read": len(records) + len(bad), "skipped": len(bad),
                    "skipped_lines": bad[:SHOWN_SKIPPED]}
    for p in records:
        row = _row(p, regions)
        if row is None:
            counts["skipped"] += 1
            continue
        rows.append(row)
        counts[row[6]] = counts.get(row[6], 0) + 1
    write_places(db, SOURCE, rows)
    counts["imported"] = len(rows)
    return counts
