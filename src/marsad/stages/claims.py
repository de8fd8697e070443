"""Claims: who said what, through which channel, asserting or denying.

Works sentence by sentence on the folded text, with spans mapped back to raw offsets at the end.
A cue (a reporting verb, a participle such as مؤكدا / "asserting", a source preposition such as
بحسب / "according to", the verbal noun نفي, a passive "was said to") opens a claim:

- the speaker: in Arabic the phrase after the verb (an actor mention when one starts there, else the
  words up to a comma, a complementizer, a colon, a quote or a stop word); in English the phrase before
  the verb, back to the clause start. A participle takes the speaker of the verb before it; an empty or
  anaphoric subject ("He added", "وأضاف البيان") takes the previous speaker; a passive has none;
- the content: the quote or the clause after the complementizer (أن / إن / "that"), up to the next
  cue; an English verb with nothing after it ("..., the Observatory reported.") takes the clause
  before the speaker; two clauses joined by "، وأن" / ", and that" are two claims;
- not a claim: a cue inside another claim's content or quote, in a relative clause ("التقارير التي
  تزعم"), negated ("did not say") or used as a noun ("denied reports of"); a verbal noun whose object
  only points back ("سارعت إلى نفي هذه الأنباء") gives its speaker to the participle after it;
- the stance: deny for a denial cue, a denial phrase in the content ("لا صحة", "no truth"), or a
  negation in the content's main clause ("لم تدخل", "does not intervene");
- the channel (CONTRACT.md's rule): the medium the sentence names, else the speaker's kind (a monitor
  reports, a state body issues statements, a media outlet is a news agency or TV), else the channel of
  the same speaker's previous claim, else unknown; relays ("نقلت سانا عن مصدر عسكري", "according to
  Sky News Arabia") keep the original speaker and list the outlets.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..actors import load_actors
from ..cues import Lexicon, channel_words, is_denial, lexicon
from ..doc import Actor, Claim, Doc, Mention, Span
from ..pipeline import stage
from .events import event_lexicon
from .language import lang_at

QUOTE_OPEN = "\"“«„‟"
QUOTE_CLOSE = {"\"": "\"", "“": "”", "«": "»", "„": "“", "‟": "”"}
WORDS = re.compile(r"[^\s]+")
LEADING_FILLER = re.compile(
    r"(?:\s*(?:[وف]?(?:اليوم|امس|يوم)(?:\s+(?:الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه|السبت|الاحد))?|\(\S+\)"
    r"|في (?:بيان|تصريح|تصريحات|منشور|تغريده|مقابله|حديث)\S*(?:\s+(?:رسمي|صحفي|له|لها|مصور))?"
    r"|عبر \S+(?:\s+\S+)?|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|in a statement)\s*[،,]?)+")
DETERMINERS = {"the", "a", "an", "one", "two", "three", "several", "some", "his", "her", "its", "their", "he", "she",
               "they", "it", "we", "i", "local", "senior", "military", "security", "government", "officials", "residents",
               "witnesses", "activists", "sources"}
# Heads of lowercase speaker phrases without a determiner: "state media said", "rescue workers said".
SPEAKER_HEADS = {"media", "officials", "sources", "residents", "activists", "witnesses", "medics", "doctors",
                 "workers", "rescuers", "monitors", "observers", "diplomats", "analysts", "commanders"}
EXPRESSED = re.compile(r"(?<!\w)[وف]?عبر(?!\w)")
PRONOUNS = {"he", "she", "they", "it", "هو", "هي", "هم"}
REFERENCES = {"هذه", "هذا", "تلك", "ذلك", "these", "those", "this", "that", "the"}
RELATIVES = {"التي", "الذي", "الذين", "which", "who"}
NAME_LINKS = {"باسم", "بن", "ابن", "ابو", "عبد", "ام", "بنت"}
GENERIC_SPEAKERS = {"التقارير", "تقارير", "الانباء", "انباء", "مصادر", "reports", "sources", "متداوله", "المتداوله"}
STATE_KINDS = {"state_forces", "government_body"}
UNNAMED = re.compile(r"(?:[وف]?(?:ال)?مصدر|مصادر|مسؤول|(?:a |an )?(?:\w+ )?(?:source|sources|official|officials)\b)")


@dataclass
class Cue:
    kind: str  # verb, participle, prep, noun, passive
    span: Span  # folded-text offsets
    stance: str
    word: str


@dataclass
class Draft:
    cue: Cue
    content: Span
    speaker: Span | None = None
    speaker_text: str | None = None
    actor: Actor | None = None
    direct: bool = False
    relays: list[str] = field(default_factory=list)
    channel: str | None = None
    source_is_media: bool = False
    silent: bool = False  # read for its speaker only ("سارعت إلى نفي هذه الأنباء" before a participle)


class SentenceReader:
    """Reads the claims of one sentence in the folded text."""

    def __init__(self, doc: Doc, span: Span, lex: Lexicon, previous: list[Draft]):
        self.doc = doc
        self.t = doc.norm.text
        self.s, self.e = span
        self.lex = lex
        self.arabic = lex.code == "ar"
        self.previous = previous
        self.actors = load_actors()
        self.mentions = [m for m in doc.mentions if m.label in ("person", "organisation")]

    # ---- positions -----------------------------------------------------------------------
    def words(self, start: int, end: int) -> list[tuple[int, int, str]]:
        return [(start + m.start(), start + m.end(), m.group()) for m in WORDS.finditer(self.t[start:end])]

    def actor_mention_at(self, pos: int) -> tuple[Span, Mention] | None:
        """An actor mention starting at ``pos``, after nothing but spaces and commas."""
        for m in self.mentions:
            a, b = self.doc.norm.norm_span(*m.span)
            if pos <= a < self.e and not self.t[pos:a].strip(" ،,"):
                return (a, b), m
        return None

    def quote_at(self, pos: int) -> Span | None:
        """The inside of a quotation opening at ``pos`` (after spaces); an unclosed quote runs to the
        sentence end."""
        while pos < self.e and self.t[pos] == " ":
            pos += 1
        if pos >= self.e or self.t[pos] not in QUOTE_OPEN:
            return None
        end = self.t.find(QUOTE_CLOSE[self.t[pos]], pos + 1, self.e + 1)
        return (pos + 1, end if end > pos else self.e)

    # ---- cues ----------------------------------------------------------------------------
    def cues(self) -> list[Cue]:
        lex, t, s, e = self.lex, self.t, self.s, self.e
        found: list[Cue] = []
        for kind, pattern, stance in (("prep", lex.prepositions, "assert"), ("passive", lex.passive, "assert"),
                                      ("verb", lex.deny_verbs, "deny"), ("verb", lex.assert_verbs, "assert"),
                                      ("participle", lex.participles, "assert"), ("noun", lex.deny_nouns, "deny")):
            if pattern is None:
                continue
            for m in pattern.finditer(t, s, e):
                if any(c.span[0] < m.end() and m.start() < c.span[1] for c in found):
                    continue
                word = m.group().lstrip("وف") if self.arabic and len(m.group()) > 3 else m.group()
                if kind == "verb" and self.arabic and lex.deny_nouns is not None and lex.deny_nouns.fullmatch(word):
                    prev = t[max(s, m.start() - 6):m.start()].split()
                    if prev and prev[-1] in ("الي", "علي", "عن", "في", "ب"):
                        kind_here = "noun"  # "سارعت إلى نفي": the verbal noun, not the verb نفى
                        found.append(Cue(kind_here, m.span(), "deny", word))
                        continue
                st = "deny" if (kind == "participle" and (m.group() in lex.deny_participles or
                                                          word in lex.deny_participles)) else stance
                if kind == "verb" and not self.arabic and not self._english_verb_ok(m.start(), m.end()):
                    continue
                found.append(Cue(kind, m.span(), st, word))
        if self.arabic:
            # "عبّر الوزير عن قلقه": عبر is "expressed" only at a clause start and with عن after the speaker
            for m in EXPRESSED.finditer(t, s, e):
                at_start = not t[s:m.start()].strip() or t[s:m.start()].rstrip().endswith(("،", ",")) or m.group()[0] == "و"
                if at_start and re.search(r"(?<!\S)عن(?!\S)", " ".join(t[m.end():e].split()[:6])) and \
                        not any(c.span[0] < m.end() and m.start() < c.span[1] for c in found):
                    found.append(Cue("verb", m.span(), "assert", m.group().lstrip("وف")))
        return sorted(found, key=lambda c: c.span[0])

    def _english_verb_ok(self, a: int, b: int) -> bool:
        """English verbs used as reporting verbs: not a noun ("the reported deaths", "denied reports of",
        "no truth to reports") and not negated ("did not say")."""
        before = self.t[max(self.s, a - 30):a].split()
        if not before:
            return True
        if self.doc.text[self.doc.norm.starts[a]].isupper():
            return False  # part of a name: "the United States", "Reporters Without Borders"
        prev = before[-1].strip(",;:\"“”")
        if prev in ("media", "press", "news") and self.t[a:b] in ("said", "says", "told", "tells", "added", "noted"):
            return True  # "state media said": a subject, the verb is no noun here
        if prev in self.lex.not_cue_after or prev.endswith("n't"):
            return False
        return not (self.lex.deny_verbs.fullmatch(prev) or self.lex.assert_verbs.fullmatch(prev))

    # ---- speakers ------------------------------------------------------------------------
    def speaker_after(self, pos: int) -> Span | None:
        """The Arabic speaker phrase after a cue ending at ``pos``."""
        t, lex = self.t, self.lex
        words = self.words(pos, self.e)
        # "تؤكد فيه الفصائل": skip the resumptive pronoun
        while words and words[0][2] in ("فيه", "فيها", "بدوره", "بدورها"):
            pos = words[0][1]
            words = words[1:]
        hit = self.actor_mention_at(pos)
        end = None
        start = None
        extended = 0
        for i, (a, b, w) in enumerate(words):
            core = w.strip("،,:؛.()\"“”«»")
            if i == 0 and core in lex.speaker_stops | lex.complementizers or not core:
                return None
            if core in ("في", "من") and not extended and start is not None and self._source_goes_on(start, a, words[i + 1:]):
                extended = i  # "مسؤول في الإدارة الذاتية", "مصدر في وزارة الدفاع"
            elif core in lex.complementizers or core in lex.speaker_stops or i >= 9 or i and self._event_word(a):
                break
            elif i and self._outlet_after_lam(a):
                break  # "قال مصدر أمني لتلفزيون سوريا": the outlet the speaker talked to
            elif extended and i > extended + 1 and not core.startswith("ال"):
                break  # the definite phrase after "في" ends: "مسؤول في الإدارة الذاتية وقوع ..."
            if start is None:
                start = a
            if w[0] in QUOTE_OPEN and start < a:
                q = self.quote_at(a)
                if q and q[1] < self.e and len(t[q[0]:q[1]].split()) <= 2:
                    end = q[1] + 1  # a quoted name in the phrase: "قناة «العربية»"
                    if t[q[1] + 1:q[1] + 2] in "،,:؛":
                        break
                    continue
            end = a + len(w.rstrip("،,:؛.\"“”«»)(")) if w[0] not in QUOTE_OPEN else a
            if w[0] in QUOTE_OPEN or w[-1:] in "،,:؛" or w[-1:] in QUOTE_OPEN:
                break
        if hit and (end is None or hit[0][1] > end):
            return hit[0]
        if start is None or end is None or end <= start:
            return hit[0] if hit else None
        # apposition: "مدير المرصد، رامي عبد الرحمن،"
        rest = t[end:self.e]
        m = re.match(r"\s*[،,]\s*", rest)
        if m:
            person = self.actor_mention_at(end + m.end())
            if person and person[1].label == "person":
                return (start, person[0][1])
            name = re.match(r"((?:(?!ال)[^\s،,:؛«»\"]+\s+){1,3}?(?!ال)[^\s،,:؛«»\"]+)\s*[،,]", rest[m.end():])
            if name and not any(w in self.lex.speaker_stops | self.lex.complementizers for w in name.group(1).split()):
                return (start, end + m.end() + name.end(1))  # a name between commas after a title
        return (start, end)

    def speaker_before(self, pos: int, floor: int | None = None) -> Span | None:
        """The English speaker phrase before a verb starting at ``pos``: back to the clause start (or the
        end of the cue before it, ``floor``)."""
        t = self.t
        base = max(self.s, floor or self.s)
        left = t[base:pos]
        # adverbs between subject and verb: "also noted", "further stated"
        left = re.sub(r"(?:\s+(?:also|further|later|then|again|previously|had|has|have|was|were|is))+\s*$", " ", left)
        cut = max(left.rfind(x) for x in (",", ";", ":", "”", "\"", "—", " that ", " which ", " who ", "’,"))
        start = base + (cut + 1 if cut >= 0 else 0)
        # "For his part, the Syrian army": keep the part after the last comma, but keep an apposition
        # "SOHR Director, Rami Abdulrahman,"
        while start < pos and t[start] == " ":
            start += 1
        phrase = t[start:base + len(left)].strip()
        if not phrase:
            # "SOHR Director, Rami Abdulrahman, said": the name before the comma
            m = re.search(r"([^,;:”\"]+),\s*$", left)
            if m:
                phrase = m.group(1).strip()
                start = base + m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip()))
                # "Rami Abdulrahman, head of the Observatory, said": the name before the title
                raw_left = self.doc.text[self.doc.norm.starts[base]:self.doc.norm.starts[start]] if start > base else ""
                raw_phrase = self.doc.slice(self.doc.norm.raw_span(start, start + len(phrase)))
                name = re.search(r"(?:^|[.;:]\s*)([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3}),\s*$", raw_left)
                if name and raw_phrase[:1].islower():
                    return (base + name.start(1), base + name.end(1))
        if not phrase:
            return None
        if phrase.endswith(" and"):
            # "The ministry described the claims as fabricated and said ...": the first clause's subject
            m = re.match(r"((?:\S+\s+){0,5}?\S+?)\s+\w+ed\s", phrase)
            if not m:
                return None
            phrase = m.group(1)
        words = phrase.split()
        if len(words) > 9:
            return None
        raw = self.doc.slice(self.doc.norm.raw_span(start, start + len(phrase)))
        if not (any(w[:1].isupper() for w in raw.split()) or words[0] in DETERMINERS or words[-1] in SPEAKER_HEADS):
            return None
        return (start, start + len(phrase))

    @staticmethod
    def _place_name(word: str) -> bool:
        from ..gazetteer import load_gazetteer
        return len(word) > 2 and bool(load_gazetteer().lookup(word))

    def _outlet_after_lam(self, pos: int) -> Span | None:
        """An outlet joined to the preposition ل at ``pos`` ("لوكالة الأناضول", "لسكاي نيوز عربية"):
        its span without the ل."""
        if not self.arabic or self.t[pos:pos + 1] != "ل" or self.t[pos:pos + 2] == "ال":
            return None
        words = []
        for a, b, w in self.words(pos, self.e)[:4]:
            core = w.rstrip("،,:؛.\"“”«»")
            if words and (core in self.lex.complementizers or core in self.lex.speaker_stops):
                break
            words.append((a, a + len(core)))
            if core != w:
                break
        best = None
        for a, b in words:
            text = self.t[pos + 1:b]
            actor = self.actors.match(text)
            if actor is not None and actor.kind == "media" and self.actors.matcher.lookup(text):
                best = (pos + 1, b)  # the longest name the actor list knows exactly
        if best:
            return best
        if words and self.t[pos + 1:words[0][1]] in MEDIA_HEADS:
            return (pos + 1, words[-1][1])  # "لوكالة محلية", "لقناة فضائية"
        return None

    def _event_word(self, pos: int) -> bool:
        """Whether an event trigger starts at ``pos`` ("أعلنت الفصائل السيطرة على ..."): the object of the
        verb begins there, not the speaker."""
        if not re.match(r"[وفبل]?ال", self.t[pos:pos + 3]):
            return False  # a definite verbal noun; "هيئة تحرير الشام" is a name
        return any(p.match(self.t, pos) for _, p in event_lexicon(self.lex.code).triggers)

    def _source_goes_on(self, start: int, pos: int, rest: list[tuple[int, int, str]]) -> bool:
        """After an unnamed source noun, "في" / "من" and a definite noun phrase that is no medium or time
        belong to the speaker."""
        head = self.t[start:pos].strip(" ،,")
        first = head.split()[0]
        bare = [w[2:] if w.startswith("ال") else w for w in (head, first)]
        if not any(w in self.lex.source_nouns for w in [head, first] + bare):
            return False
        if not rest or not (rest[0][2].startswith("ال") or len(rest) > 1 and rest[1][2].startswith("ال")):
            return False
        return not channel_words(rest[0][2], self.lex) and rest[0][2] not in self.lex.speaker_stops

    def split_subject(self, span: Span) -> Span:
        """The subject at the head of an Arabic phrase that runs on into the object ("الجيش الأردني
        إغلاق المعبر"): it ends before the first indefinite word after a definite one."""
        words = self.words(*span)
        for n in range(len(words), 1, -1):  # the longest known name, the whole phrase first
            if self.actors.matcher.lookup(self.t[span[0]:words[n - 1][1]]):
                return (span[0], words[n - 1][1])  # "وزارة الخارجية السورية الاتهامات الأمريكية"
        seen_definite = False
        linked = False  # "المتحدث باسم قوات سوريا الديمقراطية": the construct runs to its definite word
        for i, (a, b, w) in enumerate(words):
            if w in NAME_LINKS:
                linked = True
            elif w.startswith("ال") or i > 0 and not linked and self._place_name(w):
                # a place name ends a construct as an article does: "محافظ درعا عودة التيار"
                seen_definite = True
                linked = False
            elif seen_definite and i > 0 and not linked:
                return (span[0], words[i - 1][1])
        return span

    def speaker_np_after(self, pos: int) -> Span | None:
        """The phrase after a source preposition ("according to X", "بحسب X")."""
        if self.arabic:
            return self.speaker_after(pos)
        m = re.match(r"\s*((?:the\s+)?[^,.;:()]+?(?:\s*\([^)]*\))?)(?=[,.;:]|\s+(?:on|in|late|early|which|that)\s|$)",
                     self.t[pos:self.e])
        if not m:
            return None
        return (pos + m.start(1), pos + m.end(1))

    # ---- content -------------------------------------------------------------------------
    def content_after(self, pos: int, stop: int, governs: bool = False) -> tuple[Span, bool] | None:
        """The content after ``pos``: a quote, or the clause after a complementizer or colon, up to
        ``stop``. Returns the span and whether it is a direct quote."""
        t, lex = self.t, self.lex
        words = self.words(pos, stop)
        for i, (a, b, w) in enumerate(words[:14]):
            core = w.strip("،,؛()")
            if not self.arabic and core in lex.noun_that:
                return None  # "no truth to reports that ...": the clause starts at the cue
            if w[0] in QUOTE_OPEN:
                q = self.quote_at(a)
                if q and not self._is_name_quote(q, stop):
                    return (q[0], min(q[1], max(stop, q[1]) if q[1] <= self.e else stop)), True
            nxt = self.words(b, stop)[:1]
            # a preposition opens the content only after a verb that governs it ("أشار إلى", "تحدث عن")
            # or before a complementizer ("أكد على أن"); "أكد المحافظ عودة التيار إلى المدينة" goes on
            # ("أكد على ضرورة ..."), but not "على فيسبوك" naming the medium
            prep = self.arabic and i == 0 and (core == "عن" or core == "علي" and not (
                nxt and channel_words(nxt[0][2], lex)) or core == "الي" and (
                governs or bool(nxt) and nxt[0][2] in lex.complementizers))
            if core.rstrip(":") in lex.complementizers or prep:
                after = b
                if nxt and nxt[0][2] in lex.complementizers:
                    after = nxt[0][1]  # "أشار إلى أن"
                q = self.quote_at(after)
                if q and q[0] - after <= 2:
                    return q, True
                return self._clause(after, stop), False
            if w.endswith(":"):
                q = self.quote_at(b)
                if q:
                    return q, True
                return self._clause(b, stop), False
        return None

    def _is_name_quote(self, q: Span, stop: int) -> bool:
        """A short quoted name inside the attribution ("على منصة «إكس»، إن ..."), not the claim."""
        if len(self.t[q[0]:q[1]].split()) > 2:
            return False
        rest = self.t[q[1] + 1:stop]
        return len(rest.split()) >= 3

    def _clause(self, start: int, stop: int) -> Span:
        t = self.t
        while start < stop and t[start] in " ،,:":
            start += 1
        m = LEADING_FILLER.match(t, start, stop)
        if m and m.end() < stop:
            start = m.end()
        end = stop
        while end > start and t[end - 1] in " ،,.;:؛\"”»":
            end -= 1
        return (start, end)

    # ---- reading -------------------------------------------------------------------------
    def _embedded(self, cue: Cue, previous: Cue | None) -> bool:
        """A cue inside what another cue reports ("قال إن قطر تدعو إلى ...", a verb inside a quote) or in a
        relative clause ("التقارير التي تزعم ...") reports nothing of its own."""
        t, lex = self.t, self.lex
        before = t[self.s:cue.span[0]].split()
        if before and before[-1].lstrip("و") in RELATIVES:
            return True
        if any(w.strip("،,") in GENERIC_SPEAKERS for w in before[-2:]) and cue.kind == "verb" and self.arabic:
            return True  # "نفى تقارير متداولة تفيد بتقدم ...": what the reports say, not a new claim
        opened = sum(t.count(q, self.s, cue.span[0]) for q in "“«„")
        closed = sum(t.count(q, self.s, cue.span[0]) for q in "”»")
        straight = t.count('"', self.s, cue.span[0])
        if opened > closed or straight % 2:
            return True
        if previous is None or cue.kind != "verb":
            return False
        between = [w.strip("،,") for w in t[previous.span[1]:cue.span[0]].split()]
        if not any(w in lex.complementizers for w in between):
            return False
        after = self.words(cue.span[1], self.e)[:8]
        return not any(w.strip("،,:") in lex.complementizers or w.endswith(":") or w[0] in QUOTE_OPEN
                       for _, _, w in after)

    def read(self) -> list[Draft]:
        cues: list[Cue] = []
        inserted: dict[int, Span] = {}  # verb cue index -> the source named between speaker and content
        for cue in self.cues():
            if self._embedded(cue, cues[-1] if cues else None):
                continue
            outlet = self._inserted_source(cues[-1], cue) if cues and cue.kind == "prep" else None
            if outlet:
                inserted[len(cues) - 1] = outlet  # "وقال القيادي، وفقا لقناة العربية، إن ...": a relay
                continue
            cues.append(cue)
        drafts: list[Draft] = []
        for i, cue in enumerate(cues):
            stop = cues[i + 1].span[0] if i + 1 < len(cues) else self.e
            draft = self.read_cue(cue, stop, drafts)
            if draft:
                if i in inserted:
                    self._relay_through(draft, inserted[i])
                drafts.extend(self.split(draft))
        return drafts

    def _inserted_source(self, verb: Cue, prep: Cue) -> Span | None:
        """A source phrase set off by commas between a verb's speaker and its content ("وقال القيادي،
        وفقا لقناة العربية، إن ...", "the official said, according to AFP, that ..."): its outlet."""
        if verb.kind != "verb":
            return None
        between = self.t[verb.span[1]:prep.span[0]]
        if not between.rstrip().endswith(("،", ",")) or any(
                w.strip("،,") in self.lex.complementizers for w in between.split()):
            return None
        speaker = self.speaker_np_after(prep.span[1])
        if not speaker:
            return None
        rest = self.t[speaker[1]:self.e].lstrip()
        if not rest.startswith(("،", ",")):
            return None
        nxt = rest[1:].split()[:1]
        if not nxt or nxt[0].strip("،,:") not in self.lex.complementizers:
            return None
        return speaker

    def _relay_through(self, d: Draft, outlet: Span) -> None:
        """The speaker's words reached the public through ``outlet``: a relay, and the channel by
        CONTRACT.md's rule (a named speaker: interview; an unnamed source: the outlet's kind)."""
        text = self.t[outlet[0]:outlet[1]]
        actor = self.actors.match(text) or media_by_head(text)
        d.relays.append(self.doc.slice(self.doc.norm.raw_span(*outlet)))
        said = self.t[d.speaker[0]:d.speaker[1]] if d.speaker else ""
        if actor is not None and actor.kind == "media":
            d.channel = (actor.medium or "news_agency") if said and UNNAMED.match(said) else "interview"

    def read_cue(self, cue: Cue, stop: int, drafts: list[Draft]) -> Draft | None:
        a, b = cue.span
        if cue.kind == "passive":
            start = self.s if not self.arabic else b
            content = self._clause(start if self.arabic else self.s, stop)
            if not self.arabic:
                content = self._clause(self.s, self._clause_end(b, stop))
            return Draft(cue, content)
        if cue.kind == "prep":
            return self.read_prep(cue, stop, drafts)
        if cue.kind == "participle":
            found = self.content_after(b, stop)
            if not found:
                return None
            (content, direct) = found
            base = drafts[-1] if drafts else (self.previous[-1] if self.previous else None)
            if base is not None and base.silent and base.cue.stance == "deny":
                cue = Cue(cue.kind, cue.span, "deny", cue.word)  # "سارعت إلى نفي هذه الأنباء، مؤكدة أن ..."
            d = Draft(cue, content, direct=direct)
            if base:
                d.speaker, d.speaker_text, d.actor, d.channel = base.speaker, base.speaker_text, base.actor, base.channel
                d.relays = list(base.relays)
            return d
        if cue.kind == "noun":
            content = self._clause(b, stop)
            d = Draft(cue, content)
            words = self.t[content[0]:content[1]].split()
            # "نفي هذه الأنباء" followed by what the denial says: the reference is no claim of its own
            d.silent = bool(words) and words[0] in REFERENCES and len(words) <= 3 and stop < self.e
            subject = self.noun_subject(a)
            if subject:
                d.speaker = subject
                text = self.t[subject[0]:subject[1]]
                if text in self.lex.anaphora or text in PRONOUNS:
                    return self._finish(cue, subject, content, False, drafts)
                d.actor = self.actors.match(text)
            return d
        return self.read_verb(cue, stop, drafts)

    def noun_subject(self, pos: int) -> Span | None:
        """The subject of the verb governing a verbal noun cue: "الوزارة سارعت إلى نفي" (before the verb)
        or "سارعت الوزارة إلى نفي" (after it)."""
        words = self.words(self.s, pos)
        if words and words[-1][2] in ("الي", "علي", "ب"):
            words = words[:-1]
        if not words:
            return None
        verb = words[-1]
        head = words[:-1]
        # back to the clause start: a complementizer, a comma or the sentence start
        start = 0
        for i, (_, _, w) in enumerate(head):
            if w.strip("،,") in self.lex.complementizers or w.endswith(("،", ",")) or w in ("الا", "لكن", "بينما"):
                start = i + 1
        head = head[start:]
        if head:
            return (head[0][0], head[-1][1])
        # verb first: "سارعت الوزارة إلى نفي" -- the words between the verb and the noun
        between = self.words(verb[1], pos)
        between = [w for w in between if w[2] not in ("الي", "علي", "ب")]
        if between:
            return (between[0][0], between[-1][1])
        return None

    def _clause_end(self, pos: int, stop: int) -> int:
        m = re.search(r"[,;]", self.t[pos:stop])
        return pos + m.start() if m else stop

    def _subject_before(self, pos: int) -> tuple[Span, Mention] | None:
        best = None
        for m in self.mentions:
            a, b = self.doc.norm.norm_span(*m.span)
            if self.s <= a and b <= pos:
                best = ((a, b), m)
        return best

    def read_verb(self, cue: Cue, stop: int, drafts: list[Draft]) -> Draft | None:
        a, b = cue.span
        if self.arabic:
            speaker = self.speaker_after(b)
            if speaker and self.t[speaker[0]:speaker[1]] in GENERIC_SPEAKERS:
                return None  # "تشير التقارير بحسب المرصد": the preposition names the source
            after = speaker[1] if speaker else b
            if not speaker and re.match(r"\s*عن\s", self.t[b:b + 5]):
                content = self._clause(b + self.t[b:].index("عن") + 2, stop)
                return Draft(cue, content)  # passive: "أُعلن عن"
            named = speaker and (self.actor_mention_at(speaker[0]) or self.actors.match(self.t[speaker[0]:speaker[1]]))
            subject = self._subject_before(a)
            if subject and not drafts and not named and not self.t[subject[0][1]:a].strip(" ،,"):
                speaker, after = subject[0], b  # subject before the verb: "الجيش السوري ينفي الانسحاب"
            elif not speaker and subject and not drafts:
                speaker = subject[0]
            if not speaker:
                speaker = self._statement_subject(a, b)  # "أصدرت الهيئة بيانا قالت فيه إن ..."
            outlet = None
            if speaker:
                gap = re.match(r"\s*", self.t[speaker[1]:stop])
                outlet = self._outlet_after_lam(speaker[1] + gap.end())
                if outlet:
                    after = outlet[1]
                src = re.match(r"\s*عن\s+", self.t[after:stop])
                if src and cue.word in RELAY_VERBS:
                    # "نقلت الوزارة عن مصدر عسكري أن ...": the source after عن says it
                    source = self.speaker_after(after + src.end())
                    if source:
                        after = source[1]
            found = self.content_after(after, stop, governs=cue.word in GOVERNING)
            if not found and speaker and self._quote_before(a):
                found = (self._quote_before(a), True)  # «...»، قال قيادي في الفصائل لقناة الجزيرة.
            if found and outlet:
                draft = self._finish(cue, speaker, found[0], found[1], drafts)
                self._relay_through(draft, outlet)
                return draft
            if not found:
                if speaker:
                    # no complementizer: the object follows the subject ("أعلن الجيش الأردني إغلاق المعبر")
                    speaker = self.split_subject(speaker)
                    after = speaker[1]
                content = self._clause(after, stop)
                if content[1] - content[0] < 3:
                    return None
                found = (content, False)
            (content, direct) = found
            return self._finish(cue, speaker, content, direct, drafts)
        # English
        floor = max((d.cue.span[1] for d in drafts if d.cue.span[1] <= a), default=None)
        speaker = self.speaker_before(a, floor)
        if speaker and self.t[max(self.s, speaker[0] - 7):speaker[0]].split()[-1:] in (["which"], ["whom"]):
            return None  # "the fighting, which the minister blamed on ...": no statement of its own
        if self._final_tail(cue, b, stop) and (speaker or self._quote_before(a)):
            # sentence-final attribution: "..., the Observatory reported on Saturday."
            quote = self._quote_before(speaker[0] if speaker else a)
            if quote:
                content, direct = quote, True
            else:
                content, direct = self._clause(floor or self.s, speaker[0]), False
                if content[1] - content[0] < 3:
                    return None
            draft = self._finish(cue, speaker, content, direct, drafts)
            raw_tail = self.doc.text[self.doc.norm.starts[b]:self.doc.norm.ends[stop - 1]] if stop > b else ""
            outlet = self._outlet_told(cue, b, stop)
            if outlet:
                self._relay_through(draft, outlet)  # "..., a military source told SANA."
            if re.match(r"\s*(?:to\s+)?[A-Z]", raw_tail) and cue.word in ("told", "said", "tells", "says"):
                draft.channel = draft.channel or "interview"  # "..., a commander told Reuters."
            return draft
        if cue.word == "quoted":
            return self._quoted_as_saying(cue, speaker, stop)
        found = self.content_after(b, stop)
        outlet = self._outlet_told(cue, b, stop)
        if found and outlet:
            draft = self._finish(cue, speaker, found[0], found[1], drafts)
            self._relay_through(draft, outlet)
            return draft
        if not found:
            rest = re.sub(r"^\s*(?:(?:on|late|early|in|to|at)\s+\w+\s*)*", "", self.t[b:stop])
            start = stop - len(rest)
            content = self._clause(start, stop)
            if content[1] - content[0] < 3:
                return None
            found = (content, False)
        return self._finish(cue, speaker, found[0], found[1], drafts)

    def _outlet_told(self, cue: Cue, b: int, stop: int) -> Span | None:
        """The outlet an English speaker "told" ("told Syria TV that", "told the BBC"), if the actor list
        knows it as media."""
        if cue.word not in ("told", "tells"):
            return None
        m = re.match(r"\s*((?:the\s+)?[^,.;:\"“]+?)(?=\s+(?:that|on|in|late|early)\s|[,.;:\"“]|\s*$)", self.t[b:stop])
        if not m:
            return None
        span = (b + m.start(1), b + m.end(1))
        actor = self.actors.match(self.t[span[0]:span[1]])
        return span if actor is not None and actor.kind == "media" else None

    def _quoted_as_saying(self, cue: Cue, outlet: Span | None, stop: int) -> Draft | None:
        """"SANA quoted a military source as saying that ...": the source speaks (the participle
        "saying" after it reads the content); the outlet relays. A draft read for its speaker only."""
        m = re.match(r"\s*(.+?)\s+as\s+saying\b", self.t[cue.span[1]:self.e])
        if not m:
            return None
        source = (cue.span[1] + m.start(1), cue.span[1] + m.end(1))
        d = Draft(cue, source, speaker=source, silent=True)
        d.actor = self.actors.match(self.t[source[0]:source[1]])
        if outlet:
            self._relay_through(d, outlet)
        return d

    def _final_tail(self, cue: Cue, b: int, stop: int) -> bool:
        """Whether an English cue ends its clause ("..., the Observatory reported on Saturday.", "...,"
        a commander told Reuters."): only time words, an outlet or "reporters" after it."""
        tail = self.t[b:stop].strip(" .,;")
        if not tail:
            return True
        words = tail.split()
        if len(words) > 7 or re.search(r"\bthat\b|[\"“«:]", tail):
            return False
        if cue.word in ("told", "tells"):
            return len(words) <= 5
        return words[0] in self.lex.final_tail

    def _statement_subject(self, a: int, b: int) -> Span | None:
        """The subject of "أصدر ... بيانا" before a verb with a resumptive فيه ("أصدرت هيئة الأركان بيانا
        قالت فيه إن ...")."""
        if not self.arabic or not re.match(r"\s*(?:فيه|فيها)(?!\S)", self.t[b:b + 6]):
            return None
        m = re.search(r"(?<!\S)[وف]?\S+\s+(.+?)\s+(?:بيانا|بلاغا|تقريرا|رساله|تسجيلا|كلمه)(?:\s+\S+)?\s*$",
                      self.t[self.s:a])
        if not m:
            return None
        return (self.s + m.start(1), self.s + m.end(1))

    def _quote_before(self, pos: int) -> Span | None:
        left = self.t[self.s:pos]
        m = re.search(r"[\"“«]([^\"“”«»]+)[\"”»]\s*[,،]?\s*$", left)
        if m:
            return (self.s + m.start(1), self.s + m.end(1))
        return None

    def read_prep(self, cue: Cue, stop: int, drafts: list[Draft]) -> Draft | None:
        a, b = cue.span
        rel = re.match(r"\s*ما\s+\S+", self.t[b:stop]) if self.arabic else None
        if rel:
            b = b + rel.end()  # "بحسب ما نقلته وكالة الأناضول"
        speaker = self.speaker_np_after(b)
        if not speaker:
            return None
        actor = self.actors.match(self.t[speaker[0]:speaker[1]]) or media_by_head(self.t[speaker[0]:speaker[1]])
        after = self._clause(speaker[1], stop)
        # "..., وفقا لقناة العربية" / "according to Sky News Arabia" after a claim: a relay
        if drafts and (after[1] - after[0] < 3):
            last = drafts[-1]
            if actor and actor.kind == "media" and (last.actor is None or last.actor.id != actor.id):
                last.relays.append(self.doc.slice(self.doc.norm.raw_span(*speaker)))
                said = self.t[last.speaker[0]:last.speaker[1]] if last.speaker else ""
                if said and UNNAMED.match(said):
                    last.channel = actor.medium or "news_agency"  # unnamed sources through an outlet
                elif last.actor is not None and last.actor.kind == "person" and not last.channel:
                    last.channel = "interview"
            return None
        if after[1] - after[0] >= 3:
            content = after
            text = self.t[content[0]:content[1]]
            m = re.match(r"(?:الى|إلى|ان|أن|that)\s+", text)
            if m:
                content = (content[0] + m.end(), content[1])
        else:
            left_start = drafts[-1].content[1] if drafts else self.s
            content = self._clause(left_start, a)
            if content[1] - content[0] < 3:
                return None
        q = self.quote_at(content[0])
        direct = bool(q)
        if q:
            content = q
        draft = self._finish(cue, speaker, content, direct, drafts)
        outlet = self._outlet_before(a)
        if outlet and (draft.actor is None or draft.actor.id != outlet[1].id):
            draft.relays.append(self.doc.slice(self.doc.norm.raw_span(*outlet[0])))
            unnamed = UNNAMED.match(self.t[speaker[0]:speaker[1]])
            draft.channel = (outlet[1].medium or "news_agency") if unnamed else "interview"
        return draft

    def _outlet_before(self, pos: int) -> tuple[Span, Actor] | None:
        """A media outlet named in the clause before ``pos`` ("ذكرت وكالة سانا نقلا عن ...")."""
        for m in reversed(self.mentions):
            a, b = self.doc.norm.norm_span(*m.span)
            actor = self.actors.get(m.entity_id)
            if self.s <= a and b <= pos and actor and actor.kind == "media" and not re.search(r"[.،,]", self.t[b:pos]):
                return (a, b), actor
        return None

    def _finish(self, cue: Cue, speaker: Span | None, content: Span, direct: bool, drafts: list[Draft]) -> Draft:
        self.current = drafts
        d = Draft(cue, content, direct=direct)
        if speaker:
            text = self.t[speaker[0]:speaker[1]].strip()
            if text in self.lex.anaphora or text.split()[0] in PRONOUNS:
                base = self._antecedent(text)
                if base:
                    d.speaker, d.speaker_text, d.actor = base.speaker, base.speaker_text, base.actor
                    d.channel = base.channel if text not in ("البيان", "the statement") else "statement"
                    d.relays = list(base.relays)
                    return d
            d.speaker = speaker
            d.actor = self.actors.match(text)
            # "نقلت وكالة سانا عن مصدر عسكري": the outlet relays the source
            m = re.match(r"\s*عن\s+", self.t[speaker[1]:content[0]]) if self.arabic else None
            if m and (d.actor and d.actor.kind == "media" or cue.word in RELAY_VERBS):
                src = self.speaker_after(speaker[1] + m.end())
                if src:
                    d.relays.append(self.doc.slice(self.doc.norm.raw_span(*speaker)))
                    if d.actor and d.actor.kind == "media":
                        d.channel = d.actor.medium or "news_agency"
                    d.speaker, d.actor = src, self.actors.match(self.t[src[0]:src[1]])
        elif cue.kind == "verb":
            base = self._antecedent(None)
            if base and cue.word.strip() not in ("قال", "said"):
                d.speaker, d.speaker_text, d.actor, d.channel = base.speaker, base.speaker_text, base.actor, base.channel
        return d

    def _antecedent(self, text: str | None) -> Draft | None:
        pool = [d for d in (self.previous + getattr(self, "current", [])) if d.speaker]
        if not pool:
            return None
        if text and text in ("البيان", "the statement"):
            for d in reversed(pool):
                if d.channel == "statement" or (d.actor and d.actor.kind in STATE_KINDS):
                    return d
            return pool[-1]
        if text and text not in PRONOUNS:
            # "the army", "الوزارة": the last speaker whose name shares a word with it
            key = text.split()[-1]
            for d in reversed(pool):
                if key in self.t[d.speaker[0]:d.speaker[1]] or (d.actor and d.actor.kind in STATE_KINDS and
                                                                  key in ("army", "military", "ministry", "الجيش",
                                                                          "الوزاره")):
                    return d
            return None
        for d in reversed(pool):
            if d.actor is None or d.actor.kind == "person" or text is None:
                return d
        return pool[-1]

    def split(self, d: Draft) -> list[Draft]:
        """Two propositions joined in one clause: "أن ... ، وأن ..." / "that ..., and that ..."."""
        if d.direct:
            return [d]
        text = self.t[d.content[0]:d.content[1]]
        m = re.search(r"(?:[،,]\s*|\s)(?:و\s*)?(?:وان|وإن|وبان|and that)\s+", text)
        if not m:
            return [d]
        first = Draft(**{**d.__dict__, "content": self._clause(d.content[0], d.content[0] + m.start()),
                         "relays": list(d.relays)})
        second = Draft(**{**d.__dict__, "content": self._clause(d.content[0] + m.end(), d.content[1]),
                          "relays": list(d.relays)})
        return [first, second]


# Verbs that relay a source named after عن ("نقلت الوزارة عن مصدر عسكري"), and those whose content may
# open with a preposition ("أشار إلى", "لفت إلى", "دعا إلى").
RELAY_VERBS = {"نقل", "نقلت", "ينقل", "تنقل", "نقلوا"}
GOVERNING = {"اشار", "اشارت", "يشير", "تشير", "اشاروا", "لفت", "لفتت", "يلفت", "تلفت", "دعا", "دعت", "يدعو", "تدعو",
             "تطرق", "تطرقت"}
MEDIA_HEADS = {"وكاله": "news_agency", "قناه": "tv", "تلفزيون": "tv", "صحيفه": "news_agency", "موقع": "news_agency",
               "agency": "news_agency", "tv": "tv", "television": "tv", "channel": "tv", "newspaper": "news_agency"}


def media_by_head(text: str) -> Actor | None:
    """An outlet the actor list does not know, by its head noun ("وكالة ...", "قناة ...")."""
    words = text.split()
    for w in words[:1] + words[-1:]:
        if w in MEDIA_HEADS:
            return Actor(id=f"media:{text}", name_ar=text, kind="media", medium=MEDIA_HEADS[w])
    return None


def channel_of(doc: Doc, draft: Draft, sentence: str, lex: Lexicon, history: dict[str, str]) -> str:
    named = channel_words(sentence, lex)
    if named == "interview" and (draft.actor is not None and draft.actor.kind == "media" or
                                 draft.channel in ("news_agency", "tv")):
        named = None  # an outlet on its own account, or an unnamed source through an outlet
    if named:
        return named
    if draft.channel:
        return draft.channel
    actor = draft.actor
    speaker = doc.norm.text[draft.speaker[0]:draft.speaker[1]] if draft.speaker else ""
    if actor is not None and UNNAMED.match(speaker):
        return "unknown"  # "مسؤول في الإدارة الذاتية": an unnamed official, not the body's own statement
    head = speaker.split()[:2] if lex.code == "ar" else speaker.split()[-1:]
    if actor is None and speaker and any(w in lex.institutions for w in head):
        return "statement"  # "the military says", "الوزارة أعلنت": an institution speaks by statement
    if actor is not None:
        if actor.kind == "monitor":
            return "monitor_report"
        if actor.kind == "media":
            return actor.medium or "news_agency"
        if actor.kind in STATE_KINDS or actor.kind == "foreign_government":
            return "statement"
        if actor.id in history:
            return history[actor.id]
    return "unknown"


def _speaker_text(doc: Doc, span: Span | None) -> tuple[str | None, Span | None, str | None]:
    """The speaker as written, its raw span, and the title before a person's name."""
    if span is None:
        return None, None, None
    raw = doc.norm.raw_span(*span)
    text = doc.slice(raw).strip(" ،,:")
    people = [m for m in doc.mentions if m.label == "person" and raw[0] <= m.span[0] and m.span[1] <= raw[1]]
    if people and people[-1].span != raw:
        m = people[-1]  # the name after a title: "وزير الخارجية الإسرائيلي، جدعون ساعر"
        role = doc.slice((raw[0], m.span[0])).strip(" ،,")
        return m.text, m.span, role or None
    cut = max(doc.slice(raw).rfind("،"), doc.slice(raw).rfind(","))
    if cut > 0:  # "وزير الخارجية الإسرائيلي، جدعون ساعر": the name, with the title as role
        name_start = raw[0] + cut + 1
        while name_start < raw[1] and doc.text[name_start].isspace():
            name_start += 1
        return doc.slice((name_start, raw[1])), (name_start, raw[1]), doc.slice((raw[0], raw[0] + cut)).strip() or None
    return text, raw, None


@stage("claims.v1", requires=("sentences", "tokens"), assigns=("claims",))
def claims(doc: Doc) -> Doc:
    """Find attributed statements: speaker, cue, stance, content, channel, relays."""
    drafts: list[tuple[Draft, str, Lexicon]] = []
    history: dict[str, str] = {}
    previous: list[Draft] = []
    for raw_span in doc.sentences:
        code = "ar" if lang_at(doc, raw_span[0]) in ("ar", "fa") else "en"
        lex = lexicon(code)
        span = doc.norm.norm_span(*raw_span)
        reader = SentenceReader(doc, span, lex, previous)
        sentence = doc.norm.text[span[0]:span[1]]
        for d in reader.read():
            if d.content[1] - d.content[0] < 3:
                continue
            d.channel = channel_of(doc, d, sentence, lex, history)
            if d.actor is not None and d.channel != "unknown":
                history[d.actor.id] = d.channel
            if not d.silent:
                drafts.append((d, sentence, lex))
            previous.append(d)
    out: list[Claim] = []
    seen: set[Span] = set()
    for d, sentence, lex in sorted(drafts, key=lambda x: x[0].content[0]):
        content = doc.norm.raw_span(*d.content)
        if content in seen or content[1] <= content[0]:
            continue
        seen.add(content)
        speaker, speaker_span, role = _speaker_text(doc, d.speaker)
        text = doc.norm.text[d.content[0]:d.content[1]]
        stance = "deny" if d.cue.stance == "deny" or is_denial(text, lex) else "assert"
        out.append(Claim(
            id=f"c{len(out) + 1}", span=content, stance=stance, speaker=speaker, speaker_span=speaker_span,
            speaker_actor=d.actor.id if d.actor else None, role=role,
            affiliation=load_actors().root(d.actor.id) if d.actor else None, channel=d.channel or "unknown",
            cue=doc.slice(doc.norm.raw_span(*d.cue.span)), cue_span=doc.norm.raw_span(*d.cue.span),
            direct=d.direct, relays=d.relays, method="rules.v1"))
    doc.claims = out
    return doc
