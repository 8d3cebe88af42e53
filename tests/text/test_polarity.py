"""The English review polarity model: committed n-gram weights, blend, use in the stage."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vocnlp.config import MODELS_DIR
from vocnlp.errors import ConfigError
from vocnlp.text.enrich import EnrichOptions, classify_texts, model_versions
from vocnlp.text.polarity import (
    PolarityModel,
    blend_polarity,
    load_polarity,
    polarity_version,
    save_polarity,
)
from vocnlp.text.train_polarity import fit, main

LONG_REVIEW = (
    "Great phone plan for the price. The support team answered in two minutes and fixed my "
    "problem. Highly recommend."
)


@pytest.fixture(scope="module")
def model() -> PolarityModel:
    return load_polarity()


def test_committed_with_its_card(model: PolarityModel) -> None:
    meta = json.loads((MODELS_DIR / "polarity_en.json").read_text(encoding="utf-8"))
    for key in ("trained", "training_rows", "held_out", "features", "c"):
        assert key in meta, key
    assert len(model.coef) == meta["features"] > 10_000
    assert model.languages == ("en",)
    assert model.version == polarity_version() and model.version.startswith("polarity-")
    card = (MODELS_DIR / "polarity_en.md").read_text(encoding="utf-8")
    assert card.startswith("# Model card") and "| rt |" in card


def test_english_polarity_and_unknown_words(model: PolarityModel) -> None:
    odds = model.log_odds(
        [
            "A wonderful, moving film with brilliant performances.",
            "A dull, boring mess; a waste of two hours.",
            "Тариф дорогий, а зв'язок поганий.",  # no English words: no opinion
            "",
        ]
    )
    assert odds[0] > 1.0 and odds[1] < -1.0
    assert odds[2] == 0.0 and odds[3] == 0.0
    assert model.log_odds([]).shape == (0,)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.floats(0.01, 1.0), min_size=3, max_size=3),
    st.floats(-20, 20),
    st.floats(0, 5),
)
def test_blend_keeps_neutral_and_sums_to_one(raw: list[float], odds: float, weight: float) -> None:
    probs = np.array([raw]) / sum(raw)
    out = blend_polarity(probs, np.array([odds]), weight)
    assert out[0].sum() == pytest.approx(1.0)
    assert out[0, 1] == pytest.approx(probs[0, 1])
    before = probs[0, 2] - probs[0, 0]
    after = out[0, 2] - out[0, 0]
    if odds * weight > 0:
        assert after >= before - 1e-9
    elif odds * weight < 0:
        assert after <= before + 1e-9
    else:
        assert out == pytest.approx(probs)


def test_stage_blends_only_whole_english_texts(tmp_path: Path) -> None:
    on = EnrichOptions(cache_dir=tmp_path, polarity_weight=0.5)
    off = EnrichOptions(cache_dir=tmp_path)  # off by default
    texts = [
        LONG_REVIEW,
        "The courier was polite.",  # one sentence: the model is not used
        "Ліки допомогли за тиждень. Мігрень майже зникла, і я нарешті сплю всю ніч.",
    ]
    with_model, without = classify_texts(texts, on), classify_texts(texts, off)
    first_on, first_off = with_model[0]["sentiment_probs"], without[0]["sentiment_probs"]
    assert load_polarity().log_odds([LONG_REVIEW])[0] > 1.0  # its words say "good"
    assert first_on["positive"] > first_off["positive"] + 0.001
    assert first_on["negative"] < first_off["negative"]
    assert first_on["neutral"] == pytest.approx(first_off["neutral"], abs=1e-3)
    assert with_model[1]["sentiment_probs"] == without[1]["sentiment_probs"]
    assert with_model[2]["sentiment_probs"] == without[2]["sentiment_probs"]
    assert model_versions(on)["polarity"] == polarity_version()
    assert "polarity" not in model_versions(off)


def test_options_and_file_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="polarity_weight"):
        EnrichOptions(polarity_weight=-1)
    missing = tmp_path / "none.npz"
    with pytest.raises(ConfigError, match=r"none\.npz"):
        model_versions(EnrichOptions(polarity_model=missing, polarity_weight=0.5))
    broken = tmp_path / "broken.npz"
    broken.write_bytes(b"not a zip")
    with pytest.raises(ConfigError, match=r"broken\.npz"):
        load_polarity(broken)


def test_saved_model_scores_like_scikit_learn(tmp_path: Path) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = [
        ("great service, friendly staff", "positive"),
        ("friendly and fast, great value", "positive"),
        ("really great app, works fast", "positive"),
        ("slow app, rude staff", "negative"),
        ("terrible value and slow delivery", "negative"),
        ("rude and slow, terrible", "negative"),
    ] * 3
    train = pd.DataFrame(rows, columns=["text", "label"]).assign(weight=1.0)
    arrays = fit(train, c=4.0, max_features=1000, min_df=1)
    path = tmp_path / "pol.npz"
    save_polarity(path, languages=("en",), meta={"n": len(train)}, **arrays)
    model = load_polarity(path)
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1, max_features=1000)
    x = vec.fit_transform(train["text"])
    ref = LogisticRegression(C=4.0, max_iter=3000, class_weight="balanced")
    ref.fit(x, (train["label"] == "positive").astype(int))
    probe = ["great staff but slow app", "terrible rude service", "friendly"]
    assert model.log_odds(probe) == pytest.approx(
        ref.decision_function(vec.transform(probe)), abs=1e-4
    )
    assert json.loads(path.with_suffix(".json").read_text())["n"] == len(train)


def test_trainer_checks_its_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--wheels", "/nonexistent", "--c", "0"])
    assert "--c must be > 0" in capsys.readouterr().err


def test_profile_keys(tmp_path: Path) -> None:
    from vocnlp.config import Settings

    copy = tmp_path / "mine.npz"
    copy.write_bytes((MODELS_DIR / "polarity_en.npz").read_bytes())
    profile = tmp_path / "p.toml"
    profile.write_text(
        'name = "p"\n[text]\npolarity_weight = 0.25\npolarity_model = "mine.npz"\n',
        encoding="utf-8",
    )
    opts = EnrichOptions.from_settings(Settings(profile=str(profile), cache_dir=tmp_path))
    assert opts.polarity_weight == 0.25 and opts.polarity_model == copy
    assert model_versions(opts)["polarity"] == polarity_version(copy)
    bundled = EnrichOptions.from_settings(Settings(profile="offline", cache_dir=tmp_path))
    assert bundled.polarity_weight == 0.0 and "polarity" not in model_versions(bundled)
    assert bundled.polarity_model == MODELS_DIR / "polarity_en.npz"
