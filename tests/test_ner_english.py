"""The English names recogniser: dictionaries and rules on hard cases, the interface it shares with the
Arabic names model, the CoNLL reader, its scores on tests/cases/ner_en.conll and ``marsad eval ner --lang en``."""
from __future__ import annotations

import inspect
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from marsad import lang
from marsad.actors import load_actors
from marsad.cli import app
from marsad.doc import Place
from marsad.errors import FormatError
from marsad.gazetteer import Gazetteer, embedded_places
from marsad.ner import EnglishNameTagger, NameTagger
from marsad.ner.corpus import TYPES, read_conll
from marsad.ner.english import Words, evaluate
from marsad.ner.scoring import entities
from marsad.stages.segment import WORD

CONLL = Path(__file__).parent / "cases" / "ner_en.conll"
TUNING_MARK = "# TUNING HALF"
# Entity-level F1 measured on tests/cases/ner_en.conll: 99.59 on the whole file (the same once three
# comparison languages with small word lists replaced eight), 99.25 on the check half
# (written before the rules were tuned, never used to tune them), 100.0 on the tuning half. The floors are
# set a little below.
F1_FLOOR = {"all": 97.0, "check": 96.0, "tuning": 97.0}
# tests/cases/ner_en_independent.conll was written by an engineer who had not seen the rules, their word
# lists or the file above; its score is the honest one: 87.32 (LOC 94.2, ORG 87.0, MISC 85.1, PERS 71.5)
# when it was first run, 86.91 with three comparison languages (small word lists) instead of eight. It must
# never be used to tune the rules.
INDEPENDENT = Path(__file__).parent / "cases" / "ner_en_independent.conll"
INDEPENDENT_FLOOR = 85.0
TAGS = {"O"} | {f"{p}-{t}" for t in TYPES for p in "BI"}


@pytest.fixture(scope="module")
def tagger() -> EnglishNameTagger:
    return EnglishNameTagger.load()


def words_of(text: str) -> list[str]:
    """Words as marsad's segmenter cuts them."""
    return [m.group() for m in WORD.finditer(text)]


def names(tagger: EnglishNameTagger, text: str) -> set[tuple[str, str]]:
    ws = words_of(text)
    return {(" ".join(ws[a:b]), t) for a, b, t in entities(tagger.tag(ws))}


# --- places the gazetteer backs -------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Tartus, home to Russia's naval base, was calm.", {("Tartus", "LOC"), ("Russia's", "LOC")}),
    ("Aleppo fell to the rebels within three days.", {("Aleppo", "LOC")}),
    ("ALEPPO, Syria (Reuters) - Shelling resumed.", {("ALEPPO", "LOC"), ("Syria", "LOC"), ("Reuters", "ORG")}),
    ("Aleppo's residents queued for bread.", {("Aleppo's", "LOC")}),
    ("Aleppo Governor Hussein Diab left the city.", {("Aleppo", "LOC"), ("Hussein Diab", "PERS")}),
    ("Russian ships left Tartus on Monday.", {("Russian", "MISC"), ("Tartus", "LOC")}),
    ("Clashes in the northern Idlib countryside and in Deir ez-Zor.", {("Idlib", "LOC"), ("Deir ez-Zor", "LOC")}),
    ("Israeli troops moved onto the Golan Heights.", {("Israeli", "MISC"), ("Golan Heights", "LOC")}),
    ("Families gathered outside Sednaya prison.", {("Sednaya", "LOC")}),
])
def test_places_from_the_gazetteer(tagger, text, expected):
    assert names(tagger, text) == expected


def test_places_respect_case(tagger):
    assert names(tagger, "he said aleppo was calm") == set()
    assert names(tagger, "They told us the US would stay.") == {("US", "LOC")}  # "us" is no place
    assert ("Syrian", "MISC") in names(tagger, "Warships patrol the Syrian coast.")  # an entry made of a nationality


def test_a_database_gazetteer_backs_the_recogniser():
    village = Place(id="test:1", name="Kafrouma", name_en="Kafrouma", lat=35.6, lon=36.6)
    tagger = EnglishNameTagger(Words.load(), Gazetteer(embedded_places() + [village]), load_actors())
    assert names(tagger, "Kafrouma was shelled twice.") == {("Kafrouma", "LOC")}


