"""Synthetic surveys with planted topic effects (shared by the driver tests)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

EFFECTS = np.array([-3.0, -2.2, -1.6, -1.1, -0.7, -0.35, 0.0, 0.4, 0.8, 1.3, 1.8, 2.4])


@dataclass
class Planted:
    responses: pd.DataFrame
    mentions: pd.DataFrame
    feedback: pd.DataFrame
    effects: pd.Series  # score points per mention, by topic
    impacts: pd.Series  # expected impact on NPS (points), by topic
    rates: pd.Series


def _draw(n: int, rates: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    x = rng.random((n, rates.size)) < rates
    latent = rng.normal(7.4, 1.6, n) + x @ EFFECTS + rng.normal(0.0, 0.8, n)
    return x, np.clip(np.round(latent), 0, 10)


def _nps(score: np.ndarray) -> float:
    return 100.0 * float((score >= 9).mean() - (score <= 6).mean())


def expected_impacts(rates: np.ndarray, seed: int, n: int = 400_000) -> np.ndarray:
    """The population impacts of the generator, by a large Monte-Carlo draw."""
    x, score = _draw(n, rates, np.random.default_rng(seed + 10_000))
    overall = _nps(score)
    return np.array([overall - _nps(score[~x[:, j]]) for j in range(rates.size)])


def planted(n: int, seed: int) -> Planted:
    rng = np.random.default_rng(seed)
    k = EFFECTS.size
    rates = rng.uniform(0.06, 0.25, k)
    x, score = _draw(n, rates, rng)
    names = [f"t{j:02d}" for j in range(k)]
    ids = np.array([f"r{i}" for i in range(n)], dtype=object)
    responses = pd.DataFrame({"response_id": ids, "nps": pd.array(score, dtype="Int64")})
    feedback = pd.DataFrame(
        {
            "feedback_id": "survey:" + responses["response_id"],
            "source": "survey",
            "source_id": ids,
            "text": "comment",
            "excluded_reason": None,
        }
    )
    pos, topic = np.nonzero(x)
    negative = score[pos] <= 6
    mentions = pd.DataFrame(
        {
            "feedback_id": "survey:" + pd.Series(ids[pos]),
            "kind": "topic",
            "label": np.array(names, dtype=object)[topic],
            "sentiment": np.where(negative, "negative", "positive"),
            "sentiment_score": np.where(negative, -0.7, 0.6),
        }
    )
    return Planted(
        responses,
        mentions,
        feedback,
        pd.Series(EFFECTS, index=names),
        pd.Series(expected_impacts(rates, seed), index=names),
        pd.Series(rates, index=names),
    )
