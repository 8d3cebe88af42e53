"""Call recordings (calls/): espeak-ng synthesis, resampling, two-channel mixing, FLAC.

Also writes calls.csv and the reference transcripts.jsonl.  numpy and soundfile are
imported only when audio is made (``--no-audio`` needs neither, nor espeak-ng).
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from .config import Row
from .customers import Customer
from .phrases import CALL_SCRIPTS
from .randomness import rng_for

SR = 8000
NOISE_DBFS = -45.0
VOICES = {"en": "en-us", "ru": "ru", "uk": "uk", "ro": "ro"}


def plan_calls(seed: int, customers: list[Customer]) -> list[Row]:
    rng = rng_for(seed, "calls")
    plan = []
    for s in CALL_SCRIPTS:
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
