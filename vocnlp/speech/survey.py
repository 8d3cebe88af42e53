"""Spoken survey answers: the 0-10 "would you recommend" score said in a survey call.

The agent asks the NPS question ("how likely are you to recommend...", "порекомендуете",
"порекомендуєте", "recomandați"); the customer's next utterances (or a mixed speaker's
utterances after the question) are searched for a score said as digits or number words in
en/ru/uk/ro: "eight", "восемь", "вісім", "opt", "8", "an eight", "на восьмерку"...
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from vocnlp.speech.transcript import Utterance

SCORE_WORDS: dict[str, int] = {
    # en
    "zero": 0, "nought": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    # ru (with the common colloquial forms)
    "ноль": 0, "нуль": 0, "один": 1, "одна": 1, "единица": 1, "единицу": 1, "два": 2,
    "две": 2, "двойка": 2, "двойку": 2, "три": 3, "тройка": 3, "тройку": 3, "четыре": 4,
    "четверка": 4, "четверку": 4, "пять": 5, "пятерка": 5, "пятерку": 5, "шесть": 6,
    "шестерка": 6, "шестерку": 6, "семь": 7, "семерка": 7, "семерку": 7, "восемь": 8,
    "восьмерка": 8, "восьмерку": 8, "девять": 9, "девятка": 9, "девятку": 9, "десять": 10,
    "десятка": 10, "десятку": 10,
    # uk
    "дві": 2, "чотири": 4, "пʼять": 5, "шість": 6, "сім": 7, "вісім": 8, "девʼять": 9,
    "вісімку": 8, "девʼятку": 9,
    # ro
    "unu": 1, "una": 1, "doi": 2, "două": 2, "doua": 2, "trei": 3, "patru": 4, "cinci": 5,
    "șase": 6, "şase": 6, "sase": 6, "șapte": 7, "şapte": 7, "sapte": 7, "opt": 8,
    "nouă": 9, "noua": 9, "zece": 10,
}  # fmt: skip

QUESTION = re.compile(
    r"recommend|рекоменд|recomand|likely|вероятн|ймовірн|probabil|"
    r"scale (?:of|from) (?:0|zero)|шкал|scară|scara",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"\d+|[^\W\d_]+(?:['’ʼ][^\W\d_]+)?", re.UNICODE)
_APOSTROPHES = str.maketrans({"'": "ʼ", "’": "ʼ"})
_NOT_A_SCORE = re.compile(r"\b(?:out of|из|з|din|from|від|от|de la)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class SpokenScore:
    """A 0-10 score found in a call."""

    score: int
    """0..10."""
    utterance: int
    """Index of the utterance it was said in."""
    start: float
    """When that utterance starts, seconds from the call start."""


def parse_score(text: str) -> int | None:
    """The first 0-10 score in ``text`` ("Eight. I would give you an eight." -> 8).

    A number that follows "out of"/"из"/"din" ("eight out of ten" -> 8, not 10) is the scale,
    not the score.  Returns None when no score is said.
    """
    for m in _TOKEN.finditer(text):
        word = m.group().lower().translate(_APOSTROPHES)
        if word.isdigit() and (
            re.match(r"[,.]\d", text[m.end() : m.end() + 2])
            or re.search(r"\d[,.]$", text[max(0, m.start() - 2) : m.start()])
        ):
            continue  # part of a longer number: "4,111,111", "2.5"
        value = int(word) if word.isdigit() and len(word) <= 2 else SCORE_WORDS.get(word)
        if value is None or value > 10:
            continue
        if _NOT_A_SCORE.search(text[: m.start()]):
            continue
        return value
    return None


def find_score(
    utterances: Sequence[Utterance],
    respondent: Sequence[str] = ("customer", "mixed"),
    window_s: float = 30.0,
) -> SpokenScore | None:
    """The score the respondent says within ``window_s`` after the recommend question.

    Without a recognisable question, the respondent's first utterance that is nothing but a
    score ("Nine.", "Вісім.") is taken.
    """
    for i, u in enumerate(utterances):
        if not QUESTION.search(u.text):
            continue
        for j in range(i + 1, len(utterances)):
            answer = utterances[j]
            if answer.start - u.end > window_s:
                break
            if answer.speaker not in respondent or answer.speaker == u.speaker != "mixed":
                continue
            score = parse_score(answer.text)
            if score is not None:
                return SpokenScore(score, j, answer.start)
    for j, answer in enumerate(utterances):
        words = _TOKEN.findall(answer.text)
        if answer.speaker in respondent and 0 < len(words) <= 3:
            score = parse_score(answer.text)
            if score is not None:
                return SpokenScore(score, j, answer.start)
    return None
