"""Honest quality of the question intent model: grouped cross-validation over our labelled questions, whole
style groups held out. Reports accuracy overall, per language and per intent, the confusion, and accuracy above
and below the "sure" threshold. Needs scikit-learn (requirements-dev.txt).

    python bench/bench_questions.py [--folds 6]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from train_question_model import cross_validate, read  # noqa: E402

from chat.questions_intent import INTENTS, SURE  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=6)
    parser.add_argument("--c", type=float, default=None)
    args = parser.parse_args()
    questions = read()
    kwargs = {"c": args.c} if args.c else {}
    probabilities = cross_validate(questions, folds=args.folds, **kwargs)
    predicted = [max(p, key=p.__getitem__) for p in probabilities]
    right = [p == q.intent for p, q in zip(predicted, questions, strict=True)]
    n = len(questions)
    print(f"{n} questions in {len({q.group for q in questions})} style groups; grouped {args.folds}-fold CV")
    print(f"intent right: {sum(right) / n:.3f} ({sum(right)}/{n})")
    sure = [i for i, p in enumerate(probabilities) if max(p.values()) >= SURE]
    print(
        f"sure (>= {SURE}): {len(sure)} ({len(sure) / n:.0%}), right {sum(right[i] for i in sure) / max(1, len(sure)):.3f};"
        f" unsure right {sum(right[i] for i in range(n) if i not in set(sure)) / max(1, n - len(sure)):.3f}"
    )
    for low, high in ((0, 0.2), (0.2, 0.3), (0.3, 0.4), (0.4, 0.6), (0.6, 1.01)):
        band = [i for i, p in enumerate(probabilities) if low <= max(p.values()) < high]
        print(
            f"  confidence {low:.1f}-{min(high, 1):.1f}: {len(band)} questions, right {sum(right[i] for i in band) / max(1, len(band)):.3f}"
        )
    for lang in ("nb", "nn", "en"):
        idx = [i for i, q in enumerate(questions) if q.lang == lang]
        print(f"  {lang}: {sum(right[i] for i in idx) / max(1, len(idx)):.3f} ({len(idx)})")
    print(f"\n{'intent':<16}{'precision':>10}{'recall':>8}{'n':>5}")
    for t in INTENTS:
        tp = sum(p == t and q.intent == t for p, q in zip(predicted, questions, strict=True))
        pred = predicted.count(t)
        support = sum(q.intent == t for q in questions)
        print(f"{t:<16}{tp / max(1, pred):>10.2f}{tp / max(1, support):>8.2f}{support:>5}")
    print("\nmost frequent confusions (label -> predicted)")
    for (a, b), k in Counter(
        (q.intent, p) for p, q in zip(predicted, questions, strict=True) if p != q.intent
    ).most_common(12):
        print(f"  {a} -> {b}: {k}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
