"""Stated vs derived importance of CSI attributes.

Input format (wide, one row per response, next to the overall ``csi``):

* attribute scores: columns ``csi_<attribute>`` on the 1-5 scale (e.g. ``csi_speed``,
  ``csi_assortment``, ``csi_manager``); missing answers allowed;
* stated importance, either per respondent in columns ``imp_<attribute>`` (any positive
  scale, e.g. 1-5 or points of a 100-point allocation) or as one mapping
  ``{attribute: weight}`` (e.g. from a separate importance study).

Stated importance is normalized to shares that add up to 1 (per-respondent columns are
averaged first).  Derived importance is each attribute's Johnson relative weight in the
linear model of the overall ``csi`` on the attribute scores (complete cases), as a share
of R^2, with a bootstrap CI.  The quadrant compares both against their mean share
(1 / number of attributes): ``key driver`` (both high), ``hidden driver`` (derived high,
stated low), ``overrated`` (stated high, derived low), ``low priority`` (both low).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from vocnlp.analytics import bootstrap as bs
from vocnlp.analytics import importance as imp
from vocnlp.analytics.metrics import _check_range, _numeric, wilson
from vocnlp.errors import EmptyDataError, InputError

STATED_COLUMNS = [
    "attribute",
    "csi",
    "csi_ci_low",
    "csi_ci_high",
    "n",
    "stated_share",
    "derived_share",
    "derived_ci_low",
    "derived_ci_high",
    "gap",
    "quadrant",
]


def _quadrant(stated: float, derived: float, mean: float) -> str:
    if derived >= mean:
        return "key driver" if stated >= mean else "hidden driver"
    return "overrated" if stated >= mean else "low priority"


def stated_vs_derived(
    responses: pd.DataFrame,
    stated: Mapping[str, float] | None = None,
    *,
    n_boot: int = 1000,
    confidence: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """One row per attribute (``STATED_COLUMNS``), largest derived share first.

    ``csi`` is the attribute's CSI (% of 4-5 answers, Wilson CI, its n); ``gap`` =
    derived_share - stated_share.  ``stated`` overrides ``imp_*`` columns.
    """
    attrs = [c.removeprefix("csi_") for c in responses.columns if str(c).startswith("csi_")]
    if not attrs:
        raise InputError("no csi_<attribute> columns: see vocnlp.analytics.stated for the format")
    if "csi" not in responses.columns:
        raise InputError("responses need the overall csi column for derived importance")
    if stated is None:
        cols = [f"imp_{a}" for a in attrs]
        missing = [c for c in cols if c not in responses.columns]
        if missing:
            raise InputError(f"no stated importance: pass stated= or add {', '.join(missing)}")
        raw = pd.DataFrame(
            {a: _numeric(responses[f"imp_{a}"].to_numpy(), "importance") for a in attrs}
        )
        weights = raw.mean()
    else:
        unknown = set(stated) - set(attrs)
        if unknown or set(attrs) - set(stated):
            raise InputError(f"stated importance must name exactly the attributes {attrs}")
        weights = pd.Series({a: float(stated[a]) for a in attrs})
    if (weights < 0).any() or not weights.sum() > 0:
        raise InputError("stated importance must be non-negative and not all zero")
    stated_share = weights / weights.sum()

    scores = pd.DataFrame(
        {c: _numeric(responses[c].to_numpy(), "CSI") for c in ["csi", *[f"csi_{a}" for a in attrs]]}
    )
    _check_range(scores.stack().dropna().to_numpy(), 1, 5, "CSI")
    complete = scores.dropna().to_numpy(dtype=float)
    if complete.shape[0] < len(attrs) + 2:
        raise EmptyDataError("too few complete responses (overall csi and every attribute)")
    n = complete.shape[0]
    z = np.column_stack([np.ones(n), complete])  # const, csi, attributes
    rng = np.random.default_rng(seed)
    buckets = bs.make_buckets(n, 4096, rng)
    sums = bs.bucket_cross(buckets, z, np.zeros((n, 0), dtype=bool), z)
    gram = sums.sum(axis=0)[None]
    boot = bs.resampled_sums(sums, n_boot, rng)
    k = len(attrs)
    idx = [*range(2, 2 + k), 1]
    cor = imp.correlation(imp.covariance(np.concatenate([gram, boot]), idx))
    w = imp.relative_weights(cor[:, :k, :k], cor[:, :k, k])
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = w / w.sum(axis=1, keepdims=True)
    lo, hi = bs.percentile_ci(shares[1:], confidence)
    mean = 1.0 / k
    rows = []
    for j, a in enumerate(attrs):
        col = scores[f"csi_{a}"].dropna().to_numpy()
        est = wilson(int((col >= 4).sum()), col.size, confidence)
        s, d = float(stated_share[a]), float(shares[0, j])
        rows.append(
            {
                "attribute": a,
                "csi": est.value,
                "csi_ci_low": est.ci_low,
                "csi_ci_high": est.ci_high,
                "n": est.n,
                "stated_share": s,
                "derived_share": d,
                "derived_ci_low": float(lo[j]),
                "derived_ci_high": float(hi[j]),
                "gap": d - s,
                "quadrant": _quadrant(s, d, mean),
            }
        )
    out = pd.DataFrame(rows, columns=STATED_COLUMNS)
    out = out.sort_values("derived_share", ascending=False, kind="stable").reset_index(drop=True)
    out.attrs.update({"n": n, "r2": float(w[0].sum())})
    return out
