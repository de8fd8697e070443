"""Language data files (YAML) under lang/ar and lang/en, loaded once and folded for matching."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@lru_cache(maxsize=64)
def load(lang: str, name: str) -> Any:
    """The parsed data file ``lang/<lang>/<name>.yaml``."""
    path = resources.files("marsad.lang").joinpath(lang, f"{name}.yaml")
    return yaml.safe_load(path.read_text(encoding="utf-8"))
