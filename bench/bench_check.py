"""Benchmark of the Art. 28 checker on a 30-page DPA: check_text latency, p50 and p99.

    python bench/bench_check.py [--pages 30] [--repeat 50]

The document is the test DPAs (English and Norwegian, ours and partner-style) repeated until it has about
500 words a page, so every element is found and every sentence is read. The exit status is 1 when p99 misses
the target.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agreements.check import check_text  # noqa: E402

P99_TARGET_MS = 100.0
WORDS_PER_PAGE = 500
SAMPLES = ["complete_en.txt", "complete_nb.txt", "partner_en.txt", "partner_nb.txt"]


def document(pages: int) -> str:
    texts = [(ROOT / "tests" / "data" / "dpa" / name).read_text(encoding="utf-8") for name in SAMPLES]
    out: list[str] = []
    words = 0
    while words < pages * WORDS_PER_PAGE:
        text = texts[len(out) % len(texts)]
        out.append(text)
        words += len(text.split())
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()

    text = document(args.pages)
    check_text(text)  # warm up: compiles nothing new, but loads the modules' caches
    timings = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        results = check_text(text)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p50 = statistics.median(timings)
    p99 = timings[min(len(timings) - 1, round(0.99 * (len(timings) - 1)))]
    found = sum(r.present for r in results)
    print(f"python {platform.python_version()} on {platform.machine()}")
    print(
        f"document: {args.pages} pages, {len(text.split())} words, {len(text)} characters; {found}/{len(results)} found"
    )
    print(f"check_text x{args.repeat}: p50 {p50:.1f} ms, p99 {p99:.1f} ms (target p99 < {P99_TARGET_MS:.0f} ms)")
    return 0 if p99 < P99_TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
