"""Audio decoding with PyAV: probe a file, decode it to float32 per channel at 16 kHz.

Channels are kept apart (call-center recordings put the agent and the customer on their own
channel), whatever their count.  Files that cannot be used raise
:class:`~vocnlp.errors.AudioError` (or its subclass :class:`AudioEmptyError`) with a reason a
person can act on; :mod:`vocnlp.speech.calls` turns those into ``rejects`` rows.

PyAV is imported lazily so that ``import vocnlp`` stays cheap without the ``audio`` extra.
"""

from __future__ import annotations

import logging
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from vocnlp.errors import AudioError, MissingExtraError

logger = logging.getLogger(__name__)

SAMPLE_RATE = 16000
"""The rate Whisper models expect; :func:`load_channels` resamples to it by default."""

SUPPORTED_SUFFIXES = (".wav", ".mp3", ".ogg", ".opus", ".flac", ".m4a", ".aac", ".webm")
"""Extensions the inbox scanner should pick up (PyAV/FFmpeg decodes more)."""

_TRUNCATION_TOLERANCE = 0.98
"""Decoded audio shorter than this share of the declared length counts as truncated."""


class AudioEmptyError(AudioError):
    """The file exists but holds no audio samples (0 bytes, or a header with no data)."""


@dataclass(frozen=True)
class AudioInfo:
    """What a recording is, as read from its container (before any resampling)."""

    duration_s: float
    """Length in seconds (decoded length when it was decoded, else the declared one)."""
    sample_rate: int
    """Native sample rate in Hz (8000 for most telephone recordings)."""
    channels: int
    """Number of channels (2 for agent/customer stereo recordings)."""


def _import_av() -> Any:
    try:
        import av
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise MissingExtraError("av", "audio") from exc
    return av


def _check_file(path: Path) -> None:
    if not path.exists():
        raise AudioError(path, "file not found")
    if not path.is_file():
        raise AudioError(path, "not a regular file")
    if path.stat().st_size == 0:
        raise AudioEmptyError(path, "empty file (0 bytes)")


def _open(path: Path) -> Any:
    av = _import_av()
    _check_file(path)
    try:
        container = av.open(str(path), mode="r", metadata_errors="ignore")
    except av.error.FFmpegError as exc:
        raise AudioError(path, f"not a readable audio file ({_ffmpeg_reason(exc)})") from exc
    if not container.streams.audio:
        container.close()
        raise AudioError(path, f"no audio stream in this {container.format.name} file")
    return container


def _ffmpeg_reason(exc: BaseException) -> str:
    text = getattr(exc, "strerror", None) or str(exc)
    return str(text).split(":")[0].strip() or type(exc).__name__


def _declared_duration(container: Any, stream: Any) -> float | None:
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None:
        return float(container.duration) / 1_000_000
    return None


def probe_audio(path: str | Path) -> AudioInfo:
    """Read duration, sample rate and channel count from the container header.

    Raises :class:`AudioError` when the file is missing, empty or not audio.  The duration is
    the declared one; when the container declares none, the file is decoded to measure it.
    """
    path = Path(path)
    _check_wav_header(path)
    container = _open(path)
    try:
        stream = container.streams.audio[0]
        rate = int(stream.codec_context.sample_rate or stream.rate or 0)
        channels = int(stream.codec_context.channels or 0)
        duration = _declared_duration(container, stream)
    finally:
        container.close()
    if rate <= 0 or channels <= 0:
        raise AudioError(path, "the audio stream declares no sample rate or channels")
    if duration is None:
        return decode(path, sample_rate=rate)[1]
    return AudioInfo(duration_s=duration, sample_rate=rate, channels=channels)


