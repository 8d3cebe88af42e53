"""Customer churn: monthly rate with a Wilson CI, who left, and churn by segment.

Churn of a month = customers lost in the month / customers active at the end of the
previous month x 100.  With survey responses the churners are split by the category of
their last NPS answer before leaving (loyal churners -- former promoters -- matter most).
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from vocnlp.analytics.metrics import (
    Estimate,
    _check_range,
    _numeric,
    to_datetime,
    wilson,
)
from vocnlp.errors import EmptyDataError, InputError

CHURN_COLUMNS = ["month", "lost", "base", "churn_pct", "ci_low", "ci_high"]
_CHURN_NPS = {
    "lost_promoters": "promoter",
    "lost_passives": "passive",
    "lost_detractors": "detractor",
    "lost_unscored": "unscored",
}
CHURN_NPS_COLUMNS = [*_CHURN_NPS, "share_promoters", "share_passives"]
_MONTH_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _customer_dates(customers: pd.DataFrame) -> pd.DataFrame:
    if "customer_id" not in customers.columns:
        raise InputError("customers need a customer_id column")
    out = pd.DataFrame({"customer_id": customers["customer_id"]})
    for col in ("joined_at", "left_at"):
        raw = customers[col] if col in customers.columns else pd.Series(pd.NaT, customers.index)
        out[col] = to_datetime(raw).dt.normalize()
    return out.drop_duplicates("customer_id", keep="last").reset_index(drop=True)


def _month_counts(dates: pd.DataFrame, month: pd.Period) -> tuple[pd.Series, pd.Series]:
    """Masks (in base, lost) for one month.

    The base is every customer active at the end of the previous month: joined on or before
    that day (unknown join date counts as joined) and not left by then.  Lost are base
    customers whose ``left_at`` falls inside ``month``; customers who join and leave within
    the same month were never in the base and are not counted.
    """
    start = month.start_time
    prev_end = start - pd.Timedelta(days=1)
    next_start = (month + 1).start_time
    joined, left = dates["joined_at"], dates["left_at"]
    base = (joined.isna() | (joined <= prev_end)) & (left.isna() | (left > prev_end))
    lost = base & (left >= start) & (left < next_start)
    return base, lost


def _parse_month(month: str) -> pd.Period:
    if not isinstance(month, str) or not _MONTH_RE.match(month):
        raise InputError(f"month must look like 'YYYY-MM', got {month!r}")
    return pd.Period(month, freq="M")


def churn_rate(customers: pd.DataFrame, month: str, confidence: float = 0.95) -> Estimate:
    """Churn of ``month`` ('YYYY-MM') in %: base customers who left in it / base, Wilson CI.

    ``customers`` has ``customer_id, joined_at, left_at`` (dates; missing ``left_at`` means
    still a customer, missing ``joined_at`` means joined before any month asked about).
    ``n`` of the result is the base (customers active at the end of the previous month).
    """
    period = _parse_month(month)
    base, lost = _month_counts(_customer_dates(customers), period)
    if not base.any():
        raise EmptyDataError(f"no customers were active at the end of the month before {month}")
    return wilson(int(lost.sum()), int(base.sum()), confidence)


def _nps_category(score: pd.Series) -> pd.Series:
    cat = np.where(score >= 9, "promoter", np.where(score <= 6, "detractor", "passive"))
    return pd.Series(np.where(score.isna(), "unscored", cat), index=score.index)


def _last_nps_before_leaving(churners: pd.DataFrame, responses: pd.DataFrame) -> pd.Series:
    """NPS category of each churner's last answer given on or before the day they left."""
    for col in ("customer_id", "answered_at", "nps"):
        if col not in responses.columns:
            raise InputError(f"responses need a {col} column for churn by NPS category")
    resp = pd.DataFrame(
        {
            "customer_id": responses["customer_id"],
            "answered_at": to_datetime(responses["answered_at"]),
            "nps": _numeric(responses["nps"], "NPS"),
        }
    ).dropna()
    _check_range(resp["nps"].to_numpy(), 0, 10, "NPS")
    joined = churners[["customer_id", "left_at"]].merge(resp, on="customer_id", how="inner")
    joined = joined[joined["answered_at"] < joined["left_at"] + pd.Timedelta(days=1)]
    last = joined.sort_values("answered_at").groupby("customer_id")["nps"].last()
    score = churners["customer_id"].map(last).astype("float64")
    return _nps_category(score)


