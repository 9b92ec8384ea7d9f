"""Honest quality of the inquiry classifier: grouped cross-validation on the real corpus, holding out whole
sources, with our own written examples only ever training. Also its speed.

    python bench/bench_classify.py [--corpus ../shared/corpus/inquiries/corpus.jsonl] [--extra FILE ...]
                                   [--folds 10] [--repeat 5]

Reports primary-type accuracy overall, per language and per type, request-or-not accuracy, how many real
requests came out as something that is not a request, freedom-of-information recall, the confusion table, and
accuracy above and below the "needs a look" confidence. Needs scikit-learn (requirements-dev.txt).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from train_inquiry_model import REAL, cross_validate, load_all  # noqa: E402

from inquiries.classify import NEEDS_A_LOOK, RIGHTS, TYPES, classify  # noqa: E402

SHORT = {t: t[:6] for t in TYPES} | {
    "withdraw-consent": "withdr",
    "automated-decision": "autom",
    "not-a-request": "not",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REAL)
    parser.add_argument("--extra", type=Path, nargs="*", default=[])
    parser.add_argument("--folds", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    real, ours = load_all(args.corpus, args.extra)
    if not real:
        print(f"No real corpus at {args.corpus}: nothing to measure quality on.")
        return 1
    print(
        f"real texts: {len(real)} from {len({e.group for e in real})} sources; our examples (train only): {len(ours)}"
    )
    predictions = cross_validate(real, ours, folds=args.folds)
    right = [p.primary == p.example.primary for p in predictions]
    n = len(predictions)
    print(f"\ngrouped {args.folds}-fold cross-validation (whole sources held out)")
    print(f"primary type:    {sum(right) / n:.3f} ({sum(right)}/{n})")
    is_right = [(p.primary in RIGHTS) == (p.example.primary in RIGHTS) for p in predictions]
    print(f"request or not:  {sum(is_right) / n:.3f} ({sum(is_right)}/{n})")
    requests = [p for p in predictions if p.example.primary in RIGHTS]
    lost = [p for p in requests if p.primary not in RIGHTS | {"complaint"}]
    flagged = sum(p.confidence < NEEDS_A_LOOK for p in lost)
    print(f"real requests read as no request: {len(lost)} of {len(requests)} ({flagged} of them as 'needs a look')")
    foi = [p for p in predictions if p.example.primary == "foi"]
    found = sum(p.primary == "foi" for p in foi)
    print(f"freedom-of-information recall: {found}/{len(foi)}")
    sure = [p for p in predictions if p.confidence >= NEEDS_A_LOOK]
    unsure = [p for p in predictions if p.confidence < NEEDS_A_LOOK]
    for label, part in ((f"confidence >= {NEEDS_A_LOOK}", sure), ("needs a look", unsure)):
        ok = sum(p.primary == p.example.primary for p in part)
        in_top = sum(p.example.primary in _top(p) for p in part)
        print(
            f"{label:<18} {len(part):>4} texts ({len(part) / n:.0%}): primary right {ok / max(1, len(part)):.3f}, "
            f"right type among the 3 buttons {in_top / max(1, len(part)):.3f}"
        )

    print(f"\n{'language':<10}{'texts':>6}{'primary':>9}")
    languages = Counter(p.example.language for p in predictions)
    for language, count in languages.most_common():
        ok = sum(p.primary == p.example.primary for p in predictions if p.example.language == language)
        print(f"{language:<10}{count:>6}{ok / count:>9.3f}")
    norwegian = [p for p in predictions if p.example.language in ("nb", "nn")]
    print(
        f"{'nb+nn':<10}{len(norwegian):>6}{sum(p.primary == p.example.primary for p in norwegian) / len(norwegian):>9.3f}"
    )

    print(f"\n{'type':<20}{'precision':>10}{'recall':>8}{'support':>9}")
    for t in TYPES:
        tp = sum(p.primary == t and p.example.primary == t for p in predictions)
        predicted = sum(p.primary == t for p in predictions)
        support = sum(p.example.primary == t for p in predictions)
        print(f"{t:<20}{tp / max(1, predicted):>10.2f}{tp / max(1, support):>8.2f}{support:>9}")

    print("\nconfusion (rows: label, columns: predicted)")
    print(" " * 8 + "".join(f"{SHORT[t]:>7}" for t in TYPES))
    for t in TYPES:
        row = Counter(p.primary for p in predictions if p.example.primary == t)
        print(f"{SHORT[t]:<8}" + "".join(f"{row.get(u, 0) or '.':>7}" for u in TYPES))

    texts = [e.text for e in real]
    latencies = []
    for _ in range(args.repeat):
        for text in texts:
            started = time.perf_counter()
            classify(text)
            latencies.append(time.perf_counter() - started)
    latencies.sort()
    print(
        f"\nclassify: {len(latencies) / sum(latencies):,.0f} texts/s, p50 {statistics.median(latencies) * 1000:.1f} ms,"
        f" p99 {latencies[int(0.99 * (len(latencies) - 1))] * 1000:.1f} ms"
    )
    return 0


def _top(prediction) -> list[str]:
    return [t for t, _ in prediction.decided.likely]


if __name__ == "__main__":
    raise SystemExit(main())
