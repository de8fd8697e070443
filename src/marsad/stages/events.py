"""Events: typed, placed, dated happenings, linked to the claims that assert or deny them.

A trigger word (``lang/<code>/events.yaml``) in a sentence makes an event candidate when the sentence
names a place: the nearest place mention, preferring one after the trigger. Candidates are dropped
when a modal or threat word stands just before the trigger ("threatened to", "قد", "any attack") or
when the clause tells background ("years ago", "منذ عام", a year opening the sentence: "In 2018, ..."), or
when a determiner says there was none ("no airstrikes were reported"). "تحرير" with prisoners nearby is a
prisoner release, not a taking of territory; a bare release word ("released", "أفرجت") tells a release only
beside a prisoner word ("released 300 detainees", not "released a statement"). One trigger with
coordinated places ("airstrikes hit Idlib and Aleppo") makes a candidate at each place.

A candidate inside a denying claim does not make an event; it disputes the events it reaches at or
near the places it names (a denied withdrawal reaches withdrawals and takings: if the army did not
withdraw, nobody took the place; a denied taking reaches takings and incursions only),
which become contested; so does a negated trigger told without a source ("have not yet entered").
Candidates of one type at one place are one event, with every claim that tells
it. Statements of foreign governments with no other event become ``statement_diplomatic`` events.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from .. import lang
from ..actors import load_actors
from ..cues import is_denial, lexicon
from ..doc import Claim, Doc, Event, Mention, Place, Span
from ..pipeline import stage
from .language import lang_at
from .normalise import fold

FAMILIES = {"territory_taken": {"control", "taking"}, "withdrawal": {"control"}}  # what an event belongs to
REACH = {"withdrawal": "control", "territory_taken": "taking"}  # what denying a trigger of that type disputes
NEAR_KM = 40.0  # a denial of a change of control reaches events this near
MERGE_KM = 5.0
GENERIC_PLACE = re.compile(r"(?<!\w)(?:the (?:city|town|village|area)|[وفب]?(?:ال)?(?:مدينه|بلده|قريه|منطقه)(?:\s|$))")  # candidates of one type this near are one happening


@lru_cache(maxsize=1)
def event_codes() -> dict[str, dict]:
    text = resources.files("marsad.data").joinpath("event_types.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _words_pattern(words, arabic: bool) -> re.Pattern:
    alt = "|".join(sorted({re.escape(fold(w)) for w in words}, key=len, reverse=True))
    prefix = "(?:[وف]?لل|[وفبل]?(?:ال)?)" if arabic else ""  # "للمطالبة": lam before the article
    return re.compile(rf"(?<![\w]){prefix}(?:{alt})(?![\w])")


@dataclass(frozen=True)
class EventLexicon:
    triggers: list[tuple[str, re.Pattern]]
    modality: re.Pattern
    prisoners: re.Pattern
    quantities: dict[str, re.Pattern]
    holds: re.Pattern
    background: re.Pattern
    operation: re.Pattern
    presupposed: re.Pattern
    needs_prisoners: frozenset[str]  # folded trigger words that tell a release only beside a prisoner word
    absent: re.Pattern | None  # "no airstrikes": a determiner that says there was none


@lru_cache(maxsize=4)
def event_lexicon(code: str) -> EventLexicon:
    data = lang.load(code, "events")
    arabic = code == "ar"
    return EventLexicon(
        triggers=[(t, _words_pattern(words, arabic)) for t, words in data["triggers"].items()],
        modality=_words_pattern(data["modality"], arabic),
        prisoners=_words_pattern(data["prisoners"], arabic),
        quantities={k: _words_pattern(v, arabic) for k, v in data["quantities"].items()},
        holds=_words_pattern(data["holds"], arabic),
        background=_words_pattern(data["background"], arabic),
        operation=_words_pattern(data.get("operation", ["عملية"]), arabic),
        presupposed=_words_pattern(data.get("presupposed", ["after"]), arabic),
        needs_prisoners=frozenset(fold(w) for w in data.get("needs_prisoners", [])),
        absent=re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, map(fold, data['absent'])))})\s+(?:\w+\s+)?$")
        if data.get("absent") else None,
    )


@dataclass
class Candidate:
    type: str
    trigger: Span  # raw
    sentence: Span  # raw
    place: Mention | None
    claim: Claim | None
    denied: bool
    date: Mention | None = None
    quantities: dict[str, int] = field(default_factory=dict)
    denied_places: list[Mention] = field(default_factory=list)  # every place a denial names after its trigger
    family: str = ""  # the type its trigger had before retyping ("عملية توغل": a taking word, an attack)
    actor: str | None = None  # who did it: an armed or governing actor named just before the trigger
    target: str | None = None  # whom it was done to: an actor named just after the trigger


def km(a: Place, b: Place) -> float:
    if a.lat is None or b.lat is None:
        return 1e9
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians((b.lon or 0) - (a.lon or 0))
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def same_area(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.id == b.id or km(a, b) <= NEAR_KM


def _claim_at(doc: Doc, pos: int) -> Claim | None:
    inside = [c for c in doc.claims if c.span[0] <= pos < c.span[1]]
    return min(inside, key=lambda c: c.span[1] - c.span[0]) if inside else None


def _place_for(doc: Doc, trigger: Span, sentence: Span, claim: Claim | None) -> Mention | None:
    """The place of a trigger: inside its claim's content when it is told in a claim (not "told
    reporters in Moscow"), else in its sentence."""
    area = claim.span if claim else sentence
    places = [m for m in doc.places if area[0] <= m.span[0] < area[1]]
    if not places:
        # "withdrawn from inside the city": the place named last before it
        clause = doc.norm.text[slice(*doc.norm.norm_span(*area))]
        if not GENERIC_PLACE.search(clause):
            return None
        before = [m for m in doc.places if area[0] - 400 <= m.span[1] <= area[0] and m.place.feature != "country"]
        return before[-1] if before else None
    fine = [m for m in places if m.place.feature != "country"] or places

    def distance(m: Mention) -> tuple[int, int]:
        after = m.span[0] >= trigger[1]
        gap = m.span[0] - trigger[1] if after else trigger[0] - m.span[1]
        # a place after the trigger ("withdrawal from Homs") is read before one before it
        return (0 if after and gap < 60 else 1, abs(gap))

    return min(fine, key=distance)


