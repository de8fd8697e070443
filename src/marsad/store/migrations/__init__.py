"""Numbered schema migrations: ``mNNNN_name.py`` modules, each with ``upgrade(conn)``; applied in order,
each once, recorded in the ``schema_version`` table."""
from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def migrations() -> list[tuple[int, ModuleType]]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("m") and info.name[1:5].isdigit():
            found.append((int(info.name[1:5]), importlib.import_module(f"{__name__}.{info.name}")))
    return sorted(found, key=lambda x: x[0])
