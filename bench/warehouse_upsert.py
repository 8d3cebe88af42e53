"""Re-ingest cost: vocnlp's hash-aware upsert vs the naive delete-and-reload baseline.

A daily job re-reads files that mostly did not change.  The baseline a user would write
replaces every row each run; vocnlp compares content hashes and writes only what changed.
Prints a table with both timings and their ratio, and writes bench/results/warehouse_upsert.json.

    .venv/bin/python bench/warehouse_upsert.py [--rows 200000] [--changed 0.01]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from vocnlp.store import Warehouse


def make_responses(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "response_id": [f"R{i:08d}" for i in range(n)],
            "customer_id": [f"C{i % 50_000:06d}" for i in range(n)],
            "answered_at": pd.Timestamp("2026-01-01")
            + pd.to_timedelta(rng.integers(0, 300 * 86400, n), unit="s"),
            "nps": rng.integers(0, 11, n),
            "csi": rng.integers(1, 6, n),
            "comment": rng.choice(["", "slow delivery", "great staff", "bill is wrong"], n),
        }
    )
    frame["content_hash"] = [
        hashlib.sha256(f"{a}|{b}|{c}".encode()).hexdigest()
        for a, b, c in zip(frame["response_id"], frame["nps"], frame["comment"], strict=True)
    ]
    return frame


def naive_reload(wh: Warehouse, frame: pd.DataFrame) -> None:
    wh.con.execute("DELETE FROM responses")
    wh.con.register("incoming", frame)
    cols = ", ".join(frame.columns)
    wh.con.execute(f"INSERT INTO responses ({cols}) SELECT {cols} FROM incoming")
    wh.con.unregister("incoming")


def timed(fn: object, *args: object) -> float:
    start = time.perf_counter()
    fn(*args)  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--changed", type=float, default=0.01, help="share of rows changed")
    args = parser.parse_args()
    day1 = make_responses(args.rows)
    day2 = day1.copy()
    changed = day2.sample(frac=args.changed, random_state=1).index
    day2.loc[changed, "nps"] = (day2.loc[changed, "nps"] + 1) % 11
    day2.loc[changed, "content_hash"] = day2.loc[changed, "content_hash"].str[::-1]
    with tempfile.TemporaryDirectory() as tmp:
        with Warehouse(Path(tmp) / "naive.duckdb") as wh:
            naive_reload(wh, day1)
            naive = timed(naive_reload, wh, day2)
        with Warehouse(Path(tmp) / "vocnlp.duckdb") as wh:
            wh.upsert("responses", day1, "run1")
            start = time.perf_counter()
            counts = wh.upsert("responses", day2, "run2")
            ours = time.perf_counter() - start
    result = {
        "rows": args.rows,
        "changed_share": args.changed,
        "naive_reload_s": round(naive, 3),
        "vocnlp_upsert_s": round(ours, 3),
        "ratio_naive_over_vocnlp": round(naive / ours, 2),
        "vocnlp_counts": counts.as_dict(),
    }
    print(f"{'rows':>10} {'changed':>8} {'naive s':>9} {'vocnlp s':>9} {'ratio':>6}")
    print(f"{args.rows:>10} {args.changed:>8.2%} {naive:>9.3f} {ours:>9.3f} {naive / ours:>6.2f}")
    print(f"vocnlp upsert: {counts.as_dict()}")
    out = Path(__file__).parent / "results" / "warehouse_upsert.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
