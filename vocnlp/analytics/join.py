"""The join behind the drivers: each scored response with the respondent's own words and calls.

* **Own comment**: the ``feedback`` row with ``source == 'survey'`` and ``source_id ==
  response_id``; excluded feedback (``excluded_reason`` not null) and empty text do not
  count.  Its topics are that feedback's ``mentions`` with ``kind == 'topic'``.
* **Calls**: the respondent's calls (same ``customer_id``) that started in the
  ``window_days`` days up to the answer: ``answered_at - window_days <= started_at <=
  answered_at`` (``Settings.call_window_days``, 30 by default).
* **Reviews**: the respondent's review feedback (``source == 'review'``, same
  ``customer_id``) created in the same window before the answer.

:func:`link_responses` returns one row per response with what was found;
:func:`coverage_report` counts responses with text only, calls only, both or neither.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from vocnlp.analytics.driverstats import Outcome
from vocnlp.analytics.metrics import _check_range, _numeric, to_datetime
from vocnlp.errors import EmptyDataError, InputError

log = logging.getLogger(__name__)

TARGETS = ("nps", "csi", "churn")
COVERAGE = ("text and calls", "text only", "calls only", "neither")
COVERAGE_COLUMNS = ["coverage", "responses", "share"]
LINK_COLUMNS = [
    "response_id",
    "customer_id",
    "answered_at",
    "has_text",
    "calls",
    "reviews",
    "coverage",
]


def require(frame: pd.DataFrame, name: str, cols: tuple[str, ...]) -> None:
    """InputError naming the missing columns."""
    missing = [c for c in cols if c not in frame.columns]
    if missing:
        raise InputError(f"{name} lack the column(s) {', '.join(missing)} needed for drivers")


def _dedupe(frame: pd.DataFrame) -> pd.DataFrame:
    ids = frame["response_id"].astype(str)
    dup = ids.duplicated(keep="last")
    if dup.any():
        log.warning("%d duplicate response_id rows; keeping the last", int(dup.sum()))
    return frame.loc[~dup.to_numpy()]


def respondents(
    responses: pd.DataFrame,
    target: str = "nps",
    customers: pd.DataFrame | None = None,
    churn_horizon_days: int = 90,
) -> tuple[pd.DataFrame, Outcome]:
    """Responses usable for ``target`` (rows aligned with the returned :class:`Outcome`).

    * ``nps``: responses with an NPS answer; value +1/0/-1, bad = detractor (0-6).
    * ``csi``: responses with a CSI answer; value 1 for 4-5, bad = 1-3.
    * ``churn``: responses of customers in ``customers`` answered at least
      ``churn_horizon_days`` before the last date the data know (later answers cannot be
      followed up yet); churned = ``left_at`` within ``churn_horizon_days`` after the answer.
    """
    if target not in TARGETS:
        raise InputError(f"target must be one of {', '.join(TARGETS)}; got {target!r}")
    scored = [] if target == "churn" else [target]
    require(responses, "responses", ("response_id", *scored))
    frame = responses.reindex(columns=["response_id", "customer_id", "answered_at", *scored])
    frame = _dedupe(frame)
    if target in ("nps", "csi"):
        score = _numeric(frame[target], target.upper())
        frame = frame.assign(_score=score.to_numpy()).dropna(subset=["_score"])
        if frame.empty:
            name = target.upper()
            raise EmptyDataError(f"no responses with an {name} answer to compute drivers from")
        values = frame["_score"].to_numpy(dtype=float)
        lo, hi = (0, 10) if target == "nps" else (1, 5)
        _check_range(values, lo, hi, target.upper())
        if target == "nps":
            value = np.where(values >= 9, 1.0, np.where(values <= 6, -1.0, 0.0))
            bad = (values <= 6).astype(float)
        else:
            value = (values >= 4).astype(float)
            bad = 1.0 - value
        out = frame.drop(columns=["_score"]).reset_index(drop=True)
        return out, Outcome(values, value, bad, target)
    if customers is None:
        raise InputError("target='churn' needs the customers table (customer_id, left_at)")
    require(customers, "customers", ("customer_id", "left_at"))
    require(responses, "responses", ("customer_id", "answered_at"))
    left = customers.drop_duplicates("customer_id", keep="last").set_index("customer_id")
    left_at = to_datetime(left["left_at"])
    known = pd.concat(
        [to_datetime(customers[c]) for c in ("joined_at", "left_at") if c in customers.columns]
        + [to_datetime(frame["answered_at"])]
    ).dropna()
    if known.empty:
        raise EmptyDataError("no dates to compute churn drivers from")
    horizon = pd.Timedelta(days=churn_horizon_days)
    frame = frame.assign(_at=to_datetime(frame["answered_at"]))
    frame = frame[frame["customer_id"].isin(left.index) & frame["_at"].notna()]
    frame = frame[frame["_at"] + horizon <= known.max()]
    if frame.empty:
        raise EmptyDataError(
            f"no responses of known customers answered {churn_horizon_days}+ days before "
            "the end of the data; lower churn_horizon_days"
        )
    gone = frame["customer_id"].map(left_at).to_numpy()
    at = frame["_at"].to_numpy()
    churned = ((gone > at) & (gone <= at + horizon.to_timedelta64())).astype(float)
    out = frame.drop(columns=["_at"]).reset_index(drop=True)
    return out, Outcome(churned, churned, churned, "churn")


def comment_topics(
    ids: pd.Index, mentions: pd.DataFrame, feedback: pd.DataFrame, by_sentiment: bool
) -> pd.DataFrame:
    """One row per (respondent position ``pos``, ``topic`` key) with the mention's sentiment."""
    require(feedback, "feedback", ("feedback_id", "source", "source_id"))
    require(mentions, "mentions", ("feedback_id", "kind", "label"))
    fb = feedback[feedback["source"] == "survey"]
    if "excluded_reason" in fb.columns:
        fb = fb[fb["excluded_reason"].isna()]
    m = mentions[mentions["kind"] == "topic"]
    m = pd.DataFrame(
        {
            "feedback_id": m["feedback_id"],
            "label": m["label"],
            "sentiment": m["sentiment"] if "sentiment" in m.columns else None,
            "sentiment_score": (
                _numeric(m["sentiment_score"], "sentiment_score")
                if "sentiment_score" in m.columns
                else np.nan
            ),
        }
    ).merge(fb[["feedback_id", "source_id"]], on="feedback_id", how="inner")
    m["pos"] = ids.get_indexer(pd.Index(m["source_id"].astype(str)))
    m = m[(m["pos"] >= 0) & m["label"].notna()]
    if by_sentiment:
        m = m[m["sentiment"].notna()]
        m["topic"] = m["label"].astype(str) + ":" + m["sentiment"].astype(str)
    else:
        m["topic"] = m["label"].astype(str)
    return m.drop_duplicates(["pos", "topic"]).reset_index(drop=True)


