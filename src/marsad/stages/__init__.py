"""The built-in pipeline stages; importing this package registers them by name."""
from . import claims, language, mentions, normalise, resolve, segment  # noqa: F401
