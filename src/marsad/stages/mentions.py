"""Mentions: place names (gazetteer), actor names (dictionary), dates and numbers, as raw spans.

Places are matched on token keys (see :mod:`marsad.matcher`), longest first. A match is kept when:
in English, it starts with a capital letter (or its gazetteer name is written in lower case, like
"the buffer zone"); and, for a name that is also an ordinary word (``needs_context`` in
``lang/*/places.yaml``), a trigger word ("قرية", "village") or a preposition of place comes just before
it. The candidates are resolved by the next stage (``resolve.v1``).
"""
from __future__ import annotations

from functools import lru_cache

from .. import lang
from ..actors import load_actors
from ..dates import find_dates
from ..doc import Doc, Mention
from ..gazetteer import load_gazetteer
from ..matcher import is_arabic, phrase_keys, punctuation_indices, token_keys, word_key
from ..numbers import find_numbers
from ..pipeline import stage
from .normalise import fold


@lru_cache(maxsize=1)
def place_context() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {"triggers": set(), "needs_context": set(), "prepositions": set()}
    for code in ("ar", "en"):
        data = lang.load(code, "places")
        out["triggers"] |= {word_key(fold(w)) for w in data["triggers"]}
        out["needs_context"] |= {phrase_keys(w) for w in data["needs_context"]}  # type: ignore[arg-type]
        out["prepositions"] |= {word_key(fold(w)) for w in data["place_prepositions"]}
    return out


@lru_cache(maxsize=1)
def _lowercase_names() -> set[tuple[str, ...]]:
    """Gazetteer names written in lower case in the data: matched in lower case in English text."""
    gaz = load_gazetteer()
    out = set()
    for p in gaz.places.values():
        for name in (p.name_en, *p.aliases):
            if name and name[0].islower():
                out.add(phrase_keys(name))
    return out


def _place_ok(doc: Doc, keys: list[str], start: int, end: int) -> bool:
    tokens = doc.tokens
    first = doc.slice(tokens[start].span)
    ctx = place_context()
    if not is_arabic(first) and first[:1].islower() and tuple(keys[start:end]) not in _lowercase_names():
        return False
    if tuple(keys[start:end]) in ctx["needs_context"]:
        before = keys[start - 1] if start > 0 else ""
        raw_first = tokens[start].norm
        attached = is_arabic(raw_first) and raw_first[:1] in "بل" and word_key(raw_first) != raw_first
        return before in ctx["triggers"] or before in ctx["prepositions"] or attached
    return True


def _to_raw(doc: Doc, span: tuple[int, int]) -> tuple[int, int]:
    return doc.norm.raw_span(*span)


def phrase_span(doc: Doc, keys: list[str], start: int, end: int) -> tuple[int, int]:
    """The raw span of tokens ``start..end``, leaving out proclitics the first token's key dropped
    ("وإيران" -> "إيران")."""
    first = doc.tokens[start]
    begin = first.span[0]
    cut = len(first.norm) - len(keys[start])
    if cut > 0 and first.norm.endswith(keys[start]):
        a, _ = doc.norm.norm_span(*first.span)
        begin = doc.norm.starts[a + cut]
    return (begin, doc.tokens[end - 1].span[1])


@stage("mentions.v1", requires=("norm", "tokens"), assigns=("mentions",))
def mentions(doc: Doc) -> Doc:
    """Find place, actor, date and number mentions."""
    gaz = load_gazetteer()
    actors = load_actors()
    tokens = doc.tokens
    keys = token_keys(tokens)
    skip = punctuation_indices(tokens)
    found: list[Mention] = []
    place_tokens: set[int] = set()
    for m in gaz.matcher.find(keys, skip):
        if not _place_ok(doc, keys, m.start, m.end):
            continue
        span = phrase_span(doc, keys, m.start, m.end)
        places = gaz.candidates(m.values)
        label = "facility" if any(p.feature in ("airport", "prison", "base", "crossing", "landmark") for p in places) \
            else "place"
        found.append(Mention(span, doc.slice(span), label, value=[p.id for p in places], method="gazetteer"))
        place_tokens.update(range(m.start, m.end))
    for m in actors.matcher.find(keys, skip):
        if place_tokens & set(range(m.start, m.end)):
            continue
        first = doc.slice(tokens[m.start].span)
        if not is_arabic(first) and first[:1].islower() and not first.lower() in ("the",):
            continue
        span = phrase_span(doc, keys, m.start, m.end)
        actor = actors.get(m.values[0])
        label = "person" if actor and actor.kind == "person" else "organisation"
        found.append(Mention(span, doc.slice(span), label, entity_id=m.values[0], method="dictionary",
                             confidence=1.0 / len(m.values)))
    for nspan, iso, precision in find_dates(doc.norm.text, doc.document.published):
        span = _to_raw(doc, nspan)
        found.append(Mention(span, doc.slice(span), "date", value=iso, precision=precision, method="rules"))
    for nspan, value in find_numbers(doc.norm.text):
        span = _to_raw(doc, nspan)
        found.append(Mention(span, doc.slice(span), "number", value=value, method="rules"))
    doc.mentions = sorted(found, key=lambda x: x.span)
    return doc
