"""The ``vocnlp`` command: a thin typer layer over the library.

Library errors (:class:`~vocnlp.errors.VocError`) become one ``error:`` line on stderr and
exit code 1; bad usage exits 2 (typer).  Tables go to stdout in ``--format table|csv|json``
so scripts can consume them; progress and messages go to stderr.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import pandas as pd
import typer
from rich.console import Console
from rich.table import Table

from vocnlp.config import Settings, load_settings
from vocnlp.errors import VocError
from vocnlp.stages import resolve_day

app = typer.Typer(
    help="Voice-of-customer pipeline: transcribe calls, classify feedback, explain NPS.",
    no_args_is_help=True,
    add_completion=False,
)
err = Console(stderr=True)
out = Console()

F = TypeVar("F", bound=Callable[..., Any])


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def friendly(func: F) -> F:
    """Turn VocError into one clear line and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except VocError as exc:
            err.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


ConfigOpt = Annotated[Path | None, typer.Option("--config", help="vocnlp.toml to read.")]
WarehouseOpt = Annotated[
    Path | None, typer.Option("--warehouse", "-w", help="DuckDB warehouse file.")
]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]


def _settings(config: Path | None, **overrides: Any) -> Settings:
    return load_settings(config, **overrides)


def emit(frame: pd.DataFrame, fmt: Format, title: str | None = None) -> None:
    """Print a DataFrame as a rich table, CSV or JSON records on stdout."""
    if fmt is Format.csv:
        sys.stdout.write(frame.to_csv(index=False))
        return
    if fmt is Format.json:
        sys.stdout.write(frame.to_json(orient="records", date_format="iso", force_ascii=False))
        sys.stdout.write("\n")
        return
    # Piped output (a report script, less -S) gets wide rows instead of 80-column wrapping.
    console = out if out.is_terminal else Console(width=max(out.width, 240))
    table = Table(title=title, show_lines=False)
    for name in frame.columns:
        table.add_column(str(name), overflow="fold")
    for row in frame.itertuples(index=False):
        table.add_row(*(_cell(v) for v in row))
    console.print(table)


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 1 else f"{value:.1f}"
    return str(value)


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


