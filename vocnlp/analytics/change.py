"""Period-over-period change with a significance test: is "NPS fell 4 points" beyond noise?

Each period is compared with the previous period that has data (per group).  The change
is ``value - previous_value`` with a confidence interval and a two-sided p-value:

* **NPS**: each answer is +1 / 0 / -1, NPS = 100 x their mean, so the change is a
  difference of two means with variance ``(p + d - (p - d)^2) / n`` per period (p, d:
  promoter and detractor shares); z-test and Wald CI.
* **CSI** and **churn**: difference of two proportions; unpooled z-test and Wald CI.
* **CLI**: Welch's t-test on the per-respondent CLI means; Welch CI.

``significant`` is ``p_value < 1 - confidence``.  Periods are independent samples of
respondents (a customer answering in both periods is rare enough to ignore).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from vocnlp.analytics.metrics import _check_range, _numeric, _z, period_labels
from vocnlp.errors import EmptyDataError, InputError, MissingExtraError
from vocnlp.schema import CLI_ITEMS

CHANGE_COLUMNS = [
    "metric",
    "group",
    "period",
    "previous",
    "value",
    "previous_value",
    "change",
    "ci_low",
    "ci_high",
    "p_value",
    "significant",
    "n",
    "previous_n",
]


def _per_respondent(responses: pd.DataFrame, metric: str) -> pd.Series:
    """Each respondent's contribution: NPS +1/0/-1, CSI 0/1, CLI mean (NaN = missing)."""
    if metric == "nps":
        s = _numeric(responses["nps"].to_numpy(), "NPS")
        _check_range(s.dropna().to_numpy(), 0, 10, "NPS")
        return pd.Series(
            np.where(s >= 9, 1.0, np.where(s <= 6, -1.0, 0.0)), index=responses.index
        ).where(s.notna().to_numpy())
    if metric == "csi":
        s = _numeric(responses["csi"].to_numpy(), "CSI")
        _check_range(s.dropna().to_numpy(), 1, 5, "CSI")
        return pd.Series((s >= 4).astype(float).to_numpy(), index=responses.index).where(
            s.notna().to_numpy()
        )
    items = pd.DataFrame({c: _numeric(responses[c].to_numpy(), "CLI") for c in CLI_ITEMS})
    _check_range(items.stack().dropna().to_numpy(), 1, 10, "CLI")
    items["cli_switch"] = 11.0 - items["cli_switch"]
    return pd.Series(items.mean(axis=1, skipna=False).to_numpy(), index=responses.index)


def _t_quantile(confidence: float, dof: np.ndarray) -> np.ndarray:
    try:
        from scipy import stats
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingExtraError("scipy", "stats") from exc
    return np.asarray(stats.t.ppf(0.5 + confidence / 2, dof), dtype=float)


def _two_sided(stat: np.ndarray, dof: np.ndarray | None) -> np.ndarray:
    from scipy import stats

    if dof is None:
        return np.asarray(2 * stats.norm.sf(np.abs(stat)), dtype=float)
    return np.asarray(2 * stats.t.sf(np.abs(stat), dof), dtype=float)


