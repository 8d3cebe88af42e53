"""The calls stage on a small batch: good calls transcribed, bad files rejected, re-run skips."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from vocnlp.rejects import rejects_frame
from vocnlp.schema import columns
from vocnlp.speech import CallsResult, Transcriber, done_key, done_keys, transcribe_calls

ROWS = [
    # call_id, file, started_at, language hint, channel_roles
    ("c-stereo", "call_stereo_en.flac", "2024-05-01T09:00:00", "", "agent,customer"),
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
    frame["customer_id"] = ["cust-1", "cust-2", None, "x", "x", "x", "x", "x", "x"]
    frame["agent_id"] = "agent-7"
    frame["queue"] = "billing"
    return frame


@pytest.fixture(scope="module")
def first_run(
    transcriber: Transcriber, audio_dir: Path
) -> tuple[CallsResult, list[str], list[str]]:
    seen: list[str] = []
    redacted: list[str] = []

    def redact(text: str) -> str:
        redacted.append(text)
        return "[r] " + text

    result = transcribe_calls(
        batch(), audio_dir, transcriber, progress=seen.append, redact=redact, run_id="run-1"
    )
    return result, seen, redacted


def test_good_calls_are_transcribed_and_bad_ones_rejected(
    first_run: tuple[CallsResult, list[str], list[str]], transcriber: Transcriber
) -> None:
    result, seen, _ = first_run
    assert seen == [row[0] for row in ROWS]  # progress once per row, in order
    assert list(result.calls["call_id"]) == ["c-stereo", "c-ru", "c-silent"]
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
    assert result.counts["transcribed"] == 3


def test_calls_table(
    first_run: tuple[CallsResult, list[str], list[str]], transcriber: Transcriber
) -> None:
    calls = first_run[0].calls.set_index("call_id", drop=False)
    assert list(calls.columns) == columns("calls")
    stereo, ru, silent = calls.loc["c-stereo"], calls.loc["c-ru"], calls.loc["c-silent"]
    assert (stereo["channels"], stereo["sample_rate"]) == (2, 8000)
    assert stereo["channel_roles"] == "agent,customer"
    assert stereo["language"] == "en"
    assert stereo["duration_s"] == pytest.approx(8.0, abs=0.01)
    assert ru["channel_roles"] == "mixed"
    assert ru["language"] == "ru"
    assert pd.isna(silent["customer_id"])
    assert stereo["started_at"] == pd.Timestamp("2024-05-01 09:00:00")
    assert set(calls["transcribed_with"]) == {transcriber.key}
    assert set(calls["run_id"]) == {"run-1"}
    assert calls["audio_hash"].str.len().eq(64).all()
    assert calls["content_hash"].nunique() == 3


def test_utterances_and_metrics(first_run: tuple[CallsResult, list[str], list[str]]) -> None:
    result, _, redacted = first_run
    utt = result.utterances
    assert list(utt.columns) == columns("utterances")
    assert "c-silent" not in set(utt["call_id"])
    stereo = utt[utt["call_id"] == "c-stereo"]
    assert list(stereo["idx"]) == list(range(len(stereo)))
    assert stereo.iloc[0]["speaker"] == "agent"
    assert stereo.iloc[-1]["speaker"] == "customer"
    assert "refund" in " ".join(stereo[stereo["speaker"] == "customer"]["text"]).lower()
    # The PII hook saw every raw text and its output is what is returned.
    assert len(redacted) == len(utt)
    assert utt["text"].str.startswith("[r] ").all()

    metrics = result.call_metrics
    assert list(metrics.columns) == columns("call_metrics")
    rows = {(r.call_id, r.speaker): r for r in metrics.itertuples()}
    assert set(rows) == {
        ("c-stereo", "agent"),
        ("c-stereo", "customer"),
        ("c-ru", "mixed"),
        ("c-silent", "mixed"),
    }
    agent, customer = rows[("c-stereo", "agent")], rows[("c-stereo", "customer")]
    assert agent.talk_ratio + customer.talk_ratio == pytest.approx(1.0, abs=1e-3)
    assert agent.overtalk_count == customer.overtalk_count == 0
    assert 0 < agent.silence_pct < 30
    assert 60 < customer.words_per_min < 300
    assert rows[("c-silent", "mixed")].silence_pct == pytest.approx(100.0)


def test_rerun_with_done_transcribes_nothing(
    first_run: tuple[CallsResult, list[str], list[str]],
    transcriber: Transcriber,
    audio_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    result = first_run[0]
    assert done_keys(result.calls) == result.done
    assert len(result.done) == 3

    original = transcriber.transcribe
    decoded: list[str] = []

    def spy(path: Path, *args: object, **kwargs: object) -> object:
        decoded.append(Path(path).name)
        return original(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(transcriber, "transcribe", spy)
    again = transcribe_calls(batch(), audio_dir, transcriber, done=result.done)
    assert decoded == ["corrupt.wav"]  # only the file that never made it is tried again
    assert again.skipped == 3
    assert again.calls.empty
    assert again.utterances.empty
    assert list(again.calls.columns) == columns("calls")
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
