"""Benchmark of the review engine (registry.review.review) on a large registry.

    python bench/bench_review.py [--parties 10000] [--runs 10] [--seed 1] [--dir DIR]

Builds a registry file of N parties, each with about three relations (it processes for another party, engages
a sub-processor, and transfers data out of the EEA) plus a DPA for most engagements, with a mix that trips
every rule: invalid mechanisms (Privacy Shield, Safe Harbor, old SCCs), unversioned SCCs, wrong or missing
SCC modules, old or missing TIAs, uncertified or stale DPF importers, adequacy outside its scope, Art. 49 for
regular transfers, sub-processors in third countries with no transfer, missing or draft DPAs. The file is
written with Store.bulk_load (as bench_store.py does) and opened again, then `review` is timed: the first call
(which builds the registry's indexes), one warm-up, and --runs more for p50/p99. The target is set at 10,000
parties: under 1 s (p99 of the warm runs); at that size the exit status is 1 when it is missed.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import machine, make_party, stats

from registry.models import Agreement, Engagement, Party, SubprocessorLink, Transfer
from registry.registry import Registry
from registry.review import SEVERITIES, Flag, review
from registry.store import Store

TARGET_PARTIES = 10_000
TARGET_MS = 1000.0
TODAY = date(2026, 11, 21)
START = date(2019, 1, 1)

# Where sub-processors process data: mostly in the EEA, sometimes not.
LINK_COUNTRIES = ["NO"] * 5 + ["SE", "DK", "IE", "DE", "FI", "US", "US", "GB", "IN", "CH"]
PURPOSES = ["payroll", "hosting", "CRM", "e-mail delivery", "customer support", "analytics", "backup", "HR system"]
SERVICES = ["hosting", "e-mail", "backup", "monitoring", "support desk", "payments"]
# (mechanism, destinations, weight): sound ones most often, then every kind of problem.
TRANSFER_MIX: list[tuple[str, list[str], int]] = [
    ("scc-2021", ["US", "IN", "CN", "GB", "BR"], 30),
    ("dpf", ["US", "US", "US", "US", "GB"], 15),
    ("adequacy", ["CH", "GB", "CA", "JP", "BR", "US", "IN"], 15),
    ("bcr", ["US", "IN"], 5),
    ("art49", ["US", "CN"], 5),
    ("scc-unknown", ["US", "IN"], 8),
    ("scc-2010", ["US", "IN"], 7),
    ("privacy-shield", ["US"], 7),
    ("safe-harbor", ["US"], 3),
    ("none", ["US", "CN", "IN"], 5),
]
STATUSES = ["signed"] * 7 + ["draft", "sent", "terminated"]


def random_day(rng: random.Random, start: date = START, end: date = TODAY) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def make_parties(n: int, rng: random.Random) -> list[Party]:
    out = []
    for i in range(1, n + 1):
        party = make_party(i, rng)
        if party.country == "US":  # not every US importer is certified, and checks go stale
            party.dpf = rng.choice([True, True, True, False, None])
            party.dpf_checked = random_day(rng, date(2025, 3, 1)) if party.dpf else None
        party.sector = rng.choice(["commercial", "commercial", "public", None])
        out.append(party)
    return out


def sub_link(pid: int, n: int, rng: random.Random, *, deep: bool) -> tuple[int, int]:
    """Party `pid`'s sub-processor link, as (processor, sub). The sub always has the higher id, so chains never
    loop; the last party, which has no higher one, is instead the sub-processor of another party.

    By default parties sit in tiers by id (60% customers and their processors, 30% sub-processors, 9% hosting
    providers, 1% large providers that use each other), so chains are a few links deep, as in real registries.
    With `deep`, as in bench_store.py, the sub is any of the next 100 parties: chains then run on for about
    n/50 links, the worst case for the rules that follow chains.
    """
    if pid == n:
        return rng.randint(1, n - 1), n
    if deep:
        return pid, rng.randint(pid + 1, min(n, pid + 100))
    bounds = [0, n * 60 // 100, n * 90 // 100, n * 99 // 100, n]
    tier = next(t for t in range(4) if pid <= bounds[t + 1])
    low = max(bounds[min(tier + 1, 3)] + 1, pid + 1)
    return pid, rng.randint(low, max(low, bounds[min(tier + 2, 4)]))


def make_relations(n: int, rng: random.Random, *, deep: bool = False) -> dict[str, list[Any]]:
    """Per party: one engagement, one sub-processor link, one transfer; a DPA for most engagements."""
    engagements: list[Engagement] = []
    links: list[SubprocessorLink] = []
    transfers: list[Transfer] = []
    agreements: list[Agreement] = []
    for pid in range(1, n + 1):
        other = rng.choice([i for i in (rng.randint(1, n), rng.randint(1, n)) if i != pid] or [pid % n + 1])
        shape = rng.random()
        controllers = [pid] if shape < 0.05 else [other, pid % n + 1] if shape < 0.15 else [other]
        start = random_day(rng)
        engagements.append(
            Engagement(
                processor=pid,
                controllers=list(dict.fromkeys(controllers)),
                purpose=rng.choice(PURPOSES),
                data=["contact details"],
                subjects=["customers"],
                start=start,
                end=random_day(rng, start) if rng.random() < 0.05 else None,
            )
        )
        for controller in controllers:
            if controller != pid and rng.random() < 0.8:
                status = rng.choice(STATUSES)
                signed = random_day(rng, start) if status in ("signed", "terminated") else None
                agreements.append(
                    Agreement(
                        controller=controller,
                        processor=pid,
                        status=status,
                        signed=signed,
                        review=signed + timedelta(days=rng.choice([365, 730, 1095])) if signed else None,
                    )
                )

        processor, sub = sub_link(pid, n, rng, deep=deep)
        authorisation = rng.choice(["general", "specific", None])
        added = random_day(rng)
        notified = None
        if authorisation and rng.random() < 0.6:
            notified = TODAY - timedelta(days=rng.randrange(45)) if rng.random() < 0.2 else added
        links.append(
            SubprocessorLink(
                processor=processor,
                sub=sub,
                service=rng.choice(SERVICES),
                countries=rng.sample(LINK_COUNTRIES, rng.choice([1, 1, 2])),
                authorisation=authorisation,
                notified=notified,
                added=added,
            )
        )

        mechanism, countries, _ = rng.choices(TRANSFER_MIX, weights=[w for *_, w in TRANSFER_MIX])[0]
        importer = rng.choice([other, sub if processor == pid else other])
        transfers.append(
            Transfer(
                exporter=pid,
                importer=importer if importer != pid else pid % n + 1,
                country=rng.choice(countries),
                mechanism=mechanism,
                module=rng.choice([1, 2, 3, 3, 2, 4, None]) if mechanism == "scc-2021" else None,
                tia=random_day(rng, date(2022, 1, 1))
                if mechanism in ("scc-2021", "bcr") and rng.random() < 0.8
                else None,
                added=random_day(rng),
            )
        )
    return {
        Engagement.table: engagements,
        SubprocessorLink.table: links,
        Transfer.table: transfers,
        Agreement.table: agreements,
    }


def build(path: Path, n: int, rng: random.Random, *, deep: bool) -> tuple[dict[str, int], float]:
    """Write the registry file; return the number of records per table and the bulk-load time in seconds."""
    records: dict[str, list[Any]] = {Party.table: make_parties(n, rng), **make_relations(n, rng, deep=deep)}
    store = Store(path)
    started = time.perf_counter()
    store.bulk_load({table: [r.to_doc() for r in rows] for table, rows in records.items()})
    elapsed = time.perf_counter() - started
    store.close()
    return {table: len(rows) for table, rows in records.items()}, elapsed


def timed_review(registry: Registry) -> tuple[float, list[Flag]]:
    started = time.perf_counter_ns()
    flags = review(registry, today=TODAY)
    return (time.perf_counter_ns() - started) / 1e6, flags


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--parties", type=int, default=TARGET_PARTIES, help="number of parties (about 3 links each)")
    parser.add_argument("--runs", type=int, default=10, help="timed reviews after the first call and a warm-up")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--deep-chains", action="store_true", help="chains about n/50 links deep (worst case)")
    parser.add_argument("--dir", type=Path, help="where to put the file (default: a new temporary folder)")
    args = parser.parse_args(argv)
    n = args.parties
    if n < 2:
        parser.error("--parties must be at least 2")
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    rng = random.Random(args.seed)

    folder = Path(tempfile.mkdtemp(prefix="bench-review-", dir=args.dir))
    try:
        path = folder / "registry.json"
        counts, load_s = build(path, n, rng, deep=args.deep_chains)
        relations = sum(v for k, v in counts.items() if k != Party.table)
        print(f"Review engine: {n:,} parties, {relations:,} relations ({relations / n:.1f} per party)")
        print("  " + ", ".join(f"{table} {count:,}" for table, count in counts.items()))
        print(f"Machine: {machine()}")
        print(f"File: {path.stat().st_size / 1e6:.1f} MB (bulk_load took {load_s * 1000:.0f} ms); review date {TODAY}")

        started = time.perf_counter()
        store = Store(path)
        open_ms = (time.perf_counter() - started) * 1000
        registry = Registry(store, clock=lambda: datetime(2026, 11, 21, 12, 0, tzinfo=UTC))
        try:
            first_ms, flags = timed_review(registry)
            timed_review(registry)  # warm-up
            samples = [timed_review(registry)[0] for _ in range(args.runs)]
        finally:
            store.close()

        s = stats(samples)
        print()
        print(f"open the store (parse the file, not part of review): {open_ms:9.1f} ms")
        print(f"review, first call after opening:                     {first_ms:9.1f} ms")
        print(
            f"review, {s['n']} runs after a warm-up: p50 {s['p50']:.1f} ms, p99 {s['p99']:.1f} ms, max {s['max']:.1f} ms"
        )

        by_code = Counter(f.code for f in flags)
        by_severity = Counter(f.severity for f in flags)
        print()
        print(f"Flags: {len(flags):,} ({', '.join(f'{by_severity[sev]:,} {sev}' for sev in SEVERITIES)})")
        for code, count in sorted(by_code.items(), key=lambda item: (-item[1], item[0])):
            print(f"  {code:<26}{count:>8,}")

        at_target = n == TARGET_PARTIES
        met = s["p99"] < TARGET_MS
        scope = "" if at_target else f" (set at {TARGET_PARTIES:,} parties; this run has {n:,})"
        print()
        print(f"Target{scope}: review p99 {s['p99']:.1f} ms < {TARGET_MS:g} ms: {'MET' if met else 'NOT MET'}")
        print(f"  first call {first_ms:.1f} ms < {TARGET_MS:g} ms: {'yes' if first_ms < TARGET_MS else 'no'}")
        return 0 if met or not at_target else 1
    finally:
        if args.dir is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
