#!/usr/bin/env python
"""Seeded generator for the vocnlp sample data set.

    python data/generate.py --out data/sample [--seed 7] [--no-audio]

Writes customers.csv (cp1251, ``;``, dd.mm.yyyy, CRLF), surveys.csv (UTF-8 with BOM),
reviews.csv, social.jsonl, TRUTH.json and calls/ (FLAC 8 kHz stereo synthesized with
espeak-ng, calls.csv, transcripts.jsonl).  The same seed gives byte-identical files.
``--no-audio`` regenerates the text files only and leaves calls/ untouched (CI has no
espeak-ng).  Planted NPS drivers, malformed rows and per-record labels go to TRUTH.json;
data/README.md explains everything.

Text randomness uses ``random.Random`` (stable across Python versions) with one stream per
section, so the sections do not disturb each other; numpy is used only for the audio.
"""

from __future__ import annotations

import argparse
import csv
import io
import itertools
import json
import math
import random
import string
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import phrases as P  # sibling module (data/ is not a package)

Row = dict[str, Any]  # one record / note on its way to a file

DEFAULT_SEED = 7
WINDOW_START = datetime(2026, 5, 1)
WINDOW_END = datetime(2026, 10, 31, 23, 59, 59)
LANGS = ("en", "ru", "uk", "ro")

# topic -> (planted effect on the 0-10 score, polarity of every mention, mention weight)
PLANTED: dict[str, tuple[float, str, float]] = {
    "product_quality": (1.0, "positive", 8),
    "price_value": (-1.2, "negative", 10),
    "billing_payments": (-2.5, "negative", 9),
    "delivery": (0.5, "positive", 4),
    "waiting_speed": (-1.5, "negative", 10),
    "staff_attitude": (1.0, "positive", 10),
    "staff_competence": (0.8, "positive", 6),
    "problem_resolution": (1.5, "positive", 7),
    "app_website": (-0.8, "negative", 7),
    "network_quality": (-2.0, "negative", 8),
    "contract_tariff": (-1.0, "negative", 5),
    "personalization": (0.0, "neutral", 4),
    "channel_consistency": (-0.6, "negative", 4),
    "trust_honesty": (-1.8, "negative", 4),
    "loyalty_program": (0.0, "neutral", 5),
    "cancellation": (-3.0, "negative", 3),
}
TOPICS = tuple(PLANTED)
SIGN = {"positive": 1, "negative": -1, "neutral": 0}
# Month-specific multipliers on topic mention weights (the "why did NPS move" story).
EVENTS: list[Row] = [
    {
        "month": "2026-07",
        "topic": "network_quality",
        "weight_x": 3.0,
        "story": "storm damage to towers in July: many signal/outage complaints",
    },
    {
        "month": "2026-09",
        "topic": "billing_payments",
        "weight_x": 4.0,
        "story": "billing system migration in September: many wrong/double bills",
    },
]
SEGMENT_ADJ = {"mass": 0.0, "premium": 0.3, "business": -0.4}
BASE_MEAN, BASE_SD, NOISE_SD = 8.6, 1.2, 0.9

MD_REGIONS = ["Кишинёв", "Бельцы", "Кагул", "Унгены", "Орхей"]
UA_REGIONS = ["Киев", "Львов", "Одесса", "Харьков", "Днепр"]
LANG_BY_COUNTRY = {"md": {"ro": 0.5, "ru": 0.3, "en": 0.2}, "ua": {"uk": 0.5, "ru": 0.3, "en": 0.2}}
CHANNELS = {"web": 0.3, "email": 0.25, "sms": 0.15, "app": 0.2, "phone": 0.1}
PRODUCTS = [
    "Mobile S",
    "Mobile L",
    "Mobile Unlimited",
    "Home Internet 300",
    "Home Internet 1G",
    "TV Plus",
    "Smartphone (shop)",
]
APP_PRODUCT = "Lumatel app"
REVIEW_SOURCES = {
    "en": {"google": 0.4, "trustpilot": 0.3, "app_store": 0.15, "google_play": 0.15},
    "ru": {"otzovik": 0.4, "google": 0.3, "google_play": 0.2, "app_store": 0.1},
    "uk": {"google": 0.5, "google_play": 0.3, "app_store": 0.2},
    "ro": {"google": 0.4, "facebook": 0.35, "google_play": 0.15, "app_store": 0.1},
}
PLATFORMS = {
    "en": {"x": 0.5, "reddit": 0.25, "facebook": 0.25},
    "ru": {"telegram": 0.45, "facebook": 0.3, "x": 0.25},
    "uk": {"telegram": 0.4, "facebook": 0.35, "instagram": 0.25},
    "ro": {"facebook": 0.6, "instagram": 0.3, "x": 0.1},
}
SR = 8000
NOISE_DBFS = -45.0


# ----------------------------------------------------------------------------- helpers
def rng_for(seed: int, section: str) -> random.Random:
    """One independent, version-stable random stream per section."""
    return random.Random(f"vocnlp-sample:{seed}:{section}")


