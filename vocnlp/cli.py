"""The ``vocnlp`` command: a thin typer layer over the library.

This module holds the commands that run work (run, serve, transcribe, classify, doctor);
:mod:`vocnlp.cli_warehouse` adds the ones that read the warehouse, and
:mod:`vocnlp.cli_common` the app, output formats and error handling.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import pandas as pd
import typer

from vocnlp.cli_common import (
    ConfigOpt,
    Format,
    ProgressBar,
    WarehouseOpt,
    _settings,
    app,
    emit,
    err,
    friendly,
    out,
)
from vocnlp.errors import VocError
from vocnlp.stages import resolve_day

__all__ = ["app"]


@app.command()
@friendly
def run(
    inbox: Annotated[Path | None, typer.Option(help="Inbox folder.")] = None,
    day: Annotated[
        str | None,
        typer.Option("--date", help="Only calls of this day: YYYY-MM-DD, yesterday or today."),
    ] = None,
    warehouse: WarehouseOpt = None,
    report: Annotated[Path | None, typer.Option(help="HTML report to write.")] = None,
    config: ConfigOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the run counts as JSON.")] = False,
) -> None:
    """Run the daily flow: ingest, transcribe, enrich, alerts, report."""
    settings = _settings(config, inbox=inbox, warehouse=warehouse, report=report)
    resolve_day(day)  # a bad date fails here, before any server starts
    daily = _flows()
    from vocnlp import progress
    from vocnlp.store import Warehouse

    with ProgressBar() as reporter:
        progress.set_reporter(reporter)
        try:
            counts = daily.daily_voc(
                day=day,
                inbox=str(settings.inbox),
                warehouse=str(settings.warehouse),
                report=str(settings.report),
                config=str(config) if config else None,
            )
        finally:
            progress.set_reporter(None)
    if as_json:
        sys.stdout.write(json.dumps(counts, default=str, ensure_ascii=False) + "\n")
        return
    with Warehouse(settings.warehouse, read_only=True) as wh:
        sizes = wh.counts()
        rejects = wh.query(
            "SELECT source, rule, count(*) AS n FROM rejects GROUP BY ALL ORDER BY n DESC"
        )
    emit(
        pd.DataFrame({"table": list(sizes), "rows": list(sizes.values())}),
        Format.table,
        "warehouse tables",
    )
    if not rejects.empty:
        emit(rejects, Format.table, "rejected records (see: vocnlp rejects)")
    out.print(f"warehouse: {settings.warehouse.resolve()}")
    out.print(f"report:    {settings.report.resolve()}")


def _flows() -> Any:
    """The pipelines.daily module (needs the flows extra)."""
    # On-premise by default: the temporary Prefect server sends no usage telemetry.
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    try:
        import pipelines.daily as daily
    except ImportError as exc:
        from vocnlp.errors import MissingExtraError

        raise MissingExtraError("prefect", "flows") from exc
    return daily


@app.command()
@friendly
def serve(
    cron: Annotated[str, typer.Option(help="Cron schedule, e.g. '0 6 * * *' (06:00 daily).")],
    timezone: Annotated[str | None, typer.Option(help="IANA time zone of the schedule.")] = None,
    inbox: Annotated[Path | None, typer.Option(help="Inbox folder.")] = None,
    day: Annotated[str, typer.Option("--date", help="Day each run processes.")] = "yesterday",
    warehouse: WarehouseOpt = None,
    report: Annotated[Path | None, typer.Option(help="HTML report to write.")] = None,
    config: ConfigOpt = None,
) -> None:
    """Run the daily flow on a schedule (needs PREFECT_API_URL of a `prefect server start`)."""
    if not os.environ.get("PREFECT_API_URL"):
        raise VocError(
            "schedules need a Prefect server: run `prefect server start` and set "
            "PREFECT_API_URL=http://127.0.0.1:4200/api"
        )
    settings = _settings(config, inbox=inbox, warehouse=warehouse, report=report)
    resolve_day(day)
    params = {
        "day": day,
        "inbox": str(settings.inbox.resolve()),
        "warehouse": str(settings.warehouse.resolve()),
        "report": str(settings.report.resolve()),
        "config": str(config.resolve()) if config else None,
    }
    err.print(f"serving daily-voc on '{cron}' with {params}")
    _flows().serve(cron, timezone, params)


@app.command()
@friendly
def transcribe(
    audio: Annotated[list[Path], typer.Argument(help="Audio files (wav, mp3, ogg, flac, m4a).")],
    language: Annotated[str | None, typer.Option(help="Language hint, e.g. uk.")] = None,
    roles: Annotated[str, typer.Option(help="Channel roles in order.")] = "agent,customer",
    out_file: Annotated[
        Path | None, typer.Option("--out", help="JSONL file (default stdout).")
    ] = None,
    config: ConfigOpt = None,
) -> None:
    """Transcribe audio files: one JSON line per utterance."""
    from vocnlp.stages import make_transcriber

    settings = _settings(config)
    transcriber = make_transcriber(settings)
    sink = out_file.open("w", encoding="utf-8") if out_file else sys.stdout
    failed = 0
    try:
        with ProgressBar() as tick:
            for i, path in enumerate(audio, start=1):
                try:
                    result = transcriber.transcribe(
                        path, channel_roles=tuple(roles.split(",")), language=language
                    )
                except VocError as exc:
                    err.print(f"[red]skipped[/] {exc}", highlight=False)
                    failed += 1
                    continue
                finally:
                    tick("transcribe", i, len(audio))
                for u in result.utterances:
                    record = {
                        "file": str(path),
                        "call_id": path.stem,
                        "speaker": u.speaker,
                        "start": round(u.start, 2),
                        "end": round(u.end, 2),
                        "text": u.text,
                        "language": u.language,
                    }
                    sink.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if out_file:
            sink.close()
    if failed:
        raise typer.Exit(1)


def _read_texts(path: Path | None, column: str) -> pd.DataFrame:
    from vocnlp.ingest.reading import read_records

    if path is None:
        lines = [line.rstrip("\n") for line in sys.stdin if line.strip()]
        return pd.DataFrame({column: lines})
    frame, _ = read_records(path)
    if column not in frame.columns:
        found = ", ".join(c for c in frame.columns if not c.startswith("_"))
        raise VocError(f"{path}: no column {column!r} (found: {found}); use --text-column")
    return frame.drop(columns=[c for c in frame.columns if c.startswith("_")])


@app.command()
@friendly
def classify(
    in_file: Annotated[
        Path | None, typer.Option("--in", help="CSV/JSON/JSONL (default stdin)")
    ] = None,
    text_column: Annotated[str, typer.Option(help="Column holding the text.")] = "text",
    out_file: Annotated[Path | None, typer.Option("--out", help="JSONL (default stdout).")] = None,
    config: ConfigOpt = None,
) -> None:
    """Add language, sentiment, topics and intents to each text (JSON lines)."""
    from vocnlp.stages import enrich_options
    from vocnlp.text.enrich import classify_texts

    settings = _settings(config)
    frame = _read_texts(in_file, text_column)
    texts = frame[text_column].fillna("").astype(str).tolist()
    results = classify_texts(texts, enrich_options(settings))
    sink = out_file.open("w", encoding="utf-8") if out_file else sys.stdout
    try:
        for record, extra in zip(frame.to_dict(orient="records"), results, strict=True):
            sink.write(json.dumps({**record, **extra}, ensure_ascii=False, default=str) + "\n")
    finally:
        if out_file:
            sink.close()


@app.command()
@friendly
def doctor(config: ConfigOpt = None) -> None:
    """Check extras, models and device; say what is missing and how to fix it."""
    from vocnlp.doctor import run_checks

    checks = run_checks(_settings(config))
    emit(pd.DataFrame(checks), Format.table, "vocnlp doctor")
    if any(c["status"] == "missing" for c in checks):
        raise typer.Exit(1)


# The commands that read the warehouse register after these, so `--help` lists `run` first.
import vocnlp.cli_warehouse  # noqa: E402, F401

if __name__ == "__main__":  # pragma: no cover
    app()
