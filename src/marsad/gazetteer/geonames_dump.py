"""GeoNames per-country dumps (geonames.org, CC BY 4.0) into the SQLite gazetteer, beside other imports.

The user downloads ``SY.zip`` (or ``SY.txt``) from download.geonames.org/export/dump/, and if wanted
the country's alternate names, ``alternatenames/SY.zip``; Marsad never downloads anything. Then
``marsad gazetteer import SY.zip alternatenames/SY.zip``.

A dump has the 19 tab-separated columns of the ``geoname`` table: geonameid, name, asciiname,
alternatenames (comma-separated, without language), latitude, longitude, feature class, feature
code, country code, cc2, admin1 to admin4 codes, population, elevation, dem, timezone, modification
date. An alternate names file (the per-country file, or ``alternateNamesV2.txt``; the older 8-column
``alternateNames.txt`` too) has alternateNameId, geonameid, isolanguage, alternate name,
isPreferredName, isShortName, isColloquial, isHistoric, from, to; its "ar" and "en" names are used.
A ``.zip`` is read through its largest ``.txt`` member (``SY.zip`` holds ``SY.txt`` and a readme).

Names. The Arabic name: the "ar" names of the alternate names file, preferred ones first, then the
dump's alternate names, first the one written in Arabic letters only and not an ordinary word on the
stoplist (stoplisted names are never indexed anyway). Historic and colloquial names are aliases,
never the name. A spelling with Persian, Urdu or Kurdish letters is never the name; one whose letters
fold to Arabic ones (ک ی) is an alias, one with others (گ پ چ ژ ۆ ...) is dropped, since Arabic text never
spells a name so. The English name: the first "en" name, else the dump's name without diacritics.
Other Arabic and Latin-letter names are aliases. Ids are ``gn:<geonameid>``; the governorate
(admin1) name comes from the ADM1 rows of the same file.

Features (class.code -> Marsad feature, ACLED geo-precision):

- populated places, P.PPL PPLA-PPLA5 PPLC PPLG PPLF PPLL PPLR PPLS PPLQ (abandoned) PPLW (destroyed:
  still where fighting is reported) STLMT -> city (capital, governorate seat, or 50,000 people), town
  (seat of a lower division, or 5,000 people) or village, 1; P.PPLX (a section of a city) -> locality, 1
- A.ADM1 -> governorate, 3; A.ADM2 ADM3 ADM4 ADMD and L.RGN -> region, 2
- S.AIRP AIRB AIRF AIRH AIRQ -> airport, 1; S.PRN -> prison, 1; S.INSM and L.MILB -> base, 1;
  S.PSTB S.PSTC (border and customs posts) -> crossing, 1; S.CSTL DAM BDG CMPRF (castles, dams,
  bridges, refugee camps) -> landmark, 1; L.OILF (oil fields) -> landmark, 2
- T.MT MTS HLL HLLS PK RDGE TLL -> mountain, 2 (the embedded gazetteer's feature for heights, the one
  the trigger word "جبل" names)

Everything else is counted as "ignored": water (H: wells, springs and wadis share names with the
villages beside them, which are listed as places), roads, vegetation and undersea features, other
spots (farms, schools, shrines, tombs, ruins: thousands of shared names no analyst geocodes an event
to), historical divisions and places (ADM1H..., PPLH, PPLCH), countries and zones (the embedded
gazetteer has them). A line that does not parse (wrong column count, a bad id, coordinate or
population, bytes that are not UTF-8) is counted as skipped with its line number; the import goes on.
"""
from __future__ import annotations

import io
import re
import zipfile
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Callable, Iterator, TextIO, TypeVar

from ..errors import FormatError
from ..matcher import phrase_keys
from ..stages.normalise import fold
from . import load_stoplist, write_places
from .geonames import CITY_MIN_POP, arabic_names, ascii_name

