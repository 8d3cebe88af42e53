"""Benchmark: the full driver analysis on 1,000,000 responses x 40 topics, 1,000 resamples.

Measures ``vocnlp.analytics.driver_table`` (joins from the warehouse-shaped frames, impact,
z-tests + BH, Johnson's relative weights, OLS, logistic detractor model, and bootstrap CIs
of impact / weights / both models from 1,000 resamples) against a straightforward
pandas/statsmodels implementation on the same data: per resample ``df.sample(replace=True)``,
a per-topic pandas loop for the impacts, ``statsmodels`` OLS and Logit fits and a numpy
relative-weights computation.  The baseline is time-boxed: it runs the point estimate and
as many resamples as fit in ``--baseline-budget`` seconds (at least 2), and its
1,000-resample time is extrapolated linearly (the output says so).

Peak memory: the process's resident set sampled every 10 ms during the timed call, minus
its size just before (so the input frames are not counted); the absolute peak is in the JSON.

Usage: ``python bench/drivers.py [--n 1000000] [--topics 40] [--boot 1000]``; prints a table
and writes ``bench/results/drivers.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vocnlp.analytics import driver_table  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "drivers.json"


def make_data(n: int, k: int, seed: int) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Responses, mentions and feedback frames with planted topic effects."""
    rng = np.random.default_rng(seed)
    rates = np.exp(rng.uniform(np.log(0.002), np.log(0.10), k))
    effects = rng.normal(0.0, 1.2, k)
    x = rng.random((n, k)) < rates
    score = np.clip(np.round(rng.normal(7.6, 1.6, n) + x @ effects), 0, 10).astype(np.int64)
    ids = pd.Series(np.char.add("r", np.arange(n).astype(str)), dtype="string")
    responses = pd.DataFrame({"response_id": ids, "nps": score})
    fid = "survey:" + ids
    feedback = pd.DataFrame({"feedback_id": fid, "source": "survey", "source_id": ids})
    pos, topic = np.nonzero(x)
    names = np.array([f"topic_{j:02d}" for j in range(k)], dtype=object)
    mentions = pd.DataFrame(
        {
            "feedback_id": fid.to_numpy()[pos],
            "kind": "topic",
            "label": pd.Series(names[topic], dtype="string"),
            "sentiment": np.where(score[pos] <= 6, "negative", "positive"),
            "sentiment_score": np.where(score[pos] <= 6, -0.6, 0.6),
        }
    )
    return responses, mentions, feedback


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class PeakRss:
    """Peak resident memory while the block runs, sampled every 10 ms (MB)."""

    def __enter__(self) -> PeakRss:
        self.before = _rss_mb()
        self.peak = self.before
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.wait(0.01):
            self.peak = max(self.peak, _rss_mb())

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _rss_mb())

    @property
    def extra(self) -> float:
        return self.peak - self.before


def fast(frames: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame], boot: int) -> dict[str, Any]:
    small = (frames[0].head(2000), frames[1], frames[2])
    driver_table(*small, n_boot=10)  # warm-up: lazy imports (scipy) are not timed
    with PeakRss() as mem:
        start = time.perf_counter()
        table = driver_table(*frames, n_boot=boot, seed=1)
        seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "peak_extra_mb": mem.extra,
        "peak_rss_mb": mem.peak,
        "drivers": len(table),
        "bootstrap": table.attrs["bootstrap"],
    }


# --- the straightforward baseline ---------------------------------------------------------


def _baseline_once(df: pd.DataFrame, topics: list[str]) -> None:
    import statsmodels.api as sm

    cat = np.where(df["nps"] >= 9, 1.0, np.where(df["nps"] <= 6, -1.0, 0.0))
    df = df.assign(cat=cat)
    overall = 100 * df["cat"].mean()
    for t in topics:  # impact per topic
        others = df[~df[t]]
        _ = overall - 100 * others["cat"].mean()
    x = sm.add_constant(df[topics].astype(float))
    sm.OLS(df["nps"].astype(float), x).fit()
    sm.Logit((df["nps"] <= 6).astype(float), x).fit(disp=0)
    corr = np.corrcoef(np.column_stack([df[topics].to_numpy(float), df["nps"].to_numpy(float)]).T)
    rxx, rxy = corr[:-1, :-1], corr[:-1, -1]
    evals, evecs = np.linalg.eigh(rxx)
    lam = evecs @ np.diag(np.sqrt(evals)) @ evecs.T
    beta = np.linalg.solve(lam, rxy)
    _ = (lam**2) @ (beta**2)


def baseline(
    frames: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame], boot: int, budget: float
) -> dict[str, Any]:
    responses, mentions, feedback = frames
    start = time.perf_counter()
    m = mentions.merge(feedback, on="feedback_id")
    wide = pd.crosstab(m["source_id"], m["label"]) > 0
    wide = wide.reindex(responses["response_id"], fill_value=False).astype(bool)
    df = pd.concat([responses.set_index("response_id"), wide], axis=1)
    topics = [str(c) for c in wide.columns]
    _baseline_once(df, topics)
    point = time.perf_counter() - start
    done, loop_start = 0, time.perf_counter()
    while done < boot and (done < 2 or time.perf_counter() - start < budget):
        _baseline_once(df.sample(frac=1.0, replace=True, random_state=done), topics)
        done += 1
    per = (time.perf_counter() - loop_start) / max(done, 1)
    return {
        "point_seconds": point,
        "resamples_run": done,
        "seconds_per_resample": per,
        "seconds": point + per * boot,
        "extrapolated": done < boot,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--topics", type=int, default=40)
    ap.add_argument("--boot", type=int, default=1000)
    ap.add_argument("--baseline-budget", type=float, default=150.0)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args()

    frames = make_data(args.n, args.topics, args.seed)
    mentions = len(frames[1])
    ours = fast(frames, args.boot)
    base = baseline(frames, args.boot, args.baseline_budget)
    ratio = base["seconds"] / ours["seconds"]
    how = (
        f"extrapolated from {base['resamples_run']} resamples"
        if base["extrapolated"]
        else "measured"
    )
    print(
        f"driver analysis: {args.n:,} responses x {args.topics} topics ({mentions:,} mentions), "
        f"{args.boot:,} bootstrap resamples, {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    rows = [
        ("vocnlp driver_table (vectorized)", f"{ours['seconds']:.1f}", "1", ours["peak_extra_mb"]),
        (f"pandas/statsmodels loop ({how})", f"{base['seconds']:.0f}", f"{ratio:,.0f}", None),
    ]
    print(f"{'implementation':<58}{'seconds':>10}{'x slower':>10}{'peak extra MB':>15}")
    for name, secs, times, peak in rows:
        mem = "-" if peak is None else f"{peak:.0f}"
        print(f"{name:<58}{secs:>10}{times:>10}{mem:>15}")
    print(
        f"baseline: point estimate {base['point_seconds']:.1f} s + "
        f"{base['seconds_per_resample']:.1f} s/resample x {args.boot:,}"
    )
    print(f"bootstrap: {ours['bootstrap']}; target <= 30 s met: {ours['seconds'] <= 30}")
    result = {
        "n": args.n,
        "topics": args.topics,
        "mentions": mentions,
        "n_boot": args.boot,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "vocnlp": ours,
        "baseline": base,
        "ratio": ratio,
        "load_average": os.getloadavg(),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
