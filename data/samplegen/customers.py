"""Customers (customers.csv): segments, regions, languages, join dates and churn."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from .config import BASE_MEAN, BASE_SD, LANG_BY_COUNTRY, MD_REGIONS, UA_REGIONS, Row
from .randomness import pick, rand_day, rng_for


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


def write_customers(path: Path, customers: list[Customer]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(["customer_id", "segment", "region", "joined_at", "left_at"])
    for c in sorted(customers, key=lambda c: c.customer_id):
        joined = c.bad_joined or c.joined_at.strftime("%d.%m.%Y")
        left = c.left_at.strftime("%d.%m.%Y") if c.left_at else ""
        w.writerow([c.customer_id, c.segment, c.region, joined, left])
    path.write_bytes(buf.getvalue().encode("cp1251"))
