"""The ``hf`` sentiment backend on a tiny random BERT built here (no hub access)."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from vocnlp.errors import ConfigError
from vocnlp.text.enrich import EnrichOptions, enrich, model_versions

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

VOCAB = "the a is was not very good bad great terrible price staff service i it and"
WORDS = VOCAB.split()
TEXTS = [
    "the service was very good",
    "terrible price",
    "it is not good and the staff was bad",
    "great",
    "i",
]


def build_model(folder: Path, id2label: dict[int, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    vocab = folder / "vocab.txt"
    vocab.write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS]) + "\n")
    tokenizer = transformers.BertTokenizerFast(vocab_file=str(vocab), do_lower_case=True)
    config = transformers.BertConfig(
        vocab_size=5 + len(WORDS),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=37,
        max_position_embeddings=64,
        num_labels=len(id2label),
        id2label=id2label,
        label2id={v: k for k, v in id2label.items()},
    )
    torch.manual_seed(0)
    model = transformers.BertForSequenceClassification(config)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    labels = {0: "NEGATIVE", 1: "neutral", 2: "Positive"}
    return build_model(tmp_path_factory.mktemp("hf") / "tiny-sentiment", labels)


def test_batched_probabilities_match_one_by_one(tiny_model: Path) -> None:
    from vocnlp.text.backends.hf import HFSentiment

    batched = HFSentiment(tiny_model, device="cpu", batch_size=2)
    single = HFSentiment(tiny_model, device="cpu", batch_size=1)
    probs = batched.probabilities(None, TEXTS)
    assert probs.shape == (5, 3) and np.allclose(probs.sum(axis=1), 1.0)
    assert batched.batches_run == math.ceil(len(TEXTS) / 2)
    assert np.allclose(probs, single.probabilities(None, TEXTS), atol=1e-5)  # padding-neutral
    results = batched.predict(TEXTS)
    assert [r.label for r in results] == [
        ("negative", "neutral", "positive")[i] for i in probs.argmax(axis=1)
    ]
    assert batched.version.startswith("hf-tiny-sentiment-")


def test_label_mapping() -> None:
    from vocnlp.text.backends.hf import label_mapping

    assert label_mapping({0: "LABEL_0", 1: "LABEL_1"}) == ["negative", "positive"]
    stars = {i: f"{i + 1} star{'s' if i else ''}" for i in range(5)}
    assert label_mapping(stars) == ["negative", "negative", "neutral", "positive", "positive"]
    assert label_mapping({0: "bad", 1: "good"}, ["negative", "positive"]) == [
        "negative",
        "positive",
    ]
    with pytest.raises(ConfigError, match="sentiment_labels"):
        label_mapping({i: f"LABEL_{i}" for i in range(4)})


def test_enrich_with_hf_backend_and_cache(
    tiny_model: Path, options: EnrichOptions, tmp_path: Path
) -> None:
    opts = dataclasses.replace(
        options,
        sentiment_backend="hf",
        sentiment_model=str(tiny_model),
        device="cpu",
        cache_dir=tmp_path,
    )
    assert model_versions(opts)["sentiment"].startswith("hf-tiny-sentiment-")
    frame = pd.DataFrame({"feedback_id": ["x", "y"], "text": TEXTS[:2]})
    first = enrich(frame, opts)
    assert first.stats.sentiment_computed == 2
    assert first.feedback["sentiment"].isin(["negative", "neutral", "positive"]).all()
    again = enrich(frame, opts)
    assert again.stats.sentiment_computed == 0 and again.stats.embedded == 0
    pd.testing.assert_frame_equal(first.feedback, again.feedback)


def test_hf_errors(tmp_path: Path) -> None:
    from vocnlp.text.backends.hf import HFSentiment

    with pytest.raises(ConfigError, match="sentiment_model"):
        model_versions(EnrichOptions(sentiment_backend="hf"))
    with pytest.raises(ConfigError, match="cannot load"):
        HFSentiment(tmp_path / "missing", device="cpu").probabilities(None, ["x"])


@pytest.mark.gpu
def test_tiny_model_on_cuda(tiny_model: Path) -> None:
    from vocnlp.text.backends.hf import HFSentiment

    if not torch.cuda.is_available():
        pytest.skip("no CUDA GPU")
    gpu = HFSentiment(tiny_model, device="cuda").probabilities(None, TEXTS)
    cpu = HFSentiment(tiny_model, device="cpu").probabilities(None, TEXTS)
    assert np.allclose(gpu, cpu, atol=2e-2)  # float16 on the GPU


def test_hf_profile_keys(tiny_model: Path, tmp_path: Path) -> None:
    from vocnlp.config import Settings

    profile = tmp_path / "hf.toml"
    profile.write_text(
        'name = "hf"\n[text]\nsentiment = "hf"\n'
        f'sentiment_model = "{tiny_model.name}"\n'
        'sentiment_labels = ["negative", "neutral", "positive"]\n'
        'device = "cpu"\nsentiment_batch_size = 8\n',
        encoding="utf-8",
    )
    (tmp_path / tiny_model.name).symlink_to(tiny_model, target_is_directory=True)
    opts = EnrichOptions.from_settings(Settings(profile=str(profile), cache_dir=tmp_path))
    assert opts.sentiment_backend == "hf" and opts.device == "cpu"
    assert opts.sentiment_model == str(tmp_path / tiny_model.name)  # relative to the profile
    assert opts.sentiment_labels == ("negative", "neutral", "positive")
    assert opts.sentiment_batch_size == 8
