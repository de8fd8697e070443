"""The trained names model, applied to a list of words."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

import pycrfsuite

from ..errors import ModelMissing
from .consistency import propagate
from .context import Projection, shared_encoder
from .features import Lexicons, analyse, text_features
from .model import ModelParts, read_model
from .probe import Probe
from .shapes import Shapes

MODEL_NAME = "ar_names.crfsuite.gz"


class NameTagger:
    """BIO tags (B-PERS, I-PERS, B-LOC, I-LOC, B-ORG, I-ORG, B-MISC, I-MISC, O) for Arabic words."""

    def __init__(self, parts: ModelParts):
        self.lex: Lexicons = parts.lex
        self.info = parts.info
        self.shapes = Shapes(parts.shapes) if parts.shapes else None
        self._common = set(parts.lex.common)
        self._crf = parts.crf  # CRFsuite reads the model from this buffer without copying it: keep it alive
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open_inmemory(parts.crf)
        self.projection = Projection.from_bytes(parts.context) if parts.context else None
        self.probe = Probe.from_bytes(parts.probe) if parts.probe else None
        self.encoder = shared_encoder() if self.projection else None

    @classmethod
    def load(cls, path: Path | None = None) -> "NameTagger":
        """The model at ``path``; by default the one shipped in ``marsad/models``."""
        if path is None:
            res = resources.files("marsad").joinpath("models", MODEL_NAME)
            source = str(res)
            if not res.is_file():
                raise ModelMissing(f"the names model {MODEL_NAME} is not installed; build it with "
                                   "`marsad train ner`", source=source)
            data = res.read_bytes()
        else:
            source = str(path)
            if not Path(path).is_file():
                raise ModelMissing("no names model here; build it with `marsad train ner --out PATH`",
                                   source=source)
            data = Path(path).read_bytes()
        return cls(read_model(data, source))

    def tag(self, words: list[str]) -> list[str]:
        """One BIO tag per word of one sentence."""
        return self.tag_sentences([words])[0]

    def tag_sentences(self, sentences: list[list[str]]) -> list[list[str]]:
        """BIO tags for consecutive sentences of one text; a name's mentions help each other
        (marsad.ner.features.text_features), each word is also read in its sentence
        (marsad.ner.context, marsad.ner.probe), and a name tagged in one sentence is found again in the
        sentences around it (marsad.ner.consistency)."""
        feats = text_features(sentences, self.lex, self.shapes)
        vectors = self.encoder.text_vectors(sentences) if self.projection else [None] * len(feats)
        tags = [list(self._tagger.tag(crf_items(f, None if v is None else
                                                context_features(v, self.projection, self.probe))))
                if f else [] for f, v in zip(feats, vectors)]
        stems = [[analyse(w)[1] for w in ws] for ws in sentences]
        return propagate(stems, tags, self._common)


def crf_items(feats: list[list[str]], context: list[dict[str, float]] | None) -> pycrfsuite.ItemSequence:
    """The CRF's input for one sentence: each word's features (value 1), with its context features
    (:func:`context_features`) when there are any."""
    if context is None:
        return pycrfsuite.ItemSequence(feats)
    return pycrfsuite.ItemSequence([{**dict.fromkeys(f, 1.0), **c} for f, c in zip(feats, context)])


def context_features(vectors, projection: Projection, probe: Probe | None) -> list[dict[str, float]]:
    """Features of each word of a sentence from the words' vectors in context: their components
    (marsad.ner.context.Projection) and the probe's guesses (marsad.ner.probe)."""
    feats = projection.features(vectors)
    if probe is not None:
        for f, g in zip(feats, Probe.features(probe.predict(vectors))):
            f.update(g)
    return feats
