"""The Arabic names model: a CRF over rich word features, trained on ANERcorp (optionally with AQMAR).

``train`` builds it, ``evaluate`` scores it on ANERcorp's last sixth, ``NameTagger`` applies it.
"""
from __future__ import annotations

from pathlib import Path

from .english import EnglishNameTagger
from .tagger import MODEL_NAME, NameTagger
from .training import evaluate, train

DEFAULT_MODEL = Path(__file__).resolve().parent.parent / "models" / MODEL_NAME

__all__ = ["DEFAULT_MODEL", "EnglishNameTagger", "NameTagger", "evaluate", "train"]
