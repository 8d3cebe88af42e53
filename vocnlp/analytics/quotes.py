"""Quotes: the customers' own words behind a driver.

Selection today is rule-based: for one topic take its mentions, quote the mention's
``evidence`` sentence (or the whole feedback text when there is none), keep those whose
sentiment matches the driver's direction, order by strength of that sentiment and pick
round-robin across languages so one language does not fill the list.  Excluded feedback
(``excluded_reason`` not null), empty quotes and repeated quote texts are skipped.

Later: rank by embedding centrality (the quote closest to the centre of its topic's
mentions, via multilingual-e5 embeddings) so quotes are typical as well as strong; this
module keeps the same signature for that.

``sentiment_score`` is read as a signed polarity (negative below 0, positive above 0).
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from vocnlp.errors import InputError
from vocnlp.schema import SENTIMENT_LABELS

log = logging.getLogger(__name__)

QUOTE_COLUMNS = ["feedback_id", "source", "language", "text", "sentiment", "sentiment_score"]


def _strength(score: pd.Series, sentiment: str | None) -> pd.Series:
    """Larger = better match for the asked direction; missing scores rank last."""
    if sentiment == "negative":
        strength = -score
    elif sentiment == "positive":
        strength = score
    elif sentiment == "neutral":
        strength = -score.abs()
    else:
        strength = score.abs()
    return strength.fillna(-np.inf)


def _round_robin(candidates: pd.DataFrame, k: int) -> pd.DataFrame:
    """Take the best of each language in turn; languages ordered by their best candidate."""
    lang = candidates["language"].fillna("und")
    turn = candidates.groupby(lang, sort=False).cumcount()  # 0 = best of its language
    order = pd.DataFrame({"turn": turn, "pos": np.arange(len(candidates))})
    picked = order.sort_values(["turn", "pos"], kind="stable").index[:k]
    return candidates.loc[picked]


def top_quotes(
    feedback: pd.DataFrame,
    mentions: pd.DataFrame,
    topic: str,
    k: int = 3,
    sentiment: str | None = None,
) -> pd.DataFrame:
    """Up to ``k`` quotes for ``topic``, strongest first, diversified across languages.

    Args:
        feedback: rows of the ``feedback`` table (needs feedback_id, text; uses source,
            language, excluded_reason when present).
        mentions: rows of the ``mentions`` table; only ``kind == 'topic'`` rows with
            ``label == topic`` are used.
        topic: the taxonomy label (a driver's ``topic``; a ``label:sentiment`` key from
            ``driver_table(by_sentiment=True)`` is accepted and sets ``sentiment``).
        k: how many quotes at most.
        sentiment: 'negative' for a driver that pulls NPS down, 'positive' for one that
            lifts it, 'neutral', or None for the strongest of either sign.  When given,
            only mentions with that sentiment label are quoted.

    Returns columns feedback_id, source, language, text (the quote), sentiment,
    sentiment_score (of the mention).  Empty (same columns) when nothing qualifies.
    """
    if ":" in topic and topic.rsplit(":", 1)[1] in SENTIMENT_LABELS and sentiment is None:
        topic, sentiment = topic.rsplit(":", 1)
    if sentiment is not None and sentiment not in SENTIMENT_LABELS:
        raise InputError(f"sentiment must be one of {', '.join(SENTIMENT_LABELS)} or None")
    if k < 1:
        return pd.DataFrame(columns=QUOTE_COLUMNS)
    for name, frame, cols in (
        ("feedback", feedback, ("feedback_id", "text")),
        ("mentions", mentions, ("feedback_id", "kind", "label")),
    ):
        missing = [c for c in cols if c not in frame.columns]
        if missing:
            raise InputError(f"{name} lack the column(s) {', '.join(missing)} needed for quotes")

    m = mentions[(mentions["kind"] == "topic") & (mentions["label"] == topic)]
    m = m.reindex(columns=["feedback_id", "sentiment", "sentiment_score", "evidence"])
    if sentiment is not None:
        m = m[m["sentiment"] == sentiment]
    fb = feedback.reindex(columns=["feedback_id", "source", "language", "text", "excluded_reason"])
    fb = fb[fb["excluded_reason"].isna()]
    c = m.merge(fb, on="feedback_id", how="inner")
    if c.empty:
        return pd.DataFrame(columns=QUOTE_COLUMNS)

    evidence = c["evidence"].astype(object).where(c["evidence"].notna(), None)
    evidence = evidence.map(lambda s: s.strip() if isinstance(s, str) else "")
    text = c["text"].map(lambda s: s.strip() if isinstance(s, str) else "")
    c["text"] = evidence.where(evidence != "", text)
    c["sentiment_score"] = pd.to_numeric(c["sentiment_score"], errors="coerce").astype(float)
    c = c[c["text"] != ""]
    c = c.assign(_strength=_strength(c["sentiment_score"], sentiment))
    c = c.sort_values(["_strength", "feedback_id"], ascending=[False, True], kind="stable")
    c = c.drop_duplicates("text").reset_index(drop=True)
    if c.empty:
        return pd.DataFrame(columns=QUOTE_COLUMNS)
    return _round_robin(c, k)[QUOTE_COLUMNS].reset_index(drop=True)
