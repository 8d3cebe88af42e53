"""The analyst report: one self-contained HTML file built from the warehouse.

:func:`build_report` reads the warehouse tables, computes metrics, drivers and quotes with
:mod:`vocnlp.analytics`, draws plotly charts and renders ``templates/report.html.j2`` with
jinja2 (autoescape on: feedback texts are untrusted).  plotly.js is embedded once, so the
page opens with no network.  Missing data never fails the report: a section without data
says so.

Sections: headline KPIs (NPS, CSI, CLI, churn of the last complete month, open alerts),
feedback volumes, NPS trend, drivers (chart, table, definition), quotes, sentiment by
source and language, calls (only when there are calls), data quality, run info.
"""

from __future__ import annotations

import importlib
import logging
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd

from vocnlp.analytics.metrics import PERIODS
from vocnlp.errors import ConfigError, MissingExtraError
from vocnlp.report import ops, survey
from vocnlp.store import Warehouse

log = logging.getLogger(__name__)

TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE = "report.html.j2"
TABLES_READ = (
    "responses",
    "customers",
    "feedback",
    "mentions",
    "calls",
    "call_metrics",
    "rejects",
    "runs",
    "themes",
    "alerts",
)
NO_RESPONSES = (
    "No survey responses in the warehouse: NPS, CSI, CLI, the NPS trend and the drivers need "
    "survey scores. Add a surveys file to the inbox and run `vocnlp run` again."
)


@dataclass
class ReportOptions:
    """What the report shows.

    Attributes:
        title: page title and heading.
        min_support: drivers mentioned by fewer respondents are greyed and not ranked.
        quotes_per_driver: quotes shown for each of the strongest drivers (0 hides them).
        period: NPS trend granularity: day, week, month or quarter.
        as_of: the report's reference day, used to pick the last *complete* month for churn;
            ``None`` means the latest date found in the data.
    """

    title: str = "Voice of customer"
    min_support: int = 30
    quotes_per_driver: int = 3
    period: str = "month"
    as_of: date | None = None

    def __post_init__(self) -> None:
        if self.min_support < 1:
            raise ConfigError(f"min_support must be at least 1, got {self.min_support}")
        if self.quotes_per_driver < 0:
            raise ConfigError(f"quotes_per_driver must be 0 or more, got {self.quotes_per_driver}")
        if self.period not in PERIODS or self.period == "all":
            allowed = ", ".join(p for p in PERIODS if p != "all")
            raise ConfigError(f"period must be one of {allowed}; got {self.period!r}")


