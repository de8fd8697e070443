"""Marsad: claims and events from Arabic and English conflict reporting.

``marsad.extract(text, published="2024-12-07")`` runs the pipeline over one text and returns a
:class:`marsad.doc.Doc` with its claims, events, places and contradictions.
"""
from __future__ import annotations

__version__ = "0.1.0"

from .api import extract  # noqa: E402

__all__ = ["extract", "__version__"]
