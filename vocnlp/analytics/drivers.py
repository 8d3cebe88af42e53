"""Drivers: which topics (and call experiences) pull NPS, CSI or churn, by how much, how surely.

**Impact** of a driver = overall metric minus the metric of the respondents who did *not*
mention it, in metric points (NPS points by default).  Negative impact on NPS means the
topic pulls NPS down: without its mentioners NPS would be higher by ``-impact`` points.
Equivalently impact = mention_rate x nps_diff, where nps_diff = NPS of mentioners - NPS of
the others, so it weighs how different the mentioners are by how many they are.  The
impact is an association, not a causal effect: a topic that unhappy customers bring up for
other reasons also shows a negative impact.  The multivariable columns (relative weights,
OLS and logistic coefficients) separate drivers that are mentioned together.

Uncertainty: bootstrap percentile CIs (1000 resamples by default, seeded, vectorized; see
:mod:`vocnlp.analytics.bootstrap`) for impact, relative weights and both models' coefficients;
a two-sample z-test per driver with Benjamini-Hochberg q-values across the supported
drivers (``significant`` = q <= ``fdr``).  Drivers with fewer than ``min_support``
mentioners are shown with ``low_support`` set, are left out of the models, the q-values
and the ranking, and are never ranked.

Joins (see :mod:`vocnlp.analytics.join`): a response's topics come from its own comment;
with ``calls`` the respondent's calls in the ``call_window_days`` before the answer become
``call:*`` drivers (see :mod:`vocnlp.analytics.calldrivers`).  The unit is the scored
response (a respondent).
"""

from __future__ import annotations

import logging
from typing import Any

import numpy as np
import pandas as pd

from vocnlp.analytics.calldrivers import CallDriverOptions, call_flags
from vocnlp.analytics.driverstats import STAT_COLUMNS, StatsOptions, driver_stats
from vocnlp.analytics.join import (
    calls_in_window,
    comment_topics,
    indicator_matrix,
    respondents,
)

log = logging.getLogger(__name__)

DRIVER_COLUMNS = [
    "topic",
    "mentions",
    "mention_rate",
    "nps_mentioners",
    "nps_others",
    "nps_diff",
    "impact",
    "impact_ci_low",
    "impact_ci_high",
    "negative_share",
    "mean_sentiment",
    "low_support",
    "rank",
]
"""The first columns of :func:`driver_table`, stable for the report."""

DRIVER_DETAIL_COLUMNS = [
    "kind",
    *[c for c in STAT_COLUMNS if c not in DRIVER_COLUMNS],
    "rw_rank",
]
"""Columns added after ``DRIVER_COLUMNS`` (see :func:`driver_table`)."""

ALL_DRIVER_COLUMNS = DRIVER_COLUMNS + DRIVER_DETAIL_COLUMNS
_METRIC = {"nps": "NPS", "csi": "CSI %", "churn": "churn %"}


def _definitions(target: str) -> dict[str, str]:
    name = _METRIC[target]
    return {
        "impact": f"overall {name} minus {name} without the driver's mentioners ({name} points)",
        "rw": f"Johnson's relative weight in the linear model of the {target} score (share of R^2)",
        "coef": f"OLS coefficient of the {target} score on all supported drivers (score points)",
        "logit_coef": {
            "nps": "log-odds of being a detractor (0-6)",
            "csi": "log-odds of a CSI answer of 1-3",
            "churn": "log-odds of churning within the horizon",
        }[target],
    }


