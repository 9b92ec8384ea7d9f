"""Benchmark of the privacy-policy extractor: precision and recall per fact kind, and time per document.

    python bench/bench_extract.py [--runs 5] [--show] [--only NAME ...]

The documents are the five seed policies (../shared/seeds, or DPA_SEEDS) and our test policies; the truth
is the hand-written tests/data/policies/expected.json. A proposed item is right when it matches an expected fact
of its kind on the fields that identify it (below); each expected fact is matched at most once. --show lists the
misses and the extra items. Documents marked held_out in expected.json were written after the extractor was tuned
on the others; their line is the fairer estimate.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import string
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from policies.extract import KINDS, extract_policy  # noqa: E402
from registry.names import normalise  # noqa: E402

EXPECTED = ROOT / "tests" / "data" / "policies" / "expected.json"
# The seed policies are the companies' texts, kept beside the repository, not in it.
SEEDS = Path(os.environ.get("DPA_SEEDS") or ROOT / ".." / "shared" / "seeds").resolve()


def same_name(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is b
    x, y = normalise(a).split(), normalise(b).split()
    shorter, longer = sorted((x, y), key=len)
    return bool(shorter) and longer[: len(shorter)] == shorter


def matches(kind: str, got: dict[str, Any], want: dict[str, Any]) -> bool:
    """Whether a proposed value is the expected fact, on the fields that say which fact it is."""
    if kind == "party":
        return same_name(got["name"], want["name"])
    if kind == "contact":
        return (got["email"], got["purpose"]) == (want["email"], want["purpose"])
    if kind == "dpo":
        return got["email"] == want["email"] and same_name(got["of"], want["of"])
    if kind == "role":
        return got["role"] == want["role"]
    if kind == "subprocessor":
        return same_name(got["name"], want["name"]) and same_name(got["of"], want["of"])
    if kind == "transfer":
        return (
            same_name(got["importer"], want["importer"])
            and got["country"] == want["country"]
            and got["mechanism"] == want["mechanism"]
        )
    if kind == "retention":
        return (got["min_months"], got["max_months"]) == (want["min_months"], want["max_months"])
    if kind == "deadline":
        keys = ("days", "months", "extendable_months")
        return all(got[k] == want[k] for k in keys)
    if kind == "legal-basis":
        return got["article"] == want["article"]
    raise ValueError(kind)


def score(items: list[dict[str, Any]], want: list[dict[str, Any]], kind: str) -> tuple[int, list[Any], list[Any]]:
    """True positives, the extra items and the missed facts."""
    left = list(want)
    extra = []
    for got in items:
        hit = next((w for w in left if matches(kind, got, w)), None)
        if hit is None:
            extra.append(got)
        else:
            left.remove(hit)
    return len(want) - len(left), extra, left


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per document")
    parser.add_argument("--show", action="store_true", help="list misses and extra items")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="score only these documents (names in expected.json)")
    args = parser.parse_args()
    documents = json.loads(EXPECTED.read_text(encoding="utf-8"))["documents"]
    totals = {k: [0, 0, 0] for k in KINDS}  # true positives, proposed, expected
    held_out = {k: [0, 0, 0] for k in KINDS}
    times: list[tuple[str, int, float]] = []
    for name, doc in documents.items():
        if args.only and name not in args.only:
            continue
        path = SEEDS / doc["seed"] if "seed" in doc else (ROOT / doc["source"]).resolve()
        if not path.is_file():
            print(f"skipped {name}: {path} not found")
            continue
        text = path.read_text(encoding="utf-8")
        samples = []
        for _ in range(args.runs):
            began = time.perf_counter()
            items = extract_policy(text)
            samples.append((time.perf_counter() - began) * 1000)
        times.append((name, len(text.split()), statistics.median(samples)))
        for kind in KINDS:
            got = [i.value for i in items if i.kind == kind]
            want = doc["facts"].get(kind, [])
            hits, extra, missed = score(got, want, kind)
            totals[kind][0] += hits
            totals[kind][1] += len(got)
            totals[kind][2] += len(want)
            if doc.get("held_out"):
                row = held_out[kind]
                row[0], row[1], row[2] = row[0] + hits, row[1] + len(got), row[2] + len(want)
            if args.show:
                for value in extra:
                    print(f"  extra  {name:12} {kind:12} {json.dumps(value, ensure_ascii=False)}")
                for value in missed:
                    print(f"  missed {name:12} {kind:12} {json.dumps(value, ensure_ascii=False)}")
    print("\nall documents")
    _table(totals)
    print("\nheld-out documents only")
    _table(held_out)
    print(f"\n{'document':14}{'words':>7}{'ms (median)':>13}")
    for name, words, ms in times:
        print(f"{name:14}{words:>7}{ms:>13.1f}")
    if times:
        print(f"{'mean':14}{'':>7}{statistics.mean(t[2] for t in times):>13.1f}")
    print(f"\n{'hostile text (40,000 characters)':44}{'ms':>8}")
    for label, text in _hostile():
        began = time.perf_counter()
        extract_policy(text)
        print(f"{label:44}{(time.perf_counter() - began) * 1000:>8.0f}")
    return 0


def _hostile() -> list[tuple[str, str]]:
    """Texts no policy looks like, shaped to find the patterns' worst cases: each once was seconds or minutes."""
    rng = random.Random(1)

    def word(n: int) -> str:
        return rng.choice(string.ascii_uppercase) + "".join(rng.choices(string.ascii_lowercase, k=n - 1))

    texts = [
        ("one 40,000-character word", "A" * 40_000),
        ("capitalised 20-letter words, no full stop", " ".join(word(20) for _ in range(2_000))),
        ("capitalised words, every third with AS", " ".join(word(8) + " AS" * (i % 3 == 0) for i in range(5_000))),
        ("capitalised 199-letter words", " ".join(word(199) for _ in range(200))),
        ("short words and commas", ", ".join(word(6) for _ in range(6_000))),
    ]
    return [(label, text[:40_000]) for label, text in texts]


def _table(rows: dict[str, list[int]]) -> None:
    """Precision and recall per kind and over all kinds, from [right, proposed, expected] per kind."""
    print(f"{'kind':14}{'expected':>9}{'proposed':>9}{'right':>7}{'precision':>11}{'recall':>8}")
    for kind, (hits, got, want) in [*rows.items(), ("all", [sum(r[i] for r in rows.values()) for i in range(3)])]:
        print(f"{kind:14}{want:>9}{got:>9}{hits:>7}{_ratio(hits, got):>11}{_ratio(hits, want):>8}")


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "-"


if __name__ == "__main__":
    sys.exit(main())
