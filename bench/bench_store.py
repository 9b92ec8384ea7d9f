"""Benchmark of the registry store against TinyDB with CachingMiddleware, on the same data, in the same run.

    python bench/bench_store.py [--parties 10000] [--repeat N] [--tinydb-repeat N] [--audit] [--dir DIR]

Builds a registry of N parties with 3 links each (an engagement, a sub-processor link and a transfer), loads it
with Store.bulk_load, and times: a lookup by name (Registry.find_party inside Registry.reading), adding a party
(parties.add_party: rule check, insert, audit event, durable commit: one fsynced journal line, and the
file rewritten when a checkpoint falls due), and a cold open of the file.
TinyDB gets a copy of the same file, with CachingMiddleware (parsed once, searched in memory), and the nearest
equivalent work: Query().name == x, and table.insert then a flush to the file (which neither checks, audits
nor fsyncs). The targets are set at 10,000 parties / 30,000 links; at that size the exit status is 1 when one
is missed. --audit adds one audit event per record, as a registry built through commands would have: into the
journal beside the file, where `party add` appends its own (bench_writes.py measures what a long log costs).
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tinydb import Query, TinyDB
from tinydb.middlewares import CachingMiddleware
from tinydb.storages import JSONStorage

from registry import parties
from registry.errors import Conflict
from registry.models import AuditEvent, Engagement, Party, SubprocessorLink, Transfer
from registry.registry import Actor, Registry
from registry.store import Store

LOOKUP_P99_MS = 5.0
ADD_P99_MS = 50.0
TARGET_PARTIES = 10_000

ADJECTIVES = "Nordic Fjord Aurora Polar Viking Coastal Granite Birch Harbour Summit Arctic Midnight Silver".split()
NOUNS = "Analytics Cloud Payroll Logistics Health Energy Systems Data Retail Security Media Consulting".split()
FORMS = ["AS", "AS", "AS", "ASA", "AB", "ApS", "GmbH", "Inc.", "Ltd", "B.V."]
COUNTRIES = ["NO"] * 6 + ["SE", "DK", "FI", "DE", "NL", "IE", "US", "GB"]
THIRD = ["US", "US", "GB", "IN", "CH", "JP", "CA"]
PURPOSES = ["payroll", "hosting", "CRM", "e-mail delivery", "customer support", "analytics", "backup", "HR system"]
SERVICES = ["hosting", "e-mail", "backup", "monitoring", "support desk", "payments"]
DATA = ["contact details", "employment data", "bank account", "IP address", "usage data", "health data"]
SUBJECTS = ["employees", "customers", "suppliers", "website visitors"]
MECHANISMS = [("scc-2021", 2), ("scc-2021", 3), ("dpf", None), ("adequacy", None), ("bcr", None)]


def party_name(i: int, rng: random.Random) -> str:
    return f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} {i:05d} {rng.choice(FORMS)}"


def make_party(i: int, rng: random.Random) -> Party:
    name = party_name(i, rng)
    country = rng.choice(COUNTRIES)
    slug = name.split()[1].lower()
    return Party(
        name=name,
        aliases=[f"{slug}{i}"] if rng.random() < 0.3 else [],
        orgnr=f"9{rng.randrange(10**8):08d}" if country == "NO" else f"{country}{rng.randrange(10**7)}",
        country=country,
        address=f"Storgata {rng.randint(1, 200)}, {rng.randint(1000, 9999)} Oslo",
        email=f"privacy@{slug}{i}.example",
        dpo=f"dpo@{slug}{i}.example" if rng.random() < 0.5 else None,
        dpf=True if country == "US" else None,
        dpf_checked=date(2026, 1, 1) + timedelta(days=rng.randrange(300)) if country == "US" else None,
    )


def make_links(n: int, rng: random.Random) -> tuple[list[Engagement], list[SubprocessorLink], list[Transfer]]:
    """Three links per party: it processes for another, engages a sub-processor, and transfers to a third
    country. Sub-processors always have a higher id than their processor, so chains never loop."""
    start = date(2020, 1, 1)
    engagements, subs, transfers = [], [], []
    for pid in range(1, n + 1):
        other = rng.choice([i for i in (rng.randint(1, n), rng.randint(1, n)) if i != pid] or [pid % n + 1])
        engagements.append(
            Engagement(
                processor=pid,
                controllers=[other],
                purpose=rng.choice(PURPOSES),
                data=rng.sample(DATA, 2),
                subjects=rng.sample(SUBJECTS, 1),
                retention="5 years after the contract ends",
                basis="Art. 6(1)(b)",
                start=start + timedelta(days=rng.randrange(2000)),
            )
        )
        processor, sub = (pid, rng.randint(pid + 1, min(n, pid + 100))) if pid < n else (rng.randint(1, n - 1), n)
        subs.append(
            SubprocessorLink(
                processor=processor,
                sub=sub,
                service=rng.choice(SERVICES),
                countries=rng.sample(COUNTRIES, 2),
                authorisation=rng.choice(["general", "specific"]),
                added=start + timedelta(days=rng.randrange(2000)),
            )
        )
        mechanism, module = rng.choice(MECHANISMS)
        transfers.append(
            Transfer(
                exporter=pid,
                importer=other,
                country=rng.choice(THIRD),
                mechanism=mechanism,
                module=module,
                tia=start + timedelta(days=rng.randrange(2000)) if mechanism == "scc-2021" else None,
                added=start + timedelta(days=rng.randrange(2000)),
            )
        )
    return engagements, subs, transfers


def audit_for(records: list[Any], at: str) -> list[dict[str, Any]]:
    """One 'add' event per record, as if each had been added by a command."""
    return [
        AuditEvent(
            at=at,
            who="U0BENCH",
            command=f"add {r.table}",
            kind=r.table,
            record=i,
            action="add",
            before=None,
            after=r.to_doc(),
        ).to_doc()
        for i, r in enumerate(records, 1)
    ]


def build(path: Path, n: int, rng: random.Random, *, with_audit: bool) -> tuple[list[str], float]:
    """Write the registry file; return the party names and the bulk-load time in seconds."""
    party_list = [make_party(i, rng) for i in range(1, n + 1)]
    engagements, subs, transfers = make_links(n, rng)
    tables: dict[str, list[dict[str, Any]]] = {
        Party.table: [p.to_doc() for p in party_list],
        Engagement.table: [e.to_doc() for e in engagements],
        SubprocessorLink.table: [s.to_doc() for s in subs],
        Transfer.table: [t.to_doc() for t in transfers],
    }
    if with_audit:
        at = "2026-11-21T12:00:00+00:00"
        tables[AuditEvent.table] = [
            e for records in (party_list, engagements, subs, transfers) for e in audit_for(records, at)
        ]
    store = Store(path)
    started = time.perf_counter()
    store.bulk_load(tables)
    elapsed = time.perf_counter() - started
    store.close()
    return [p.name for p in party_list], elapsed


def timed(action: Callable[[], Any], times: int) -> list[float]:
    """Run `action` `times` times; the duration of each, in milliseconds."""
    out = []
    for _ in range(times):
        started = time.perf_counter_ns()
        action()
        out.append((time.perf_counter_ns() - started) / 1e6)
    return out


def stats(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)

    def pct(p: float) -> float:
        return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]

    return {"p50": pct(50), "p99": pct(99), "max": ordered[-1], "n": len(ordered)}


def bench_ours(path: Path, names: list[str], rng: random.Random, repeat: int, opens: int) -> dict[str, list[float]]:
    clock = lambda: datetime(2026, 11, 21, 12, 0, tzinfo=UTC)  # noqa: E731
    results: dict[str, list[float]] = {}

    def open_store() -> None:
        Store(path).close()

    def open_and_lookup() -> None:
        store = Store(path)
        registry = Registry(store, clock=clock)
        with registry.reading():
            registry.find_party(rng.choice(names))
        store.close()

    results["open (constructor)"] = timed(open_store, opens)
    results["cold open + first lookup"] = timed(open_and_lookup, opens)

    store = Store(path)
    registry = Registry(store, clock=clock)
    with registry.reading():  # build the name index once, as the bot does at its first request
        registry.find_party(names[0])

    def lookup() -> None:
        name = rng.choice(names)
        with registry.reading():
            found = registry.find_party(name)
        assert found.name == name

    results["lookup by name"] = timed(lookup, max(1000, repeat))

    counter = iter(range(10**9))

    def add() -> None:
        i = next(counter)
        name = f"Bench Added {i:06d} AS"
        parties.add_party(registry, Actor("U0BENCH", f'party add "{name}"'), Party(name=name, country="NO"))

    results["add party"] = timed(add, repeat)

    def refused_add_then_lookup() -> None:
        # A refused command rolls back, which reloads the file and rebuilds the indexes at the next read.
        try:
            parties.add_party(registry, Actor("U0BENCH", "party add dup"), Party(name=names[0]))
        except Conflict:
            pass
        else:
            raise AssertionError("duplicate name was accepted")
        with registry.reading():
            registry.find_party(rng.choice(names))

    results["refused add + next lookup"] = timed(refused_add_then_lookup, opens)
    store.close()
    return results


def bench_tinydb(path: Path, names: list[str], rng: random.Random, repeat: int, opens: int) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {}

    def cached() -> TinyDB:
        return TinyDB(path, storage=CachingMiddleware(JSONStorage))

    def open_db() -> None:
        cached().close()

    def open_and_lookup() -> None:
        with cached() as db:
            db.table("parties").search(Query().name == rng.choice(names))

    results["open (constructor)"] = timed(open_db, opens)
    results["cold open + first lookup"] = timed(open_and_lookup, opens)

    with cached() as db:
        table = db.table("parties")

        def lookup() -> None:
            name = rng.choice(names)
            assert table.search(Query().name == name)[0]["name"] == name

        results["lookup by name"] = timed(lookup, repeat)
        counter = iter(range(10**9))

        def insert_and_flush() -> None:
            table.insert(Party(name=f"TinyDB Added {next(counter):06d} AS", country="NO").to_doc())
            db.storage.flush()

        results["add party"] = timed(insert_and_flush, repeat)
    return results


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"nproc {os.cpu_count()}, {cpu}; Python {platform.python_version()} ({platform.python_implementation()}); "
        f"{platform.system()} {platform.release()}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--parties", type=int, default=10_000, help="number of parties (3 links each)")
    parser.add_argument(
        "--repeat",
        type=int,
        help="timed adds (lookups: at least 1000; opens: at most 20, 5 at 50k+); default 200, 50 at 50k+",
    )
    parser.add_argument("--tinydb-repeat", type=int, help="timed TinyDB operations; default: --repeat, 20 at 10k+")
    parser.add_argument("--audit", action="store_true", help="also load one audit event per record")
    parser.add_argument("--dir", type=Path, help="where to put the files (default: a new temporary folder)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    n = args.parties
    if n < 2:
        parser.error("--parties must be at least 2")
    repeat = args.repeat or (200 if n < 50_000 else 50)
    tinydb_repeat = args.tinydb_repeat or (repeat if n < 10_000 else min(repeat, 20))
    opens = min(repeat, 20 if n < 50_000 else 5)  # an open (plus first lookup) takes seconds at 50k
    rng = random.Random(args.seed)

    folder = Path(tempfile.mkdtemp(prefix="bench-store-", dir=args.dir))
    try:
        ours_path, tinydb_path = folder / "registry.json", folder / "tinydb.json"
        names, load_s = build(ours_path, n, rng, with_audit=args.audit)
        shutil.copyfile(ours_path, tinydb_path)
        size_mb = ours_path.stat().st_size / 1e6
        links = 3 * n

        print(
            f"Registry store vs TinyDB with CachingMiddleware: {n:,} parties, {links:,} links"
            + (", with audit log" if args.audit else "")
        )
        print(f"Machine: {machine()}")
        print(f"File: {size_mb:.1f} MB at {folder} (bulk_load took {load_s * 1000:.0f} ms)")
        print(
            f"Timed runs: ours {repeat} adds, {max(1000, repeat)} lookups, {opens} opens; TinyDB {tinydb_repeat} (opens {min(tinydb_repeat, opens)})"
        )
        ours = bench_ours(ours_path, names, rng, repeat, opens)
        theirs = bench_tinydb(tinydb_path, names, rng, tinydb_repeat, min(tinydb_repeat, opens))

        print()
        print(
            f"{'operation (ms)':<28}{'ours p50':>10}{'p99':>9}{'max':>9}  {'TinyDB p50':>11}{'p99':>9}{'max':>9}  {'p50 ratio':>9}"
        )
        for op in ours:
            a = stats(ours[op])
            line = f"{op:<28}{a['p50']:>10.3f}{a['p99']:>9.3f}{a['max']:>9.3f}  "
            if op in theirs:
                b = stats(theirs[op])
                ratio = b["p50"] / a["p50"] if a["p50"] else float("inf")
                line += f"{b['p50']:>11.3f}{b['p99']:>9.3f}{b['max']:>9.3f}  {ratio:>8.1f}x"
            else:
                line += f"{'-':>11}{'-':>9}{'-':>9}  {'-':>9}"
            print(line)
        print("ratio = TinyDB p50 / ours p50 (above 1: we are faster).")
        print("TinyDB with CachingMiddleware parses the file at its first read, then searches in memory; its insert")
        print("(flushed: the whole file written) does no name check, writes no audit event and does not fsync.")
        print("Our first lookup builds the name and reference indexes, as it does again after another process")
        print("commits or a transaction fails.")
        print(
            f"File after the run: ours {ours_path.stat().st_size / 1e6:.1f} MB, TinyDB {tinydb_path.stat().st_size / 1e6:.1f} MB"
        )

        lookup_p99, add_p99 = stats(ours["lookup by name"])["p99"], stats(ours["add party"])["p99"]
        at_target = n == TARGET_PARTIES
        scope = "" if at_target else f" (targets are set at {TARGET_PARTIES:,} parties; this run has {n:,})"
        print()
        print(f"Targets{scope}:")
        print(
            f"  lookup p99 {lookup_p99:.3f} ms < {LOOKUP_P99_MS:g} ms: {'MET' if lookup_p99 < LOOKUP_P99_MS else 'NOT MET'}"
        )
        print(f"  add party p99 {add_p99:.3f} ms < {ADD_P99_MS:g} ms: {'MET' if add_p99 < ADD_P99_MS else 'NOT MET'}")
        met = lookup_p99 < LOOKUP_P99_MS and add_p99 < ADD_P99_MS
        return 0 if met or not at_target else 1
    finally:
        if args.dir is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
