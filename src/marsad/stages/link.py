"""Links within a document: contradictions and inconsistencies between claims.

- contradiction: one claim tells an event that another denies or disputes (a claim telling it and a
  claim in its ``disputed_by``; for each event, one pair per source against source, their fullest
  statements; a denial that only points back, "تلك الأنباء", pairs with what was told before it);
- inconsistency: two claims tell one event with different details: the same number at two different
  places (3,500 prisoners freed from two different prisons), or two different numbers of the same kind
  at one place (two death tolls for one attack).
"""
from __future__ import annotations

from ..actors import load_actors
from ..doc import Claim, Doc, Link
from ..pipeline import stage
from .events import MERGE_KM, candidates, km, points_back
from .normalise import fold


def _points_back(doc: Doc, claim: Claim) -> bool:
    """A denial whose content only points back ("تلك الأنباء", "these reports as fabricated")."""
    return points_back(doc.slice(claim.span))


def _size(claim: Claim) -> int:
    return claim.span[1] - claim.span[0]


def _source(claim: Claim) -> str:
    """Who stands behind a claim: the actor's root organisation, else the speaker as written."""
    if claim.speaker_actor:
        return load_actors().root(claim.speaker_actor) or claim.speaker_actor
    return fold(claim.speaker or f"unattributed {claim.id}")


@stage("link.v1", requires=("events",), assigns=("links",))
def link(doc: Doc) -> Doc:
    """Pair the claims of each event that contradict each other or tell it differently."""
    links: list[Link] = []
    seen: set[frozenset[str]] = set()

    def add(kind: str, a: str, b: str, reason: str) -> None:
        key = frozenset((a, b))
        if a != b and key not in seen:
            seen.add(key)
            links.append(Link(kind, a, b, reason))

    claims = {c.id: c for c in doc.claims}
    for ev in doc.events:
        place = ev.place.name if ev.place else "no place"
        best: dict[tuple[str, str], tuple[int, str, str]] = {}
        for a in ev.claims:
            if a in ev.disputed_by:
                continue
            for b in ev.disputed_by:
                if _points_back(doc, claims[b]) and claims[a].span[0] > claims[b].span[0]:
                    continue  # "نفى الجيش تلك الأنباء" denies what was told before it
                # one pair per source against source for each event: their fullest statements
                side = (_source(claims[a]), _source(claims[b]))
                size = _size(claims[a]) + _size(claims[b])
                if side not in best or size > best[side][0]:
                    best[side] = (size, a, b)
        for _, a, b in sorted(best.values(), key=lambda x: (claims[x[1]].span, claims[x[2]].span)):
            add("contradiction", a, b, f"{ev.type} at {place}: told by {a}, disputed by {b}")
    told = [c for c in candidates(doc) if c.claim and not c.denied and c.place is not None]
    for i, x in enumerate(told):
        for y in told[i + 1:]:
            if x.type != y.type or x.claim.id == y.claim.id or km(x.place.place, y.place.place) > MERGE_KM:
                continue
            same_numbers = x.quantities and x.quantities == y.quantities
            if same_numbers and x.place.place.id != y.place.place.id:
                add("inconsistency", x.claim.id, y.claim.id,
                    f"the same {x.type} ({x.quantities}) at {x.place.text} and at {y.place.text}")
            for kind in set(x.quantities) & set(y.quantities):
                if x.quantities[kind] != y.quantities[kind] and x.place.place.id == y.place.place.id:
                    add("inconsistency", x.claim.id, y.claim.id,
                        f"{kind}: {x.quantities[kind]} and {y.quantities[kind]} for one {x.type} at {x.place.text}")
    doc.links = links
    return doc
