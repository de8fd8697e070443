"""The Arabic names model: corpus reading and split, the entity scorer, the dictionary, the tagger."""
from __future__ import annotations

import functools
import gzip
from pathlib import Path

import pytest

from marsad.errors import ConfigError, FormatError, ModelMissing
from marsad.ner import training
from marsad.ner.training import load_persons
from marsad.ner import NameTagger, evaluate, train
from marsad.ner.consistency import common_stems, propagate
from marsad.ner.corpus import read_anercorp, read_aqmar, split_anercorp
from marsad.ner.features import (MENTION_WINDOW, Lexicons, analyse, frequency_features, name_start, sentence_features,
                                 text_features)
from marsad.ner.model import ModelParts, read_model, write_model
from marsad.ner.shapes import Shapes, train_shapes
from marsad.ner.world import shape_words, world_names
from marsad.ner.names import build_names, match_names
from marsad.ner.scoring import entities, score

from .conftest import shared_path

# Entity-level F1 of the shipped model on ANERcorp's last sixth: 75.74 when it was trained; the floor is the 75.
F1_FLOOR = 75


def _write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


# --- corpus ---------------------------------------------------------------------------------------

def test_anercorp_sentences_end_at_final_punctuation_and_skip_empty_tokens(tmp_path):
    p = _write(tmp_path, "c.txt", "قال O\nعمر B-PERS\n O\nسالم I-PERS\n. O\nهل O\nجاء O\n؟ O\nوصل O\nأمس O\n")
    sents = read_anercorp(p)
    assert [[w for w, _ in s] for s in sents] == [["قال", "عمر", "سالم", "."], ["هل", "جاء", "؟"], ["وصل", "أمس"]]
    assert sents[0][1:3] == [("عمر", "B-PERS"), ("سالم", "I-PERS")]


def test_anercorp_rejects_a_line_without_tag(tmp_path):
    with pytest.raises(FormatError):
        read_anercorp(_write(tmp_path, "c.txt", "قال O\nكلمة\n"))


def test_split_is_five_sixths_then_the_rest_in_order():
    sents = [[(str(i), "O")] for i in range(61)]
    train, test = split_anercorp(sents)
    assert len(test) == 61 // 6 and train + test == sents


def test_aqmar_blank_lines_and_tag_mapping(tmp_path):
    folder = tmp_path / "aq"
    folder.mkdir()
    _write(folder, "a.txt", "دمشق B-LOC\nهي O\n\nكتب B-MIS1\nأحمد B-PER\nزويل I-PER\nXX IO\n")
    sents = read_aqmar(folder)
    assert [[t for _, t in s] for s in sents] == [["B-LOC", "O"], ["B-MISC", "B-PERS", "I-PERS", "O"]]


def test_real_anercorp_split():
    sents = read_anercorp(shared_path("data", "ner", "ANERCorp.txt"))
    train, test = split_anercorp(sents)
    assert len(sents) > 5000 and sum(map(len, sents)) > 145_000
    assert len(test) == len(sents) // 6 and len(train) + len(test) == len(sents)
    assert train[-1] is sents[len(train) - 1] and test[0] is sents[len(train)]
    assert all(set(s[-1][0]) <= set(".!?؟…") for s in sents[:-1])  # each ends with final punctuation


# --- scorer ---------------------------------------------------------------------------------------

def test_entities_follow_conll_chunk_rules():
    assert entities(["B-PERS", "I-PERS", "O", "B-LOC"]) == {(0, 2, "PERS"), (3, 4, "LOC")}
    assert entities(["O", "I-ORG", "I-ORG"]) == {(1, 3, "ORG")}  # a stray I- opens a chunk
    assert entities(["B-PERS", "I-LOC"]) == {(0, 1, "PERS"), (1, 2, "LOC")}  # a type change ends it
    assert entities(["B-LOC", "B-LOC"]) == {(0, 1, "LOC"), (1, 2, "LOC")}


