"""Acoustics from hand-made utterance timings: talk share, silence, overtalk, pace."""

from __future__ import annotations

import pytest

from vocnlp.schema import columns
from vocnlp.speech.acoustics import METRIC_COLUMNS, call_metrics, intersect, merge
from vocnlp.speech.transcript import Utterance


def utt(speaker: str, start: float, end: float, text: str = "one two three") -> Utterance:
    channel = 0 if speaker == "agent" else 1
    return Utterance(speaker, channel, start, end, text, "en", -0.2, 0.01)


def by_speaker(rows: list[dict[str, object]]) -> dict[object, dict[str, object]]:
    return {r["speaker"]: r for r in rows}


def test_rows_have_the_call_metrics_columns() -> None:
    rows = call_metrics([utt("agent", 0, 1)], 2.0)
    expected = set(columns("call_metrics")) - {"call_id", "run_id"}
    assert set(rows[0]) == expected
    assert set(rows[0]) == set(METRIC_COLUMNS)


def test_turn_taking_without_overlap() -> None:
    rows = by_speaker(
        call_metrics(
            [
                utt("agent", 1.0, 4.0, "hello how can I help you today"),
                utt("customer", 5.0, 9.0, "my order is late"),
                utt("agent", 12.0, 13.0, "sorry"),
            ],
            duration_s=20.0,
        )
    )
    agent, customer = rows["agent"], rows["customer"]
    assert agent["talk_s"] == pytest.approx(4.0)
    assert customer["talk_s"] == pytest.approx(4.0)
    assert agent["talk_ratio"] == pytest.approx(0.5)
    # Gaps of 2 s or more: 9-12 and 13-20 (0-1 and 4-5 are turn-taking): 10 of 20 s.
    assert agent["silence_pct"] == pytest.approx(50.0)
    # Dead air between speech only (3 s); the 7 s tail after the last word is not counted.
    assert agent["longest_silence_s"] == pytest.approx(3.0)
    assert agent["overtalk_count"] == customer["overtalk_count"] == 0
    assert agent["overtalk_s"] == customer["overtalk_s"] == 0
    assert agent["words_per_min"] == pytest.approx(8 * 60 / 4.0)
    assert customer["words_per_min"] == pytest.approx(4 * 60 / 4.0)


def test_overtalk_is_attributed_to_the_interrupter() -> None:
    rows = by_speaker(
        call_metrics(
            [
                utt("agent", 0.0, 6.0),
                utt("customer", 4.0, 8.0),  # cuts in at 4 s: 2 s overlap
                utt("agent", 7.5, 9.0),  # cuts back in at 7.5 s: 0.5 s overlap
            ],
            duration_s=10.0,
        )
    )
    assert rows["customer"]["overtalk_count"] == 1
    assert rows["agent"]["overtalk_count"] == 1
    assert rows["customer"]["overtalk_s"] == pytest.approx(2.5)
    assert rows["agent"]["overtalk_s"] == pytest.approx(2.5)
    # Union of talk is 0-9: the 1 s tail is shorter than 2 s, no silence.
    assert rows["agent"]["silence_pct"] == pytest.approx(0.0)
    assert rows["agent"]["longest_silence_s"] == 0.0
    assert rows["agent"]["talk_ratio"] + rows["customer"]["talk_ratio"] == pytest.approx(1.0)


def test_own_overlapping_segments_are_merged_not_overtalk() -> None:
    rows = call_metrics([utt("agent", 0, 3), utt("agent", 2, 5)], 5.0)
    assert rows[0]["talk_s"] == pytest.approx(5.0)
    assert rows[0]["overtalk_count"] == 0
    assert rows[0]["overtalk_s"] == 0
    assert rows[0]["silence_pct"] == 0


def test_silent_call_and_silent_roles() -> None:
    rows = by_speaker(call_metrics([], 30.0, speakers=("agent", "customer")))
    assert set(rows) == {"agent", "customer"}
    for row in rows.values():
        assert row["talk_s"] == 0
        assert row["talk_ratio"] == 0
        assert row["silence_pct"] == pytest.approx(100.0)
        assert row["longest_silence_s"] == pytest.approx(30.0)
        assert row["words_per_min"] == 0
    assert call_metrics([], 30.0) == []


def test_times_are_clipped_to_the_call() -> None:
    rows = call_metrics([utt("mixed", -1.0, 3.0), utt("mixed", 9.0, 12.0)], 10.0)
    assert rows[0]["talk_s"] == pytest.approx(4.0)
    assert rows[0]["silence_pct"] == pytest.approx(60.0)
    assert rows[0]["hold_count"] == 1  # 3-9 s: nobody talks for 6 s
    assert rows[0]["hold_s"] == pytest.approx(6.0)


def test_response_latency_and_holds() -> None:
    rows = by_speaker(
        call_metrics(
            [
                utt("agent", 0.0, 3.0),
                utt("customer", 3.5, 6.0),
                utt("agent", 7.0, 9.0),  # answers after 1 s
                utt("customer", 9.5, 11.0),
                utt("agent", 14.0, 15.0),  # answers after 3 s
                utt("agent", 25.0, 27.0),  # back from a 10 s hold
                utt("customer", 28.0, 29.0),  # nobody answers within 20 s
            ],
            duration_s=60.0,
        )
    )
    assert rows["agent"]["response_latency_s"] == pytest.approx(2.0)  # median of 1 and 3
    assert rows["customer"]["response_latency_s"] != rows["customer"]["response_latency_s"]
    assert rows["agent"]["hold_count"] == rows["customer"]["hold_count"] == 1
    assert rows["agent"]["hold_s"] == pytest.approx(10.0)
    assert rows["agent"]["longest_silence_s"] == pytest.approx(10.0)


def test_interval_helpers() -> None:
    assert merge([(5, 6), (0, 2), (1, 3), (4, 4)]) == [(0, 3), (5, 6)]
    assert intersect([(0, 3), (5, 6)], [(2, 5.5)]) == [(2, 3), (5, 5.5)]
