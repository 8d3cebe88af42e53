"""Intents of a sentence: complaint, praise, question, churn threat, escalation.

Rules live in ``models/intents.yaml`` (users extend them): regex ``patterns`` that mark an
intent on their own, ``cues`` that count only together with a sentence sentiment, an optional
``strong_sentiment`` level that marks it without words, and an ``unless`` sentiment veto.
Matching runs on :func:`vocnlp.text._util.fold`-ed text (lower case, Romanian diacritics,
ё and apostrophes folded), with every language's patterns tried on every sentence.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vocnlp.errors import ConfigError
from vocnlp.schema import SENTIMENT_LABELS
from vocnlp.text._util import (
    check_keys,
    fold,
    fold_pattern,
    lang_lists,
    model_file,
    number,
    read_yaml,
)
from vocnlp.text.sentiment import SentimentResult

log = logging.getLogger(__name__)

DEFAULT_INTENTS = "intents.yaml"
INTENT_FIELDS = {"description", "patterns", "cues", "sentiment", "strong_sentiment", "unless"}


@dataclass(frozen=True)
class IntentRule:
    """One intent's compiled rule."""

    key: str
    description: str
    patterns: re.Pattern[str] | None
    cues: re.Pattern[str] | None
    sentiment: str | None
    strong_sentiment: float | None
    unless: str | None

    def score(self, folded: str, sentiment: SentimentResult | None) -> float:
        """0 when the intent is absent, else its confidence in (0, 1]."""
        label = sentiment.label if sentiment is not None else None
        if self.unless is not None and label == self.unless:
            return 0.0
        if self.patterns is not None and self.patterns.search(folded):
            return 1.0
        if sentiment is None or self.sentiment is None or label != self.sentiment:
            return 0.0
        strength = _strength(self.sentiment, sentiment.score)
        if self.cues is not None and self.cues.search(folded):
            return round(0.5 + 0.5 * strength, 4)
        if self.strong_sentiment is not None and strength >= self.strong_sentiment:
            return round(strength, 4)
        return 0.0


def _strength(label: str, score: float) -> float:
    if label == "negative":
        return max(0.0, -score)
    if label == "positive":
        return max(0.0, score)
    return max(0.0, 1.0 - abs(score))


@dataclass(frozen=True)
class IntentSet:
    """A validated intents file."""

    path: Path
    digest: str
    rules: dict[str, IntentRule]

    @property
    def version(self) -> str:
        return f"intents-{self.digest[:10]}"


def _compile(file: Path, where: str, value: Any) -> re.Pattern[str] | None:
    groups = lang_lists(file, where, value, required=False)
    parts: list[str] = []
    for lang, patterns in groups.items():
        for pattern in patterns:
            folded = fold_pattern(pattern)
            try:
                re.compile(folded)
            except re.error as exc:
                raise ConfigError(f"{file}: {where}.{lang}: bad regex {pattern!r}: {exc}") from exc
            parts.append(f"(?:{folded})")
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def _label(file: Path, where: str, value: Any) -> str | None:
    if value is None:
        return None
    if value not in SENTIMENT_LABELS:
        raise ConfigError(f"{file}: {where}={value!r}: use one of {', '.join(SENTIMENT_LABELS)}")
    return str(value)


def _parse_rule(file: Path, key: Any, value: Any) -> IntentRule:
    if not isinstance(key, str) or not re.match(r"^[a-z][a-z0-9_]*$", key):
        raise ConfigError(f"{file}: intents: {key!r} is not a valid intent key")
    if not isinstance(value, dict):
        raise ConfigError(f"{file}: intents.{key}: expected a mapping")
    check_keys(file, f"intents.{key}", value, INTENT_FIELDS)
    strong = value.get("strong_sentiment")
    rule = IntentRule(
        key=key,
        description=str(value.get("description", "")),
        patterns=_compile(file, f"intents.{key}.patterns", value.get("patterns")),
        cues=_compile(file, f"intents.{key}.cues", value.get("cues")),
        sentiment=_label(file, f"intents.{key}.sentiment", value.get("sentiment")),
        strong_sentiment=None
        if strong is None
        else number(file, f"intents.{key}.strong_sentiment", strong, 0.0, 1.0),
        unless=_label(file, f"intents.{key}.unless", value.get("unless")),
    )
    if rule.patterns is None and rule.cues is None and rule.strong_sentiment is None:
        raise ConfigError(f"{file}: intents.{key}: give patterns, cues or strong_sentiment")
    if (rule.cues is not None or rule.strong_sentiment is not None) and rule.sentiment is None:
        raise ConfigError(f"{file}: intents.{key}: cues/strong_sentiment need `sentiment`")
    return rule


_loaded: dict[tuple[str, str], IntentSet] = {}
_loaded_lock = threading.Lock()


def intents_path(path: Path | str | None = None) -> Path:
    """The intents file: ``path``, a name inside ``models/``, or the default one."""
    return model_file(path, DEFAULT_INTENTS)


def load_intents(path: Path | str | None = None) -> IntentSet:
    """Read, validate and compile an intents YAML (cached per file content)."""
    file = intents_path(path)
    data, digest = read_yaml(file, "intents")
    with _loaded_lock:
        hit = _loaded.get((str(file), digest))
    if hit is not None:
        return hit
    check_keys(file, "top level", data, {"version", "intents"})
    raw = data.get("intents")
    if not isinstance(raw, dict) or not raw:
        raise ConfigError(f"{file}: intents: expected a non-empty mapping of intent -> rule")
    rules = {str(k): _parse_rule(file, k, v) for k, v in raw.items()}
    result = IntentSet(file, digest, rules)
    with _loaded_lock:
        _loaded[(str(file), digest)] = result
    return result


def detect_intents(
    texts: Sequence[str],
    sentiments: Sequence[SentimentResult | None] | None = None,
    intents: IntentSet | Path | str | None = None,
) -> list[list[tuple[str, float]]]:
    """Per sentence, the (intent, score) pairs found, best first."""
    rules = intents if isinstance(intents, IntentSet) else load_intents(intents)
    if sentiments is not None and len(sentiments) != len(texts):
        raise ValueError("detect_intents: texts and sentiments differ in length")
    out: list[list[tuple[str, float]]] = []
    for index, text in enumerate(texts):
        folded = fold(text.strip())
        sentiment = sentiments[index] if sentiments is not None else None
        found = [(key, rule.score(folded, sentiment)) for key, rule in rules.rules.items()]
        out.append(sorted([(k, s) for k, s in found if s > 0], key=lambda item: -item[1]))
    return out


__all__ = ["IntentRule", "IntentSet", "detect_intents", "intents_path", "load_intents"]
