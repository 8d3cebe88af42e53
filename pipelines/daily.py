"""The daily voice-of-customer flow: ingest -> transcribe -> enrich -> alerts -> report.

Thin Prefect wrappers around :mod:`vocnlp.stages`; every task logs its counts.  With no
PREFECT_API_URL the flow runs against a temporary local server (no setup needed).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from vocnlp import stages
from vocnlp.config import Settings, load_settings


@task(name="ingest", retries=2, retry_delay_seconds=5, cache_policy=NO_CACHE)
def ingest_task(settings: Settings, run_id: str, day: date | None) -> stages.IngestOutput:
    out = stages.stage_ingest(settings, run_id, day)
    get_run_logger().info("ingest: %s", out.counts)
    return out


@task(name="transcribe", cache_policy=NO_CACHE)
def transcribe_task(
    settings: Settings, run_id: str, ingested: stages.IngestOutput
) -> dict[str, Any]:
    counts = stages.stage_transcribe(settings, run_id, ingested.calls)
    get_run_logger().info("transcribe: %s", counts)
    return counts


@task(name="enrich", cache_policy=NO_CACHE)
def enrich_task(settings: Settings, run_id: str) -> dict[str, Any]:
    counts = stages.stage_enrich(settings, run_id)
    get_run_logger().info("enrich: %s", counts)
    return counts


@task(name="themes", cache_policy=NO_CACHE)
def themes_task(settings: Settings, run_id: str) -> dict[str, Any]:
    counts = stages.stage_themes(settings, run_id)
    get_run_logger().info("themes: %s", counts)
    return counts


@task(name="alerts", retries=2, retry_delay_seconds=5, cache_policy=NO_CACHE)
def alerts_task(settings: Settings, run_id: str) -> dict[str, Any]:
    counts = stages.stage_alerts(settings, run_id)
    get_run_logger().info("alerts: %s", counts)
    return counts


@task(name="report", retries=2, retry_delay_seconds=5, cache_policy=NO_CACHE)
def report_task(settings: Settings, run_id: str) -> dict[str, Any]:
    counts = stages.stage_report(settings, run_id)
    get_run_logger().info("report: %s", counts)
    return counts


@flow(name="daily-voc", log_prints=True)
def daily_voc(
    day: str | None = None,
    inbox: str | None = None,
    warehouse: str | None = None,
    report: str | None = None,
    config: str | None = None,
) -> dict[str, Any]:
    """Process the inbox into the warehouse.

    ``day``: "YYYY-MM-DD", "yesterday" or "today" limits the calls to that day; ``None`` or
    "all" processes everything in the inbox.
    """
    settings = load_settings(
        Path(config) if config else None, inbox=inbox, warehouse=warehouse, report=report
    )
    when = stages.resolve_day(day)
    run_id = stages.start_run(settings, when)
    counts: dict[str, Any] = {"run_id": run_id}
    try:
        ingested = ingest_task(settings, run_id, when)
        counts["ingest"] = ingested.counts
        counts["transcribe"] = transcribe_task(settings, run_id, ingested)
        counts["enrich"] = enrich_task(settings, run_id)
        counts["themes"] = themes_task(settings, run_id)
        counts["alerts"] = alerts_task(settings, run_id)
        counts["report"] = report_task(settings, run_id)
    except BaseException:
        stages.finish_run(settings, run_id, "failed", counts)
        raise
    stages.finish_run(settings, run_id, "completed", counts)
    return counts


def serve(cron: str, timezone: str | None, parameters: dict[str, Any]) -> None:
    """Serve ``daily-voc`` on a cron schedule (needs a running ``prefect server start``)."""
    from prefect.schedules import Cron

    daily_voc.serve(
        name="daily-voc",
        schedule=Cron(cron, timezone=timezone),
        parameters=parameters,
    )
