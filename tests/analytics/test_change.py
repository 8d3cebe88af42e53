"""Period-over-period change with a significance test, and churn who-left shares."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from vocnlp.analytics import CHANGE_COLUMNS, churn_by_month, churn_change, period_change
from vocnlp.errors import EmptyDataError, InputError


def _responses() -> pd.DataFrame:
    # May: 6 promoters, 2 passives, 2 detractors (NPS 40); June: 3 / 3 / 4 (NPS -10)
    may = [10] * 6 + [8] * 2 + [3] * 2
    june = [9] * 3 + [7] * 3 + [0] * 4
    return pd.DataFrame(
        {
            "answered_at": pd.to_datetime(["2026-05-15"] * 10 + ["2026-06-15"] * 10),
            "nps": may + june,
            "csi": [5] * 8 + [2] * 2 + [4] * 5 + [1] * 5,
            "cli_recommend": [8] * 20,
            "cli_continue": [8] * 20,
            "cli_buy_more": list(range(1, 11)) * 2,
            "cli_switch": [3] * 10 + [9] * 10,
        }
    )


def test_nps_change_by_hand() -> None:
    out = period_change(_responses(), "month")
    assert list(out.columns) == CHANGE_COLUMNS
    row = out[out["metric"] == "nps"].iloc[0]
    assert (row["period"], row["previous"]) == ("2026-06", "2026-05")
    assert row["change"] == pytest.approx(-50.0)
    # var of +1/0/-1 answers: p + d - (p - d)^2
    v1, v0 = 0.3 + 0.4 - 0.01, 0.6 + 0.2 - 0.16
    se = np.sqrt(v1 / 10 + v0 / 10)
    assert row["p_value"] == pytest.approx(2 * stats.norm.sf(0.5 / se))
    assert row["ci_low"] == pytest.approx(100 * (-0.5 - 1.959964 * se), abs=1e-4)
    assert (row["n"], row["previous_n"]) == (10, 10)
    assert bool(row["significant"]) == (row["p_value"] < 0.05)


def test_csi_and_cli_change() -> None:
    out = period_change(_responses(), "month").set_index("metric")
    csi = out.loc["csi"]
    assert csi["value"] == pytest.approx(50.0) and csi["previous_value"] == pytest.approx(80.0)
    se = np.sqrt(0.25 / 10 + 0.16 / 10)
    assert csi["p_value"] == pytest.approx(2 * stats.norm.sf(0.3 / se))
    cli = out.loc["cli"]
    may = (8 + 8 + np.arange(1, 11) + 8) / 4
    june = (8 + 8 + np.arange(1, 11) + 2) / 4
    ref = stats.ttest_ind(june, may, equal_var=False)
    assert cli["change"] == pytest.approx(-1.5)
    assert cli["p_value"] == pytest.approx(ref.pvalue)


def test_change_groups_and_errors() -> None:
    r = _responses().assign(segment=["a", "b"] * 10)
    out = period_change(r, "month", by="segment", metrics=("nps",))
    assert sorted(out["group"]) == ["a", "b"]
    one_period = period_change(r.iloc[:10], "month")
    assert one_period.empty and list(one_period.columns) == CHANGE_COLUMNS
    with pytest.raises(EmptyDataError):
        period_change(r.iloc[:0])
    with pytest.raises(InputError):
        period_change(r, "all")
    with pytest.raises(InputError):
        period_change(r, "month", by="nope")
    with pytest.raises(InputError):
        period_change(r, "month", metrics=("ces",))


def test_churn_change_and_who_left() -> None:
    customers = pd.DataFrame(
        {
            "customer_id": [f"c{i}" for i in range(8)],
            "joined_at": ["2026-01-01"] * 8,
            "left_at": [None, None, None, None, "2026-03-05", "2026-03-09", "2026-03-20", None],
        }
    )
    responses = pd.DataFrame(
        {
            "customer_id": ["c4", "c5", "c6"],
            "answered_at": ["2026-02-01"] * 3,
            "nps": [10, 7, 9],
        }
    )
    table = churn_by_month(customers, responses).set_index("month")
    march = table.loc["2026-03"]
    assert march["lost"] == 3
    assert march["share_promoters"] == pytest.approx(2 / 3)
    assert march["share_passives"] == pytest.approx(1 / 3)
    assert np.isnan(table.loc["2026-02", "share_promoters"])  # nobody left
    change = churn_change(churn_by_month(customers)).set_index("period")
    assert change.loc["2026-03", "change"] == pytest.approx(37.5)
    with pytest.raises(InputError):
        churn_change(pd.DataFrame({"month": []}))


def test_churn_by_segment() -> None:
    customers = pd.DataFrame(
        {
            "customer_id": [f"c{i}" for i in range(6)],
            "segment": ["mass", "mass", "mass", "business", "business", None],
            "joined_at": ["2026-01-01"] * 6,
            "left_at": ["2026-03-05", None, None, "2026-03-01", "2026-03-02", None],
        }
    )
    table = churn_by_month(customers, by="segment")
    assert table.columns[0] == "group"
    march = table[table["month"] == "2026-03"].set_index("group")
    assert march.loc["mass", "churn_pct"] == pytest.approx(100 / 3)
    assert march.loc["business", "churn_pct"] == 100.0
    assert march.loc["(missing)", "lost"] == 0
    with pytest.raises(InputError):
        churn_by_month(customers, by="region")
    by_group = churn_change(table)
    assert set(by_group["group"]) == {"mass", "business", "(missing)"}
