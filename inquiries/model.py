"""The trained inquiry model: the shared linear text classifier (text/classifier.py) with the rules' findings
and the language as extra features; its weights are model.json.gz, rebuilt by tools/train_inquiry_model.py."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from text import classifier

MODEL_FILE = Path(__file__).with_name("model.json.gz")


def features(text: str, rule_types: Iterable[str] = (), language: str | None = None) -> list[str]:
    """The text's features, one per type the rules found ("r erasure") and one for its language ("l nb")."""
    return classifier.features(text, [*("r " + t for t in rule_types), *(["l " + language] if language else [])])


def load() -> classifier.Model:
    return classifier.load(MODEL_FILE)
