"""NPS drivers: which topics in survey comments pull NPS down or up, by how much, how surely.

**Impact** of a topic = overall NPS minus the NPS of the respondents who did *not* mention
it, in NPS points.  Negative impact means the topic pulls NPS down: without its mentioners
NPS would be higher by ``-impact`` points.  Equivalently impact = mention_rate x nps_diff,
where nps_diff = NPS of mentioners - NPS of the others, so it weighs how different the
mentioners are by how many they are.  The impact CI is a percentile bootstrap over
respondents (1000 resamples by default, seeded, so the same data give the same table).
The impact is an association, not a causal effect: a topic that unhappy customers bring
up for other reasons also shows a negative impact.

Joins: a response's comment is the ``feedback`` row with ``source == 'survey'`` and
``source_id == response_id`` (excluded feedback, ``excluded_reason`` not null, is left
out); its topics are the ``mentions`` of that feedback with ``kind == 'topic'``.  The unit
is the scored response (a respondent): responses without an NPS answer are not used.
"""

from __future__ import annotations

import logging
import warnings
from typing import Any

import numpy as np
import pandas as pd

from vocnlp.analytics.metrics import _check_range, _numeric
from vocnlp.errors import EmptyDataError, InputError

log = logging.getLogger(__name__)

DRIVER_COLUMNS = [
    "topic",
    "mentions",
    "mention_rate",
    "nps_mentioners",
    "nps_others",
    "nps_diff",
    "impact",
    "impact_ci_low",
    "impact_ci_high",
    "negative_share",
    "mean_sentiment",
    "low_support",
    "rank",
]
_BOOT_CELLS = 4_000_000  # resamples x respondents held in memory at once


def _require(frame: pd.DataFrame, name: str, cols: tuple[str, ...]) -> None:
    missing = [c for c in cols if c not in frame.columns]
    if missing:
        raise InputError(f"{name} lack the column(s) {', '.join(missing)} needed for drivers")


def _respondents(responses: pd.DataFrame) -> tuple[pd.Index, np.ndarray]:
    """Response ids with an NPS answer and their category: +1 promoter, 0 passive, -1 detractor."""
    _require(responses, "responses", ("response_id", "nps"))
    score = _numeric(responses["nps"], "NPS")
    keep = score.notna().to_numpy()
    ids = pd.Index(responses["response_id"].astype(str).to_numpy()[keep])
    values = score.to_numpy()[keep]
    if values.size == 0:
        raise EmptyDataError("no responses with an NPS answer to compute drivers from")
    _check_range(values, 0, 10, "NPS")
    if ids.has_duplicates:
        first = ~ids.duplicated(keep="last")
        log.warning("%d duplicate response_id rows; keeping the last", int((~first).sum()))
        ids, values = ids[first], values[first]
    cat = np.where(values >= 9, 1.0, np.where(values <= 6, -1.0, 0.0))
    return ids, cat


def _topic_mentions(
    ids: pd.Index, mentions: pd.DataFrame, feedback: pd.DataFrame, by_sentiment: bool
) -> pd.DataFrame:
    """One row per (respondent position, topic key) with the mention's sentiment fields."""
    _require(feedback, "feedback", ("feedback_id", "source", "source_id"))
    _require(mentions, "mentions", ("feedback_id", "kind", "label"))
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


