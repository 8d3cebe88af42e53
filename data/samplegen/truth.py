"""TRUTH.json: planted facts, measured NPS/churn, malformed rows and per-record labels."""

from __future__ import annotations

import itertools
import json
from datetime import date
from typing import Any

from .config import (
    BASE_MEAN,
    BASE_SD,
    EVENTS,
    LANGS,
    NOISE_SD,
    PLANTED,
    SEGMENT_ADJ,
    TOPICS,
    WINDOW_END,
    WINDOW_START,
    Row,
)
from .customers import Customer
from .surveys import Response


def nps_of(scores: list[int]) -> float:
    if not scores:
        return float("nan")
    pro = sum(s >= 9 for s in scores)
    det = sum(s <= 6 for s in scores)
    return round(100.0 * (pro - det) / len(scores), 2)


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