def test_score_needs_exact_span_and_type():
    gold = [["B-PERS", "I-PERS", "O", "B-LOC"], ["B-ORG", "I-ORG", "O"]]
    pred = [["B-PERS", "O", "O", "B-LOC"], ["B-LOC", "I-LOC", "O"]]
    s = score(gold, pred)
    # gold 3 entities, predicted 3, one right (the LOC of the first sentence)
    assert s["precision"] == pytest.approx(33.33) and s["recall"] == pytest.approx(33.33)
    assert s["per_type"]["LOC"] == {"precision": 50.0, "recall": 100.0, "f1": pytest.approx(66.67), "support": 1}
    assert s["per_type"]["ORG"]["recall"] == 0.0 and s["per_type"]["PERS"]["f1"] == 0.0
    assert score(gold, gold)["f1"] == 100.0


def test_score_rejects_misaligned_input():
    with pytest.raises(ValueError):
        score([["O"]], [["O", "O"]])


# --- features, dictionary, model file -------------------------------------------------------------

def test_analyse_strips_proclitics_from_arabic_only():
    assert analyse("والرئيس") == ("والرييس", "رييس", "وال")
    assert analyse("Reuters") == ("reuters", "reuters", "")


def test_analyse_keeps_names_that_begin_with_proclitic_letters():
    # the letters alone would cut "س", "ل", "و": the whole word is far more common than what remains
    assert [analyse(w)[1] for w in ("سوريا", "لبنان", "وبريطانيا")] == ["سوريا", "لبنان", "بريطانيا"]


def test_name_start_cuts_proclitics_short_of_the_article():
    assert [name_start(w) for w in ("وكريم", "كريم", "بالأسد", "الأسد", "ولبنان", "Reuters")] == [1, 0, 1, 0, 1, 0]


def test_person_name_lists_and_their_feature(monkeypatch):
    persons = load_persons()
    assert "FIRST" in persons["محمد"] and "LAST" in persons[analyse("الحسيني")[1]] and "قال" not in persons
    feats = sentence_features(["قال", "محمد"], Lexicons(persons={"محمد": ["FIRST"]}))
    assert "n=FIRST" in feats[1] and "1:n=FIRST" in feats[0]

    def no_faker(name):
        raise ImportError(name)
    monkeypatch.setattr(training.importlib, "import_module", no_faker)
    with pytest.raises(ConfigError, match="marsad\\[train\\]"):
        load_persons()


def test_frequency_features_tell_names_from_ordinary_words():
    # a foreign surname is never written with the article; an ordinary noun often is
    assert "za=noal" in frequency_features("ليبرمان")
    assert "za=noal" not in frequency_features("المدينة") and frequency_features("Reuters") == ()


def test_names_dictionary_keeps_labelled_majority_and_matches_longest():
    data = [(["قال", "عمر", "سالم", "في", "حمص"], ["O", "B-PERS", "I-PERS", "O", "B-LOC"]),
            (["عمر", "المدينة"], ["O", "O"]), (["سالم"], ["B-PERS"])]
    names = build_names(data)
    assert names["عمر سالم"] == ["PERS"] and names["حمص"] == ["LOC"] and names["سالم"] == ["PERS"]
    assert "عمر" not in names and "قال" not in names
    assert match_names(["زار", "عمر", "سالم", "حمص"], names) == [[], ["B-PERS"], ["I-PERS"], ["B-LOC"]]


def test_features_see_triggers_and_neighbours():
    lex = Lexicons(triggers={"رييس": ["PERS"]})
    feats = sentence_features(["قال", "الرئيس", "عمر"], lex)
    assert len(feats) == 3
    assert "t=PERS" in feats[1] and "-1:t=PERS" in feats[2] and "tlast=PERS" in feats[2]
    assert "-2:edge" in feats[0] and "1:w=عمر" in feats[1]


