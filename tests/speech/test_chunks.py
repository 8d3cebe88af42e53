"""Packing speech regions into dense windows and mapping window times back to the call."""

from __future__ import annotations

import numpy as np
import pytest

from vocnlp.speech.audio import SAMPLE_RATE
from vocnlp.speech.chunks import drop_bleed, join_regions, pack
from vocnlp.speech.guards import (
    GuardSettings,
    choose_language,
    language_scores,
    looping_segments,
    repeated_ngrams,
    segment_flag,
)


def test_pack_joins_close_regions_and_separates_far_ones() -> None:
    track = np.ones(60 * SAMPLE_RATE, dtype=np.float32)
    regions = [(1.0, 3.0), (3.5, 5.0), (20.0, 22.0), (40.0, 44.0)]
    (chunk,) = pack(track, regions, job=3, channel=1, offset_s=100.0, gap_s=0.5)
    assert (chunk.job, chunk.channel) == (3, 1)
    # 1-5 s kept whole (the 0.5 s pause is under join_gap_s), then 20-22 and 40-44.
    starts = [(p.at, p.start, p.end) for p in chunk.pieces]
    assert starts == [(0.0, 101.0, 105.0), (4.5, 120.0, 122.0), (7.0, 140.0, 144.0)]
    assert chunk.duration == pytest.approx(11.0)
    assert chunk.speech_s == pytest.approx(10.0)
    assert chunk.to_call_time(1.0) == pytest.approx(102.0)
    assert chunk.to_call_time(5.0) == pytest.approx(120.5)
    assert chunk.to_call_time(4.2) == pytest.approx(105.0)  # in the gap: nearer edge
    assert chunk.to_call_time(4.4) == pytest.approx(120.0)
    assert chunk.piece_index(8.0) == 2
    assert chunk.in_speech(4.0, 5.0) == pytest.approx(0.5)


def test_pack_never_exceeds_the_window() -> None:
    track = np.zeros(200 * SAMPLE_RATE, dtype=np.float32)
    regions = [(i * 10.0, i * 10.0 + 8.0) for i in range(18)]
    chunks = pack(track, regions, 0, 0, max_s=28.0)
    assert all(c.duration <= 28.0 + 1e-6 for c in chunks)
    assert sum(c.speech_s for c in chunks) == pytest.approx(18 * 8.0)
    assert len(chunks) == 6  # three 8 s regions (+2 gaps) per window
    assert join_regions([(0, 10), (10.5, 25), (25.2, 40)], 1.0, 28.0) == [(0, 25), (25.2, 40)]


def test_crosstalk_is_dropped_from_the_quiet_channel() -> None:
    rng = np.random.default_rng(0)
    loud = rng.normal(0, 0.3, 4 * SAMPLE_RATE).astype(np.float32)
    tracks = np.stack([loud, loud * 0.02])  # channel 1 hears channel 0 at -34 dB
    regions = [[(0.0, 4.0)], [(0.0, 4.0)]]
    assert drop_bleed(tracks, regions) == [[(0.0, 4.0)], []]
    both = np.stack([loud, loud[::-1].copy()])
    assert drop_bleed(both, regions) == regions


def test_guards() -> None:
    g = GuardSettings()
    sentence = "Thank you for calling. How can I help you with your order today?"
    assert segment_flag(" You", -1.06, 0.70, 1.0, g) == "no_speech"
    assert segment_flag("Мэро мэр " + "тем-" * 60, -0.18, 0.36, 1.0, g) == "repetition"
    assert segment_flag("no no no no no no no no no no", -0.3, 0.1, 1.0, g) == "repetition"
    assert segment_flag(sentence, -0.30, 0.70, 1.0, g) is None  # quiet but confident
    assert segment_flag(sentence, -1.20, 0.05, 1.0, g) is None  # hard audio, still speech
    assert segment_flag(sentence, -0.3, 0.1, 0.1, g) == "silence"  # decoded from a gap
    assert segment_flag("Продолжение следует...", -0.9, 0.3, 1.0, g) == "boilerplate"
    assert segment_flag("My card is 4,111,111,111,111,111,111.", -0.4, 0.1, 1.0, g) is None
    assert repeated_ngrams("a b a b a b a b", 3)
    assert not repeated_ngrams("1 1 1 1 1 1 1 1", 3)


def test_loop_across_segments_is_flagged_but_real_repeats_are_not() -> None:
    g = GuardSettings()
    # Whisper on an unintelligible channel (seen on the sample's espeak Russian call).
    loop = ["That's why I keep talking about this.", *["It's a tough job."] * 11]
    assert looping_segments(loop, g) == set(range(1, 12))
    # A customer who says the same short thing twice in a normal window is no loop.
    normal = [
        "Yes, yes.",
        "My internet drops every evening around eight.",
        "Yes, yes.",
        "I already restarted the router twice this week.",
    ]
    assert looping_segments(normal, g) == set()
    # Two copies of one sentence among other text: repeated but not a loop.
    twice = ["I want my money back.", "They charged me twice.", "I want my money back."]
    assert looping_segments(twice, g) == set()


def test_language_choice_over_windows() -> None:
    windows = [({"ru": 0.5, "uk": 0.3, "th": 0.2}, 20.0), ({"uk": 0.9, "ru": 0.1}, 5.0)]
    scores = language_scores(windows, ("ru", "uk", "en"))
    assert scores["ru"] == pytest.approx((20 * 0.5 / 0.8 + 5 * 0.1) / 25)
    choice = choose_language(scores, "en", 0.5)
    assert (choice.code, choice.source) == ("ru", "detected")
    unsure = choose_language({"ru": 0.45, "uk": 0.55 - 0.2, "en": 0.2}, "en", 0.5)
    assert (unsure.code, unsure.source) == ("en", "default")
    assert choose_language({}, "ro", 0.5).source == "default"


def test_unsure_channel_borrows_the_other_partys_language() -> None:
    from pathlib import Path

    from vocnlp.speech.calljob import CallJob, CallState
    from vocnlp.speech.engine import _other_party
    from vocnlp.speech.guards import LanguageChoice

    state = CallState(0, CallJob(Path("call.wav")), 0.0)
    state.call_language = LanguageChoice("en", 0.47, "default")  # pooled: unsure
    sure_ru = LanguageChoice("ru", 0.63, "detected")
    unsure = LanguageChoice("en", 0.41, "default")
    # the customer's channel was unsure; the agent's was clearly Russian
    assert _other_party(state, {0: sure_ru, 1: unsure}, 1, unsure) == sure_ru
    # nobody was sure: the configured default stays
    assert _other_party(state, {0: unsure, 1: unsure}, 1, unsure) == unsure
    # a sure pooled detection wins over one channel
    state.call_language = LanguageChoice("uk", 0.8, "detected")
    assert _other_party(state, {0: sure_ru, 1: unsure}, 1, unsure).code == "uk"
    # the call's stored language follows the confidently detected channel
    state.call_language = LanguageChoice("en", 0.47, "default")
    state.channel_language = {0: sure_ru, 1: sure_ru}
    assert state._language() == sure_ru
