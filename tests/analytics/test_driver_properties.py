"""Hypothesis properties of the driver table: bounds, order invariance, extremes, errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vocnlp.analytics import Outcome, StatsOptions, driver_stats, driver_table
from vocnlp.errors import EmptyDataError

rows = st.lists(
    st.tuples(st.integers(0, 10), st.sets(st.sampled_from("ABCD"), max_size=3)),
    min_size=1,
    max_size=80,
)


def _frames(data: list[tuple[int, set[str]]]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    ids = [f"r{i}" for i in range(len(data))]
    responses = pd.DataFrame({"response_id": ids, "nps": [s for s, _ in data]})
    feedback = pd.DataFrame(
        {"feedback_id": [f"survey:{i}" for i in ids], "source": "survey", "source_id": ids}
    )
    mentions = pd.DataFrame(
        [
            {"feedback_id": f"survey:{ids[i]}", "kind": "topic", "label": t}
            for i, (_s, topics) in enumerate(data)
            for t in sorted(topics)
        ],
        columns=["feedback_id", "kind", "label"],
    )
    return responses, mentions, feedback


@settings(max_examples=40, deadline=None)
@given(rows, st.randoms(use_true_random=False))
def test_bounds_and_order_invariance(data: list[tuple[int, set[str]]], rnd: object) -> None:
    responses, mentions, feedback = _frames(data)
    table = driver_table(responses, mentions, feedback, min_support=5, n_boot=30)
    if table.empty:
        return
    assert table["mention_rate"].between(0, 1).all()
    for col in ("nps_mentioners", "nps_others"):
        assert table[col].dropna().between(-100, 100).all()
    assert table["impact"].dropna().between(-200, 200).all()
    lo, hi = table["impact_ci_low"].dropna(), table["impact_ci_high"].dropna()
    assert (lo <= hi.reindex(lo.index)).all()
    assert (table["rw"].dropna() >= -1e-12).all()
    assert table["rw"].sum() <= 1 + 1e-9
    assert table["q_value"].dropna().between(0, 1).all()
    assert table.loc[table["low_support"], "rank"].isna().all()
    # shuffling respondents and mentions changes no point estimate
    order = list(range(len(responses)))
    rnd.shuffle(order)  # type: ignore[attr-defined]
    again = driver_table(
        responses.iloc[order],
        mentions.sample(frac=1, random_state=1),
        feedback,
        min_support=5,
        n_boot=30,
    )
    cols = ["topic", "mentions", "impact", "nps_diff", "rw", "coef", "logit_coef", "p_value"]
    pd.testing.assert_frame_equal(
        table[cols].sort_values("topic").reset_index(drop=True),
        again[cols].sort_values("topic").reset_index(drop=True),
        rtol=1e-7,
    )


@given(st.lists(st.integers(9, 10), min_size=2, max_size=60))
@settings(max_examples=20, deadline=None)
def test_all_promoters_give_100(scores: list[int]) -> None:
    data = [(s, {"A"} if i % 2 else set()) for i, s in enumerate(scores)]
    table = driver_table(*_frames(data), min_support=1, n_boot=20)
    assert table.attrs["nps"] == 100.0
    if not table.empty:
        assert (table["nps_mentioners"] == 100.0).all()
        assert (table["impact"] == 0.0).all()


def test_empty_input_is_a_clear_error() -> None:
    responses, mentions, feedback = _frames([(5, {"A"})])
    with pytest.raises(EmptyDataError, match="no responses with an NPS answer"):
        driver_table(responses.iloc[:0], mentions, feedback)
    with pytest.raises(EmptyDataError, match="no respondents"):
        driver_stats(
            Outcome(np.zeros(0), np.zeros(0), np.zeros(0)), np.zeros((0, 2), bool), ["a", "b"]
        )


def test_identical_drivers_are_aliased_not_fitted_twice() -> None:
    rng = np.random.default_rng(0)
    x = rng.random((400, 2)) < 0.3
    x = np.column_stack([x, x[:, 0]])
    score = np.clip(np.round(8 - 2 * x[:, 0] + rng.normal(0, 1, 400)), 0, 10)
    value = np.where(score >= 9, 1.0, np.where(score <= 6, -1.0, 0.0))
    out = driver_stats(
        Outcome(score, value, (score <= 6).astype(float)),
        x,
        ["a", "b", "a_copy"],
        StatsOptions(n_boot=50),
    )
    assert out.attrs["aliased"] == {"a_copy": "a"}
    assert np.isnan(out.loc["a_copy", "coef"]) and np.isfinite(out.loc["a", "coef"])
    assert out.loc["a_copy", "impact"] == out.loc["a", "impact"]


def test_separated_logistic_fit_is_reported_not_shown() -> None:
    # every mentioner of A is a detractor and nobody else is: the detractor odds of A are
    # infinite, so the logistic columns are NaN while impact and OLS are fine
    data = [(0, {"A"})] * 35 + [(9, set()), (8, {"B"}), (10, {"B"})] * 20
    table = driver_table(*_frames(data), min_support=30, n_boot=50).set_index("topic")
    assert table.attrs["logit_separated"]
    assert table["logit_coef"].isna().all() and table["logit_p_value"].isna().all()
    assert np.isfinite(table.loc["A", "coef"]) and table.loc["A", "impact"] < 0
