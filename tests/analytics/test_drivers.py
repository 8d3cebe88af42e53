"""driver_table on a synthetic survey with planted topic effects."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from vocnlp.analytics import DRIVER_COLUMNS, driver_table, nps
from vocnlp.analytics.drivers import ALL_DRIVER_COLUMNS
from vocnlp.errors import EmptyDataError, InputError

N = 3000


def _frames(
    score: np.ndarray, topics: dict[str, np.ndarray]
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    ids = [f"r{i}" for i in range(score.size)]
    responses = pd.DataFrame({"response_id": ids, "nps": pd.array(score, dtype="Int64")})
    feedback = pd.DataFrame(
        {
            "feedback_id": [f"survey:{r}" for r in ids],
            "source": "survey",
            "source_id": ids,
            "text": "comment",
            "excluded_reason": None,
        }
    )
    rows = [
        {
            "feedback_id": f"survey:r{i}",
            "kind": "topic",
            "label": label,
            "sentiment": "negative" if score[i] <= 6 else "positive",
            "sentiment_score": (score[i] - 5) / 5,
        }
        for label, mask in topics.items()
        for i in np.flatnonzero(mask)
    ]
    return responses, pd.DataFrame(rows), feedback


@pytest.fixture(scope="module")
def planted() -> dict[str, object]:
    # 3000 respondents with a base score 4..10; A (20 %) lowers the score by 3,
    # B (20 %) raises it by 2, C (20 %) does nothing, D is mentioned by 10 only.
    rng = np.random.default_rng(20260519)
    base = rng.integers(4, 11, N)
    topics = {t: rng.random(N) < 0.2 for t in "ABC"}
    topics["D"] = np.zeros(N, dtype=bool)
    topics["D"][:10] = True
    score = np.clip(base - 3 * topics["A"] + 2 * topics["B"], 0, 10)
    responses, mentions, feedback = _frames(score, topics)
    table = driver_table(responses, mentions, feedback, min_support=30)
    return {
        "score": score,
        "topics": topics,
        "table": table.set_index("topic"),
        "raw": table,
        "frames": (responses, mentions, feedback),
    }


def test_columns_and_order(planted: dict[str, object]) -> None:
    raw = planted["raw"]
    assert isinstance(raw, pd.DataFrame)
    assert list(raw.columns) == ALL_DRIVER_COLUMNS
    assert list(raw.columns[: len(DRIVER_COLUMNS)]) == DRIVER_COLUMNS  # stable prefix
    assert raw["impact"].is_monotonic_increasing
    assert raw.iloc[0]["topic"] == "A"  # most harmful first


def test_planted_effects(planted: dict[str, object]) -> None:
    t = planted["table"]
    assert isinstance(t, pd.DataFrame)
    a, b, c = t.loc["A"], t.loc["B"], t.loc["C"]
    assert a["impact"] < 0 < b["impact"]
    assert a["impact_ci_low"] <= a["impact"] <= a["impact_ci_high"] < 0
    assert 0 < b["impact_ci_low"] <= b["impact"] <= b["impact_ci_high"]
    assert c["impact_ci_low"] <= 0 <= c["impact_ci_high"]
    assert a["nps_diff"] < 0 < b["nps_diff"]
    assert a["negative_share"] > c["negative_share"] > b["negative_share"]
    assert a["mean_sentiment"] < b["mean_sentiment"]


def test_low_support_is_kept_and_unranked(planted: dict[str, object]) -> None:
    t = planted["table"]
    assert isinstance(t, pd.DataFrame)
    assert t.loc["D", "mentions"] == 10
    assert bool(t.loc["D", "low_support"])
    assert t["rank"].isna().loc["D"]
    supported = t[~t["low_support"]].sort_values("impact")
    assert supported["rank"].tolist() == [1.0, 2.0, 3.0]
    assert supported.index.tolist()[0] == "A"


def test_impact_matches_direct_recomputation(planted: dict[str, object]) -> None:
    t, score, topics = planted["table"], planted["score"], planted["topics"]
    assert isinstance(t, pd.DataFrame) and isinstance(score, np.ndarray)
    assert isinstance(topics, dict)
    a = topics["A"]
    # impact = NPS of everyone - NPS of those who did not mention A
    expected = nps(score).value - nps(score[~a]).value
    assert t.loc["A", "impact"] == pytest.approx(expected)
    assert t.loc["A", "nps_mentioners"] == pytest.approx(nps(score[a]).value)
    assert t.loc["A", "mentions"] == a.sum()
    assert t.loc["A", "mention_rate"] == pytest.approx(a.mean())
    # identity: impact = mention_rate * nps_diff
    np.testing.assert_allclose(t["impact"], t["mention_rate"] * t["nps_diff"])
    raw = planted["raw"]
    assert isinstance(raw, pd.DataFrame)
    assert raw.attrs["nps"] == pytest.approx(nps(score).value)
    assert raw.attrs["n"] == N


def test_bootstrap_is_seeded(planted: dict[str, object]) -> None:
    frames = planted["frames"]
    assert isinstance(frames, tuple)
    again = driver_table(*frames, n_boot=200, seed=7)
    same = driver_table(*frames, n_boot=200, seed=7)
    other = driver_table(*frames, n_boot=200, seed=8)
    pd.testing.assert_frame_equal(again, same)
    assert not np.allclose(again["impact_ci_low"], other["impact_ci_low"])


def test_by_sentiment_splits_topics(planted: dict[str, object]) -> None:
    frames = planted["frames"]
    assert isinstance(frames, tuple)
    split = driver_table(*frames, by_sentiment=True, n_boot=100).set_index("topic")
    assert {"A:negative", "A:positive", "D:negative"} <= set(split.index)
    assert split.loc["A:negative", "negative_share"] == 1.0
    t = planted["table"]
    assert isinstance(t, pd.DataFrame)
    parts = split.loc[["A:negative", "A:positive"], "mentions"].sum()
    assert parts == t.loc["A", "mentions"]


def test_joins_skip_excluded_other_sources_and_unscored() -> None:
    responses = pd.DataFrame(
        {"response_id": ["r1", "r2", "r3", "r4"], "nps": pd.array([10, 0, 9, None], "Int64")}
    )
    feedback = pd.DataFrame(
        {
            "feedback_id": ["survey:r1", "survey:r2", "survey:r3", "survey:r4", "review:r1"],
            "source": ["survey", "survey", "survey", "survey", "review"],
            "source_id": ["r1", "r2", "r3", "r4", "r1"],
            "excluded_reason": [None, "spam", None, None, None],
        }
    )
    mentions = pd.DataFrame(
        {
            "feedback_id": ["survey:r1", "survey:r2", "survey:r4", "review:r1", "survey:r3"],
            "kind": ["topic", "topic", "topic", "topic", "intent"],
            "label": ["price", "price", "price", "price", "praise"],
            "sentiment": ["positive", "negative", "negative", "negative", "positive"],
            "sentiment_score": [0.8, -0.9, -0.5, -0.7, 0.9],
        }
    )
    table = driver_table(responses, mentions, feedback, min_support=1, n_boot=50)
    # only r1 (score 10) counts: r2 is spam, r4 has no NPS, the review and the intent
    # are not survey topics. Overall NPS of r1..r3 = (2 - 1)/3 = 33.3; without r1 = 0
    row = table.iloc[0]
    assert table["topic"].tolist() == ["price"]
    assert row["mentions"] == 1
    assert row["impact"] == pytest.approx(100 / 3)
    assert row["negative_share"] == 0.0
    assert row["mean_sentiment"] == pytest.approx(0.8)
    assert row["rank"] == 1.0


def test_empty_inputs() -> None:
    responses = pd.DataFrame({"response_id": ["r1"], "nps": [7]})
    feedback = pd.DataFrame({"feedback_id": [], "source": [], "source_id": []})
    mentions = pd.DataFrame({"feedback_id": [], "kind": [], "label": []})
    table = driver_table(responses, mentions, feedback)
    assert table.empty and list(table.columns) == ALL_DRIVER_COLUMNS
    assert table.attrs["nps"] == 0.0
    with pytest.raises(EmptyDataError, match="NPS"):
        driver_table(responses.assign(nps=None), mentions, feedback)
    with pytest.raises(InputError):
        driver_table(responses.drop(columns="nps"), mentions, feedback)
