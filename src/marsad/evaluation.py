"""Scoring against the gold annotations of ``../shared/eval`` with that directory's ``score.py``.

``evaluate_dir`` runs the extraction over every ``NAME.txt`` of a gold directory, with the publication
date from its ``NAME.json``, writes the contract JSON to a prediction directory and runs the scorer.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Callable

from .api import extract_file
from .config import Config
from .errors import ConfigError
from .output import to_contract

Progress = Callable[[int, str], None]


def shared_dir() -> Path:
    """``$MARSAD_SHARED``, else ``../shared`` from the working directory."""
    return Path(os.environ.get("MARSAD_SHARED") or Path.cwd().parent / "shared")


def default_gold_dir() -> Path:
    return shared_dir() / "eval" / "dev"


def gold_published(txt: Path) -> str | None:
    """The publication date in the gold JSON beside ``txt``, if any."""
    gold = txt.with_suffix(".json")
    return json.loads(gold.read_text(encoding="utf-8")).get("published") if gold.exists() else None


def predict_dir(gold_dir: Path, out_dir: Path, config: Config | None = None,
                progress: Progress | None = None) -> list[str]:
    """Write ``out_dir/NAME.json`` (the contract JSON) for every ``gold_dir/NAME.txt``; returns the names."""
    names = []
    for txt in sorted(gold_dir.glob("*.txt")):
        doc = extract_file(txt, gold_published(txt), config=config)
        (out_dir / f"{txt.stem}.json").write_text(json.dumps(to_contract(doc), ensure_ascii=False), encoding="utf-8")
        names.append(txt.stem)
        if progress:
            progress(1, txt.name)
    return names


def score(gold_dir: Path, pred_dir: Path, lang: str | None = None, scorer: Path | None = None) -> dict:
    """The scorer's metrics (``score.py GOLD PRED --json``) as a dict."""
    scorer = scorer or gold_dir.parent / "score.py"
    if not scorer.exists():
        raise ConfigError(f"no scorer at {scorer}")
    cmd = [sys.executable, str(scorer), str(gold_dir), str(pred_dir), "--json"] + (["--lang", lang] if lang else [])
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode != 0:
        raise ConfigError(f"{scorer.name} failed: {res.stderr.strip()[-500:]}")
    return json.loads(res.stdout)


def evaluate_dir(gold_dir: Path, lang: str | None = None, config: Config | None = None,
                 progress: Progress | None = None) -> dict:
    """Extract every article of ``gold_dir`` and score the result."""
    if not gold_dir.is_dir() or not any(gold_dir.glob("*.txt")):
        raise ConfigError(f"no gold articles (NAME.txt with NAME.json) in {gold_dir}")
    with tempfile.TemporaryDirectory() as tmp:
        predict_dir(gold_dir, Path(tmp), config, progress)
        return score(gold_dir, Path(tmp), lang)