def _bootstrap_impact(
    cat: np.ndarray, mentioned: np.ndarray, n_boot: int, confidence: float, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Percentile CI of every topic's impact, resampling respondents with replacement.

    Each resample is a row of multiplicities ``W`` (how often each respondent was drawn),
    so all topics and resamples in a block are two matrix products; blocks only bound
    memory (``_BOOT_CELLS``), they are not a loop over single resamples.
    """
    n, k = mentioned.shape
    rng = np.random.default_rng(seed)
    x = mentioned.astype(np.float64)
    xc = x * cat[:, None]
    block = max(1, min(n_boot, _BOOT_CELLS // n))
    impacts = np.empty((n_boot, k))
    for start in range(0, n_boot, block):
        b = min(block, n_boot - start)
        draws = rng.integers(0, n, size=(b, n))
        offsets = (np.arange(b) * n)[:, None]
        w = np.bincount((draws + offsets).ravel(), minlength=b * n).reshape(b, n).astype(float)
        total = w @ cat  # (b,) sum of categories in each resample
        n_men = w @ x  # (b, k) mentioners drawn
        s_men = w @ xc  # (b, k) their category sum
        with np.errstate(divide="ignore", invalid="ignore"):
            nps_others = 100.0 * (total[:, None] - s_men) / (n - n_men)
        impacts[start : start + b] = 100.0 * total[:, None] / n - nps_others
    impacts[~np.isfinite(impacts)] = np.nan
    alpha = (1.0 - confidence) / 2.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN topic columns
        lo, hi = np.nanpercentile(impacts, [100 * alpha, 100 * (1 - alpha)], axis=0)
    return lo, hi


def driver_table(
    responses: pd.DataFrame,
    mentions: pd.DataFrame,
    feedback: pd.DataFrame,
    min_support: int = 30,
    *,
    by_sentiment: bool = False,
    n_boot: int = 1000,
    confidence: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """Topic drivers of NPS, most harmful first (see the module doc for the definitions).

    Columns:
        topic: taxonomy label (``label:sentiment`` with ``by_sentiment=True``; mentions
            without a sentiment label are then left out).
        mentions: respondents whose comment mentions the topic.
        mention_rate: mentions / scored respondents (0-1).
        nps_mentioners, nps_others: NPS of respondents who did / did not mention it.
        nps_diff: nps_mentioners - nps_others.
        impact: overall NPS - nps_others (= mention_rate x nps_diff); negative means the
            topic pulls NPS down.
        impact_ci_low, impact_ci_high: percentile bootstrap CI of impact (``n_boot``
            resamples of respondents, ``confidence`` level, ``seed``).
        negative_share: share of the topic's mentions (with a sentiment label) that are
            negative.
        mean_sentiment: mean mention ``sentiment_score``.
        low_support: mentions < ``min_support``; such rows are kept but not ranked.
        rank: 1..k by impact ascending among supported rows; NaN for low-support rows.

    ``df.attrs`` carries ``nps`` (overall NPS), ``n`` (scored respondents) and ``impact``
    (the definition, for reports).  Raises EmptyDataError when no response has an NPS
    answer; returns an empty table (those columns) when no comment mentions a topic.
    """
    if not 0.0 < confidence < 1.0:
        raise InputError(f"confidence must be between 0 and 1 (exclusive), got {confidence}")
    if n_boot < 1:
        raise InputError(f"n_boot must be at least 1, got {n_boot}")
    ids, cat = _respondents(responses)
    n = cat.size
    overall = 100.0 * float(cat.mean())
    attrs: dict[str, Any] = {
        "nps": overall,
        "n": n,
        "impact": "overall NPS minus NPS without the topic's mentioners (NPS points)",
    }
    m = _topic_mentions(ids, mentions, feedback, by_sentiment)
    if m.empty:
        log.info("no topic mentions joined to %d scored responses", n)
        out = pd.DataFrame(columns=DRIVER_COLUMNS)
        out.attrs.update(attrs)
        return out
    codes, topics = pd.factorize(m["topic"], sort=True)
    mentioned = np.zeros((n, len(topics)), dtype=bool)
    mentioned[m["pos"].to_numpy(), codes] = True

    count = mentioned.sum(axis=0)
    s_men = cat @ mentioned
    with np.errstate(divide="ignore", invalid="ignore"):
        nps_men = 100.0 * s_men / count
        nps_oth = 100.0 * (cat.sum() - s_men) / (n - count)
    lo, hi = _bootstrap_impact(cat, mentioned, n_boot, confidence, seed)

    sentiment = m["sentiment"].astype(object)
    per_topic = (
        m.assign(
            _neg=(sentiment == "negative").astype(float).where(sentiment.notna()),
        )
        .groupby("topic")[["_neg", "sentiment_score"]]
        .mean()
        .reindex(topics)
    )
    out = pd.DataFrame(
        {
            "topic": np.asarray(topics, dtype=object),
            "mentions": count.astype(int),
            "mention_rate": count / n,
            "nps_mentioners": nps_men,
            "nps_others": nps_oth,
            "nps_diff": nps_men - nps_oth,
            "impact": overall - nps_oth,
            "impact_ci_low": lo,
            "impact_ci_high": hi,
            "negative_share": per_topic["_neg"].to_numpy(dtype=float),
            "mean_sentiment": per_topic["sentiment_score"].to_numpy(dtype=float),
            "low_support": count < min_support,
        }
    )
    out = out.sort_values(["impact", "topic"], kind="stable", na_position="last")
    supported = ~out["low_support"]
    out["rank"] = np.nan
    out.loc[supported, "rank"] = np.arange(1, int(supported.sum()) + 1, dtype=float)
    out = out.reset_index(drop=True)[DRIVER_COLUMNS]
    out.attrs.update(attrs)
    return out