def _purpose(word: str, code: str) -> bool:
    """Arabic purpose lam on a verbal noun ("لتحرير المدينة", "للسيطرة على"): an aim, not a happening."""
    return code == "ar" and word.startswith("ل") and not word.startswith("ال")


def _places_after(doc: Doc, trigger: Span, area: Span) -> list[Mention]:
    """The places a denial names after its trigger ("no withdrawal from Homs or from around Damascus")."""
    return [m for m in doc.places if trigger[1] <= m.span[0] < area[1]]


def _is_background(doc: Doc, sentence: Span, trigger: Span, lex: EventLexicon, year: int | None) -> bool:
    clause = doc.norm.text[slice(*doc.norm.norm_span(max(sentence[0], trigger[0] - 80), min(sentence[1], trigger[1] + 80)))]
    if lex.background.search(clause):
        return True
    opening = sentence[0] + len(doc.slice(sentence)) - len(doc.slice(sentence).lstrip())
    for m in doc.mentions:
        if not year or not (sentence[0] <= m.span[0] < sentence[1]):
            continue
        old = (m.label == "date" and m.precision == "year" and str(m.value).isdigit() and int(m.value) < year - 1) or \
            (m.label == "number" and isinstance(m.value, int) and 1900 <= m.value < year - 1)
        near = abs(m.span[0] - trigger[1]) < 40 or abs(trigger[0] - m.span[1]) < 40
        # "In 2018, factions captured Afrin after an offensive": a year opening the sentence dates all of it
        heads = m.span[0] - opening <= 8 and m.span[1] <= trigger[0]
        if old and (near or heads):
            return True
    return False


