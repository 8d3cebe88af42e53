"""One call on its way through the engine: its job, windows, decoded utterances, result."""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from vocnlp.errors import VocError
from vocnlp.speech.audio import AudioInfo
from vocnlp.speech.chunks import Chunk, Region
from vocnlp.speech.decoder import Segment, Word
from vocnlp.speech.guards import (
    FLAG_REPETITION,
    GuardSettings,
    LanguageChoice,
    looping_segments,
    segment_flag,
    surest,
)
from vocnlp.speech.transcript import DEFAULT_ROLES, MIXED, CallTranscript, Utterance

FLAG_MONO = "mono_mixed"
"""Call flag: one channel, both parties in it; no speaker separation was done."""
FLAG_LANGUAGE = "language_unsure"
"""Call flag: detection was unsure; the configured default language was used."""


@dataclass(frozen=True)
class CallJob:
    """A recording to transcribe."""

    path: Path
    channel_roles: tuple[str, ...] = DEFAULT_ROLES
    """Speaker of each channel (ignored for mono recordings)."""
    language: str | None = None
    """Language hint from the call metadata (None: detect)."""


@dataclass
class CallState:
    """Mutable progress of one job inside :meth:`Transcriber.transcribe_many`."""

    index: int
    job: CallJob
    started: float
    roles: tuple[str, ...] = ()
    hint: str | None = None
    info: AudioInfo | None = None
    error: VocError | None = None
    pending: list[Chunk] = field(default_factory=list)
    speech: dict[int, list[Region]] = field(default_factory=lambda: defaultdict(list))
    windows: list[tuple[int, dict[str, float], float]] = field(default_factory=list)
    call_language: LanguageChoice | None = None
    channel_language: dict[int, LanguageChoice] = field(default_factory=dict)
    language_fallback: bool = False
    """A channel's own detection was unsure and it borrowed the call's or the other party's."""
    utterances: list[Utterance] = field(default_factory=list)

    def add(self, chunk: Chunk, segments: list[Segment], guards: GuardSettings) -> None:
        """Turn a decoded window's segments into utterances on the call's clock."""
        role = self.roles[chunk.channel] if chunk.channel < len(self.roles) else MIXED
        language = chunk.language or "en"
        looping = looping_segments([seg.text for seg in segments], guards)
        for i, seg in enumerate(segments):
            parts = _split(chunk, seg)
            for words, start, end in parts:
                text = "".join(w.text for w in words).strip() if words else seg.text
                if not text:
                    continue
                share = (
                    sum(chunk.in_speech(w.start, w.end) * (w.end - w.start) for w in words)
                    / max(1e-6, sum(w.end - w.start for w in words))
                    if words
                    else chunk.in_speech(seg.start, seg.end)
                )
                flag = segment_flag(text, seg.avg_logprob, seg.no_speech_prob, share, guards)
                if flag is None and i in looping:
                    flag = FLAG_REPETITION
                self.utterances.append(
                    Utterance(
                        speaker=role,
                        channel=chunk.channel,
                        start=round(start, 3),
                        end=round(max(end, start), 3),
                        text=text,
                        language=language,
                        avg_logprob=round(seg.avg_logprob, 4),
                        no_speech_prob=round(seg.no_speech_prob, 4),
                        flag=flag,
                        words=tuple(
                            (
                                w.text.strip(),
                                round(chunk.to_call_time(w.start), 3),
                                round(chunk.to_call_time(w.end), 3),
                            )
                            for w in words
                        ),
                    )
                )

    def result(self) -> CallTranscript | VocError:
        if self.error is not None:
            return self.error
        assert self.info is not None
        duration = self.info.duration_s
        clipped = [_clip(u, duration) for u in self.utterances]
        clipped.sort(key=lambda u: (u.start, u.channel))
        flags: list[str] = []
        if self.roles == (MIXED,):
            flags.append(FLAG_MONO)
        language = self._language()
        unsure = language.source == "default" or self.language_fallback
        if unsure and any(u.flag is None for u in clipped):
            flags.append(FLAG_LANGUAGE)
        return CallTranscript(
            duration_s=duration,
            sample_rate=self.info.sample_rate,
            channels=self.info.channels,
            language=language.code,
            utterances=[u for u in clipped if u.flag is None],
            language_probability=language.probability,
            language_source=language.source,
            channel_roles=self.roles or (MIXED,),
            elapsed_s=time.perf_counter() - self.started,
            flagged=[u for u in clipped if u.flag is not None],
            flags=tuple(flags),
            speech={ch: list(rs) for ch, rs in self.speech.items()},
        )

    def _language(self) -> LanguageChoice:
        if self.hint is not None:
            return LanguageChoice(self.hint, 1.0, "hint")
        if self.call_language is not None and self.call_language.source == "default":
            # pooled detection unsure: the language a channel was confidently detected in
            sure = surest(self.channel_language.values())
            if sure is not None:
                return sure
        if self.call_language is not None:
            return self.call_language
        return LanguageChoice(self.job.language or "en", 0.0, "default")


def _split(chunk: Chunk, seg: Segment) -> list[tuple[list[Word], float, float]]:
    """A segment's words grouped by the speech piece they fall in, on the call's clock.

    Pieces are separated by pauses of a second or more in the original call, so a segment
    that runs across such a pause (Whisper saw only a short gap) becomes two utterances.
    """
    if not seg.words:
        return [([], chunk.to_call_time(seg.start), chunk.to_call_time(seg.end))]
    groups: list[tuple[int, list[Word]]] = []
    for w in seg.words:
        piece = chunk.piece_index((w.start + w.end) / 2)
        if groups and groups[-1][0] == piece:
            groups[-1][1].append(w)
        else:
            groups.append((piece, [w]))
    out = []
    for piece, words in groups:
        p = chunk.pieces[piece]
        start = min(max(chunk.to_call_time(words[0].start), p.start), p.end)
        end = min(max(chunk.to_call_time(words[-1].end), start), p.end)
        out.append((words, start, end))
    return out


def _clip(u: Utterance, duration: float) -> Utterance:
    if 0 <= u.start <= u.end <= duration:
        return u
    from dataclasses import replace

    start = min(max(0.0, u.start), duration)
    return replace(u, start=start, end=min(max(start, u.end), duration))
