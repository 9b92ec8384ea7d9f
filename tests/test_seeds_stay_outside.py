"""The seed policies are the companies' texts: the repository may hold facts read from them, never their prose."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from shared_seeds import SEEDS, needs_seeds

ROOT = Path(__file__).resolve().parents[1]
RUN = 15  # words in a row: longer than any address or period we keep as a fact


def _runs(text: str) -> set[str]:
    words = re.findall(r"\w+", text.casefold())
    return {" ".join(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


@needs_seeds
def test_no_file_in_the_repository_repeats_a_seed_policy() -> None:
    seeds: set[str] = set()
    for path in SEEDS.glob("*.txt"):
        seeds |= _runs(path.read_text(encoding="utf-8"))
    assert seeds
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    copied = []
    for name in tracked.split():
        path = ROOT / name
        if path.suffix not in (".py", ".md", ".txt", ".json", ".jsonl", ".tsv", ".html", ".csv") or not path.is_file():
            continue
        if _runs(path.read_text(encoding="utf-8", errors="replace")) & seeds:
            copied.append(name)
    assert copied == [], "prose of the seed policies is in the repository"
