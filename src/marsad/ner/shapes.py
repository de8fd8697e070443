"""What a word looks like: a person's name, a place's, an organisation's, or an ordinary word.

A logistic regression over the word's character n-grams (CRFsuite on one-word sequences), trained on
some 90,000 words (marsad.ner.world.shape_words): name words of Wikidata people and Wikipedia titles,
and the commonest words of general Arabic. It carries what the names of the world look like to the
names model, which sees far fewer of them in its training text: "شوفكوفسكيي" or "كوناري" look like
people, "بنفيكا" like a club, "برنامجا" or "فاحتسب" like ordinary words. Its probabilities, in fifths,
are features of the word and of its neighbours. On held-out blocks of ANERcorp's training part they
raised F1 by 1.1 points after the whole names of marsad.ner.world.
"""
from __future__ import annotations

import tempfile
from functools import lru_cache
from pathlib import Path

import pycrfsuite

from ..matcher import is_arabic

KINDS = ("C", "L", "O", "P")
PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 200}


def grams(stem: str) -> list[str]:
    """Character 2- to 5-grams of the stem between boundary marks, and its length."""
    s = f"^{stem}$"
    return [s[i:i + n] for n in range(2, 6) for i in range(len(s) - n + 1)] + [f"len={min(len(stem), 10)}"]


def train_shapes(words: dict[str, str]) -> bytes:
    """CRFsuite model bytes from stem -> kind (one of ``KINDS``)."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for stem, kind in sorted(words.items()):
        if len(stem) >= 2:
            trainer.append([grams(stem)], [kind])
    trainer.set_params(PARAMS)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "shapes.crfsuite"
        trainer.train(str(path))
        return path.read_bytes()


class Shapes:
    """The trained classifier; ``features(stem)`` gives "shC=4", "shP=0", ... (probability in fifths)."""

    def __init__(self, model: bytes):
        self._model = model  # CRFsuite reads from this buffer without copying it: keep it alive
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open_inmemory(model)
        self._kinds = [k for k in KINDS if k in self._tagger.labels()]
        self.features = lru_cache(maxsize=200_000)(self._features)

    def _features(self, stem: str) -> tuple[str, ...]:
        if len(stem) < 3 or not is_arabic(stem):
            return ()
        self._tagger.set([grams(stem)])
        return tuple(f"sh{k}={min(4, int(self._tagger.marginal(k, 0) * 5))}" for k in self._kinds)
