"""Settings: defaults, vocnlp.toml, VOCNLP_* environment, explicit overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from vocnlp.config import Settings, load_profile, load_settings
from vocnlp.errors import ConfigError


def test_defaults() -> None:
    s = Settings()
    assert s.warehouse == Path("voc.duckdb")
    assert s.languages == ("en", "ru", "uk", "ro")
    assert s.profile == "offline"


def test_file_then_env_then_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = tmp_path / "vocnlp.toml"
    cfg.write_text('[vocnlp]\nwarehouse = "a.duckdb"\nmin_support = 10\nlanguages = ["en", "uk"]\n')
    monkeypatch.setenv("VOCNLP_MIN_SUPPORT", "20")
    s = load_settings(cfg, warehouse=Path("b.duckdb"))
    assert s.warehouse == Path("b.duckdb")
    assert s.min_support == 20
    assert s.languages == ("en", "uk")


def test_env_language_list(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("VOCNLP_LANGUAGES", "ro, uk")
    monkeypatch.setenv("VOCNLP_DEFAULT_LANGUAGE", "ro")
    assert load_settings().languages == ("ro", "uk")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("colour = 1", "unknown setting 'colour'"),
        ("min_support = 'many'", "expected a whole number"),
        ("device = 'tpu'", "use auto, cpu or cuda"),
        ("default_language = 'de'", "is not in languages"),
        ("min_support = [", "not valid TOML"),
    ],
)
def test_bad_config_names_the_problem(tmp_path: Path, text: str, message: str) -> None:
    cfg = tmp_path / "vocnlp.toml"
    cfg.write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_settings(cfg)


def test_profiles() -> None:
    assert load_profile("offline")["speech"]["model"] == "packaged:whisper-base"
    with pytest.raises(ConfigError, match=r"available: .*offline"):
        load_profile("nope")