def indicator_matrix(
    n: int, pos: NDArray[np.intp], keys: pd.Series
) -> tuple[NDArray[np.bool_], list[str]]:
    """Boolean (n, distinct keys sorted) matrix with True at (pos, key)."""
    codes, uniq = pd.factorize(keys, sort=True)
    x = np.zeros((n, len(uniq)), dtype=bool)
    x[pos, codes] = True
    return x, [str(u) for u in uniq]


def _window_pairs(
    resp: pd.DataFrame, other: pd.DataFrame, at_col: str, window_days: int
) -> pd.DataFrame:
    """(pos, other row) pairs of the same customer with ``at_col`` in the window."""
    left = pd.DataFrame(
        {
            "pos": np.arange(len(resp)),
            "customer_id": resp["customer_id"].astype("string").to_numpy(),
            "_answered": to_datetime(resp["answered_at"]).to_numpy(),
        }
    ).dropna(subset=["customer_id", "_answered"])
    right = other.assign(
        customer_id=other["customer_id"].astype("string"), _at=to_datetime(other[at_col])
    ).dropna(subset=["customer_id", "_at"])
    pairs = left.merge(right, on="customer_id", how="inner")
    lo = pairs["_answered"] - pd.Timedelta(days=window_days)
    keep = (pairs["_at"] >= lo) & (pairs["_at"] <= pairs["_answered"])
    return pairs[keep].reset_index(drop=True)


def calls_in_window(resp: pd.DataFrame, calls: pd.DataFrame, window_days: int) -> pd.DataFrame:
    """Each response's calls in the window: columns pos, call_id, started_at (+ call columns)."""
    require(calls, "calls", ("call_id", "customer_id", "started_at"))
    return _window_pairs(resp, calls, "started_at", window_days)


