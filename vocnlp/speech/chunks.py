"""Speech regions per channel and their packing into dense Whisper windows.

Whisper's encoder always reads 30 s.  A call channel is mostly silence (the other party is
talking), so instead of feeding it window by window, the speech regions found by Silero VAD
are packed into windows of at most ``max_s`` seconds, separated by ``gap_s`` of silence.
Every packed window (a :class:`Chunk`) remembers where each piece came from, so times
decoded inside the window map back to the call's clock (:meth:`Chunk.to_call_time`).
A window only ever holds one channel of one call: nothing the agent says can end up in a
customer segment, and no call's language or context leaks into another's.

Telephone channels often carry a faint copy of the other side (echo, crosstalk); a region
that is much quieter than the other channel at the same moment is dropped as bleed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from vocnlp.speech.audio import SAMPLE_RATE
from vocnlp.speech.backend import import_faster_whisper

Region = tuple[float, float]


@dataclass(frozen=True)
class VadSettings:
    """Silero VAD settings tuned for 8 kHz call channels (seconds unless named otherwise)."""

    threshold: float = 0.5
    """Speech probability above which a frame is speech."""
    min_speech_ms: int = 200
    """Shorter bursts are ignored (clicks, breaths)."""
    min_silence_ms: int = 400
    """A pause must last this long to end a region."""
    pad_ms: int = 150
    """Padding kept around each region (word onsets and endings)."""
    max_region_s: float = 24.0
    """Longer regions are cut (at the quietest point Silero finds)."""


@dataclass
class Piece:
    """One stretch of original audio inside a packed window."""

    at: float
    """Where it starts inside the window, seconds."""
    start: float
    """Where it starts in the call, seconds."""
    end: float
    """Where it ends in the call, seconds."""

    @property
    def duration(self) -> float:
        return self.end - self.start


@dataclass
class Chunk:
    """A packed window of one channel of one call, ready for the encoder."""

    job: int
    """Index of the call in the batch."""
    channel: int
    """Channel index in the file."""
    pieces: list[Piece]
    """Original stretches in window order."""
    audio: np.ndarray
    """16 kHz float32 samples, at most ``max_s`` seconds."""
    language: str | None = None
    """Language to decode in (set before decoding)."""
    encoded: Any = None
    """Encoder output (numpy, cached between language detection and decoding)."""
    language_probs: dict[str, float] = field(default_factory=dict)
    """Whisper's language probabilities for this window."""

    @property
    def duration(self) -> float:
        return self.audio.shape[0] / SAMPLE_RATE

    @property
    def speech_s(self) -> float:
        return sum(p.duration for p in self.pieces)

    def to_call_time(self, t: float) -> float:
        """Map a time inside the window to the call's clock (gaps snap to a piece edge)."""
        best = self.pieces[0]
        for piece in self.pieces:
            if t < piece.at:
                # inside the gap before this piece: snap to the closer edge
                before = t - (best.at + best.duration)
                return piece.start if before > piece.at - t else best.end
            best = piece
            if t <= piece.at + piece.duration:
                break
        return min(best.start + max(0.0, t - best.at), best.end)

    def piece_index(self, t: float) -> int:
        """Index of the piece that holds (or is nearest to) window time ``t``."""
        for i, piece in enumerate(self.pieces):
            if t < piece.at + piece.duration + 1e-3:
                if i and t < piece.at:
                    prev = self.pieces[i - 1]
                    return i - 1 if t - (prev.at + prev.duration) < piece.at - t else i
                return i
        return len(self.pieces) - 1

    def in_speech(self, start: float, end: float) -> float:
        """Share of window span ``[start, end]`` that lies on original speech (0..1)."""
        if end <= start:
            return 1.0
        inside = sum(max(0.0, min(end, p.at + p.duration) - max(start, p.at)) for p in self.pieces)
        return inside / (end - start)


def speech_regions(track: np.ndarray, vad: VadSettings) -> list[Region]:
    """Speech regions of one 16 kHz channel, seconds."""
    if track.shape[0] < SAMPLE_RATE // 10:
        return []
    fw = import_faster_whisper()
    opts = fw.vad.VadOptions(
        threshold=vad.threshold,
        min_speech_duration_ms=vad.min_speech_ms,
        min_silence_duration_ms=vad.min_silence_ms,
        speech_pad_ms=vad.pad_ms,
        max_speech_duration_s=vad.max_region_s,
    )
    found = fw.vad.get_speech_timestamps(track, opts)
    return [(c["start"] / SAMPLE_RATE, c["end"] / SAMPLE_RATE) for c in found]