def test_text_features_carry_a_mention_s_triggers_to_the_word_s_other_mentions():
    lex = Lexicons(triggers={"رييس": ["PERS"]})
    filler = [["وصل", "الوفد"]] * MENTION_WINDOW
    feats = text_features([["قال", "الرئيس", "كورت"], ["واضاف", "كورت"], *filler, ["كورت", "غادر"]], lex)
    assert feats[0][2][:len(sentence_features(["قال", "الرئيس", "كورت"], lex)[2])] == \
        sentence_features(["قال", "الرئيس", "كورت"], lex)[2]  # the sentence's own features come first
    assert "o:n=1" in feats[0][2] and not any(f.startswith("o:t") for f in feats[0][2])  # its own cues stay its own
    assert {"o:tlast=PERS", "o:-1:t=PERS", "o:n=1"} <= set(feats[1][1])  # the mention after "الرئيس" helps
    assert "o:n=0" in feats[-1][0] and "o:tlast=PERS" not in feats[-1][0]  # too far away
    assert [f for f in feats[1][0] if f.startswith("o:")] == ["o:n=0"]  # "واضاف": mentioned once
    assert not any(f.startswith("o:") for f in text_features([["في", "في"]], lex)[0][0])  # short words: none
    assert text_features([], lex) == []


def test_consistency_labels_a_repeated_rare_name_in_nearby_sentences():
    stems = [["قال", "يوسف", "قرضاوي", "امس"], ["واضاف", "قرضاوي", "ان"], ["قرضاوي"]]
    tags = [["O", "B-PERS", "I-PERS", "O"], ["O", "O", "O"], ["O"]]
    out = propagate(stems, tags, common={"امس"}, window=1)
    assert out[0] == tags[0] and out[1] == ["O", "B-PERS", "O"]
    assert out[2] == ["O"]  # two sentences away: outside the window
    assert propagate(stems, tags, common={"قرضاوي"}, window=1)[1] == ["O", "O", "O"]  # a common word


def test_consistency_extends_a_name_and_common_stems_counts_shares():
    out = propagate([["عمر", "سالم"], ["التقى", "عمر", "سالم", "حمص"]],
                    [["B-PERS", "I-PERS"], ["O", "B-PERS", "O", "B-LOC"]], common=set())
    assert out[1] == ["O", "B-PERS", "I-PERS", "B-LOC"]
    data = [(["في", "حمص", "في"], ["O", "B-LOC", "O"]), (["حمص", "نهر"], ["B-LOC", "O"])]
    assert common_stems(data) == ["في", "نهر"]


def test_model_file_round_trip_and_errors(tmp_path):
    lex = Lexicons(triggers={"مدينه": ["LOC"]}, names={"حمص": ["LOC"]},
                   word_types={"حمص": ["LOC"]}, common=["في"], world={"بنفيكا": ["ORG"]})
    path = tmp_path / "m.gz"
    parts = ModelParts(crf=b"\x00crf\nbytes", lex=lex, shapes=b"shape\x00model", context=b"\x01\x02",
                       probe=b"probe\n", info={"sentences": 3})
    assert write_model(path, parts) > 0
    assert read_model(path.read_bytes(), str(path)) == parts
    no_shapes = ModelParts(crf=b"crf", lex=lex)
    write_model(path, no_shapes)
    assert read_model(path.read_bytes(), str(path)) == no_shapes
    with pytest.raises(FormatError):
        read_model(b"not gzip", "x")
    with pytest.raises(FormatError, match="truncated"):
        read_model(gzip.compress(gzip.decompress(path.read_bytes())[:-1]), "x")
    old = gzip.compress(b'{"format":"marsad-ner/1","lexicons":{}}\ncrf')
    with pytest.raises(FormatError, match="train it again"):
        read_model(old, "x")
    with pytest.raises(ModelMissing):
        NameTagger.load(tmp_path / "absent.gz")


@functools.lru_cache(maxsize=1)
def _small_shapes() -> bytes:
    """A word-shape model trained on a few hundred words, quick enough for tests."""
    words = {"سالم": "P", "خالد": "P", "شيراك": "P", "كوناري": "P", "بوتين": "P", "حمص": "L", "درعا": "L",
             "بنفيكا": "O", "ارسنال": "O", "القصف": "C", "قال": "C", "المدينه": "C", "توقف": "C", "برنامج": "C"}
    return train_shapes(words)


def test_word_shapes_tell_name_words_from_ordinary_ones():
    shapes = Shapes(_small_shapes())
    assert "shP=4" not in shapes.features("القصف") and "shC=0" not in shapes.features("القصف")
    assert shapes.features("قال") == shapes.features("قال")  # cached, same answer
    assert shapes.features("في") == () and shapes.features("Reuters") == ()  # short or not Arabic
    feats = sentence_features(["قال", "شيراك"], Lexicons(), shapes)
    assert any(f.startswith("shP=") for f in feats[1]) and any(f.startswith("1:shP=") for f in feats[0])