SOURCE = "geonames-dump"
DUMP_COLUMNS = 19
ALTERNATE_COLUMNS = (10, 8)  # alternateNamesV2 and the per-country files; the older alternateNames
TOWN_MIN_POP = 5_000
SHOWN_SKIPPED = 5
LANGUAGES = ("ar", "en")
_CITY_CODES = {"PPLC", "PPLA", "PPLG"}
_TOWN_CODES = {"PPLA2", "PPLA3", "PPLA4", "PPLA5"}
SETTLEMENT_CODES = _CITY_CODES | _TOWN_CODES | {"PPL", "PPLF", "PPLL", "PPLQ", "PPLR", "PPLS", "PPLW", "STLMT"}
FEATURES = {
    "P.PPLX": ("locality", 1),
    "A.ADM1": ("governorate", 3),
    **{code: ("region", 2) for code in ("A.ADM2", "A.ADM3", "A.ADM4", "A.ADMD", "L.RGN")},
    **{f"S.{code}": ("airport", 1) for code in ("AIRP", "AIRB", "AIRF", "AIRH", "AIRQ")},
    "S.PRN": ("prison", 1),
    "S.INSM": ("base", 1), "L.MILB": ("base", 1),
    "S.PSTB": ("crossing", 1), "S.PSTC": ("crossing", 1),
    **{f"S.{code}": ("landmark", 1) for code in ("CSTL", "DAM", "BDG", "CMPRF")},
    "L.OILF": ("landmark", 2),
    **{f"T.{code}": ("mountain", 2) for code in ("MT", "MTS", "HLL", "HLLS", "PK", "RDGE", "TLL")},
}
# After folding (which maps Persian kaf and ya to Arabic ones): Arabic letters and spaces only.
_FOLDS_TO_ARABIC = re.compile(r"^[\u0621-\u063a\u0641-\u064a ]+$")
T = TypeVar("T")


@dataclass
class Row:
    """One line of a dump."""

    gid: str
    name: str
    asciiname: str
    alternates: list[str]
    lat: float
    lon: float
    code: str  # feature class and code: "P.PPL"
    country: str
    admin1: str
    population: int


@dataclass
class AltName:
    """One "ar" or "en" line of an alternate names file."""

    name: str
    lang: str
    preferred: bool
    short: bool
    secondary: bool  # historic or colloquial: an alias, never the name


@dataclass
class Skipped:
    """Lines that could not be read: how many, and where the first few are."""

    count: int = 0
    where: list[str] = field(default_factory=list)

    def add(self, where: str) -> None:
        self.count += 1
        if len(self.where) < SHOWN_SKIPPED:
            self.where.append(where)


def parse_row(fields: list[str]) -> Row:
    """A dump line's fields as a Row; ValueError when they do not make one."""
    if len(fields) != DUMP_COLUMNS:
        raise ValueError(f"{len(fields)} columns, not {DUMP_COLUMNS}")
    gid, name, asciiname, alternates, lat, lon, fclass, fcode, country, _cc2, admin1 = fields[:11]
    row = Row(gid, name.strip(), asciiname.strip(), [a.strip() for a in alternates.split(",") if a.strip()],
              float(lat), float(lon), f"{fclass}.{fcode}", country.strip(), admin1.strip(), int(fields[14] or 0))
    if not gid.isdigit() or not row.name or not (-90 <= row.lat <= 90 and -180 <= row.lon <= 180):
        raise ValueError("bad id, name or coordinates")
    return row


def parse_alternate(fields: list[str]) -> tuple[str, AltName]:
    """An alternate names line's fields as (geonameid, AltName); ValueError when they do not make one."""
    if len(fields) not in ALTERNATE_COLUMNS or not (fields[0].isdigit() and fields[1].isdigit()):
        raise ValueError("not an alternate names line")
    _, gid, lang, name, preferred, short, colloquial, historic = fields[:8]
    return gid, AltName(name.strip(), lang, preferred == "1", short == "1", "1" in (colloquial, historic))


@contextmanager
def open_text(path: Path) -> Iterator[TextIO]:
    """The text of a ``.txt`` file, or of the largest ``.txt`` member of a ``.zip``. Bytes that are not
    UTF-8 become U+FFFD, so that their line is skipped rather than the import stopped; a broken zip
    file raises FormatError."""
    if not zipfile.is_zipfile(path):
        with open(path, encoding="utf-8", errors="replace", newline="\n") as f:
            yield f
        return
    try:
        with zipfile.ZipFile(path) as z:
            members = [m for m in z.infolist() if m.filename.lower().endswith(".txt")]
            if not members:
                raise FormatError("the zip file holds no .txt file", source=str(path))
            with z.open(max(members, key=lambda m: m.file_size)) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="\n")
    except (zipfile.BadZipFile, EOFError, zlib.error) as e:
        raise FormatError(f"cannot read the zip file: {e}", source=str(path)) from e


def kind(path: Path) -> str | None:
    """"geonames-dump" or "geonames-alternate-names", told by the columns of the first well-formed
    line among the first ten (one malformed line does not hide a dump); None for anything else."""
    with open_text(path) as f:
        for line in islice(iter(lambda: f.readline(100_000), ""), 10):
            fields = line.rstrip("\r\n").split("\t")
            if len(fields) == DUMP_COLUMNS and fields[0].isdigit():
                return "geonames-dump"
            if len(fields) in ALTERNATE_COLUMNS and fields[0].isdigit() and fields[1].isdigit():
                return "geonames-alternate-names"
    return None