def candidates(doc: Doc) -> list[Candidate]:
    out: list[Candidate] = []
    year = int(doc.document.published[:4]) if doc.document.published and doc.document.published[:4].isdigit() else None
    for sentence in doc.sentences:
        code = "ar" if lang_at(doc, sentence[0]) in ("ar", "fa") else "en"
        lex = event_lexicon(code)
        ns = doc.norm.norm_span(*sentence)
        text = doc.norm.text
        taken: list[tuple[int, int]] = []
        for etype, pattern in lex.triggers:
            for m in pattern.finditer(text, *ns):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                taken.append(m.span())
                trigger = doc.norm.raw_span(*m.span())
                claim = _claim_at(doc, trigger[0])
                denied = claim is not None and claim.stance == "deny"
                if claim is None and is_denial(text[max(ns[0], m.start() - 20):m.start()], lexicon(code)):
                    denied = True  # "factions have not yet entered Homs", told without a source
                before = text[max(ns[0], m.start() - 25):m.start()]
                # "any reports of a withdrawal" is what a denial denies; elsewhere modality is no happening
                if not denied and (lex.modality.search(before) or _purpose(m.group(), code)):
                    continue
                if not denied and lex.absent is not None and lex.absent.search(text[max(ns[0], m.start() - 12):m.start()]):
                    continue  # "no airstrikes were reported": told as not having happened
                t = etype
                if fold(m.group()) in lex.needs_prisoners or _bare(m.group(), code) in lex.needs_prisoners:
                    # "released 300 detainees", not "released a statement"
                    if not lex.prisoners.search(text[max(ns[0], m.start() - 30):min(ns[1], m.end() + 50)]):
                        continue
                if t == "territory_taken" and lex.prisoners.search(text, m.end(), min(ns[1], m.end() + 40)):
                    t = "prisoner_release"
                family = t
                if t == "territory_taken" and lex.operation.search(text[max(ns[0], m.start() - 15):m.start()]):
                    t = "attack"  # "عملية توغل", "an incursion operation": an offensive, not a taking
                if _is_background(doc, sentence, trigger, lex, year):
                    continue
                place = _place_for(doc, trigger, sentence, claim)
                if claim is not None and not denied and lex.presupposed.search(text[max(ns[0], m.start() - 8):m.start()]):
                    claim = None  # "بعد السيطرة على المدينة": background to what the claim tells
                cand = Candidate(t, trigger, sentence, place, claim, denied, family=family)
                if denied:
                    cand.denied_places = _places_after(doc, trigger, claim.span if claim else sentence)
                cand.date = next((d for d in doc.mentions if d.label == "date" and d.value and d.precision == "day"
                                  and sentence[0] <= d.span[0] < sentence[1]), None)
                cand.quantities = _quantities(doc, sentence, lex)
                cand.actor, cand.target = _actors(doc, trigger, claim.span if claim else sentence)
                out.append(cand)
                out.extend(_coordinated(doc, cand, claim.span if claim else sentence))
    return out


ACTING = {"state_forces", "rebel_group", "militia", "government_body", "foreign_government"}
ACTOR_GAP = 50  # characters between an actor's name and the trigger it does or suffers


def _actors(doc: Doc, trigger: Span, area: Span) -> tuple[str | None, str | None]:
    """The actor named closest before the trigger and the one closest after it, inside the claim's
    content (not its speaker) or the sentence: "HTS fighters captured Saraqib", "قصفت القوات التركية
    مواقع لقوات سوريا الديمقراطية". Monitors and media report, they do not act."""
    actors = load_actors()
    named = [(m, actors.get(m.entity_id)) for m in doc.mentions
             if m.label in ("organisation", "person") and m.entity_id and area[0] <= m.span[0] < area[1]]
    named = [(m, a) for m, a in named if a is not None and (a.kind in ACTING or a.kind == "person" and a.parent)]
    before = [m for m, _ in named if m.span[1] <= trigger[0] and trigger[0] - m.span[1] <= ACTOR_GAP]
    after = [m for m, _ in named if m.span[0] >= trigger[1] and m.span[0] - trigger[1] <= ACTOR_GAP]
    actor = max(before, key=lambda m: m.span[1]).entity_id if before else None
    target = min(after, key=lambda m: m.span[0]).entity_id if after else None
    return actor, (target if target != actor else None)


COORDINATION = re.compile(r"^\s*(?:,\s*)?(?:and|or|as well as|و|أو)\s*(?:in\s+|on\s+|في\s*|على\s*)?$")


def _coordinated(doc: Doc, cand: Candidate, area: Span) -> list[Candidate]:
    """"Airstrikes hit Idlib and Aleppo", "غارات على إدلب وحلب": one trigger, a happening at each place."""
    out: list[Candidate] = []
    if cand.place is None or cand.place.span[0] < cand.trigger[1]:
        return out
    last = cand.place
    for m in doc.places:
        if m.span[0] < last.span[1] or m.span[0] >= area[1]:
            continue
        if not COORDINATION.match(doc.document.text[last.span[1]:m.span[0]]) or m.place.id == last.place.id:
            break
        out.append(Candidate(cand.type, cand.trigger, cand.sentence, m, cand.claim, cand.denied, cand.date,
                             dict(cand.quantities), list(cand.denied_places), cand.family, cand.actor, cand.target))
        last = m
    return out


def _bare(word: str, code: str) -> str:
    """A folded trigger without an attached Arabic conjunction or preposition ("وأفرجت" -> "أفرجت")."""
    w = fold(word)
    return w[1:] if code == "ar" and len(w) > 3 and w[0] in "وفبل" else w


