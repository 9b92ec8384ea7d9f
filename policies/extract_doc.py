"""The types the policy extractor shares: a proposed fact (Item), where it was found (Found), the document (Doc)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from policies.extract_text import normalise, units

KINDS = ("party", "contact", "dpo", "role", "subprocessor", "transfer", "retention", "deadline", "legal-basis")
RANK = {"high": 0, "medium": 1, "unsure": 2}


@dataclass(frozen=True)
class Item:
    """One proposed fact. `value` is JSON-serialisable; its shape depends on `kind` (see extract_policy)."""

    kind: str
    value: dict[str, Any]
    evidence: str
    confidence: str  # "high", "medium" or "unsure"


@dataclass(frozen=True)
class Found:
    """A fact where it was found: `key` says which facts are the same one (the best evidence is kept)."""

    item: Item
    key: tuple[Any, ...]
    at: int


class Doc:
    """The normalised text with its units and lines, and what is known so far about the organisation."""

    def __init__(self, text: str) -> None:
        self.text = normalise(text)
        self.units, self.lines = units(self.text)
        self.name: str | None = None  # the organisation's name, once found
        self.aliases: tuple[str, ...] = ()  # its short names ("Septer" for "Septer AS"), lower case
        self.domains: tuple[str, ...] = ()  # its e-mail domains
        self.vendors: dict[str, list[str]] = {}  # processors named, with the countries stated for each