def parsed(path: Path, parse: Callable[[list[str]], T], skipped: Skipped) -> Iterator[T]:
    """What ``parse`` makes of each non-blank line of ``path``; a line it cannot parse is counted in
    ``skipped`` as ``PATH:LINE`` (the path as given: ``SY.txt`` and ``alternatenames/SY.txt`` differ)."""
    with open_text(path) as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            try:
                if "\ufffd" in line:
                    raise ValueError("not UTF-8")
                item = parse(line.split("\t"))
            except ValueError:
                skipped.add(f"{path}:{number}")
                continue
            yield item


def read_alternates(path: Path, ids: set[str], skipped: Skipped) -> dict[str, list[AltName]]:
    """The Arabic and English alternate names of the places ``ids``, by geonameid."""
    out: dict[str, list[AltName]] = {}
    for gid, alt in parsed(path, parse_alternate, skipped):
        if gid in ids and alt.lang in LANGUAGES and alt.name:
            out.setdefault(gid, []).append(alt)
    return out


def feature_of(row: Row) -> tuple[str, int] | None:
    """The Marsad feature and ACLED geo-precision of a row; None for what is not geocoded to."""
    if row.code in FEATURES:
        return FEATURES[row.code]
    fclass, code = row.code.split(".", 1)
    if fclass != "P" or code not in SETTLEMENT_CODES:
        return None
    if code in _CITY_CODES or row.population >= CITY_MIN_POP:
        return "city", 1
    if code in _TOWN_CODES or row.population >= TOWN_MIN_POP:
        return "town", 1
    return "village", 1


def _latin(name: str) -> str | None:
    """A name in Latin letters without diacritics ("Ḩamāh" -> "Hamah"); None for other scripts."""
    plain = ascii_name(name)
    return plain if plain.isascii() and sum(c.isalpha() for c in plain) >= 3 else None


def _folds_to_arabic(name: str) -> bool:
    folded = fold(name).strip()
    return bool(_FOLDS_TO_ARABIC.match(folded)) and len(folded.replace(" ", "")) >= 3


def names_of(row: Row, alternates: list[AltName], stop: frozenset) -> tuple[str | None, str | None, list[str]]:
    """The English name, the Arabic name and the aliases of a place (see the module's docstring)."""
    ranked = sorted(alternates, key=lambda a: (a.secondary, not a.preferred, a.short))
    secondary = {a.name for a in alternates if a.secondary}
    arabic = [a.name for a in ranked if a.lang == "ar" and not a.secondary] + \
        [n for n in row.alternates if n not in secondary]
    proper = arabic_names(arabic)  # Arabic letters only: never a Persian spelling
    ar = next((n for n in proper if phrase_keys(n) not in stop), proper[0] if proper else None)
    english = [_latin(a.name) for a in ranked if a.lang == "en" and not a.secondary]
    en = next((n for n in english if n), None) or _latin(row.name) or _latin(row.asciiname)
    others = [a.name for a in ranked] + row.alternates + [row.name]
    known = {phrase_keys(n) for n in (en, ar) if n}
    aliases = []
    for name in others:
        alias = _latin(name) or (name if _folds_to_arabic(name) else None)
        if alias and "|" not in alias and phrase_keys(alias) not in known:
            known.add(phrase_keys(alias))
            aliases.append(alias)
    return en, ar, aliases


def import_dump(path: Path, db: Path, alternate_names: Path | None = None) -> dict:
    """Import a GeoNames dump (and its alternate names file) into ``db``, replacing the GeoNames dump
    rows of the same countries; returns counts by feature, of rows ignored and of lines skipped."""
    skipped = Skipped()
    rows = list(parsed(path, parse_row, skipped))
    read = len(rows) + skipped.count
    alternates = read_alternates(alternate_names, {r.gid for r in rows}, skipped) if alternate_names else {}
    stop = load_stoplist()
    kept = []
    for row in rows:
        feature = feature_of(row)
        names = names_of(row, alternates.get(row.gid, []), stop) if feature else None
        if names and (names[0] or names[1]):
            kept.append((row, feature, names))
    admin1 = {(row.country, row.admin1): en or ar for row, _, (en, ar, _) in kept if row.code == "A.ADM1"}
    table = [(f"gn:{row.gid}", en, ar, "|".join(aliases), row.lat, row.lon, feature, row.country or None,
              admin1.get((row.country, row.admin1), ""), precision)
             for row, (feature, precision), (en, ar, aliases) in kept]
    write_places(db, SOURCE, table)
    counts: dict = {"source": SOURCE, "read": read, "imported": len(table), "ignored": len(rows) - len(kept),
                    "skipped": skipped.count, "skipped_lines": skipped.where,
                    "alternate_names": sum(len(v) for v in alternates.values())}
    for _, (feature, _), _ in kept:
        counts[feature] = counts.get(feature, 0) + 1
    return counts
