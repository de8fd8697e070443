"""Names known outside the training text, for training the names model.

Two packages carry them, both read as data files without importing their code:

- ArWikiCats (MIT): English -> Arabic Wikipedia titles of people, football clubs, cities, regions,
  leagues and competitions;
- arabic-name-romanizer (MIT; names from Wikidata, CC0): the Arabic labels of some 86,000 people of
  Arab and other Muslim-majority countries, and the given names and surnames they are made of.

They are a training-time dependency (``pip install 'marsad[train]'``): what the model takes from them
travels in the model file. On held-out blocks of ANERcorp's training part the whole names raised F1 by
1.6 points (ORG +3.6, PERS +2.0): clubs, companies and foreign people the training text never names.
"""
from __future__ import annotations

import importlib.util
import json
import re
import sqlite3
from functools import lru_cache
from pathlib import Path

from wordfreq import top_n_list

from ..errors import ConfigError
from ..matcher import has_arabic
from .features import analyse, arabic_zipf
from .names import MAX_LEN, Names

# ArWikiCats data files (under its jsons/) and the type of name their Arabic titles are
TITLES = {
    "people/peoples.json": "PERS",
    "sports/Clubs_key.json": "ORG",
    "cities/yy2.json": "OTHER",  # newspapers, bands, companies, stadiums, works: a mixed list
    "cities/cities_full.json": "LOC",
    "geography/popopo.json": "LOC",
    "geography/P17_2_final_ll.json": "LOC",
    "sports/clubs_teams_leagues.json": "MISC",
    "sports/inter_federations.json": "MISC",
}
CLUB_WORDS = ("نادي", "فريق")  # "نادي بنفيكا" is named "بنفيكا" in running text
COMMON_WORDS = 100_000  # ordinary words: wordfreq's commonest Arabic words
COMMON_ZIPF = 4.5  # a listed name word this common is an ordinary word first ("مدينة", "عبد")


def _package_dir(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError(f"training the names model needs the {module} package: pip install 'marsad[train]'")
    return Path(list(spec.submodule_search_locations)[0])


@lru_cache(maxsize=1)
def _titles() -> tuple[tuple[list[str], str], ...]:
    """(words, type) of each Arabic title, a parenthesised qualifier dropped ("ليل (فرنسا)"); read once
    for both world_names and shape_words."""
    base = _package_dir("ArWikiCats") / "jsons"
    out = []
    for rel, kind in TITLES.items():
        for value in json.loads((base / rel).read_text("utf-8")).values():
            if isinstance(value, str) and has_arabic(value):
                words = re.sub(r"\(.*?\)", " ", value).split()
                if len(words) > 1 and words[0] in CLUB_WORDS:
                    words = words[1:]
                if words:
                    out.append((words, kind))
    return tuple(out)


def _wikidata() -> sqlite3.Connection:
    path = _package_dir("arabic_name_romanizer") / "resources" / "names.sqlite3"
    if not path.is_file():
        raise ConfigError(f"no name index at {path}: reinstall arabic-name-romanizer")
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def world_names() -> Names:
    """Stem sequences (marsad.ner.features.analyse) of whole names -> their types."""
    out: dict[str, set[str]] = {}

    def add(words: list[str], kind: str) -> None:
        if len(words) <= MAX_LEN:
            out.setdefault(" ".join(analyse(w)[1] for w in words), set()).add(kind)

    for words, kind in _titles():
        add(words, kind)
    with _wikidata() as db:
        for (key,) in db.execute("SELECT DISTINCT arabic_key FROM full_names"):
            if len(key.split()) > 1:  # one-word entries are given names as often as people
                add(key.split(), "PERS")
    return {k: sorted(v) for k, v in out.items()}


def shape_words() -> dict[str, str]:
    """Stem -> what kind of word it is, to learn what names look like: "P" (a word of a person's name),
    "L" (of a place's), "O" (of an organisation's) or "C" (an ordinary word). A word listed under
    several kinds keeps the last of C, L, O, P."""
    kinds: dict[str, set[str]] = {"L": set(), "O": set(), "P": set()}
    for words, kind in _titles():
        kinds[{"LOC": "L", "PERS": "P"}.get(kind, "O")].update(words)
    with _wikidata() as db:
        for (key,) in db.execute("SELECT DISTINCT arabic_key FROM units"):
            kinds["P"].update(key.split())
    from ..gazetteer import embedded_places

    for place in embedded_places():
        for name in (place.name_ar or "", *place.aliases):
            kinds["L"].update(name.split())
    out = {analyse(w)[1]: "C" for w in top_n_list("ar", COMMON_WORDS, wordlist="large")}
    for label in "LOP":
        for w in kinds[label]:
            stem = analyse(w)[1]  # "بقال" (a surname) leaves "قال" (said): ordinary words keep their label
            if has_arabic(w) and max(arabic_zipf(w), arabic_zipf(stem)) < COMMON_ZIPF:
                out[stem] = label
    return out
