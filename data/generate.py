#!/usr/bin/env python
"""Seeded generator for the vocnlp sample data set (the code is in data/samplegen/).

    python data/generate.py --out data/sample [--seed 7] [--no-audio]

data/README.md explains the data set and the generator's modules.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # data/ is not a package
from samplegen.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
