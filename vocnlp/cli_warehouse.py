"""``vocnlp`` commands that read the warehouse: metrics, churn, drivers, themes, coverage,
rejects and report."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from vocnlp.cli_common import (
    ConfigOpt,
    Format,
    FormatOpt,
    WarehouseOpt,
    _open_warehouse,
    _settings,
    app,
    emit,
    friendly,
    out,
)


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
