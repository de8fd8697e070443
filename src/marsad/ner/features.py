"""Features of each word of a sentence for the names model.

Per word: the folded word (marsad.stages.normalise.fold) and its stem without proclitics, the
proclitics themselves, prefixes and suffixes of several lengths, word shape, how common the word is
in general Arabic and how often it takes the article (word frequencies of the wordfreq package), whether
it is a trigger word (lang/ar/ner_triggers.yaml), the types of name it is mostly part of, the
dictionary names (marsad.ner.names) and gazetteer places it falls in, whether it is a known given or
family name; the shorter set for neighbours within two words; stem bigrams; the kind of the nearest
trigger up to four words back.

Proclitics are split by letters (marsad.stages.segment.proclitic_length), which also cuts names that
begin with those letters ("سوريا", "ليبرمان", "كريم"); a reading with fewer letters cut is kept when
it is a much more common word. On held-out blocks of ANERcorp's training part the frequency features
and this split raised F1 by 2.6 points, most of it on names of people never seen in training.

Knowledge from outside the training text: whole names of the world (marsad.ner.world) matched like the
dictionaries, and what each word looks like (marsad.ner.shapes), for the word and its neighbours.

Over a whole text (``text_features``), a word also gets the trigger words found before its other mentions
within ``MENTION_WINDOW`` sentences: "قال كورت" is easier to tag when "السائح كورت" came two sentences
earlier. On held-out blocks of ANERcorp's training part this raised F1 by 1.1 points (PERS +1.7).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from wordfreq import zipf_frequency

from ..stages.normalise import fold, fold_char
from ..stages.segment import proclitic_length
from .names import Names, match_names
from .shapes import Shapes


@lru_cache(maxsize=200_000)
def analyse(word: str) -> tuple[str, str, str]:
    """``(folded, stem, proclitics)`` of one word; stem and proclitics only split for Arabic words."""
    f = fold(word)
    k = proclitic_length(f) if f[:1].isalpha() and not f[:1].isascii() else 0
    if k:  # a reading with fewer letters cut wins when it is a much more common word
        spelled = _spelled(word, f)
        best = max(range(k + 1), key=lambda j: (arabic_zipf(spelled[j:]), j))
        if arabic_zipf(spelled[best:]) > arabic_zipf(spelled[k:]) + 1:
            k = best
    return f, f[k:], f[:k]


def _spelled(word: str, folded: str) -> str:
    """``word`` without the characters folding drops (diacritics, tatweel), in its own spelling (hamzas
    kept, as word-frequency lists write it); the folded form when folding changed its length otherwise."""
    out = "".join(c for c in word if fold_char(c))
    return out if len(out) == len(folded) else folded


def arabic_zipf(word: str) -> float:
    """How common ``word`` is in general Arabic: wordfreq's Zipf scale on its large list, 0 when unknown."""
    return zipf_frequency(word, "ar", wordlist="large")


def _commonest_cut(spelled: str, most: int) -> int:
    """Of cutting 0..``most`` leading letters of ``spelled``, the cut leaving the most common word (the
    fewest letters on a tie)."""
    return max(range(most + 1), key=lambda j: (arabic_zipf(spelled[j:]), -j))


def name_start(word: str) -> int:
    """How many leading letters of ``word`` (folded) are proclitics before the name it begins: of the
    cuts its proclitics allow, short of the article ("بالأسد" -> "الأسد"), the one leaving the most
    common word ("وكريم" -> "كريم", where cutting by letters alone gives "ريم")."""
    f, _, pro = analyse(word)
    allowed = len(pro) - 2 if pro.endswith("ال") else 0 if pro.endswith("لل") else len(pro)
    if allowed <= 0:
        return 0
    return _commonest_cut(_spelled(word, f), allowed)


@lru_cache(maxsize=200_000)
def frequency_features(word: str) -> tuple[str, ...]:
    """How common the bare word is in general Arabic (wordfreq's Zipf scale, 0 when unknown) and how
    often it is written with the article compared with without it: names of people and foreign places
    rarely take "ال", ordinary nouns and adjectives do."""
    f, stem, pro = analyse(word)
    if len(stem) < 2 or stem[0].isascii() or not stem[0].isalpha():
        return ()
    spelled = _spelled(word, f)
    best = spelled[_commonest_cut(spelled, len(pro)):]
    bare = best[2:] if best.startswith("ال") and len(best) > 3 else best
    zb, za = arabic_zipf(bare), arabic_zipf("ال" + bare)
    if not zb and not za:
        rel = "none"
    elif not zb:
        rel = "alonly"
    elif not za:
        rel = "noal"
    else:
        rel = str(max(-3, min(2, round(za - zb))))
    return (f"zb={int(arabic_zipf(best))}", f"za={rel}")


def _shape(word: str, folded: str) -> list[str]:
    if folded.isdigit():
        return ["sh=num"]
    if any(c.isdigit() for c in folded):
        return ["sh=hasnum"]
    if not any(c.isalnum() for c in folded):
        return ["sh=punct", f"p={folded}"]
    if folded.isascii():
        return ["sh=latin", "sh=cap" if word[:1].isupper() else "sh=low"]
    return []


