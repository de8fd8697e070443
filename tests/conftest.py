"""Shared test fixtures.

Tests that read ``../shared`` (the evaluation set and the public data sets) use :func:`shared_path`:
in CI (``CI=true``) a missing ``../shared`` fails the test; elsewhere it skips with a message saying so.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from marsad.doc import Doc, Document
from marsad.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path:
    p = SHARED.joinpath(*parts)
    if not p.exists():
        msg = f"{p} is missing: these tests need ../shared beside the repository"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(msg)
        pytest.skip(msg)
    return p


def run_stages(text: str, names: list[str], **document_fields) -> Doc:
    """Run the named stages over ``text``: the way unit tests build a Doc."""
    return Pipeline(names)(Doc(Document(text, **document_fields)))