def test_world_names_and_shape_words_from_the_training_packages():
    names = world_names()
    assert names[" ".join(analyse(w)[1] for w in "بنفيكا".split())] == ["ORG"]  # "نادي بنفيكا", club word dropped
    assert "PERS" in names[" ".join(analyse(w)[1] for w in "حسن نصر الله".split())]  # Wikidata people
    assert "LOC" in names[analyse("آخن")[1]]
    words = shape_words()
    assert words[analyse("قال")[1]] == "C" and words[analyse("شيراك")[1]] == "P"
    assert words[analyse("الحكومة")[1]] == "C"  # too common to count as a name word
    feats = sentence_features(["فاز", "نادي", "بنفيكا"], Lexicons(world={"بنفيكا": ["ORG"]}))
    assert "k=B-ORG" in feats[2] and "1:k=B-ORG" in feats[1] and "2:k=B-ORG" in feats[0]


def test_train_and_evaluate_on_a_small_corpus(tmp_path):
    people, places = ["عمر", "سالم", "خالد", "ماهر", "رامي", "فادي"], ["حمص", "حلب", "درعا", "إدلب", "حماة", "دير"]
    lines = []
    for i in range(36):
        lines += [f"قال O\n{people[i % 6]} B-PERS\nفي O\n{places[i % 6]} B-LOC\nإن O\nالقصف O\nتوقف O\n. O\n"]
    corpus = _write(tmp_path, "c.txt", "".join(lines))
    report = train(corpus, tmp_path / "m.gz", shapes=_small_shapes())
    assert report["sentences"] == 30 and report["aqmar_sentences"] == 0 and report["bytes"] > 0
    scores = evaluate(corpus, tmp_path / "m.gz")
    assert scores["sentences"] == 6 and scores["f1"] == 100.0
    tags = NameTagger.load(tmp_path / "m.gz").tag("قال عمر في حلب إن القصف توقف .".split())
    assert tags == ["O", "B-PERS", "O", "B-LOC", "O", "O", "O", "O"]


# --- the shipped model ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def tagger():
    return NameTagger.load()


def _names(words, tags):
    return {(" ".join(words[a:b]), t) for a, b, t in entities(tags)}


@pytest.mark.parametrize("sentence, expected", [
    ("قال الرئيس السوري بشار الأسد في دمشق", {("بشار الأسد", "PERS"), ("دمشق", "LOC")}),
    ("وصل وزير الخارجية الروسي سيرغي لافروف إلى القاهرة أمس", {("سيرغي لافروف", "PERS"), ("القاهرة", "LOC")}),
    ("وقال المرصد السوري لحقوق الإنسان إن الاشتباكات تجددت في مدينة حلب",
     {("حلب", "LOC")}),
])
def test_tagger_finds_people_and_places(tagger, sentence, expected):
    words = sentence.split()
    tags = tagger.tag(words)
    assert len(tags) == len(words)
    assert expected <= _names(words, tags)


def test_tagger_on_empty_and_plain_sentences(tagger):
    assert tagger.tag([]) == []
    assert set(tagger.tag("ارتفعت أسعار الخبز مرة أخرى هذا الأسبوع".split())) == {"O"}
    tags = tagger.tag_sentences([[], "قال بشار الأسد".split(), []])
    assert tags[0] == tags[2] == [] and tags[1][1:] == ["B-PERS", "I-PERS"]


def test_shipped_model_reads_words_in_context(tagger):
    assert tagger.encoder is not None and tagger.encoder.dim == 384
    assert tagger.projection.axes.shape == (384, 64) and tagger.projection.neighbour_dims == 32
    assert tagger.probe.weights[0].shape[0] == 3 * 128  # the word and its two neighbours


@pytest.mark.shared
def test_shipped_model_on_anercorp_test_sixth():
    scores = evaluate(shared_path("data", "ner", "ANERCorp.txt"))
    assert scores["f1"] >= F1_FLOOR
    assert set(scores["per_type"]) == {"PERS", "LOC", "ORG", "MISC"}