def _quantities(doc: Doc, sentence: Span, lex: EventLexicon) -> dict[str, int]:
    out: dict[str, int] = {}
    for n in doc.mentions:
        if n.label != "number" or not (sentence[0] <= n.span[0] < sentence[1]) or not isinstance(n.value, int):
            continue
        a, b = doc.norm.norm_span(*n.span)
        value = n.value
        scale = next((s for s in doc.mentions if s.label == "number" and isinstance(s.value, int) and
                      s.value in (1000, 1000000) and 0 < s.span[0] - n.span[1] <= 2 and not s.text[:1].isdigit()), None)
        if scale is not None and value < 1000:
            value, b = value * scale.value, doc.norm.norm_span(*scale.span)[1]  # "3 آلاف": 3000
        after, before = doc.norm.text[b:b + 35], doc.norm.text[max(0, a - 15):a]
        # "7 قتلى", "12 people were killed" (after the number) or "مقتل 7", "killed 12" (before it)
        for window in (after, before):
            kind = next((k for k, pattern in lex.quantities.items() if pattern.search(window)), None)
            if kind:
                out.setdefault(kind, value)
                break
    return out


def _fold_attacks(cands: list[Candidate]) -> list[Candidate]:
    """"غارات استهدفت حماة": a generic attack word beside a more specific violent trigger in the same
    sentence, at the same place, is the same happening."""
    def key(c: Candidate):
        return c.sentence, c.claim.id if c.claim else None, c.place.place.id if c.place else None

    specific = {key(c) for c in cands if c.type in ("airstrike", "armed_clash")}
    return [c for c in cands if not (c.type == "attack" and key(c) in specific)]


def _families(t: str) -> set[str]:
    return FAMILIES.get(t, {t})


def _reach(t: str) -> str:
    return REACH.get(t, t)


def _speaker_root(claim: Claim) -> str | None:
    return load_actors().root(claim.speaker_actor) if claim.speaker_actor else (claim.speaker or None)


@stage("events.v1", requires=("sentences", "claims"), assigns=("events",))
def events(doc: Doc) -> Doc:
    """Find events, merge those told more than once, attach claims and mark the contested ones."""
    codes = event_codes()
    merged: dict[tuple[str, str | None], Event] = {}
    cands = _fold_attacks(candidates(doc))
    for c in cands:
        if c.denied or c.place is None:
            continue
        key = (c.type, c.place.place.id)
        ev = merged.get(key) or next((e for (t, _), e in merged.items()
                                      if t == c.type and km(e.place, c.place.place) <= MERGE_KM), None)
        if ev is None:
            code = codes.get(c.type, {})
            ev = Event(id="", type=c.type, span=c.sentence, trigger=doc.slice(c.trigger), trigger_span=c.trigger,
                       place=c.place.place, place_span=c.place.span, date=c.date.value if c.date else None,
                       actor=c.actor, target=c.target,
                       date_precision=c.date.precision if c.date else None, quantities=dict(c.quantities),
                       acled_event_type=code.get("acled_event_type"),
                       acled_sub_event_type=code.get("acled_sub_event_type"), plover_type=code.get("plover_type"),
                       plover_mode=code.get("plover_mode"), method="rules.v1")
            merged[key] = ev
        if c.claim and c.claim.id not in ev.claims:
            ev.claims.append(c.claim.id)
        if not ev.date and c.date:
            ev.date, ev.date_precision = c.date.value, c.date.precision
        ev.actor, ev.target = ev.actor or c.actor, ev.target or c.target
        for k, v in c.quantities.items():
            ev.quantities[k] = min(v, ev.quantities.get(k, v))  # conservative
    found = list(merged.values())
    families: dict[int, set[str]] = {}
    for c in cands:
        for ev in found:
            if not c.denied and c.place is not None and ev.type == c.type and ev.place is not None and \
                    km(ev.place, c.place.place) <= MERGE_KM:
                families.setdefault(id(ev), set(_families(ev.type))).update(_families(c.family or c.type))
    # denials: a denied candidate contests the events of its family at or near its place
    for c in cands:
        if not c.denied:
            continue
        areas = [m.place for m in c.denied_places] or ([c.place.place] if c.place else [])
        for ev in found:
            if _reach(c.family or c.type) in families.get(id(ev), _families(ev.type)) and \
                    (not areas or any(same_area(ev.place, p) for p in areas)):
                _dispute(ev, c.claim)
    _denied_by_reference(doc, found)
    _contest_by_holding(doc, found)
    found.extend(_statements(doc, found))
    found.sort(key=lambda e: e.span[0])
    claims = {c.id: c for c in doc.claims}
    for i, ev in enumerate(found, 1):
        ev.id = f"e{i}"
        asserting = {_speaker_root(claims[cid]) for cid in ev.claims if cid not in ev.disputed_by}
        ev.status = "contested" if ev.contested else ("corroborated" if len(asserting) > 1 else "single_source")
    doc.events = found
    return doc