def load_channels(path: str | Path, sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """Decode ``path`` to float32 samples in [-1, 1], shape ``(channels, samples)``.

    Each channel is kept separate and resampled to ``sample_rate``.  Raises
    :class:`AudioError` for missing, corrupt, truncated or unsupported files and
    :class:`AudioEmptyError` for files without samples.
    """
    return decode(path, sample_rate)[0]


def decode(path: str | Path, sample_rate: int = SAMPLE_RATE) -> tuple[np.ndarray, AudioInfo]:
    """Like :func:`load_channels`, also returning the file's :class:`AudioInfo`.

    ``AudioInfo.duration_s`` is the decoded length, ``sample_rate`` the native rate.
    """
    stream = AudioStream(path, sample_rate, block_s=None)
    blocks = list(stream)
    audio = np.concatenate(blocks, axis=1) if len(blocks) > 1 else blocks[0]
    assert stream.info is not None
    return audio, stream.info


class AudioStream:
    """Decode a recording block by block, in bounded memory (multi-hour files).

    Iterating yields float32 arrays ``(channels, samples)`` of ``block_s`` seconds (the last
    one shorter; one block for the whole file when ``block_s`` is None).  After the last
    block, :attr:`info` holds the file's :class:`AudioInfo`.  Raises :class:`AudioError` /
    :class:`AudioEmptyError` like :func:`decode` -- possibly after some blocks were yielded,
    when the file turns out to be truncated.
    """

    def __init__(
        self, path: str | Path, sample_rate: int = SAMPLE_RATE, block_s: float | None = 600.0
    ) -> None:
        self.path = Path(path)
        self.sample_rate = sample_rate
        self.block = int(block_s * sample_rate) if block_s else None
        self.info: AudioInfo | None = None
        _check_wav_header(self.path)

    def __iter__(self) -> Iterator[np.ndarray]:
        av = _import_av()
        path, rate = self.path, self.sample_rate
        container = _open(path)
        chunks: list[np.ndarray] = []
        held = decoded = errors = 0
        try:
            stream = container.streams.audio[0]
            native_rate = int(stream.codec_context.sample_rate or 0)
            channels = int(stream.codec_context.channels or 0)
            declared = _declared_duration(container, stream)
            resampler = av.audio.resampler.AudioResampler(format="fltp", rate=rate)
            frames = container.decode(stream)
            while True:
                try:
                    frame = next(frames)
                except StopIteration:
                    break
                except av.error.FFmpegError as exc:
                    errors += 1
                    logger.debug("%s: skipping undecodable data: %s", path, exc)
                    if errors > 50:
                        break
                    continue
                frame.pts = None
                for out in resampler.resample(frame):
                    chunks.append(out.to_ndarray())
                    held += chunks[-1].shape[1]
                if self.block and held >= self.block:
                    block = np.concatenate(chunks, axis=1).astype(np.float32, copy=False)
                    chunks = [block[:, self.block :]]
                    held = chunks[0].shape[1]
                    decoded += self.block
                    yield block[:, : self.block]
            for out in resampler.resample(None):
                chunks.append(out.to_ndarray())
        except av.error.FFmpegError as exc:
            raise AudioError(path, f"cannot decode audio ({_ffmpeg_reason(exc)})") from exc
        finally:
            container.close()

        if chunks:
            tail = np.concatenate(chunks, axis=1).astype(np.float32, copy=False)
        else:
            tail = np.zeros((max(channels, 1), 0), dtype=np.float32)
        decoded += tail.shape[1]
        decoded_s = decoded / rate
        if errors and (declared is None or decoded_s < declared * _TRUNCATION_TOLERANCE):
            if decoded == 0:
                raise AudioError(path, f"corrupt audio: none of its {errors} packet(s) decode")
            raise AudioError(
                path,
                f"truncated or corrupt: decoding stopped at {decoded_s:.1f} s"
                + (f" of the declared {declared:.1f} s" if declared else ""),
            )
        if decoded == 0:
            raise AudioEmptyError(path, "no audio samples in the file")
        if errors:
            logger.warning("%s: %d undecodable packet(s) skipped", path, errors)
        self.info = AudioInfo(duration_s=decoded_s, sample_rate=native_rate, channels=tail.shape[0])
        if tail.shape[1] or decoded == tail.shape[1]:
            yield tail


def _check_wav_header(path: Path) -> None:
    """Raise if a RIFF/WAVE file declares more sample data than the file holds.

    FFmpeg silently shortens such files, so a recording cut off by a failed upload would
    otherwise pass as a shorter call.
    """
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(64 * 1024)
    except OSError:
        return  # _open reports missing/unreadable files
    if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        return
    pos = 12
    while pos + 8 <= len(head):
        chunk_id = head[pos : pos + 4]
        (chunk_size,) = struct.unpack("<I", head[pos + 4 : pos + 8])
        if chunk_id == b"data":
            if chunk_size in (0, 0xFFFFFFFF):  # streaming writers leave the size unset
                return
            available = size - (pos + 8)
            if available < chunk_size:
                raise AudioError(
                    path,
                    f"truncated WAV: header declares {chunk_size} bytes of audio, "
                    f"the file holds {max(available, 0)}",
                )
            return
        pos += 8 + chunk_size + (chunk_size & 1)
