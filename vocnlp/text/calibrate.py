"""Refit the softmax temperature of the ``tuned`` sentiment model on customer feedback.

    python -m vocnlp.text.calibrate                       # report only
    python -m vocnlp.text.calibrate --write               # store the new temperature
    python -m vocnlp.text.calibrate --wheels DIR          # also the held-back review rows

The temperature chosen at training time is fit on held-back film/drug review rows, so it
suits hard English reviews; feedback is easier and the model is then under-confident on it.
This refits only the temperature — every label, and so accuracy and agreement, stays the
same — by the least log-loss on labelled feedback (``--data``: files or folders of
``id lang sentiment text`` TSVs, by default ``data/training/calibration/``) plus the 48 CX
hold-out sentences, and prints the expected calibration error (ECE) of both temperatures on
the independent check sets of ``data/checks/``.  ``--write`` rewrites the model's arrays
(the model version changes, so warehouses re-enrich once) and its card.
"""

from __future__ import annotations

import argparse
import json
import logging
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from vocnlp.config import MODELS_DIR
from vocnlp.errors import InputError
from vocnlp.schema import SENTIMENT_LABELS
from vocnlp.text.train import (
    CX_TEST_TSV,
    ROOT,
    SEED,
    _nll,
    _softmax,
    cx_sentences,
    fit_temperature,
)
from vocnlp.text.train_tuned import _relative
from vocnlp.text.tuned import TUNED_FILE, TunedSentiment, load_tuned_arrays, save_tuned

log = logging.getLogger(__name__)

CALIBRATION_DIR = ROOT / "data" / "training" / "calibration"
CHECK_DIR = ROOT / "data" / "checks"
ECE_BINS = 10


def expected_calibration_error(probs: np.ndarray, y: np.ndarray, bins: int = ECE_BINS) -> float:
    """ECE of the top-class probability: the bin-weighted gap between confidence and
    accuracy over ``bins`` equal-width confidence bins."""
    if len(y) == 0:
        return 0.0
    conf = probs.max(axis=1)
    hit = probs.argmax(axis=1) == y
    which = np.clip(np.ceil(conf * bins).astype(int) - 1, 0, bins - 1)
    error = 0.0
    for b in range(bins):
        mask = which == b
        if mask.any():
            error += mask.mean() * abs(conf[mask].mean() - hit[mask].mean())
    return round(float(error), 4)


def read_labelled(paths: Sequence[Path]) -> pd.DataFrame:
    """``text``/``label`` rows of every TSV in ``paths`` (files, or folders of ``*.tsv``);
    InputError naming the file and line of a missing column, bad label or empty text."""
    files: list[Path] = []
    for path in paths:
        found = sorted(Path(path).glob("*.tsv")) if Path(path).is_dir() else [Path(path)]
        if not found or not all(f.is_file() for f in found):
            raise InputError(f"{path}: no labelled .tsv file there")
        files += found
    parts = []
    for file in files:
        frame = pd.read_csv(file, sep="\t", dtype=str, keep_default_na=False, quoting=3)
        missing = {"sentiment", "text"} - set(frame.columns)
        if missing:
            raise InputError(f"{file}: missing columns {sorted(missing)}")
        bad = ~frame["sentiment"].isin(SENTIMENT_LABELS) | (frame["text"].str.strip() == "")
        if bad.any():
            line = int(bad.to_numpy().argmax()) + 2
            raise InputError(
                f"{file}, line {line}: a label of {SENTIMENT_LABELS} and a text expected"
            )
        parts.append(pd.DataFrame({"text": frame["text"], "label": frame["sentiment"]}))
    return pd.concat(parts, ignore_index=True)


def model_logits(backend: TunedSentiment, texts: Sequence[str]) -> np.ndarray:
    """(n, 3) logits of the linear layer, before the temperature."""
    if not texts:
        return np.zeros((0, len(SENTIMENT_LABELS)))
    x = backend.encoder().encode(list(texts), max_tokens=backend.max_tokens)
    return np.asarray((x @ backend.coef.T + backend.intercept).astype(np.float64))


def _labels(frame: pd.DataFrame) -> np.ndarray:
    return frame["label"].map(SENTIMENT_LABELS.index).to_numpy()