@dataclass
class Lexicons:
    """The word lists features consult: triggers (stem -> kinds) and the dictionaries of names seen
    labelled (marsad.ner.names); ``common`` is for marsad.ner.consistency."""

    triggers: dict[str, list[str]] = field(default_factory=dict)
    names: Names = field(default_factory=dict)
    word_types: Names = field(default_factory=dict)
    common: list[str] = field(default_factory=list)
    places: Names = field(default_factory=dict)  # gazetteer names (marsad.gazetteer), "stem stem" -> ["LOC"]
    persons: Names = field(default_factory=dict)  # given names and family names, "stem" -> ["FIRST"] / ["LAST"]
    world: Names = field(default_factory=dict)  # whole names from outside the training text (marsad.ner.world)


def _word_features(word: str, lex: Lexicons, shapes: Shapes | None) -> tuple[list[str], list[str]]:
    """(features of the word itself, shorter features describing it as a neighbour)."""
    f, stem, pro = analyse(word)
    own = [f"w={f}", f"s={stem}", f"c={pro}", f"len={min(len(stem), 8)}"]
    for n in (1, 2, 3, 4):
        if len(stem) > n:
            own.append(f"pre{n}={stem[:n]}")
            own.append(f"suf{n}={stem[-n:]}")
    if len(f) > 5:
        own.append(f"wsuf3={f[-3:]}")
    own += _shape(word, f)
    near = [f"w={f}", f"s={stem}"]
    own += frequency_features(word)
    for kind in lex.word_types.get(stem, ()):
        own.append(f"d={kind}")
        near.append(f"d={kind}")
    for kind in lex.triggers.get(stem, ()):
        own.append(f"t={kind}")
        near.append(f"t={kind}")
    for kind in lex.persons.get(stem, ()):
        own.append(f"n={kind}")
        near.append(f"n={kind}")
    if len(stem) > 2:
        near.append(f"suf2={stem[-2:]}")
    if shapes is not None:
        looks = shapes.features(stem)
        own += looks
        near += looks
    return own, near


def sentence_features(words: list[str], lex: Lexicons, shapes: Shapes | None = None) -> list[list[str]]:
    """One list of feature strings per word."""
    info = [_word_features(w, lex, shapes) for w in words]
    stems = [analyse(w)[1] for w in words]
    for (own, near), hits, places, world in zip(info, match_names(stems, lex.names), match_names(stems, lex.places),
                                                match_names(stems, lex.world)):
        own += [f"g={h}" for h in hits] or ["g=none"]
        near += [f"g={h}" for h in hits]
        for prefix, found in (("z", places), ("k", world)):
            own += [f"{prefix}={h}" for h in found]
            near += [f"{prefix}={h}" for h in found]
    n = len(words)
    out: list[list[str]] = []
    for i in range(n):
        feats = ["bias", *info[i][0]]
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                feats += [f"{d}:{x}" for x in info[j][1]]
            else:
                feats.append(f"{d}:edge")
        for j in range(i - 1, max(-1, i - 5), -1):
            kinds = lex.triggers.get(stems[j])
            if kinds:
                feats += [f"tlast={k}" for k in kinds]
                break
        if i > 0:
            feats.append(f"b-1={stems[i - 1]}|{stems[i]}")
        if i + 1 < n:
            feats.append(f"b+1={stems[i]}|{stems[i + 1]}")
        out.append(feats)
    return out


MENTION_WINDOW = 10  # sentences either side
MENTION_CUES = ("tlast=", "-1:t=")  # the features of a mention that travel to the word's other mentions


def text_features(sentences: Sequence[Sequence[str]], lex: Lexicons,
                  shapes: Shapes | None = None) -> list[list[list[str]]]:
    """``sentence_features`` of consecutive sentences of one text, each word of three letters or more
    given the cues (``MENTION_CUES``) found at its other mentions nearby, prefixed "o:", and how many
    other mentions there are ("o:n=0" to "o:n=3")."""
    feats = [sentence_features(list(ws), lex, shapes) for ws in sentences]
    stems = [[analyse(w)[1] for w in ws] for ws in sentences]
    own_cues = [[frozenset(x for x in f if x.startswith(MENTION_CUES)) if len(stem) > 2 else None
                 for stem, f in zip(ss, ff)] for ss, ff in zip(stems, feats)]
    cues: list[dict[str, list[frozenset[str]]]] = []
    for ss, oc in zip(stems, own_cues):
        found: dict[str, list[frozenset[str]]] = {}
        for stem, c in zip(ss, oc):
            if c is not None:
                found.setdefault(stem, []).append(c)
        cues.append(found)
    for i, (ss, ff, oc) in enumerate(zip(stems, feats, own_cues)):
        near = cues[max(0, i - MENTION_WINDOW):i + MENTION_WINDOW + 1]
        for stem, f, c in zip(ss, ff, oc):
            if c is not None:
                others = [o for found in near for o in found.get(stem, ())]
                others.remove(c)
                f += sorted(f"o:{x}" for x in set().union(*others))
                f.append(f"o:n={min(len(others), 3)}")
    return feats
