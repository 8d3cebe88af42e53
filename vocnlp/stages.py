"""The daily job's stages as plain functions (the Prefect flow only orchestrates them).

Each stage opens the warehouse itself, does one thing, and returns a dict of counts that the
flow logs and the run records.  Re-running a stage on unchanged input changes no row counts.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pandas as pd

from vocnlp import __version__
from vocnlp.config import Settings, load_profile
from vocnlp.errors import ConfigError
from vocnlp.ingest import InboxBatch, ingest_inbox
from vocnlp.rejects import Reject, rejects_frame
from vocnlp.store import Warehouse

log = logging.getLogger(__name__)


def resolve_day(value: str | date | None, today: date | None = None) -> date | None:
    """``None``/"all" (whole inbox), "today", "yesterday" or an ISO date."""
    if value is None or isinstance(value, date):
        return value
    text = value.strip().lower()
    base = today or date.today()
    if text in ("", "all"):
        return None
    if text == "today":
        return base
    if text == "yesterday":
        return base - timedelta(days=1)
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise ConfigError(f"date {value!r}: use YYYY-MM-DD, today, yesterday or all") from exc


def run_id_for(day: date | None, inbox: Path) -> str:
    """Stable id of "this inbox for this day": re-running it updates the same run row."""
    key = f"{day.isoformat() if day else 'all'}|{inbox.resolve()}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


@dataclass
class IngestOutput:
    """What ingest hands to the speech stage (calls still to transcribe) plus counts."""

    calls: pd.DataFrame
    counts: dict[str, Any] = field(default_factory=dict)


def model_versions(settings: Settings) -> dict[str, str]:
    """Versions of the models the profile selects (recorded with every run)."""
    profile = load_profile(settings.profile)
    versions: dict[str, str] = {"profile": str(profile.get("name", settings.profile))}
    speech = profile.get("speech", {})
    if "model" in speech:
        from vocnlp.speech.model import model_version

        versions["speech"] = model_version(str(speech["model"]))
    try:
        from vocnlp.text.enrich import model_versions as text_versions

        versions.update(text_versions(enrich_options(settings)))
    except ImportError as exc:  # the nlp extra is missing; enrichment will say so
        log.debug("text model versions unavailable: %s", exc)
    return versions


def start_run(settings: Settings, day: date | None) -> str:
    run_id = run_id_for(day, settings.inbox)
    with Warehouse(settings.warehouse) as wh:
        wh.start_run(run_id, day, str(settings.inbox), model_versions(settings), __version__)
    return run_id


def finish_run(settings: Settings, run_id: str, status: str, counts: dict[str, Any]) -> None:
    with Warehouse(settings.warehouse) as wh:
        wh.finish_run(run_id, status, counts)


def store_rejects(wh: Warehouse, rejects: list[Reject], files: list[str], run_id: str) -> int:
    """Replace the rejects of the files just read: a row fixed in its file stops being one."""
    frame = rejects_frame(rejects, run_id).drop_duplicates("reject_id")
    return wh.replace_children(
        "rejects", "file", [*files, *(r.file for r in rejects)], frame, run_id
    )


def stage_ingest(settings: Settings, run_id: str, day: date | None = None) -> IngestOutput:
    """Read and validate the inbox; store customers, responses, feedback and rejects."""
    batch: InboxBatch = ingest_inbox(
        settings.inbox, settings.languages, pd.Timestamp(day) if day else None
    )
    counts: dict[str, Any] = {"read": batch.counts()}
    with Warehouse(settings.warehouse) as wh:
        counts["customers"] = wh.upsert("customers", batch.customers, run_id).as_dict()
        counts["responses"] = wh.upsert("responses", batch.responses, run_id).as_dict()
        counts["feedback"] = wh.upsert("feedback", batch.feedback, run_id).as_dict()
        counts["rejects"] = len(batch.rejects)
        read = [f for paths in batch.files.values() for f in paths]
        store_rejects(wh, batch.rejects, read, run_id)
    return IngestOutput(calls=batch.calls, counts=counts)


def make_transcriber(settings: Settings) -> Any:
    """A Transcriber for the profile's [speech] settings (the model loads on first use)."""
    from vocnlp.speech import TranscribeOptions, Transcriber

    speech = load_profile(settings.profile).get("speech", {})
    return Transcriber(TranscribeOptions.from_settings(settings, speech))


def call_feedback(calls: pd.DataFrame, utterances: pd.DataFrame) -> pd.DataFrame:
    """The customer's side of each call (or the whole mono call) as one feedback record."""
    if calls.empty or utterances.empty:
        return pd.DataFrame()
    said = utterances[utterances["speaker"].isin(["customer", "mixed"])]
    text = (
        said.sort_values(["call_id", "start"])
        .groupby("call_id")["text"]
        .agg(lambda parts: " ".join(str(p).strip() for p in parts if str(p).strip()))
    )
    rows = calls.set_index("call_id").join(text.rename("said"), how="inner")
    rows = rows[rows["said"].str.len() > 0]
    return pd.DataFrame(
        {
            "feedback_id": "call:" + rows.index.astype(str),
            "source": "call",
            "source_id": rows.index.astype(str),
            "customer_id": rows["customer_id"].to_numpy(),
            "created_at": rows["started_at"].to_numpy(),
            "text": rows["said"].to_numpy(),
            "platform": rows["queue"].to_numpy(),
            "content_hash": [
                hashlib.sha256(t.encode()).hexdigest() for t in rows["said"].astype(str)
            ],
        }
    )


