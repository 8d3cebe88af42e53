"""Survey side of the report: KPIs, NPS trend, drivers and their quotes.

Each function turns warehouse frames into template-ready pieces (see :mod:`.tables`) and
never raises for missing data: a metric that cannot be computed becomes a note that says
why ("no data", or the :class:`~vocnlp.errors.VocError` message).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from vocnlp.analytics import (
    Estimate,
    churn_by_month,
    cli,
    csi,
    driver_table,
    metrics_table,
    nps,
    top_quotes,
)
from vocnlp.errors import EmptyDataError, VocError
from vocnlp.report import tables as t

log = logging.getLogger(__name__)

NO_DATA = "no data"
NEGATIVE_DRIVERS = 5
POSITIVE_DRIVERS = 3


@dataclass
class Kpi:
    """One header card: ``value`` already formatted; ``note`` explains a missing value."""

    name: str
    value: str = t.DASH
    ci: str = ""
    n: str = ""
    note: str = ""


@dataclass
class QuoteGroup:
    """Quotes behind one driver."""

    topic: str
    direction: str  # negative | positive
    impact: str
    mentions: str
    quotes: list[dict[str, str]] = field(default_factory=list)


@dataclass
class Drivers:
    frame: pd.DataFrame
    table: t.Table | None = None
    note: str = ""
    overall: str = ""
    negative: list[QuoteGroup] = field(default_factory=list)
    positive: list[QuoteGroup] = field(default_factory=list)


def _why(exc: VocError) -> str:
    return NO_DATA if isinstance(exc, EmptyDataError) else f"cannot compute: {exc}"


def estimate_kpi(
    name: str, compute: Callable[[], Estimate], fmt: Callable[[Any], str], unit: str = ""
) -> Kpi:
    """Compute one estimate; a VocError becomes the card's note."""
    try:
        est = compute()
    except VocError as exc:
        return Kpi(name, note=_why(exc))
    ci = t.interval(est.ci_low, est.ci_high, fmt)
    return Kpi(
        name,
        f"{fmt(est.value)}{unit}",
        f"95% CI {ci}{unit if ci != t.DASH else ''}",
        f"n = {est.n:,}",
    )


def survey_kpis(responses: pd.DataFrame) -> list[Kpi]:
    """NPS (points, with promoter/detractor shares), CSI (% of 4-5 answers), CLI (1-10 mean)."""
    kpis = [
        estimate_kpi("NPS", lambda: nps(responses["nps"]), t.signed),
        estimate_kpi("CSI", lambda: csi(responses["csi"]), t.one, "%"),
        estimate_kpi("CLI", lambda: cli(responses), lambda v: t.num(v, 2), " / 10"),
    ]
    if not kpis[0].note:
        scores = pd.to_numeric(responses["nps"], errors="coerce").dropna()
        kpis[
            0
        ].note = (
            f"promoters {t.pct((scores >= 9).mean())} · detractors {t.pct((scores <= 6).mean())}"
        )
    return kpis


def churn_kpi(customers: pd.DataFrame, responses: pd.DataFrame | None, as_of: date) -> Kpi:
    """Churn of the last month that ended on or before ``as_of``."""
    name = "Churn"
    if customers.empty:
        return Kpi(name, note=NO_DATA)
    try:
        table = churn_by_month(customers, responses)
    except VocError as exc:
        return Kpi(name, note=_why(exc))
    ends = pd.PeriodIndex(table["month"], freq="M").end_time.date
    complete = table[[end <= as_of for end in ends]]
    if complete.empty:
        return Kpi(name, note=f"no complete month before {as_of:%Y-%m-%d}")
    row = complete.iloc[-1]
    note = f"{row['month']}: {int(row['lost']):,} of {int(row['base']):,} customers left"
    if "lost_promoters" in row.index:
        note += f", {int(row['lost_promoters']):,} of them former promoters"
    ci = t.interval(row["ci_low"], row["ci_high"], t.one)
    return Kpi(
        f"Churn {row['month']}",
        t.points_pct(row["churn_pct"]),
        f"95% CI {ci}%",
        f"n = {int(row['base']):,}",
        note,
    )


def nps_trend(responses: pd.DataFrame, period: str) -> tuple[pd.DataFrame, str]:
    """Per-period NPS rows (period, value, ci_low, ci_high, n) and a note when empty."""
    try:
        table = metrics_table(responses[["answered_at", "nps"]], period=period)
    except VocError as exc:
        return pd.DataFrame(), _why(exc)
    trend = table[table["metric"] == "nps"].reset_index(drop=True)
    return trend, ("" if len(trend) else NO_DATA)


