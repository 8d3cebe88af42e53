"""Survey responses (surveys.csv): NPS from the planted model, CSI, CLI, comments."""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from .comments import Comment, compose, mood_of
from .config import (
    CHANNELS,
    EVENTS,
    NOISE_SD,
    PLANTED,
    SEGMENT_ADJ,
    TOPICS,
    WINDOW_END,
    WINDOW_START,
    Row,
)
from .customers import Customer
from .randomness import clip_round, pick, rand_day, rand_time, rng_for, weighted_sample


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