def _dispute(ev: Event, claim: Claim | None) -> None:
    ev.contested = True
    if claim and claim.id not in ev.claims:
        ev.claims.append(claim.id)
    if claim and claim.id not in ev.disputed_by:
        ev.disputed_by.append(claim.id)


REFERENCES = {"هذه", "هذا", "تلك", "ذلك", "these", "those", "this", "that", "the", "such"}
# "the reports as fabricated", "هذه الأنباء جملة وتفصيلا": a reference word and a word for what was told
REPORTS = {fold(w) for w in ("reports", "report", "claims", "claim", "allegations", "news", "rumours", "rumors", "accounts",
                              "الأنباء", "الانباء", "الأخبار", "الادعاءات", "المزاعم", "التقارير", "الشائعات", "الروايات")}


def points_back(text: str) -> bool:
    """Whether a denial's content only points back at what was told before it ("تلك الأنباء", "these
    reports", "the reports as fabricated")."""
    words = [fold(w) for w in text.split()]
    if not words or words[0] not in REFERENCES:
        return False
    return len(words) <= 3 or (len(words) <= 6 and words[1] in REPORTS)


def _denied_by_reference(doc: Doc, found: list[Event]) -> None:
    """"نفى الجيش تلك الأنباء", "the army denied these reports": a denial that only points back disputes
    the events told by the nearest earlier sentence's claims of other speakers."""
    for i, claim in enumerate(doc.claims):
        if claim.stance != "deny" or not points_back(doc.slice(claim.span)):
            continue
        earlier = [c for c in doc.claims[:i] if c.speaker != claim.speaker and c.span[1] <= claim.span[0]]
        if not earlier:
            continue
        last = max(earlier, key=lambda c: c.span[0])
        sentence = next((s for s in doc.sentences if s[0] <= last.span[0] < s[1]), last.span)
        told = {c.id for c in earlier if sentence[0] <= c.span[0] < sentence[1]}
        for ev in found:
            if told & (set(ev.claims) - set(ev.disputed_by)):
                _dispute(ev, claim)


def _contest_by_holding(doc: Doc, found: list[Event]) -> None:
    """"الوضع في حمص آمن ومستقر" contests a taking of Homs."""
    for claim in doc.claims:
        code = "ar" if lang_at(doc, claim.span[0]) in ("ar", "fa") else "en"
        text = doc.norm.text[slice(*doc.norm.norm_span(*claim.span))]
        if not event_lexicon(code).holds.search(text):
            continue
        places = [m for m in doc.places if claim.span[0] <= m.span[0] < claim.span[1]]
        for ev in found:
            if ev.type == "territory_taken" and any(same_area(ev.place, m.place) for m in places):
                ev.contested = True
                if claim.id not in ev.claims:
                    ev.claims.append(claim.id)
                if claim.id not in ev.disputed_by:
                    ev.disputed_by.append(claim.id)


def _statements(doc: Doc, found: list[Event]) -> list[Event]:
    """A foreign government's statement with no event of its own is a diplomatic statement."""
    actors = load_actors()
    used = {cid for ev in found for cid in ev.claims}
    code = event_codes()["statement_diplomatic"]
    out: dict[str, Event] = {}
    for claim in doc.claims:
        if claim.id in used or not claim.speaker_actor:
            continue
        actor = actors.get(claim.speaker_actor)
        parent = actors.get(actor.parent) if actor else None
        government = actor if actor and actor.kind == "foreign_government" else parent
        if actor is None or government is None or government.kind != "foreign_government":
            continue  # a government or its own officials; not its army's spokesman
        ev = out.get(actor.id)
        if ev is None:
            ev = out[actor.id] = Event(id="", type="statement_diplomatic", span=claim.span, actor=actor.id,
                                       acled_event_type=code.get("acled_event_type"),
                                       acled_sub_event_type=code.get("acled_sub_event_type"),
                                       plover_type=code.get("plover_type"), plover_mode=code.get("plover_mode"),
                                       method="rules.v1")
        ev.claims.append(claim.id)
    return list(out.values())
