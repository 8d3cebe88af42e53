"""Comment composer: topic sentences from the phrase banks, connectors and surface noise.

Shared by surveys, reviews and social posts; each caller passes its own random stream.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .config import PLANTED, SIGN
from .phrases import BANK, CLOSERS, CONNECTORS, GENERIC, OPENERS
from .textnoise import RO_CEDILLA, RO_PLAIN, add_typos, lower_first


def mood_of(score: float, hi: float, lo: float) -> str:
    return "pos" if score >= hi else "neg" if score <= lo else "neu"


@dataclass
class Comment:
    text: str
    sarcastic: bool = False
    ro_style: str | None = None  # diacritics | plain | cedilla (Romanian only)
    typos: bool = False


def compose(
    rng: random.Random,
    lang: str,
    topics: list[str],
    mood: str,
    *,
    short_p: float = 0.25,
    opener_p: float = 0.18,
    closer_p: float = 0.25,
    openers: list[str] | None = None,
) -> Comment:
    """Build one comment from the phrase banks: topic sentences joined by connectors."""
    sarcastic = False
    if not topics:
        parts = [rng.choice(GENERIC[lang][mood])]
    elif len(topics) == 1 and rng.random() < short_p:
        parts = [rng.choice(BANK[lang][topics[0]]["short"])]
        closer_p = closer_p / 2
    else:
        pool = openers or OPENERS[lang]
        parts = [rng.choice(pool)] if rng.random() < opener_p else []
        prev = None
        for t in topics:
            bank = BANK[lang][t]
            sign = SIGN[PLANTED[t][1]]
            if "sarcasm" in bank and rng.random() < 0.18:
                parts.append(rng.choice(bank["sarcasm"]))
                sarcastic = True
            else:
                sentence = rng.choice(bank["long"])
                if prev is not None and rng.random() < 0.55:
                    kind = "contrast" if sign * prev < 0 else "add"
                    conn = rng.choice(CONNECTORS[lang][kind])
                    sentence = f"{conn} {lower_first(sentence)}"
                parts.append(sentence)
            prev = sign
    if rng.random() < closer_p:
        parts.append(rng.choice(CLOSERS[lang][mood]))
    text = " ".join(parts)
    out = Comment(text, sarcastic)
    # surface noise: typos, casing, punctuation, smileys
    if rng.random() < 0.12:
        out.text, out.typos = add_typos(rng, out.text), True
    r = rng.random()
    if r < 0.08:
        out.text = out.text.lower()
    elif r < 0.22 and out.text.endswith("."):
        out.text = out.text[:-1]
    elif r < 0.30 and mood == "neg":
        out.text = out.text.rstrip(".!") + "!!!"
    elif r < 0.38 and mood == "pos":
        out.text = out.text.rstrip(".") + (")))" if lang in ("ru", "uk") else " :)")
    if lang == "ro":
        r = rng.random()
        if r < 0.45:
            out.text, out.ro_style = out.text.translate(RO_PLAIN), "plain"
        elif r < 0.57:
            out.text, out.ro_style = out.text.translate(RO_CEDILLA), "cedilla"
        else:
            out.ro_style = "diacritics"
    return out
