"""Public reviews (reviews.csv): star ratings that agree with the topics in the text."""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

from .comments import compose
from .config import (
    APP_PRODUCT,
    LANGS,
    PLANTED,
    PRODUCTS,
    REVIEW_SOURCES,
    SIGN,
    TOPICS,
    WINDOW_END,
    WINDOW_START,
    Row,
)
from .customers import Customer
from .phrases import GENERIC, REVIEW_OPENERS
from .randomness import pick, rand_day, rand_time, rng_for, weighted_sample


def review_rating(rng: random.Random, topics: list[str]) -> int:
    """Stars that agree with the text: all-positive 4-5, all-negative 1-2, mixed 2-4."""
    pos = sum(PLANTED[t][0] for t in topics if PLANTED[t][0] > 0)
    neg = sum(PLANTED[t][0] for t in topics if PLANTED[t][0] < 0)
    noise = rng.gauss(0, 0.5)
    if pos and not neg:
        return 5 if pos + noise >= 0.9 else 4
    if neg and not pos:
        return 1 if neg + noise <= -1.4 else 2
    if pos and neg:
        s = pos + neg + noise
        return 4 if s >= 0.6 else 3 if s > -0.8 else 2
    return int(rng.choices([2, 3, 4], weights=[2, 5, 3])[0])  # neutral topics only


def make_reviews(seed: int, customers: list[Customer], n: int = 360) -> tuple[list[Row], list[Row]]:
    rng = rng_for(seed, "reviews")
    by_lang = {
        lang: [c for c in customers if c.lang == lang and c.left_at is None] for lang in LANGS
    }
    rows: list[Row] = []
    for _ in range(n):
        lang = pick(rng, {"en": 0.22, "ru": 0.28, "uk": 0.25, "ro": 0.25})
        at = rand_time(rng, rand_day(rng, WINDOW_START.date(), WINDOW_END.date()))
        source = pick(rng, REVIEW_SOURCES[lang])
        # reviewers write about what moved them: positive topics a bit more than in surveys
        weights = {t: PLANTED[t][2] * (1.8 if PLANTED[t][1] == "positive" else 1.0) for t in TOPICS}
        k = rng.choices([1, 2, 3], weights=[45, 40, 15])[0]
        if source in ("app_store", "google_play"):
            product = APP_PRODUCT
            first = pick(
                rng, {"app_website": 0.7, "personalization": 0.15, "loyalty_program": 0.15}
            )
            del weights[first]
            topics = [first, *weighted_sample(rng, weights, k - 1)]
        else:
            product = rng.choice(PRODUCTS)
            topics = weighted_sample(rng, weights, k)
        rating = review_rating(rng, topics)
        mood = {5: "pos", 4: "pos", 3: "neu", 2: "neg", 1: "neg"}[rating]
        com = compose(
            rng,
            lang,
            topics,
            mood,
            short_p=0.1,
            opener_p=0.35,
            closer_p=0.35,
            openers=REVIEW_OPENERS[lang],
        )
        text = com.text
        if all(SIGN[PLANTED[t][1]] == 0 for t in topics) and rating != 3:
            text = f"{text} {rng.choice(GENERIC[lang][mood])}."
        cust = rng.choice(by_lang[lang]).customer_id if rng.random() < 0.35 else ""
        rows.append(
            {
                "created_at": at,
                "rating": rating,
                "text": text,
                "source": source,
                "customer_id": cust,
                "product": product,
                "lang": lang,
                "topics": topics,
                "sarcastic": com.sarcastic,
            }
        )
    rows.sort(key=lambda r: r["created_at"])
    for i, r in enumerate(rows):
        r["review_id"] = f"RV{i + 1:05d}"
    bad = rows[int(n * 0.33)]
    bad["rating"], bad["malformed"] = 7, "rating_range"
    notes = [
        {
            "file": "reviews.csv",
            "id": bad["review_id"],
            "field": "rating",
            "value": "7",
            "rule": "rating_range",
            "message": "review rating out of range 1-5",
            "line": int(n * 0.33) + 2,
        }
    ]
    return rows, notes


def write_reviews(path: Path, rows: list[Row]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["review_id", "created_at", "rating", "text", "source", "customer_id", "product"])
    for r in rows:
        w.writerow(
            [
                r["review_id"],
                r["created_at"].strftime("%Y-%m-%d %H:%M:%S"),
                r["rating"],
                r["text"],
                r["source"],
                r["customer_id"],
                r["product"],
            ]
        )
    path.write_bytes(buf.getvalue().encode("utf-8"))
