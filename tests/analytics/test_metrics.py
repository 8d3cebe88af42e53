"""NPS, CSI, CLI, churn and the metrics table against hand-computed examples and properties."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vocnlp.analytics import Estimate, churn_by_month, churn_rate, cli, csi, metrics_table, nps
from vocnlp.errors import EmptyDataError, InputError, VocError

Z95 = 1.959963984540054
nps_lists = st.lists(st.integers(0, 10), min_size=1, max_size=300)


# --- NPS ----------------------------------------------------------------------------------


def test_nps_hand_example_with_adjusted_wald_ci() -> None:
    # 10 answers: promoters 10,9,9,10,9 (P=5), passives 7,8,8, detractors 3,0 (D=2)
    # NPS = 100 * (5 - 2) / 10 = 30
    # n' = 13, p' = 5.75/13 = 0.4423077, d' = 2.75/13 = 0.2115385, nps' = 0.2307692
    # var = (p' + d' - nps'^2) / n' = (0.6538462 - 0.0532544) / 13 = 0.0461994
    # half = 1.959964 * sqrt(0.0461994) = 1.959964 * 0.2149405 = 0.4212757
    # CI = 100 * (0.2307692 -/+ 0.4212757) = [-19.0507, 65.2045]
    est = nps([10, 9, 9, 10, 9, 7, 8, 8, 3, 0])
    assert est.value == pytest.approx(30.0)
    assert est.n == 10
    assert est.ci_low == pytest.approx(-19.0507, abs=1e-3)
    assert est.ci_high == pytest.approx(65.2045, abs=1e-3)
    assert est.as_dict() == {
        "value": est.value,
        "ci_low": est.ci_low,
        "ci_high": est.ci_high,
        "n": 10,
    }


def test_nps_drops_missing_and_accepts_nullable_int() -> None:
    scores = pd.Series([9, None, 6, pd.NA], dtype="Int64")
    # one promoter, one detractor -> 0, n = 2
    assert nps(scores) == nps([9, 6])
    assert nps(scores).n == 2
    assert nps(np.array([9.0, np.nan, 6.0])).value == 0.0


def test_nps_single_promoter_ci_is_centred_on_adjusted_estimate() -> None:
    # n' = 4, p' = 1.75/4 = 0.4375, d' = 0.75/4 = 0.1875, nps' = 0.25
    # var = (0.625 - 0.0625)/4 = 0.140625, se = 0.375, half = 0.734986
    est = nps([10])
    assert est.value == 100.0
    assert est.ci_low == pytest.approx(100 * (0.25 - Z95 * 0.375))
    assert est.ci_high == pytest.approx(100 * (0.25 + Z95 * 0.375))


@pytest.mark.parametrize("bad", [[11], [-1], [7.5], ["x"]])
def test_nps_rejects_out_of_scale(bad: list[object]) -> None:
    with pytest.raises(InputError):
        nps(bad)
    assert issubclass(InputError, VocError)


@pytest.mark.parametrize("empty", [[], [None, None], pd.Series([], dtype="Int64")])
def test_nps_empty_raises(empty: object) -> None:
    with pytest.raises(EmptyDataError, match="NPS"):
        nps(empty)


def test_confidence_must_be_a_probability() -> None:
    with pytest.raises(InputError):
        nps([9], confidence=1.0)


@settings(max_examples=150, deadline=None)
@given(nps_lists, st.randoms(use_true_random=False))
def test_nps_properties(scores: list[int], rnd: object) -> None:
    est = nps(scores)
    assert -100.0 <= est.value <= 100.0
    assert -100.0 <= est.ci_low <= est.ci_high <= 100.0
    # the CI contains the adjusted estimate it is centred on
    n_adj = len(scores) + 3
    p_adj = (sum(s >= 9 for s in scores) + 0.75) / n_adj
    d_adj = (sum(s <= 6 for s in scores) + 0.75) / n_adj
    assert est.ci_low <= 100 * (p_adj - d_adj) <= est.ci_high
    shuffled = list(scores)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert nps(shuffled) == est


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(9, 10), min_size=1), st.lists(st.integers(0, 6), min_size=1))
def test_nps_extremes(promoters: list[int], detractors: list[int]) -> None:
    assert nps(promoters).value == 100.0
    assert nps(detractors).value == -100.0


def test_nps_wider_at_lower_confidence_is_narrower() -> None:
    scores = [10, 9, 7, 3] * 10
    wide, narrow = nps(scores, 0.99), nps(scores, 0.80)
    assert wide.ci_low < narrow.ci_low < narrow.ci_high < wide.ci_high


# --- CSI ----------------------------------------------------------------------------------


def test_csi_hand_example_wilson() -> None:
    # answers 5,4,3,2,1,4 (+ one missing): satisfied (4-5) = 3 of n = 6 -> 50 %
    # Wilson: z^2 = 3.841459, denom = 1 + z^2/6 = 1.640243, centre = (0.5 + z^2/12)/denom = 0.5
    # half = z/denom * sqrt(0.25/6 + z^2/144) = 1.194921 * 0.261426 = 0.312385
    est = csi([5, 4, 3, 2, 1, 4, None])
    assert (est.value, est.n) == (50.0, 6)
    assert est.ci_low == pytest.approx(18.7615, abs=1e-3)
    assert est.ci_high == pytest.approx(81.2385, abs=1e-3)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(1, 5), min_size=1, max_size=200))
def test_csi_properties(scores: list[int]) -> None:
    est = csi(scores)
    assert 0.0 <= est.ci_low <= est.value <= est.ci_high <= 100.0


def test_csi_scale_and_empty() -> None:
    with pytest.raises(InputError):
        csi([0, 3])
    with pytest.raises(EmptyDataError):
        csi([])


# --- CLI ----------------------------------------------------------------------------------


def test_cli_hand_example() -> None:
    # rows (recommend, continue, buy_more, switch); switch is reverse-coded 11 - x
    # [10,9,8,2] -> 10,9,8,9 -> 9.00
    # [5,5,5,5]  -> 5,5,5,6  -> 5.25
    # [7,7,7,4]  -> 7,7,7,7  -> 7.00
    # [8,-,8,8]  -> skipped (missing item)
    # mean = 21.25/3 = 7.083333; sd = sqrt(7.041667/2) = 1.876388; se = 1.083333
    # t(0.975, df=2) = 4.302653 -> half = 4.661207 -> [2.422126, 11.744540] clipped to 10
    frame = pd.DataFrame(
        [[10, 9, 8, 2], [5, 5, 5, 5], [7, 7, 7, 4], [8, None, 8, 8]],
        columns=["cli_recommend", "cli_continue", "cli_buy_more", "cli_switch"],
    ).astype("Int64")
    est = cli(frame.assign(nps=1))
    assert est.value == pytest.approx(7.083333, abs=1e-6)
    assert est.n == 3
    assert est.ci_low == pytest.approx(2.422126, abs=1e-5)
    assert est.ci_high == 10.0
    assert cli(frame.to_numpy().tolist()) == est


def test_cli_single_respondent_and_errors() -> None:
    one = cli([[10, 10, 10, 1]])
    assert one.value == 10.0 and math.isnan(one.ci_low) and one.n == 1
    with pytest.raises(EmptyDataError):
        cli([[None, 1, 1, 1]])
    with pytest.raises(InputError):
        cli([[11, 1, 1, 1]])
    with pytest.raises(InputError):
        cli(pd.DataFrame({"cli_recommend": [1]}))


# --- churn --------------------------------------------------------------------------------


@pytest.fixture
def customers() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": list("abcdef"),
            "joined_at": [
                "2025-12-15",
                "2025-12-20",
                "2026-01-10",
                "2026-01-31",
                None,
                "2026-02-03",
            ],
            "left_at": [None, "2026-01-31", "2026-02-01", "2026-03-15", "2026-03-01", "2026-02-20"],
        }
    )


def test_churn_hand_example_three_months(customers: pd.DataFrame) -> None:
    # Jan: base at 2025-12-31 = a, b, e (unknown join)      = 3; lost in Jan = b     -> 33.3 %
    # Feb: base at 2026-01-31 = a, c, d (joined 31st), e    = 4 (b left on the 31st)
    #      lost in Feb = c; f joined and left in Feb, never in a base              -> 25.0 %
    # Mar: base at 2026-02-28 = a, d, e                     = 3; lost = d, e      -> 66.7 %
    table = churn_by_month(customers)
    assert table["month"].tolist() == ["2026-01", "2026-02", "2026-03"]
    assert table["lost"].tolist() == [1, 1, 2]
    assert table["base"].tolist() == [3, 4, 3]
    assert table["churn_pct"].to_numpy() == pytest.approx([100 / 3, 25.0, 200 / 3])
    assert (table["ci_low"] <= table["churn_pct"]).all()
    assert (table["churn_pct"] <= table["ci_high"]).all()
    feb = churn_rate(customers, "2026-02")
    assert (feb.value, feb.n) == (25.0, 4)
    assert feb.ci_low == pytest.approx(table.loc[1, "ci_low"])


def test_churn_by_nps_category(customers: pd.DataFrame) -> None:
    responses = pd.DataFrame(
        {
            "customer_id": ["b", "b", "c", "d"],
            "answered_at": pd.to_datetime(
                ["2026-01-05", "2026-01-31 18:00", "2026-02-02", "2026-03-01"], format="ISO8601"
            ),
            "nps": [10, 3, 9, 8],
        }
    )
    # b left 01-31: last answer that day = 3 -> detractor
    # c left 02-01: only answer is after leaving -> unscored
    # d left 03-15: last answer 8 -> passive; e has no answer -> unscored
    table = churn_by_month(customers, responses)
    assert table["lost_detractors"].tolist() == [1, 0, 0]
    assert table["lost_passives"].tolist() == [0, 0, 1]
    assert table["lost_promoters"].tolist() == [0, 0, 0]
    assert table["lost_unscored"].tolist() == [0, 1, 1]


def test_churn_errors(customers: pd.DataFrame) -> None:
    with pytest.raises(InputError):
        churn_rate(customers, "2026-2")
    with pytest.raises(EmptyDataError, match="2025-06"):
        churn_rate(customers.dropna(subset=["joined_at"]), "2025-06")
    with pytest.raises(EmptyDataError):
        churn_by_month(pd.DataFrame({"customer_id": ["a"], "joined_at": [None]}))


# --- metrics table ------------------------------------------------------------------------


@pytest.fixture
def responses() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "response_id": ["r1", "r2", "r3", "r4", "r5"],
            "answered_at": pd.to_datetime(
                pd.Series(["2026-05-03 10:00", "2026-05-20", "2027-01-01", "2024-12-30", None]),
                format="ISO8601",
            ),
            "segment": ["b2c", "b2b", "b2c", None, "b2c"],
            "nps": pd.array([10, 3, 9, None, 8], dtype="Int64"),
            "csi": pd.array([5, 2, None, 4, 4], dtype="Int64"),
        }
    )


@pytest.mark.parametrize(
    ("period", "labels"),
    [
        ("day", ["2024-12-30", "2026-05-03", "2026-05-20", "2027-01-01"]),
        # ISO weeks: 2024-12-30 is in 2025-W01, 2027-01-01 in 2026-W53
        ("week", ["2025-W01", "2026-W18", "2026-W21", "2026-W53"]),
        ("month", ["2024-12", "2026-05", "2027-01"]),
        ("quarter", ["2024-Q4", "2026-Q2", "2027-Q1"]),
        ("all", ["all"]),
    ],
)
def test_metrics_table_period_labels(
    responses: pd.DataFrame, period: str, labels: list[str]
) -> None:
    table = metrics_table(responses, period=period)
    assert list(table.columns) == ["metric", "period", "group", "value", "ci_low", "ci_high", "n"]
    assert sorted(set(table["period"])) == labels
    assert set(table["metric"]) == {"nps", "csi"}  # no cli_* columns -> no cli rows
    assert (table["group"] == "all").all()


def test_metrics_table_values_and_groups(responses: pd.DataFrame) -> None:
    table = metrics_table(responses, period="month", by="segment")
    may = table[(table["period"] == "2026-05") & (table["metric"] == "nps")]
    # b2c in May: one promoter (10) -> 100; b2b: one detractor (3) -> -100
    assert dict(zip(may["group"], may["value"], strict=True)) == {"b2b": -100.0, "b2c": 100.0}
    dec = table[table["period"] == "2024-12"]
    # r4 has no NPS but CSI 4 -> only a csi row, group for a null segment
    assert dec[["metric", "group", "value", "n"]].values.tolist() == [
        ["csi", "(missing)", 100.0, 1]
    ]
    total = metrics_table(responses, period="all")
    row = total[total["metric"] == "nps"].iloc[0]
    # all 4 NPS answers (the undated r5 counts for 'all'): 10, 3, 9, 8 -> (2 - 1)/4 = 25
    assert (row["value"], row["n"]) == (25.0, 4)
    assert total["metric"].tolist() == ["nps", "csi"]


def test_metrics_table_cli_and_errors(responses: pd.DataFrame) -> None:
    with_cli = responses.assign(cli_recommend=8, cli_continue=8, cli_buy_more=8, cli_switch=3)
    table = metrics_table(with_cli, period="all")
    assert table["metric"].tolist() == ["nps", "csi", "cli"]
    assert table.iloc[2]["value"] == 8.0 and table.iloc[2]["n"] == 5
    with pytest.raises(InputError):
        metrics_table(responses, period="year")
    with pytest.raises(InputError):
        metrics_table(responses, by="region")


def test_estimate_is_frozen() -> None:
    est = Estimate(1.0, 0.0, 2.0, 3)
    with pytest.raises(AttributeError):
        est.value = 2.0  # type: ignore[misc]
