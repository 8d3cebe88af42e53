"""Conversation acoustics from utterance timings: talk share, silence, overtalk, pace.

All measures come from the utterances' start/end times (Whisper segment timestamps, so
accurate to a few hundred milliseconds), not from the waveform.

Per speaker (the ``call_metrics`` table):

* ``talk_s`` — seconds the speaker talks (their overlapping segments merged);
* ``talk_ratio`` — ``talk_s`` / the sum of every speaker's ``talk_s`` (0..1);
* ``silence_pct`` — percent (0..100) of the call in which nobody talks (same for all rows);
* ``longest_silence_s`` — the longest gap with nobody talking *between* the first and the
  last speech (dead air, holds); ring time before and after is not counted.  The whole
  call when nobody speaks.  Same for all rows;
* ``overtalk_count`` — how many times this speaker started talking while another speaker
  was talking (interruptions made by this speaker);
* ``overtalk_s`` — seconds this speaker talks at the same time as another speaker;
* ``words_per_min`` — words / talk minutes (0 when the speaker does not talk);
* ``response_latency_s`` — agent rows: median seconds from the end of a customer turn to the
  agent's next start (only turns the agent answers within ``max_latency_s``; NaN when none);
* ``hold_count`` / ``hold_s`` — gaps of at least ``hold_min_s`` with nobody talking between
  the first and the last speech (holds: dead air or music -- music decodes as nothing or as
  flagged text, so it counts as nobody talking).  Same for all rows.

``silence_pct`` and ``longest_silence_s`` only count gaps of at least ``min_gap_s`` (2 s):
shorter pauses are turn-taking, not silence.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

Interval = tuple[float, float]


class Timed(Protocol):
    """Anything with a speaker, start, end and text (an :class:`Utterance`, a row...)."""

    @property
    def speaker(self) -> str: ...
    @property
    def start(self) -> float: ...
    @property
    def end(self) -> float: ...
    @property
    def text(self) -> str: ...


METRIC_COLUMNS = (
    "speaker",
    "talk_s",
    "talk_ratio",
    "silence_pct",
    "longest_silence_s",
    "overtalk_count",
    "overtalk_s",
    "words_per_min",
    "response_latency_s",
    "hold_count",
    "hold_s",
)


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Union of intervals as sorted, non-overlapping intervals (empty ones dropped)."""
    out: list[Interval] = []
    for start, end in sorted((s, e) for s, e in intervals if e > s):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def total(intervals: Iterable[Interval]) -> float:
    return sum(e - s for s, e in intervals)


def intersect(a: Sequence[Interval], b: Sequence[Interval]) -> list[Interval]:
    """Intersection of two merged interval lists."""
    out: list[Interval] = []
    i = j = 0
    while i < len(a) and j < len(b):
        start, end = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if end > start:
            out.append((start, end))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def _inside(t: float, intervals: Sequence[Interval]) -> bool:
    return any(s <= t < e for s, e in intervals)


def _latency(agent: Sequence[Interval], customer: Sequence[Interval], limit: float) -> float:
    """Median gap from the end of each customer turn to the agent's next start."""
    waits = []
    for _, end in customer:
        nxt = [s for s, _ in agent if s >= end - 0.05]
        if nxt and min(nxt) - end <= limit:
            waits.append(max(0.0, min(nxt) - end))
    return round(float(statistics.median(waits)), 3) if waits else float("nan")


def call_metrics(
    utterances: Iterable[Timed],
    duration_s: float,
    speakers: Sequence[str] | None = None,
    min_gap_s: float = 2.0,
    hold_min_s: float = 5.0,
    max_latency_s: float = 20.0,
) -> list[dict[str, Any]]:
    """One dict per speaker with the ``call_metrics`` columns (without call_id/run_id).

    ``speakers`` adds rows for roles that never spoke (all zeros but the call-level
    silence); by default only speakers with utterances get a row.  Times are clipped to
    ``[0, duration_s]``.
    """
    duration = max(0.0, float(duration_s))
    items = list(utterances)
    order = list(dict.fromkeys([*(speakers or ()), *(u.speaker for u in items)]))

    def clip(u: Timed) -> Interval:
        start = min(max(0.0, float(u.start)), duration)
        return start, min(max(start, float(u.end)), duration)

    talk = {s: merge(clip(u) for u in items if u.speaker == s) for s in order}
    words = {s: sum(len(u.text.split()) for u in items if u.speaker == s) for s in order}
    anyone = merge(iv for ivs in talk.values() for iv in ivs)
    talk_total = sum(total(ivs) for ivs in talk.values())
    edges = [0.0, *(t for iv in anyone for t in iv), duration]
    all_gaps = [edges[i + 1] - edges[i] for i in range(0, len(edges) - 1, 2)]
    silent = sum(g for g in all_gaps if g >= min_gap_s) if anyone else duration
    silence_pct = 100.0 * silent / duration if duration > 0 else 0.0
    gaps = [b[0] - a[1] for a, b in itertools.pairwise(anyone)]
    longest = max((g for g in gaps if g >= min_gap_s), default=0.0) if anyone else duration
    holds = [g for g in gaps if g >= hold_min_s]
    customer_turns = talk.get("customer", [])

    rows: list[dict[str, Any]] = []
    for speaker in order:
        others = merge(iv for s, ivs in talk.items() if s != speaker for iv in ivs)
        own = talk[speaker]
        overlap = total(intersect(own, others))
        starts = sorted(clip(u)[0] for u in items if u.speaker == speaker)
        # An interruption starts inside another speaker's talk while this one was silent.
        count = sum(1 for t in starts if _inside(t, others) and not _inside(t - 1e-6, own))
        talk_s = total(own)
        rows.append(
            {
                "speaker": speaker,
                "talk_s": round(talk_s, 3),
                "talk_ratio": round(talk_s / talk_total, 4) if talk_total > 0 else 0.0,
                "silence_pct": round(silence_pct, 2),
                "longest_silence_s": round(longest, 3),
                "overtalk_count": count,
                "overtalk_s": round(overlap, 3),
                "words_per_min": round(words[speaker] * 60.0 / talk_s, 1) if talk_s else 0.0,
                "response_latency_s": (
                    _latency(own, customer_turns, max_latency_s)
                    if speaker == "agent"
                    else float("nan")
                ),
                "hold_count": len(holds),
                "hold_s": round(sum(holds), 3),
            }
        )
    return rows
