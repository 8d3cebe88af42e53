"""The faster-whisper engine: one model per process, per-channel speakers, guarded output.

A stereo call is transcribed channel by channel, each channel's speech labelled with its
role (``channel_roles``, default agent then customer); a mono call gives one ``mixed``
speaker.  The language is the caller's hint, else Whisper's detection restricted to the
allowed languages (falling back to ``default_language`` when unsure).  Segments that look
like hallucinations (silence decoded as text, repetition loops) are dropped.

faster-whisper and CTranslate2 are imported lazily: ``import vocnlp`` stays cheap.
"""

from __future__ import annotations

import dataclasses
import logging
import time
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import numpy as np

from vocnlp.config import Settings, check_languages, default_cache_dir
from vocnlp.errors import ConfigError, InputError
from vocnlp.speech.audio import SAMPLE_RATE, decode
from vocnlp.speech.backend import auto_threads, import_faster_whisper, load_model, resolve_device
from vocnlp.speech.model import model_version, resolve_model
from vocnlp.speech.transcript import MIXED, CallTranscript, Utterance, parse_roles

logger = logging.getLogger(__name__)

_DEVICES = ("auto", "cpu", "cuda")


@dataclass
class TranscribeOptions:
    """How calls are transcribed.  Defaults suit the offline CPU profile."""

    model: str = "packaged:whisper-base"
    """``packaged:whisper-base``, a CTranslate2 model directory, or a faster-whisper name."""
    device: str = "auto"
    """auto (CUDA when CTranslate2 sees a GPU, else CPU) | cpu | cuda."""
    compute_type: str = "auto"
    """auto (cuda: float16, cpu: int8) or any CTranslate2 compute type."""
    cpu_threads: int = 0
    """CPU threads for CTranslate2; 0 = the cores this process may use (at most 8)."""
    beam_size: int = 5
    """Beam width; 1 is greedy (faster, slightly less accurate)."""
    vad_filter: bool = True
    """Skip non-speech with Silero VAD (shipped in faster-whisper) before decoding."""
    language: str | None = None
    """Force one language for every call (None: per-call hint, else detection)."""
    languages: tuple[str, ...] = ("en", "ru", "uk", "ro")
    """Languages detection may choose from (ISO 639-1)."""
    default_language: str = "en"
    """Used when the best allowed language has less than ``language_threshold``."""
    language_threshold: float = 0.5
    """Minimum share of the detected language among the allowed ones."""
    no_speech_threshold: float = 0.6
    """Drop a segment whose no-speech probability is above this ..."""
    logprob_threshold: float = -1.0
    """... and whose mean token log-probability is below this (silence decoded as text)."""
    compression_ratio_threshold: float = 2.4
    """Drop a segment whose text gzip-compresses better than this (a repetition loop)."""
    local_files_only: bool = False
    """For faster-whisper names: never try to download (fail if not cached)."""
    cache_dir: Path = field(default_factory=default_cache_dir)
    """Where packaged models are assembled."""

    def __post_init__(self) -> None:
        self.cache_dir = Path(self.cache_dir)
        if self.device not in _DEVICES:
            raise ConfigError(f"device={self.device!r}: use auto, cpu or cuda")
        if self.beam_size < 1:
            raise ConfigError(f"beam_size={self.beam_size}: must be >= 1")
        if self.cpu_threads < 0:
            raise ConfigError(f"cpu_threads={self.cpu_threads}: must be >= 0 (0 = auto)")
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
        return f"{model_version(self.model)};beam={self.beam_size};vad={int(self.vad_filter)}"


