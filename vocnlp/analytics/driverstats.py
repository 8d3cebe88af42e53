"""The driver statistics on matrices: one outcome vector, one boolean driver matrix.

:func:`driver_stats` is what :func:`vocnlp.analytics.drivers.driver_table` runs after the
joins, and what the benchmark times.  Definitions (``value`` is each respondent's
contribution to the metric, so metric = 100 x mean(value)):

* impact_j = metric(all) - metric(respondents without driver j), in metric points;
  p-value of the two-sample z-test "mentioners vs others" on ``value``; BH q-value across
  the supported drivers;
* ``rw``: Johnson's relative weight of driver j in the linear model of ``score`` on all
  supported drivers (share of variance explained; the weights add up to ``r2``), ``rw_share``
  = rw / r2; ``lmg``: the exact Shapley share (only when <= ``lmg_max`` supported drivers);
* ``coef``: OLS coefficient of ``score`` on the supported drivers (score points);
* ``logit_coef``: log-odds of the ``bad`` outcome (detractor / not satisfied / churned);
* every ``*_ci_*`` is a bootstrap percentile interval (see :mod:`.bootstrap`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from vocnlp.analytics import bootstrap as bs
from vocnlp.analytics import importance as imp
from vocnlp.analytics.fdr import benjamini_hochberg, two_sided_p
from vocnlp.errors import EmptyDataError, InputError

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

# Columns of the outcome block of the cross-product matrix
_ONE, _SCORE, _VALUE, _BAD, _VALUE2 = range(5)
_X0 = 5

STAT_COLUMNS = [
    "mentions",
    "mention_rate",
    "nps_mentioners",
    "nps_others",
    "nps_diff",
    "impact",
    "impact_ci_low",
    "impact_ci_high",
    "low_support",
    "p_value",
    "q_value",
    "significant",
    "rw",
    "rw_share",
    "rw_ci_low",
    "rw_ci_high",
    "lmg",
    "coef",
    "coef_ci_low",
    "coef_ci_high",
    "coef_p_value",
    "logit_coef",
    "odds_ratio",
    "logit_ci_low",
    "logit_ci_high",
    "logit_p_value",
    "sign",
    "signs_agree",
]


@dataclass(frozen=True)
class Outcome:
    """What the drivers explain, one entry per respondent.

    Attributes:
        score: the scale the linear models explain (NPS 0-10, CSI 1-5, churned 0/1).
        value: contribution to the headline metric (NPS: +1/0/-1, CSI: 1 if 4-5, churn:
            1 if churned), so metric = 100 x mean(value).
        bad: 1 for the outcome the logistic model explains (detractor, CSI 1-3, churned).
        target: 'nps', 'csi' or 'churn'.
    """

    score: FloatArray
    value: FloatArray
    bad: FloatArray
    target: str = "nps"

    @property
    def harm_sign(self) -> float:
        """-1 when a lower metric is worse (NPS, CSI), +1 when higher is worse (churn)."""
        return 1.0 if self.target == "churn" else -1.0


@dataclass
class StatsOptions:
    """Options of :func:`driver_stats` (defaults as in ``driver_table``)."""

    min_support: int = 30
    n_boot: int = 1000
    confidence: float = 0.95
    seed: int = 0
    fdr: float = 0.05
    max_buckets: int = 4096
    lmg_max: int = 12
    info: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not 0.0 < self.confidence < 1.0:
            raise InputError(
                f"confidence must be between 0 and 1 (exclusive), got {self.confidence}"
            )
        if self.n_boot < 1:
            raise InputError(f"n_boot must be at least 1, got {self.n_boot}")
        if not 0.0 < self.fdr < 1.0:
            raise InputError(f"fdr must be between 0 and 1 (exclusive), got {self.fdr}")


def _impact(gram: FloatArray, k: int) -> FloatArray:
    n = gram[:, _ONE, _ONE][:, None]
    total = gram[:, _ONE, _VALUE][:, None]
    n_men = gram[:, _ONE, _X0 : _X0 + k]
    s_men = gram[:, _VALUE, _X0 : _X0 + k]
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(100.0 * total / n - 100.0 * (total - s_men) / (n - n_men), dtype=float)


def _z_test(g: FloatArray, k: int) -> FloatArray:
    """p-values of mentioners vs others on ``value`` (unpooled two-sample z)."""
    n = g[_ONE, _ONE]
    cnt = g[_ONE, _X0 : _X0 + k]
    s1, s2 = g[_VALUE, _X0 : _X0 + k], g[_VALUE2, _X0 : _X0 + k]
    t1, t2 = g[_ONE, _VALUE] - s1, g[_ONE, _VALUE2] - s2
    rest = n - cnt
    with np.errstate(divide="ignore", invalid="ignore"):
        m1, m0 = s1 / cnt, t1 / rest
        v1 = (s2 / cnt - m1**2) * cnt / (cnt - 1)
        v0 = (t2 / rest - m0**2) * rest / (rest - 1)
        se = np.sqrt(v1 / cnt + v0 / rest)
        z = (m1 - m0) / se
    z = np.where((cnt >= 2) & (rest >= 2) & (se > 0), z, np.nan)
    # identical groups with zero variance: no evidence of a difference
    z = np.where((se == 0) & (m1 == m0), 0.0, z)
    return two_sided_p(z)


def _duplicates(x: BoolArray, cols: list[int]) -> dict[int, int]:
    """Columns identical to an earlier one (they cannot share a model): {dup: first}."""
    seen: dict[bytes, int] = {}
    out: dict[int, int] = {}
    for j in cols:
        key = np.packbits(x[:, j]).tobytes()
        if key in seen:
            out[j] = seen[key]
        else:
            seen[key] = j
    return out


def driver_stats(
    outcome: Outcome, x: BoolArray, names: list[str], options: StatsOptions | None = None
) -> pd.DataFrame:
    """Per-driver statistics (``STAT_COLUMNS``, index = ``names``) in input order.

    ``df.attrs``: ``n``, ``metric`` (overall), ``r2``, ``bootstrap`` (method),
    ``n_boot``, ``model_drivers`` (the supported drivers in the models) and
    ``logit_separated`` (True if the logistic fit did not converge or separated: its
    columns are then NaN, e.g. when every mentioner of a topic is a detractor) and
    ``aliased`` ({driver: identical earlier driver}; such drivers are left out of the
    models, their model columns are NaN).
    """
    opt = options or StatsOptions()
    n, k = x.shape
    if n == 0:
        raise EmptyDataError("no respondents to compute drivers from")
    if len(names) != k:
        raise InputError(f"{len(names)} names for {k} driver columns")
    rng = np.random.default_rng(opt.seed)
    count = x.sum(axis=0).astype(np.int64)
    low = count < opt.min_support
    sup = [j for j in range(k) if not low[j] and count[j] < n]
    aliased = _duplicates(x, sup)
    sup = [j for j in sup if j not in aliased]

    outcome_block = np.column_stack(
        [np.ones(n), outcome.score, outcome.value, outcome.bad, outcome.value**2]
    )
    dtype = np.float64 if n <= opt.max_buckets else np.float32
    z = np.empty((n, _X0 + k), dtype=dtype)
    z[:, :_X0] = outcome_block
    z[:, _X0:] = x
    buckets = bs.make_buckets(n, opt.max_buckets, rng)
    sums = [bs.bucket_cross(buckets, outcome_block, x, z).reshape(buckets.count, -1)]
    del z, outcome_block
    p = _X0 + k
    gram = sums[0].sum(axis=0).reshape(1, p, p)

    # logistic fit on the distinct patterns, and its per-bucket one-step pieces
    ks = len(sup)
    xs = x[:, sup]
    upat, inverse = imp.patterns(xs)
    trials = np.bincount(inverse, minlength=upat.shape[0]).astype(float)
    events = np.bincount(inverse, weights=outcome.bad, minlength=upat.shape[0]).astype(float)
    ux = np.column_stack([np.ones(upat.shape[0]), upat.astype(float)])
    fit = imp.logistic(ux, trials, events)
    uprob = imp.sigmoid(ux @ fit.coef)
    uw = uprob * (1 - uprob)
    right = np.empty((n, ks + 2), dtype=dtype)
    right[:, 0] = uw[inverse]
    right[:, 1 : ks + 1] = xs
    right[:, 1 : ks + 1] *= right[:, :1]
    right[:, ks + 1] = outcome.bad - uprob[inverse]
    sums.append(bs.bucket_cross(buckets, np.ones((n, 1)), xs, right).reshape(buckets.count, -1))
    del right, xs, inverse
    sizes = [s.shape[1] for s in sums]
    draws = bs.resampled_sums(np.concatenate(sums, axis=1), opt.n_boot, rng)
    del sums
    g_boot = draws[:, : sizes[0]].reshape(-1, p, p)
    lg = draws[:, sizes[0] :].reshape(-1, ks + 1, ks + 2)
    del draws

    # impact and its test
    impact = _impact(gram, k)[0]
    imp_lo, imp_hi = bs.percentile_ci(_impact(g_boot, k), opt.confidence)
    pval = _z_test(gram[0], k)
    q = np.full(k, np.nan)
    q[sup] = benjamini_hochberg(pval[sup])
    with np.errstate(divide="ignore", invalid="ignore"):
        men = 100.0 * gram[0, _VALUE, _X0:] / count
        oth = 100.0 * (gram[0, _ONE, _VALUE] - gram[0, _VALUE, _X0:]) / (n - count)

    # linear models on the supported drivers (point = row 0, resamples after)
    rw = np.full(k, np.nan)
    rw_lo, rw_hi, lmg_v = rw.copy(), rw.copy(), rw.copy()
    coef, c_lo, c_hi, c_p = rw.copy(), rw.copy(), rw.copy(), rw.copy()
    l_coef, l_lo, l_hi, l_p = rw.copy(), rw.copy(), rw.copy(), rw.copy()
    r2 = float("nan")
    if ks:
        both = np.concatenate([gram, g_boot])
        cols = [_X0 + j for j in sup]
        cor = imp.correlation(imp.covariance(both, [*cols, _SCORE]))
        weights = imp.relative_weights(cor[:, :ks, :ks], cor[:, :ks, ks])
        rw[sup] = weights[0]
        r2 = float(np.nansum(weights[0]))
        rw_lo[sup], rw_hi[sup] = bs.percentile_ci(weights[1:], opt.confidence)
        if ks <= opt.lmg_max and np.isfinite(cor[0]).all():
            lmg_v[sup] = imp.lmg(cor[0, :ks, :ks], cor[0, :ks, ks])
        b = imp.ols(both, [_ONE, *cols], _SCORE)
        coef[sup] = b[0, 1:]
        c_lo[sup], c_hi[sup] = bs.percentile_ci(b[1:, 1:], opt.confidence)
        with np.errstate(divide="ignore", invalid="ignore"):
            c_p[sup] = two_sided_p(b[0, 1:] / imp.ols_se(gram, [_ONE, *cols], _SCORE, b[:1])[1:])
            l_p[sup] = two_sided_p(fit.coef[1:] / fit.se[1:])
        try:
            step = np.linalg.solve(lg[:, :, : ks + 1], lg[:, :, ks + 1 :])[:, :, 0]
        except np.linalg.LinAlgError:
            step = (np.linalg.pinv(lg[:, :, : ks + 1]) @ lg[:, :, ks + 1 :])[:, :, 0]
        if not fit.separated:  # a diverging fit has no meaningful coefficients
            l_coef[sup] = fit.coef[1:]
            boot = fit.coef[None, 1:] + step[:, 1:]
            l_lo[sup], l_hi[sup] = bs.percentile_ci(boot, opt.confidence)
        else:
            l_p[sup] = np.nan
    sign = np.sign(coef)
    logit_sign = np.sign(l_coef) * (1.0 if outcome.target == "churn" else -1.0)
    out = pd.DataFrame(
        {
            "mentions": count,
            "mention_rate": count / n,
            "nps_mentioners": men,
            "nps_others": oth,
            "nps_diff": men - oth,
            "impact": impact,
            "impact_ci_low": imp_lo,
            "impact_ci_high": imp_hi,
            "low_support": low,
            "p_value": pval,
            "q_value": q,
            "significant": np.nan_to_num(q, nan=1.0) <= opt.fdr,
            "rw": rw,
            "rw_share": rw / r2 if r2 > 0 else np.full(k, np.nan),
            "rw_ci_low": rw_lo,
            "rw_ci_high": rw_hi,
            "lmg": lmg_v,
            "coef": coef,
            "coef_ci_low": c_lo,
            "coef_ci_high": c_hi,
            "coef_p_value": c_p,
            "logit_coef": l_coef,
            "odds_ratio": np.exp(l_coef),
            "logit_ci_low": l_lo,
            "logit_ci_high": l_hi,
            "logit_p_value": l_p,
            "sign": sign,
            "signs_agree": (sign != 0) & (sign == np.sign(impact)) & (sign == logit_sign),
        },
        index=pd.Index(names, name="topic"),
    )
    out.attrs.update(
        {
            "n": n,
            "metric": 100.0 * float(outcome.value.mean()),
            "r2": r2,
            "bootstrap": buckets.method,
            "n_boot": opt.n_boot,
            "model_drivers": [names[j] for j in sup],
            "logit_separated": fit.separated,
            "aliased": {names[d]: names[f] for d, f in aliased.items()},
        }
    )
    return out[STAT_COLUMNS]
