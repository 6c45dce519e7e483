"""The scale benchmark: synthetic data sets of N entities, the explainer against plain MkDocs + Material.

Run it as a module from the repository root: `python -m benchmarks.run` (what `make bench` runs).
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# The core lives in hooks/ (MkDocs puts it on the path for the build; the benchmark does it here).
if str(REPO / "hooks") not in sys.path:
    sys.path.insert(0, str(REPO / "hooks"))
