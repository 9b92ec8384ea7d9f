"""Benchmark of the inquiry classifier on the labelled corpus: per-type scores, accuracy, errors and speed.

    python bench/bench_classify.py [--corpus tests/data/inquiries.jsonl] [--repeat N]

Per-type precision, recall and F1 count a type as predicted when it is anywhere in `types` (support is the
number of items labelled with it); primary accuracy compares only the primary type; exact match compares the
sets. Latency is per classify() call, over --repeat passes of the whole corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from inquiries.classify import TYPES, classify  # noqa: E402

PRIMARY_ACCURACY_TARGET = 0.90


def load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def scores(items: list[dict[str, Any]], predicted: list[tuple[str, ...]]) -> dict[str, tuple[float, float, float, int]]:
    """type -> (precision, recall, F1, support), with a type counted wherever it appears in the type list."""
    out = {}
    for t in TYPES:
        tp = sum(t in p and t in item["types"] for item, p in zip(items, predicted, strict=True))
        fp = sum(t in p and t not in item["types"] for item, p in zip(items, predicted, strict=True))
        fn = sum(t not in p and t in item["types"] for item, p in zip(items, predicted, strict=True))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[t] = (precision, recall, f1, tp + fn)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "tests" / "data" / "inquiries.jsonl")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    items = load(args.corpus)

    results = [classify(item["text"]) for item in items]
    predicted = [r.types for r in results]
    print(
        f"corpus: {args.corpus.relative_to(ROOT) if args.corpus.is_relative_to(ROOT) else args.corpus}, {len(items)} items"
    )
    print(f"\n{'type':<20}{'precision':>10}{'recall':>8}{'F1':>7}{'support':>9}")
    for t, (p, r, f1, support) in scores(items, predicted).items():
        print(f"{t:<20}{p:>10.2f}{r:>8.2f}{f1:>7.2f}{support:>9}")

    primary_ok = sum(r.primary == item["types"][0] for item, r in zip(items, results, strict=True))
    exact = sum(set(r.types) == set(item["types"]) for item, r in zip(items, results, strict=True))
    language_ok = sum(r.language == item["language"] for item, r in zip(items, results, strict=True))
    accuracy = primary_ok / len(items)
    print(f"\nprimary accuracy:     {accuracy:.3f} ({primary_ok}/{len(items)}; target {PRIMARY_ACCURACY_TARGET:.2f})")
    print(f"type-set exact match: {exact / len(items):.3f} ({exact}/{len(items)})")
    print(f"language accuracy:    {language_ok / len(items):.3f} ({language_ok}/{len(items)})")

    print("\nmisclassified (primary or type set):")
    wrong = [
        (item, r)
        for item, r in zip(items, results, strict=True)
        if set(r.types) != set(item["types"]) or r.primary != item["types"][0]
    ]
    for item, r in wrong:
        mark = "PRIMARY" if r.primary != item["types"][0] else "set    "
        print(f"  {mark} {item['id']:<7} expected {','.join(item['types']):<40} got {','.join(r.types)}")
    if not wrong:
        print("  none")

    latencies: list[float] = []
    started = time.perf_counter()
    for _ in range(args.repeat):
        for item in items:
            t0 = time.perf_counter()
            classify(item["text"])
            latencies.append(time.perf_counter() - t0)
    elapsed = time.perf_counter() - started
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))]
    print(f"\nthroughput: {len(latencies) / elapsed:,.0f} inquiries/s ({len(latencies)} calls)")
    print(f"latency per call: p50 {statistics.median(latencies) * 1000:.3f} ms, p99 {p99 * 1000:.3f} ms")
    print(
        f"machine: nproc {os.cpu_count()}, Python {platform.python_version()} ({platform.python_implementation()}), {platform.machine()}"
    )
    return 0 if accuracy >= PRIMARY_ACCURACY_TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
