"""The one exception tree of vocnlp.

Every error the library raises on purpose is a :class:`VocError`; the CLI turns it into one
line and a non-zero exit, flows let it fail the task.  Messages say what to do next.

::

    VocError
    ├── ConfigError           bad vocnlp.toml / VOCNLP_* value, unknown profile
    ├── MissingExtraError     an optional extra is not installed (names the pip command)
    ├── ModelNotFoundError    model weights are not where the profile says
    ├── InputError            an input file or record cannot be used
    │   ├── InputFileError    a whole file is unreadable (encoding, format, missing columns)
    │   └── AudioError        an audio file cannot be decoded or is empty/truncated
    ├── WarehouseError        the DuckDB file cannot be opened / has a newer schema
    └── EmptyDataError        a statistic was asked of no data
"""

from __future__ import annotations


class VocError(Exception):
    """Base class of every error vocnlp raises on purpose."""


class ConfigError(VocError):
    """A setting is invalid or a profile/taxonomy file is malformed."""


class MissingExtraError(VocError, ImportError):
    """An optional dependency group is not installed."""

    def __init__(self, package: str, extra: str) -> None:
        self.package = package
        self.extra = extra
        super().__init__(f"{package} is not installed; run: pip install 'vocnlp[{extra}]'")


class ModelNotFoundError(VocError):
    """Model weights cannot be found at the configured location."""


class InputError(VocError):
    """An input record or file cannot be used."""


class InputFileError(InputError):
    """A whole input file cannot be read."""

    def __init__(self, path: object, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class AudioError(InputFileError):
    """An audio file cannot be decoded, is empty, truncated or unsupported."""


class WarehouseError(VocError):
    """The warehouse file cannot be opened or migrated."""


class EmptyDataError(VocError, ValueError):
    """A metric was asked of an empty selection."""
