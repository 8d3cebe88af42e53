"""Speech stage: decode recordings, transcribe each channel with faster-whisper, measure talk.

Only cheap modules are imported here; faster-whisper, CTranslate2 and PyAV load on first use.

    >>> from vocnlp.speech import Transcriber, TranscribeOptions
    >>> t = Transcriber(TranscribeOptions(device="cpu"))
    >>> t.transcribe("call.flac", channel_roles=("agent", "customer")).text  # doctest: +SKIP
"""

from __future__ import annotations

from vocnlp.speech.acoustics import call_metrics
from vocnlp.speech.audio import AudioEmptyError, AudioInfo, AudioStream, load_channels, probe_audio
from vocnlp.speech.calljob import CallJob
from vocnlp.speech.calls import CallsResult, done_key, done_keys, transcribe_calls
from vocnlp.speech.engine import Transcriber, resolve_device
from vocnlp.speech.model import model_version, resolve_model
from vocnlp.speech.options import TranscribeOptions
from vocnlp.speech.redact_audio import mute_spans
from vocnlp.speech.survey import SpokenScore, find_score, parse_score
from vocnlp.speech.transcript import CallTranscript, Utterance, parse_roles

__all__ = [
    "AudioEmptyError",
    "AudioInfo",
    "AudioStream",
    "CallJob",
    "CallTranscript",
    "CallsResult",
    "SpokenScore",
    "TranscribeOptions",
    "Transcriber",
    "Utterance",
    "call_metrics",
    "done_key",
    "done_keys",
    "find_score",
    "load_channels",
    "model_version",
    "mute_spans",
    "parse_roles",
    "parse_score",
    "probe_audio",
    "resolve_device",
    "resolve_model",
    "transcribe_calls",
]
