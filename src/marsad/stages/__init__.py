"""The built-in pipeline stages; importing this package registers them by name."""
from . import language, normalise, segment  # noqa: F401
