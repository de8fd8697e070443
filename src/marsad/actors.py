"""The actor dictionary (``data/actors.yaml``): armed groups, state bodies, governments, their leaders,
monitors, international organisations and media, with Arabic and English names and aliases."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

from .doc import Actor
from .matcher import PhraseMatcher, text_words


class ActorIndex:
    def __init__(self, actors: list[Actor]):
        self.actors = {a.id: a for a in actors}
        self.matcher: PhraseMatcher[str] = PhraseMatcher()
        for a in actors:
            for name in (a.name_en, a.name_ar, *a.aliases):
                if name:
                    self.matcher.add(name, a.id)

    def get(self, actor_id: str | None) -> Actor | None:
        return self.actors.get(actor_id) if actor_id else None

    def match(self, text: str, lang: str | None = None) -> Actor | None:
        """The actor whose name or alias is ``text`` exactly (after folding), or the longest one named
        inside it ("وزير الخارجية الروسي سيرغي لافروف" -> Lavrov)."""
        ids = self.matcher.lookup(text)
        if ids:
            return self.actors[ids[0]]
        found = self.matcher.find(text_words(text))
        if not found:
            return None
        best = max(found, key=lambda m: (m.end - m.start, m.start))
        return self.actors[best.values[0]]

    def root(self, actor_id: str | None) -> str | None:
        """The top of an actor's parent chain: the organisation a person or unit speaks for."""
        seen = set()
        while actor_id and actor_id not in seen:
            seen.add(actor_id)
            parent = self.actors[actor_id].parent if actor_id in self.actors else None
            if not parent:
                return actor_id
            actor_id = parent
        return actor_id


@lru_cache(maxsize=1)
def load_actors() -> ActorIndex:
    text = resources.files("marsad.data").joinpath("actors.yaml").read_text(encoding="utf-8")
    actors = []
    for row in yaml.safe_load(text):
        actors.append(Actor(id=row["id"], name_en=row.get("en"), name_ar=row.get("ar"),
                            aliases=list(row.get("aliases", [])), kind=row.get("kind", "unknown"),
                            parent=row.get("parent"), country=row.get("country"),
                            medium=row.get("medium")))
    return ActorIndex(actors)
