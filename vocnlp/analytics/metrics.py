"""Survey metrics with confidence intervals: NPS, CSI, CLI and customer churn.

Every metric returns an :class:`Estimate` (value, CI bounds, n) in percent points (NPS,
CSI, churn) or scale points (CLI).  Missing answers (NaN / ``pd.NA``) are dropped; answers
outside the scale raise :class:`~vocnlp.errors.InputError`; a metric asked of no data
raises :class:`~vocnlp.errors.EmptyDataError`.

* **NPS** 0-10: promoters 9-10, detractors 0-6; value = %promoters - %detractors.  CI is the
  adjusted Wald interval: n' = n + 3, p' = (P + 3/4)/n', d' = (D + 3/4)/n',
  CI = 100 * ((p' - d') ± z * sqrt((p' + d' - (p' - d')²) / n')), clipped to [-100, 100].
  The interval is centred on the *adjusted* estimate, so for very small n it need not
  contain the plain value (n = 1 promoter: value 100, CI [-48.5, 98.5]).
* **CSI** 1-5: % of answers that are 4 or 5, Wilson score CI.
* **CLI** 1-10: per-respondent mean of recommend, continue, buy-more and reverse-coded
  switch (11 - x); respondents missing any item are skipped; Student-t CI of the mean,
  clipped to [1, 10].
* **Churn**: customers lost in a month / customers active at the end of the previous
  month x 100, Wilson CI (:mod:`vocnlp.analytics.churn`, re-exported here).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass
from statistics import NormalDist
from typing import Any

import numpy as np
import pandas as pd

from vocnlp.errors import EmptyDataError, InputError, MissingExtraError
from vocnlp.schema import CLI_ITEMS

log = logging.getLogger(__name__)

PERIODS = ("day", "week", "month", "quarter", "all")
METRICS_COLUMNS = ["metric", "period", "group", "value", "ci_low", "ci_high", "n"]


@dataclass(frozen=True)
class Estimate:
    """A point estimate with its confidence interval.

    Attributes:
        value: the metric itself (NPS/CSI/churn in percent points, CLI on its 1-10 scale).
        ci_low: lower bound of the confidence interval (same unit as ``value``).
        ci_high: upper bound of the confidence interval.
        n: number of observations the estimate rests on (respondents, or customers in the
            churn base).
    """

    value: float
    ci_low: float
    ci_high: float
    n: int

    def as_dict(self) -> dict[str, Any]:
        """The fields as a plain dict (for JSON, DataFrame rows, templates)."""
        return asdict(self)


def _z(confidence: float) -> float:
    if not 0.0 < confidence < 1.0:
        raise InputError(f"confidence must be between 0 and 1 (exclusive), got {confidence}")
    return NormalDist().inv_cdf(0.5 + confidence / 2.0)


def _check_range(values: np.ndarray, lo: int, hi: int, name: str) -> None:
    """Raise InputError unless every value is a whole number in [lo, hi]."""
    bad = (values < lo) | (values > hi) | (values != np.round(values))
    if bad.any():
        sample = ", ".join(str(v) for v in values[bad][:5])
        raise InputError(
            f"{name} answers must be whole numbers from {lo} to {hi}; got {sample} "
            f"({int(bad.sum())} invalid); fix or reject them at ingest"
        )


def _numeric(values: Any, name: str) -> pd.Series:
    try:
        return pd.to_numeric(pd.Series(values), errors="raise").astype("float64")
    except (ValueError, TypeError) as exc:
        raise InputError(f"{name} answers must be numbers: {exc}") from exc


def _scores(values: Any, lo: int, hi: int, name: str) -> np.ndarray:
    """Validated answers as a float array with missing values dropped."""
    arr = _numeric(values, name).dropna().to_numpy(dtype=float)
    if arr.size == 0:
        raise EmptyDataError(f"no {name} answers to compute {name} from (empty or all missing)")
    _check_range(arr, lo, hi, name)
    return arr


def wilson(successes: int, n: int, confidence: float = 0.95) -> Estimate:
    """Percentage ``100 * successes / n`` with its Wilson score interval."""
    if n <= 0:
        raise EmptyDataError("no observations for a proportion (n = 0)")
    z = _z(confidence)
    p = successes / n
    denom = 1.0 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z / denom * float(np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)))
    # Wilson always contains p; min/max only remove rounding noise at p = 0 or 1
    lo, hi = max(0.0, min(p, centre - half)), min(1.0, max(p, centre + half))
    return Estimate(100.0 * p, float(100.0 * lo), float(100.0 * hi), int(n))


def nps(scores: Any, confidence: float = 0.95) -> Estimate:
    """Net Promoter Score of 0-10 answers with the adjusted-Wald CI (see module doc)."""
    arr = _scores(scores, 0, 10, "NPS")
    z = _z(confidence)
    n = arr.size
    promoters = int((arr >= 9).sum())
    detractors = int((arr <= 6).sum())
    n_adj = n + 3.0
    p_adj = (promoters + 0.75) / n_adj
    d_adj = (detractors + 0.75) / n_adj
    centre = p_adj - d_adj
    half = z * np.sqrt((p_adj + d_adj - centre**2) / n_adj)
    lo = max(-100.0, float(100.0 * (centre - half)))
    hi = min(100.0, float(100.0 * (centre + half)))
    return Estimate(100.0 * (promoters - detractors) / n, lo, hi, n)


def csi(scores: Any, confidence: float = 0.95) -> Estimate:
    """Customer Satisfaction Index: % of 1-5 answers that are 4 or 5, Wilson CI."""
    arr = _scores(scores, 1, 5, "CSI")
    return wilson(int((arr >= 4).sum()), arr.size, confidence)


def cli(frame_or_4_columns: Any, confidence: float = 0.95) -> Estimate:
    """Customer Loyalty Index on 1-10 with a Student-t CI of the mean.

    Accepts a DataFrame holding the columns ``cli_recommend, cli_continue, cli_buy_more,
    cli_switch`` (other columns are ignored) or any (n, 4) array-like in that order.
    ``cli_switch`` is reverse-coded (11 - x).  Respondents missing any item are skipped.
    The CI is clipped to the 1-10 scale; with a single respondent it is undefined (NaN).
    """
    if isinstance(frame_or_4_columns, pd.DataFrame):
        missing = [c for c in CLI_ITEMS if c not in frame_or_4_columns.columns]
        if missing:
            raise InputError(f"CLI needs the columns {', '.join(missing)}")
        frame = frame_or_4_columns[list(CLI_ITEMS)]
    else:
        arr = np.asarray(frame_or_4_columns, dtype=object)
        if arr.ndim != 2 or arr.shape[1] != 4:
            raise InputError(f"CLI needs 4 columns ({', '.join(CLI_ITEMS)}); got {arr.shape}")
        frame = pd.DataFrame(arr, columns=list(CLI_ITEMS))
    items = pd.DataFrame({c: _numeric(frame[c].to_numpy(), "CLI") for c in CLI_ITEMS})
    items = items.dropna()
    if items.empty:
        raise EmptyDataError("no respondents with all four CLI answers")
    values = items.to_numpy(dtype=float, copy=True)
    _check_range(values.ravel(), 1, 10, "CLI")
    values[:, 3] = 11.0 - values[:, 3]
    per_resp = values.mean(axis=1)
    n = per_resp.size
    mean = float(per_resp.mean())
    if n < 2:
        return Estimate(mean, float("nan"), float("nan"), n)
    _z(confidence)
    try:
        from scipy import stats
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingExtraError("scipy", "stats") from exc
    t = float(stats.t.ppf(0.5 + confidence / 2, n - 1))
    half = t * float(per_resp.std(ddof=1)) / float(np.sqrt(n))
    return Estimate(mean, max(1.0, mean - half), min(10.0, mean + half), n)


# --- dates -------------------------------------------------------------------------------


def to_datetime(values: pd.Series) -> pd.Series:
    """Parse dates/timestamps (ISO strings, dates, datetime64); bad -> NaT; tz -> naive UTC."""
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        out = values
    else:
        out = pd.to_datetime(values.astype(object), errors="coerce", format="ISO8601")
    if getattr(out.dt, "tz", None) is not None:
        out = out.dt.tz_convert(None)
    return out


# --- metrics table -------------------------------------------------------------------------


def period_labels(when: pd.Series, period: str) -> pd.Series:
    """Label timestamps by period: '2026-05-03', '2026-W19' (ISO), '2026-05', '2026-Q2', 'all'."""
    if period not in PERIODS:
        raise InputError(f"period must be one of {', '.join(PERIODS)}; got {period!r}")
    if period == "all":
        return pd.Series("all", index=when.index, dtype=object)
    ts = to_datetime(when)
    if period == "day":
        labels = ts.dt.strftime("%Y-%m-%d")
    elif period == "month":
        labels = ts.dt.strftime("%Y-%m")
    elif period == "quarter":
        labels = (
            ts.dt.year.astype("Int64").astype(str)
            + "-Q"
            + ts.dt.quarter.astype("Int64").astype(str)
        )
    else:
        iso = ts.dt.isocalendar()
        labels = iso["year"].astype(str) + "-W" + iso["week"].astype(str).str.zfill(2)
    return labels.astype(object).where(ts.notna(), None)


def metrics_table(
    responses: pd.DataFrame,
    period: str = "month",
    by: str | None = None,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """NPS, CSI and CLI per period (and per ``by`` group) as one long table.

    Columns: metric (nps|csi|cli), period (label from :func:`period_labels`), group (value
    of the ``by`` column, '(missing)' where it is null, or 'all' when ``by`` is None), value,
    ci_low, ci_high, n.  A metric whose columns are absent, or that has no answers in a
    period/group, yields no row.  Responses without a parseable ``answered_at`` count only
    for ``period='all'``.  Rows are ordered by metric (nps, csi, cli), period, group.
    """
    if by is not None and by not in responses.columns:
        raise InputError(f"cannot group by {by!r}: responses have no such column")
    if period != "all" and "answered_at" not in responses.columns:
        raise InputError("responses need an answered_at column to split by period")
    when = responses["answered_at"] if period != "all" else responses.index.to_series()
    frame = responses.assign(
        _period=period_labels(when, period),
        _group="all" if by is None else responses[by].astype("string").fillna("(missing)"),
    )
    undated = int(frame["_period"].isna().sum())
    if undated:
        log.warning("%d responses without answered_at left out of per-%s metrics", undated, period)
        frame = frame[frame["_period"].notna()]
    specs: list[tuple[str, list[str], Callable[[Any, float], Estimate]]] = [
        ("nps", ["nps"], lambda x, c: nps(x["nps"], c)),
        ("csi", ["csi"], lambda x, c: csi(x["csi"], c)),
        ("cli", list(CLI_ITEMS), cli),
    ]
    rows: list[dict[str, Any]] = []
    for metric, cols, fn in specs:
        if not all(c in frame.columns for c in cols):
            continue
        for (label, group), sub in frame.groupby(["_period", "_group"], sort=True):
            try:
                est = fn(sub[cols], confidence)
            except EmptyDataError:
                continue
            rows.append({"metric": metric, "period": label, "group": group, **est.as_dict()})
    return pd.DataFrame(rows, columns=METRICS_COLUMNS)


# churn lives in its own module; re-exported here for existing imports
from vocnlp.analytics.churn import (  # noqa: E402
    CHURN_COLUMNS,
    CHURN_NPS_COLUMNS,
    churn_by_month,
    churn_rate,
)

__all__ = [
    "CHURN_COLUMNS",
    "CHURN_NPS_COLUMNS",
    "METRICS_COLUMNS",
    "PERIODS",
    "Estimate",
    "churn_by_month",
    "churn_rate",
    "cli",
    "csi",
    "metrics_table",
    "nps",
    "period_labels",
    "to_datetime",
    "wilson",
]