def _sentiment_stats(m: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    if m.empty:
        return pd.DataFrame(index=pd.Index(names), columns=["_neg", "sentiment_score"], dtype=float)
    sentiment = m["sentiment"].astype(object)
    return (
        m.assign(_neg=(sentiment == "negative").astype(float).where(sentiment.notna()))
        .groupby("topic")[["_neg", "sentiment_score"]]
        .mean()
        .reindex(names)
    )


def driver_table(
    responses: pd.DataFrame,
    mentions: pd.DataFrame,
    feedback: pd.DataFrame,
    min_support: int = 30,
    *,
    by_sentiment: bool = False,
    n_boot: int = 1000,
    confidence: float = 0.95,
    seed: int = 0,
    target: str = "nps",
    customers: pd.DataFrame | None = None,
    churn_horizon_days: int = 90,
    calls: pd.DataFrame | None = None,
    call_metrics: pd.DataFrame | None = None,
    call_window_days: int = 30,
    call_options: CallDriverOptions | None = None,
    fdr: float = 0.05,
    max_buckets: int = 4096,
) -> pd.DataFrame:
    """Drivers of ``target`` ('nps', 'csi' or 'churn'), most harmful first.

    Columns (``ALL_DRIVER_COLUMNS``; the metric columns hold the target's metric -- NPS,
    CSI % or churn % -- under their historical ``nps_*`` names):
        topic: taxonomy label (``label:sentiment`` with ``by_sentiment=True``; mentions
            without a sentiment label are then left out) or a ``call:*`` flag (flags no
            respondent has are left out).
        mentions, mention_rate: respondents with the driver and their share (0-1).
        nps_mentioners, nps_others, nps_diff: the metric with / without the driver, and
            the difference.
        impact, impact_ci_low, impact_ci_high: see the module doc; bootstrap CI.
        negative_share, mean_sentiment: of the topic's mentions (NaN for call drivers).
        low_support: mentions < ``min_support``; such rows are kept but not ranked.
        rank: 1..k by harm among supported rows (impact ascending for NPS/CSI, descending
            for churn); NaN for low-support rows.
        kind: 'topic', 'topic_sentiment' or 'call'.
        p_value, q_value, significant: z-test mentioners vs others, BH q-value across
            supported drivers, q <= ``fdr``.
        rw, rw_share, rw_ci_low, rw_ci_high: Johnson's relative weight (R^2 share) with CI.
        lmg: exact Shapley/LMG share of R^2 (when <= 12 supported drivers, else NaN).
        coef, coef_ci_low, coef_ci_high, coef_p_value: OLS coefficient (score points).
        logit_coef, odds_ratio, logit_ci_low, logit_ci_high, logit_p_value: logistic
            model of the bad outcome (detractor, CSI 1-3, churned).
        sign: sign of ``coef``; signs_agree: impact, coef and logit point the same way.
        rw_rank: 1..k by ``rw`` (largest first) among supported rows.

    ``df.attrs``: ``target``, ``metric`` (overall), ``nps`` (same, for NPS), ``n``, ``r2``,
    ``bootstrap`` (method), ``n_boot``, ``definitions`` and ``impact`` (the impact
    definition, for reports).  Raises EmptyDataError when no response has the target;
    returns an empty table (those columns) when no driver is found.
    """
    options = StatsOptions(min_support, n_boot, confidence, seed, fdr, max_buckets)
    resp, outcome = respondents(responses, target, customers, churn_horizon_days)
    n = len(resp)
    ids = pd.Index(resp["response_id"].astype(str).to_numpy())
    defs = _definitions(target)
    metric = 100.0 * float(outcome.value.mean())
    attrs: dict[str, Any] = {
        "target": target,
        "metric": metric,
        "n": n,
        "impact": defs["impact"],
        "definitions": defs,
    }
    if target == "nps":
        attrs["nps"] = metric
    m = comment_topics(ids, mentions, feedback, by_sentiment)
    x_t, names = indicator_matrix(n, m["pos"].to_numpy(dtype=np.intp), m["topic"])
    kinds = ["topic_sentiment" if by_sentiment else "topic"] * len(names)
    blocks = [x_t]
    if calls is not None:
        pairs = calls_in_window(resp, calls, call_window_days)
        x_c, call_names = call_flags(pairs, n, call_metrics, call_options)
        seen = [j for j in range(x_c.shape[1]) if x_c[:, j].any()]  # nobody has it: no driver
        x_c, call_names = x_c[:, seen], [call_names[j] for j in seen]
        blocks.append(x_c)
        names, kinds = names + call_names, kinds + ["call"] * len(call_names)
    if not names:
        log.info("no drivers joined to %d responses", n)
        out = pd.DataFrame(columns=ALL_DRIVER_COLUMNS)
        out.attrs.update(attrs)
        return out
    x = np.concatenate(blocks, axis=1)
    stats = driver_stats(outcome, x, names, options)
    senti = _sentiment_stats(m, names)
    out = stats.reset_index()
    out["negative_share"] = senti["_neg"].to_numpy(dtype=float)
    out["mean_sentiment"] = senti["sentiment_score"].to_numpy(dtype=float)
    out["kind"] = kinds
    harm = 1.0 if target == "churn" else -1.0
    out = out.assign(_harm=-harm * out["impact"])
    out = out.sort_values(["_harm", "topic"], kind="stable", na_position="last")
    supported = ~out["low_support"].astype(bool)
    out["rank"] = np.nan
    out.loc[supported, "rank"] = np.arange(1, int(supported.sum()) + 1, dtype=float)
    order = out.loc[supported, "rw"].rank(ascending=False, method="first")
    out["rw_rank"] = order.reindex(out.index)
    out = out.reset_index(drop=True)[ALL_DRIVER_COLUMNS]
    attrs.update({str(k): v for k, v in stats.attrs.items() if k not in attrs})
    out.attrs.update(attrs)
    return out
