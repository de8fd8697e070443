"""Builds Docs for the event and link tests with place, date and number mentions made by hand, so that
those tests depend on the claims, events and link stages only."""
from __future__ import annotations

import re

from marsad.doc import Doc, Mention, Place
from marsad.stages.claims import claims
from marsad.stages.events import events
from marsad.stages.link import link
from tests.conftest import run_stages


def build(text: str, places: dict[str, tuple[float, float]], published: str | None = None,
          dates: dict[str, str] | None = None, numbers: dict[str, int] | None = None) -> Doc:
    doc = run_stages(text, ["normalise.v1", "language.v1", "segment.v1"], published=published)
    for name, (lat, lon) in places.items():
        place = Place(id=f"test:{name}", name=name, lat=lat, lon=lon, feature="locality", precision=1)
        for m in re.finditer(re.escape(name), text):
            doc.mentions.append(Mention(m.span(), name, "place", entity_id=place.id, place=place))
    for phrase, iso in (dates or {}).items():
        for m in re.finditer(re.escape(phrase), text):
            doc.mentions.append(Mention(m.span(), phrase, "date", value=iso, precision="day"))
    for phrase, value in (numbers or {}).items():
        for m in re.finditer(rf"(?<!\d){re.escape(phrase)}(?!\d)", text):
            doc.mentions.append(Mention(m.span(), phrase, "number", value=value))
    doc.mentions.sort(key=lambda m: m.span)
    return link(events(claims(doc)))
