"""English names: a rule and dictionary recogniser with the interface of the Arabic names model
(:class:`marsad.ner.NameTagger`): ``tag(words)`` and ``tag_sentences(sentences)`` give one BIO tag per
word (B-/I- PERS, LOC, ORG, MISC, or O). It runs offline, with no model file.

General English models tag Syrian places badly ("Aleppo" as a nationality or a person, "Tartus" as an
organisation), so dictionaries come first: places of the gazetteer (:func:`marsad.gazetteer.load_gazetteer`)
are LOC, names of the actor dictionary (:func:`marsad.actors.load_actors`) PERS (kind person) or ORG, as
written: capitalised, an acronym in capitals, lower case only where the entry has it ("Deir ez-Zor").
Capitalised sequences that no dictionary names are typed by their words and context (lists in
``lang/en/ner.yaml``): a title before makes a person, an organisation head inside an organisation, a place
noun or preposition around a place; a nationality standing alone is MISC. A capital that does not mark a
name (the first word of a sentence, every word of a title-case headline) counts only on a word that is not
an ordinary English word (:meth:`EnglishNameTagger.is_ordinary`, from the wordfreq package).

Conventions are ANERcorp's and CoNLL's: titles and lower-case descriptors ("countryside", "province",
"army") stay outside names; a possessive stays on its name ("Syria's" is LOC); a nationality adjective is
MISC, but a capitalised organisation name that starts with one is ORG whole ("Syrian Democratic Forces").
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

import wordfreq

from .. import lang
from ..gazetteer import IMPORTED_SOURCES
from ..matcher import has_arabic, phrase_keys, word_key
from ..stages.normalise import fold
from ..stages.segment import WORD
from .corpus import read_conll
from .scoring import score

PERS, LOC, ORG, MISC = "PERS", "LOC", "ORG", "MISC"
MIN_ZIPF = 2.5  # rarer words than this (about 3 per million words) are never ordinary words
ENGLISH_EXCESS = 0.9  # zipf units by which an ordinary word is more frequent in English than in other languages
MAX_ACRONYM = 6
ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")


@dataclass(frozen=True)
class Name:
    """A name found in one sentence: words ``start``..``end`` (exclusive), its type, and whether the type came
    from a dictionary or a context word (``sure``) rather than a default."""

    start: int
    end: int
    kind: str
    sure: bool = True


@dataclass(frozen=True)
class Words:
    """The word lists of ``lang/en/ner.yaml``, as lookup keys (:func:`key`); ``organisations`` and
    ``compare_languages`` as written."""

    titles: frozenset[str]
    title_modifiers: frozenset[str]
    org_heads: frozenset[str]
    loc_heads: frozenset[str]
    of_heads: frozenset[str]
    misc_words: frozenset[str]
    particles: frozenset[str]
    connectors: frozenset[str]
    loc_prefixes: frozenset[str]
    place_prepositions: frozenset[str]
    place_nouns: frozenset[str]
    person_after: frozenset[str]
    given_names: frozenset[str]
    ordinary: frozenset[str]
    headline_minor: frozenset[str]
    never: frozenset[str]
    organisations: tuple[str, ...]
    compare_languages: tuple[str, ...]

    @classmethod
    def load(cls) -> "Words":
        data = lang.load("en", "ner")
        values = {}
        for f in fields(cls):
            items = data.get(f.name, [])
            values[f.name] = tuple(items) if f.name in ("organisations", "compare_languages") else \
                frozenset(key(w) for w in items)
        return cls(**values)


def key(word: str) -> str:
    """The lookup key of a word: lower case, without a final "." ("Gen.") or a possessive ("Syria's")."""
    return word_key(word.lower().rstrip(".")) if len(word) > 1 else word.lower()


def is_latin_word(word: str) -> bool:
    return word[:1].isalpha() and word[:1].isascii()


def is_capitalised(word: str) -> bool:
    return word[:1].isupper() and word[:1].isascii()


def is_acronym(word: str) -> bool:
    """Two to six capital letters ("SDF", "OCHA"), possibly with a possessive."""
    core = word_key(word)
    return 2 <= len(core) <= MAX_ACRONYM and core.isalpha() and core.isupper() and core.isascii()


def is_initial(words: list[str], i: int, titles: frozenset[str]) -> bool:
    """Whether word ``i`` starts a sentence or a clause where English capitalises any word: the first word, or
    one after punctuation other than a comma (not the "." of an abbreviated title: "Gen. Suhail")."""
    if i == 0:
        return True
    before = words[i - 1]
    if before[:1].isalnum() or before == ",":
        return False
    return not (before == "." and i > 1 and key(words[i - 2]) in titles)


def _spans_bio(n: int, names: list[Name]) -> list[str]:
    tags = ["O"] * n
    for name in names:
        tags[name.start] = f"B-{name.kind}"
        for j in range(name.start + 1, name.end):
            tags[j] = f"I-{name.kind}"
    return tags


class _Dictionaries:
    """The gazetteer, the actor dictionary and the extra organisations of ner.yaml, looked up over a
    sentence's word keys with the case of each entry checked against the words as written."""

    def __init__(self, gazetteer, actors, words: Words, particle_name):
        self.gazetteer, self.actors, self.words, self.particle_name = gazetteer, actors, words, particle_name
        self.organisations = {phrase_keys(n): n for n in words.organisations}
        self.max_len = max(gazetteer.matcher.max_len, actors.matcher.max_len,
                           max(map(len, self.organisations), default=1))
        self.needs_context = frozenset(key(w) for w in lang.load("en", "places").get("needs_context", []))

    def find(self, sent: "_Sentence") -> list[Name]:
        """Longest dictionary names, left to right, each trimmed to its name-like words."""
        out, i, n = [], 0, len(sent.words)
        while i < n:
            found = None
            if sent.latin[i]:
                for length in range(min(self.max_len, n - i), 0, -1):
                    found = self._entry(sent, i, i + length)
                    if found:
                        break
            if found:
                out.append(found)
                i = found.end
            else:
                i += 1
        return out

    def _entry(self, sent: "_Sentence", a: int, b: int) -> Name | None:
        keys = tuple(sent.fkeys[a:b])
        best = None
        for kind, surface in self._surfaces(keys):
            name = self._fit(sent, a, b, surface, kind)
            if name and (best is None or _RANK[name.kind] < _RANK[best.kind]):
                best = name
        return best

    def _surfaces(self, keys: tuple[str, ...]):
        """``(type, written form)`` of every entry whose phrase keys are ``keys``."""
        for pid in self.gazetteer.matcher.index.get(keys, ()):
            place = self.gazetteer.get(pid)
            for name in (place.name_en, *place.aliases) if place else ():
                yield from ((LOC, s) for s in _forms(name, keys))
        for aid in self.actors.matcher.index.get(keys, ()):
            actor = self.actors.get(aid)
            kind = PERS if actor.kind == "person" else ORG
            for name in (actor.name_en, *actor.aliases):
                yield from ((kind, s) for s in _forms(name, keys) if self._name_shaped(s, kind))
        if keys in self.organisations:
            yield ORG, self.organisations[keys]

    def _name_shaped(self, surface: str, kind: str) -> bool:
        """Whether an actor's name or alias is a proper name: capitalised words with lower-case particles and
        connectors only inside; a person's without titles or nationalities ("Israeli Prime Minister")."""
        ws = list(_phrase_words(surface))
        if ws and ws[0] == "the":
            ws = ws[1:]
        w = self.words
        if not ws or not (is_capitalised(ws[0]) or self.particle_name(ws[0])):
            return False
        for word in ws:
            k = key(word)
            if not (is_capitalised(word) or k in w.particles or k in w.connectors or self.particle_name(word)):
                return False
            if kind == PERS and (k in w.titles or k in w.misc_words):
                return False
        return True

    def _fit(self, sent: "_Sentence", a: int, b: int, surface: str, kind: str) -> Name | None:
        """The name the entry ``surface`` makes of words ``a``..``b``, or None where the case disagrees: an
        acronym must be in capitals, a capitalised word capitalised (lower-case descriptors at either end are
        left out: "the Hama central prison" gives "Hama")."""
        ws = _phrase_words(surface)
        if len(ws) != b - a:
            return None
        core = [j for j in range(a, b) if sent.namey_shape[j]]
        if not core:
            return None
        start, end = core[0], core[-1] + 1
        for j, s in zip(range(a, b), ws):
            if not self._case_agrees(sent, j, s, start <= j < end):
                return None
        if sent.caps_headline and end - start == 1 and is_acronym(ws[start - a]) and sent.ordinary(sent.words[start]):
            return None  # "IS" or "US" in a headline written in capitals
        if kind == LOC and all(sent.keys[j] in self.words.misc_words for j in range(start, end)):
            return None  # "the Syrian coast": a nationality, not a place name
        doubtful = (end - start == 1 and sent.keys[start] in self.needs_context) or self._imported_only(a, b, sent)
        if kind == LOC and doubtful and not sent.place_context(start, end):
            return None  # a name that is also an ordinary word, or a village known only from an imported gazetteer
        return Name(start, end, kind)

    def _imported_only(self, a: int, b: int, sent: "_Sentence") -> bool:
        """Whether every place the gazetteer calls words ``a``..``b`` comes from an imported gazetteer: the
        riskiest names, as in the mentions stage."""
        places = self.gazetteer.candidates(list(self.gazetteer.matcher.index.get(tuple(sent.fkeys[a:b]), ())))
        return bool(places) and all(p.source in IMPORTED_SOURCES for p in places)

    def _case_agrees(self, sent: "_Sentence", j: int, s: str, inside: bool) -> bool:
        """Whether word ``j`` may stand for the entry's word ``s``: an acronym as written, a capitalised word
        capitalised, a lower-case one in any case; outside the name (``inside`` false) anything but an
        acronym."""
        if is_acronym(s):
            return inside and word_key(sent.words[j]) == word_key(s)
        return not (inside and is_capitalised(s)) or sent.namey_shape[j]


