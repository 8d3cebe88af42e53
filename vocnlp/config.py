"""Settings: defaults < ``vocnlp.toml`` < ``VOCNLP_*`` environment < explicit overrides.

Every key is a field of :class:`Settings`; the README lists them.  Model choices come from a
profile file ``models/<profile>.toml`` (or a path), read by :func:`load_profile`.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vocnlp.errors import ConfigError

PACKAGE_ROOT = Path(__file__).resolve().parent
# Profiles, the taxonomy and trained heads live in the repository's top-level models/;
# a wheel carries them as vocnlp/_models (see pyproject force-include).
MODELS_DIR = next(
    (p for p in (PACKAGE_ROOT / "_models", PACKAGE_ROOT.parent / "models") if p.is_dir()),
    PACKAGE_ROOT.parent / "models",
)


def default_cache_dir() -> Path:
    """Where assembled model files and caches live (``VOCNLP_CACHE_DIR`` overrides)."""
    env = os.environ.get("VOCNLP_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "vocnlp"


def check_languages(languages: str | tuple[str, ...] | list[str], default: str) -> tuple[str, ...]:
    """Languages as a tuple (a comma-separated string is split); the default must be one."""
    if isinstance(languages, str):
        languages = [x.strip() for x in languages.split(",") if x.strip()]
    codes = tuple(languages)
    if not codes:
        raise ConfigError("languages: give at least one language code, e.g. en,ru,uk,ro")
    if default not in codes:
        raise ConfigError(f"default_language={default!r} is not in languages={','.join(codes)}")
    return codes


@dataclass
class Settings:
    """Run settings.  Paths are relative to the working directory."""

    warehouse: Path = Path("voc.duckdb")
    """DuckDB file of the warehouse."""
    inbox: Path = Path("inbox")
    """Folder with surveys.csv, reviews.csv|json, social.jsonl, customers.csv, calls/."""
    report: Path = Path("voc_report.html")
    """Where the HTML report is written."""
    languages: tuple[str, ...] = ("en", "ru", "uk", "ro")
    """ISO 639-1 codes feedback may be in; language id is restricted to these."""
    default_language: str = "en"
    """Used when language detection is unsure (the record is flagged)."""
    profile: str = "offline"
    """Model profile: a name in models/*.toml or a path to a TOML file."""
    device: str = "auto"
    """auto | cpu | cuda."""
    compute_type: str = "auto"
    """auto (cuda: float16, cpu: int8) or any CTranslate2 compute type."""
    call_window_days: int = 30
    """Calls this many days before a survey answer are linked to it."""
    min_support: int = 30
    """Drivers with fewer mentioners than this are flagged as low support."""
    alert_window_days: int = 2
    """Only records this many days before the newest one raise closed-loop alerts."""
    cache_dir: Path = field(default_factory=default_cache_dir)
    """Assembled model files and enrichment caches."""

    def __post_init__(self) -> None:
        self.warehouse = Path(self.warehouse)
        self.inbox = Path(self.inbox)
        self.report = Path(self.report)
        self.cache_dir = Path(self.cache_dir)
        self.languages = check_languages(self.languages, self.default_language)
        if self.device not in ("auto", "cpu", "cuda"):
            raise ConfigError(f"device={self.device!r}: use auto, cpu or cuda")
        for name in ("call_window_days", "min_support", "alert_window_days"):
            value = int(getattr(self, name))
            if value < 0:
                raise ConfigError(f"{name}={value}: must be >= 0")
            setattr(self, name, value)

    def replace(self, **overrides: Any) -> Settings:
        """A copy with the non-None overrides applied (and validated)."""
        given = {k: v for k, v in overrides.items() if v is not None}
        return dataclasses.replace(self, **given)


def _coerce(name: str, raw: Any) -> Any:
    types = {f.name: f.type for f in dataclasses.fields(Settings)}
    if name not in types:
        known = ", ".join(sorted(types))
        raise ConfigError(f"unknown setting {name!r}; known settings: {known}")
    kind = str(types[name])
    try:
        if "int" in kind and not isinstance(raw, int):
            return int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name}={raw!r}: expected a whole number") from exc
    return raw


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Build settings from ``vocnlp.toml`` (or ``config_file``), the environment and overrides."""
    values: dict[str, Any] = {}
    path = config_file or Path(os.environ.get("VOCNLP_CONFIG", "vocnlp.toml"))
    if config_file is not None and not path.exists():
        raise ConfigError(f"{path}: config file not found")
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
        table = data.get("vocnlp", data)
        for key, raw in table.items():
            values[key] = _coerce(key, raw)
    for f in dataclasses.fields(Settings):
        env = os.environ.get(f"VOCNLP_{f.name.upper()}")
        if env is not None and f.name != "cache_dir":
            values[f.name] = _coerce(f.name, env)
    for key, raw in overrides.items():
        if raw is not None:
            values[key] = _coerce(key, raw)
    return Settings(**values)


def profile_path(profile: str) -> Path:
    """Path of a profile given by name (models/<name>.toml) or by file path."""
    candidate = Path(profile)
    if candidate.suffix == ".toml":
        if not candidate.exists():
            raise ConfigError(f"profile file {candidate} not found")
        return candidate
    path = MODELS_DIR / f"{profile}.toml"
    if not path.exists():
        names = sorted(p.stem for p in MODELS_DIR.glob("*.toml"))
        raise ConfigError(f"unknown profile {profile!r}; available: {', '.join(names)}")
    return path


def load_profile(profile: str) -> dict[str, Any]:
    """The model profile as a dict of sections (speech, text, ...)."""
    path = profile_path(profile)
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
