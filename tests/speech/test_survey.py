"""Spoken NPS scores in en/ru/uk/ro, linked to the utterance that says them."""

from __future__ import annotations

import pytest

from vocnlp.speech.survey import find_score, parse_score
from vocnlp.speech.transcript import Utterance


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("Eight. I would give you an eight.", 8),
        ("eight out of ten", 8),
        ("I'd say 9", 9),
        ("Три. Честно, три.", 3),
        ("Восемь.", 8),
        ("Ну, на восьмерку.", 8),
        ("Вісім.", 8),
        ("Дев'ять", 9),
        ("Nouă.", 9),
        ("opt din zece", 8),
        ("zece", 10),
        ("8, номер моей карты 4,539, 1,4,8,8", 8),
        ("my card is 4,539,148", None),
        ("no idea", None),
        ("a hundred", None),
    ],
)
def test_parse_score(text: str, score: int | None) -> None:
    assert parse_score(text) == score


def u(speaker: str, start: float, text: str) -> Utterance:
    return Utterance(speaker, 0 if speaker == "agent" else 1, start, start + 2, text, "en", -0.2, 0)


def test_score_follows_the_question() -> None:
    call = [
        u("agent", 0, "Do you have one minute for two questions?"),
        u("customer", 3, "Yes, one minute."),
        u("agent", 6, "How likely are you to recommend us, from zero to ten?"),
        u("customer", 10, "Hmm."),
        u("customer", 12, "Seven, I think."),
    ]
    found = find_score(call)
    assert found is not None
    assert (found.score, found.utterance, found.start) == (7, 4, 12)


def test_without_a_question_a_bare_number_counts() -> None:
    assert find_score([u("agent", 0, "Бажаєте оцінити?"), u("customer", 3, "Вісім.")]) is not None
    assert find_score([u("customer", 3, "I called two times about it")]) is None
    assert find_score([]) is None
