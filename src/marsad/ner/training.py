"""Training the names model (a linear-chain CRF, CRFsuite) and scoring it on ANERcorp's last sixth.

The training sentences teach the CRF; the name dictionaries (marsad.ner.names) are built from them
and, when given, from AQMAR too. AQMAR only feeds the dictionaries: its Wikipedia annotation (MIS0-3
categories, topic-specific choices) lowered the scores on held-out ANERcorp text when added as
training sentences, while its names helped as dictionary entries.
"""
from __future__ import annotations

import dataclasses
import importlib
import tempfile
import time
from pathlib import Path
from typing import Callable

import numpy as np
import pycrfsuite

from ..errors import ConfigError
from ..lang import load as load_lang
from ..matcher import has_arabic
from .consistency import common_stems
from .context import Projection, shared_encoder
from .corpus import Sentence, read_anercorp, read_aqmar, split_anercorp
from .features import Lexicons, analyse, text_features
from .model import ModelParts, write_model
from .names import MAX_LEN, build_names, build_word_types
from .probe import INPUT_DIMS, Probe
from .scoring import score
from .shapes import Shapes, train_shapes
from .tagger import NameTagger, context_features, crf_items
from .world import shape_words, world_names

Progress = Callable[[int, str], None]
StemsTags = list[tuple[list[str], list[str]]]

# Chosen on held-out blocks of the training five sixths (never on the test sixth).
PARAMS = {"c1": 0.05, "c2": 0.03, "max_iterations": 250, "feature.possible_transitions": True}
FOLDS = 5  # contiguous blocks of training sentences for the jackknifed name dictionaries
CONTEXT_DIMS = 64  # principal components of a word's vector in context, as features
CONTEXT_NEIGHBOUR_DIMS = 32  # of which the first this many also describe the words either side


def load_triggers() -> dict[str, list[str]]:
    """Folded stem -> the kinds of name it announces, from lang/ar/ner_triggers.yaml."""
    out: dict[str, list[str]] = {}
    for kind, words in load_lang("ar", "ner_triggers").items():
        for w in words:
            out.setdefault(analyse(w)[1], []).append(kind)
    return out


def load_places() -> dict[str, list[str]]:
    """Stem sequences of the Arabic place names of the embedded gazetteer (marsad.gazetteer)."""
    from ..gazetteer import embedded_places

    out: dict[str, list[str]] = {}
    for p in embedded_places():
        for name in [p.name_ar or "", *p.aliases]:
            words = name.split()
            if words and len(words) <= MAX_LEN and has_arabic(name):
                out[" ".join(analyse(w)[1] for w in words)] = ["LOC"]
    return out


PERSON_LOCALES = ("ar_AA", "ar_DZ", "ar_PS", "ar_SA")


def load_persons() -> dict[str, list[str]]:
    """Folded stem -> "FIRST" / "LAST": the one-word Arabic given names and family names of the Faker
    package's Arabic locales (MIT; a training-time dependency, ``pip install 'marsad[train]'``). They go
    into the model file, so tagging does not need Faker. On held-out blocks of the training part they
    raised PERS F1 by 1.8 points."""
    try:
        providers = [importlib.import_module(f"faker.providers.person.{loc}").Provider for loc in PERSON_LOCALES]
    except ImportError:
        raise ConfigError("training the names model needs the Faker package: pip install 'marsad[train]'") from None
    out: dict[str, set[str]] = {}
    for provider in providers:
        for attr, kind in (("first_names", "FIRST"), ("last_names", "LAST")):
            for name in getattr(provider, attr, ()):
                if len(name.split()) == 1:
                    out.setdefault(analyse(name)[1], set()).add(kind)
    return {k: sorted(v) for k, v in out.items()}


def stems_tags(sentences: list[Sentence]) -> StemsTags:
    return [([analyse(w)[1] for w, _ in s], [t for _, t in s]) for s in sentences]


def _with_names(lex: Lexicons, sentences: StemsTags) -> Lexicons:
    return dataclasses.replace(lex, names=build_names(sentences), word_types=build_word_types(sentences))


