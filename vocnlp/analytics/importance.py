"""Multivariable importance of binary drivers, batched over bootstrap resamples.

* **Johnson's relative weights** (Johnson 2000): the predictors' correlation matrix
  ``Rxx = P diag(l) P'`` gives the orthogonal counterparts ``Z`` with ``Lambda = P
  diag(sqrt l) P'`` (correlations of X with Z); ``beta = Lambda^-1 r_xy`` regresses the
  score on Z and the weight of predictor j is ``sum_k Lambda_jk^2 beta_k^2``.  The weights
  are >= 0 and add up to the model R^2.  They scale to dozens of predictors and are what
  the bootstrap resamples.
* **LMG / Shapley** R^2 decomposition (exact, all 2^k subsets, k <= 16): the increase in
  R^2 from adding predictor j averaged over the subsets of the other predictors of each
  size and then over sizes -- what ``pingouin.linear_regression(relimp=True)`` reports.
  Johnson's weights approximate it closely.
* **OLS** coefficients of the score on the indicators (score points per mention, with sign).
* **Logistic model** of the "bad" outcome (detractor / not satisfied / churned) by IRLS on
  the distinct predictor patterns (binary predictors compress 1,000,000 rows to the few
  thousand patterns that occur); the bootstrap uses the one-step Newton update from the
  full-data fit (first-order equivalent to refitting each resample).

Every function taking ``gram`` expects cross products ``(B, p, p)`` whose column 0 is the
constant 1 (so ``gram[:, 0, 0]`` is n).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from vocnlp.errors import InputError, MissingExtraError

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]
_EPS = 1e-12
MAX_LMG_PREDICTORS = 16


def covariance(gram: FloatArray, idx: list[int]) -> FloatArray:
    """Population covariance ``(B, len(idx), len(idx))`` of columns ``idx`` of the gram."""
    n = gram[:, 0, 0][:, None, None]
    g = gram[:, idx][:, :, idx]
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = gram[:, 0, idx] / gram[:, 0, 0][:, None]
        return np.asarray(g / n - mean[:, :, None] * mean[:, None, :], dtype=float)


def correlation(cov: FloatArray) -> FloatArray:
    """Correlation from covariance (batched); zero-variance variables give NaN."""
    sd = np.sqrt(np.clip(np.diagonal(cov, axis1=1, axis2=2), 0.0, None))
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(cov / (sd[:, :, None] * sd[:, None, :]), dtype=float)


def relative_weights(rxx: FloatArray, rxy: FloatArray) -> FloatArray:
    """Johnson's relative weights ``(B, k)`` from correlations ``rxx (B,k,k)``, ``rxy (B,k)``.

    Resamples whose correlation matrix is not finite give NaN rows.
    """
    bad: BoolArray = np.asarray(
        ~(np.isfinite(rxx).all(axis=(1, 2)) & np.isfinite(rxy).all(axis=1)), dtype=bool
    )
    rxx = np.where(bad[:, None, None], np.eye(rxx.shape[1]), rxx)
    rxy = np.where(bad[:, None], 0.0, rxy)
    evals, evecs = _eigh(rxx)
    root = np.sqrt(np.clip(evals, 0.0, None))
    inv_root = np.where(root > 1e-9, 1.0 / np.where(root > 1e-9, root, 1.0), 0.0)
    evecs_t = np.swapaxes(evecs, 1, 2)
    lam = (evecs * root[:, None, :]) @ evecs_t
    beta = ((evecs * inv_root[:, None, :]) @ evecs_t @ rxy[:, :, None])[:, :, 0]
    weights = (lam**2) @ (beta**2)[:, :, None]
    out = np.asarray(weights[:, :, 0], dtype=float)
    out[bad] = np.nan
    return out


def _eigh(a: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Batched symmetric eigen-decomposition (a LAPACK call per matrix is faster here
    than numpy's batched eigh, which is slow for many small matrices)."""
    try:
        from scipy.linalg import eigh
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingExtraError("scipy", "stats") from exc
    evals = np.empty(a.shape[:2])
    evecs = np.empty(a.shape)
    for i in range(a.shape[0]):
        evals[i], evecs[i] = eigh(a[i], check_finite=False)
    return evals, evecs


def r_squared_subsets(rxx: FloatArray, rxy: FloatArray) -> FloatArray:
    """R^2 of every subset of predictors, indexed by bitmask (bit j = predictor j)."""
    k = rxy.size
    r2 = np.zeros(2**k)
    for size in range(1, k + 1):
        combos = np.array(list(itertools.combinations(range(k), size)), dtype=np.int64)
        sub = rxx[combos[:, :, None], combos[:, None, :]]
        r = rxy[combos]
        coef = np.linalg.solve(sub + _EPS * np.eye(size), r[:, :, None])[:, :, 0]
        masks = (1 << combos).sum(axis=1)
        r2[masks] = (r * coef).sum(axis=1)
    return r2