def scored_sets(folder: Path = CHECK_DIR) -> dict[str, pd.DataFrame]:
    """The labelled sets of ``folder`` (``data/checks``) by file stem."""
    out = {}
    for path in sorted(Path(folder).glob("*.tsv")):
        frame = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, quoting=3)
        if "sentiment" in frame.columns:
            out[path.stem] = pd.DataFrame({"text": frame["text"], "label": frame["sentiment"]})
    return out


def compare(
    backend: TunedSentiment, sets: dict[str, pd.DataFrame], temperatures: Sequence[float]
) -> dict[str, dict[str, Any]]:
    """Per set: n, accuracy, and ECE and log-loss at each of ``temperatures``."""
    out: dict[str, dict[str, Any]] = {}
    for name, frame in sets.items():
        logits, y = model_logits(backend, list(frame["text"])), _labels(frame)
        row: dict[str, Any] = {
            "n": len(y),
            "accuracy": round(float((logits.argmax(axis=1) == y).mean()), 4),
        }
        for temp in temperatures:
            probs = _softmax(logits / temp)
            row[f"ece@{temp:g}"] = expected_calibration_error(probs, y)
            row[f"log_loss@{temp:g}"] = round(_nll(probs, y, np.ones(len(y))), 4)
            row[f"mean_confidence@{temp:g}"] = round(float(probs.max(axis=1).mean()), 4)
        out[name] = row
    return out


def held_back_reviews(wheels: Path) -> pd.DataFrame:
    """The review rows ``train_tuned`` held back (the same seeded draw)."""
    from vocnlp.text.train import held_back, training_frame

    frame = training_frame(wheels)
    held = held_back(frame, np.random.default_rng(SEED))
    return frame[held].reset_index(drop=True)[["text", "label"]]


def write_temperature(path: Path, temperature: float, note: dict[str, Any]) -> str:
    """Store ``temperature`` in the model at ``path`` (arrays and ``.json``); re-render the
    card; return the new model version."""
    from vocnlp.text.train_tuned import write_card

    arrays, _ = load_tuned_arrays(path)
    backend_meta = dict(TunedSentiment(path).card)
    arrays = {k: v for k, v in arrays.items() if k != "labels"}
    arrays["temperature"] = np.asarray(temperature, dtype=np.float32)
    backend_meta.setdefault("training_temperature", backend_meta.get("temperature"))
    backend_meta.setdefault(
        "training_calibration_log_loss", backend_meta.get("calibration_log_loss")
    )
    backend_meta["temperature"] = round(temperature, 3)
    backend_meta["calibration_log_loss"] = note["log_loss"]
    backend_meta["calibration"] = note
    save_tuned(path, arrays, backend_meta)
    write_card(path, backend_meta)
    return TunedSentiment(path).version


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--model", type=Path, default=MODELS_DIR / TUNED_FILE)
    parser.add_argument(
        "--data", type=Path, nargs="+", default=[CALIBRATION_DIR],
        help="labelled feedback TSVs or folders (default data/training/calibration)",
    )  # fmt: skip
    parser.add_argument("--checks", type=Path, default=CHECK_DIR, help="sets to report ECE on")
    parser.add_argument("--wheels", type=Path, help="also report the held-back review rows")
    parser.add_argument("--write", action="store_true", help="store the new temperature")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    backend = TunedSentiment(args.model)
    old = backend.temperature
    calib = pd.concat([read_labelled(args.data), cx_sentences(CX_TEST_TSV)], ignore_index=True)
    log.info("fitting the temperature on %d sentences", len(calib))
    new, loss = fit_temperature(model_logits(backend, list(calib["text"])), _labels(calib))
    sets = scored_sets(args.checks)
    if args.wheels:
        sets["held_back_reviews"] = held_back_reviews(args.wheels)
    report = compare(backend, sets, sorted({round(old, 3), new}))
    print(json.dumps({"temperature": {"current": round(old, 3), "fitted": new,
                                      "fit_log_loss": loss, "fit_n": len(calib)},
                      "sets": report}, indent=2))  # fmt: skip
    if args.write:
        note = {
            "date": datetime.now(UTC).strftime("%Y-%m-%d"),
            "data": [_relative(p) for p in args.data] + [_relative(CX_TEST_TSV)],
            "n": len(calib),
            "log_loss": loss,
        }
        version = write_temperature(args.model, new, note)
        print(f"wrote temperature {new} to {args.model} (model version {version})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
