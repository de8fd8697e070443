"""The pipeline runner: stages registered by versioned name, each declaring what it needs and adds.

A stage is a plain callable ``Doc -> Doc``. :func:`stage` registers it; :class:`Pipeline` checks
once, when it is built, that every stage's needs are added by an earlier stage.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Callable, Iterable

from .doc import Doc
from .errors import MarsadError, PipelineError, StageError

StageFn = Callable[[Doc], Doc]


@dataclass(frozen=True)
class StageInfo:
    name: str  # versioned: "claims.v1"
    fn: StageFn
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    doc: str


REGISTRY: dict[str, StageInfo] = {}


def stage(name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = ()):
    """Register ``fn`` as the stage ``name`` ("what.vN")."""
    if "." not in name or not name.rsplit(".", 1)[1].startswith("v"):
        raise PipelineError(f"stage name {name!r} must be versioned, like 'claims.v1'")

    def register(fn: StageFn) -> StageFn:
        if name in REGISTRY and REGISTRY[name].fn is not fn:
            raise PipelineError(f"stage {name!r} is registered twice")
        REGISTRY[name] = StageInfo(name, fn, tuple(requires), tuple(assigns), (fn.__doc__ or "").strip())
        return fn

    return register


def _load_stages() -> None:
    from .stages import builtin  # noqa: F401  (importing registers the built-in stages)


class Pipeline:
    def __init__(self, names: Iterable[str]):
        _load_stages()
        self.stages: list[StageInfo] = []
        have: set[str] = set()
        for name in names:
            if name not in REGISTRY:
                raise PipelineError(f"unknown stage {name!r}; known stages: {', '.join(sorted(REGISTRY))}")
            info = REGISTRY[name]
            missing = [r for r in info.requires if r not in have]
            if missing:
                raise PipelineError(
                    f"stage {name!r} needs {', '.join(missing)}, which no earlier stage adds; "
                    f"put the stage that adds it first")
            have.update(info.assigns)
            self.stages.append(info)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    @property
    def version(self) -> str:
        """Identifies this pipeline's behaviour: a changed stage gets a new name, so a new version."""
        from . import __version__

        blob = json.dumps([__version__, self.names]).encode()
        return hashlib.sha256(blob).hexdigest()[:12]

    def __call__(self, doc: Doc) -> Doc:
        for info in self.stages:
            try:
                out = info.fn(doc)
            except MarsadError:
                raise
            except Exception as e:  # translated at the boundary, with the stage named
                raise StageError(f"stage {info.name} failed: {type(e).__name__}: {e}", stage=info.name,
                                 source=doc.document.key or doc.document.id) from e
            if not isinstance(out, Doc):
                raise StageError(f"stage {info.name} returned {type(out).__name__}, not a Doc", stage=info.name)
            doc = out
            doc.done.append(info.name)
        return doc

    def describe(self) -> list[dict]:
        return [{"name": s.name, "requires": list(s.requires), "assigns": list(s.assigns), "doc": s.doc}
                for s in self.stages]
