"""Scoring against the gold annotations of ``../shared/eval`` with that directory's ``score.py``.

``evaluate_dir`` runs the extraction over every ``NAME.txt`` of a gold directory, with the publication
date from its ``NAME.json``, writes the contract JSON to a prediction directory and runs the scorer.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from .config import Config
from .errors import ConfigError
from .api import extract_file
from .output import to_contract


def default_gold_dir() -> Path:
    return Path.cwd().parent / "shared" / "eval" / "dev"


def predict_dir(gold_dir: Path, out_dir: Path, config: Config | None = None) -> list[str]:
    names = []
    for txt in sorted(gold_dir.glob("*.txt")):
        gold = txt.with_suffix(".json")
        published = json.loads(gold.read_text(encoding="utf-8")).get("published") if gold.exists() else None
        doc = extract_file(txt, published, config=config)
        (out_dir / f"{txt.stem}.json").write_text(json.dumps(to_contract(doc), ensure_ascii=False), encoding="utf-8")
        names.append(txt.stem)
    return names


def score(gold_dir: Path, pred_dir: Path, lang: str | None = None, scorer: Path | None = None) -> dict:
    scorer = scorer or gold_dir.parent / "score.py"
    if not scorer.exists():
        raise ConfigError(f"no scorer at {scorer}")
    cmd = [sys.executable, str(scorer), str(gold_dir), str(pred_dir), "--json"] + (["--lang", lang] if lang else [])
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def evaluate_dir(gold_dir: Path, lang: str | None = None, config: Config | None = None) -> dict:
    if not gold_dir.is_dir():
        raise ConfigError(f"no gold directory at {gold_dir}")
    with tempfile.TemporaryDirectory() as tmp:
        predict_dir(gold_dir, Path(tmp), config)
        return score(gold_dir, Path(tmp), lang)
