"""Settings: declared once here, with default and help; read from ``marsad.toml``.

The CLI help and ``docs/settings.md`` come from :data:`SETTINGS`. A run stores the resolved settings
it ran with (:meth:`Config.to_dict`).

Where the file is looked for, first found wins: the ``--config`` option, ``$MARSAD_CONFIG``,
``./marsad.toml``, then the user's config directory (``platformdirs.user_config_dir("marsad")``).
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from .errors import ConfigError

DEFAULT_STAGES = [
    "normalise.v1", "language.v1", "segment.v1", "mentions.v1", "names.v1", "resolve.v1", "claims.v1", "events.v1",
    "link.v1",
]


@dataclass(frozen=True)
class Setting:
    name: str  # "section.key"
    default: Any
    help: str


SETTINGS: list[Setting] = [
    Setting("store.db", "", "Database: a SQLite file path, or a SQLAlchemy URL. Empty: marsad.db in the "
            "user's data directory."),
    Setting("pipeline.stages", DEFAULT_STAGES, "Stages to run, in order, by versioned name."),
    Setting("ingest.max_bytes", 20_000_000, "Largest file ingested; a larger one is recorded as a failure."),
    Setting("ingest.default_kind", "article", "Document kind for plain text files."),
    Setting("extract.title_line", True, "Take the first line of a plain text file as its title."),
    Setting("gazetteer.path", "", "A gazetteer database made by `marsad gazetteer import`, used beside the "
            "embedded gazetteer; empty: the embedded gazetteer alone."),
]

_BY_NAME = {s.name: s for s in SETTINGS}


def default_gazetteer_path() -> Path:
    return Path(platformdirs.user_data_dir("marsad")) / "gazetteer.db"


def default_db_path() -> Path:
    return Path(platformdirs.user_data_dir("marsad")) / "marsad.db"


class Config:
    """Resolved settings: defaults, overlaid with a file, overlaid with explicit overrides."""

    def __init__(self, values: dict[str, Any] | None = None, path: Path | None = None):
        self.path = path
        self._values = {s.name: s.default for s in SETTINGS}
        for name, value in (values or {}).items():
            self.set(name, value)

    def set(self, name: str, value: Any) -> None:
        if name not in _BY_NAME:
            known = ", ".join(sorted(_BY_NAME))
            raise ConfigError(f"unknown setting {name!r}; known settings: {known}")
        default = _BY_NAME[name].default
        if default is not None and not isinstance(value, type(default)) and not (
                isinstance(default, float) and isinstance(value, int)):
            raise ConfigError(f"setting {name!r} must be {type(default).__name__}, not {type(value).__name__}")
        self._values[name] = value

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    def to_dict(self) -> dict[str, Any]:
        return dict(self._values)

    @property
    def db(self) -> str:
        return self["store.db"] or str(default_db_path())

    @classmethod
    def load(cls, path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> "Config":
        candidates = [path, os.environ.get("MARSAD_CONFIG"), "marsad.toml",
                      Path(platformdirs.user_config_dir("marsad")) / "marsad.toml"]
        found = None
        for c in candidates:
            if c and Path(c).is_file():
                found = Path(c)
                break
            if c is path and path:
                raise ConfigError(f"config file {path} not found")
        values: dict[str, Any] = {}
        if found:
            try:
                data = tomllib.loads(found.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
                raise ConfigError(f"cannot read {found}: {e}") from e
            for section, table in data.items():
                if not isinstance(table, dict):
                    raise ConfigError(f"{found}: top-level key {section!r} must be a [section]")
                for key, value in table.items():
                    values[f"{section}.{key}"] = value
        values.update(overrides or {})
        return cls(values, found)


def settings_markdown() -> str:
    """The settings reference, generated from :data:`SETTINGS`."""
    lines = ["| setting | default | what it does |", "|---|---|---|"]
    for s in SETTINGS:
        lines.append(f"| `{s.name}` | `{s.default!r}` | {s.help} |")
    return "\n".join(lines) + "\n"
