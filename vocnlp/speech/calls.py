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

from vocnlp.errors import AudioError, InputError
from vocnlp.rejects import Reject
from vocnlp.schema import columns
from vocnlp.speech.acoustics import call_metrics
from vocnlp.speech.audio import AudioEmptyError
from vocnlp.speech.engine import Transcriber
from vocnlp.speech.transcript import DEFAULT_ROLES, CallTranscript, parse_roles

logger = logging.getLogger(__name__)

SOURCE = "calls"


@dataclass
class CallsResult:
    """What :func:`transcribe_calls` produced; frames use the warehouse column names."""

    calls: pd.DataFrame
    """One row per transcribed call (``calls`` columns)."""
    utterances: pd.DataFrame
    """``utterances`` columns; ``text`` is redacted when a ``redact`` hook was given."""
    call_metrics: pd.DataFrame
    """``call_metrics`` columns, one row per call and speaker."""
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


def transcribe_calls(
    calls: pd.DataFrame,
    base_dir: Path,
    transcriber: Transcriber,
    done: set[tuple[str, str]] | None = None,
    progress: Callable[[str], None] | None = None,
    redact: Callable[[str], str] | None = None,
    run_id: str = "",
) -> CallsResult:
    """Transcribe the calls listed in ``calls`` whose audio lies under ``base_dir``.

    ``calls`` has the inbox columns: call_id, file (relative to ``base_dir``), started_at,
    and optionally customer_id, agent_id, queue, language (a hint; empty = detect) and
    channel_roles (``"agent,customer"``; empty = agent on channel 0, customer on 1).

    ``done`` holds ``(call_id, done_key(audio_hash, transcriber.key))`` pairs already in the
    warehouse (:func:`done_keys`); those calls are counted in ``skipped`` and not decoded.
    A missing, empty or undecodable file becomes a reject and the batch goes on.
    ``progress(call_id)`` is called after each row; ``redact(text)`` is applied to every
    utterance text before it is returned (the PII hook).
    """
    started = time.perf_counter()
    done = done or set()
    base_dir = Path(base_dir)
    call_rows: list[dict[str, Any]] = []
    utterance_rows: list[dict[str, Any]] = []
    metric_rows: list[dict[str, Any]] = []
    result = CallsResult(pd.DataFrame(), pd.DataFrame(), pd.DataFrame())
    seen: set[str] = set()

    for raw in calls.to_dict("records"):
        record = {str(k): v for k, v in raw.items()}
        call_id = _text(record.get("call_id")) or ""
        try:
            row = _one_call(record, call_id, base_dir, transcriber, done, seen, redact)
        finally:
            if progress is not None:
                progress(call_id)
        if isinstance(row, Reject):
            logger.warning("call %s rejected: %s", call_id or "?", row.describe())
            result.rejects.append(row)
        elif row is None:
            result.skipped += 1
        else:
            call, transcript, utterances = row
            call_rows.append({**call, "run_id": run_id})
            utterance_rows.extend({**u, "run_id": run_id} for u in utterances)
            metric_rows.extend(
                {"call_id": call_id, **m, "run_id": run_id}
                for m in call_metrics(
                    transcript.utterances, transcript.duration_s, transcript.channel_roles
                )
            )
            result.done.add((call_id, done_key(call["audio_hash"], transcriber.key)))
            result.audio_s += transcript.duration_s
        seen.add(call_id)

    result.calls = _frame(call_rows, "calls")
    result.utterances = _frame(utterance_rows, "utterances")
    result.call_metrics = _frame(metric_rows, "call_metrics")
    result.elapsed_s = time.perf_counter() - started
    logger.info(
        "calls: %(transcribed)d transcribed, %(skipped)d skipped, %(rejected)d rejected, "
        "%(utterances)d utterances",
        result.counts,
    )
    return result


def _frame(rows: Iterable[dict[str, Any]], table: str) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=columns(table))


def _one_call(
    record: dict[str, Any],
    call_id: str,
    base_dir: Path,
    transcriber: Transcriber,
    done: set[tuple[str, str]],
    seen: set[str],
    redact: Callable[[str], str] | None,
) -> tuple[dict[str, Any], CallTranscript, list[dict[str, Any]]] | Reject | None:
    """A transcribed call, a reject, or None when it was already done."""
    file = _text(record.get("file")) or ""
    if not call_id:
        return _reject(file, "call_id", None, "required", "call_id is empty")
    if call_id in seen:
        msg = f"call_id {call_id} appears more than once in this batch; only its first row is used"
        return _reject(file, "call_id", call_id, "duplicate", msg)
    if not file:
        return _reject(file, "file", None, "required", f"call {call_id}: no audio file given")
    started_at = _timestamp(record.get("started_at"))
    if started_at is None:
        value = _text(record.get("started_at"))
        if value is None:
            msg = f"call {call_id}: started_at is empty"
            return _reject(file, "started_at", None, "required", msg)
        msg = f"call {call_id}: started_at {value!r} is not a date-time (use ISO 8601)"
        return _reject(file, "started_at", value, "timestamp_format", msg)
    path = base_dir / file
    if not path.is_file():
        msg = f"call {call_id}: audio file {file} not found under {base_dir}"
        return _reject(file, "file", file, "audio_missing", msg)
    if path.stat().st_size == 0:
        return _reject(file, "file", file, "audio_empty", f"call {call_id}: {file} is empty")
    try:
        roles = parse_roles(_text(record.get("channel_roles")))
    except InputError as exc:
        return _reject(file, "channel_roles", _text(record.get("channel_roles")), "roles", str(exc))

    audio_hash = file_sha256(path)
    if (call_id, done_key(audio_hash, transcriber.key)) in done:
        logger.debug("call %s: already transcribed with %s", call_id, transcriber.key)
        return None

    hint = _text(record.get("language"))
    hint = hint.lower() if hint else None
    if hint and not transcriber.supports_language(hint):
        logger.warning("call %s: unknown language hint %r; detecting instead", call_id, hint)
        hint = None
    try:
        transcript = transcriber.transcribe(path, roles or DEFAULT_ROLES, language=hint)
    except AudioEmptyError as exc:
        msg = f"call {call_id}: {exc.reason}"
        return _reject(file, "file", file, "audio_empty", msg)
    except AudioError as exc:
        msg = f"call {call_id}: {exc.reason}"
        return _reject(file, "file", file, "audio_unreadable", msg)
    except InputError as exc:
        return _reject(file, "channel_roles", ",".join(roles), "roles", str(exc))

    call: dict[str, Any] = {
        "call_id": call_id,
        "file": file,
        "audio_hash": audio_hash,
        "started_at": started_at,
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
    utterances = [
        {
            "call_id": call_id,
            "idx": idx,
            "speaker": u.speaker,
            "channel": u.channel,
            "start": u.start,
            "end": u.end,
            "text": redact(u.text) if redact is not None else u.text,
            "language": u.language,
            "avg_logprob": u.avg_logprob,
            "no_speech_prob": u.no_speech_prob,
        }
        for idx, u in enumerate(transcript.utterances)
    ]
    return call, transcript, utterances
