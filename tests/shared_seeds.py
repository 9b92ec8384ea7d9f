"""Where the tests find the five real privacy policies they read (Semac, SE-gruppen, Septer, IWMAC, Netsecurity).

They are the companies' texts, not ours, so the repository does not hold them: they are read from
`../shared/seeds` beside the repository (or from DPA_SEEDS), and a test that needs them skips when they are absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SEEDS = Path(os.environ.get("DPA_SEEDS") or Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds").resolve()
MISSING = "the shared seed policies are not here: " + (os.environ.get("DPA_SEEDS") or "../shared/seeds")
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=MISSING)


def seed(name: str) -> Path:
    """The path of one seed policy; the calling test skips when it is not there."""
    path = SEEDS / name
    if not path.is_file():
        pytest.skip(MISSING)
    return path
