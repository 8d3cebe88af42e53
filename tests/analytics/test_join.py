"""The response join, coverage, call drivers and the CSI / churn targets."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from vocnlp.analytics import (
    CallDriverOptions,
    coverage_report,
    driver_table,
    link_responses,
    metrics_table,
    with_context,
)
from vocnlp.errors import EmptyDataError, InputError


@pytest.fixture
def small() -> dict[str, pd.DataFrame]:
    responses = pd.DataFrame(
        {
            "response_id": ["r1", "r2", "r3", "r4"],
            "customer_id": ["c1", "c2", "c3", "c4"],
            "answered_at": pd.to_datetime(["2026-05-31", "2026-05-31", "2026-05-31", None]),
            "nps": [10, 3, 8, 9],
            "call_id": [None, "k9", None, None],
        }
    )
    feedback = pd.DataFrame(
        {
            "feedback_id": ["survey:r1", "survey:r2", "survey:r3", "review:v1", "review:v2"],
            "source": ["survey", "survey", "survey", "review", "review"],
            "source_id": ["r1", "r2", "r3", "v1", "v2"],
            "customer_id": ["c1", "c2", "c3", "c3", "c3"],
            "created_at": pd.to_datetime(["2026-05-31"] * 3 + ["2026-05-20", "2026-03-01"]),
            "text": ["great", "bad", "   ", "ok", "old"],
            "language": ["en", "ru", "uk", "en", "en"],
            "excluded_reason": [None, None, None, None, None],
        }
    )
    calls = pd.DataFrame(
        {
            "call_id": ["k1", "k2", "k3", "k4"],
            "customer_id": ["c2", "c2", "c3", "c1"],
            # k1, k2 inside the 30 days before r2; k3 inside for c3; k4 after r1's answer
            "started_at": pd.to_datetime(["2026-05-02", "2026-05-30", "2026-05-15", "2026-06-02"]),
        }
    )
    return {"responses": responses, "feedback": feedback, "calls": calls}


def test_link_responses_and_coverage(small: dict[str, pd.DataFrame]) -> None:
    linked = link_responses(small["responses"], small["feedback"], small["calls"], window_days=30)
    row = linked.set_index("response_id")
    assert row["has_text"].tolist() == [True, True, False, False]  # r3 blank, r4 none
    assert row["calls"].tolist() == [0, 2, 1, 0]
    assert row["reviews"].tolist() == [0, 0, 1, 0]  # v2 is older than the window
    assert row["coverage"].tolist() == ["text only", "text and calls", "calls only", "neither"]
    report = coverage_report(linked).set_index("coverage")
    assert report["responses"].tolist() == [1, 1, 1, 1]
    assert report["share"].sum() == pytest.approx(1.0)
    assert report.attrs["with_reviews"] == 1
    # a shorter window drops k1 (29 days before)
    short = link_responses(small["responses"], small["feedback"], small["calls"], window_days=7)
    assert short.set_index("response_id").loc["r2", "calls"] == 1


def test_with_context_groups_by_language_and_source(small: dict[str, pd.DataFrame]) -> None:
    ctx = with_context(small["responses"], small["feedback"])
    assert ctx["language"].tolist() == ["en", "ru", "uk", "(no comment)"]
    assert ctx["source"].tolist() == ["survey", "call", "survey", "survey"]
    table = metrics_table(ctx, period="all", by="source").set_index("group")
    assert table.loc["call", "n"] == 1 and table.loc["call", "value"] == -100.0


def _call_frames(n: int, seed: int) -> dict[str, pd.DataFrame]:
    """Respondents whose calls had long holds score 3 points lower."""
    rng = np.random.default_rng(seed)
    ids = [f"r{i}" for i in range(n)]
    cust = [f"c{i}" for i in range(n)]
    called = rng.random(n) < 0.5
    hold = called & (rng.random(n) < 0.4)
    silent = called & ~hold & (rng.random(n) < 0.3)
    overtalk = called & (rng.random(n) < 0.3)
    score = np.clip(np.round(rng.normal(8.2, 1.3, n) - 3 * hold), 0, 10)
    responses = pd.DataFrame(
        {
            "response_id": ids,
            "customer_id": cust,
            "answered_at": pd.Timestamp("2026-06-30"),
            "nps": score.astype(int),
        }
    )
    idx = np.flatnonzero(called)
    calls = pd.DataFrame(
        {
            "call_id": [f"k{i}" for i in idx],
            "customer_id": [cust[i] for i in idx],
            "started_at": pd.Timestamp("2026-06-20"),
        }
    )
    metrics = pd.DataFrame(
        {
            "call_id": np.repeat(calls["call_id"].to_numpy(), 2),
            "speaker": ["agent", "customer"] * idx.size,
            "longest_silence_s": np.repeat(
                np.where(hold[idx], 95.0, np.where(silent[idx], 12.0, 2.0)), 2
            ),
            "overtalk_s": np.repeat(np.where(overtalk[idx], 4.0, 0.2), 2),
            "overtalk_count": 1,
        }
    )
    return {"responses": responses, "calls": calls, "call_metrics": metrics}


def test_call_metrics_as_drivers() -> None:
    f = _call_frames(2000, 3)
    empty_fb = pd.DataFrame(columns=["feedback_id", "source", "source_id"])
    empty_m = pd.DataFrame(columns=["feedback_id", "kind", "label"])
    table = driver_table(
        f["responses"],
        empty_m,
        empty_fb,
        calls=f["calls"],
        call_metrics=f["call_metrics"],
        n_boot=300,
    ).set_index("topic")
    assert set(table["kind"]) == {"call"}
    hold, silence = table.loc["call:long_hold"], table.loc["call:long_silence"]
    assert hold["impact"] < 0 and hold["impact_ci_high"] < 0 and bool(hold["significant"])
    assert silence["mentions"] > hold["mentions"]  # 95 s of silence is both
    # overtalk happens only on calls, so it shares the callers' holds and looks harmful
    # on its own; the multivariable model separates it from the hold
    over = table.loc["call:overtalk"]
    assert over["impact"] < 0
    assert over["coef_ci_low"] < 0 < over["coef_ci_high"]
    assert -3.6 < hold["coef"] < -2.4 and hold["coef_ci_high"] < -2
    assert hold["logit_coef"] > 0 and bool(hold["signs_agree"])
    assert table["rw_rank"].idxmin() == "call:long_hold"
    assert "call:repeat" not in table.index  # nobody called twice: no such driver
    assert "call:transfer" not in table.index  # no transfers column
    with pytest.raises(InputError):
        CallDriverOptions(repeat_calls=1)


def test_csi_target_uses_top2_box() -> None:
    responses = pd.DataFrame(
        {"response_id": [f"r{i}" for i in range(6)], "csi": [5, 4, 2, 1, 5, 3]}
    )
    feedback = pd.DataFrame(
        {
            "feedback_id": [f"survey:r{i}" for i in range(6)],
            "source": "survey",
            "source_id": [f"r{i}" for i in range(6)],
        }
    )
    mentions = pd.DataFrame(
        {"feedback_id": ["survey:r2", "survey:r3"], "kind": "topic", "label": "billing"}
    )
    t = driver_table(responses, mentions, feedback, target="csi", min_support=1, n_boot=50)
    row = t.iloc[0]
    # CSI 50 % overall (3 of 6); without r2, r3: 3 of 4 = 75 %; mentioners 0 %
    assert t.attrs["metric"] == pytest.approx(50.0) and "nps" not in t.attrs
    assert row["nps_mentioners"] == 0.0 and row["nps_others"] == pytest.approx(75.0)
    assert row["impact"] == pytest.approx(-25.0)
    with pytest.raises(InputError, match="target"):
        driver_table(responses, mentions, feedback, target="cli")


def test_churn_target_with_horizon() -> None:
    responses = pd.DataFrame(
        {
            "response_id": ["r1", "r2", "r3", "r4"],
            "customer_id": ["c1", "c2", "c3", "c4"],
            "answered_at": pd.to_datetime(["2026-01-10"] * 3 + ["2026-06-01"]),
            "nps": [2, 9, 3, 1],
        }
    )
    customers = pd.DataFrame(
        {
            "customer_id": ["c1", "c2", "c3", "c4"],
            "joined_at": pd.to_datetime(["2020-01-01"] * 4),
            # c1 leaves within 90 days, c3 after 200 days, c4 answered too late to tell
            "left_at": pd.to_datetime(["2026-02-15", None, "2026-07-30", None]),
        }
    )
    feedback = pd.DataFrame(
        {"feedback_id": ["survey:r1", "survey:r3"], "source": "survey", "source_id": ["r1", "r3"]}
    )
    mentions = pd.DataFrame(
        {"feedback_id": ["survey:r1", "survey:r3"], "kind": "topic", "label": "cancellation"}
    )
    t = driver_table(
        responses, mentions, feedback, target="churn", customers=customers, min_support=1, n_boot=50
    )
    assert t.attrs["n"] == 3  # r4 is censored
    assert t.attrs["metric"] == pytest.approx(100 / 3)
    assert t.iloc[0]["nps_mentioners"] == pytest.approx(50.0)
    assert t.iloc[0]["impact"] == pytest.approx(100 / 3)  # raises churn: positive
    with pytest.raises(InputError, match="customers"):
        driver_table(responses, mentions, feedback, target="churn")
    with pytest.raises(EmptyDataError):
        driver_table(
            responses,
            mentions,
            feedback,
            target="churn",
            customers=customers,
            churn_horizon_days=900,
        )
