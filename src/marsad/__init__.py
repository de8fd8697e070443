"""Marsad: claims and events from Arabic and English conflict reporting."""
from __future__ import annotations

__version__ = "0.1.0"
