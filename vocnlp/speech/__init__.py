"""Speech stage: decode recordings, transcribe each channel with faster-whisper, measure talk.

Only cheap modules are imported here; faster-whisper, CTranslate2 and PyAV load on first use.

    >>> from vocnlp.speech import Transcriber, TranscribeOptions
    >>> t = Transcriber(TranscribeOptions(device="cpu"))
    >>> t.transcribe("call.flac", channel_roles=("agent", "customer")).text  # doctest: +SKIP
"""

from __future__ import annotations

from vocnlp.speech.acoustics import call_metrics
from vocnlp.speech.audio import AudioEmptyError, AudioInfo, load_channels, probe_audio
from vocnlp.speech.calls import CallsResult, done_key, done_keys, transcribe_calls
from vocnlp.speech.engine import TranscribeOptions, Transcriber, resolve_device
from vocnlp.speech.model import model_version, resolve_model
from vocnlp.speech.transcript import CallTranscript, Utterance, parse_roles

__all__ = [
    "AudioEmptyError",
    "AudioInfo",
    "CallTranscript",
    "CallsResult",
    "TranscribeOptions",
    "Transcriber",
    "Utterance",
    "call_metrics",
    "done_key",
    "done_keys",
    "load_channels",
    "model_version",
    "parse_roles",
    "probe_audio",
    "resolve_device",
    "resolve_model",
    "transcribe_calls",
]
