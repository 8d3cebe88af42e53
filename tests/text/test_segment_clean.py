from __future__ import annotations

from vocnlp.text.clean import CleanOptions, clean_text
from vocnlp.text.segment import split_clauses, split_sentences


def test_sentence_punctuation() -> None:
    text = "Hello! Is it open? Yes... it is. Dr. Smith paid 3.5 EUR. Thanks!!! Bye"
    assert split_sentences(text, "en") == [
        "Hello!",
        "Is it open?",
        "Yes... it is.",
        "Dr. Smith paid 3.5 EUR.",
        "Thanks!!!",
        "Bye",
    ]


def test_abbreviations_per_language() -> None:
    assert split_sentences("Цена 100 руб. в месяц, т.е. дорого. Но ладно.", "ru") == [
        "Цена 100 руб. в месяц, т.е. дорого.",
        "Но ладно.",
    ]
    assert split_sentences("Плачу 50 грн. на місяць, т.б. забагато. Але гаразд.", "uk") == [
        "Плачу 50 грн. на місяць, т.б. забагато.",
        "Але гаразд.",
    ]
    assert split_sentences("Am sunat la nr. 5 de pe str. Mare. Nimic.", "ro") == [
        "Am sunat la nr. 5 de pe str. Mare.",
        "Nimic.",
    ]


def test_newlines_bullets_and_wrapped_lines() -> None:
    text = "First line of a wrapped\nparagraph here.\nSecond point\n\n- bullet one\n- bullet two"
    assert split_sentences(text, "en") == [
        "First line of a wrapped paragraph here.",
        "Second point",
        "bullet one",
        "bullet two",
    ]


def test_empty_and_symbol_only() -> None:
    assert split_sentences(None, "en") == []
    assert split_sentences("  \n ", "en") == []
    assert split_sentences("!!! ...", "en") == []


def test_long_unpunctuated_text_is_capped() -> None:
    text = " ".join(["word"] * 300)
    parts = split_sentences(text, "en", max_chars=200)
    assert len(parts) > 1 and all(len(p) <= 200 for p in parts)


def test_contrastive_clauses() -> None:
    assert split_sentences(
        "The staff was lovely but the price is outrageous", "en", clauses=True
    ) == [
        "The staff was lovely",
        "but the price is outrageous",
    ]
    assert split_clauses("Персонал хороший, но цены кусаются") == [
        "Персонал хороший",
        "но цены кусаются",
    ]
    assert split_clauses("Персонал чудовий, але ціни зависокі") == [
        "Персонал чудовий",
        "але ціни зависокі",
    ]
    assert split_clauses("Personalul e bun, dar prețurile sunt mari") == [
        "Personalul e bun",
        "dar prețurile sunt mari",
    ]
    assert split_clauses("nothing but good things") == ["nothing but good things"]


def test_html_is_stripped() -> None:
    html = (
        "<html><head><title>t</title><script>var x = '<b>';alert(1)</script>"
        "<style>p{color:red}</style></head><body><p>Great&nbsp;<b>service</b> &amp; fast!</p>"
        "<!-- hidden --><br/>Second line</body></html>"
    )
    assert clean_text(html) == "Great service & fast!\n\nSecond line"
    assert clean_text("price < 10 and > 5") == "price < 10 and > 5"


def test_urls_unicode_and_whitespace() -> None:
    text = "See https://www.shop.md/cart?id=1. Or www.x.ro!\u200b  Preţul   e\tmare\n\n\n\nDa"
    assert clean_text(text) == "See shop.md. Or x.ro! Prețul e mare\n\nDa"
    assert clean_text("go to http://a.com/x", CleanOptions(urls="token")) == "go to URL"
    assert clean_text("go to http://a.com/x", CleanOptions(urls="keep")) == "go to http://a.com/x"
    assert clean_text(None) == ""
    assert clean_text(float("nan")) == ""  # type: ignore[arg-type]