# --- actors, titles, organisation heads ------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Hayat Tahrir al-Sham took the town, the Syrian Observatory for Human Rights said.",
     {("Hayat Tahrir al-Sham", "ORG"), ("Syrian Observatory for Human Rights", "ORG")}),
    ("SANA said the army had regrouped.", {("SANA", "ORG")}),
    ("Russian Foreign Minister Sergei Lavrov spoke in Doha.",
     {("Russian", "MISC"), ("Sergei Lavrov", "PERS"), ("Doha", "LOC")}),
    ("President Bashar al-Assad was not seen.", {("Bashar al-Assad", "PERS")}),
    ("HTS leader Abu Mohammed al-Jolani addressed the crowd.", {("HTS", "ORG"), ("Abu Mohammed al-Jolani", "PERS")}),
])
def test_actor_dictionary_names(tagger, text, expected):
    assert names(tagger, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Interior Minister Mohammed Rahmoun resigned.", {("Mohammed Rahmoun", "PERS")}),
    ("A spokesman, Col. Hassan Abdul Wahab, denied it.", {("Hassan Abdul Wahab", "PERS")}),
    ("Brig. Gen. Nizar Khudr was captured.", {("Nizar Khudr", "PERS")}),
    ("Sheikh Hikmat al-Hijri said Sweida would defend itself.", {("Hikmat al-Hijri", "PERS"), ("Sweida", "LOC")}),
])
def test_titles_make_persons(tagger, text, expected):
    assert names(tagger, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The Ministry of Health in Damascus gave the toll.", {("Ministry of Health", "ORG"), ("Damascus", "LOC")}),
    ("The Free Syrian Army said it had no role.", {("Free Syrian Army", "ORG")}),
    ("Doctors at Bab al-Hawa Hospital treated 30 people.", {("Bab al-Hawa Hospital", "ORG")}),
    ("The Hama Military Council was dissolved.", {("Hama Military Council", "ORG")}),
    ("Fighters from the 25th Division regrouped.", {("25th Division", "ORG")}),
    ("Fighters of Jaysh al-Izza and Ahrar al-Sham advanced.", {("Jaysh al-Izza", "ORG"), ("Ahrar al-Sham", "ORG")}),
])
def test_organisation_heads_make_organisations(tagger, text, expected):
    assert names(tagger, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Turkish-backed factions fought the Kurdish-led SDF.",
     {("Turkish-backed", "MISC"), ("Kurdish-led", "MISC"), ("SDF", "ORG")}),
    ("Alawite and Druze leaders met Sunni clerics.", {("Alawite", "MISC"), ("Druze", "MISC"), ("Sunni", "MISC")}),
    ("Many Syrians returned from Lebanon.", {("Syrians", "MISC"), ("Lebanon", "LOC")}),
])
def test_nationalities_and_compounds_are_misc(tagger, text, expected):
    assert names(tagger, text) == expected


# --- capitals that do not mark names ---------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Rebels entered the city at dawn.",
    "Government forces withdrew overnight.",
    "Opposition factions took control.",
    "BREAKING: Fighting resumed after midnight.",
])
def test_sentence_initial_common_words_are_not_names(tagger, text):
    assert names(tagger, text) == set()


def test_title_case_headlines(tagger):
    assert names(tagger, "Rebels Seize Key Airport As Assad's Army Crumbles In North") == {("Assad's", "PERS")}
    assert names(tagger, "Israel Strikes Naval Fleet In Latakia And Minet al-Beida") == \
        {("Israel", "LOC"), ("Latakia", "LOC"), ("Minet al-Beida", "LOC")}
    assert names(tagger, "REBELS ENTER ALEPPO AS IS CELLS REGROUP") == {("ALEPPO", "LOC")}


def test_hyphenated_al_names_and_unknown_names(tagger):
    assert names(tagger, "Local commander Abu Hamza al-Shami said his men held the hill.") == \
        {("Abu Hamza al-Shami", "PERS")}
    assert names(tagger, "Khaled Hamoud, a teacher from Saraqib, fled.") == \
        {("Khaled Hamoud", "PERS"), ("Saraqib", "LOC")}
    assert names(tagger, "Rebels took Kafr Nabl and Maarat Hurma.") == {("Kafr Nabl", "LOC"), ("Maarat Hurma", "LOC")}


def test_one_name_one_type_across_sentences(tagger):
    sents = [words_of("Information Minister Ziad Ghosn spoke on television."), words_of("Ghosn said the army held.")]
    tags = tagger.tag_sentences(sents)
    assert tags[1][0] == "B-PERS"


def test_ordinary_words_by_frequency(tagger):
    assert tagger.is_ordinary("Rebels") and tagger.is_ordinary("Government") and tagger.is_ordinary("The")
    assert not tagger.is_ordinary("Aleppo") and not tagger.is_ordinary("Khaled") and not tagger.is_ordinary("Jolani")


# --- interface parity with the Arabic model ----------------------------------------------------------