class ProgressBar:
    """A rich progress bar fed by vocnlp.progress reports (stderr)."""

    def __enter__(self) -> Callable[[str, int, int], None]:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        self.bar = Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=False,
        )
        self.tasks: dict[str, Any] = {}
        self.bar.start()
        return self.update

    def update(self, stage: str, done: int, total: int) -> None:
        if stage not in self.tasks:
            self.tasks[stage] = self.bar.add_task(stage, total=total)
        self.bar.update(self.tasks[stage], completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        self.bar.stop()


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


def _open_warehouse(config: Path | None, warehouse: Path | None) -> Any:
    from vocnlp.store import Warehouse

    return Warehouse(_settings(config, warehouse=warehouse).warehouse, read_only=True)


class Target(StrEnum):
    nps = "nps"
    csi = "csi"
    churn = "churn"


@app.command()
@friendly
def metrics(
    warehouse: WarehouseOpt = None,
    period: Annotated[str, typer.Option(help="day|week|month|quarter|all")] = "month",
    by: Annotated[
        str | None,
        typer.Option(help="Group by segment, channel, source (survey|call) or language."),
    ] = None,
    change: Annotated[
        bool, typer.Option("--change", help="Change vs the previous period, with p-values.")
    ] = False,
    fmt: FormatOpt = Format.table,
    config: ConfigOpt = None,
) -> None:
    """NPS, CSI and CLI per period (and group) with 95% confidence intervals and n."""
    from vocnlp.analytics import metrics_table, period_change, with_context

    with _open_warehouse(config, warehouse) as wh:
        responses = with_context(wh.frame("responses"), wh.frame("feedback"))
    if change:
        emit(period_change(responses, period=period, by=by), fmt, f"change by {period}")
    else:
        emit(metrics_table(responses, period=period, by=by), fmt, "metrics")


@app.command()
@friendly
def churn(
    warehouse: WarehouseOpt = None,
    by: Annotated[str | None, typer.Option(help="Group by segment or region.")] = None,
    months: Annotated[int, typer.Option(help="Show the last N months (0 = all).")] = 12,
    fmt: FormatOpt = Format.table,
    config: ConfigOpt = None,
) -> None:
    """Monthly churn % with CI, and who left (former promoters / passives / detractors)."""
    from vocnlp.analytics import churn_by_month

    with _open_warehouse(config, warehouse) as wh:
        table = churn_by_month(wh.frame("customers"), wh.frame("responses"), by=by)
    if months > 0:
        keep = sorted(table["month"].unique())[-months:]
        table = table[table["month"].isin(keep)]
    emit(table, fmt, "churn by month")


DRIVER_TABLE_COLUMNS = [
    "topic", "mentions", "mention_rate", "nps_mentioners", "nps_others", "impact",
    "impact_ci_low", "impact_ci_high", "q_value", "rw_share", "coef", "odds_ratio",
    "low_support", "rank",
]  # fmt: skip


@app.command()
@friendly
def drivers(
    warehouse: WarehouseOpt = None,
    target: Annotated[Target, typer.Option(help="What the drivers explain.")] = Target.nps,
    min_support: Annotated[
        int | None, typer.Option(help="Flag drivers with fewer mentioners (default 30).")
    ] = None,
    by_sentiment: Annotated[bool, typer.Option(help="Split topics by sentiment.")] = False,
    calls: Annotated[bool, typer.Option(help="Include call metrics as drivers.")] = True,
    boot: Annotated[int, typer.Option(help="Bootstrap resamples.")] = 1000,
    seed: Annotated[int, typer.Option(help="Bootstrap seed.")] = 0,
    fdr: Annotated[float, typer.Option(help="Benjamini-Hochberg false discovery rate.")] = 0.05,
    churn_horizon_days: Annotated[
        int, typer.Option(help="churn target: left within this many days of answering.")
    ] = 90,
    brief: Annotated[
        bool, typer.Option("--brief", help="Table view: only the main columns.")
    ] = False,
    fmt: FormatOpt = Format.table,
    config: ConfigOpt = None,
) -> None:
    """Drivers per topic (and call metric): impact with CI, q-value, relative weight, models.

    Every format carries every column; --brief keeps the table view to the main ones.
    """
    from vocnlp.analytics import driver_table

    settings = _settings(config, warehouse=warehouse, min_support=min_support)
    with _open_warehouse(config, warehouse) as wh:
        table = driver_table(
            wh.frame("responses"),
            wh.frame("mentions"),
            wh.frame("feedback"),
            min_support=settings.min_support,
            by_sentiment=by_sentiment,
            target=target.value,
            n_boot=boot,
            seed=seed,
            fdr=fdr,
            customers=wh.frame("customers") if target is Target.churn else None,
            churn_horizon_days=churn_horizon_days,
            calls=wh.frame("calls") if calls else None,
            call_metrics=wh.frame("call_metrics") if calls else None,
            call_window_days=settings.call_window_days,
        )
    title = str(table.attrs.get("impact", f"{target.value} drivers"))
    if brief and fmt is Format.table:
        table = table[[c for c in DRIVER_TABLE_COLUMNS if c in table.columns]]
    emit(table, fmt, title)


@app.command()
@friendly
def themes(
    warehouse: WarehouseOpt = None,
    fmt: FormatOpt = Format.table,
    config: ConfigOpt = None,
) -> None:
    """Emerging themes: what no taxonomy topic covers, new and growing first."""
    with _open_warehouse(config, warehouse) as wh:
        frame = wh.query(
            "SELECT week, status, label, current, previous, size, sentiment_score, quotes "
            "FROM themes ORDER BY week DESC, status = 'new' DESC, current - previous DESC"
        )
    emit(frame, fmt, "emerging themes (sentences per week)")


@app.command()
@friendly
def coverage(
    warehouse: WarehouseOpt = None,
    fmt: FormatOpt = Format.table,
    config: ConfigOpt = None,
) -> None:
    """How many survey answers have their own comment, calls before them, both or neither."""
    from vocnlp.analytics import coverage_report, link_responses

    settings = _settings(config, warehouse=warehouse)
    with _open_warehouse(config, warehouse) as wh:
        linked = link_responses(
            wh.frame("responses"),
            wh.frame("feedback"),
            wh.frame("calls"),
            settings.call_window_days,
        )
    emit(coverage_report(linked), fmt, f"coverage (calls within {settings.call_window_days} days)")


@app.command()
@friendly
def rejects(
    warehouse: WarehouseOpt = None,
    fmt: FormatOpt = Format.table,
    config: ConfigOpt = None,
) -> None:
    """Rejected records: source, file, line, field, value, rule, message."""
    with _open_warehouse(config, warehouse) as wh:
        frame = wh.query(
            "SELECT source, file, line, field, value, rule, message FROM rejects "
            "ORDER BY source, file, line"
        )
    emit(frame, fmt, "rejects")


@app.command()
@friendly
def report(
    warehouse: WarehouseOpt = None,
    out_file: Annotated[Path | None, typer.Option("--out", help="HTML file to write.")] = None,
    config: ConfigOpt = None,
) -> None:
    """Write the HTML analyst report from the warehouse."""
    from vocnlp.report import ReportOptions, build_report
    from vocnlp.store import Warehouse

    settings = _settings(config, warehouse=warehouse, report=out_file)
    with Warehouse(settings.warehouse, read_only=True) as wh:
        path = build_report(wh, settings.report, ReportOptions(min_support=settings.min_support))
    out.print(f"report: {path.resolve()}")


@app.command()
@friendly
def doctor(config: ConfigOpt = None) -> None:
    """Check extras, models and device; say what is missing and how to fix it."""
    from vocnlp.doctor import run_checks

    checks = run_checks(_settings(config))
    emit(pd.DataFrame(checks), Format.table, "vocnlp doctor")
    if any(c["status"] == "missing" for c in checks):
        raise typer.Exit(1)


if __name__ == "__main__":  # pragma: no cover
    app()