class Transcriber:
    """Transcribes call recordings with one shared faster-whisper model.

    The model is loaded on first use (so an all-skipped re-run loads nothing) and shared by
    every Transcriber with the same model, device, compute type and thread count.
    """

    def __init__(self, options: TranscribeOptions | None = None, **overrides: Any) -> None:
        base = options or TranscribeOptions()
        self.options = TranscribeOptions(**{**base.__dict__, **overrides}) if overrides else base
        self._model: Any = None
        self.device: str | None = None
        """Resolved device once the model is loaded (cpu | cuda)."""
        self.compute_type: str | None = None
        """Resolved CTranslate2 compute type once the model is loaded."""
        self.key = self.options.key
        """``transcribed_with`` of every call this transcriber handles."""
        self.version = model_version(self.options.model)

    @property
    def model(self) -> Any:
        """The faster-whisper ``WhisperModel`` (loaded on first access)."""
        if self._model is None:
            opts = self.options
            device, compute_type = resolve_device(opts.device, opts.compute_type)
            threads = opts.cpu_threads or auto_threads()
            path = resolve_model(opts.model, opts.cache_dir)
            self._model = load_model(path, device, compute_type, threads, opts.local_files_only)
            self.device, self.compute_type = device, compute_type
        return self._model

    def supports_language(self, code: str) -> bool:
        """Whether Whisper can decode in ``code`` (e.g. ``"ru"``)."""
        return code in set(self.model.supported_languages)

    def transcribe(
        self,
        path: str | Path,
        channel_roles: str | Sequence[str] | None = ("agent", "customer"),
        language: str | None = None,
    ) -> CallTranscript:
        """Transcribe one recording.

        Stereo (or more channels): channel *i* is spoken by ``channel_roles[i]``; give one
        role per channel.  A mono file, or a stereo file whose channels are identical, gives
        one speaker ``mixed``.  ``language`` (a hint, e.g. from call metadata) beats
        ``options.language``, which beats detection.

        Raises :class:`~vocnlp.errors.AudioError` for unusable audio and
        :class:`~vocnlp.errors.InputError` for roles that do not match the channels or an
        unknown language code.
        """
        started = time.perf_counter()
        audio, info = decode(path, SAMPLE_RATE)
        roles = parse_roles(channel_roles)
        if audio.shape[0] == 1 or _same_channels(audio):
            if audio.shape[0] > 1:
                logger.info("%s: channels are identical; transcribing it as mono", path)
            tracks, roles = audio[:1], (MIXED,)
        elif len(roles) != audio.shape[0]:
            raise InputError(
                f"{path}: {audio.shape[0]} channels but channel_roles names {len(roles)} "
                f"({','.join(roles)}); give one role per channel"
            )
        else:
            tracks = audio

        regions = [self._regions(t) for t in tracks]
        hint = (language or self.options.language or "").strip().lower() or None
        if hint is not None:
            if not self.supports_language(hint):
                raise InputError(f"language {hint!r} is not a Whisper language code")
            lang, prob, source = hint, 1.0, "hint"
        elif not any(regions):
            lang, prob, source = self.options.default_language, 0.0, "default"
        else:
            lang, prob, source = self._detect(_cut(tracks, regions, 30.0))

        utterances: list[Utterance] = []
        for channel, (track, role) in enumerate(zip(tracks, roles, strict=True)):
            if not regions[channel]:
                continue  # nothing but silence on this channel: skip the encoder entirely
            found = self._channel(track, channel, role, lang, info.duration_s)
            utterances.extend(_trim(u, regions[channel]) for u in found)
        utterances.sort(key=lambda u: (u.start, u.channel))
        elapsed = time.perf_counter() - started
        logger.info(
            "%s: %.1f s audio, %d utterance(s), language %s (%s %.2f), %.2fx real time",
            path,
            info.duration_s,
            len(utterances),
            lang,
            source,
            prob,
            elapsed / info.duration_s if info.duration_s else 0.0,
        )
        return CallTranscript(
            duration_s=info.duration_s,
            sample_rate=info.sample_rate,
            channels=info.channels,
            language=lang,
            utterances=utterances,
            language_probability=prob,
            language_source=source,
            channel_roles=tuple(roles),
            elapsed_s=elapsed,
        )

    def _regions(self, track: np.ndarray) -> list[tuple[float, float]]:
        """Speech regions of one channel in seconds, tight (30 ms padding); all when VAD is off.

        Whisper gets the VAD's default, generously padded chunks for context; these tight
        regions only trim utterance boundaries and feed language detection.
        """
        if not self.options.vad_filter:
            return [(0.0, track.shape[0] / SAMPLE_RATE)] if track.shape[0] else []
        vad = import_faster_whisper().vad
        tight = vad.VadOptions(speech_pad_ms=30, min_silence_duration_ms=300)
        chunks = vad.get_speech_timestamps(track, tight)
        return [(c["start"] / SAMPLE_RATE, c["end"] / SAMPLE_RATE) for c in chunks]

    def _detect(self, speech: np.ndarray) -> tuple[str, float, str]:
        """Best allowed language for ``speech`` as (code, share among allowed, source)."""
        opts = self.options
        _, _, all_probs = self.model.detect_language(audio=speech)
        allowed = {code: float(p) for code, p in all_probs if code in opts.languages}
        total = sum(allowed.values())
        if total <= 0:
            return opts.default_language, 0.0, "default"
        best = max(allowed, key=lambda code: allowed[code])
        share = allowed[best] / total
        logger.debug("language scores among allowed: %s", allowed)
        if share < opts.language_threshold:
            return opts.default_language, share, "default"
        return best, share, "detected"

    def _channel(
        self, track: np.ndarray, channel: int, role: str, language: str, duration: float
    ) -> list[Utterance]:
        opts = self.options
        segments, _ = self.model.transcribe(
            track,
            language=language,
            beam_size=opts.beam_size,
            vad_filter=opts.vad_filter,
            condition_on_previous_text=False,
            no_speech_threshold=opts.no_speech_threshold,
            log_prob_threshold=opts.logprob_threshold,
            compression_ratio_threshold=opts.compression_ratio_threshold,
        )
        out: list[Utterance] = []
        for seg in segments:
            text = seg.text.strip()
            if not text or self._hallucinated(seg):
                logger.debug("dropped segment %.1f-%.1f %r", seg.start, seg.end, text)
                continue
            start = min(max(0.0, float(seg.start)), duration)
            end = min(max(start, float(seg.end)), duration)
            out.append(
                Utterance(
                    speaker=role,
                    channel=channel,
                    start=round(start, 3),
                    end=round(end, 3),
                    text=text,
                    language=language,
                    avg_logprob=float(seg.avg_logprob),
                    no_speech_prob=float(seg.no_speech_prob),
                )
            )
        return out

    def _hallucinated(self, seg: Any) -> bool:
        """Silence decoded as text, or a repetition loop inside one segment.

        faster-whisper reports the compression ratio of the whole 30 s window; a call that
        truly repeats itself (an IVR prompt, "hello? hello?") would lose every segment of the
        window, so the ratio is measured on the segment's own text.
        """
        opts = self.options
        silent = seg.no_speech_prob > opts.no_speech_threshold
        return bool(
            (silent and seg.avg_logprob < opts.logprob_threshold)
            or compression_ratio(seg.text) > opts.compression_ratio_threshold
        )


