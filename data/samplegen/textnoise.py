"""Surface noise on comments: typos, lower-casing, Romanian diacritic spellings."""

from __future__ import annotations

import random

RO_PLAIN = str.maketrans("ăâîșțĂÂÎȘȚşţŞŢ", "aaistAAISTstST")
RO_CEDILLA = str.maketrans("șțȘȚ", "şţŞŢ")
EN_KEEP_CASE = ("I", "I'm", "I've", "I'd", "I'll", "SIM", "TV", "SMS", "Lumatel")


def lower_first(s: str) -> str:
    first = s.split(" ", 1)[0].rstrip(",.!?")
    if first in EN_KEEP_CASE or (len(first) > 1 and first.isupper()):
        return s
    return s[:1].lower() + s[1:]


def add_typos(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    idx = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    n_typos = 1 if len(words) < 6 else rng.choice([1, 1, 2])
    for i in rng.sample(idx, min(len(idx), n_typos)):
        w = words[i]
        j = rng.randrange(1, len(w) - 2)
        op = rng.choice(["swap", "drop", "double"])
        if op == "swap":
            w = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
        elif op == "drop":
            w = w[:j] + w[j + 1 :]
        else:
            w = w[:j] + w[j] + w[j:]
        words[i] = w
    return " ".join(words)
