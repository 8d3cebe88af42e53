"""top_quotes: evidence first, strongest matching sentiment, languages round-robin."""

from __future__ import annotations

import pandas as pd
import pytest

from vocnlp.analytics import QUOTE_COLUMNS, top_quotes
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
