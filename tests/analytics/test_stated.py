"""Stated vs derived importance of CSI attributes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from vocnlp.analytics import STATED_COLUMNS, stated_vs_derived
from vocnlp.errors import InputError


@pytest.fixture(scope="module")
def survey() -> pd.DataFrame:
    rng = np.random.default_rng(4)
    n = 1500
    speed, assortment, manager = (rng.integers(1, 6, n) for _ in range(3))
    overall = np.clip(
        np.round(0.7 * speed + 0.1 * assortment + 0.2 * manager + rng.normal(0, 0.6, n)), 1, 5
    )
    return pd.DataFrame(
        {
            "csi": overall.astype(int),
            "csi_speed": speed,
            "csi_assortment": assortment,
            "csi_manager": manager,
            "imp_speed": rng.integers(1, 3, n),  # customers *say* speed matters little
            "imp_assortment": rng.integers(4, 6, n),
            "imp_manager": rng.integers(2, 4, n),
        }
    )


def test_derived_importance_finds_the_hidden_driver(survey: pd.DataFrame) -> None:
    out = stated_vs_derived(survey, n_boot=300).set_index("attribute")
    assert list(out.reset_index().columns) == STATED_COLUMNS
    assert out.index[0] == "speed"
    assert out.loc["speed", "quadrant"] == "hidden driver"
    assert out.loc["assortment", "quadrant"] == "overrated"
    assert out["stated_share"].sum() == pytest.approx(1.0)
    assert out["derived_share"].sum() == pytest.approx(1.0)
    assert (out["derived_ci_low"] <= out["derived_share"]).all()
    assert (out["derived_share"] <= out["derived_ci_high"]).all()
    expected = 100 * (survey["csi_speed"] >= 4).mean()
    assert out.loc["speed", "csi"] == pytest.approx(expected)


def test_stated_mapping_and_errors(survey: pd.DataFrame) -> None:
    plain = survey.drop(columns=[c for c in survey.columns if c.startswith("imp_")])
    out = stated_vs_derived(plain, {"speed": 1, "assortment": 1, "manager": 2}, n_boot=50)
    assert out.set_index("attribute").loc["manager", "stated_share"] == pytest.approx(0.5)
    with pytest.raises(InputError, match="stated importance"):
        stated_vs_derived(plain, n_boot=50)
    with pytest.raises(InputError):
        stated_vs_derived(plain, {"speed": 1}, n_boot=50)
    with pytest.raises(InputError):
        stated_vs_derived(plain[["csi"]], n_boot=50)
