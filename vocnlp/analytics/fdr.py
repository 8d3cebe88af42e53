"""Multiple testing: Benjamini-Hochberg false-discovery control and normal p-values."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from vocnlp.errors import MissingExtraError

FloatArray = NDArray[np.float64]


def two_sided_p(z: FloatArray) -> FloatArray:
    """Two-sided p-value of standard-normal statistics (NaN stays NaN)."""
    try:
        from scipy.special import ndtr
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingExtraError("scipy", "stats") from exc
    z = np.asarray(z, dtype=float)
    return np.asarray(2.0 * ndtr(-np.abs(z)), dtype=float)


def benjamini_hochberg(p: FloatArray) -> FloatArray:
    """BH-adjusted p-values (q-values); NaN entries are not part of the family.

    q_(i) = min_{j >= i} p_(j) * m / j over the m finite p-values sorted ascending, capped
    at 1.  Rejecting every hypothesis with q <= alpha controls the false-discovery rate at
    alpha (for independent or positively dependent tests).
    """
    p = np.asarray(p, dtype=float)
    q = np.full(p.shape, np.nan)
    ok = np.flatnonzero(np.isfinite(p))
    m = ok.size
    if m == 0:
        return q
    order = ok[np.argsort(p[ok], kind="stable")]
    scaled = p[order] * m / np.arange(1, m + 1)
    q[order] = np.minimum(1.0, np.minimum.accumulate(scaled[::-1])[::-1])
    return q
