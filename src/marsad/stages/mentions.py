"""Mentions: place names (gazetteer), actor names (dictionary), dates and numbers, as raw spans.

Places are matched on token keys (see :mod:`marsad.matcher`), longest first. A match is kept when:
in English, it starts with a capital letter (or its gazetteer name is written in lower case, like
"the buffer zone"); and, for a name that is also an ordinary word (``needs_context`` in
``lang/*/places.yaml``), a trigger word ("قرية", "village") or a preposition of place comes just before
it; a single-word name known only from the derived GeoNames list needs the same; a name known only
from an imported gazetteer (Who's On First, a GeoNames dump) needs a trigger word (one word) or a preposition (several).
The candidates are resolved by the next stage (``resolve.v1``).
"""
from __future__ import annotations

from functools import lru_cache

from .. import lang
from ..actors import load_actors
from ..dates import find_dates
from ..doc import Doc, Mention, Place
from ..gazetteer import IMPORTED_SOURCES, load_gazetteer
from ..matcher import Match, is_arabic, phrase_keys, punctuation_indices, stem_key, token_words
from ..numbers import find_numbers
from ..pipeline import stage
from .normalise import fold


FACILITIES = ("airport", "prison", "base", "crossing", "landmark")


@lru_cache(maxsize=1)
def place_context() -> dict[str, set]:
    out: dict[str, set] = {"triggers": set(), "needs_context": set(), "prepositions": set(), "name_markers": set()}
    for code in ("ar", "en"):
        data = lang.load(code, "places")
        out["triggers"] |= {stem_key(fold(w)) for w in data["triggers"]}
        out["needs_context"] |= {phrase_keys(w) for w in data["needs_context"]}
        out["prepositions"] |= {stem_key(fold(w)) for w in data["place_prepositions"]}
        out["name_markers"] |= {stem_key(fold(w)) for w in data.get("name_markers", [])}
    return out


@lru_cache(maxsize=1)
def _lowercase_names() -> set[tuple[str, ...]]:
    """Gazetteer names written in lower case in the data: matched in lower case in English text."""
    gaz = load_gazetteer()
    out = set()
    for p in gaz.places.values():
        for name in (p.name_en, *p.aliases):
            if name and name.lower().startswith("the "):
                name = name[4:]
            if name and name[0].islower():
                out.add(phrase_keys(name))
    return out


def has_place_context(doc: Doc, stems: list[str], m: Match) -> bool:
    """A trigger word ("قرية", "village") or a preposition of place just before the match, or an
    Arabic preposition attached to it ("بحضر")."""
    ctx = place_context()
    before = stems[m.start - 1] if m.start > 0 else ""
    first = doc.tokens[m.start].norm
    attached = m.cut > 0 and first[m.cut - 1] in "بل"
    return before in ctx["triggers"] or before in ctx["prepositions"] or attached


def _trigger_before(stems: list[str], i: int) -> bool:
    """A trigger word just before word ``i``, or before "of" there ("the village of Balyun")."""
    triggers = place_context()["triggers"]
    return (i > 0 and stems[i - 1] in triggers) or (i > 1 and stems[i - 1] == "of" and stems[i - 2] in triggers)


def _place_ok(doc: Doc, stems: list[str], m: Match, places: list[Place]) -> bool:
    first = doc.slice(doc.tokens[m.start].span)
    ctx = place_context()
    if not is_arabic(first) and first[:1].islower() and m.keys not in _lowercase_names():
        return False
    if m.start > 0 and stems[m.start - 1] in ctx["name_markers"]:
        return False
    if places and all(p.source in IMPORTED_SOURCES for p in places):  # imported villages: the riskiest names
        if len(m.keys) == 1:
            return _trigger_before(stems, m.start)
        return has_place_context(doc, stems, m)
    # a name that is also an ordinary word, or a single word known only from the derived gazetteer
    doubtful = m.keys in ctx["needs_context"] or (
        len(m.keys) == 1 and all(p.source not in (None, "marsad") for p in places))
    return has_place_context(doc, stems, m) if doubtful else True


def _to_raw(doc: Doc, span: tuple[int, int]) -> tuple[int, int]:
    return doc.norm.raw_span(*span)


def phrase_span(doc: Doc, m: Match) -> tuple[int, int]:
    """The raw span of a match, leaving out proclitics of the first token ("وإيران" -> "إيران", but
    "ليبيا" whole) and a possessive "'s" the last one ends with ("Syria's" -> "Syria")."""
    first = doc.tokens[m.start]
    begin = first.span[0]
    if m.cut > 0:
        a, _ = doc.norm.norm_span(*first.span)
        begin = doc.norm.starts[a + m.cut]
    stop = doc.tokens[m.end - 1].span[1]
    if doc.text[begin:stop].endswith(("'s", "’s")) and stop - 2 > begin:
        stop -= 2
    return (begin, stop)


@stage("mentions.v1", requires=("norm", "tokens"), assigns=("mentions",))
def mentions(doc: Doc) -> Doc:
    """Find place, actor, date and number mentions."""
    gaz = load_gazetteer()
    actors = load_actors()
    tokens = doc.tokens
    words = token_words(tokens)
    stems = [stem_key(w) for w in words]
    skip = punctuation_indices(tokens)
    found: list[Mention] = []
    place_tokens: set[int] = set()
    place_matches: list[Match] = []
    for m in gaz.matcher.find(words, skip):
        places = gaz.candidates(m.values)
        if not _place_ok(doc, stems, m, places):
            continue
        span = phrase_span(doc, m)
        label = "facility" if any(p.feature in FACILITIES for p in places) else "place"
        found.append(Mention(span, doc.slice(span), label, value=[p.id for p in places], method="gazetteer"))
        place_tokens.update(range(m.start, m.end))
        place_matches.append(m)
    for m in actors.matcher.find(words, skip):
        inside = place_tokens & set(range(m.start, m.end))
        if inside:
            # a place inside a longer actor name ("قوات سوريا الديمقراطية") gives way to the actor
            if any(pm.start < m.start or pm.end > m.end or pm.end - pm.start == m.end - m.start
                   for pm in place_matches if set(range(pm.start, pm.end)) & inside):
                continue
            lo, hi = tokens[m.start].span[0], tokens[m.end - 1].span[1]
            found = [f for f in found if not (f.label in ("place", "facility") and lo <= f.span[0] and f.span[1] <= hi)]
        first = doc.slice(tokens[m.start].span)
        if not is_arabic(first) and first[:1].islower() and not first.lower() in ("the",):
            continue
        span = phrase_span(doc, m)
        actor = actors.get(m.values[0])
        label = "person" if actor and actor.kind == "person" else "organisation"
        found.append(Mention(span, doc.slice(span), label, entity_id=m.values[0], method="dictionary",
                             confidence=1.0 / len(m.values)))
    dates = find_dates(doc.norm.text, doc.document.published)
    for nspan, iso, precision in dates:
        span = _to_raw(doc, nspan)
        found.append(Mention(span, doc.slice(span), "date", value=iso, precision=precision, method="rules"))
    for nspan, value in find_numbers(doc.norm.text, [d[0] for d in dates]):
        span = _to_raw(doc, nspan)
        found.append(Mention(span, doc.slice(span), "number", value=value, method="rules"))
    doc.mentions = sorted(found, key=lambda x: x.span)
    return doc
