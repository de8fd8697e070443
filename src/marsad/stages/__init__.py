"""The built-in pipeline stages; importing this package registers them by name."""
from . import claims, events, language, link, mentions, normalise, resolve, segment  # noqa: F401
