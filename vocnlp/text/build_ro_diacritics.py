"""Build ``models/ro_diacritics.tsv`` from the Romanian word list of the ``wordfreq`` package.

    pip download --no-deps -d W wordfreq==3.1.1
    python -m vocnlp.text.build_ro_diacritics --wheels W

For every word of wordfreq's Romanian list that has a diacritic, the table maps its plain
spelling (ă â → a, î → i, ș → s, ț → t) to the most frequent written form of that plain
spelling, when that form is not the plain spelling itself ("si" -> "și" because "și" is
more frequent than "si"; "ca" -> "că" likewise).  wordfreq's data is CC BY-SA 4.0, so the
table is too (``models/ro_diacritics.md``).  Needs ``msgpack`` (the ``dev`` extra).
It also prints the word accuracy of restoring the project-written Romanian sentences of
``data/training`` after stripping their diacritics.
"""

from __future__ import annotations

import argparse
import gzip
import io
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from vocnlp.config import MODELS_DIR
from vocnlp.errors import InputError
from vocnlp.text.ro_diacritics import RO_DIACRITICS_FILE, restore_diacritics

ROOT = Path(__file__).resolve().parents[2]
WORDLIST = "wordfreq/data/small_ro.msgpack.gz"
PLAIN = str.maketrans("ăâîșțşţĂÂÎȘȚŞŢ", "aaiststAAISTST")
COMMA_BELOW = str.maketrans("şţ", "șț")
_WORD = re.compile(r"[a-zăâîșț]+")


def read_wordlist(wheels: Path) -> dict[str, float]:
    """Word -> frequency of wordfreq's Romanian list (cBpack: bucket i holds the words of
    frequency 10^(-i/100))."""
    import msgpack

    found = sorted(Path(wheels).glob("wordfreq-*.whl"))
    if not found:
        raise InputError(
            f"{wheels}: no wordfreq wheel; `pip download --no-deps -d {wheels} wordfreq`"
        )
    with zipfile.ZipFile(found[-1]) as wheel:
        packed = gzip.decompress(wheel.read(WORDLIST))
    header, *buckets = msgpack.unpack(io.BytesIO(packed), raw=False)
    if not isinstance(header, dict) or header.get("format") != "cB":
        raise InputError(f"{found[-1]}: {WORDLIST} is not a cBpack word list")
    freq: dict[str, float] = {}
    for index, bucket in enumerate(buckets):
        for word in bucket:
            key = str(word).translate(COMMA_BELOW)
            freq[key] = freq.get(key, 0.0) + 10 ** (-index / 100)
    return freq


def build_table(freq: dict[str, float]) -> dict[str, str]:
    """Plain spelling -> its most frequent written form, where they differ."""
    best: dict[str, tuple[float, str]] = {}
    for word, value in freq.items():
        if _WORD.fullmatch(word):
            plain = word.translate(PLAIN)
            best[plain] = max(best.get(plain, (0.0, plain)), (value, word))
    return {plain: word for plain, (_, word) in sorted(best.items()) if word != plain}


def training_sentences() -> list[str]:
    """Project-written Romanian sentences with diacritics (``data/training``)."""
    texts: list[str] = []
    for path in sorted((ROOT / "data" / "training").rglob("*.tsv")):
        frame = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, quoting=3)
        if {"lang", "text"} <= set(frame.columns):
            ro = frame.loc[frame["lang"] == "ro", "text"]
            texts += [t for t in ro if re.search("[ăâîșț]", t)]
    return texts


def word_accuracy(table: dict[str, str], texts: Sequence[str]) -> tuple[float, float, int]:
    """(accuracy restored, accuracy stripped, words) over the words of ``texts``."""
    word = re.compile(r"[A-Za-zĂÂÎȘȚăâîșț]+")
    right = plain_right = total = 0
    for text in texts:
        gold = word.findall(text)
        stripped = text.translate(PLAIN)
        got = word.findall(restore_diacritics(stripped, table))
        total += len(gold)
        right += sum(a == b for a, b in zip(gold, got, strict=True))
        plain_right += sum(a == a.translate(PLAIN) for a in gold)
    return right / max(total, 1), plain_right / max(total, 1), total


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--wheels", type=Path, required=True, help="folder with the wordfreq wheel")
    parser.add_argument("--out", type=Path, default=MODELS_DIR / RO_DIACRITICS_FILE)
    args = parser.parse_args(argv)
    freq = read_wordlist(args.wheels)
    table = build_table(freq)
    lines = ["plain\twritten", *(f"{p}\t{w}" for p, w in table.items())]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    texts = training_sentences()
    restored, stripped, words = word_accuracy(table, texts)
    print(f"{len(freq)} words in the list, {len(table)} plain spellings restored -> {args.out}")
    print(
        f"word accuracy on {len(texts)} training-side Romanian sentences ({words} words) with"
        f" their diacritics stripped: restored {restored:.4f}, stripped {stripped:.4f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
