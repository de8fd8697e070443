"""The trained names model, applied to a list of words."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

import pycrfsuite

from ..errors import ModelMissing
from .consistency import propagate
from .features import Lexicons, analyse, text_features
from .model import ModelParts, read_model
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
        (marsad.ner.features.text_features), and a name tagged in one sentence is found again in the
        sentences around it (marsad.ner.consistency)."""
        tags = [list(self._tagger.tag(f)) if f else []
                for f in text_features(sentences, self.lex, self.shapes)]
        stems = [[analyse(w)[1] for w in ws] for ws in sentences]
        return propagate(stems, tags, self._common)
