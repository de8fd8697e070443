"""Resolution: each place mention gets one gazetteer place, chosen by context.

Among candidates, a place scores for: lying in the country the document is about (voted by its
unambiguous places, countries counting half), matching the feature a trigger word before it names
("مطار" -> an airport, "village" -> a town or village), being near the document's other places, and
coming from the curated list. A town named after a vicinity word ("قرب", "near", "outskirts of") is
given ACLED geo-precision 2.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from functools import lru_cache

from .. import lang
from ..doc import Doc, Mention, Place
from ..gazetteer import km, load_gazetteer
from ..matcher import stem_key
from ..pipeline import stage
from .normalise import fold

SETTLEMENTS = ("city", "town", "village", "locality")


@lru_cache(maxsize=1)
def _context_words() -> tuple[dict[str, str], set[str]]:
    triggers: dict[str, str] = {}
    vicinity: set[str] = set()
    for code in ("ar", "en"):
        data = lang.load(code, "places")
        triggers.update({stem_key(fold(w)): f for w, f in data["triggers"].items()})
        vicinity |= {stem_key(fold(w)) for w in data.get("vicinity", [])}
    return triggers, vicinity


def _before(doc: Doc, m: Mention, n: int) -> list[str]:
    """The stems of up to ``n`` tokens before a mention, nearest first."""
    i = next((k for k, t in enumerate(doc.tokens) if t.span[1] > m.span[0]), len(doc.tokens))
    return [stem_key(t.norm) for t in doc.tokens[max(0, i - n):i]][::-1]


def _km(a: Place, b: Place) -> float:
    return km(a.lat, a.lon, b.lat, b.lon)


def choose(candidates: list[Place], country: str | None, anchors: list[Place],
           feature: str | None = None) -> tuple[Place, float]:
    """The best candidate and a confidence (its share of the candidates' scores)."""
    if len(candidates) == 1:
        return candidates[0], 1.0

    def score(p: Place) -> float:
        s = 0.0
        if country and p.country == country:
            s += 2
        if anchors:
            s += 1 / (1 + min(_km(p, a) for a in anchors) / 50)
        if feature and (p.feature == feature or (feature in SETTLEMENTS and p.feature in SETTLEMENTS)):
            s += 1
        if p.source == "marsad":
            s += 0.3
        s += {1: 0.3, 2: 0.2, 3: 0.1}.get(p.precision or 3, 0)
        return s

    ranked = sorted(candidates, key=score, reverse=True)
    total = sum(score(p) for p in ranked) or 1.0
    return ranked[0], round(score(ranked[0]) / total, 3)


@stage("resolve.v1", requires=("mentions",), assigns=("places",))
def resolve(doc: Doc) -> Doc:
    """Choose one gazetteer place for every place mention."""
    gaz = load_gazetteer()
    triggers, vicinity = _context_words()
    places = [m for m in doc.mentions if m.label in ("place", "facility") and isinstance(m.value, list)]
    anchors = []
    countries: Counter[str] = Counter()
    for m in places:
        cands = gaz.candidates(m.value)
        if len(cands) == 1:
            anchors.append(cands[0])
            if cands[0].country:
                countries[cands[0].country] += 0.5 if cands[0].feature == "country" else 1
    country = countries.most_common(1)[0][0] if countries else None
    for m in places:
        cands = gaz.candidates(m.value)
        if not cands:
            continue
        before = _before(doc, m, 3)
        feature = triggers.get(before[0]) if before else None
        place, confidence = choose(cands, country, anchors, feature)
        if place.precision == 1 and place.feature in SETTLEMENTS and vicinity & set(before):
            place = replace(place, precision=2)
        m.place, m.entity_id, m.confidence, m.value = place, place.id, confidence, None
    doc.mentions = [m for m in doc.mentions if not (m.label in ("place", "facility") and m.place is None)]
    return doc
