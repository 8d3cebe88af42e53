"""Review polarity: a word n-gram model that sharpens the sentiment of long English texts.

A fine-tuned encoder reads a long review through a 256-token window and one pooled vector;
a bag of word uni- and bigrams (TF-IDF, logistic regression) weighs every word of it.  The
two err differently, so adding the n-gram model's positive-vs-negative log-odds to the
encoder's (neutral probability kept as it is) can help long reviews (it did with the
previous ``tuned`` model; with the current one held-back rows favour leaving it off, the
default).  On short CX sentences it does not help (it learnt movie and drug reviews) and it
would make English disagree with the same sentence in ru/uk/ro, so
:mod:`vocnlp.text.enrich` applies it only to the whole-text view of multi-sentence texts in
the model's languages, when ``EnrichOptions.polarity_weight`` > 0.

The model (``models/polarity_en.npz``) is trained by :mod:`vocnlp.text.train_polarity`; its
card (``polarity_en.md``) lists the data and held-out figures.  Scoring needs scikit-learn's
``CountVectorizer`` and scipy only: the vocabulary, IDF weights and coefficients are plain
arrays, so the file has no pickle in it.
"""

from __future__ import annotations

import hashlib
import io
import json
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from vocnlp.config import MODELS_DIR
from vocnlp.errors import ConfigError
from vocnlp.schema import SENTIMENT_LABELS

POLARITY_FILE = "polarity_en.npz"
NGRAM_RANGE = (1, 2)


class PolarityModel:
    """Positive-vs-negative log-odds of a text from its word uni- and bigrams."""

    def __init__(self, arrays: dict[str, np.ndarray], digest: str) -> None:
        vocab = bytes(arrays["vocabulary"].tobytes()).decode("utf-8").split("\n")
        self.idf = arrays["idf"].astype(np.float64)
        self.coef = arrays["coef"].astype(np.float64)
        self.intercept = float(arrays["intercept"])
        if not len(vocab) == len(self.idf) == len(self.coef):
            raise ConfigError(
                f"polarity model: {len(vocab)} words but {len(self.idf)} IDF weights and "
                f"{len(self.coef)} coefficients; retrain with python -m vocnlp.text.train_polarity"
            )
        self.languages = tuple(str(arrays["languages"].tobytes().decode("utf-8")).split(","))
        self.version = f"polarity-{digest[:12]}"
        self._vocab = vocab
        self._vectorizer: Any = None
        self._lock = threading.Lock()

    def _counts(self, texts: list[str]) -> Any:
        with self._lock:
            if self._vectorizer is None:
                from sklearn.feature_extraction.text import CountVectorizer

                self._vectorizer = CountVectorizer(
                    vocabulary={w: i for i, w in enumerate(self._vocab)}, ngram_range=NGRAM_RANGE
                )
            return self._vectorizer.transform(texts)

    def features(self, texts: list[str]) -> Any:
        """L2-normalised sublinear TF-IDF rows (what ``TfidfVectorizer`` computes)."""
        from sklearn.preprocessing import normalize

        x = self._counts(texts).astype(np.float64)
        x.data = 1.0 + np.log(x.data)
        return normalize(x.multiply(self.idf).tocsr())

    def log_odds(self, texts: list[str]) -> np.ndarray:
        """log P(positive) / P(negative) per text (0 for a text with no known word)."""
        if not texts:
            return np.zeros(0)
        x = self.features(texts)
        known = np.asarray(x.getnnz(axis=1)) > 0
        return np.where(known, x @ self.coef + self.intercept, 0.0)


def polarity_path(path: Path | str | None = None) -> Path:
    """The model file: ``path`` or the bundled ``models/polarity_en.npz``."""
    return Path(path) if path is not None else MODELS_DIR / POLARITY_FILE


def _existing(path: Path | str | None) -> Path:
    file = polarity_path(path)
    if not file.is_file():
        raise ConfigError(
            f"polarity model {file} not found; set polarity_weight = 0 or train one with "
            "python -m vocnlp.text.train_polarity --wheels DIR"
        )
    return file


@lru_cache(maxsize=4)
def load_polarity(path: Path | str | None = None) -> PolarityModel:
    """The polarity model at ``path`` (bundled one by default), loaded once per process."""
    file = _existing(path)
    data = file.read_bytes()
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as npz:
            arrays = {k: npz[k] for k in npz.files}
        return PolarityModel(arrays, hashlib.sha256(data).hexdigest())
    except (OSError, ValueError, KeyError) as exc:
        raise ConfigError(f"polarity model {file} is unreadable ({exc}); retrain it") from exc


def polarity_version(path: Path | str | None = None) -> str:
    """Version string of the model at ``path`` (hashes the file, does not load it)."""
    return f"polarity-{hashlib.sha256(_existing(path).read_bytes()).hexdigest()[:12]}"


def save_polarity(
    path: Path,
    vocabulary: list[str],
    idf: np.ndarray,
    coef: np.ndarray,
    intercept: float,
    languages: tuple[str, ...],
    meta: dict[str, Any],
) -> None:
    """Write the model (``.npz``, no pickle) and its metadata (``.json``)."""
    if any("\n" in w for w in vocabulary):
        raise ConfigError("polarity vocabulary entries must not contain newlines")
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        path,
        vocabulary=np.frombuffer("\n".join(vocabulary).encode("utf-8"), dtype=np.uint8),
        idf=np.asarray(idf, dtype=np.float32),
        coef=np.asarray(coef, dtype=np.float32),
        intercept=np.float64(intercept),
        languages=np.frombuffer(",".join(languages).encode("utf-8"), dtype=np.uint8),
    )
    path.with_suffix(".json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def blend_polarity(probs: np.ndarray, log_odds: np.ndarray, weight: float) -> np.ndarray:
    """Add ``weight * log_odds`` to the positive-vs-negative log-odds of ``probs`` (n, 3).

    The neutral probability is kept: the n-gram model only says which way a polar text
    leans, not whether it has an opinion at all.
    """
    probs = np.asarray(probs, dtype=np.float64)
    if weight == 0 or len(probs) == 0:
        return probs
    neg, neu, pos = (SENTIMENT_LABELS.index(k) for k in ("negative", "neutral", "positive"))
    eps = 1e-12
    z = np.log(probs[:, pos] + eps) - np.log(probs[:, neg] + eps) + weight * log_odds
    share = 1.0 / (1.0 + np.exp(-np.clip(z, -50.0, 50.0)))
    out = probs.copy()
    polar = 1.0 - probs[:, neu]
    out[:, pos] = polar * share
    out[:, neg] = polar * (1.0 - share)
    return out


__all__ = [
    "POLARITY_FILE",
    "PolarityModel",
    "blend_polarity",
    "load_polarity",
    "polarity_path",
    "polarity_version",
    "save_polarity",
]
