"""The calls stage: a day's call metadata + recordings -> calls, utterances, call_metrics.

Each input row ends in exactly one place: a ``calls`` row (with its utterances and
metrics), a :class:`~vocnlp.rejects.Reject`, or ``skipped`` because the same audio was
already transcribed with the same model and settings (see :func:`done_keys`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from vocnlp.errors import AudioError, InputError, VocError
from vocnlp.rejects import Reject
from vocnlp.schema import columns
from vocnlp.speech.acoustics import call_metrics
from vocnlp.speech.audio import AudioEmptyError
from vocnlp.speech.calljob import CallJob
from vocnlp.speech.engine import Transcriber
from vocnlp.speech.redact_audio import call_pii_spans, mute_spans
from vocnlp.speech.survey import find_score
from vocnlp.speech.transcript import DEFAULT_ROLES, CallTranscript, parse_roles
from vocnlp.text.pii import redact as pii_redact

logger = logging.getLogger(__name__)

SOURCE = "calls"


@dataclass
class CallsResult:
    """What :func:`transcribe_calls` produced; frames use the warehouse column names."""

    calls: pd.DataFrame
    """One row per transcribed call (``calls`` columns)."""
    utterances: pd.DataFrame
    """``utterances`` columns (+ ``flag``); ``text`` is PII-redacted (the ``redact`` hook).
    Only trusted utterances: the hallucination guards' rejects are in ``flagged``."""
    call_metrics: pd.DataFrame
    """``call_metrics`` columns, one row per call and speaker (+ the new acoustics columns)."""
    rejects: list[Reject] = field(default_factory=list)
    """Calls that could not be used (missing/empty/corrupt audio, bad metadata)."""
    skipped: int = 0
    """Calls already transcribed from the same audio with the same settings."""
    done: set[tuple[str, str]] = field(default_factory=set)
    """``(call_id, done_key)`` of the calls transcribed now: add them to the next ``done``."""
    audio_s: float = 0.0
    """Seconds of audio transcribed."""
    elapsed_s: float = 0.0
    """Wall time of the stage, seconds."""
    responses: pd.DataFrame = field(default_factory=lambda: _frame([], "responses"))
    """Spoken NPS answers of survey calls (``responses`` columns, ``channel`` = call)."""
    flagged: pd.DataFrame = field(default_factory=lambda: _frame([], "utterances"))
    """Utterances the guards did not trust (``utterances`` columns + ``flag``): audit only."""

    @property
    def counts(self) -> dict[str, int]:
        return {
            "transcribed": len(self.calls),
            "skipped": self.skipped,
            "rejected": len(self.rejects),
            "utterances": len(self.utterances),
        }


def done_key(audio_hash: str, transcribed_with: str) -> str:
    """The idempotency key of a call: its audio content and the model/settings key."""
    return f"{audio_hash}|{transcribed_with}"


def done_keys(calls: pd.DataFrame) -> set[tuple[str, str]]:
    """The ``done`` set for :func:`transcribe_calls` from stored ``calls`` rows."""
    if calls.empty:
        return set()
    return {
        (str(c), done_key(str(h), str(w)))
        for c, h, w in zip(
            calls["call_id"], calls["audio_hash"], calls["transcribed_with"], strict=True
        )
    }


def file_sha256(path: Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def _text(value: Any) -> str | None:
    """A stripped string, or None for None/NaN/NA/NaT/blank cells."""
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):  # list-like cell
        pass
    text = str(value).strip()
    return text or None


def _timestamp(value: Any) -> pd.Timestamp | None:
    text = _text(value)
    if text is None:
        return None
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError):
        return None
    return None if pd.isna(stamp) else stamp


def _reject(file: str, field: str, value: str | None, rule: str, message: str) -> Reject:
    return Reject(SOURCE, file, None, field, value, rule, message)


FRAMES = ("calls", "utterances", "call_metrics", "responses")
"""The warehouse tables a batch of calls fills (plus ``flagged`` utterances)."""


def _frame(rows: Iterable[dict[str, Any]], table: str) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=columns(table))


@dataclass
class _Row:
    """One input row: its outcome so far and, when it needs transcribing, its job."""

    call_id: str
    record: dict[str, Any]
    outcome: Reject | CallJob | None
    audio_hash: str = ""
    started_at: pd.Timestamp | None = None


