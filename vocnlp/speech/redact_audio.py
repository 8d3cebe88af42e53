"""Redact PII in the audio too: mute the words :mod:`vocnlp.text.pii` finds, using word times.

``pii_spans(utterance)`` gives the call-clock spans of an utterance's PII words;
``mute_spans(src, dst, spans)`` writes a copy of the recording (FLAC, native rate, all
channels) with those spans silenced on their channel.  The original file is not touched.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np

from vocnlp.speech.audio import AudioStream
from vocnlp.speech.transcript import Utterance
from vocnlp.text.pii import find_pii

Span = tuple[float, float]


def pii_spans(utterance: Utterance, pad_s: float = 0.1) -> list[Span]:
    """Call-clock spans of the words of ``utterance`` that are (part of) PII."""
    if not utterance.words:
        return []
    text, bounds = "", []
    for word, start, end in utterance.words:
        if text:
            text += " "
        bounds.append((len(text), len(text) + len(word), start, end))
        text += word
    spans: list[Span] = []
    for m in find_pii(text):
        hit = [(s, e) for a, b, s, e in bounds if a < m.end and m.start < b]
        if hit:
            spans.append((max(0.0, hit[0][0] - pad_s), hit[-1][1] + pad_s))
    return spans


def call_pii_spans(utterances: Iterable[Utterance]) -> dict[int, list[Span]]:
    """PII spans of every utterance, by channel."""
    out: dict[int, list[Span]] = {}
    for u in utterances:
        spans = pii_spans(u)
        if spans:
            out.setdefault(u.channel, []).extend(spans)
    return out


def mute_spans(src: str | Path, dst: str | Path, spans: Mapping[int, Iterable[Span]]) -> Path:
    """Write ``src`` to ``dst`` (FLAC) with ``spans`` (seconds) silenced per channel.

    A mono recording's channel 0 spans silence everything.  Returns ``dst``.
    """
    import soundfile as sf

    probe = AudioStream(src, sample_rate=_native_rate(src), block_s=None)
    audio = np.concatenate(list(probe), axis=1)
    assert probe.info is not None
    rate = probe.info.sample_rate
    for channel, items in spans.items():
        rows = [channel] if channel < audio.shape[0] else list(range(audio.shape[0]))
        for start, end in items:
            lo, hi = max(0, int(start * rate)), min(audio.shape[1], int(end * rate) + 1)
            audio[rows, lo:hi] = 0.0
    dst = Path(dst)
    dst.parent.mkdir(parents=True, exist_ok=True)
    sf.write(str(dst), audio.T, rate, format="FLAC", subtype="PCM_16")
    return dst


def _native_rate(path: str | Path) -> int:
    from vocnlp.speech.audio import probe_audio

    return probe_audio(path).sample_rate
