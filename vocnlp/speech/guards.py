"""Hallucination guards and language decisions for decoded call windows.

Whisper writes text where there is none: silence decoded as "Thank you.", hold music as
"Продолжение следует...", a noisy line as a loop of the same phrase.  :func:`segment_flag`
names the reason a segment is not trusted; flagged segments are kept (for auditing) but stay
out of the analytics: no feedback text, no talk time, no scores.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from vocnlp.speech.decoder import compression_ratio

FLAG_NO_SPEECH = "no_speech"
FLAG_REPETITION = "repetition"
FLAG_SILENCE = "silence"
FLAG_BOILERPLATE = "boilerplate"

_BOILERPLATE = re.compile(
    r"^(?:thanks? (?:you )?for watching|subscribe|субтитр|продолжение следует|"
    r"редактор субтитров|дякую за перегляд|mulțumesc pentru vizionare|"
    r"you$|thank you\.?$|bye\.?$|music|музыка|♪)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class GuardSettings:
    """Thresholds of the hallucination guards (Whisper's own defaults where they exist)."""

    no_speech_threshold: float = 0.6
    """A segment is silence decoded as text when no_speech_prob is above this ..."""
    logprob_threshold: float = -1.0
    """... and its mean token log-probability below this."""
    compression_ratio_threshold: float = 2.4
    """Text that gzip-compresses better than this is a repetition loop."""
    max_ngram_repeats: int = 3
    """A 2- to 4-word sequence said more often than this within a segment is a loop."""
    hallucination_silence_threshold: float = 0.35
    """A segment whose words lie on speech for less than this share of its time was
    decoded from the silence between speech regions."""


def repeated_ngrams(text: str, limit: int) -> bool:
    """True when some 2..4-word sequence occurs more than ``limit`` times."""
    words = [w for w in re.findall(r"\w+", text.lower()) if not w.isdigit()]
    for n in (2, 3, 4):
        grams = Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))
        if grams and max(grams.values()) > limit:
            return True
    return False


def segment_flag(
    text: str,
    avg_logprob: float,
    no_speech_prob: float,
    speech_share: float,
    settings: GuardSettings,
) -> str | None:
    """Why a decoded segment is not trusted, or None when it is fine."""
    s = settings
    if no_speech_prob > s.no_speech_threshold and avg_logprob < s.logprob_threshold:
        return FLAG_NO_SPEECH
    letters = re.sub(r"[\d\W]+", " ", text).strip()  # "4,111,111,111" is no loop
    if len(letters) >= 40 and compression_ratio(letters) > s.compression_ratio_threshold:
        return FLAG_REPETITION
    if repeated_ngrams(text, s.max_ngram_repeats):
        return FLAG_REPETITION
    if speech_share < s.hallucination_silence_threshold:
        return FLAG_SILENCE
    short = len(text.split()) <= 4
    if short and _BOILERPLATE.search(text.strip()) and (no_speech_prob > 0.2 or avg_logprob < -0.7):
        return FLAG_BOILERPLATE
    return None


def looping_segments(texts: Sequence[str], settings: GuardSettings) -> set[int]:
    """Indices of a window's segments that belong to a loop running across segments.

    Whisper stuck on noise or unintelligible speech often writes the same short sentence as
    segment after segment ("It's a tough job." x 11): each segment alone looks fine, the
    window as a whole does not.  When the window's joined text is a loop (compression ratio
    or repeated n-grams, as for one segment), every segment whose text (of at least two
    words) occurs more than once in the window is returned -- the first copy included, as
    the decoder had lost track there too.  Real repetitions ("Yes. Yes.") are short and do
    not make the whole window loop.
    """
    normal = [" ".join(re.findall(r"\w+", t.lower())) for t in texts]
    counts = Counter(n for n in normal if len(n.split()) >= 2)
    repeated = {n for n, c in counts.items() if c > 1}
    if not repeated:
        return set()
    joined = " ".join(texts)
    letters = re.sub(r"[\d\W]+", " ", joined).strip()
    loops = len(letters) >= 40 and compression_ratio(letters) > settings.compression_ratio_threshold
    if not loops and not repeated_ngrams(joined, settings.max_ngram_repeats):
        return set()
    return {i for i, n in enumerate(normal) if n in repeated}


@dataclass(frozen=True)
class LanguageChoice:
    """The language of a channel or call and how it was chosen."""

    code: str
    probability: float
    """1.0 for a hint; else the share of ``code`` among the allowed languages."""
    source: str
    """hint | detected | default (detection unsure: ``default_language`` was used)."""


def surest(choices: Iterable[LanguageChoice]) -> LanguageChoice | None:
    """The most probable of the ``detected`` choices, None when none was detected."""
    sure = [c for c in choices if c.source == "detected"]
    return max(sure, key=lambda c: c.probability) if sure else None


def language_scores(
    windows: Iterable[tuple[dict[str, float], float]], allowed: Sequence[str]
) -> dict[str, float]:
    """Speech-weighted mean of Whisper's probabilities, renormalised over ``allowed``."""
    totals = dict.fromkeys(allowed, 0.0)
    weight = 0.0
    for probs, speech_s in windows:
        mass = sum(probs.get(code, 0.0) for code in allowed)
        if mass <= 0 or speech_s <= 0:
            continue
        for code in allowed:
            totals[code] += speech_s * probs.get(code, 0.0) / mass
        weight += speech_s
    return {code: v / weight for code, v in totals.items()} if weight else {}


def choose_language(scores: dict[str, float], default: str, threshold: float) -> LanguageChoice:
    """The best-scoring allowed language, or ``default`` when it scores below ``threshold``."""
    if not scores:
        return LanguageChoice(default, 0.0, "default")
    best = max(scores, key=lambda code: scores[code])
    if scores[best] < threshold:
        return LanguageChoice(default, scores[best], "default")
    return LanguageChoice(best, scores[best], "detected")
