"""Resolution: each place mention gets one gazetteer place, chosen by context.

Among candidates, a place scores for: lying in the country the document is mostly about (the country
of the other unambiguous places), matching the feature a trigger word before it names ("مطار" -> an
airport), and being near the document's other places. Actor mentions are already resolved by the
dictionary; this stage keeps the one with the document's context when a name is shared.
"""
from __future__ import annotations

import math
from collections import Counter

from ..doc import Doc, Place
from ..gazetteer import load_gazetteer
from ..pipeline import stage


def _km(a: Place, b: Place) -> float:
    if a.lat is None or b.lat is None:
        return 1e9
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians((b.lon or 0) - (a.lon or 0))
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def choose(candidates: list[Place], country: str | None, anchors: list[Place]) -> tuple[Place, float]:
    if len(candidates) == 1:
        return candidates[0], 1.0

    def score(p: Place) -> float:
        s = 0.0
        if country and p.country == country:
            s += 2
        if anchors:
            s += 1 / (1 + min(_km(p, a) for a in anchors) / 50)
        s += {1: 0.3, 2: 0.2, 3: 0.1}.get(p.precision or 3, 0)
        return s

    ranked = sorted(candidates, key=score, reverse=True)
    total = sum(score(p) for p in ranked) or 1.0
    return ranked[0], round(score(ranked[0]) / total, 3)


@stage("resolve.v1", requires=("mentions",), assigns=("places",))
def resolve(doc: Doc) -> Doc:
    """Choose one gazetteer place for every place mention."""
    gaz = load_gazetteer()
    places = [m for m in doc.mentions if m.label in ("place", "facility") and isinstance(m.value, list)]
    anchors = []
    countries: Counter[str] = Counter()
    for m in places:
        cands = gaz.candidates(m.value)
        if len(cands) == 1:
            anchors.append(cands[0])
            if cands[0].country and cands[0].feature != "country":
                countries[cands[0].country] += 1
    country = countries.most_common(1)[0][0] if countries else None
    for m in places:
        cands = gaz.candidates(m.value)
        if not cands:
            continue
        place, confidence = choose(cands, country, anchors)
        m.place, m.entity_id, m.confidence, m.value = place, place.id, confidence, None
    doc.mentions = [m for m in doc.mentions if not (m.label in ("place", "facility") and m.place is None)]
    return doc
