"""Importing this module registers every built-in stage."""
from . import claims, events, language, link, mentions, names, normalise, resolve, segment  # noqa: F401
