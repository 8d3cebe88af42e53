"""Call experience as drivers: what happened on the respondent's calls before the answer.

A respondent's calls are those of :func:`vocnlp.analytics.join.calls_in_window`.  Each flag
is True when *any* of those calls shows it (respondents without calls have every flag
False, so ``call:any`` separates "called at all" from "had a bad call"):

==================  ======================================================================
call:any            at least one call in the window
call:repeat         at least ``repeat_calls`` calls in the window (repeat contact)
call:long_silence   a call's ``longest_silence_s`` (dead air between speech, from
                    ``call_metrics``) >= ``long_silence_s``
call:long_hold      a call's ``hold_s`` (telephony metadata, when the calls table has it)
                    >= ``hold_s``; without that column, a silence >= ``hold_s`` counts
call:overtalk       a call whose largest per-speaker ``overtalk_s`` >= ``overtalk_s`` or
                    whose interruptions (sum of ``overtalk_count``) >= ``interruptions``
call:transfer       a call with ``transfers`` >= 1 (only when the calls table has it)
==================  ======================================================================

This is how an NPS-vs-SLA disagreement shows up: calls answered within SLA can still carry
long holds or talking over the customer, and the flags' impact on NPS shows it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from vocnlp.errors import InputError

CALL_FLAGS = (
    "call:any",
    "call:repeat",
    "call:long_silence",
    "call:long_hold",
    "call:overtalk",
    "call:transfer",
)


@dataclass(frozen=True)
class CallDriverOptions:
    """Thresholds of the call flags (see the module doc).

    Attributes:
        long_silence_s: dead air (seconds) that counts as a long silence.
        hold_s: seconds of hold (or silence, without ``hold_s`` metadata) that count as a
            long hold.
        overtalk_s: seconds of simultaneous speech in one call that count as overtalk.
        interruptions: interruptions in one call that count as overtalk.
        repeat_calls: calls in the window that count as repeat contact.
    """

    long_silence_s: float = 8.0
    hold_s: float = 60.0
    overtalk_s: float = 3.0
    interruptions: int = 3
    repeat_calls: int = 2

    def __post_init__(self) -> None:
        if min(self.long_silence_s, self.hold_s, self.overtalk_s) <= 0:
            raise InputError("call thresholds must be positive")
        if self.interruptions < 1 or self.repeat_calls < 2:
            raise InputError("interruptions must be >= 1 and repeat_calls >= 2")


def _per_call(call_metrics: pd.DataFrame | None) -> pd.DataFrame:
    cols = ["longest_silence_s", "overtalk_s", "overtalk_count"]
    if call_metrics is None or call_metrics.empty:
        return pd.DataFrame(columns=cols, index=pd.Index([], name="call_id"), dtype=float)
    if "call_id" not in call_metrics.columns:
        raise InputError("call_metrics lack the column call_id needed for call drivers")
    m = call_metrics.reindex(columns=["call_id", *cols])
    for c in cols:
        m[c] = pd.to_numeric(m[c], errors="coerce")
    agg = m.groupby("call_id").agg(
        longest_silence_s=("longest_silence_s", "max"),
        overtalk_s=("overtalk_s", "max"),
        overtalk_count=("overtalk_count", "sum"),
    )
    return agg


def call_flags(
    pairs: pd.DataFrame,
    n: int,
    call_metrics: pd.DataFrame | None,
    options: CallDriverOptions | None = None,
) -> tuple[NDArray[np.bool_], list[str]]:
    """Boolean (n, flags) matrix from the response-call ``pairs`` (pos, call_id, ...).

    ``pairs`` may carry the calls' own ``hold_s`` and ``transfers`` columns; flags whose
    data are absent altogether (no ``transfers`` column) are left out.
    """
    opt = options or CallDriverOptions()
    per_call = _per_call(call_metrics)
    p = pairs.join(per_call, on="call_id", how="left") if len(pairs) else pairs
    pos = p["pos"].to_numpy(dtype=np.int64) if len(p) else np.zeros(0, np.int64)

    def col(name: str) -> NDArray[np.float64]:
        if name not in p.columns:
            return np.full(len(p), np.nan)
        return pd.to_numeric(p[name], errors="coerce").to_numpy(dtype=float)

    def any_of(mask: NDArray[np.bool_]) -> NDArray[np.bool_]:
        return np.bincount(pos[mask], minlength=n) > 0

    silence = col("longest_silence_s")
    hold = col("hold_s") if "hold_s" in p.columns else silence
    over = (col("overtalk_s") >= opt.overtalk_s) | (col("overtalk_count") >= opt.interruptions)
    n_calls = np.bincount(pos, minlength=n)
    flags: dict[str, NDArray[np.bool_]] = {
        "call:any": n_calls > 0,
        "call:repeat": n_calls >= opt.repeat_calls,
        "call:long_silence": any_of(silence >= opt.long_silence_s),
        "call:long_hold": any_of(hold >= opt.hold_s),
        "call:overtalk": any_of(over),
    }
    if "transfers" in p.columns:
        flags["call:transfer"] = any_of(col("transfers") >= 1)
    names = list(flags)
    return np.column_stack([flags[k] for k in names]), names
