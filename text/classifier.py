"""A trained linear text classifier: character n-grams, words and word pairs of a text, plus features the caller
adds (what rules found, the language), scored by weights kept in a small gzip JSON file.

Inference is plain Python: the features of a text are weighted as at training (sublinear term frequency times
inverse document frequency, scaled to unit length) and scored against each class's weights; a softmax gives
probabilities. The same `features` function is used to train (tools/training.py), so the two cannot drift
apart. Nothing is unpickled or executed when a model is loaded."""

from __future__ import annotations

import gzip
import json
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from text.normalise import fold, words

CHAR_NGRAMS = (2, 5)
MAX_CHARS = 20_000


def features(text: str, extra: Iterable[str] = ()) -> list[str]:
    """Every feature occurrence of a text: character 2-5-grams inside words (with a space at each end), words
    ("w "), word pairs ("p "), then the caller's `extra` features as given."""
    tokens = words(fold(text[:MAX_CHARS]))
    out: list[str] = []
    low, high = CHAR_NGRAMS
    for token in tokens:
        padded = f" {token} "
        for n in range(low, high + 1):
            if n > len(padded):
                break
            out.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    out.extend("w " + token for token in tokens)
    out.extend(f"p {a} {b}" for a, b in pairwise(tokens))
    out.extend(extra)
    return out


@dataclass(frozen=True)
class Model:
    classes: tuple[str, ...]
    weights: dict[str, tuple[float, list[float]]]  # feature -> (idf, one weight per class)
    intercepts: tuple[float, ...]
    temperature: float = 1.0

    def vector(self, feats: list[str]) -> dict[str, float]:
        """The features the model knows, weighted as at training."""
        known = {f: (1 + math.log(n)) * self.weights[f][0] for f, n in Counter(feats).items() if f in self.weights}
        norm = math.sqrt(sum(v * v for v in known.values())) or 1.0
        return {f: v / norm for f, v in known.items()}

    def probabilities(self, feats: list[str]) -> dict[str, float]:
        return self.scores(self.vector(feats))

    def scores(self, vector: dict[str, float]) -> dict[str, float]:
        """The probability of each class for a text's `vector`."""
        scores = list(self.intercepts)
        for f, v in vector.items():
            for i, w in enumerate(self.weights[f][1]):
                scores[i] += v * w
        top = max(scores)
        exps = [math.exp((s - top) / self.temperature) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}

    def to_json(self) -> dict:
        return {
            "classes": list(self.classes),
            "intercepts": [round(b, 5) for b in self.intercepts],
            "temperature": self.temperature,
            "features": {f: [round(idf, 4), [round(w, 4) for w in ws]] for f, (idf, ws) in self.weights.items()},
        }

    @classmethod
    def from_json(cls, data: dict) -> Model:
        return cls(
            classes=tuple(data["classes"]),
            weights={f: (idf, ws) for f, (idf, ws) in data["features"].items()},
            intercepts=tuple(data["intercepts"]),
            temperature=float(data.get("temperature", 1.0)),
        )

    def save(self, path: Path) -> None:
        raw = json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        path.write_bytes(gzip.compress(raw.encode(), compresslevel=9, mtime=0))


@lru_cache(maxsize=4)
def load(path: Path) -> Model:
    """A committed model (JSON: nothing is unpickled or executed); read once per process."""
    return Model.from_json(json.loads(gzip.decompress(path.read_bytes())))
