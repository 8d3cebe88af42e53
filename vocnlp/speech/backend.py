"""faster-whisper / CTranslate2 plumbing: lazy imports, device choice, one model per process.

Nothing here is imported by ``import vocnlp``'s cheap path until a function is called.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from typing import Any

from vocnlp.errors import ConfigError, MissingExtraError, ModelNotFoundError

logger = logging.getLogger(__name__)

_PREFERRED_COMPUTE = {
    "cuda": ("float16", "int8_float16", "float32"),
    "cpu": ("int8", "int8_float32", "float32"),
}


def import_ctranslate2() -> Any:
    try:
        import ctranslate2
    except ImportError as exc:
        raise MissingExtraError("faster-whisper", "audio") from exc
    return ctranslate2


def import_faster_whisper() -> Any:
    try:
        import faster_whisper
        import faster_whisper.vad
    except ImportError as exc:
        raise MissingExtraError("faster-whisper", "audio") from exc
    return faster_whisper


def resolve_device(device: str = "auto", compute_type: str = "auto") -> tuple[str, str]:
    """The concrete (device, compute type): CUDA float16 when a GPU is visible, else CPU int8."""
    ct2 = import_ctranslate2()
    gpus = int(ct2.get_cuda_device_count())
    if device == "auto":
        device = "cuda" if gpus > 0 else "cpu"
    elif device == "cuda" and gpus == 0:
        raise ConfigError("device=cuda but CTranslate2 sees no CUDA GPU; use device=auto or cpu")
    if compute_type == "auto":
        supported = set(ct2.get_supported_compute_types(device))
        preferred = _PREFERRED_COMPUTE[device]
        compute_type = next((c for c in preferred if c in supported), "default")
    return device, compute_type


def auto_threads() -> int:
    """CPU threads for CTranslate2: the cores this process may use, at most 8."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


def auto_batch_size(device: str) -> int:
    """Windows per decoding batch: 8 on CPU; on CUDA 16, or 32 with 24 GB or more."""
    if device != "cuda":
        return 8
    try:
        import subprocess

        out = subprocess.run(
            ["nvidia-smi", "--query-gpu=memory.total", "--format=csv,noheader,nounits"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout
        total_mb = min(int(line) for line in out.split())
    except (OSError, ValueError, subprocess.SubprocessError):
        return 16
    return 32 if total_mb >= 24_000 else 16


_MODELS: dict[tuple[str, str, str, int], Any] = {}
_MODELS_LOCK = threading.Lock()
_load_count = 0


def load_model(path: str, device: str, compute_type: str, threads: int, local: bool) -> Any:
    """A WhisperModel, loaded once per (path, device, compute type, threads) per process."""
    global _load_count
    key = (path, device, compute_type, threads)
    with _MODELS_LOCK:
        if key in _MODELS:
            return _MODELS[key]
        fw = import_faster_whisper()
        started = time.perf_counter()
        try:
            model = fw.WhisperModel(
                path,
                device=device,
                compute_type=compute_type,
                cpu_threads=threads,
                local_files_only=local,
            )
        except (RuntimeError, OSError, ValueError) as exc:
            raise ModelNotFoundError(
                f"cannot load Whisper model {path!r} on {device}/{compute_type}: {exc}"
            ) from exc
        _MODELS[key] = model
        _load_count += 1
        logger.info(
            "loaded Whisper %s on %s/%s in %.1f s",
            path,
            device,
            compute_type,
            time.perf_counter() - started,
        )
        return model


def clear_model_cache() -> None:
    """Forget loaded models (frees their memory once no Transcriber holds them)."""
    with _MODELS_LOCK:
        _MODELS.clear()


def load_count() -> int:
    """How many models this process has loaded (each is loaded once, then shared)."""
    return _load_count
