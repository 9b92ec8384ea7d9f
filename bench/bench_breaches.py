"""Honest quality of the breach recogniser: grouped cross-validation (whole style groups and sources held out).

Reports, for "breach" at the MAYBE threshold (offered the report, perhaps after a question) and at SURE
(offered at once): precision and recall on our own examples, Norwegian against English; the false-alarm rate on
the 812 employee questions and on the inquiry texts; the real public texts (--extra) predicted by a model that
saw none of them, and by cross-validation with them, whole sources held out. Needs scikit-learn.

    python bench/bench_breaches.py [--folds 8] [--extra ../../corpus-extra/breaches.jsonl] [--c 3]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from train_breach_model import C, Example, cross_validate, featurise, held_out, load_all  # noqa: E402

from breaches.recognise import MAYBE, SURE  # noqa: E402

EXTRA = ROOT.parent / "corpus-extra" / "breaches.jsonl"


def scores(examples: list[Example], probabilities: list[float], threshold: float) -> str:
    tp = sum(p >= threshold and e.label == "breach" for e, p in zip(examples, probabilities, strict=True))
    said = sum(p >= threshold for p in probabilities)
    real = sum(e.label == "breach" for e in examples)
    precision = f"{tp / said:.2f}" if said else "  - "
    recall = f"{tp / real:.2f}" if real else "  - "
    return f"precision {precision} ({tp}/{said}), recall {recall} ({tp}/{real})"


def report(title: str, examples: list[Example], probabilities: list[float]) -> None:
    print(f"\n{title}: {len(examples)} texts, {sum(e.label == 'breach' for e in examples)} breaches")
    for name, threshold in (("maybe", MAYBE), ("sure ", SURE)):
        print(f"  {name} (>= {threshold}): {scores(examples, probabilities, threshold)}")
    for langs, label in ((("nb", "nn"), "Norwegian"), (("en",), "English")):
        idx = [i for i, e in enumerate(examples) if e.lang in langs]
        if idx:
            sub, ps = [examples[i] for i in idx], [probabilities[i] for i in idx]
            print(f"    {label:<9} maybe: {scores(sub, ps, MAYBE)}")
    bands = ((0, MAYBE), (MAYBE, SURE), (SURE, 1.01))
    for low, high in bands:
        band = [e for e, p in zip(examples, probabilities, strict=True) if low <= p < high]
        hits = sum(e.label == "breach" for e in band)
        print(f"    probability {low:.2f}-{min(high, 1):.2f}: {len(band):>4} texts, {hits} breaches")


def false_alarms(title: str, examples: list[Example], probabilities: list[float]) -> None:
    n = len(examples)
    maybe = [e for e, p in zip(examples, probabilities, strict=True) if p >= MAYBE]
    sure = sum(p >= SURE for p in probabilities)
    print(
        f"\n{title}: {n} texts; asked 'is this a breach?' {len(maybe)} ({len(maybe) / max(1, n):.1%}), offered at once {sure}"
    )
    for e in maybe[:8]:
        print(f"    {e.text[:100]!r}")


def misses(examples: list[Example], probabilities: list[float], k: int = 10) -> None:
    wrong = [(e, p) for e, p in zip(examples, probabilities, strict=True) if (p >= MAYBE) != (e.label == "breach")]
    print(f"  wrong at maybe: {len(wrong)}; first {k}:")
    for e, p in wrong[:k]:
        print(f"    {e.label:<10} {p:.2f} {e.text[:95]!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=8)
    parser.add_argument("--c", type=float, default=C)
    parser.add_argument("--extra", type=Path, nargs="*", default=[EXTRA] if EXTRA.exists() else [])
    args = parser.parse_args()
    everything = load_all(args.extra)
    mine = [e for e in everything if e.origin != "real"]
    real = [e for e in everything if e.origin == "real"]
    print(f"grouped {args.folds}-fold cross-validation, C={args.c}; thresholds maybe {MAYBE}, sure {SURE}")

    probabilities = cross_validate(mine, folds=args.folds, c=args.c, feats=featurise(mine))
    ours = [i for i, e in enumerate(mine) if e.origin == "ours"]
    report("Our own examples (style groups held out)", [mine[i] for i in ours], [probabilities[i] for i in ours])
    misses([mine[i] for i in ours], [probabilities[i] for i in ours])
    for origin, title in (
        ("questions", "Employee questions (groups held out)"),
        ("inquiries", "Inquiry texts (sources held out)"),
    ):
        idx = [i for i, e in enumerate(mine) if e.origin == origin]
        if idx:
            false_alarms(title, [mine[i] for i in idx], [probabilities[i] for i in idx])

    if real:
        report("Real public texts, model trained without any of them", real, held_out(mine, real, c=args.c))
        misses(real, held_out(mine, real, c=args.c))
        together = cross_validate(everything, folds=args.folds, c=args.c)
        idx = [i for i, e in enumerate(everything) if e.origin == "real"]
        report(
            "Real public texts, cross-validated with them (whole sources held out)", real, [together[i] for i in idx]
        )
    else:
        print("\nNo real texts (--extra): only our own examples measured.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