def transcribe_calls(
    calls: pd.DataFrame,
    base_dir: Path,
    transcriber: Transcriber,
    done: set[tuple[str, str]] | None = None,
    progress: Callable[[str], None] | None = None,
    redact: Callable[[str], str] | None = pii_redact,
    run_id: str = "",
    redacted_audio_dir: Path | None = None,
) -> CallsResult:
    """Transcribe the calls listed in ``calls`` whose audio lies under ``base_dir``.

    ``calls`` has the inbox columns: call_id, file (relative to ``base_dir``), started_at,
    and optionally customer_id, agent_id, queue, language (a hint; empty = detect),
    channel_roles (``"agent,customer"``; empty = agent on channel 0, customer on 1) and
    survey (true: the customer's spoken 0-10 score goes to ``responses``).

    ``done`` holds ``(call_id, done_key(audio_hash, transcriber.key))`` pairs already in the
    warehouse (:func:`done_keys`); those calls are counted in ``skipped`` and not decoded.
    A missing, empty or undecodable file becomes a reject and the batch goes on.  Speech
    windows of all calls are decoded in shared batches.  ``progress(call_id)`` is called
    once per row, in row order.  ``redact(text)`` (default: :func:`vocnlp.text.pii.redact`;
    None keeps raw text) is applied to every stored text.  With ``redacted_audio_dir``, a
    copy of each recording with the PII words muted is written there as ``<call_id>.flac``.
    """
    started = time.perf_counter()
    done = done or set()
    base_dir = Path(base_dir)
    result = CallsResult(_frame([], "calls"), _frame([], "utterances"), _frame([], "call_metrics"))
    rows: list[_Row] = []
    seen: set[str] = set()
    for raw in calls.to_dict("records"):
        record = {str(k): v for k, v in raw.items()}
        call_id = _text(record.get("call_id")) or ""
        rows.append(_prepare(record, call_id, base_dir, transcriber, done, seen))
        seen.add(call_id)

    frames: dict[str, list[dict[str, Any]]] = {t: [] for t in [*FRAMES, "flagged"]}
    jobs = [(i, r) for i, r in enumerate(rows) if isinstance(r.outcome, CallJob)]
    reported = 0

    def report_until(stop: int) -> None:
        nonlocal reported
        for row in rows[reported:stop]:
            if isinstance(row.outcome, Reject):
                logger.warning("call %s rejected: %s", row.call_id or "?", row.outcome.describe())
                result.rejects.append(row.outcome)
            elif row.outcome is None:
                result.skipped += 1
            if progress is not None:
                progress(row.call_id)
        reported = max(reported, stop)

    outcomes = transcriber.transcribe_many(r.outcome for _, r in jobs)  # type: ignore[misc]
    for (i, row), (_, transcript) in zip(jobs, outcomes, strict=True):
        report_until(i)
        if isinstance(transcript, VocError):
            row.outcome = _failed(row, transcript)
        else:
            _store(row, transcript, transcriber, redact, run_id, frames, result)
            if redacted_audio_dir is not None:
                _mute(row, transcript, base_dir, Path(redacted_audio_dir))
        report_until(i + 1)
    report_until(len(rows))

    result.calls = _frame(frames["calls"], "calls")
    result.utterances = _frame(frames["utterances"], "utterances")
    result.call_metrics = _frame(frames["call_metrics"], "call_metrics")
    result.responses = _frame(frames["responses"], "responses")
    result.flagged = _frame(frames["flagged"], "utterances")
    result.elapsed_s = time.perf_counter() - started
    logger.info(
        "calls: %(transcribed)d transcribed, %(skipped)d skipped, %(rejected)d rejected, "
        "%(utterances)d utterances",
        result.counts,
    )
    return result


def _prepare(
    record: dict[str, Any],
    call_id: str,
    base_dir: Path,
    transcriber: Transcriber,
    done: set[tuple[str, str]],
    seen: set[str],
) -> _Row:
    """Validate one row: a reject, None when already done, or the job to transcribe."""
    file = _text(record.get("file")) or ""
    row = _Row(call_id, record, None)

    def reject(field: str, value: str | None, rule: str, message: str) -> _Row:
        row.outcome = _reject(file, field, value, rule, message)
        return row

    if not call_id:
        return reject("call_id", None, "required", "call_id is empty")
    if call_id in seen:
        msg = f"call_id {call_id} appears more than once in this batch; only its first row is used"
        return reject("call_id", call_id, "duplicate", msg)
    if not file:
        return reject("file", None, "required", f"call {call_id}: no audio file given")
    row.started_at = _timestamp(record.get("started_at"))
    if row.started_at is None:
        value = _text(record.get("started_at"))
        if value is None:
            return reject("started_at", None, "required", f"call {call_id}: started_at is empty")
        msg = f"call {call_id}: started_at {value!r} is not a date-time (use ISO 8601)"
        return reject("started_at", value, "timestamp_format", msg)
    path = base_dir / file
    if not path.is_file():
        msg = f"call {call_id}: audio file {file} not found under {base_dir}"
        return reject("file", file, "audio_missing", msg)
    if path.stat().st_size == 0:
        return reject("file", file, "audio_empty", f"call {call_id}: {file} is empty")
    try:
        roles = parse_roles(_text(record.get("channel_roles")))
    except InputError as exc:
        return reject("channel_roles", _text(record.get("channel_roles")), "roles", str(exc))

    row.audio_hash = file_sha256(path)
    if (call_id, done_key(row.audio_hash, transcriber.key)) in done:
        logger.debug("call %s: already transcribed with %s", call_id, transcriber.key)
        return row
    hint = _text(record.get("language"))
    hint = hint.lower() if hint else None
    if hint and not transcriber.supports_language(hint):
        logger.warning("call %s: unknown language hint %r; detecting instead", call_id, hint)
        hint = None
    row.outcome = CallJob(path, roles or DEFAULT_ROLES, hint)
    return row


