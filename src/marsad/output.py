"""A processed Doc as the JSON of the evaluation contract (../shared/eval/CONTRACT.md), with more fields.

The shape: ``document``, ``claims``, ``events``, ``places``, ``mentions``, ``contradictions``,
``segments``, ``pipeline``. Spans are ``[start, end)`` into the raw text.
"""
from __future__ import annotations

from typing import Any

from .doc import Doc, Place


def _place(p: Place | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {"id": p.id, "name": p.name, "name_ar": p.name_ar, "name_en": p.name_en, "lat": p.lat, "lon": p.lon,
            "feature": p.feature, "country": p.country, "precision": p.precision, "source": p.source}


def to_contract(doc: Doc) -> dict[str, Any]:
    d = doc.document
    claims = []
    for c in doc.claims:
        claims.append({
            "id": c.id, "speaker": c.speaker, "speaker_span": c.speaker_span, "speaker_actor": c.speaker_actor,
            "role": c.role, "affiliation": c.affiliation, "channel": c.channel, "stance": c.stance,
            "cue": c.cue, "cue_span": c.cue_span, "direct": c.direct, "relays": c.relays,
            "span": list(c.span), "text": doc.slice(c.span), "time": c.time, "method": c.method,
            "confidence": c.confidence,
        })
    events = []
    for e in doc.events:
        events.append({
            "id": e.id, "type": e.type, "trigger": e.trigger, "trigger_span": e.trigger_span,
            "span": list(e.span), "text": doc.slice(e.span), "actor": e.actor, "target": e.target,
            "place": _place(e.place), "place_span": e.place_span, "date": e.date,
            "date_precision": e.date_precision, "quantities": e.quantities, "claims": e.claims,
            "disputed_by": e.disputed_by, "contested": e.contested, "status": e.status,
            "acled": {"event_type": e.acled_event_type, "sub_event_type": e.acled_sub_event_type},
            "plover": {"type": e.plover_type, "mode": e.plover_mode},
            "method": e.method, "confidence": e.confidence,
        })
    places = []
    for m in doc.places:
        p = m.place
        places.append({"text": m.text, "span": list(m.span), "id": p.id, "name": p.name, "lat": p.lat,
                       "lon": p.lon, "feature": p.feature, "precision": p.precision, "method": m.method,
                       "confidence": m.confidence})
    mentions = [{"text": m.text, "span": list(m.span), "label": m.label, "entity_id": m.entity_id,
                 "method": m.method, "confidence": m.confidence, "value": m.value, "precision": m.precision}
                for m in doc.mentions]
    contradictions = [{"claims": [link.a, link.b], "kind": link.kind, "reason": link.reason,
                       "confidence": link.confidence}
                      for link in doc.links if link.kind in ("contradiction", "inconsistency")]
    return {
        "document": {"id": d.id, "title": d.title, "language": d.language, "published": d.published,
                     "source": d.source, "url": d.url, "kind": d.kind, "key": d.key},
        "segments": [{"span": list(s.span), "lang": s.lang} for s in doc.segments],
        "claims": claims,
        "events": events,
        "places": places,
        "mentions": mentions,
        "contradictions": contradictions,
        "pipeline": doc.done,
    }