def churn_by_month(
    customers: pd.DataFrame,
    responses: pd.DataFrame | None = None,
    confidence: float = 0.95,
    *,
    by: str | None = None,
) -> pd.DataFrame:
    """Monthly churn table: month, lost, base, churn_pct, ci_low, ci_high.

    Months run from the one after the earliest known ``joined_at`` (or the earliest
    ``left_at`` when no join dates are known) to the latest date seen; months with an empty
    base are left out.  With ``responses`` the lost customers are split by the category of
    their last NPS answer on or before the day they left: ``lost_promoters``,
    ``lost_passives``, ``lost_detractors`` and ``lost_unscored`` (no answer), and who left:
    ``share_promoters`` / ``share_passives`` = share of the scored churners (0-1, NaN when
    no churner had answered) that were promoters / passives.  Loyal churners (former
    promoters) matter most.

    With ``by`` (a customers column such as ``segment`` or ``region``) the table is
    computed per group and starts with a ``group`` column (missing values: '(missing)').
    """
    if by is not None:
        if by not in customers.columns:
            raise InputError(f"cannot group churn by {by!r}: customers have no such column")
        labels = customers[by].astype("string").fillna("(missing)")
        span = _months(_customer_dates(customers))
        parts = [
            _table(_customer_dates(customers[labels == g]), responses, confidence, *span).assign(
                group=g
            )
            for g in sorted(labels.unique())
        ]
        out = pd.concat(parts, ignore_index=True)
        return out[["group", *[c for c in out.columns if c != "group"]]]
    dates = _customer_dates(customers)
    return _table(dates, responses, confidence, *_months(dates))


def _months(dates: pd.DataFrame) -> tuple[pd.Period, pd.Period]:
    """First and last month of the churn table (see :func:`churn_by_month`)."""
    known = pd.concat([dates["joined_at"], dates["left_at"]]).dropna()
    if known.empty:
        raise EmptyDataError("no customer has a joined_at or left_at date")
    first_join = dates["joined_at"].min()
    start = (
        first_join.to_period("M") + 1
        if pd.notna(first_join)
        else dates["left_at"].min().to_period("M")
    )
    return start, known.max().to_period("M")


def _table(
    dates: pd.DataFrame,
    responses: pd.DataFrame | None,
    confidence: float,
    start: pd.Period,
    end: pd.Period,
) -> pd.DataFrame:
    columns = CHURN_COLUMNS + (CHURN_NPS_COLUMNS if responses is not None else [])
    rows: list[dict[str, Any]] = []
    month = start
    while month <= end:
        base, lost = _month_counts(dates, month)
        if base.any():
            est = wilson(int(lost.sum()), int(base.sum()), confidence)
            row: dict[str, Any] = {
                "month": str(month),
                "lost": int(lost.sum()),
                "base": est.n,
                "churn_pct": est.value,
                "ci_low": est.ci_low,
                "ci_high": est.ci_high,
            }
            if responses is not None:
                cats = _last_nps_before_leaving(dates[lost], responses).value_counts()
                for col, cat in _CHURN_NPS.items():
                    row[col] = int(cats.get(cat, 0))
                scored = row["lost"] - row["lost_unscored"]
                for share, col in (
                    ("share_promoters", "lost_promoters"),
                    ("share_passives", "lost_passives"),
                ):
                    row[share] = row[col] / scored if scored else float("nan")
            rows.append(row)
        month += 1
    return pd.DataFrame(rows, columns=columns)
