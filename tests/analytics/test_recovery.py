"""The driver analysis recovers planted effects: synthetic surveys and the sample's TRUTH.

"Above the noise floor" = the planted value is more than 3 bootstrap standard errors
(CI width / 3.92) from zero; every such effect must come out with the right sign, and
the Spearman correlation planted vs estimated must be >= 0.9.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import spearmanr

from vocnlp.analytics import driver_table

from .synth import planted

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def _check(planted_values: pd.Series, est: pd.Series, lo: pd.Series, hi: pd.Series) -> float:
    se = (hi - lo) / 3.92
    above = planted_values.abs() > 3 * se.reindex(planted_values.index)
    assert above.sum() >= len(planted_values) // 2, "too few effects above the noise floor"
    signs = np.sign(est.reindex(planted_values.index)[above]) == np.sign(planted_values[above])
    assert signs.all(), f"wrong sign for {list(signs.index[~signs])}"
    rho = float(spearmanr(planted_values, est.reindex(planted_values.index)).statistic)
    assert rho >= 0.9, rho
    return rho


@pytest.mark.parametrize(("n", "seed"), [(1500, 1), (4000, 2), (12_000, 3), (40_000, 4)])
def test_synthetic_recovery(n: int, seed: int) -> None:
    p = planted(n, seed)
    t = driver_table(p.responses, p.mentions, p.feedback, seed=seed).set_index("topic")
    assert not t["low_support"].any()
    # multivariable coefficient vs planted score effect
    _check(p.effects, t["coef"], t["coef_ci_low"], t["coef_ci_high"])
    # impact vs the population impact of the generator
    _check(p.impacts, t["impact"], t["impact_ci_low"], t["impact_ci_high"])
    # the logistic model of being a detractor points the other way
    _check(-p.effects, t["logit_coef"], -t["logit_ci_high"], -t["logit_ci_low"])
    # relative weights rank the strong effects above the null one
    assert t.loc["t00", "rw"] > t.loc["t06", "rw"]
    # every planted non-zero effect above the floor is significant after BH
    strong = p.effects.abs() >= 1.6
    assert t.loc[strong[strong].index, "significant"].all()


def _sample_frames() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, dict[str, object]]:
    from vocnlp.ingest.surveys import load_surveys

    truth = json.loads((SAMPLE / "TRUTH.json").read_text(encoding="utf-8"))
    responses = load_surveys([SAMPLE / "surveys.csv"]).records
    ids = responses["response_id"].astype(str)
    feedback = pd.DataFrame({"feedback_id": "survey:" + ids, "source": "survey", "source_id": ids})
    rows = [
        (f"survey:{rid}", topic)
        for rid, (_lang, topics) in truth["labels"]["surveys"].items()
        for topic in topics
    ]
    mentions = pd.DataFrame(rows, columns=["feedback_id", "label"]).assign(kind="topic")
    return responses, mentions, feedback, truth


def test_sample_truth_recovery() -> None:
    """Driver math on the sample with the TRUTH topic labels (no classifier involved)."""
    responses, mentions, feedback, truth = _sample_frames()
    t = driver_table(responses, mentions, feedback).set_index("topic")
    topics = pd.DataFrame(truth["surveys"]["topics"]).T  # type: ignore[call-overload]
    surveys = truth["surveys"]
    assert isinstance(surveys, dict)
    assert t.attrs["n"] == surveys["responses_valid"]
    assert t.attrs["nps"] == pytest.approx(surveys["nps"], abs=0.005)
    # impacts equal TRUTH's (which subtracts two NPS values rounded to 2 decimals)
    np.testing.assert_allclose(
        t.loc[topics.index, "impact"], topics["impact_on_nps"].astype(float), atol=0.011
    )
    assert (t.loc[topics.index, "mentions"] == topics["mentions"].astype(int)).all()
    effects = topics["planted_effect"].astype(float)
    _check(effects, t["coef"], t["coef_ci_low"], t["coef_ci_high"])
    rho = spearmanr(effects, t.loc[effects.index, "impact"]).statistic
    assert rho >= 0.9