def compression_ratio(text: str) -> float:
    """UTF-8 length / zlib-compressed length, Whisper's repetition measure."""
    data = text.strip().encode("utf-8")
    return len(data) / len(zlib.compress(data)) if data else 0.0


def _same_channels(audio: np.ndarray, tolerance: float = 1e-3) -> bool:
    """True when every channel carries the same signal (mono saved as stereo)."""
    step = 1 << 20  # compare a block at a time: true stereo exits on the first block
    for i in range(0, audio.shape[1], step):
        block = audio[:, i : i + step]
        if np.max(np.abs(block[1:] - block[:1]), initial=0.0) > tolerance:
            return False
    return True


def _cut(
    tracks: np.ndarray, regions: list[list[tuple[float, float]]], limit_s: float
) -> np.ndarray:
    """Up to ``limit_s`` seconds of speech from all channels, in time order."""
    spans = sorted((start, end, ch) for ch, rs in enumerate(regions) for start, end in rs)
    pieces: list[np.ndarray] = []
    left = int(limit_s * SAMPLE_RATE)
    for start, end, ch in spans:
        piece = tracks[ch, int(start * SAMPLE_RATE) : int(end * SAMPLE_RATE)][:left]
        pieces.append(piece)
        left -= piece.shape[0]
        if left <= 0:
            break
    return np.concatenate(pieces) if pieces else tracks[0, :0]


def _trim(
    utterance: Utterance, regions: list[tuple[float, float]], min_s: float = 0.2
) -> Utterance:
    """Shrink an utterance to the speech the VAD heard inside it.

    Whisper's segment times lean early and late (VAD padding, 20 ms token grid, a segment
    that swallows the pause before it); tight boundaries keep turn-taking from showing up
    as overtalk in the acoustics.  Speech overlapping the utterance by less than ``min_s``
    (the tail of the previous sentence) does not count.
    """
    inside = [
        (max(s, utterance.start), min(e, utterance.end))
        for s, e in regions
        if min(e, utterance.end) - max(s, utterance.start) >= min_s
    ]
    if not inside:
        return utterance
    start, end = inside[0][0], inside[-1][1]
    return dataclasses.replace(utterance, start=round(start, 3), end=round(end, 3))
