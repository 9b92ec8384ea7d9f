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
    parser.add_argument("--answers", action="store_true", help="also answer each held-out question through ask")
    args = parser.parse_args()
    if args.answers:
        return answers(args.folds)
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


def answers(folds: int) -> int:
    """Each question answered by `ask` on the registry it is about (the other company's registry for "any"),
    with an intent model that saw none of its group: how many got an answer of the right kind, how many got an
    answer of another kind (a wrong answer), and how many an honest "I don't know"."""
    import tempfile

    import training
    from train_question_model import featurise, registries

    import chat.questions_intent as questions_intent
    from chat import Context, Services, dispatch

    questions = read()
    feats = featurise(questions)
    known = registries()
    outcome: Counter[str] = Counter()
    wrong: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        for k, (train, test) in enumerate(training.grouped_folds([q.group for q in questions], folds)):
            model = training.fit([feats[i] for i in train], [questions[i].intent for i in train], c=10.0)
            path = Path(folder) / f"fold{k}.json.gz"
            model.save(path)
            questions_intent.MODEL_FILE = path
            for i in test:
                q = questions[i]
                registry = known["demo" if q.registry == "demo" else "other"]
                services = Services(registry=registry)
                line = "ask " + q.text
                reply = dispatch(Context(services=services, user="bench", line=line, is_dpo=False), line)
                said = reply.data.get("intent")
                if not reply.data.get("answered") and q.intent != "out-of-scope":
                    outcome["I don't know"] += 1
                    outcome["  unsure of the intent" if said == "unknown" else "  found no subject or facts"] += 1
                elif said == q.intent or (q.intent == "out-of-scope" and not reply.data.get("answered")):
                    outcome["right kind"] += 1
                else:
                    outcome["other kind"] += 1
                    wrong.append((q.intent, str(said), q.text))
    n = len(questions)
    print(f"{n} questions through `ask`, intent model from the other groups ({folds} folds):")
    for key in ("right kind", "other kind", "I don't know", "  unsure of the intent", "  found no subject or facts"):
        print(f"  {key:<13} {outcome[key]:>4} ({outcome[key] / n:.1%})")
    print("answers of another kind (label -> answered as), first 15:")
    for label, said, text in wrong[:15]:
        print(f"  {label} -> {said}: {text[:90]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
