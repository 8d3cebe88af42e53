"""Sentiment from any Hugging Face sequence-classification model (backend ``hf``).

``HFSentiment("path/to/model")`` loads the tokenizer and model with ``transformers``
(local folders work offline; a hub name needs network access), on CUDA in float16 when a GPU
is there and on CPU in float32 otherwise (``device`` forces one).  Texts are sorted by length
and run in batches of ``batch_size`` (padding only to the longest text of a batch), truncated
to ``max_length`` tokens.  The model's labels are mapped to negative/neutral/positive from
``config.id2label``: names containing neg/neu/pos (any case), star ratings ("1 star" ...
"5 stars": 1-2 negative, 3 neutral, 4-5 positive) or, for anonymous ``LABEL_0..`` labels,
by count (2 = negative/positive, 3 = negative/neutral/positive).  ``labels`` overrides the
mapping.  A binary model never says neutral.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from vocnlp.errors import ConfigError, MissingExtraError
from vocnlp.schema import SENTIMENT_LABELS

log = logging.getLogger(__name__)

_STARS = re.compile(r"^\s*([1-5])\s*stars?\s*$", re.IGNORECASE)
_WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin", "model.safetensors.index.json")


def hf_version(model: str) -> str:
    """``hf-<name>-<digest>``: the digest covers a local model's config and weight sizes."""
    path = Path(model)
    name = path.name or model
    if not path.is_dir():
        return f"hf-{model}"
    h = hashlib.sha256()
    config = path / "config.json"
    if config.exists():
        h.update(config.read_bytes())
    for weights in _WEIGHT_FILES:
        file = path / weights
        if file.exists():
            stat = file.stat()
            h.update(f"{weights}:{stat.st_size}:{int(stat.st_mtime)}".encode())
    return f"hf-{name}-{h.hexdigest()[:10]}"


def label_mapping(id2label: dict[int, str], labels: Sequence[str] | None = None) -> list[str]:
    """negative/neutral/positive for each output index of the model."""
    n = len(id2label)
    if labels is not None:
        mapped = [str(x) for x in labels]
        if len(mapped) != n or any(x not in SENTIMENT_LABELS for x in mapped):
            raise ConfigError(
                f"sentiment labels {mapped}: give {n} of {', '.join(SENTIMENT_LABELS)} "
                "in the model's output order"
            )
        return mapped
    names = [str(id2label[i]) for i in range(n)]
    out: list[str] = []
    for name in names:
        low = name.lower()
        star = _STARS.match(low)
        if star:
            value = int(star.group(1))
            out.append("negative" if value <= 2 else "neutral" if value == 3 else "positive")
        elif "neg" in low:
            out.append("negative")
        elif "neu" in low:
            out.append("neutral")
        elif "pos" in low:
            out.append("positive")
        else:
            break
    else:
        return out
    if n == 2:
        return ["negative", "positive"]
    if n == 3:
        return list(SENTIMENT_LABELS)
    raise ConfigError(
        f"cannot map the model's labels {names} to {', '.join(SENTIMENT_LABELS)}; "
        "set sentiment_labels in the profile's [text] section"
    )


def pick_device(device: str = "auto") -> str:
    """``cuda`` when available (or asked), else ``cpu``."""
    import torch

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise ConfigError(f'device={device!r} but torch sees no CUDA GPU; use device = "cpu"')
    return device


class HFSentiment:
    """A transformers sequence-classification model as a sentiment backend."""

    name = "hf"
    needs_text = True

    def __init__(
        self,
        model: str | Path,
        *,
        device: str = "auto",
        batch_size: int = 32,
        max_length: int = 256,
        labels: Sequence[str] | None = None,
    ) -> None:
        if batch_size < 1 or max_length < 8:
            raise ConfigError("hf sentiment: batch_size must be >= 1 and max_length >= 8")
        self.model_name = str(model)
        self.device_request = device
        self.batch_size = batch_size
        self.max_length = max_length
        self.labels = labels
        self.version = hf_version(self.model_name)
        self._loaded: tuple[Any, Any, str, np.ndarray] | None = None
        self._lock = threading.Lock()
        self.batches_run = 0

    def _load(self) -> tuple[Any, Any, str, np.ndarray]:
        with self._lock:
            if self._loaded is None:
                try:
                    import torch
                    from transformers import AutoModelForSequenceClassification, AutoTokenizer
                except ImportError as exc:
                    raise MissingExtraError("transformers torch", "hf") from exc
                device = pick_device(self.device_request)
                dtype = torch.float16 if device.startswith("cuda") else torch.float32
                try:
                    tokenizer = AutoTokenizer.from_pretrained(self.model_name)
                    try:
                        model = AutoModelForSequenceClassification.from_pretrained(
                            self.model_name, dtype=dtype
                        )
                    except TypeError:  # transformers < 4.56 calls it torch_dtype
                        model = AutoModelForSequenceClassification.from_pretrained(
                            self.model_name, torch_dtype=dtype
                        )
                except OSError as exc:
                    raise ConfigError(
                        f"cannot load sentiment model {self.model_name!r}: {exc}; give a local "
                        "folder with config.json, weights and tokenizer files"
                    ) from exc
                model.to(device).eval()
                mapped = label_mapping(dict(model.config.id2label), self.labels)
                onehot = np.zeros((len(mapped), len(SENTIMENT_LABELS)), dtype=np.float64)
                for i, label in enumerate(mapped):
                    onehot[i, SENTIMENT_LABELS.index(label)] = 1.0
                log.info("loaded %s on %s (%s)", self.model_name, device, dtype)
                self._loaded = (tokenizer, model, device, onehot)
            return self._loaded

    def probabilities(
        self, embeddings: np.ndarray | None = None, texts: Sequence[str] | None = None
    ) -> np.ndarray:
        """(n, 3) probabilities of ``texts`` (embeddings are not used by this backend)."""
        if texts is None:
            raise ValueError("the hf sentiment backend needs the texts")
        texts = list(texts)
        if not texts:
            return np.zeros((0, len(SENTIMENT_LABELS)), dtype=np.float64)
        import torch

        tokenizer, model, device, onehot = self._load()
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.empty((len(texts), len(SENTIMENT_LABELS)), dtype=np.float64)
        with torch.inference_mode():
            for start in range(0, len(order), self.batch_size):
                index = order[start : start + self.batch_size]
                batch = tokenizer(
                    [texts[i] for i in index],
                    padding=True,
                    truncation=True,
                    max_length=self.max_length,
                    return_tensors="pt",
                ).to(device)
                logits = model(**batch).logits.float()
                probs = torch.softmax(logits, dim=-1).cpu().numpy().astype(np.float64)
                out[index] = probs @ onehot
                self.batches_run += 1
        return out

    def predict(self, texts: Sequence[str]) -> list[Any]:
        from vocnlp.text.sentiment import result_from_probs

        return [result_from_probs(row) for row in self.probabilities(None, texts)]


def describe(model: str | Path) -> dict[str, Any]:
    """config.json of a local model folder (for ``vocnlp doctor``-style checks)."""
    config = Path(model) / "config.json"
    if not config.exists():
        return {}
    return dict(json.loads(config.read_text(encoding="utf-8")))


__all__ = ["HFSentiment", "describe", "hf_version", "label_mapping", "pick_device"]