def trend_table(trend: pd.DataFrame) -> t.Table:
    return t.table(
        trend,
        [
            t.Col("Period", "period", t.text, right=False),
            t.Col("NPS", "value", t.signed),
            t.Col("95% CI low", "ci_low", t.signed),
            t.Col("95% CI high", "ci_high", t.signed),
            t.Col("n", "n", t.count),
        ],
    )


def _support(min_support: int) -> Callable[[Any], str]:
    return lambda low: f"low support (n<{min_support})" if low else "ok"


def _rank(value: Any) -> str:
    return t.DASH if t.is_missing(value) else str(int(value))


def _q(value: Any) -> str:
    if t.is_missing(value):
        return t.DASH
    return "<0.001" if float(value) < 0.001 else f"{float(value):.3f}"


def _format_drivers(frame: pd.DataFrame, min_support: int) -> t.Table:
    """Ranked drivers first (most harmful on top), then the low-support ones, greyed."""
    frame = frame.sort_values("low_support", kind="stable")
    shown = frame.assign(
        _ci=[
            t.interval(lo, hi)
            for lo, hi in zip(frame["impact_ci_low"], frame["impact_ci_high"], strict=True)
        ]
    )
    return t.table(
        shown,
        [
            t.Col("Rank", "rank", _rank),
            t.Col("Topic", "topic", t.text, right=False),
            t.Col("Mentions", "mentions", t.count),
            t.Col("Mention rate", "mention_rate", t.pct),
            t.Col("NPS mentioners", "nps_mentioners", t.signed),
            t.Col("NPS others", "nps_others", t.signed),
            t.Col("NPS diff", "nps_diff", t.signed),
            t.Col("Impact", "impact", t.signed),
            t.Col("Impact 95% CI", "_ci", str),
            *(
                [
                    t.Col("q (BH)", "q_value", _q),
                    t.Col("Relative weight", "rw_share", t.pct),
                    t.Col("Detractor odds ratio", "odds_ratio", t.two),
                ]
                if {"q_value", "rw_share", "odds_ratio"} <= set(frame.columns)
                else []
            ),
            t.Col("Negative share", "negative_share", t.pct),
            t.Col("Mean sentiment", "mean_sentiment", t.two),
            t.Col("Support", "low_support", _support(min_support), right=False),
        ],
        row_class=lambda r: "low" if bool(r["low_support"]) else "",
    )


def _quote_groups(
    chosen: pd.DataFrame,
    direction: str,
    feedback: pd.DataFrame,
    mentions: pd.DataFrame,
    k: int,
) -> list[QuoteGroup]:
    groups: list[QuoteGroup] = []
    for _, row in chosen.iterrows():
        group = QuoteGroup(
            str(row["topic"]), direction, t.signed(row["impact"]), t.count(row["mentions"])
        )
        try:
            quotes = top_quotes(feedback, mentions, str(row["topic"]), k=k, sentiment=direction)
        except VocError as exc:
            log.warning("quotes for %s: %s", row["topic"], exc)
            quotes = pd.DataFrame()
        for _, q in quotes.iterrows():
            group.quotes.append(
                {
                    "language": t.text(q["language"]) or "und",
                    "source": t.text(q["source"]) or "unknown",
                    "text": t.text(q["text"]),
                    "score": t.two(q["sentiment_score"]),
                }
            )
        groups.append(group)
    return groups


def drivers(
    responses: pd.DataFrame,
    mentions: pd.DataFrame,
    feedback: pd.DataFrame,
    min_support: int,
    quotes_per_driver: int,
) -> Drivers:
    """Driver table, its formatted form, and quotes for the strongest drivers.

    Quotes are taken for the (ranked, i.e. supported) drivers: the 5 with the most negative
    impact (negative quotes) and the 3 with the most positive impact (positive quotes).
    """
    try:
        frame = driver_table(responses, mentions, feedback, min_support=min_support)
    except VocError as exc:
        return Drivers(pd.DataFrame(), note=_why(exc))
    overall = f"overall NPS {t.signed(frame.attrs.get('nps'))} over {frame.attrs.get('n', 0):,} "
    overall += "scored respondents"
    if frame.empty:
        return Drivers(frame, note="no data: no survey comment mentions a topic", overall=overall)
    out = Drivers(frame, _format_drivers(frame, min_support), overall=overall)
    ranked = frame[~frame["low_support"].astype(bool)]
    negative = ranked[ranked["impact"] < 0].sort_values("impact").head(NEGATIVE_DRIVERS)
    positive = ranked[ranked["impact"] > 0].sort_values("impact", ascending=False)
    k = quotes_per_driver
    out.negative = _quote_groups(negative, "negative", feedback, mentions, k)
    out.positive = _quote_groups(positive.head(POSITIVE_DRIVERS), "positive", feedback, mentions, k)
    return out
