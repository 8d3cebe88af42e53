"""What transcription produces: utterances per speaker and the transcript of one call.

Plain dataclasses with no heavy imports, shared by the engine, acoustics and the calls stage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from vocnlp.errors import InputError
from vocnlp.schema import SPEAKER_ROLES

DEFAULT_ROLES: tuple[str, ...] = ("agent", "customer")
"""Channel 0 is the agent, channel 1 the customer: the usual call-recorder layout."""

MIXED = "mixed"
"""Speaker of a mono recording (both parties on one channel)."""


@dataclass(frozen=True)
class Utterance:
    """One stretch of speech by one speaker, as Whisper segmented it."""

    speaker: str
    """agent | customer | mixed (mono recordings)."""
    channel: int
    """Channel index in the file (0-based)."""
    start: float
    """Start, seconds from the start of the call."""
    end: float
    """End, seconds from the start of the call."""
    text: str
    """Transcribed text (raw unless the caller redacted it)."""
    language: str
    """Language the text was decoded in (ISO 639-1)."""
    avg_logprob: float
    """Mean token log-probability: near 0 is confident, below -1 is doubtful."""
    no_speech_prob: float
    """Whisper's probability that the window held no speech."""
    flag: str | None = None
    """Why the text is not trusted (no_speech | repetition | silence | boilerplate), or None.
    Flagged utterances stay out of the analytics (feedback, talk time, scores)."""
    words: tuple[tuple[str, float, float], ...] = ()
    """(word, start, end) on the call's clock, when word timestamps were on."""

    @property
    def duration(self) -> float:
        return max(0.0, self.end - self.start)


@dataclass
class CallTranscript:
    """The transcript of one recording, utterances sorted by start time."""

    duration_s: float
    """Decoded length of the recording, seconds."""
    sample_rate: int
    """Native sample rate of the file, Hz."""
    channels: int
    """Channels in the file."""
    language: str
    """Language used to decode (the hint, the detected one, or the default)."""
    utterances: list[Utterance] = field(default_factory=list)
    """Speech segments of all speakers, sorted by (start, channel)."""
    language_probability: float = 1.0
    """1.0 for a hint; else the detected language's share among the allowed languages."""
    language_source: str = "hint"
    """hint | detected | default (detection was unsure, ``default_language`` was used)."""
    channel_roles: tuple[str, ...] = (MIXED,)
    """Speaker of each transcribed channel, in channel order."""
    elapsed_s: float = 0.0
    """Wall time spent decoding and transcribing, seconds."""
    flagged: list[Utterance] = field(default_factory=list)
    """Utterances the hallucination guards did not trust (kept for auditing only)."""
    flags: tuple[str, ...] = ()
    """Call-level flags: mono_mixed (no speaker separation), language_unsure."""
    speech: dict[int, list[tuple[float, float]]] = field(default_factory=dict)
    """Speech regions (VAD) per channel index, seconds: the acoustics' view of the call."""

    @property
    def real_time_factor(self) -> float:
        """Processing time / audio time (below 1 is faster than real time)."""
        return self.elapsed_s / self.duration_s if self.duration_s > 0 else 0.0

    @property
    def text(self) -> str:
        """All utterances as ``speaker: text`` lines, in time order."""
        return "\n".join(f"{u.speaker}: {u.text}" for u in self.utterances)


def parse_roles(value: str | Sequence[str] | None) -> tuple[str, ...]:
    """Channel roles from ``"agent,customer"``, a sequence, or empty/None (the default).

    Raises :class:`~vocnlp.errors.InputError` for a role outside agent/customer/mixed.
    """
    if value is None:
        return DEFAULT_ROLES
    items = value.split(",") if isinstance(value, str) else list(value)
    roles = tuple(str(x).strip().lower() for x in items if str(x).strip())
    if not roles:
        return DEFAULT_ROLES
    bad = [r for r in roles if r not in SPEAKER_ROLES]
    if bad:
        raise InputError(
            f"channel_roles {','.join(roles)!r}: unknown role(s) {', '.join(bad)}; "
            f"use {', '.join(SPEAKER_ROLES)} (one per channel, e.g. agent,customer)"
        )
    return roles
