"""The calls stage on a small batch: good calls transcribed, bad files rejected, re-run skips."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from vocnlp.rejects import rejects_frame
from vocnlp.schema import columns
from vocnlp.speech import CallJob, CallsResult, Transcriber, done_key, done_keys, transcribe_calls

ROWS = [
    # call_id, file, started_at, language hint, channel_roles
    ("c-stereo", "call_stereo_en.flac", "2024-05-01T09:00:00", "", "agent,customer"),
    ("c-survey", "survey_pii_ru.ogg", "2024-05-01T09:02:00", "", "agent,customer"),
    ("c-music", "music_hold.flac", "2024-05-01T09:03:00", "", ""),
    ("c-ru", "mono_ru.flac", "2024-05-01T09:05:00", "ru", ""),
    ("c-silent", "silence_noise.flac", "2024-05-01T09:10:00", "", ""),
    ("c-corrupt", "corrupt.wav", "2024-05-01T09:15:00", "", ""),
    ("c-empty", "empty.wav", "2024-05-01T09:20:00", "", ""),
    ("c-missing", "gone.wav", "2024-05-01T09:25:00", "", ""),
    ("c-badtime", "mono_ru.flac", "yesterday-ish", "", ""),
    ("c-roles", "mono_ru.flac", "2024-05-01T09:30:00", "", "agent,boss"),
    ("c-ru", "mono_ru.flac", "2024-05-01T09:35:00", "", ""),  # duplicate call_id
]


def batch() -> pd.DataFrame:
    frame = pd.DataFrame(
        ROWS, columns=["call_id", "file", "started_at", "language", "channel_roles"]
    )
    frame["customer_id"] = ["cust-1", "cust-9", "cust-8", "cust-2", None, *["x"] * 6]
    frame["agent_id"] = "agent-7"
    frame["queue"] = "billing"
    frame["survey"] = ["false", "true", "true", *["false"] * 8]
    return frame


def cols(table: str) -> list[str]:
    return columns(table)


@pytest.fixture(scope="module")
def first_run(
    transcriber: Transcriber, audio_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[CallsResult, list[str], Path]:
    seen: list[str] = []
    muted = tmp_path_factory.mktemp("redacted-audio")
    result = transcribe_calls(
        batch(),
        audio_dir,
        transcriber,
        progress=seen.append,
        run_id="run-1",
        redacted_audio_dir=muted,
    )
    return result, seen, muted


def test_redact_hook_sees_every_text(transcriber: Transcriber, audio_dir: Path) -> None:
    redacted: list[str] = []

    def redact(text: str) -> str:
        redacted.append(text)
        return "[r] " + text

    frame = pd.DataFrame(
        {"call_id": ["a"], "file": ["mono_ru.flac"], "started_at": ["2024-05-01T10:00"]}
    )
    result = transcribe_calls(frame, audio_dir, transcriber, redact=redact)
    assert len(redacted) == len(result.utterances) > 0
    assert result.utterances["text"].str.startswith("[r] ").all()
    raw = transcribe_calls(frame, audio_dir, transcriber, redact=None)
    assert list(raw.utterances["text"]) == redacted


def test_good_calls_are_transcribed_and_bad_ones_rejected(
    first_run: tuple[CallsResult, list[str], Path], transcriber: Transcriber
) -> None:
    result, seen, _ = first_run
    assert seen == [row[0] for row in ROWS]  # progress once per row, in order
    assert list(result.calls["call_id"]) == ["c-stereo", "c-survey", "c-music", "c-ru", "c-silent"]
    assert result.skipped == 0
    rules = {(r.file, r.field, r.rule) for r in result.rejects}
    assert rules == {
        ("corrupt.wav", "file", "audio_unreadable"),
        ("empty.wav", "file", "audio_empty"),
        ("gone.wav", "file", "audio_missing"),
        ("mono_ru.flac", "started_at", "timestamp_format"),
        ("mono_ru.flac", "channel_roles", "roles"),
        ("mono_ru.flac", "call_id", "duplicate"),
    }
    assert all(r.source == "calls" and r.line is None and r.message for r in result.rejects)
    assert len(rejects_frame(result.rejects)) == 6
    # Every input row ends in exactly one place.
    assert len(result.calls) + len(result.rejects) + result.skipped == len(ROWS)
    assert result.counts["transcribed"] == 5


def test_calls_table(
    first_run: tuple[CallsResult, list[str], Path], transcriber: Transcriber
) -> None:
    calls = first_run[0].calls.set_index("call_id", drop=False)
    assert list(calls.columns) == cols("calls")
    stereo, ru, silent = calls.loc["c-stereo"], calls.loc["c-ru"], calls.loc["c-silent"]
    assert (stereo["channels"], stereo["sample_rate"]) == (2, 8000)
    assert stereo["channel_roles"] == "agent,customer"
    assert stereo["language"] == "en"
    assert stereo["duration_s"] == pytest.approx(8.0, abs=0.01)
    assert ru["channel_roles"] == "mixed"
    assert ru["language"] == "ru"
    assert ru["language_source"] == "hint"
    assert ru["flags"] == "mono_mixed"
    assert stereo["language_source"] == "detected"
    assert pd.isna(stereo["flags"])
    assert calls.loc["c-survey", "language"] == "ru"
    assert pd.isna(silent["customer_id"])
    assert stereo["started_at"] == pd.Timestamp("2024-05-01 09:00:00")
    assert set(calls["transcribed_with"]) == {transcriber.key}
    assert set(calls["run_id"]) == {"run-1"}
    assert calls["audio_hash"].str.len().eq(64).all()
    assert calls["content_hash"].nunique() == 5


def test_utterances_and_metrics(first_run: tuple[CallsResult, list[str], Path]) -> None:
    result, _, _ = first_run
    utt = result.utterances
    assert list(utt.columns) == cols("utterances")
    assert utt["flag"].isna().all()
    assert not {"c-silent", "c-music"} & set(utt["call_id"])
    assert list(result.flagged.columns) == cols("utterances")
    stereo = utt[utt["call_id"] == "c-stereo"]
    assert list(stereo["idx"]) == list(range(len(stereo)))
    assert stereo.iloc[0]["speaker"] == "agent"
    assert stereo.iloc[-1]["speaker"] == "customer"
    assert "refund" in " ".join(stereo[stereo["speaker"] == "customer"]["text"]).lower()
    metrics = result.call_metrics
    assert list(metrics.columns) == cols("call_metrics")
    rows = {(r.call_id, r.speaker): r for r in metrics.itertuples()}
    assert set(rows) == {
        ("c-stereo", "agent"),
        ("c-stereo", "customer"),
        ("c-survey", "agent"),
        ("c-survey", "customer"),
        ("c-music", "mixed"),
        ("c-ru", "mixed"),
        ("c-silent", "mixed"),
    }
    agent, customer = rows[("c-stereo", "agent")], rows[("c-stereo", "customer")]
    assert agent.talk_ratio + customer.talk_ratio == pytest.approx(1.0, abs=1e-3)
    assert agent.overtalk_count == customer.overtalk_count == 0
    assert agent.silence_pct == 0  # no pause of 2 s or more in this 8 s call
    assert 60 < customer.words_per_min < 300
    assert rows[("c-silent", "mixed")].silence_pct == pytest.approx(100.0)
    assert rows[("c-music", "mixed")].silence_pct == pytest.approx(100.0)
    assert pd.isna(agent.response_latency_s)  # the customer speaks last: nothing to answer
    assert rows[("c-survey", "agent")].hold_count == 0


def test_pii_in_speech_is_redacted_in_text_and_audio(
    first_run: tuple[CallsResult, list[str], Path], audio_dir: Path
) -> None:
    result, _, muted = first_run
    said = result.utterances[result.utterances["call_id"] == "c-survey"]
    customer = " ".join(said[said["speaker"] == "customer"]["text"])
    assert "карт" in customer.lower()  # "номер моей карты ..." was heard
    assert "[CARD]" in customer or "[ID]" in customer or "[DIGITS]" in customer
    assert not re.search(r"4\D?5\D?3\D?9", customer)  # the card number itself is gone
    assert "4539" not in " ".join(result.flagged["text"])

    from vocnlp.speech.audio import load_channels

    original = load_channels(audio_dir / "survey_pii_ru.ogg", sample_rate=8000)
    copy = load_channels(muted / "c-survey.flac", sample_rate=8000)
    assert copy.shape == original.shape
    # The agent's channel is untouched; the customer's card number (second half) is muted.
    assert np.abs(copy[0] - original[0]).max() < 0.01
    tail = slice(int(10.5 * 8000), int(14.0 * 8000))
    assert np.abs(original[1, tail]).mean() > 20 * np.abs(copy[1, tail]).mean()
    assert (muted / "c-stereo.flac").is_file()  # no PII there: an identical copy


def test_spoken_nps_goes_to_responses(first_run: tuple[CallsResult, list[str], Path]) -> None:
    result = first_run[0]
    responses = result.responses
    assert list(responses.columns) == cols("responses")
    assert list(responses["call_id"]) == ["c-survey"]  # c-music is a survey call, but silent
    row = responses.iloc[0]
    assert (row["response_id"], row["customer_id"], row["channel"]) == (
        "call:c-survey",
        "cust-9",
        "call",
    )
    assert row["nps"] == 8
    said = result.utterances[result.utterances["call_id"] == "c-survey"]
    linked = said[said["idx"] == row["utterance_idx"]].iloc[0]
    assert linked["speaker"] == "customer"
    assert row["answered_at"] == pd.Timestamp("2024-05-01T09:02:00") + pd.Timedelta(
        seconds=float(linked["start"])
    )
    assert "4539" not in row["comment"]


def test_rerun_with_done_transcribes_nothing(
    first_run: tuple[CallsResult, list[str], Path],
    transcriber: Transcriber,
    audio_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    result = first_run[0]
    assert done_keys(result.calls) == result.done
    assert len(result.done) == 5

    original = transcriber.transcribe_many
    decoded: list[str] = []

    def spy(jobs: Iterable[CallJob]) -> object:
        listed = list(jobs)
        decoded.extend(job.path.name for job in listed)
        return original(listed)

    monkeypatch.setattr(transcriber, "transcribe_many", spy)
    again = transcribe_calls(batch(), audio_dir, transcriber, done=result.done)
    assert decoded == ["corrupt.wav"]  # only the file that never made it is tried again
    assert again.skipped == 5
    assert again.calls.empty
    assert again.utterances.empty
    assert again.responses.empty
    assert list(again.calls.columns) == cols("calls")
    assert len(again.rejects) == 6  # bad files are reported again, with the same ids
    assert {r.reject_id for r in again.rejects} == {r.reject_id for r in result.rejects}


def test_blank_cells_and_metadata_errors(audio_dir: Path, transcriber: Transcriber) -> None:
    frame = pd.DataFrame(
        {
            "call_id": ["a", "b", "", "d"],
            "file": ["gone.wav", "gone.wav", "gone.wav", None],
            "started_at": [pd.NA, pd.NaT, "2024-05-01", "2024-05-01"],
            "language": [pd.NA, None, float("nan"), ""],
        }
    )
    result = transcribe_calls(frame, audio_dir, transcriber)
    got = [(r.field, r.rule, r.value) for r in result.rejects]
    assert got == [
        ("started_at", "required", None),
        ("started_at", "required", None),
        ("call_id", "required", None),
        ("file", "required", None),
    ]


def test_changed_audio_or_settings_is_not_done(audio_dir: Path, transcriber: Transcriber) -> None:
    result_key = done_key("0" * 64, transcriber.key)
    assert result_key != done_key("0" * 64, transcriber.key + ";other")
    assert done_keys(pd.DataFrame(columns=columns("calls"))) == set()