def test_interface_matches_the_arabic_model(tagger):
    for method in ("tag", "tag_sentences"):
        assert inspect.signature(getattr(EnglishNameTagger, method)) == inspect.signature(getattr(NameTagger, method))
    assert all(p.default is not p.empty for p in inspect.signature(EnglishNameTagger.load).parameters.values())
    assert tagger.tag([]) == [] and tagger.tag_sentences([]) == [] and tagger.tag_sentences([[]]) == [[]]
    assert tagger.tag(["."]) == ["O"]
    assert tagger.tag(words_of("قال المرصد إن حلب هادئة")) == ["O"] * 5  # Arabic words are left to the Arabic model


def test_tag_set_is_the_arabic_models(tagger):
    docs = read_conll(CONLL)
    seen = {t for doc in docs for tags in tagger.tag_sentences([[w for w, _ in s] for s in doc]) for t in tags}
    seen |= set(tagger.tag(words_of("Eid al-Fitr prayers were held in Damascus.")))
    assert seen == TAGS


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["Aleppo", "aleppo", "al-Assad", "Abu", "of", "the", "Ministry", "Syrian", "said", ",",
                                 ".", "Gen", "President", "Rebels", "HTS", "Turkish-backed", "Kafr", "and", "X", "'s",
                                 "Deir", "ez-Zor", "Defence", "Sergei", "Lavrov", "حلب", "2024", "Monday"]),
                max_size=25))
def test_one_valid_tag_per_word(tagger, words):
    tags = tagger.tag(words)
    assert len(tags) == len(words) and set(tags) <= TAGS
    for prev, tag in zip(["O", *tags], tags):
        assert not tag.startswith("I-") or prev[2:] == tag[2:]  # an I- tag always continues a name


def test_word_lists_are_strings():
    assert all(isinstance(w, str) for words in lang.load("en", "ner").values() for w in words)  # YAML reads no as False


# --- the CoNLL reader --------------------------------------------------------------------------------

def test_read_conll_documents_comments_and_errors(tmp_path):
    p = tmp_path / "a.conll"
    p.write_text("# comment\n-DOCSTART- one\n\nSANA B-ORG\nsaid O\n\nHama B-LOC\n\n-DOCSTART- two\n\nYes O\n",
                 encoding="utf-8")
    assert read_conll(p) == [[[("SANA", "B-ORG"), ("said", "O")], [("Hama", "B-LOC")]], [[("Yes", "O")]]]
    p.write_text("Hama B-LOC\nsaid\n", encoding="utf-8")
    with pytest.raises(FormatError):
        read_conll(p)
    p.write_text("# nothing\n", encoding="utf-8")
    with pytest.raises(FormatError):
        read_conll(p)


# --- scores on the evaluation file --------------------------------------------------------------------

def _halves(tmp_path: Path) -> dict[str, Path]:
    text = CONLL.read_text(encoding="utf-8")
    cut = text.index(TUNING_MARK)
    out = {"all": CONLL}
    for name, part in (("check", text[:cut]), ("tuning", text[cut:])):
        out[name] = tmp_path / f"{name}.conll"
        out[name].write_text(part, encoding="utf-8")
    return out


def test_scores_on_the_evaluation_file(tagger, tmp_path):
    halves = _halves(tmp_path)
    sizes = {name: len([s for d in read_conll(p) for s in d]) for name, p in halves.items()}
    assert sizes["all"] == sizes["check"] + sizes["tuning"] and 60 <= sizes["all"] <= 100
    assert sizes["check"] * 2 >= sizes["all"]
    for name, path in halves.items():
        scores = evaluate(path, tagger)
        assert scores["f1"] >= F1_FLOOR[name], (name, scores)
        assert set(scores["per_type"]) == set(TYPES)


def test_score_on_the_independent_file(tagger):
    scores = evaluate(INDEPENDENT, tagger)
    assert scores["sentences"] >= 100 and scores["f1"] >= INDEPENDENT_FLOOR, scores
    assert all(scores["per_type"][t]["f1"] >= 60 for t in TYPES), scores["per_type"]


def test_eval_ner_command_in_english(tmp_path):
    runner = CliRunner()
    res = runner.invoke(app, ["eval", "ner", "--lang", "en", "--corpus", str(CONLL)])
    assert res.exit_code == 0, res.output
    scores = json.loads(res.stdout)
    assert scores["f1"] >= F1_FLOOR["all"] and {"precision", "recall", "per_type"} <= set(scores)
    assert runner.invoke(app, ["eval", "ner", "--lang", "en"]).exit_code == 2  # no corpus
    assert runner.invoke(app, ["eval", "ner", "--lang", "fr", "--corpus", str(CONLL)]).exit_code == 2
    res = runner.invoke(app, ["eval", "ner", "--lang", "en", "--corpus", str(tmp_path / "none.conll")])
    assert res.exit_code == 2 and "E001" in res.output