def reviews_in_window(resp: pd.DataFrame, feedback: pd.DataFrame, window_days: int) -> pd.DataFrame:
    """Each response's review feedback in the window: pos, feedback_id, created_at."""
    require(feedback, "feedback", ("feedback_id", "source", "customer_id", "created_at"))
    reviews = feedback[feedback["source"] == "review"]
    if "excluded_reason" in reviews.columns:
        reviews = reviews[reviews["excluded_reason"].isna()]
    return _window_pairs(resp, reviews, "created_at", window_days)


def link_responses(
    responses: pd.DataFrame,
    feedback: pd.DataFrame,
    calls: pd.DataFrame | None = None,
    window_days: int = 30,
) -> pd.DataFrame:
    """One row per response (``LINK_COLUMNS``): own text?, calls and reviews in the window.

    ``calls`` and ``reviews`` are counts; ``coverage`` is one of ``COVERAGE``.
    """
    require(responses, "responses", ("response_id",))
    resp = _dedupe(responses).reset_index(drop=True)
    resp = resp.reindex(columns=["response_id", "customer_id", "answered_at"])
    require(feedback, "feedback", ("feedback_id", "source", "source_id"))
    fb = feedback[feedback["source"] == "survey"]
    if "excluded_reason" in fb.columns:
        fb = fb[fb["excluded_reason"].isna()]
    if "text" in fb.columns:
        fb = fb[fb["text"].astype("string").str.strip().fillna("") != ""]
    has_text = resp["response_id"].astype(str).isin(set(fb["source_id"].astype(str)))
    n = len(resp)
    n_calls = np.zeros(n, dtype=np.int64)
    n_reviews = np.zeros(n, dtype=np.int64)
    if calls is not None and len(calls):
        pairs = calls_in_window(resp, calls, window_days)
        n_calls = np.bincount(pairs["pos"].to_numpy(dtype=np.int64), minlength=n)
    if {"customer_id", "created_at"} <= set(feedback.columns):
        pairs = reviews_in_window(resp, feedback, window_days)
        n_reviews = np.bincount(pairs["pos"].to_numpy(dtype=np.int64), minlength=n)
    text = has_text.to_numpy()
    with_calls = n_calls > 0
    coverage = np.select(
        [text & with_calls, text, with_calls], list(COVERAGE[:3]), default=COVERAGE[3]
    )
    out = resp.assign(has_text=text, calls=n_calls, reviews=n_reviews, coverage=coverage)
    return out[LINK_COLUMNS]


def coverage_report(linked: pd.DataFrame) -> pd.DataFrame:
    """Responses (and share) with text and calls / text only / calls only / neither.

    ``df.attrs['with_reviews']`` counts responses with at least one review in the window.
    """
    n = len(linked)
    counts = linked["coverage"].value_counts().reindex(list(COVERAGE), fill_value=0)
    out = pd.DataFrame(
        {
            "coverage": list(COVERAGE),
            "responses": counts.to_numpy(dtype=np.int64),
            "share": counts.to_numpy(dtype=float) / n if n else np.nan,
        }
    )
    out.attrs["with_reviews"] = int((linked["reviews"] > 0).sum()) if n else 0
    out.attrs["responses"] = n
    return out


def with_context(responses: pd.DataFrame, feedback: pd.DataFrame | None = None) -> pd.DataFrame:
    """``responses`` plus ``source`` and ``language`` columns to group metrics by.

    ``source`` is 'call' when the score was spoken in a call (``call_id`` set), else
    'survey'; ``language`` is the language of the respondent's own comment (from
    ``feedback``), '(no comment)' when there is none.  Use with
    ``metrics_table(with_context(r, fb), by="language")``.
    """
    out = responses.copy()
    call_id = out["call_id"] if "call_id" in out.columns else pd.Series(None, index=out.index)
    out["source"] = np.where(call_id.notna(), "call", "survey")
    lang = pd.Series("(no comment)", index=out.index, dtype=object)
    if feedback is not None and {"source", "source_id", "language"} <= set(feedback.columns):
        fb = feedback[feedback["source"] == "survey"].drop_duplicates("source_id", keep="last")
        by_id = pd.Series(fb["language"].to_numpy(), index=fb["source_id"].astype(str).to_numpy())
        found = out["response_id"].astype(str).map(by_id)
        lang = found.astype(object).where(found.notna(), "(no comment)")
    out["language"] = lang.to_numpy()
    return out
