"""How inquiry routing reads real texts: the inquiry corpus through find_mentions and route on the demo registry.

    python bench/bench_routing.py [--corpus ../shared/corpus/inquiries/corpus.jsonl] [--show]

Counts the texts routed by a processing at all, those routed (or made unclear) by processing words that are
all everyday words (Zipf >= 3.5 in bokmål or English, straight from wordfreq, not through our own weighting),
those routed by a single such word, the routes by role, and the time per text (the registry read once,
as `inquiry new` does per inquiry). --show prints each text's id and route, never its text.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from wordfreq import zipf_frequency  # noqa: E402

from inquiries.route import Known, find_mentions, route  # noqa: E402
from registry.demo import load_demo  # noqa: E402
from registry.registry import Actor, Registry  # noqa: E402
from registry.store import Store  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "inquiries" / "corpus.jsonl"


def everyday(word: str) -> bool:
    return max(zipf_frequency(word, "nb"), zipf_frequency(word, "en")) >= 3.5


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--show", action="store_true")
    options = parser.parse_args()
    rows = [json.loads(line) for line in options.corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "registry.json")
        registry = Registry(store, clock=lambda: datetime(2026, 11, 21, 12, tzinfo=timezone.utc))
        load_demo(registry, Actor("bench", "demo"))
        roles: Counter[str] = Counter()
        by_processing = by_everyday = by_one_everyday = 0
        started = time.perf_counter()
        for row in rows:
            with registry.reading():
                known = Known.load(registry)
            evidence = find_mentions(known, row["text"])
            with registry.reading():
                decided = route(registry, evidence)
            roles[decided.role] += 1
            used = [e for e in evidence if e.engagement_id is not None and e in decided.evidence]
            # the processing words that moved the route (decided it, or made it unclear)
            moved = bool(used) and ("processing '" in decided.reason or "matched '" in decided.reason)
            words = {w.strip() for e in used for w in e.matched.split(",")}
            by_processing += moved
            if moved and words and all(everyday(w) for w in words):
                by_everyday += 1
                by_one_everyday += len(words) == 1
            if options.show:
                print(f"{row['id']:28} {decided.role:10} {decided.reason[:150]}")
        elapsed = time.perf_counter() - started
        store.close()
    print(
        f"{len(rows)} texts: routes moved by a processing's words {by_processing}; by everyday words only "
        f"{by_everyday} (by a single everyday word {by_one_everyday}); roles {dict(sorted(roles.items()))}; "
        f"{elapsed / len(rows) * 1000:.2f} ms a text (first lookups included)"
    )


if __name__ == "__main__":
    main()
