"""Names the dictionaries do not know: people, organisations, places and other names found by the names
models (marsad.ner), as mentions beside those of the gazetteer and the actor dictionary.

Each sentence goes to the Arabic names model or to the English recogniser by the language of most of
its words; a document's sentences are tagged together, so a name found once helps find it again. A
name overlapping a mention the earlier stage found (a place, an actor, a date, a number) gives way to
it: the dictionaries know the entity, the models only that there is one. Names become mentions
labelled "person", "organisation", "location" (a place name the gazetteer lacks, so not geocoded) or
"name" (events, products, nationalities: ANERcorp's MISC), with method "model" (Arabic) or "rules"
(English). A place name the gazetteer has, which the mentions stage left out for want of a trigger
word or preposition before it (a village of an imported gazetteer, a town of the derived GeoNames
list, a name that is also an ordinary word), becomes a place mention for the resolve stage: the
model's reading of the sentence is the context it lacked, except for a name of one word that only an
imported gazetteer has and that is a common word ("المشهد", the scene, is a village too): the model
tags such words as places now and then, and a village named so is rarely meant. The span leaves out proclitics before an Arabic name ("وبوتين" -> "بوتين"), keeping the
article ("الأسد").
"""
from __future__ import annotations

from functools import lru_cache

from wordfreq import zipf_frequency

from ..actors import load_actors
from ..doc import Doc, Mention, Token
from ..gazetteer import IMPORTED_SOURCES, Gazetteer, load_gazetteer
from ..ner import EnglishNameTagger, NameTagger
from ..ner.english import Words
from ..ner.features import name_start
from ..ner.scoring import entities
from ..pipeline import stage
from .mentions import FACILITIES

LABELS = {"PERS": "person", "ORG": "organisation", "LOC": "location", "MISC": "name"}
TAGGED = ("ar", "en")
COMMON_ZIPF = 4.0  # a word this frequent in general text (wordfreq's Zipf scale) is an ordinary word first


@lru_cache(maxsize=1)
def _arabic() -> NameTagger:
    return NameTagger.load()


@lru_cache(maxsize=4)
def _english(gaz: Gazetteer) -> EnglishNameTagger:
    """The English recogniser over ``gaz``: a new one when the gazetteer changes (setting gazetteer.path)."""
    return EnglishNameTagger(Words.load(), gaz, load_actors())


def _sentences(doc: Doc) -> list[tuple[str, list[Token]]]:
    """(language, tokens) of each sentence with words in a tagged language."""
    out, i, tokens = [], 0, doc.tokens
    for start, end in doc.sentences:
        while i < len(tokens) and tokens[i].span[0] < start:
            i += 1
        j = i
        while j < len(tokens) and tokens[j].span[1] <= end:
            j += 1
        words = [t for t in tokens[i:j] if t.norm[:1].isalpha()]
        langs = [t.lang for t in words]
        lang = max(set(langs), key=langs.count) if langs else None
        if lang in TAGGED:
            out.append((lang, tokens[i:j]))
        i = j
    return out


def _start(doc: Doc, token: Token, lang: str) -> int:
    """Where a name starting at ``token`` starts: after its proclitics, short of the article
    (marsad.ner.features.name_start)."""
    if lang != "ar":
        return token.span[0]
    cut = name_start(doc.slice(token.span))
    if cut <= 0:
        return token.span[0]
    a, _ = doc.norm.norm_span(*token.span)
    return doc.norm.starts[a + cut]


def _places(gaz: Gazetteer, text: str, lang: str) -> list:
    """The gazetteer's places named ``text``; none for a common word known only from an import."""
    places = gaz.lookup(text)
    if (places and all(p.source in IMPORTED_SOURCES for p in places) and len(text.split()) == 1
            and zipf_frequency(text, lang) >= COMMON_ZIPF):
        return []
    return places


def _mention(doc: Doc, span: tuple[int, int], kind: str, lang: str, gaz: Gazetteer) -> Mention:
    text = doc.slice(span)
    method = "model" if lang == "ar" else "rules"
    places = _places(gaz, text, lang) if kind == "LOC" else []
    if places:
        label = "facility" if any(p.feature in FACILITIES for p in places) else "place"
        return Mention(span, text, label, value=[p.id for p in places], method=method)
    return Mention(span, text, LABELS[kind], method=method)


@stage("names.v1", requires=("tokens", "sentences", "mentions"), assigns=("mentions",))
def names(doc: Doc) -> Doc:
    """Add the names the names models find and the dictionaries did not."""
    taken = [m.span for m in doc.mentions]
    found: list[Mention] = []
    gaz = load_gazetteer()
    taggers = {"ar": _arabic(), "en": _english(gaz)}
    by_lang = _sentences(doc)
    for lang in TAGGED:
        sentences = [tokens for code, tokens in by_lang if code == lang]
        if not sentences:
            continue
        tags = taggers[lang].tag_sentences([[doc.slice(t.span) for t in s] for s in sentences])
        for tokens, sentence_tags in zip(sentences, tags):
            for a, b, kind in sorted(entities(sentence_tags)):
                span = (_start(doc, tokens[a], lang), tokens[b - 1].span[1])
                if span[0] >= span[1] or any(s < span[1] and span[0] < e for s, e in taken):
                    continue
                found.append(_mention(doc, span, kind, lang, gaz))
    doc.mentions = sorted([*doc.mentions, *found], key=lambda m: m.span)
    return doc
