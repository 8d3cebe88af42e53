"""PII redaction: what must go, and what analysts need to keep."""

from __future__ import annotations

import pytest

from vocnlp.text.pii import find_pii, redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("write to anna.k+vip@lumatel.co.uk please", "write to [EMAIL] please"),
        ("my card is 4111 1111 1111 1111, thanks", "my card is [CARD], thanks"),
        ("карта 5500-0000-0000-0004", "карта [CARD]"),
        ("IBAN RO49 AAAA 1B31 0075 9384 0000 please", "IBAN [IBAN] please"),
        ("рахунок UA213223130000026007233566001", "рахунок [IBAN]"),
        ("call me at +7 916 123-45-67", "call me at [PHONE]"),
        ("мой номер 8 (916) 123-45-67", "мой номер [PHONE]"),
        ("мій номер +380 67 123 4567", "мій номер [PHONE]"),
        ("мій номер 067 123 45 67", "мій номер [PHONE]"),
        ("numărul meu este 0721 234 567", "numărul meu este [PHONE]"),
        ("sunați la +40 721 234 567", "sunați la [PHONE]"),
        ("ring (415) 555-0100 now", "ring [PHONE] now"),
        ("CNP 1850101123456 in file", "CNP [ID] in file"),
        ("ИНН 7707083893", "ИНН [ID]"),
        ("СНИЛС 112-233-445 95", "СНИЛС [ID]"),
        ("SSN 078-05-1120", "SSN [ID]"),
        ("паспорт 45 03 123456", "паспорт [ID]"),
        ("Sure. It is four four seven, two one nine, zero five.", "Sure. It is [DIGITS]."),
        ("номер сім три нуль два вісім один пʼять", "номер [DIGITS]"),
        ("номер семь три ноль два восемь один", "номер [DIGITS]"),
        ("contul este unu doi trei patru cinci șase", "contul este [DIGITS]"),
    ],
)
def test_redacts(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I paid 1,500 on 12.03.2024 at 14:30",
        "I would give you a nine out of ten",
        "Я бы поставил восемь",
        "order 4111 1111 1111 1112 failed",  # 16 digits but not a Luhn number: kept... as ID
        "two or three days",
        "",
    ],
)
def test_keeps_what_analysts_need(text: str) -> None:
    out = redact(text)
    if "4111" in text:
        assert "[CARD]" not in out
    else:
        assert out == text


def test_spans_cover_the_pii() -> None:
    text = "mail me: a@b.io or call +40 721 234 567"
    spans = [(m.kind, text[m.start : m.end]) for m in find_pii(text)]
    assert spans == [("EMAIL", "a@b.io"), ("PHONE", "+40 721 234 567")]
