"""How long a replica's read takes right after another replica changed one party, on PostgreSQL at ~2,000 parties
(with their engagements, sub-processor links, transfers and one audit event per record): catching up through the
change feed (only the rows written since, registry/pgstore.py) beside reading everything again (what every read
after another process's commit did before the feed, and still does after a restore).

    python bench/bench_change_feed.py [--parties 2000] [--repeat 30]

Uses DPA_TEST_PG when set, else a throwaway local PostgreSQL (tests/pg_server.py). Prints p50 / p99 in ms.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

import pg_server  # noqa: E402
from bench_store import audit_for, make_links, make_party, stats  # noqa: E402

from registry.models import AuditEvent, Party  # noqa: E402
from registry.pgstore import PgStore  # noqa: E402
from registry.registry import Registry  # noqa: E402

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


def fill(store: PgStore, n: int) -> list[str]:
    rng = random.Random(22)
    party_list = [make_party(i, rng) for i in range(1, n + 1)]
    engagements, subs, transfers = make_links(n, rng)
    records = (party_list, engagements, subs, transfers)
    tables = {r[0].table: [x.to_doc() for x in r] for r in records if r}
    tables[AuditEvent.table] = [e for r in records for e in audit_for(r, NOW.isoformat())]
    store.bulk_load(tables)
    return [p.name for p in party_list]


def measure(url: str, n: int, repeat: int) -> dict[str, dict[str, float]]:
    writer, reader = PgStore(url), None
    try:
        names = fill(writer, n)
        reader = PgStore(url)
        registry = Registry(reader, clock=lambda: NOW)
        samples: dict[str, list[float]] = {}
        for i in range(repeat):
            for case in ("no change", "change feed", "full reload"):
                if case != "no change":
                    with writer.transaction():  # one party's address changed, audited, by the other replica
                        writer.table(Party.table).update({"address": f"Gate {i} ({case})"}, doc_ids=[1 + i % n])
                        writer.audit({"kind": "parties", "action": "change", "record": 1 + i % n})
                if case == "full reload":
                    reader._counter = -1  # what every read after another process's commit did before the feed
                started = time.perf_counter_ns()
                with reader.read():  # the store catches up
                    pass
                caught_up = time.perf_counter_ns()
                with registry.reading():  # the registry's indexes follow, and the party is looked up
                    registry.find_party(names[i % n])
                done = time.perf_counter_ns()
                samples.setdefault(f"{case}: store", []).append((caught_up - started) / 1e6)
                samples.setdefault(f"{case}: store + registry", []).append((done - started) / 1e6)
        return {case: stats(values) for case, values in samples.items()}
    finally:
        if reader is not None:
            reader.close()
        writer.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parties", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    with pg_server.server() as (url, why):
        if url is None:
            print(f"No PostgreSQL: {why}", file=sys.stderr)
            return 2
        results = measure(pg_server.fresh_registry(url), args.parties, args.repeat)
    print(f"A read (find_party) on replica B after replica A changed one party, {args.parties} parties:")
    for case, s in results.items():
        print(f"  {case:35} p50 {s['p50']:8.2f} ms   p99 {s['p99']:8.2f} ms   (n={s['n']:.0f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
