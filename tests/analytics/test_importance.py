"""Each driver statistic against an independent implementation or a hand computation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from statsmodels.stats.multitest import multipletests

from vocnlp.analytics import driver_table
from vocnlp.analytics.bootstrap import make_buckets
from vocnlp.analytics.fdr import benjamini_hochberg
from vocnlp.analytics.importance import lmg, relative_weights
from vocnlp.errors import InputError

from .synth import planted


@pytest.fixture(scope="module")
def data() -> dict[str, object]:
    p = planted(2500, 11)
    table = driver_table(p.responses, p.mentions, p.feedback, n_boot=300).set_index("topic")
    names = list(table.index)
    x = pd.DataFrame(False, index=p.responses["response_id"], columns=names)
    pos = p.mentions["feedback_id"].str.removeprefix("survey:")
    for name, ids in pos.groupby(p.mentions["label"]):
        x.loc[ids.to_numpy(), name] = True
    y = p.responses["nps"].to_numpy(dtype=float)
    return {"p": p, "table": table, "x": x.astype(float), "y": y}


def test_lmg_equals_pingouin_relimp(data: dict[str, object]) -> None:
    pg = pytest.importorskip("pingouin")
    x, y, table = data["x"], data["y"], data["table"]
    assert isinstance(x, pd.DataFrame) and isinstance(table, pd.DataFrame)
    ref = pg.linear_regression(x, y, relimp=True).set_index("names")["relimp"]
    np.testing.assert_allclose(table.loc[x.columns, "lmg"], ref.loc[x.columns], atol=1e-6)
    # Johnson's weights approximate LMG and add up to the same R^2
    assert table["rw"].sum() == pytest.approx(ref.loc[x.columns].sum(), abs=1e-9)
    np.testing.assert_allclose(table.loc[x.columns, "rw"], ref.loc[x.columns], atol=5e-3)


def test_relative_weights_match_johnsons_svd_construction(data: dict[str, object]) -> None:
    x, y, table = data["x"], data["y"], data["table"]
    assert isinstance(x, pd.DataFrame) and isinstance(table, pd.DataFrame)
    assert isinstance(y, np.ndarray)
    # Johnson (2000): Z = U V' is the orthonormal matrix closest to the standardized X;
    # regress y on Z (beta) and X on Z (Lambda); weight_j = sum_k Lambda_jk^2 beta_k^2
    xs = (x - x.mean()) / x.std(ddof=0)
    ys = (y - y.mean()) / y.std(ddof=0)
    u, _s, vt = np.linalg.svd(xs.to_numpy(), full_matrices=False)
    z = np.sqrt(len(y)) * u @ vt  # unit variance, like the standardized X
    beta = np.linalg.lstsq(z, ys, rcond=None)[0]
    lam = np.linalg.lstsq(z, xs.to_numpy(), rcond=None)[0]
    expected = (lam**2).T @ beta**2
    np.testing.assert_allclose(table.loc[x.columns, "rw"], expected, atol=1e-9)
    r2 = sm.OLS(y, sm.add_constant(x)).fit().rsquared
    assert table.attrs["r2"] == pytest.approx(r2, abs=1e-9)


def test_ols_and_logit_match_statsmodels(data: dict[str, object]) -> None:
    x, y, table = data["x"], data["y"], data["table"]
    assert isinstance(x, pd.DataFrame) and isinstance(table, pd.DataFrame)
    assert isinstance(y, np.ndarray)
    ols = sm.OLS(y, sm.add_constant(x)).fit()
    np.testing.assert_allclose(table.loc[x.columns, "coef"], ols.params[x.columns], atol=1e-8)
    np.testing.assert_allclose(
        table.loc[x.columns, "coef_p_value"], ols.pvalues[x.columns], atol=1e-3
    )
    logit = sm.Logit((y <= 6).astype(float), sm.add_constant(x)).fit(disp=0)
    np.testing.assert_allclose(
        table.loc[x.columns, "logit_coef"], logit.params[x.columns], atol=1e-6
    )
    np.testing.assert_allclose(
        table.loc[x.columns, "logit_p_value"], logit.pvalues[x.columns], atol=1e-6
    )
    np.testing.assert_allclose(table["odds_ratio"], np.exp(table["logit_coef"]))


def test_z_test_and_bh_by_hand(data: dict[str, object]) -> None:
    x, y, table = data["x"], data["y"], data["table"]
    assert isinstance(x, pd.DataFrame) and isinstance(table, pd.DataFrame)
    assert isinstance(y, np.ndarray)
    from scipy.stats import norm

    cat = np.where(y >= 9, 1.0, np.where(y <= 6, -1.0, 0.0))
    men = x["t03"].to_numpy() > 0
    a, b = cat[men], cat[~men]
    z = (a.mean() - b.mean()) / np.sqrt(a.var(ddof=1) / a.size + b.var(ddof=1) / b.size)
    assert table.loc["t03", "p_value"] == pytest.approx(2 * norm.sf(abs(z)), rel=1e-9)
    q = multipletests(table["p_value"], method="fdr_bh")[1]
    np.testing.assert_allclose(table["q_value"], q, rtol=1e-12)
    assert (table["significant"] == (table["q_value"] <= 0.05)).all()


def test_bh_edge_cases() -> None:
    p = np.array([0.01, np.nan, 0.04, 0.03, 0.5])
    q = benjamini_hochberg(p)
    ok = np.isfinite(p)
    np.testing.assert_allclose(q[ok], multipletests(p[ok], method="fdr_bh")[1])
    assert np.isnan(q[1])
    assert benjamini_hochberg(np.array([])).size == 0


def test_row_bootstrap_equals_a_naive_loop() -> None:
    p = planted(300, 5)
    table = driver_table(p.responses, p.mentions, p.feedback, n_boot=40, seed=9, min_support=5)
    table = table.set_index("topic")
    score = p.responses["nps"].to_numpy(dtype=float)
    cat = np.where(score >= 9, 1.0, np.where(score <= 6, -1.0, 0.0))
    men = p.mentions[p.mentions["label"] == "t01"]["feedback_id"].str.removeprefix("survey:")
    mask = p.responses["response_id"].isin(set(men)).to_numpy()
    draws = np.random.default_rng(9).integers(0, 300, size=(40, 300))
    impacts = [100 * cat[d].mean() - 100 * cat[d][~mask[d]].mean() for d in draws]
    lo, hi = np.percentile(impacts, [2.5, 97.5])
    assert table.loc["t01", "impact_ci_low"] == pytest.approx(lo)
    assert table.loc["t01", "impact_ci_high"] == pytest.approx(hi)


def test_bucketed_bootstrap_agrees_with_row_bootstrap() -> None:
    p = planted(12_000, 6)
    args = (p.responses, p.mentions, p.feedback)
    rows = driver_table(*args, n_boot=400, max_buckets=20_000).set_index("topic")
    bucketed = driver_table(*args, n_boot=400, max_buckets=1000).set_index("topic")
    assert "row bootstrap" in rows.attrs["bootstrap"]
    assert "bucketed" in bucketed.attrs["bootstrap"]
    for col in ("impact", "coef", "rw"):
        w_rows = rows[f"{col}_ci_high"] - rows[f"{col}_ci_low"]
        w_buck = bucketed[f"{col}_ci_high"] - bucketed[f"{col}_ci_low"]
        ratio = float(np.median(w_buck / w_rows))
        assert 0.85 < ratio < 1.15, (col, ratio)
        pd.testing.assert_series_equal(rows[col], bucketed[col], rtol=1e-6)


def test_small_helpers() -> None:
    with pytest.raises(InputError):
        make_buckets(10, 1, np.random.default_rng(0))
    with pytest.raises(InputError):
        lmg(np.eye(17), np.zeros(17))
    assert lmg(np.eye(0), np.zeros(0)).size == 0
    # an undefined (NaN) correlation gives NaN weights, not an exception
    rw = relative_weights(np.full((1, 2, 2), np.nan), np.zeros((1, 2)))
    assert np.isnan(rw).all()