def _require(module: str, package: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtraError(package, "report") from exc


def _version() -> str:
    try:
        return metadata.version("vocnlp")
    except metadata.PackageNotFoundError:
        return "unknown"


def impact_definition(min_support: int) -> str:
    return (
        "Impact = overall NPS minus the NPS of the respondents who did not mention the topic, "
        "in NPS points (equivalently: mention rate × NPS difference between mentioners and "
        "the others). A negative impact means the topic pulls NPS down: without its "
        "mentioners NPS would be that many points higher. The 95% CI is a bootstrap over "
        f"respondents. Topics mentioned by fewer than {min_support} respondents are greyed, "
        "marked low support and not ranked. Impact is an association, not proof of cause. "
        "q (BH): the p-value of the mentioners' difference after Benjamini-Hochberg "
        "correction across topics. Relative weight: the topic's share of the explained "
        "variance of the 0-10 score (Johnson's relative weights). Detractor odds ratio: how "
        "much mentioning the topic multiplies the odds of being a detractor, other topics "
        "held equal."
    )


def read_tables(warehouse: Warehouse) -> dict[str, pd.DataFrame]:
    """Every table the report reads, as DataFrames (fully consumed)."""
    return {name: warehouse.frame(name) for name in TABLES_READ}


def gather(
    frames: dict[str, pd.DataFrame], options: ReportOptions, now: datetime | None = None
) -> dict[str, Any]:
    """Template context (without charts) from the warehouse frames."""
    now = now or datetime.now(UTC).replace(tzinfo=None)
    responses, feedback = frames["responses"], frames["feedback"]
    customers = frames["customers"]
    as_of = options.as_of or ops.as_of(
        (responses, ("answered_at",)),
        (feedback, ("created_at",)),
        (customers, ("joined_at", "left_at")),
        (frames["calls"], ("started_at",)),
    )
    has_responses = not responses.empty
    churn = survey.churn_kpi(customers, responses if has_responses else None, as_of)
    if has_responses:
        kpis = survey.survey_kpis(responses)
        trend, trend_note = survey.nps_trend(responses, options.period)
        drivers = survey.drivers(
            responses,
            frames["mentions"],
            feedback,
            options.min_support,
            options.quotes_per_driver,
        )
    else:
        kpis = [survey.Kpi(name, note=survey.NO_DATA) for name in ("NPS", "CSI", "CLI")]
        trend, trend_note = pd.DataFrame(), survey.NO_DATA
        drivers = survey.Drivers(pd.DataFrame(), note=survey.NO_DATA)
    sentiment_table, sentiment_by_source = ops.sentiment(feedback)
    quality = ops.quality(frames["rejects"], feedback)
    version = _version()
    return {
        "title": options.title,
        "generated": f"{now:%Y-%m-%d %H:%M} UTC",
        "version": version,
        "as_of": f"{as_of:%Y-%m-%d}",
        "coverage": ops.coverage(responses, feedback),
        "notes": [] if has_responses else [NO_RESPONSES],
        "kpis": [*kpis, churn, ops.alerts_kpi(frames["alerts"], now)],
        "feedback_counts": ops.feedback_counts(feedback),
        "excluded_total": quality.total_excluded,
        "period": options.period,
        "trend": trend,
        "trend_note": trend_note,
        "trend_table": survey.trend_table(trend) if len(trend) else None,
        "drivers": drivers,
        "min_support": options.min_support,
        "impact_definition": impact_definition(options.min_support),
        "show_quotes": options.quotes_per_driver > 0,
        "sentiment_table": sentiment_table,
        "sentiment_by_source": sentiment_by_source,
        "calls": ops.calls(frames["calls"], frames["call_metrics"]),
        "themes": ops.themes(frames["themes"]),
        "quality": quality,
        "run": ops.run_info(frames["runs"], version),
    }


def add_charts(context: dict[str, Any]) -> None:
    """Chart HTML fragments, in page order (the first one carries plotly.js)."""
    from markupsafe import Markup

    from vocnlp.report import charts

    embed = charts.Embedder()
    trend: pd.DataFrame = context["trend"]
    drivers: survey.Drivers = context["drivers"]
    by_source: pd.DataFrame = context["sentiment_by_source"]
    context["trend_chart"] = (
        Markup(embed.html(charts.nps_trend(trend, context["period"]))) if len(trend) else None
    )
    context["drivers_chart"] = (
        Markup(embed.html(charts.drivers(drivers.frame, context["min_support"])))
        if len(drivers.frame)
        else None
    )
    context["sentiment_chart"] = (
        Markup(embed.html(charts.sentiment(by_source))) if len(by_source) else None
    )


def render(context: dict[str, Any]) -> str:
    """Render the template (autoescape on, undefined names are errors)."""
    jinja2 = _require("jinja2", "jinja2")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return str(env.get_template(TEMPLATE).render(**context))


def _write(out: Path, html: str) -> None:
    """Write atomically so a reader never sees half a report."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(html)
        os.chmod(tmp, 0o644)  # mkstemp makes it private (0600); a report is for sharing
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def build_report(
    warehouse: Warehouse, out: str | Path, options: ReportOptions | None = None
) -> Path:
    """Write the analyst report for ``warehouse`` to ``out`` (one HTML file) and return it.

    Raises MissingExtraError when jinja2 or plotly is not installed
    (``pip install 'vocnlp[report]'``).  Empty tables give "no data" sections; a warehouse
    without survey responses gives a report that says so.
    """
    options = options or ReportOptions()
    _require("jinja2", "jinja2")
    _require("plotly", "plotly")
    context = gather(read_tables(warehouse), options)
    add_charts(context)
    out = Path(out)
    _write(out, render(context))
    log.info("report written to %s", out)
    return out