def fit(sentences: list[Sentence], extra: list[Sentence] = (), params: dict | None = None,
        progress: Progress | None = None, shapes: bytes | None = None) -> ModelParts:
    """Train on ``sentences`` (``extra`` only feeds the name dictionaries); returns the model's parts.
    Each block of training sentences sees name dictionaries built from the other blocks, so the CRF
    learns how far to trust them on names it has not met. ``shapes``: a word-shape model
    (marsad.ner.shapes) already trained; by default one is trained on marsad.ner.world's words.
    Each word's vector in context (marsad.ner.context) gives features too, directly and through a probe
    (marsad.ner.probe) cross-fitted on the same blocks."""
    params = {**PARAMS, **(params or {})}
    st, ex = stems_tags(sentences), stems_tags(list(extra))
    if shapes is None:
        if progress:
            progress(0, "word shapes")
        shapes = train_shapes(shape_words())
    looks = Shapes(shapes)
    lex = _with_names(Lexicons(triggers=load_triggers(), common=common_stems(st), places=load_places(),
                               persons=load_persons(), world=world_names()), st + ex)

    class _Trainer(pycrfsuite.Trainer):
        def on_iteration(self, log, info):
            if progress:
                progress(1, f"iteration {info.get('num')}, loss {info.get('loss', 0):.0f}")

    if progress:
        progress(0, "words in context")
    vectors = shared_encoder().text_vectors([[w for w, _ in s] for s in sentences])
    everything = np.concatenate(vectors)
    projection = Projection.fit(everything, CONTEXT_DIMS, CONTEXT_NEIGHBOUR_DIMS)
    probe_projection = Projection.fit(everything, INPUT_DIMS, 0)
    tags = [t for _, t in st]
    trainer = _Trainer(verbose=False)
    cuts = [len(st) * k // FOLDS for k in range(FOLDS + 1)]
    for a, b in zip(cuts, cuts[1:]):
        if progress:
            progress(0, f"probe for sentences {a + 1} to {b}")
        block_lex = _with_names(lex, st[:a] + st[b:] + ex)
        block_probe = Probe.fit(vectors[:a] + vectors[b:], tags[:a] + tags[b:], probe_projection)
        block = sentences[a:b]
        feats = text_features([[w for w, _ in s] for s in block], block_lex, looks)
        for k, (f, s) in enumerate(zip(feats, block)):
            trainer.append(crf_items(f, context_features(vectors[a + k], projection, block_probe)),
                           [t for _, t in s])
    if progress:
        progress(0, "probe")
    probe = Probe.fit(vectors, tags, probe_projection)
    trainer.set_params(params)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "model.crfsuite"
        trainer.train(str(path))
        return ModelParts(crf=path.read_bytes(), lex=lex, shapes=shapes, context=projection.to_bytes(),
                          probe=probe.to_bytes())


def tag_all(tagger: NameTagger, sentences: list[Sentence]) -> list[list[str]]:
    return tagger.tag_sentences([[w for w, _ in s] for s in sentences])


def train(anercorp: Path, out: Path, aqmar_dir: Path | None = None, progress: Progress | None = None,
          shapes: bytes | None = None) -> dict:
    """Train on the first five sixths of ANERcorp (AQMAR's names added to the dictionaries when
    ``aqmar_dir`` is given) and write the model file to ``out``; ``shapes`` as for :func:`fit`."""
    started = time.monotonic()
    training, _ = split_anercorp(read_anercorp(Path(anercorp)))
    extra = read_aqmar(Path(aqmar_dir)) if aqmar_dir is not None else []
    parts = fit(training, extra, progress=progress, shapes=shapes)
    parts.info = {"params": PARAMS, "sentences": len(training), "tokens": sum(map(len, training)),
                  "aqmar_sentences": len(extra)}
    size = write_model(Path(out), parts)
    return {**parts.info, "path": str(out), "bytes": size, "seconds": round(time.monotonic() - started, 1)}


def evaluate(anercorp: Path, model: Path | None = None) -> dict:
    """Entity-level scores (percent) of the model on the last sixth of ANERcorp's sentences, tagged
    as running text in file order."""
    _, test = split_anercorp(read_anercorp(Path(anercorp)))
    tagger = NameTagger.load(model)
    out = score([[t for _, t in s] for s in test], tag_all(tagger, test))
    return {**out, "sentences": len(test), "tokens": sum(map(len, test))}
