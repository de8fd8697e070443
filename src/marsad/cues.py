"""Reporting cues, channels and negation, compiled from ``lang/<code>/cues.yaml`` and ``channels.yaml``.

Everything is matched on the folded text (:mod:`marsad.stages.normalise`), so one spelling of each
word covers its hamza, ta marbuta and diacritic variants; Arabic entries also match with the
conjunctions و / ف attached.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import lang
from .stages.normalise import fold

CHANNEL_ORDER = ("telegram", "x", "facebook", "press_conference", "statement", "interview")


def _alt(words) -> str:
    return "|".join(sorted({re.escape(w) for w in words if w}, key=len, reverse=True))


def _folded(words) -> list[str]:
    return [fold(str(w)).strip() for w in words]


def _pattern(words, arabic: bool) -> re.Pattern:
    """One regex for a word list. Arabic entries may take و / ف before them; an entry ending in the
    preposition ل ("وفقا ل") matches it joined to the next word ("وفقا لقناة")."""
    folded = _folded(words)
    if not arabic:
        return re.compile(rf"(?<![\w])(?:{_alt(folded)})(?![\w])")
    whole = [w for w in folded if not w.endswith(" ل")]
    joined = [re.escape(w[:-2]) + r"\s+ل" for w in folded if w.endswith(" ل")]
    parts = [rf"(?<![\w])[وف]?(?:{_alt(whole)})(?![\w])"]
    if joined:
        parts.append(rf"(?<![\w])[وف]?(?:{'|'.join(joined)})(?=\w)")
    return re.compile("|".join(parts))


@dataclass(frozen=True)
class Lexicon:
    code: str
    assert_verbs: re.Pattern
    deny_verbs: re.Pattern
    participles: re.Pattern
    deny_participles: frozenset[str]
    prepositions: re.Pattern
    deny_nouns: re.Pattern | None
    passive: re.Pattern | None
    complementizers: frozenset[str]
    speaker_stops: frozenset[str]
    deny_markers: re.Pattern
    not_denials: re.Pattern
    anaphora: frozenset[str]
    channels: dict[str, re.Pattern]
    subordinate: re.Pattern | None = None
    not_cue_after: frozenset[str] = frozenset()
    final_tail: frozenset[str] = frozenset()
    source_nouns: frozenset[str] = frozenset()
    noun_that: frozenset[str] = frozenset()
    negators: re.Pattern | None = None
    institutions: frozenset[str] = frozenset()


@lru_cache(maxsize=4)
def lexicon(code: str) -> Lexicon:
    data = lang.load(code, "cues")
    ch = lang.load(code, "channels")
    arabic = code == "ar"
    opt = lambda key: _pattern(data[key], arabic) if data.get(key) else None  # noqa: E731
    return Lexicon(
        code=code,
        assert_verbs=_pattern(data["verbs"]["assert"], arabic),
        deny_verbs=_pattern(data["verbs"]["deny"], arabic),
        participles=_pattern(data["participles"], arabic),
        deny_participles=frozenset(_folded(data.get("deny_participles", []))),
        prepositions=_pattern(data["prepositions"], arabic),
        deny_nouns=opt("deny_nouns"),
        passive=opt("passive"),
        complementizers=frozenset(_folded(data["complementizers"])),
        speaker_stops=frozenset(_folded(data["speaker_stops"])),
        deny_markers=_pattern(data["deny_markers"], arabic),
        not_denials=_pattern(data["not_denials"], arabic),
        anaphora=frozenset(_folded(data["anaphora"])),
        channels={name: _pattern(ch[name], arabic) for name in CHANNEL_ORDER if ch.get(name)},
        subordinate=opt("subordinate"),
        not_cue_after=frozenset(_folded(data.get("not_cue_after", []))),
        final_tail=frozenset(_folded(data.get("final_tail", []))),
        source_nouns=frozenset(_folded(data.get("source_nouns", []))),
        noun_that=frozenset(_folded(data.get("noun_that", []))),
        negators=opt("negators"),
        institutions=frozenset(_folded(data.get("institutions", []))),
    )


def is_denial(content: str, lex: Lexicon) -> bool:
    """Whether folded claim content says something did not happen: a denial phrase ("لا صحة", "no
    truth") anywhere, or a negation particle in its main clause (before any relative or subordinate
    clause) that does not assert continuation ("لم تتوقف", "not only")."""
    cleaned = lex.not_denials.sub(" ", content)
    if lex.deny_markers.search(cleaned):
        return True
    if lex.subordinate is not None:
        m = lex.subordinate.search(cleaned)
        if m and m.start() > 0:
            cleaned = cleaned[:m.start()]
    return bool(lex.negators and lex.negators.search(cleaned))


def channel_words(sentence: str, lex: Lexicon) -> str | None:
    """The medium a folded sentence names, if any."""
    for name in CHANNEL_ORDER:
        pattern = lex.channels.get(name)
        if pattern and pattern.search(sentence):
            return name
    return None
