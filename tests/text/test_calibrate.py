"""Refitting the tuned model's temperature on labelled feedback (vocnlp.text.calibrate)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from vocnlp.config import MODELS_DIR
from vocnlp.errors import InputError
from vocnlp.text.calibrate import (
    expected_calibration_error,
    fit_temperature,
    main,
    read_labelled,
)
from vocnlp.text.tuned import TUNED_FILE, TunedSentiment, load_tuned_arrays


def test_expected_calibration_error_measures_the_confidence_gap() -> None:
    y = np.array([0] * 10)
    right_at_90 = np.tile([0.9, 0.05, 0.05], (10, 1))
    assert expected_calibration_error(right_at_90, y) == pytest.approx(0.1)  # under-confident
    nine_of_ten = y.copy()
    nine_of_ten[0] = 1
    assert expected_calibration_error(right_at_90, nine_of_ten) == pytest.approx(0.0)
    assert expected_calibration_error(np.zeros((0, 3)), np.zeros(0, dtype=int)) == 0.0


def test_fit_temperature_recovers_the_temperature_labels_were_drawn_at() -> None:
    rng = np.random.default_rng(0)
    logits = rng.normal(0, 3, size=(4000, 3))
    scaled = np.exp(logits / 2.0)
    probs = scaled / scaled.sum(axis=1, keepdims=True)
    y = np.array([rng.choice(3, p=p) for p in probs])
    temperature, loss = fit_temperature(logits, y)
    assert 1.8 <= temperature <= 2.2 and 0 < loss < 1.1


def test_bad_calibration_rows_name_the_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "feedback.tsv"
    bad.write_text("id\tlang\tsentiment\ttext\na\ten\tpositive\tFine.\nb\ten\tgreat\tSuper.\n")
    with pytest.raises(InputError, match=r"feedback\.tsv, line 3"):
        read_labelled([bad])
    with pytest.raises(InputError, match=r"no labelled \.tsv"):
        read_labelled([tmp_path / "empty_dir_missing"])


def test_refit_changes_only_the_temperature(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--write stores the fitted temperature: same labels, new probabilities and model
    version, the card says where the temperature comes from; the figures per check set are
    printed for both temperatures."""
    model = tmp_path / TUNED_FILE
    shutil.copy(MODELS_DIR / TUNED_FILE, model)
    shutil.copy((MODELS_DIR / TUNED_FILE).with_suffix(".json"), model.with_suffix(".json"))
    data = tmp_path / "mine.tsv"
    rows = [
        ("negative", "The app logs me out every single day."),
        ("negative", "Третий раз переносят доставку, надоело."),
        ("positive", "Оператор все пояснив і допоміг, дякую!"),
        ("positive", "Livrare rapidă, produsul exact ca în poze."),
        ("neutral", "Can I change the delivery address after ordering?"),
    ]
    data.write_text(
        "id\tlang\tsentiment\ttext\n"
        + "".join(f"c{i}\ten\t{s}\t{t}\n" for i, (s, t) in enumerate(rows))
    )
    checks = tmp_path / "checks"
    checks.mkdir()
    shutil.copy(data, checks / "mine_check.tsv")
    before = TunedSentiment(model)
    texts = [t for _, t in rows]
    old_probs = before.probabilities(None, texts)
    assert (
        main(["--model", str(model), "--data", str(data), "--checks", str(checks), "--write"]) == 0
    )
    out = capsys.readouterr().out
    report = json.loads(out[: out.rindex("}") + 1])
    fitted = report["temperature"]["fitted"]
    assert report["temperature"]["current"] == pytest.approx(before.temperature)
    assert report["temperature"]["fit_n"] == 5 + 48  # the file + the CX hold-out sentences
    assert f"ece@{fitted:g}" in report["sets"]["mine_check"]
    after = TunedSentiment(model)
    assert after.temperature == pytest.approx(fitted) and after.version != before.version
    new_probs = after.probabilities(None, texts)
    assert (new_probs.argmax(axis=1) == old_probs.argmax(axis=1)).all()
    old_arrays, _ = load_tuned_arrays(MODELS_DIR / TUNED_FILE)
    new_arrays, _ = load_tuned_arrays(model)
    for key, value in old_arrays.items():
        if key not in ("temperature", "labels"):
            assert np.array_equal(value, new_arrays[key]), key
    meta = after.card
    assert meta["training_temperature"] == pytest.approx(before.temperature)
    assert meta["calibration"]["n"] == 53
    card = model.with_suffix(".md").read_text(encoding="utf-8")
    assert "python -m vocnlp.text.calibrate" in card and f"({round(fitted, 3)}," in card
