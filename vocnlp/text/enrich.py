"""The text enrichment stage: feedback rows in, language/sentiment columns and mentions out.

For each text: :func:`~vocnlp.text.clean.clean_text` → language id → sentences (and
contrastive clauses) → every *unique* sentence of the batch is embedded once → sentence
sentiment, topics and intents.  A feedback row gets the document sentiment and
``enriched_with``, the model versions.  Document probabilities mix the mean of its sentences'
probabilities (weighted by length and polarity, later sentences a bit more) with, for texts of
several sentences, the sentiment of the whole text embedded at once (``document_weight``,
0.5): long reviews read better whole.  With ``polarity_weight`` > 0 the whole-text view of
English texts also gets the word n-gram review polarity model's log-odds
(:mod:`vocnlp.text.polarity`; off by default).  ``score = p_pos - p_neg``.  Each topic or
intent found in a row gives one ``mentions`` row (``kind``, ``label``, ``score``) carrying the
sentence with the strongest evidence and that sentence's sentiment.

Speed: identical sentences of a batch are analysed once, embeddings run in batches, and
with ``cache_dir`` set every sentence embedding (and every probability row of a sentiment
backend that reads text, such as ``hf``) is kept in a persistent cache keyed by text hash and
model version (:mod:`vocnlp.text.cache`), so a re-run over unchanged text does no model work;
:attr:`EnrichResult.stats` counts what was computed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from vocnlp.errors import ConfigError, InputError
from vocnlp.schema import SENTIMENT_LABELS, columns
from vocnlp.text.backends import get_embedder
from vocnlp.text.cache import cached_vectors, get_cache
from vocnlp.text.clean import clean_text
from vocnlp.text.intents import detect_intents, load_intents
from vocnlp.text.langid import LangResult, detect_languages, lingua_version
from vocnlp.text.options import EnrichOptions
from vocnlp.text.polarity import blend_polarity, load_polarity, polarity_version
from vocnlp.text.ro_diacritics import has_diacritics, load_table, restore_diacritics, table_version
from vocnlp.text.segment import split_sentences
from vocnlp.text.sentiment import (
    SENTIMENT_BACKENDS,
    SentimentResult,
    get_sentiment_backend,
    result_from_probs,
    sentiment_version,
)
from vocnlp.text.topics import get_topic_model, load_taxonomy

log = logging.getLogger(__name__)

ENRICH_VERSION = "text-3"
"""Version of this stage's logic; bump when outputs change for the same models."""
MENTION_COLUMNS = [c for c in columns("mentions") if c != "run_id"]
FEEDBACK_COLUMNS = ("language", "language_flag", "sentiment", "sentiment_score", "enriched_with")
Progress = Callable[[int, int], None]


@dataclass
class EnrichResult:
    """Output of :func:`enrich`."""

    feedback: pd.DataFrame
    """The input rows with language, language_flag, sentiment, sentiment_score, enriched_with."""
    mentions: pd.DataFrame
    """One row per (feedback_id, kind, label): the ``mentions`` table without run_id."""
    versions: dict[str, str]
    """Role -> model version (also joined into ``enriched_with``)."""
    stats: EnrichStats = field(default_factory=lambda: EnrichStats())
    """What was computed and what came from the cache."""


@dataclass
class EnrichStats:
    """Work counts of one :func:`enrich` call."""

    texts: int = 0
    """Rows analysed."""
    sentences: int = 0
    """Sentences (and clauses) over all rows."""
    unique_sentences: int = 0
    """Distinct sentences: each is analysed once."""
    embedded: int = 0
    """Sentences the embedding model had to run on (the rest came from the cache)."""
    sentiment_computed: int = 0
    """Sentences a text-reading sentiment model (hf) had to run on."""


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
    return {
        "enrich": ENRICH_VERSION,
        "embeddings": get_embedder(opts.embeddings).version,
        "language_id": lingua_version() + opts.langid.version(),
        "sentiment": sentiment_version(
            opts.sentiment_backend,
            anchors=opts.sentiment_anchors,
            head=opts.sentiment_head,
            tuned=opts.sentiment_tuned,
            model=opts.sentiment_model,
        ),
        "topics": f"taxonomy-{load_taxonomy(opts.taxonomy).digest[:10]}",
        "intents": load_intents(opts.intents).version,
        **({"polarity": polarity_version(opts.polarity_model)} if _polarity_on(opts) else {}),
        **({"ro_diacritics": table_version(opts.ro_diacritics)} if _restoring(opts) else {}),
    }


def _restoring(opts: EnrichOptions) -> bool:
    return opts.restore_diacritics and "ro" in opts.languages


def _polarity_on(opts: EnrichOptions) -> bool:
    return opts.polarity_weight > 0 and opts.document_weight > 0


def versions_string(versions: dict[str, str]) -> str:
    """The ``enriched_with`` value: ``role=version`` pairs joined by ``;``."""
    return ";".join(f"{role}={version}" for role, version in versions.items())


def _sentiment_backend(opts: EnrichOptions, embedder: Any) -> Any:
    return get_sentiment_backend(
        opts.sentiment_backend,
        anchors=opts.sentiment_anchors,
        embedder=embedder,
        cache_dir=opts.cache_dir,
        head=opts.sentiment_head,
        tuned=opts.sentiment_tuned,
        model=opts.sentiment_model,
        device=opts.device,
        batch_size=opts.sentiment_batch_size,
        labels=opts.sentiment_labels,
    )