_RANK = {PERS: 0, LOC: 1, ORG: 2, MISC: 3}  # equal-length entries: a person, then a place, then an organisation


@lru_cache(maxsize=100_000)
def _phrase_words(surface: str) -> tuple[str, ...]:
    """The words of an entry as written, cut as :func:`marsad.matcher.phrase_keys` cuts it."""
    return tuple(m.group() for m in WORD.finditer(surface)
                 if m.group().strip("-") and m.group()[0].isalnum())


@lru_cache(maxsize=100_000)
def _forms(name: str, keys: tuple[str, ...]) -> tuple[str, ...]:
    """``name`` (and ``name`` without a leading "the ", as the gazetteer indexes it) where its keys are ``keys``."""
    out = []
    for form in (name, name[4:] if name.lower().startswith("the ") else None):
        if form and not has_arabic(form) and phrase_keys(form) == keys:
            out.append(form)
    return tuple(out)


class _Sentence:
    """One sentence's words with what the rules ask of each: lookup keys, shape, headline and sentence start."""

    def __init__(self, words: list[str], tagger: "EnglishNameTagger"):
        w = tagger.words
        self.words = words
        self.ordinary = tagger.is_ordinary
        self.wordlists = w
        self.keys = [key(x) for x in words]
        self.fkeys = [word_key(fold(x)) for x in words]
        self.latin = [is_latin_word(x) for x in words]
        alpha = [x for x, ok in zip(words, self.latin) if ok]
        self.caps_headline = len(alpha) >= 3 and all(x.isupper() for x in alpha if len(x) > 1)
        self.headline = self.caps_headline or (
            sum(is_capitalised(x) for x in alpha) >= 3
            and all(is_capitalised(x) or key(x) in w.headline_minor or tagger.particle_name(x) for x in alpha))
        self.namey_shape = [ok and (is_capitalised(x) or tagger.particle_name(x)) for x, ok in zip(words, self.latin)]

    def place_context(self, a: int, b: int) -> bool:
        """A place preposition before words ``a``..``b`` ("in", "near the"), "<place noun> of" before them ("the
        town of"), or a place noun after them ("neighbourhood", "countryside")."""
        w, keys = self.wordlists, self.keys
        i = a - 1
        if i >= 0 and keys[i] == "the":
            i -= 1
        if i >= 0 and keys[i] in w.place_prepositions and (
                not is_capitalised(self.words[i]) or self.headline or is_initial(self.words, i, w.titles)):
            return True
        if i >= 1 and keys[i] == "of" and keys[i - 1] in w.place_nouns:
            return True
        return b < len(keys) and keys[b] in w.place_nouns and not is_capitalised(self.words[b])