def lmg(rxx: FloatArray, rxy: FloatArray) -> FloatArray:
    """Exact LMG (Shapley) shares of R^2 for ``k <= 16`` predictors (see module doc)."""
    k = rxy.size
    if k > MAX_LMG_PREDICTORS:
        raise InputError(f"LMG needs 2^k subsets; {k} predictors is too many (max 16)")
    if k == 0:
        return np.zeros(0)
    r2 = r_squared_subsets(rxx, rxy)
    masks = np.arange(2**k)
    size = np.array([bin(m).count("1") for m in masks])
    out = np.empty(k)
    for j in range(k):
        without = masks[(masks >> j) & 1 == 0]
        diff = r2[without | (1 << j)] - r2[without]
        out[j] = np.mean([diff[size[without] == s].mean() for s in range(k)])
    return out


def ols(gram: FloatArray, x_idx: list[int], y_idx: int) -> FloatArray:
    """OLS coefficients ``(B, len(x_idx))`` of column ``y_idx`` on columns ``x_idx``."""
    a = gram[:, x_idx][:, :, x_idx]
    b = gram[:, x_idx, y_idx]
    try:
        return np.asarray(np.linalg.solve(a, b[:, :, None])[:, :, 0], dtype=float)
    except np.linalg.LinAlgError:
        return np.asarray((np.linalg.pinv(a) @ b[:, :, None])[:, :, 0], dtype=float)


def ols_se(gram: FloatArray, x_idx: list[int], y_idx: int, coef: FloatArray) -> FloatArray:
    """Classical OLS standard errors for one gram ``(1, p, p)`` and its coefficients."""
    a = gram[0][np.ix_(x_idx, x_idx)]
    b = gram[0, x_idx, y_idx]
    n = gram[0, 0, 0]
    dof = n - len(x_idx)
    if dof <= 0:
        return np.full(len(x_idx), np.nan)
    sse = max(float(gram[0, y_idx, y_idx] - coef[0] @ b), 0.0)
    inv = np.linalg.pinv(a)
    return np.asarray(np.sqrt(np.clip(np.diag(inv) * sse / dof, 0.0, None)), dtype=float)


def sigmoid(eta: FloatArray) -> FloatArray:
    """1 / (1 + exp(-eta)) without overflow."""
    return np.asarray(0.5 * (1.0 + np.tanh(0.5 * np.asarray(eta, dtype=float))), dtype=float)


@dataclass(frozen=True)
class LogitFit:
    """A logistic fit: coefficients (intercept first), standard errors, convergence."""

    coef: FloatArray
    se: FloatArray
    converged: bool
    separated: bool


def patterns(x: BoolArray) -> tuple[BoolArray, NDArray[np.intp]]:
    """Distinct rows of a boolean matrix and each row's pattern index."""
    n, k = x.shape
    if k == 0:
        return np.zeros((1, 0), dtype=bool), np.zeros(n, dtype=np.intp)
    packed = np.packbits(x, axis=1)
    width = packed.shape[1]
    if width <= 8:
        padded = np.zeros((n, 8), dtype=np.uint8)
        padded[:, :width] = packed
        keys = padded.view(np.uint64).ravel()
        uniq, inverse = np.unique(keys, return_inverse=True)
        upacked = uniq.view(np.uint8).reshape(-1, 8)[:, :width]
    else:
        keys_v = np.ascontiguousarray(packed).view(np.dtype((np.void, width))).ravel()
        uniq_v, inverse = np.unique(keys_v, return_inverse=True)
        upacked = uniq_v.view(np.uint8).reshape(-1, width)
    upat = np.unpackbits(upacked, axis=1, count=k).astype(bool)
    return upat, inverse.astype(np.intp)


def logistic(
    x: FloatArray, trials: FloatArray, events: FloatArray, max_iter: int = 100
) -> LogitFit:
    """Binomial logistic regression by IRLS on grouped data.

    ``x`` holds the predictor patterns *with* the intercept column, ``trials`` how many rows
    share each pattern and ``events`` how many of them have the outcome.  Quasi-complete
    separation (a coefficient running off to infinity) is reported, not hidden.
    """
    try:
        from scipy import sparse
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingExtraError("scipy", "stats") from exc
    p = x.shape[1]
    xs = sparse.csr_matrix(x)
    beta = np.zeros(p)
    rate = float(events.sum() / max(trials.sum(), 1.0))
    rate = min(max(rate, 1e-6), 1 - 1e-6)
    beta[0] = np.log(rate / (1 - rate))
    converged = False
    hess = np.eye(p)
    for _ in range(max_iter):
        prob = sigmoid(xs @ beta)
        w = trials * prob * (1 - prob)
        grad = xs.T @ (events - trials * prob)
        hess = np.asarray((xs.T @ xs.multiply(w[:, None])).toarray())
        try:
            step = np.linalg.solve(hess, grad)
        except np.linalg.LinAlgError:
            step = np.linalg.pinv(hess) @ grad
        beta = beta + step
        if float(np.max(np.abs(step))) < 1e-10:
            converged = True
            break
    separated = (not converged) or bool(np.any(np.abs(beta[1:]) > 15.0))
    se = np.sqrt(np.clip(np.diag(np.linalg.pinv(hess)), 0.0, None))
    return LogitFit(beta, se, converged, separated)