def _analyze(
    texts: Sequence[Any],
    opts: EnrichOptions,
    progress: Progress | None,
    stats: EnrichStats | None = None,
) -> tuple[list[_Doc], list[_Sentence]]:
    cleaned = [clean_text(t, opts.clean) for t in texts]
    langs = detect_languages(cleaned, opts.languages, opts.default_language, opts.langid)
    unique: dict[str, int] = {}
    docs: list[_Doc] = []
    table = load_table(opts.ro_diacritics)[0] if _restoring(opts) else None
    analysed: dict[str, str] = {}  # what the models read, where it differs from the text
    model_texts = list(cleaned)
    for index, (text, lang) in enumerate(zip(cleaned, langs, strict=True)):
        sentences: list[str] = []
        if lang.flag != "empty":
            sentences = split_sentences(
                text, lang.language, clauses=opts.split_clauses, max_chars=opts.max_sentence_chars
            )
        if table is not None and lang.language == "ro" and not has_diacritics(text):
            model_texts[index] = restore_diacritics(text, table)
            analysed.update({s: restore_diacritics(s, table) for s in sentences})
        docs.append(_Doc(lang, [unique.setdefault(s, len(unique)) for s in sentences], None))
    texts_u = list(unique)
    stats = stats if stats is not None else EnrichStats()
    stats.texts = len(docs)
    stats.sentences = sum(len(d.sentences) for d in docs)
    stats.unique_sentences = len(texts_u)
    embedder = get_embedder(opts.embeddings)
    sentiment = _sentiment_backend(opts, embedder)
    cache = get_cache(opts.cache_dir if opts.persistent_cache else None)
    emb_space = f"emb:{embedder.version}:query"
    sent_space = f"sentiment:{sentiment.version}"
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
        inputs = [analysed.get(t, t) for t in chunk]
        emb, computed = cached_vectors(
            cache, emb_space, inputs, lambda t: embedder.embed(t, kind="query")
        )
        stats.embedded += computed
        if sentiment.needs_text:
            probs32, computed = cached_vectors(
                cache, sent_space, inputs, lambda t: sentiment.probabilities(None, t)
            )
            probs = probs32.astype(np.float64)
            stats.sentiment_computed += computed
        else:
            probs = sentiment.probabilities(emb)
        results = [result_from_probs(row) for row in probs]
        topics = topic_model.assign(emb, inputs)
        intents = detect_intents(chunk, results, intent_set)
        for i, text in enumerate(chunk):
            units.append(_Sentence(text, results[i], probs[i], topics[i], intents[i]))
        if progress is not None:
            progress(min(start + len(chunk), total), total)
    whole = _document_probs(model_texts, docs, opts, embedder, sentiment, cache, stats)
    for index, doc in enumerate(docs):
        if doc.sentences:
            probs = _sentence_mean([units[i] for i in doc.sentences])
            if index in whole:
                w = opts.document_weight
                probs = (1.0 - w) * probs + w * whole[index]
            doc.sentiment = result_from_probs(probs)
    log.debug("enriched %d texts, %d unique sentences", len(docs), total)
    return docs, units


def _sentence_mean(units: list[_Sentence]) -> np.ndarray:
    """Document probabilities from its sentences: weighted by length and by how polar each
    sentence is (neutral filler counts less), later sentences (the verdict) a bit more."""
    stacked = np.stack([u.probs for u in units])
    lengths = np.array([len(u.text) for u in units], dtype=np.float64)
    polar = 1.0 - stacked[:, SENTIMENT_LABELS.index("neutral")] + 0.05
    weights = lengths * polar * np.linspace(1.0, 2.0, len(units))
    return np.asarray(weights @ stacked / weights.sum())


def _document_probs(
    cleaned: list[str],
    docs: list[_Doc],
    opts: EnrichOptions,
    embedder: Any,
    sentiment: Any,
    cache: Any,
    stats: EnrichStats,
) -> dict[int, np.ndarray]:
    """Sentiment of the whole text of every multi-sentence document (index -> probs)."""
    if opts.document_weight <= 0:
        return {}
    index = {i: cleaned[i][: opts.max_document_chars] for i, d in enumerate(docs)}
    index = {i: t for i, t in index.items() if len(set(docs[i].sentences)) > 1}
    texts = list(dict.fromkeys(index.values()))
    if not texts:
        return {}
    if sentiment.needs_text:
        probs, computed = cached_vectors(
            cache,
            f"sentiment:{sentiment.version}",
            texts,
            lambda t: sentiment.probabilities(None, t),
        )
        stats.sentiment_computed += computed
    else:
        emb, computed = cached_vectors(
            cache, f"emb:{embedder.version}:query", texts, lambda t: embedder.embed(t, kind="query")
        )
        stats.embedded += computed
        probs = sentiment.probabilities(emb)
    row = {text: np.asarray(p, dtype=np.float64) for text, p in zip(texts, probs, strict=True)}
    whole = {i: row[t] for i, t in index.items()}
    if _polarity_on(opts):
        model = load_polarity(opts.polarity_model)
        polar = [i for i in whole if docs[i].lang.language in model.languages]
        if polar:
            odds = model.log_odds([index[i] for i in polar])
            mixed = blend_polarity(np.stack([whole[i] for i in polar]), odds, opts.polarity_weight)
            whole.update(zip(polar, mixed, strict=True))
    return whole


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
    stats = EnrichStats()
    docs, units = _analyze(list(feedback["text"]), opts, progress, stats)
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
    return EnrichResult(out, mentions, versions, stats)


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
    "EnrichStats",
    "classify_texts",
    "enrich",
    "model_versions",
    "versions_string",
]
