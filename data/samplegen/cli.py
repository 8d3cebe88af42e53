"""Seeded generator for the vocnlp sample data set.

``generate`` runs the sections in a fixed order and writes every file; ``main`` is the
command line of data/generate.py.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .calls import make_calls, plan_calls
from .config import DEFAULT_SEED
from .customers import corrupt_customer, decide_churn, make_customers, write_customers
from .reviews import make_reviews, write_reviews
from .social import make_social, write_social
from .surveys import make_surveys, write_surveys
from .truth import build_truth, dump_json


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