def pick(rng: random.Random, weights: dict[str, float]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def weighted_sample(rng: random.Random, weights: dict[str, float], k: int) -> list[str]:
    pool = dict(weights)
    out: list[str] = []
    for _ in range(min(k, len(pool))):
        key = pick(rng, pool)
        out.append(key)
        del pool[key]
    return out


def rand_time(rng: random.Random, day: date) -> datetime:
    hour = rng.choices(range(7, 24), weights=[1, 3, 5, 6, 6, 5, 5, 5, 5, 5, 5, 6, 7, 7, 6, 4, 2])[0]
    return datetime(day.year, day.month, day.day, hour, rng.randrange(60), rng.randrange(60))


def rand_day(rng: random.Random, lo: date, hi: date) -> date:
    return lo + timedelta(days=rng.randrange((hi - lo).days + 1))


def clip_round(x: float, lo: int, hi: int) -> int:
    return max(lo, min(hi, math.floor(x + 0.5)))


def nps_of(scores: list[int]) -> float:
    if not scores:
        return float("nan")
    pro = sum(s >= 9 for s in scores)
    det = sum(s <= 6 for s in scores)
    return round(100.0 * (pro - det) / len(scores), 2)


# ----------------------------------------------------------------------------- text
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
        parts = [rng.choice(P.GENERIC[lang][mood])]
    elif len(topics) == 1 and rng.random() < short_p:
        parts = [rng.choice(P.BANK[lang][topics[0]]["short"])]
        closer_p = closer_p / 2
    else:
        pool = openers or P.OPENERS[lang]
        parts = [rng.choice(pool)] if rng.random() < opener_p else []
        prev = None
        for t in topics:
            bank = P.BANK[lang][t]
            sign = SIGN[PLANTED[t][1]]
            if "sarcasm" in bank and rng.random() < 0.18:
                parts.append(rng.choice(bank["sarcasm"]))
                sarcastic = True
            else:
                sentence = rng.choice(bank["long"])
                if prev is not None and rng.random() < 0.55:
                    kind = "contrast" if sign * prev < 0 else "add"
                    conn = rng.choice(P.CONNECTORS[lang][kind])
                    sentence = f"{conn} {lower_first(sentence)}"
                parts.append(sentence)
            prev = sign
    if rng.random() < closer_p:
        parts.append(rng.choice(P.CLOSERS[lang][mood]))
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


# ----------------------------------------------------------------------------- customers
@dataclass
class Customer:
    customer_id: str
    segment: str
    region: str
    lang: str
    joined_at: date
    base: float
    left_at: date | None = None
    bad_joined: str | None = None  # deliberately malformed date string
    scores: list[int] = field(default_factory=list)


def make_customers(seed: int, n_active: int = 600, n_former: int = 24) -> list[Customer]:
    rng = rng_for(seed, "customers")
    out = []
    for i in range(n_active + n_former):
        country = "md" if rng.random() < 0.5 else "ua"
        region = rng.choice(MD_REGIONS if country == "md" else UA_REGIONS)
        lang = pick(rng, LANG_BY_COUNTRY[country])
        segment = pick(rng, {"mass": 0.65, "premium": 0.2, "business": 0.15})
        if i < n_active:
            hi = date(2026, 4, 30) if rng.random() < 0.85 else date(2026, 9, 30)
            joined = rand_day(rng, date(2017, 1, 1), hi)
        else:
            joined = rand_day(rng, date(2016, 1, 1), date(2023, 6, 30))
        c = Customer(f"C{i + 1:05d}", segment, region, lang, joined, rng.gauss(BASE_MEAN, BASE_SD))
        if i >= n_active:  # former customers, left before the survey window
            c.left_at = rand_day(
                rng, max(joined + timedelta(days=90), date(2024, 1, 1)), date(2026, 4, 30)
            )
        out.append(c)
    rng.shuffle(out)  # former customers are spread over the id range
    for i, c in enumerate(out):
        c.customer_id = f"C{i + 1:05d}"
    return out


# Churn month weights: the September billing migration pushes churn up in Sep/Oct.
CHURN_MONTHS = {5: 1.0, 6: 1.0, 7: 1.0, 8: 1.2, 9: 1.8, 10: 2.2}


def decide_churn(seed: int, customers: list[Customer]) -> None:
    """left_at for customers active at the window start; a low latent score churns more.

    Decided before the surveys: a churned customer answers only before ``left_at``, and
    about half of them say so ("cancellation") in the 45 days before leaving.
    """
    rng = rng_for(seed, "churn")
    for c in customers:
        if c.left_at is not None:
            continue
        p = 0.30 if c.base < 7.0 else 0.10 if c.base < 9.0 else 0.04
        if rng.random() < p:
            month = int(pick(rng, {str(m): w for m, w in CHURN_MONTHS.items()}))
            lo = max(date(2026, month, 1), c.joined_at + timedelta(days=30))
            hi = (date(2026, month + 1, 1) if month < 12 else date(2027, 1, 1)) - timedelta(days=1)
            if lo <= hi:
                c.left_at = rand_day(rng, lo, hi)


def write_customers(path: Path, customers: list[Customer]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(["customer_id", "segment", "region", "joined_at", "left_at"])
    for c in sorted(customers, key=lambda c: c.customer_id):
        joined = c.bad_joined or c.joined_at.strftime("%d.%m.%Y")
        left = c.left_at.strftime("%d.%m.%Y") if c.left_at else ""
        w.writerow([c.customer_id, c.segment, c.region, joined, left])
    path.write_bytes(buf.getvalue().encode("cp1251"))


# ----------------------------------------------------------------------------- surveys
@dataclass
class Response:
    response_id: str
    customer_id: str
    answered_at: datetime
    nps: Any
    csi: int | None
    cli: tuple[int, int, int, int] | None
    channel: str
    segment: str
    comment: str
    lang: str
    topics: list[str]
    sarcastic: bool = False
    malformed: str | None = None


def topic_weights(month: str) -> dict[str, float]:
    w = {t: PLANTED[t][2] for t in TOPICS}
    for ev in EVENTS:
        if ev["month"] == month:
            w[ev["topic"]] *= float(ev["weight_x"])
    return w


def make_surveys(seed: int, customers: list[Customer]) -> tuple[list[Response], list[Row]]:
    """Responses (sorted by time) plus the malformed-row notes; updates customers' scores."""
    rng = rng_for(seed, "surveys")
    rows: list[Response] = []
    for c in customers:
        if c.left_at is not None and c.left_at < WINDOW_START.date():
            continue
        k = rng.choice([0, 1, 1, 2, 2, 2, 3, 3, 4, 5])
        lo = max(WINDOW_START.date(), c.joined_at + timedelta(days=1))
        hi = c.left_at - timedelta(days=1) if c.left_at else WINDOW_END.date()
        if lo > hi:
            continue
        for _ in range(k):
            at = rand_time(rng, rand_day(rng, lo, hi))
            channel = pick(rng, CHANNELS)
            u = rng.random()
            if u < 0.10:
                n_topics, comment_kind = 0, "empty"
            elif u < 0.105:
                n_topics, comment_kind = 0, "placeholder"
            else:
                n_topics = rng.choices([0, 1, 2, 3], weights=[15, 45, 30, 10])[0]
                if channel == "sms":
                    n_topics = min(n_topics, 1)
                comment_kind = "text"
            topics = weighted_sample(rng, topic_weights(at.strftime("%Y-%m")), n_topics)
            leaving = c.left_at is not None and (c.left_at - at.date()).days <= 45
            say_so = leaving and comment_kind == "text" and rng.random() < 0.5
            if say_so and "cancellation" not in topics:
                topics = [*topics[:2], "cancellation"]
            latent = c.base + SEGMENT_ADJ[c.segment] + sum(PLANTED[t][0] for t in topics)
            latent += rng.gauss(0, NOISE_SD)
            nps = clip_round(latent, 0, 10)
            cancel = "cancellation" in topics
            csi = clip_round(1 + latent * 0.4 + rng.gauss(0, 0.5), 1, 5)
            cli = (
                clip_round(latent + rng.gauss(0, 0.7), 1, 10),
                clip_round(latent + 0.5 + rng.gauss(0, 1.2) - 3 * cancel, 1, 10),
                clip_round(latent - 1.5 + rng.gauss(0, 1.3), 1, 10),
                clip_round(11 - latent + rng.gauss(0, 1.3) + 3 * cancel, 1, 10),
            )
            sms = channel == "sms"
            if comment_kind == "empty":
                com = Comment("")
            elif comment_kind == "placeholder":
                com = Comment(rng.choice(["-", ".", "—", ".."]))
            else:
                mood = mood_of(nps, 9, 6)
                com = compose(rng, c.lang, topics, mood, short_p=0.6 if sms else 0.25)
            rows.append(
                Response(
                    "",
                    c.customer_id,
                    at,
                    nps,
                    None if sms or rng.random() < 0.03 else csi,
                    None if sms else cli,
                    channel,
                    c.segment,
                    com.text,
                    c.lang if com.text.strip(" -.—") else "",
                    topics,
                    com.sarcastic,
                )
            )
    rows.sort(key=lambda r: (r.answered_at, r.customer_id))
    for i, r in enumerate(rows):
        r.response_id = f"R{i + 1:06d}"
    notes = _corrupt_surveys(rng, rows)
    by_id = {c.customer_id: c for c in customers}
    for r in rows:
        if r.malformed:
            continue
        c = by_id[r.customer_id]
        c.scores.append(int(r.nps))
    return rows, notes


def _corrupt_surveys(rng: random.Random, rows: list[Response]) -> list[Row]:
    """A handful of deliberately malformed survey rows (documented in TRUTH.json)."""
    n = len(rows)
    picks = [int(n * f) + rng.randrange(10) for f in (0.17, 0.46, 0.71)]
    bad = [
        ("nps", "11", "nps_range", "NPS out of range 0-10"),
        ("nps", "ten", "not_an_integer", "NPS is not a number"),
        ("customer_id", "", "required", "required customer_id is empty"),
    ]
    notes: list[Row] = []
    for i, (fld, value, rule, msg) in zip(picks, bad, strict=True):
        r = rows[i]
        setattr(r, fld, value)
        r.malformed = rule
        notes.append(
            {
                "file": "surveys.csv",
                "id": r.response_id,
                "field": fld,
                "value": value,
                "rule": rule,
                "message": msg,
            }
        )
    # the same response submitted again 3 hours later with another score (same response_id)
    src = rows[int(n * 0.58)]
    at = src.answered_at + timedelta(hours=3, minutes=17)
    dup = Response(
        src.response_id,
        src.customer_id,
        at,
        (int(src.nps) + 4) % 11,
        src.csi,
        src.cli,
        src.channel,
        src.segment,
        "",
        "",
        [],
        malformed="duplicate_key",
    )
    rows.insert(sum(r.answered_at <= at for r in rows), dup)
    notes.append(
        {
            "file": "surveys.csv",
            "id": src.response_id,
            "field": "response_id",
            "value": src.response_id,
            "rule": "duplicate_key",
            "message": "second row with an existing response_id (the first one is valid)",
        }
    )
    for note in notes:  # 1-based physical line, header = 1 (no embedded newlines)
        note["line"] = next(
            i + 2
            for i, r in enumerate(rows)
            if r.response_id == note["id"] and r.malformed == note["rule"]
        )
    return notes


def write_surveys(path: Path, rows: list[Response]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(
        [
            "response_id",
            "customer_id",
            "answered_at",
            "nps",
            "comment",
            "csi",
            "cli_recommend",
            "cli_continue",
            "cli_buy_more",
            "cli_switch",
            "channel",
            "segment",
        ]
    )
    for r in rows:
        cli = list(r.cli) if r.cli else ["", "", "", ""]
        w.writerow(
            [
                r.response_id,
                r.customer_id,
                r.answered_at.isoformat(),
                r.nps,
                r.comment,
                "" if r.csi is None else r.csi,
                *cli,
                r.channel,
                r.segment,
            ]
        )
    path.write_bytes(("\ufeff" + buf.getvalue()).encode("utf-8"))


# ----------------------------------------------------------------------------- reviews
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
            openers=P.REVIEW_OPENERS[lang],
        )
        text = com.text
        if all(SIGN[PLANTED[t][1]] == 0 for t in topics) and rating != 3:
            text = f"{text} {rng.choice(P.GENERIC[lang][mood])}."
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


# ----------------------------------------------------------------------------- social
def handle(rng: random.Random) -> str:
    syll = [
        "ma",
        "ri",
        "an",
        "dre",
        "ol",
        "ga",
        "se",
        "rg",
        "vik",
        "tor",
        "io",
        "na",
        "lex",
        "ku",
        "pe",
        "tro",
        "ne",
        "la",
        "di",
        "mi",
    ]
    name = "".join(rng.choice(syll) for _ in range(rng.randint(2, 3)))
    return (
        name + rng.choice(["", "_", "."]) + (str(rng.randint(1, 999)) if rng.random() < 0.6 else "")
    )


def post_url(rng: random.Random, platform: str, author: str) -> str:
    alnum = string.ascii_letters + string.digits
    if platform == "x":
        return f"https://x.com/{author}/status/{rng.randrange(10**18, 10**19)}"
    if platform == "facebook":
        return f"https://www.facebook.com/{author}/posts/{rng.randrange(10**15, 10**16)}"
    if platform == "instagram":
        return "https://www.instagram.com/p/" + "".join(rng.choices(alnum, k=11)) + "/"
    if platform == "telegram":
        return f"https://t.me/lumatel_chat/{rng.randrange(1000, 99999)}"
    return (
        "https://www.reddit.com/r/moldova/comments/"
        + "".join(rng.choices(string.ascii_lowercase + string.digits, k=6))
        + "/"
    )


def make_social(seed: int, n_genuine: int = 272) -> tuple[list[Row], list[Row], int]:
    """Posts sorted by time; returns (posts, notes, index of the invalid-JSON line)."""
    rng = rng_for(seed, "social")
    start, end = date(2026, 9, 1), WINDOW_END.date()
    posts: list[Row] = []

    def when() -> datetime:
        day = end if rng.random() < 0.15 else rand_day(rng, start, end)
        return rand_time(rng, day) - timedelta(hours=3)  # stored in UTC

    weights = {t: PLANTED[t][2] * (1.6 if PLANTED[t][1] == "negative" else 1.0) for t in TOPICS}
    for _ in range(n_genuine):
        lang = pick(rng, {"en": 0.25, "ru": 0.28, "uk": 0.24, "ro": 0.23})
        topics = weighted_sample(rng, weights, rng.choices([1, 2], weights=[65, 35])[0])
        s = sum(SIGN[PLANTED[t][1]] for t in topics)
        mood = "pos" if s > 0 else "neg" if s < 0 else "neu"
        text = compose(rng, lang, topics, mood, short_p=0.35, opener_p=0.0, closer_p=0.1).text
        if rng.random() < 0.4:
            text = f"@{P.BRAND} {text}"
        if rng.random() < 0.3:
            text = f"{text} {rng.choice(P.HASHTAGS[lang])}"
        if rng.random() < 0.35 and (e := rng.choice(P.EMOJI[mood])):
            text = f"{text} {e}"
        platform = pick(rng, PLATFORMS[lang])
        posts.append(
            {
                "created_at": when(),
                "platform": platform,
                "text": text,
                "author": handle(rng),
                "likes": min(int(2 * rng.paretovariate(1.1)) - 2, 5000),
                "kind": "genuine",
                "lang": lang,
                "topics": topics,
            }
        )
    originals = list(posts)
    for _ in range(18):  # exact reposts
        o = rng.choice(originals)
        posts.append(
            {
                **o,
                "created_at": o["created_at"] + timedelta(minutes=rng.randint(5, 2880)),
                "author": handle(rng),
                "likes": rng.randint(0, 5),
                "kind": "exact_duplicate",
                "of": o,
            }
        )
    near = [
        lambda o, t: f"RT @{o['author']}: {t}",
        lambda o, t: f"{t} +1",
        lambda o, t: t.lower(),
        lambda o, t: t.rstrip(".!") + "!!!",
        lambda o, t: f"{t} 👆",
        lambda o, t: t.replace(",", ""),
    ]
    for i in range(16):  # near duplicates
        o = rng.choice(originals)
        text = near[i % len(near)](o, o["text"])
        if text == o["text"]:
            text += " +1"
        posts.append(
            {
                **o,
                "text": text,
                "author": handle(rng),
                "likes": rng.randint(0, 9),
                "created_at": o["created_at"] + timedelta(minutes=rng.randint(5, 2880)),
                "kind": "near_duplicate",
                "of": o,
            }
        )
    links = [
        "http://bit.ly/{}",
        "https://earn-fast.win/{}",
        "https://t.me/+{}",
        "http://free-gift.top/{}",
    ]
    for _ in range(26):  # spam / bots
        lang = pick(rng, {"en": 0.4, "ru": 0.3, "uk": 0.15, "ro": 0.15})
        link = rng.choice(links).format("".join(rng.choices(string.ascii_letters, k=6)))
        posts.append(
            {
                "created_at": when(),
                "platform": pick(rng, PLATFORMS[lang]),
                "text": rng.choice(P.SPAM[lang]).format(link=link),
                "author": rng.choice(["promo_", "earn", "bonus.bot", "crypto_"])
                + str(rng.randint(100, 9999)),
                "likes": rng.randint(0, 3),
                "kind": "spam",
                "lang": lang,
                "topics": [],
            }
        )
    for lang, topics, text in P.HTML_POSTS:
        posts.append(
            {
                "created_at": when(),
                "platform": pick(rng, PLATFORMS[lang]),
                "text": text,
                "author": handle(rng),
                "likes": rng.randint(0, 40),
                "kind": "html",
                "lang": lang,
                "topics": topics,
            }
        )
    posts.sort(key=lambda p: (p["created_at"], p["text"]))
    for i, p in enumerate(posts):
        p["post_id"] = f"S{i + 1:06d}"
        p["url"] = post_url(rng, p["platform"], p["author"])
    bad_at = int(len(posts) * 0.6)
    notes = [
        {
            "file": "social.jsonl",
            "id": None,
            "field": None,
            "value": None,
            "rule": "invalid_json",
            "message": "truncated line, not valid JSON",
            "line": bad_at + 1,
        }
    ]
    return posts, notes, bad_at


def write_social(path: Path, posts: list[Row], bad_at: int) -> None:
    lines = []
    for p in posts:
        obj = {
            k: p[k] for k in ("post_id", "created_at", "platform", "text", "author", "likes", "url")
        }
        obj["created_at"] = p["created_at"].strftime("%Y-%m-%dT%H:%M:%SZ")
        lines.append(json.dumps(obj, ensure_ascii=False))
    broken = lines[bad_at]
    lines.insert(bad_at, broken[: len(broken) // 2].replace("S0", "SX", 1))
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))


# ----------------------------------------------------------------------------- truth
def survey_truth(rows: list[Response]) -> dict[str, Any]:
    valid = [r for r in rows if not r.malformed]
    scores = [int(r.nps) for r in valid]
    overall = nps_of(scores)
    topics = {}
    for t in TOPICS:
        with_t = [int(r.nps) for r in valid if t in r.topics]
        without = [int(r.nps) for r in valid if t not in r.topics]
        eff, pol, _ = PLANTED[t]
        topics[t] = {
            "planted_effect": eff,
            "polarity": pol,
            "mentions": len(with_t),
            "nps_mentioners": nps_of(with_t),
            "nps_without_mentioners": nps_of(without),
            "impact_on_nps": round(overall - nps_of(without), 2),
        }
    by_month: dict[str, list[int]] = {}
    for r in valid:
        by_month.setdefault(r.answered_at.strftime("%Y-%m"), []).append(int(r.nps))
    csi = [r.csi for r in valid if r.csi is not None]
    cli = [r.cli for r in valid if r.cli is not None]
    lang_counts = {lang: sum(r.lang == lang for r in valid) for lang in LANGS}
    return {
        "responses_valid": len(valid),
        "nps": overall,
        "promoters": sum(s >= 9 for s in scores),
        "passives": sum(7 <= s <= 8 for s in scores),
        "detractors": sum(s <= 6 for s in scores),
        "nps_by_month": {m: {"n": len(v), "nps": nps_of(v)} for m, v in sorted(by_month.items())},
        "csi_pct_4_5": round(100.0 * sum(c >= 4 for c in csi) / len(csi), 2),
        "csi_n": len(csi),
        "cli_mean": round(sum((a + b + c + (11 - d)) / 4 for a, b, c, d in cli) / len(cli), 3),
        "cli_n": len(cli),
        "comments_by_language": lang_counts,
        "comments_empty_or_placeholder": sum(not r.lang for r in valid),
        "sarcastic_comments": sum(r.sarcastic for r in valid),
        "topics": topics,
    }


def churn_truth(customers: list[Customer]) -> dict[str, Any]:
    months = [date(2026, m, 1) for m in range(5, 12)]
    by_month = {}
    for lo, hi in itertools.pairwise(months):
        base = sum(c.joined_at < lo and (c.left_at is None or c.left_at >= lo) for c in customers)
        lost = sum(c.left_at is not None and lo <= c.left_at < hi for c in customers)
        by_month[lo.strftime("%Y-%m")] = {
            "lost": lost,
            "base_end_prev_month": base,
            "churn_pct": round(100.0 * lost / base, 2),
        }
    churned = [c for c in customers if c.left_at and c.left_at >= WINDOW_START.date()]

    def group(c: Customer) -> str:
        if not c.scores:
            return "no_survey"
        m = sum(c.scores) / len(c.scores)
        return "detractor" if m <= 6 else "passive" if m < 9 else "promoter"

    groups = ["detractor", "passive", "promoter", "no_survey"]
    in_window = [c for c in customers if c.left_at is None or c.left_at >= WINDOW_START.date()]
    rates = {}
    for g in groups:
        members = [c for c in in_window if group(c) == g]
        gone = [c for c in members if c.left_at]
        rates[g] = {
            "customers": len(members),
            "churned": len(gone),
            "churn_pct": round(100.0 * len(gone) / max(1, len(members)), 2),
        }
    return {
        "churned_in_window": len(churned),
        "by_mean_survey_group": rates,
        "monthly": by_month,
        "note": "group = mean NPS of the customer's valid responses; loyal churners = "
        "promoter group with left_at set",
    }


def dump_json(obj: Any, indent: int = 0) -> str:
    """JSON with nested dicts indented and lists written on one line (compact labels)."""
    pad = "  " * (indent + 1)
    if isinstance(obj, dict) and obj:
        items = [
            f"{pad}{json.dumps(k, ensure_ascii=False)}: {dump_json(v, indent + 1)}"
            for k, v in obj.items()
        ]
        return "{\n" + ",\n".join(items) + "\n" + "  " * indent + "}"
    if isinstance(obj, list) and any(isinstance(v, dict) for v in obj):
        items = [pad + json.dumps(v, ensure_ascii=False) for v in obj]
        return "[\n" + ",\n".join(items) + "\n" + "  " * indent + "]"
    return json.dumps(obj, ensure_ascii=False)


# ----------------------------------------------------------------------------- calls
def plan_calls(seed: int, customers: list[Customer]) -> list[Row]:
    rng = rng_for(seed, "calls")
    plan = []
    for s in P.CALL_SCRIPTS:
        pool = sorted(
            (c for c in customers if c.lang == s["language"] and c.left_at is None),
            key=lambda c: c.customer_id,
        )
        plan.append(
            {
                **s,
                "customer_id": rng.choice(pool).customer_id,
                "file": f"{s['day']}/{s['call_id']}.flac",
                "started_at": f"{s['day']}T{s['time']}",
            }
        )
    return plan


def synth(text: str, voice: str, speed: int, pitch: int) -> tuple[Any, int]:
    import soundfile as sf

    with tempfile.TemporaryDirectory() as d:
        wav = Path(d) / "t.wav"
        subprocess.run(
            ["espeak-ng", "-v", voice, "-s", str(speed), "-p", str(pitch), "-w", str(wav), text],
            check=True,
            capture_output=True,
        )
        data, sr = sf.read(str(wav), dtype="float64")
    return data, sr


def resample(x: Any, sr_in: int, sr_out: int) -> Any:
    """FFT resampling with a cosine taper below the new Nyquist (deterministic, numpy only)."""
    import numpy as np

    pad = int(0.1 * sr_in)
    x = np.concatenate([np.zeros(pad), x, np.zeros(pad)])
    n_out = round(len(x) * sr_out / sr_in)
    spec = np.fft.rfft(x)[: n_out // 2 + 1].copy()
    taper = max(1, len(spec) // 8)
    spec[-taper:] *= np.cos(np.linspace(0, np.pi / 2, taper)) ** 2
    y = np.fft.irfft(spec, n_out) * (n_out / len(x))
    cut = round(pad * sr_out / sr_in)
    return y[cut : len(y) - cut]


def trim(x: Any, sr: int) -> Any:
    import numpy as np

    loud = np.flatnonzero(np.abs(x) > 0.02 * np.abs(x).max())
    margin = int(0.02 * sr)
    return x[max(0, loud[0] - margin) : loud[-1] + margin]


VOICES = {"en": "en-us", "ru": "ru", "uk": "uk", "ro": "ro"}


def make_calls(seed: int, out: Path, plan: list[Row]) -> None:
    import numpy as np
    import soundfile as sf

    rng = rng_for(seed, "call-timing")
    calls_dir = out / "calls"
    transcripts: list[Row] = []
    for n, call in enumerate(plan):
        base = VOICES[call["language"]]
        placed = []
        t = 0.6
        prev_end = t
        for i, (speaker, text, gap) in enumerate(call["turns"]):
            voice, speed, pitch, gain = (
                (f"{base}+f2", 158, 55, 0.5)
                if speaker == "agent"
                else (f"{base}+m3", 150, 40, 0.42)
            )
            audio, sr = synth(text, voice, speed, pitch)
            audio = resample(trim(audio, sr), sr, SR)
            audio = audio * (gain / np.abs(audio).max())
            g = 0.0 if i == 0 else (gap if gap is not None else round(rng.uniform(0.3, 1.5), 2))
            start = prev_end + g
            placed.append((speaker, text, start, audio))
            prev_end = max(prev_end, start + len(audio) / SR)
        total = prev_end + 0.8
        if not 30.0 <= total <= 90.0:
            raise SystemExit(f"{call['call_id']}: duration {total:.1f}s is outside 30-90 s")
        nrng = np.random.default_rng([seed, n])
        sig = nrng.normal(0.0, 10 ** (NOISE_DBFS / 20), size=(round(total * SR), 2))
        for speaker, text, start, audio in placed:
            ch = 0 if speaker == "agent" else 1
            i0 = round(start * SR)
            sig[i0 : i0 + len(audio), ch] += audio
            transcripts.append(
                {
                    "call_id": call["call_id"],
                    "channel": ch,
                    "speaker": speaker,
                    "start": round(start, 3),
                    "end": round(start + len(audio) / SR, 3),
                    "text": text,
                }
            )
        pcm = np.round(np.clip(sig, -1.0, 32767 / 32768) * 32768).astype(np.int16)
        path = calls_dir / call["file"]
        path.parent.mkdir(parents=True, exist_ok=True)
        sf.write(str(path), pcm, SR, format="FLAC", subtype="PCM_16")
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(
        [
            "call_id",
            "file",
            "started_at",
            "customer_id",
            "agent_id",
            "queue",
            "language",
            "channel_roles",
            "survey",
        ]
    )
    for c in plan:
        w.writerow(
            [
                c["call_id"],
                c["file"],
                c["started_at"],
                c["customer_id"],
                c["agent_id"],
                c["queue"],
                c["language"],
                "agent,customer",
                str(c["survey"]).lower(),
            ]
        )
    (calls_dir / "calls.csv").write_bytes(buf.getvalue().encode("utf-8"))
    lines = [
        json.dumps(t, ensure_ascii=False)
        for t in sorted(transcripts, key=lambda t: (t["call_id"], t["start"], t["channel"]))
    ]
    (calls_dir / "transcripts.jsonl").write_bytes(("\n".join(lines) + "\n").encode("utf-8"))


# ------------------------------------------------------------------------- assembly
def corrupt_customer(seed: int, customers: list[Customer]) -> Row:
    """A customer who never answered a survey gets an impossible join date."""
    rng = rng_for(seed, "customers-malformed")
    quiet = sorted(
        (c for c in customers if not c.scores and c.left_at is None), key=lambda c: c.customer_id
    )
    bad = rng.choice(quiet[len(quiet) // 3 :])
    bad.bad_joined = "31.02.2024"
    return {
        "file": "customers.csv",
        "id": bad.customer_id,
        "field": "joined_at",
        "value": "31.02.2024",
        "rule": "bad_date",
        "message": "joined_at is not a real date",
        "line": sorted(c.customer_id for c in customers).index(bad.customer_id) + 2,
    }


def reviews_truth(valid: list[Row]) -> dict[str, Any]:
    return {
        "valid": len(valid),
        "by_language": {lang: sum(r["lang"] == lang for r in valid) for lang in LANGS},
        "by_rating": {str(s): sum(r["rating"] == s for r in valid) for s in range(1, 6)},
    }


def social_truth(posts: list[Row]) -> dict[str, Any]:
    def ids(kind: str) -> list[str]:
        return [p["post_id"] for p in posts if p["kind"] == kind]

    def dups(kind: str) -> dict[str, str]:
        return {p["post_id"]: p["of"]["post_id"] for p in posts if p["kind"] == kind}

    kinds = ("genuine", "exact_duplicate", "near_duplicate", "spam", "html")
    return {
        "lines": len(posts) + 1,
        "valid_posts": len(posts),
        "by_kind": {k: len(ids(k)) for k in kinds},
        "exact_duplicates": dups("exact_duplicate"),
        "near_duplicates": dups("near_duplicate"),
        "spam": ids("spam"),
        "html": ids("html"),
    }


def calls_truth(plan: list[Row]) -> dict[str, Any]:
    out = {}
    for c in plan:
        gaps = [g for _, _, g in c["turns"] if g is not None]
        out[c["call_id"]] = {
            "file": c["file"],
            "language": c["language"],
            "customer_id": c["customer_id"],
            "survey": c["survey"],
            "nps_spoken": c["nps_spoken"],
            "nps_words": c.get("nps_words"),
            "topics": c["topics"],
            "long_hold_s": max([g for g in gaps if g > 0], default=None),
            "overtalk_s": -min([g for g in gaps if g < 0], default=0) or None,
        }
    return out


def build_truth(
    seed: int,
    customers: list[Customer],
    responses: list[Response],
    reviews: list[Row],
    posts: list[Row],
    plan: list[Row],
    notes: list[Row],
) -> dict[str, Any]:
    valid_reviews = [r for r in reviews if "malformed" not in r]
    valid_responses = [r for r in responses if not r.malformed]
    return {
        "seed": seed,
        "generator": "data/generate.py",
        "window": {"start": WINDOW_START.date().isoformat(), "end": WINDOW_END.date().isoformat()},
        "nps_model": f"nps = clip(round(customer_base ~ N({BASE_MEAN}, {BASE_SD}) + segment_adj "
        f"{SEGMENT_ADJ} + sum(planted_effect of mentioned topics) + N(0, {NOISE_SD})),"
        " 0, 10); impact_on_nps = NPS(all valid) - NPS(valid without the topic's "
        "mentioners)",
        "events": EVENTS,
        "surveys": survey_truth(responses),
        "churn": churn_truth(customers),
        "reviews": reviews_truth(valid_reviews),
        "social": social_truth(posts),
        "calls": calls_truth(plan),
        "malformed": notes,
        "labels": {
            "note": "id -> [language, topics]; language '' = empty/placeholder comment",
            "surveys": {r.response_id: [r.lang, r.topics] for r in valid_responses},
            "reviews": {r["review_id"]: [r["lang"], r["topics"]] for r in valid_reviews},
            "social": {p["post_id"]: [p["lang"], p["topics"]] for p in posts},
            "sarcastic": sorted(
                [r.response_id for r in valid_responses if r.sarcastic]
                + [r["review_id"] for r in valid_reviews if r["sarcastic"]]
            ),
        },
    }


# ----------------------------------------------------------------------------- main
def generate(out: Path, seed: int = DEFAULT_SEED, audio: bool = True) -> None:
    """Write the whole sample set into ``out`` (calls last; skipped with ``audio=False``)."""
    out.mkdir(parents=True, exist_ok=True)
    customers = make_customers(seed)
    decide_churn(seed, customers)
    responses, notes = make_surveys(seed, customers)
    notes.append(corrupt_customer(seed, customers))
    reviews, review_notes = make_reviews(seed, customers)
    posts, social_notes, bad_at = make_social(seed)
    notes += review_notes + social_notes
    plan = plan_calls(seed, customers)

    write_customers(out / "customers.csv", customers)
    write_surveys(out / "surveys.csv", responses)
    write_reviews(out / "reviews.csv", reviews)
    write_social(out / "social.jsonl", posts, bad_at)
    (out / ".gitattributes").write_bytes(b"# generated files: keep bytes exactly\n* -text\n")
    truth = build_truth(seed, customers, responses, reviews, posts, plan, notes)
    (out / "TRUTH.json").write_bytes((dump_json(truth) + "\n").encode("utf-8"))
    if audio:
        make_calls(seed, out, plan)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path("data/sample"), help="output folder")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument(
        "--no-audio",
        action="store_true",
        help="regenerate text files only; leave calls/ as it is (no espeak-ng)",
    )
    args = ap.parse_args(argv)
    generate(args.out, args.seed, audio=not args.no_audio)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