def _rms(track: np.ndarray, start: float, end: float) -> float:
    piece = track[int(start * SAMPLE_RATE) : int(end * SAMPLE_RATE)]
    return float(np.sqrt(np.mean(np.square(piece, dtype=np.float64)))) if piece.size else 0.0


def drop_bleed(
    tracks: np.ndarray, regions: list[list[Region]], ratio_db: float = 18.0
) -> list[list[Region]]:
    """Drop regions that are ``ratio_db`` quieter than another channel at the same time.

    Crosstalk (the agent's voice leaking, attenuated, into the customer's channel) would
    otherwise be transcribed twice and attributed to both speakers.
    """
    if tracks.shape[0] < 2:
        return regions
    factor = 10 ** (-ratio_db / 20)
    out: list[list[Region]] = []
    for ch, rs in enumerate(regions):
        kept = []
        for start, end in rs:
            own = _rms(tracks[ch], start, end)
            loudest = max(_rms(tracks[o], start, end) for o in range(tracks.shape[0]) if o != ch)
            if own >= loudest * factor:
                kept.append((start, end))
        out.append(kept)
    return out


def join_regions(regions: list[Region], join_gap_s: float, max_s: float) -> list[Region]:
    """Merge regions separated by less than ``join_gap_s`` (never beyond ``max_s`` long)."""
    out: list[Region] = []
    for start, end in regions:
        if out and start - out[-1][1] < join_gap_s and end - out[-1][0] <= max_s:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def pack(
    track: np.ndarray,
    regions: list[Region],
    job: int,
    channel: int,
    offset_s: float = 0.0,
    max_s: float = 28.0,
    gap_s: float = 0.5,
    join_gap_s: float = 1.0,
) -> list[Chunk]:
    """Pack the speech ``regions`` of ``track`` into windows of at most ``max_s`` seconds.

    ``track`` starts at ``offset_s`` in the call (a block of a long file); region times are
    relative to ``track``.  Regions closer than ``join_gap_s`` stay together with the pause
    between them; farther ones are separated by ``gap_s`` of silence.
    """
    chunks: list[Chunk] = []
    pieces: list[Piece] = []
    parts: list[np.ndarray] = []
    at = 0.0
    silence = np.zeros(int(gap_s * SAMPLE_RATE), dtype=np.float32)

    def flush() -> None:
        nonlocal pieces, parts, at
        if pieces:
            audio = np.concatenate(parts).astype(np.float32, copy=False)
            chunks.append(Chunk(job, channel, pieces, audio))
        pieces, parts, at = [], [], 0.0

    for start, end in join_regions(regions, join_gap_s, max_s):
        end = min(end, start + max_s)
        lo, hi = int(start * SAMPLE_RATE), int(end * SAMPLE_RATE)
        if hi <= lo:
            continue
        if pieces and at + gap_s + (hi - lo) / SAMPLE_RATE > max_s:
            flush()
        if pieces:
            parts.append(silence)
            at += gap_s
        parts.append(track[lo:hi])
        pieces.append(
            Piece(at=at, start=offset_s + lo / SAMPLE_RATE, end=offset_s + hi / SAMPLE_RATE)
        )
        at += (hi - lo) / SAMPLE_RATE
    flush()
    return chunks


def uncovered(chunk: Chunk, spans: list[tuple[float, float]], min_s: float = 1.0) -> list[int]:
    """Pieces of at least ``min_s`` that no decoded span (window clock) touches.

    Whisper sometimes ends a window early and drops the speech after it (most often a
    phrase repeated word for word); those pieces get a second chance in a new window.
    """
    return [
        i
        for i, p in enumerate(chunk.pieces)
        if p.duration >= min_s and not any(s < p.at + p.duration and p.at < e for s, e in spans)
    ]


def repack(chunk: Chunk, indices: list[int], gap_s: float = 0.5) -> Chunk:
    """A new window holding only the pieces ``indices`` of ``chunk`` (same job and channel)."""
    parts: list[np.ndarray] = []
    pieces: list[Piece] = []
    at = 0.0
    silence = np.zeros(int(gap_s * SAMPLE_RATE), dtype=np.float32)
    for i in indices:
        p = chunk.pieces[i]
        if pieces:
            parts.append(silence)
            at += gap_s
        lo = round(p.at * SAMPLE_RATE)
        audio = chunk.audio[lo : lo + round(p.duration * SAMPLE_RATE)]
        parts.append(audio)
        pieces.append(Piece(at=at, start=p.start, end=p.end))
        at += audio.shape[0] / SAMPLE_RATE
    return Chunk(chunk.job, chunk.channel, pieces, np.concatenate(parts), chunk.language)
