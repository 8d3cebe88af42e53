"""Seeded generator for the vocnlp sample data set (run it with data/generate.py).

Writes customers.csv (cp1251, ``;``, dd.mm.yyyy, CRLF), surveys.csv (UTF-8 with BOM),
reviews.csv, social.jsonl, TRUTH.json and calls/ (FLAC 8 kHz stereo synthesized with
espeak-ng, calls.csv, transcripts.jsonl).  The same seed gives byte-identical files.
``--no-audio`` regenerates the text files only and leaves calls/ untouched (CI has no
espeak-ng).  Planted NPS drivers, malformed rows and per-record labels go to TRUTH.json;
data/README.md explains everything.

Text randomness uses ``random.Random`` (stable across Python versions) with one stream per
section, so the sections do not disturb each other; numpy is used only for the audio.

Modules: ``config`` (constants, planted drivers), ``randomness``, ``textnoise``,
``comments`` (comment composer), ``customers``, ``surveys``, ``reviews``, ``social``,
``calls`` (espeak-ng synthesis and mixing), ``truth`` (TRUTH.json), ``cli``, and the
``phrases`` package (phrase banks and call scripts).
"""

from __future__ import annotations

from .cli import generate, main

__all__ = ["generate", "main"]
