"""One exception tree for Marsad, with stable codes and messages that say what to do.

The CLI prints ``E###: message``; a batch records a :class:`marsad.doc.Failure` carrying the same
code for a bad document and goes on.
"""
from __future__ import annotations


class MarsadError(Exception):
    """Base of every error Marsad raises on purpose."""

    code = "E000"
    exit_code = 1

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None):
        self.message = message
        self.source = source
        self.line = line
        super().__init__(str(self))

    def where(self) -> str:
        if self.source is None:
            return ""
        return f"{self.source}:{self.line}: " if self.line is not None else f"{self.source}: "

    def __str__(self) -> str:
        return f"{self.code}: {self.where()}{self.message}"


class ConfigError(MarsadError):
    """A setting or a command-line option is wrong; exit code 2."""

    code = "E001"
    exit_code = 2


class PipelineError(MarsadError):
    """The pipeline cannot be built: an unknown stage, or a stage whose needs come later."""

    code = "E002"
    exit_code = 2


class InputError(MarsadError):
    """A source file cannot be read as the format it claims to be."""

    code = "E100"


class EmptyInput(InputError):
    code = "E101"


class EncodingError(InputError):
    code = "E102"


class FormatError(InputError):
    """Malformed content: broken JSON, a Telegram export without messages, an unparsable feed."""

    code = "E103"


class TooLarge(InputError):
    code = "E104"


class StageError(MarsadError):
    """A pipeline stage failed on one document."""

    code = "E200"

    def __init__(self, message: str, *, stage: str | None = None, **kwargs):
        self.stage = stage
        super().__init__(message, **kwargs)


class StoreError(MarsadError):
    code = "E300"


class ModelMissing(MarsadError):
    """A model file the pipeline needs is not installed; the message names the build command."""

    code = "E400"
    exit_code = 2