def compare(
    summary: pd.DataFrame, metric: str, confidence: float, scale: float = 100.0
) -> pd.DataFrame:
    """Consecutive-period comparison of a (group, period, n, mean, var) summary."""
    summary = summary.sort_values(["group", "period"], kind="stable")
    prev = summary.groupby("group", sort=False).shift(1)
    both = summary.assign(
        previous=prev["period"], n0=prev["n"], m0=prev["mean"], v0=prev["var"]
    ).dropna(subset=["previous"])
    if both.empty:
        return pd.DataFrame(columns=CHANGE_COLUMNS)
    n1, n0 = both["n"].to_numpy(float), both["n0"].to_numpy(float)
    se1, se0 = both["var"].to_numpy(float) / n1, both["v0"].to_numpy(float) / n0
    diff = both["mean"].to_numpy(float) - both["m0"].to_numpy(float)
    se = np.sqrt(se1 + se0)
    dof: np.ndarray | None = None
    if metric == "cli":
        with np.errstate(divide="ignore", invalid="ignore"):
            dof = (se1 + se0) ** 2 / (se1**2 / (n1 - 1) + se0**2 / (n0 - 1))
        q = _t_quantile(confidence, dof)
    else:
        q = np.full(diff.size, _z(confidence))
    with np.errstate(divide="ignore", invalid="ignore"):
        stat = np.where(se > 0, diff / se, np.where(diff == 0, 0.0, np.inf * np.sign(diff)))
    p = _two_sided(stat, dof)
    out = pd.DataFrame(
        {
            "metric": metric,
            "group": both["group"].to_numpy(),
            "period": both["period"].to_numpy(),
            "previous": both["previous"].to_numpy(),
            "value": scale * both["mean"].to_numpy(float),
            "previous_value": scale * both["m0"].to_numpy(float),
            "change": scale * diff,
            "ci_low": scale * (diff - q * se),
            "ci_high": scale * (diff + q * se),
            "p_value": p,
            "significant": p < 1 - confidence,
            "n": n1.astype(np.int64),
            "previous_n": n0.astype(np.int64),
        }
    )
    return out[CHANGE_COLUMNS].reset_index(drop=True)


def period_change(
    responses: pd.DataFrame,
    period: str = "month",
    by: str | None = None,
    metrics: tuple[str, ...] = ("nps", "csi", "cli"),
    confidence: float = 0.95,
) -> pd.DataFrame:
    """NPS / CSI / CLI change from each period to the previous one (per ``by`` group).

    Columns ``CHANGE_COLUMNS``: value and change in metric points (CLI in scale points),
    CI of the change, two-sided p-value, ``significant``, and both periods' n.  Metrics
    whose columns are absent are skipped.  Raises EmptyDataError when ``responses`` is
    empty and InputError for an unknown period, metric or ``by`` column.
    """
    _z(confidence)
    if responses.empty:
        raise EmptyDataError("no responses to compare periods of")
    if period == "all":
        raise InputError("period_change needs a period: day, week, month or quarter")
    if by is not None and by not in responses.columns:
        raise InputError(f"cannot group by {by!r}: responses have no such column")
    if "answered_at" not in responses.columns:
        raise InputError("responses need an answered_at column to compare periods")
    labels = period_labels(responses["answered_at"], period)
    group = "all" if by is None else responses[by].astype("string").fillna("(missing)")
    tables: list[pd.DataFrame] = []
    for metric in metrics:
        if metric not in ("nps", "csi", "cli"):
            raise InputError(f"metric must be nps, csi or cli; got {metric!r}")
        needed = list(CLI_ITEMS) if metric == "cli" else [metric]
        if not all(c in responses.columns for c in needed):
            continue
        frame = pd.DataFrame(
            {"period": labels, "group": group, "v": _per_respondent(responses, metric)}
        )
        frame = frame.dropna()
        grouped = frame.groupby(["group", "period"])["v"]
        ddof = 1 if metric == "cli" else 0
        summary = pd.DataFrame(
            {"n": grouped.size(), "mean": grouped.mean(), "var": grouped.var(ddof=ddof)}
        ).reset_index()
        tables.append(compare(summary, metric, confidence, 1.0 if metric == "cli" else 100.0))
    tables = [t for t in tables if not t.empty]
    if not tables:
        return pd.DataFrame(columns=CHANGE_COLUMNS)
    return pd.concat(tables, ignore_index=True)


def churn_change(churn: pd.DataFrame, confidence: float = 0.95) -> pd.DataFrame:
    """Month-over-month churn change from a :func:`churn_by_month` table (``CHANGE_COLUMNS``)."""
    for col in ("month", "lost", "base"):
        if col not in churn.columns:
            raise InputError(f"the churn table lacks {col}; pass churn_by_month(...) output")
    rate = churn["lost"].to_numpy(float) / churn["base"].to_numpy(float)
    summary = pd.DataFrame(
        {
            "group": churn["group"] if "group" in churn.columns else "all",
            "period": churn["month"].to_numpy(),
            "n": churn["base"].to_numpy(),
            "mean": rate,
            "var": rate * (1 - rate),
        }
    )
    return compare(summary, "churn", confidence)