def stage_transcribe(settings: Settings, run_id: str, calls: pd.DataFrame) -> dict[str, Any]:
    """Transcribe calls not yet transcribed with the same audio and model; store them."""
    if calls.empty:
        return {"calls": 0}
    from vocnlp import progress
    from vocnlp.speech import done_keys, transcribe_calls

    with Warehouse(settings.warehouse) as wh:
        done = done_keys(wh.query("SELECT call_id, audio_hash, transcribed_with FROM calls"))
    transcriber = make_transcriber(settings)
    total = len(calls)
    seen = {"n": 0}

    def tick(call_id: str) -> None:
        seen["n"] += 1
        progress.report("transcribe", seen["n"], total)
        log.info("transcribed %s (%d/%d)", call_id, seen["n"], total)

    result = transcribe_calls(
        calls, settings.inbox, transcriber, done=done, progress=tick, run_id=run_id
    )
    new_ids = result.calls["call_id"].astype(str).tolist() if not result.calls.empty else []
    with Warehouse(settings.warehouse) as wh:
        counts = {
            "calls": wh.upsert("calls", result.calls, run_id).as_dict(),
            "skipped": result.skipped,
            # Flagged segments (hallucination guards) are kept for audit, out of analytics.
            "utterances": wh.replace_children(
                "utterances",
                "call_id",
                new_ids,
                pd.concat([result.utterances, result.flagged], ignore_index=True),
                run_id,
            ),
            "call_metrics": wh.replace_children(
                "call_metrics", "call_id", new_ids, result.call_metrics, run_id
            ),
            "rejects": len(result.rejects),
        }
        attempted = calls["file"].dropna().astype(str).tolist()
        store_rejects(wh, result.rejects, attempted, run_id)
        feedback = call_feedback(result.calls, result.utterances)
        counts["feedback"] = wh.upsert("feedback", feedback, run_id).as_dict()
        counts["responses"] = wh.upsert("responses", result.responses, run_id).as_dict()
    return counts


def enrich_options(settings: Settings) -> Any:
    """EnrichOptions for the settings and their profile's [text] section."""
    from vocnlp.text.enrich import EnrichOptions

    return EnrichOptions.from_settings(settings)


def stage_enrich(settings: Settings, run_id: str) -> dict[str, Any]:
    """Language, sentiment, topics and intents for feedback not enriched by these models."""
    from vocnlp import progress
    from vocnlp.text.enrich import enrich, model_versions, versions_string

    options = enrich_options(settings)
    stamp = versions_string(model_versions(options))
    with Warehouse(settings.warehouse) as wh:
        todo = wh.query(
            "SELECT feedback_id, source, text FROM feedback "
            "WHERE enriched_with IS DISTINCT FROM ? ORDER BY feedback_id",
            [stamp],
        )
    if todo.empty:
        return {"enriched": 0}
    result = enrich(
        todo,
        options,
        progress=lambda done, total: progress.report("enrich (sentences)", done, total),
    )
    enriched = result.feedback
    with Warehouse(settings.warehouse) as wh:
        wh.update_columns(
            "feedback",
            enriched,
            ["language", "language_flag", "sentiment", "sentiment_score", "enriched_with"],
        )
        n_mentions = wh.replace_children(
            "mentions", "feedback_id", todo["feedback_id"], result.mentions, run_id
        )
    return {
        "enriched": len(todo),
        "mentions": n_mentions,
        "unique_sentences": result.stats.unique_sentences,
        "embedded": result.stats.embedded,
    }


THEME_WINDOW_DAYS = 28
"""Emerging themes look at the last four weeks of feedback."""


def stage_themes(settings: Settings, run_id: str) -> dict[str, Any]:
    """Cluster what no topic covers (last 4 weeks) and store the themes of the newest week."""
    from vocnlp.text.themes import emerging_themes

    with Warehouse(settings.warehouse) as wh:
        recent = wh.query(
            """SELECT feedback_id, text, created_at FROM feedback
               WHERE excluded_reason IS NULL AND text IS NOT NULL
                 AND created_at >= (SELECT max(created_at) FROM feedback) - to_days(?)""",
            [THEME_WINDOW_DAYS],
        )
    themes = emerging_themes(recent, enrich_options(settings))
    if themes.empty:
        return {"themes": 0}
    stored = themes.copy()
    for column in ("terms", "feedback_ids", "quotes", "languages", "weekly"):
        stored[column] = stored[column].map(
            lambda v: json.dumps(v, ensure_ascii=False, default=str)
        )
    with Warehouse(settings.warehouse) as wh:
        wh.replace_children("themes", "week", stored["week"].astype(str), stored, run_id)
    new = int((themes["status"] == "new").sum())
    return {"themes": len(themes), "new": new}


def stage_alerts(settings: Settings, run_id: str) -> dict[str, Any]:
    """Open closed-loop alerts for new detractors, complaints and churn threats."""
    from vocnlp.alerts import build_alerts

    with Warehouse(settings.warehouse) as wh:
        alerts = build_alerts(wh, settings.alert_window_days)
        added = wh.insert_new("alerts", alerts, run_id)
    return {"alerts_new": added, "alerts_considered": len(alerts)}


def stage_report(settings: Settings, run_id: str) -> dict[str, Any]:
    """Write the HTML report from the warehouse."""
    from vocnlp.report import ReportOptions, build_report

    with Warehouse(settings.warehouse, read_only=False) as wh:
        path = build_report(wh, settings.report, ReportOptions(min_support=settings.min_support))
    return {"report": str(path)}
