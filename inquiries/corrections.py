"""The privacy team's type decisions as this company's examples: a new inquiry that reads almost like one whose
type the team set gets that type, so the same mistake is not made twice.

The examples are the inquiries on record (their text and the types the team set), so an example lives exactly
as long as its inquiry's text: when retention deletes the text, the example is gone. The texts' vectors are
kept in memory between inquiries, keyed by inquiry, and dropped as soon as that inquiry is no longer offered.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

# How alike two texts must be (cosine of the model's vectors) for the team's decision on one to decide the
# other. Measured on the real corpus: of the texts whose nearest other text from a different source was at
# least this alike, all 7 shared its type; between 0.6 and 0.7, 14 of 22 did.
SIMILAR = 0.7


@dataclass(frozen=True)
class Decided:
    """An inquiry whose type the privacy team set."""

    inquiry_id: int
    text: str
    types: tuple[str, ...]


@dataclass(frozen=True)
class Precedent:
    inquiry_id: int
    types: tuple[str, ...]
    similarity: float


class Memory:
    """The vectors of the decided inquiries, computed once each."""

    def __init__(self, vector_of: Callable[[str], dict[str, float]]) -> None:
        self._vector_of = vector_of
        self._vectors: dict[int, tuple[str, dict[str, float]]] = {}
        self._lock = threading.Lock()

    def nearest(self, vector: dict[str, float], decided: list[Decided]) -> Precedent | None:
        """The most alike decided inquiry, if it is alike enough."""
        best: Precedent | None = None
        for example in decided:
            similarity = _cosine(vector, self._vector(example))
            if similarity >= SIMILAR and (best is None or similarity > best.similarity):
                best = Precedent(example.inquiry_id, example.types, round(similarity, 3))
        with self._lock:  # forget the texts no longer offered (closed and purged, or decided otherwise)
            for gone in set(self._vectors) - {e.inquiry_id for e in decided}:
                del self._vectors[gone]
        return best

    def _vector(self, example: Decided) -> dict[str, float]:
        with self._lock:
            cached = self._vectors.get(example.inquiry_id)
        if cached is not None and cached[0] == example.text:
            return cached[1]
        vector = self._vector_of(example.text)
        with self._lock:
            self._vectors[example.inquiry_id] = (example.text, vector)
        return vector


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(f, 0.0) for f, v in a.items())
