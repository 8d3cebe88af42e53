"""Helpers shared by the YAML-driven text stages (taxonomy, anchors, intents)."""

from __future__ import annotations

import copy
import hashlib
import re
from pathlib import Path
from typing import Any

import yaml

from vocnlp.errors import ConfigError

_LANG_KEY = re.compile(r"^[a-z]{2,3}$")
_FOLD = str.maketrans(
    {
        "ș": "s", "ş": "s", "ț": "t", "ţ": "t", "ă": "a", "â": "a", "î": "i",
        "Ș": "S", "Ş": "S", "Ț": "T", "Ţ": "T", "Ă": "A", "Â": "A", "Î": "I",
        "ё": "е", "Ё": "Е", "’": "'", "ʼ": "'", "`": "'",
    }
)  # fmt: skip


def model_file(path: Path | str | None, default: str) -> Path:
    """A model/config file: ``path``; else a name inside ``models/``; None: ``models/<default>``."""
    from vocnlp.config import MODELS_DIR

    if path is None:
        return MODELS_DIR / default
    candidate = Path(path)
    if not candidate.exists() and not candidate.is_absolute() and (MODELS_DIR / candidate).exists():
        return MODELS_DIR / candidate
    return candidate


def fold(text: str) -> str:
    """Lower-case text with Romanian diacritics, ё and apostrophes folded (for matching)."""
    return text.translate(_FOLD).lower()


def fold_pattern(pattern: str) -> str:
    """A regex with the same letter folding as :func:`fold` (case is left to the flags)."""
    return pattern.translate(_FOLD)


_parsed: dict[tuple[str, int, int], tuple[dict[str, Any], str]] = {}


def read_yaml(path: Path, what: str) -> tuple[dict[str, Any], str]:
    """Parsed mapping and sha256 of a YAML file; ConfigError names the file on any problem.

    Parsed files are kept by (path, mtime, size), so calling the stage text by text does not
    re-parse the taxonomy each time; callers get their own copy.
    """
    try:
        stat = Path(path).stat()
        key = (str(Path(path).resolve()), stat.st_mtime_ns, stat.st_size)
    except OSError:
        key = None
    if key is not None and key in _parsed:
        data, digest = _parsed[key]
        return copy.deepcopy(data), digest
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: {what} file not found") from exc
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read {what} file: {exc}") from exc
    try:
        data = yaml.safe_load(raw.decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the {what} file must be a mapping at the top level")
    digest = hashlib.sha256(raw).hexdigest()
    if key is not None:
        _parsed[key] = (copy.deepcopy(data), digest)
    return data, digest


def check_keys(path: Path, where: str, value: dict[str, Any], allowed: set[str]) -> None:
    """Reject unknown keys (usually typos) with the file and the key in the message."""
    unknown = sorted(set(value) - allowed)
    if unknown:
        raise ConfigError(
            f"{path}: {where}: unknown key(s) {', '.join(unknown)}; "
            f"allowed: {', '.join(sorted(allowed))}"
        )


def lang_lists(
    path: Path, where: str, value: Any, *, required: bool = True
) -> dict[str, tuple[str, ...]]:
    """Validate ``{lang: [str, ...]}`` and return it with tuples."""
    if value is None and not required:
        return {}
    if not isinstance(value, dict) or (required and not value):
        raise ConfigError(f"{path}: {where}: expected a mapping of language code -> list of text")
    out: dict[str, tuple[str, ...]] = {}
    for lang, items in value.items():
        if not isinstance(lang, str) or not _LANG_KEY.match(lang):
            raise ConfigError(f"{path}: {where}: {lang!r} is not a language code like en or ro")
        if not isinstance(items, list) or not all(isinstance(x, str) and x.strip() for x in items):
            raise ConfigError(f"{path}: {where}.{lang}: expected a list of non-empty strings")
        out[lang] = tuple(x.strip() for x in items)
    if required and not any(out.values()):
        raise ConfigError(f"{path}: {where}: give at least one entry")
    return out


def number(path: Path, where: str, value: Any, low: float, high: float) -> float:
    """A float in [low, high] or a ConfigError naming the file and key."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(f"{path}: {where}: expected a number, got {value!r}")
    if not low <= float(value) <= high:
        raise ConfigError(f"{path}: {where}={value}: must be between {low} and {high}")
    return float(value)
