"""TranscribeOptions: how calls are transcribed, with documented defaults."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from vocnlp.config import Settings, check_languages, default_cache_dir
from vocnlp.errors import ConfigError
from vocnlp.speech.chunks import VadSettings
from vocnlp.speech.guards import GuardSettings
from vocnlp.speech.model import model_version

_DEVICES = ("auto", "cpu", "cuda")
_NESTED = {"vad": VadSettings, "guards": GuardSettings}


@dataclass
class TranscribeOptions:
    """How calls are transcribed.  Defaults suit the offline CPU profile."""

    model: str = "packaged:whisper-base"
    """``packaged:whisper-base``, a CTranslate2 model directory, a faster-whisper size name
    (``large-v3``, ``turbo``) or a Hugging Face id (``Systran/faster-whisper-small``)."""
    device: str = "auto"
    """auto (CUDA when CTranslate2 sees a GPU, else CPU) | cpu | cuda."""
    compute_type: str = "auto"
    """auto (cuda: float16, cpu: int8) or any CTranslate2 compute type."""
    cpu_threads: int = 0
    """CPU threads for CTranslate2; 0 = the cores this process may use (at most 8)."""
    batch_size: int = 0
    """Windows decoded together; 0 = from the device (CPU 8, GPU 16-32 by memory)."""
    group_windows: int = 0
    """Windows gathered (across calls) before a decoding round; 0 = 4 x batch_size."""
    beam_size: int = 5
    """Beam width for windows whose first pass looks wrong (loop or low confidence)."""
    first_pass_beam_size: int = 5
    """Beam width of the first pass over every window (1 = greedy: faster, and on clean
    English about as good, but ~6 WER points worse on Ukrainian in ``bench/transcribe.py``)."""
    vad_filter: bool = True
    """Decode only the speech Silero VAD finds (always on: packing depends on it)."""
    word_timestamps: bool = True
    """Align every word (utterances split at pauses; audio redaction needs it)."""
    window_s: float = 28.0
    """Longest packed window of speech, seconds (Whisper reads 30 s)."""
    block_s: float = 600.0
    """Audio decoded at a time, seconds: bounds memory on multi-hour files."""
    bleed_db: float = 18.0
    """Speech this much quieter than the other channel at the same time is crosstalk."""
    language: str | None = None
    """Force one language for every call (None: per-call hint, else detection)."""
    languages: tuple[str, ...] = ("en", "ru", "uk", "ro")
    """Languages detection may choose from (ISO 639-1)."""
    default_language: str = "en"
    """Used (and the call flagged) when the best allowed language scores below the threshold."""
    language_threshold: float = 0.5
    """Minimum share of the detected language among the allowed ones."""
    vad: VadSettings = field(default_factory=VadSettings)
    """Silero VAD settings for call channels."""
    guards: GuardSettings = field(default_factory=GuardSettings)
    """Hallucination guard thresholds (no_speech_prob, log-prob, compression, n-grams...)."""
    local_files_only: bool = False
    """For faster-whisper names: never try to download (fail if not cached)."""
    cache_dir: Path = field(default_factory=default_cache_dir)
    """Where packaged models are assembled."""

    def __post_init__(self) -> None:
        self.cache_dir = Path(self.cache_dir)
        for name, cls in _NESTED.items():
            value = getattr(self, name)
            if isinstance(value, Mapping):
                try:
                    setattr(self, name, cls(**value))
                except TypeError as exc:
                    raise ConfigError(f"[speech.{name}]: {exc}") from exc
        if self.device not in _DEVICES:
            raise ConfigError(f"device={self.device!r}: use auto, cpu or cuda")
        if self.beam_size < 1 or self.first_pass_beam_size < 1:
            raise ConfigError(f"beam_size={self.beam_size}: must be >= 1")
        if self.cpu_threads < 0 or self.batch_size < 0 or self.group_windows < 0:
            raise ConfigError("cpu_threads, batch_size and group_windows must be >= 0 (0 = auto)")
        if not 5.0 <= self.window_s <= 30.0:
            raise ConfigError(f"window_s={self.window_s}: use 5..30 seconds")
        if self.block_s and self.block_s < 60:
            raise ConfigError(f"block_s={self.block_s}: use at least 60 seconds (or 0 = whole)")
        self.languages = check_languages(self.languages, self.default_language)
        if not 0.0 <= self.language_threshold <= 1.0:
            raise ConfigError(f"language_threshold={self.language_threshold}: use 0..1")

    @classmethod
    def from_settings(
        cls, settings: Settings, speech: Mapping[str, Any] | None = None, **overrides: Any
    ) -> TranscribeOptions:
        """Options from run settings and a profile's ``[speech]`` table (unknown keys fail)."""
        values: dict[str, Any] = {
            "device": settings.device,
            "compute_type": settings.compute_type,
            "languages": settings.languages,
            "default_language": settings.default_language,
            "cache_dir": settings.cache_dir,
        }
        known = {f.name for f in fields(cls)}
        for key, value in {**dict(speech or {}), **overrides}.items():
            if key not in known:
                raise ConfigError(
                    f"[speech] {key}: unknown option; known: {', '.join(sorted(known))}"
                )
            values[key] = value
        return cls(**values)

    @property
    def key(self) -> str:
        """Model and decoding settings that change the text; recorded as ``transcribed_with``."""
        return (
            f"{model_version(self.model)};beam={self.beam_size};vad={int(self.vad_filter)}"
            f";pass1={self.first_pass_beam_size};win={self.window_s:g};v3"
        )