def _failed(row: _Row, exc: Exception) -> Reject:
    file = _text(row.record.get("file")) or ""
    if isinstance(exc, AudioEmptyError):
        return _reject(file, "file", file, "audio_empty", f"call {row.call_id}: {exc.reason}")
    if isinstance(exc, AudioError):
        return _reject(file, "file", file, "audio_unreadable", f"call {row.call_id}: {exc.reason}")
    roles = row.outcome.channel_roles if isinstance(row.outcome, CallJob) else ()
    return _reject(file, "channel_roles", ",".join(roles), "roles", str(exc))


def _is_survey(record: dict[str, Any]) -> bool:
    value = _text(record.get("survey"))
    return bool(value) and str(value).lower() in ("true", "1", "yes", "y", "t")


def _store(
    row: _Row,
    transcript: CallTranscript,
    transcriber: Transcriber,
    redact: Callable[[str], str] | None,
    run_id: str,
    frames: dict[str, list[dict[str, Any]]],
    result: CallsResult,
) -> None:
    record, call_id = row.record, row.call_id
    call: dict[str, Any] = {
        "call_id": call_id,
        "file": _text(record.get("file")),
        "audio_hash": row.audio_hash,
        "started_at": row.started_at,
        "customer_id": _text(record.get("customer_id")),
        "agent_id": _text(record.get("agent_id")),
        "queue": _text(record.get("queue")),
        "language": transcript.language,
        "channel_roles": ",".join(transcript.channel_roles),
        "duration_s": round(transcript.duration_s, 3),
        "sample_rate": transcript.sample_rate,
        "channels": transcript.channels,
        "transcribed_with": transcriber.key,
    }
    canonical = json.dumps(call, default=str, sort_keys=True, ensure_ascii=False)
    call["content_hash"] = hashlib.sha256(canonical.encode()).hexdigest()
    call["language_source"] = transcript.language_source
    call["language_probability"] = round(transcript.language_probability, 4)
    call["flags"] = ",".join(transcript.flags) or None
    frames["calls"].append({**call, "run_id": run_id})

    def clean(text: str) -> str:
        return redact(text) if redact is not None else text

    # Flagged utterances number on after the trusted ones: both fit one (call_id, idx) key.
    trusted = len(transcript.utterances)
    for target, items, first in (
        ("utterances", transcript.utterances, 0),
        ("flagged", transcript.flagged, trusted),
    ):
        frames[target].extend(
            {
                "call_id": call_id,
                "idx": first + idx,
                "speaker": u.speaker,
                "channel": u.channel,
                "start": u.start,
                "end": u.end,
                "text": clean(u.text),
                "language": u.language,
                "avg_logprob": u.avg_logprob,
                "no_speech_prob": u.no_speech_prob,
                "flag": u.flag,
                "run_id": run_id,
            }
            for idx, u in enumerate(items)
        )
    frames["call_metrics"].extend(
        {"call_id": call_id, **m, "run_id": run_id}
        for m in call_metrics(
            transcript.utterances, transcript.duration_s, transcript.channel_roles
        )
    )
    if _is_survey(record) and row.started_at is not None:
        spoken = find_score(transcript.utterances)
        if spoken is not None:
            said = transcript.utterances[spoken.utterance]
            response = {
                "response_id": f"call:{call_id}",
                "customer_id": call["customer_id"],
                "answered_at": row.started_at + pd.Timedelta(seconds=said.start),
                "channel": "call",
                "nps": spoken.score,
                "comment": clean(said.text),
                "call_id": call_id,
            }
            canonical = json.dumps(response, default=str, sort_keys=True, ensure_ascii=False)
            response["content_hash"] = hashlib.sha256(canonical.encode()).hexdigest()
            frames["responses"].append(
                {**response, "run_id": run_id, "utterance_idx": spoken.utterance}
            )
    result.done.add((call_id, done_key(row.audio_hash, transcriber.key)))
    result.audio_s += transcript.duration_s


def _mute(row: _Row, transcript: CallTranscript, base_dir: Path, out_dir: Path) -> None:
    spans = call_pii_spans([*transcript.utterances, *transcript.flagged])
    file = _text(row.record.get("file")) or ""
    try:
        mute_spans(base_dir / file, out_dir / f"{row.call_id}.flac", spans)
    except (AudioError, OSError) as exc:  # the transcript is stored; the copy is best effort
        logger.warning("call %s: redacted audio copy not written: %s", row.call_id, exc)