class EnglishNameTagger:
    """BIO tags (B-PERS, I-PERS, B-LOC, I-LOC, B-ORG, I-ORG, B-MISC, I-MISC, O) for English words, from
    dictionaries and rules (module docstring)."""

    def __init__(self, words: Words, gazetteer, actors):
        self.words = words
        self.dictionaries = _Dictionaries(gazetteer, actors, words, self.particle_name)
        self._ordinary: dict[str, bool] = {}

    @classmethod
    def load(cls) -> "EnglishNameTagger":
        """The recogniser with the word lists of lang/en/ner.yaml, the gazetteer (with the database set by
        :func:`marsad.gazetteer.use_database`, if any) and the actor dictionary."""
        from ..actors import load_actors
        from ..gazetteer import load_gazetteer

        return cls(Words.load(), load_gazetteer(), load_actors())

    # --- interface ---------------------------------------------------------------------------------

    def tag(self, words: list[str]) -> list[str]:
        """One BIO tag per word of one sentence."""
        return self.tag_sentences([words])[0]

    def tag_sentences(self, sentences: list[list[str]]) -> list[list[str]]:
        """BIO tags for consecutive sentences of one text; a name typed by a dictionary or its context in one
        sentence types the same name (or a person's single name) where a sentence leaves it to a default."""
        found = [self.names(list(ws)) for ws in sentences]
        memory = self._memory(sentences, found)
        return [_spans_bio(len(ws), [self._recall(n, ws, memory) for n in names])
                for ws, names in zip(sentences, found)]

    def names(self, words: list[str]) -> list[Name]:
        """The names of one sentence, in order."""
        if not words:
            return []
        sent = _Sentence(words, self)
        known = self.dictionaries.find(sent)
        titles = self._titles(sent, known)
        out: list[Name] = []
        for run in self._runs(sent, known, titles):
            out += self._type_run(sent, run, known, titles)
        return self._coordinated(sent, sorted(out, key=lambda n: n.start))

    @staticmethod
    def _coordinated(sent: _Sentence, names: list[Name]) -> list[Name]:
        """A name left to the default takes the type of the name it is coordinated with ("in Latakia and Minet
        al-Beida", "Rastan, Talbiseh and Hama")."""
        out: list[Name] = []
        for n in names:
            prev = out[-1] if out else None
            if not n.sure and prev and prev.end == n.start - 1 and sent.keys[prev.end] in ("and", "or", ","):
                n = Name(n.start, n.end, prev.kind, prev.sure)
            out.append(n)
        return out

    # --- ordinary words ------------------------------------------------------------------------------

    def is_ordinary(self, word: str) -> bool:
        """Whether ``word`` is an ordinary English word, not a name: listed in ``ordinary``, or at least
        ``MIN_ZIPF`` frequent in English and ``ENGLISH_EXCESS`` more frequent there than in the median of the
        other languages (a name such as "Aleppo" or "Khaled" is about as frequent in all of them)."""
        k = key(word)
        if k not in self._ordinary:
            self._ordinary[k] = self._ordinary_key(k)
        return self._ordinary[k]

    def _ordinary_key(self, k: str) -> bool:
        w = self.words
        if k in w.ordinary:
            return True
        if k in w.misc_words or k in w.given_names or k in w.particles:
            return False
        en = wordfreq.zipf_frequency(k, "en")
        if en < MIN_ZIPF:
            return False
        other = statistics.median(wordfreq.zipf_frequency(k, code, wordlist="small") for code in w.compare_languages)
        return en - other >= ENGLISH_EXCESS

    def particle_name(self, word: str) -> bool:
        """A hyphenated Arabic name part after a lower-case particle ("al-Assad", "ez-Zor")."""
        head, sep, rest = word.partition("-")
        return bool(sep) and head.lower() in self.words.particles and is_capitalised(rest)

    # --- titles and runs -----------------------------------------------------------------------------

    def _titles(self, sent: _Sentence, known: list[Name]) -> set[int]:
        """Indices of title words ("President", "spokesman", "Gen", and the modifiers of a capitalised one:
        "Foreign Minister") outside dictionary names; a capitalised title right before a capitalised
        organisation head is part of that name ("General Command")."""
        inside = {j for n in known for j in range(n.start, n.end)}
        w, out = self.words, set()
        for i, k in enumerate(sent.keys):
            if i in inside or k not in w.titles or not sent.latin[i]:
                continue
            nxt = i + 1 < len(sent.keys) and sent.namey_shape[i + 1] and sent.keys[i + 1] in w.org_heads
            if is_capitalised(sent.words[i]) and nxt:
                continue
            out.add(i)
            j = i - 1
            while is_capitalised(sent.words[i]) and j >= 0 and j not in inside and sent.keys[j] in w.title_modifiers:
                out.add(j)
                j -= 1
        return out

    def _namey(self, sent: _Sentence, i: int, titles: set[int]) -> bool:
        """Whether word ``i`` (outside dictionary names) may be part of a name: capitalised (or "al-X"), longer
        than a letter, not a title, a day or a month; where any word would be capitalised (the start of a
        sentence, a headline), also not an ordinary word."""
        if i in titles or not sent.latin[i]:
            return False
        if self._misc_word(sent, i):
            return True
        word, k, w = sent.words[i], sent.keys[i], self.words
        if not sent.namey_shape[i] or k in w.never or len(word) == 1:
            return False
        if k in w.given_names:
            return True
        initial = sent.headline or is_initial(sent.words, i, w.titles)
        if initial and k in w.headline_minor:
            return False
        if word.isupper():  # an acronym ("OPCW"), or a word shouted ("URGENT")
            return not self.is_ordinary(word)
        return not (initial and self.is_ordinary(word))

    def _runs(self, sent: _Sentence, known: list[Name], titles: set[int]) -> list[tuple[int, int]]:
        """Maximal stretches of name words and dictionary names, joined by particles ("bin") and, after an
        organisation head, connectors ("Ministry of Defence"); a possessive ends a stretch."""
        starts = {n.start: n for n in known}
        n = len(sent.words)
        namey = [self._namey(sent, i, titles) for i in range(n)]
        runs, i = [], 0
        while i < n:
            if i not in starts and not namey[i]:
                i += 1
                continue
            a, heads = i, False
            while True:
                end = starts[i].end if i in starts else i + 1
                heads = heads or self._joins_of(sent, i, end, starts)
                i = end
                if sent.words[i - 1] != word_key(sent.words[i - 1]) or i >= n:
                    break  # a possessive ends the name
                gap = self._gap(sent, i, heads)
                if gap is not None and gap < n and (gap in starts or namey[gap]):
                    i = gap
                    continue
                if i in starts or namey[i]:
                    continue
                break
            runs.append(self._extended(sent, a, i, starts, titles))
        return runs

    def _joins_of(self, sent: _Sentence, a: int, b: int, starts: dict[int, Name]) -> bool:
        """Whether the unit ``a``..``b`` lets "of"/"for" phrases join: a free organisation or of_heads word,
        or a dictionary organisation."""
        if a in starts:
            return starts[a].kind == ORG
        return sent.keys[a] in self.words.org_heads or sent.keys[a] in self.words.of_heads

    def _gap(self, sent: _Sentence, i: int, heads: bool) -> int | None:
        """Where a name goes on after lower-case particles (always) or connectors (after a head) from ``i``."""
        w, j = self.words, i
        while j < len(sent.words) and not sent.namey_shape[j] and sent.latin[j]:
            k = sent.keys[j]
            if k in w.particles or (heads and k in w.connectors):
                j += 1
            else:
                return None
        return j if j > i else None

    def _extended(self, sent: _Sentence, a: int, b: int, starts: dict[int, Name],
                      titles: set[int]) -> tuple[int, int]:
        """The stretch ``a``..``b``, extended back over an ordinal ("25th Division") or an ordinary capitalised
        word that starts the sentence ("Health Ministry", "Free Syrian Army") when the stretch ends with an
        organisation or place head."""
        j = a - 1
        if j < 0 or sent.headline or j in titles or a in starts or not self._head(sent, a, b):
            return a, b
        if ORDINAL.match(sent.words[j]):
            return j, b
        if sent.namey_shape[j] and sent.keys[j] not in self.words.headline_minor \
                and is_initial(sent.words, j, self.words.titles):
            return j, b
        return a, b

    def _head(self, sent: _Sentence, a: int, b: int) -> str | None:
        """ORG or LOC after the last capitalised organisation or place head among words ``a``..``b``."""
        w = self.words
        for j in range(b - 1, a - 1, -1):
            if is_capitalised(sent.words[j]):
                if sent.keys[j] in w.org_heads:
                    return ORG
                if sent.keys[j] in w.loc_heads:
                    return LOC
        return None

    # --- typing --------------------------------------------------------------------------------------

    def _type_run(self, sent: _Sentence, run: tuple[int, int], known: list[Name], titles: set[int]) -> list[Name]:
        """The names of one stretch: a dictionary name alone as it is; with a head word outside dictionary names,
        the whole stretch of the head's type; otherwise its parts (:meth:`_split`)."""
        a, b = run
        inside = [n for n in known if a <= n.start and n.end <= b]
        if len(inside) == 1 and (inside[0].start, inside[0].end) == (a, b):
            return inside
        free = self._free_words(a, b, inside)
        head = self._head_of_free(sent, a, b, free)
        if head:
            return [Name(a, b, head)]
        return self._split(sent, a, b, inside, titles)

    @staticmethod
    def _free_words(a: int, b: int, inside: list[Name]) -> list[int]:
        """Indices of the words ``a``..``b`` outside the dictionary names ``inside``."""
        covered = {j for n in inside for j in range(n.start, n.end)}
        return [j for j in range(a, b) if j not in covered]

    def _head_of_free(self, sent: _Sentence, a: int, b: int, free: list[int]) -> str | None:
        """The head type of a stretch when its last head word is outside dictionary names and is not its
        only word ("Bab al-Hawa Hospital" is ORG; "Forces" alone is left to the context)."""
        head = self._head(sent, a, b)
        if not head or not free:
            return None
        last = max(j for j in range(a, b) if is_capitalised(sent.words[j]) and
                   (sent.keys[j] in self.words.org_heads or sent.keys[j] in self.words.loc_heads))
        return head if last in free and b - a > 1 else None

    def _split(self, sent: _Sentence, a: int, b: int, inside: list[Name], titles: set[int]) -> list[Name]:
        """Names of a stretch with no head: dictionary names as they are, nationalities as MISC, other free
        words typed by context; a person's names side by side are one ("Ahmed Hussein" + "al-Sharaa")."""
        out: list[Name] = []
        for s, e, name in self._parts(sent, a, b, inside):
            for n in [name] if name else self._type_free(sent, s, e, titles):
                if out and n.kind == PERS == out[-1].kind and out[-1].end == n.start:
                    n = Name(out.pop().start, n.end, PERS, True)
                out.append(n)
        return out

    def _parts(self, sent: _Sentence, a: int, b: int, inside: list[Name]) -> list[tuple[int, int, Name | None]]:
        """The stretch cut into dictionary names, nationality or compound words (MISC, with the Arabic name parts
        after them: "Eid al-Adha"), and the free sequences between them."""
        by_start = {n.start: n for n in inside}
        parts, i, s = [], a, a
        while i < b:
            misc = self._misc_word(sent, i)
            if i in by_start or misc:
                if s < i:
                    parts.append((s, i, None))
                name = by_start.get(i) or Name(i, self._misc_end(sent, i, b), MISC)
                parts.append((name.start, name.end, name))
                i = s = name.end
            else:
                i += 1
        if s < b:
            parts.append((s, b, None))
        return parts

    def _misc_end(self, sent: _Sentence, i: int, b: int) -> int:
        """Where the MISC name starting with word ``i`` ends: after the hyphenated Arabic name parts that follow
        it ("Eid al-Fitr"), before ``b``."""
        j = i + 1
        while j < b and self.particle_name(sent.words[j]):
            j += 1
        return j

    def _misc_word(self, sent: _Sentence, i: int) -> bool:
        """A nationality, religion or similar word ("Syrian", "Alawites"), or a compound of one, a place or an
        actor with ordinary words ("Turkish-backed", "Iran-led", "HTS-led", "pro-Iranian")."""
        w, word = self.words, sent.words[i]
        if "-" not in word:
            return is_capitalised(word) and sent.keys[i] in w.misc_words
        parts = word.split("-")
        if len(parts) < 2 or not all(parts):
            return False
        named = [p for p in parts if key(p) in w.misc_words or self._known_word(p)]
        plain = [p for p in parts if p not in named and (p.islower() or self.is_ordinary(p))]
        return bool(named) and len(named) + len(plain) == len(parts)

    def _known_word(self, word: str) -> bool:
        """A capitalised word that is a place or an actor on its own ("Iran" in "Iran-backed", "HTS" in
        "HTS-led")."""
        k = (word_key(fold(word)),)
        d = self.dictionaries
        return is_capitalised(word) and bool(d.gazetteer.matcher.index.get(k) or d.actors.matcher.index.get(k))

    def _type_free(self, sent: _Sentence, a: int, b: int, titles: set[int]) -> list[Name]:
        """The type of a free sequence of capitalised words, from its context and its words."""
        w, words, keys = self.words, sent.words, sent.keys
        if self._after_title(sent, a, titles):
            return [Name(a, b, PERS)]
        if b - a == 1 and is_acronym(words[a]):
            return [Name(a, b, ORG)]
        if sent.place_context(a, b) or (b - a > 1 and keys[a] in w.loc_prefixes):
            return [Name(a, b, LOC)]
        if self._person_context(sent, a, b) or keys[a] in w.given_names:
            return [Name(a, b, PERS)]
        return [Name(a, b, PERS, sure=False)]  # the commonest kind of unknown name, left to coordination and memory

    def _after_title(self, sent: _Sentence, a: int, titles: set[int]) -> bool:
        """A title right before word ``a`` (an abbreviation's "." between: "Gen. Suhail")."""
        j = a - 1
        if j >= 0 and sent.words[j] == ".":
            j -= 1
        return j >= 0 and j in titles

    def _person_context(self, sent: _Sentence, a: int, b: int) -> bool:
        """A person's context: "said"/"who"/... after the words (a comma between allowed), "said" before them,
        or an apposition after a comma ("Khaled Hamoud, a teacher")."""
        keys, after = sent.keys, self.words.person_after
        nxt = b + 1 if b < len(keys) and sent.words[b] == "," else b
        if nxt < len(keys) and keys[nxt] in after:
            return True
        if nxt > b and nxt < len(keys) and keys[nxt] in ("a", "an"):
            return True
        return a > 0 and keys[a - 1] in ("said", "says", "told")

    # --- one name, one type ----------------------------------------------------------------------------

    def _memory(self, sentences: list[list[str]], found: list[list[Name]]) -> dict[str, str]:
        """Types of the names typed surely in the text: each whole name, and each word of a person's name
        ("Hamoud" after "Khaled Hamoud")."""
        memory: dict[str, str] = {}
        for ws, names in zip(sentences, found):
            for n in names:
                if not n.sure:
                    continue
                memory.setdefault(" ".join(key(x) for x in ws[n.start:n.end]), n.kind)
                if n.kind == PERS and n.end - n.start > 1:
                    for x in ws[n.start:n.end]:
                        k = key(x).split("-", 1)[-1] if self.particle_name(x) else key(x)
                        if k not in self.words.particles:
                            memory.setdefault(k, PERS)
        return memory

    @staticmethod
    def _recall(name: Name, words: list[str], memory: dict[str, str]) -> Name:
        if name.sure:
            return name
        kind = memory.get(" ".join(key(x) for x in words[name.start:name.end]))
        return Name(name.start, name.end, kind, True) if kind else name


def evaluate(path: Path, tagger: EnglishNameTagger | None = None) -> dict:
    """Entity-level scores (percent) of the recogniser on a CoNLL file (marsad.ner.corpus.read_conll), each
    document tagged as running text."""
    tagger = tagger or EnglishNameTagger.load()
    docs = read_conll(Path(path))
    gold, predicted = [], []
    for doc in docs:
        gold += [[t for _, t in s] for s in doc]
        predicted += tagger.tag_sentences([[w for w, _ in s] for s in doc])
    out = score(gold, predicted)
    return {**out, "sentences": len(gold), "tokens": sum(map(len, gold))}
