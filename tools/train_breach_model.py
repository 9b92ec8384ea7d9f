"""Trains the breach recogniser and writes breaches/recognise_model.json.gz; also the grouped cross-validation
that bench/bench_breaches.py reports.

    python tools/train_breach_model.py [--extra FILE ...]

Trains on our own labelled messages (tests/data/breaches.jsonl: breach reports and their look-alikes, written
in groups of one style each), the 812 employee questions (tests/data/questions.jsonl: none tells of a breach),
the inquiry texts of ../shared/corpus/inquiries when present (letters from data subjects: none is a breach
report), and any --extra files of real texts (kept outside the repository; each line has text, lang, label and
group, the source). Cross-validation holds out whole groups or sources. Needs scikit-learn (requirements-dev.txt).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import training  # noqa: E402  (tools/)

from breaches import signs  # noqa: E402
from breaches.recognise import BREACH, MODEL_FILE, features  # noqa: E402
from text.classifier import Model  # noqa: E402
from text.language import detect  # noqa: E402

OURS = ROOT / "tests" / "data" / "breaches.jsonl"
QUESTIONS = ROOT / "tests" / "data" / "questions.jsonl"
INQUIRIES = ROOT.parent / "shared" / "corpus" / "inquiries" / "corpus.jsonl"
C = 10.0  # inverse regularisation, chosen by grouped cross-validation (3, 10, 30 tried): 10 kept most breaches at few false alarms


@dataclass(frozen=True)
class Example:
    text: str
    lang: str
    label: str  # breach or not-breach
    group: str  # a style group of ours, a group of questions, or a source of real texts
    origin: str  # ours, questions, inquiries or real


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def read_ours(path: Path = OURS) -> list[Example]:
    return [Example(r["text"], r["lang"], r["label"], "ours:" + r["group"], "ours") for r in _rows(path)]


def read_questions(path: Path = QUESTIONS) -> list[Example]:
    return [Example(r["text"], r["lang"], "not-breach", "questions:" + r["group"], "questions") for r in _rows(path)]


def read_inquiries(path: Path = INQUIRIES) -> list[Example]:
    if not path.exists():
        return []
    return [Example(r["text"], r["lang"], "not-breach", "inquiries:" + r["group"], "inquiries") for r in _rows(path)]


def read_real(paths: list[Path]) -> list[Example]:
    return [Example(r["text"], r["lang"], r["label"], "real:" + r["group"], "real") for p in paths for r in _rows(p)]


def featurise(examples: list[Example]) -> list[list[str]]:
    """The features recognise() computes, the language read as it reads it (without a reader's hint)."""
    out = []
    for e in examples:
        language = detect(e.text[: signs.MAX_CHARS], among=("nb", "nn", "en"))
        out.append(features(e.text, signs.find(e.text), language))
    return out


def fit(feats: list[list[str]], labels: list[str], *, c: float = C) -> Model:
    return training.fit(feats, labels, c=c)


def cross_validate(
    examples: list[Example], *, folds: int = 8, c: float = C, feats: list[list[str]] | None = None
) -> list[float]:
    """Each example's probability of "breach" from a model that saw none of its group or source."""
    feats = feats or featurise(examples)
    out = [0.0] * len(examples)
    for train, test in training.grouped_folds([e.group for e in examples], folds):
        model = fit([feats[i] for i in train], [examples[i].label for i in train], c=c)
        for i in test:
            out[i] = model.probabilities(feats[i])[BREACH]
    return out


def held_out(train: list[Example], test: list[Example], *, c: float = C) -> list[float]:
    """Each `test` example's probability of "breach" from a model trained on `train` alone."""
    model = fit(featurise(train), [e.label for e in train], c=c)
    return [model.probabilities(f)[BREACH] for f in featurise(test)]


def load_all(extra: list[Path]) -> list[Example]:
    return read_ours() + read_questions() + read_inquiries() + read_real(extra)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extra", type=Path, nargs="*", default=[], help="real texts (JSON lines), outside the repo")
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    args = parser.parse_args()
    examples = load_all(args.extra)
    model = fit(featurise(examples), [e.label for e in examples])
    model.save(args.out)
    counts = {o: sum(e.origin == o for e in examples) for o in ("ours", "questions", "inquiries", "real")}
    print(
        f"{args.out}: {len(model.weights)} features from {len(examples)} texts "
        f"({', '.join(f'{n} {o}' for o, n in counts.items())}); {args.out.stat().st_size // 1024} KB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
