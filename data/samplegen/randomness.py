"""Seeded random helpers: one stream per section, weighted picks, random days and times."""

from __future__ import annotations

import math
import random
from datetime import date, datetime, timedelta


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
