"""Throughput of the ``hf`` sentiment backend: batched (vocnlp) vs one text at a time.

The model is an XLM-R-base-sized sequence classifier (12 layers, hidden 768, 250k
vocabulary) with random weights built from its config, so the benchmark needs no hub
access: speed depends on the shapes, not on the weights.  The texts are the sentences of
the bundled sample feedback (``data/sample``), repeated to ``--n`` sentences.

Runs, in the same process and on the same texts:

(a) naive: one ``model(**tokenizer(text))`` call per sentence, on the chosen device;
(b) vocnlp: :class:`vocnlp.text.backends.hf.HFSentiment` (length-sorted batches; float16
    on CUDA, float32 on CPU).

Prints sentences per second for both and their ratio; with ``--device cuda`` it also
scores a CPU float32 run on a subset and reports the largest probability difference
between CUDA float16 and CPU float32.

    python bench/hf_sentiment.py --device cpu --n 200
    python bench/hf_sentiment.py --device cuda --n 4000 --out bench/results/hf_sentiment_cuda.json
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vocnlp.text.backends.hf import HFSentiment  # noqa: E402


def sample_sentences(n: int) -> list[str]:
    """The sample feedback's sentences (naive split on end punctuation), cycled to ``n``."""
    texts: list[str] = []
    for name, column in (("reviews.csv", "text"), ("surveys.csv", "comment")):
        frame = pd.read_csv(ROOT / "data/sample" / name, encoding="utf-8-sig")
        texts.extend(str(t) for t in frame[column].dropna())
    sentences = [s.strip() for t in texts for s in re.split(r"(?<=[.!?])\s+", t) if s.strip()]
    if not sentences:
        raise SystemExit("no sample texts found under data/sample")
    return [sentences[i % len(sentences)] for i in range(n)]


def build_model(folder: Path, sentences: list[str]) -> Path:
    """An XLM-R-base-shaped classifier with random weights and a word-level tokenizer."""
    import torch
    import transformers

    folder.mkdir(parents=True, exist_ok=True)
    words = sorted({w for s in sentences for w in re.findall(r"\w+", s.lower())})
    vocab = folder / "vocab.txt"
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    vocab.write_text("\n".join([*specials, *words]) + "\n", encoding="utf-8")
    tokenizer = transformers.BertTokenizerFast(vocab_file=str(vocab), do_lower_case=True)
    config = transformers.BertConfig(
        vocab_size=250_002,
        hidden_size=768,
        num_hidden_layers=12,
        num_attention_heads=12,
        intermediate_size=3072,
        max_position_embeddings=514,
        num_labels=3,
        id2label={0: "negative", 1: "neutral", 2: "positive"},
        label2id={"negative": 0, "neutral": 1, "positive": 2},
    )
    torch.manual_seed(0)
    transformers.BertForSequenceClassification(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def naive(backend: HFSentiment, texts: list[str]) -> float:
    """Seconds for one forward pass per text (what a first script would do)."""
    import torch

    tokenizer, model, device, _ = backend._load()
    started = time.perf_counter()
    with torch.inference_mode():
        for text in texts:
            batch = tokenizer(text, truncation=True, max_length=256, return_tensors="pt")
            model(**batch.to(device)).logits.float().softmax(-1).cpu()
    if device.startswith("cuda"):
        torch.cuda.synchronize()
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--device", default="auto", help="auto | cpu | cuda")
    ap.add_argument("--n", type=int, default=2000, help="sentences to score")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--naive-n", type=int, default=500, help="sentences for the naive run")
    ap.add_argument("--cpu-check-n", type=int, default=200)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    import torch

    texts = sample_sentences(args.n)
    with tempfile.TemporaryDirectory() as tmp:
        folder = build_model(Path(tmp) / "xlmr-base-shaped", texts)
        backend = HFSentiment(folder, device=args.device, batch_size=args.batch_size)
        _, _, device, _ = backend._load()
        backend.probabilities(None, texts[:64])  # warm-up (kernels, allocator)
        naive_texts = texts[: args.naive_n]
        naive(backend, naive_texts[:16])
        naive_s = naive(backend, naive_texts)
        started = time.perf_counter()
        probs = backend.probabilities(None, texts)
        if device.startswith("cuda"):
            torch.cuda.synchronize()
        batched_s = time.perf_counter() - started
        result: dict[str, object] = {
            "date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "machine": f"{platform.machine()}, {torch.get_num_threads()} torch threads",
            "device": device,
            "gpu": torch.cuda.get_device_name(0) if device.startswith("cuda") else None,
            "dtype": "float16" if device.startswith("cuda") else "float32",
            "model": "BERT/XLM-R-base shape, 12x768, vocab 250002, random weights",
            "sentences": len(texts),
            "batch_size": args.batch_size,
            "naive_sent_per_s": round(len(naive_texts) / naive_s, 1),
            "vocnlp_sent_per_s": round(len(texts) / batched_s, 1),
        }
        result["speedup"] = round(
            float(result["vocnlp_sent_per_s"]) / float(result["naive_sent_per_s"]), 2
        )
        if device.startswith("cuda") and args.cpu_check_n:
            subset = texts[: args.cpu_check_n]
            cpu = HFSentiment(folder, device="cpu", batch_size=args.batch_size)
            started = time.perf_counter()
            cpu_probs = cpu.probabilities(None, subset)
            cpu_s = time.perf_counter() - started
            result["cpu_float32_sent_per_s"] = round(len(subset) / cpu_s, 1)
            result["cuda_vs_cpu_speedup"] = round(
                float(result["vocnlp_sent_per_s"]) / float(result["cpu_float32_sent_per_s"]), 2
            )
            diff = np.abs(probs[: len(subset)] - cpu_probs)
            result["max_abs_prob_diff_fp16_vs_fp32"] = round(float(diff.max()), 5)
            same = probs[: len(subset)].argmax(1) == cpu_probs.argmax(1)
            result["same_label_fp16_vs_fp32"] = round(float(same.mean()), 4)
    for key, value in result.items():
        print(f"{key:34} {value}")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
