"""A durable `party add` on a registry with a long audit log, beside what a user would pick instead.

    python bench/bench_writes.py [--sizes 1000,10000,50000] [--audit-per-party 20] [--quick]

For each size: N parties with 3 links each (bench_store.py's generator), and `parties.add_party` (rule check,
insert, audit event, durable commit: one fsynced journal line, and a checkpoint of the file when one falls due)
timed on two copies of that registry: one with an empty audit log, one with
20 audit events per party in its journal (200,000 at 10,000 parties). Baselines in the same run, holding the
same parties and the same audit events: TinyDB with CachingMiddleware (insert the party and its audit event,
then flush, which rewrites the whole file; TinyDB never fsyncs) and SQLite in WAL mode with synchronous=FULL
(the party and its audit row inserted in one transaction; parties indexed by name). Targets at 10,000 parties:
with the audit log, p99 at most 20 ms and at most 1.5 times the p99 with an empty one. A checkpoint (the
registry file rewritten) falls due far more rarely than once in the timed adds: it is timed on its own, and how
often it falls due is worked out from the journal's growth per add and the bound (registry/store.py).
"""

from __future__ import annotations

import argparse
import gc
import math
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import orjson
from bench_store import make_links, make_party, stats
from tinydb import TinyDB
from tinydb.middlewares import CachingMiddleware
from tinydb.storages import JSONStorage

from registry import parties
from registry.models import AuditEvent, Engagement, Party, SubprocessorLink, Transfer
from registry.registry import Actor, Registry
from registry.store import CHECKPOINT_MIN_BYTES, Store

TARGET_PARTIES = 10_000
P99_MS = 20.0
RATIO = 1.5  # p99 with the audit log / p99 with an empty one
NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


def registry_data(n: int, audit_per_party: int, seed: int = 1) -> dict[str, list[dict[str, Any]]]:
    """The tables of an N-party registry with its links, and `audit_per_party` events per party: its add, then
    changes, each with the party before and after, as commands write them."""
    rng = random.Random(seed)
    party_list = [make_party(i, rng) for i in range(1, n + 1)]
    engagements, subs, transfers = make_links(n, rng)
    events = []
    for i, party in enumerate(party_list, 1):
        doc = party.to_doc()
        events.append(_event("add", i, f'party add "{party.name}"', None, doc))
        for k in range(audit_per_party - 1):
            after = {**doc, "email": f"privacy{k}@{i}.example"}
            events.append(_event("change", i, f'party set "{party.name}" email=privacy{k}@{i}.example', doc, after))
            doc = after
    return {
        Party.table: [p.to_doc() for p in party_list],
        Engagement.table: [e.to_doc() for e in engagements],
        SubprocessorLink.table: [s.to_doc() for s in subs],
        Transfer.table: [t.to_doc() for t in transfers],
        AuditEvent.table: events,
    }


def _event(action: str, record: int, command: str, before: Any, after: Any) -> dict[str, Any]:
    return AuditEvent(
        at=NOW.isoformat(), who="U0BENCH", command=command, kind="parties", record=record, action=action,
        before=before, after=after,
    ).to_doc()  # fmt: skip


def timed(action: Callable[[], Any], runs: int, budget_s: float) -> list[float]:
    """Up to `runs` timings of `action` in ms, stopping once `budget_s` seconds were spent (at least 3)."""
    out: list[float] = []
    deadline = time.perf_counter() + budget_s
    while len(out) < runs and (len(out) < 3 or time.perf_counter() < deadline):
        started = time.perf_counter_ns()
        action()
        out.append((time.perf_counter_ns() - started) / 1e6)
    return out


def ours_interleaved(
    paths: tuple[Path, Path], tables: tuple[dict[str, list[dict[str, Any]]], ...], runs: int, budget_s: float
) -> tuple[tuple[list[float], list[float]], dict[str, Any]]:
    """`party add` on two registries (an empty audit log, a long one), one after the other in turn, so that both
    see the same load on this shared machine; the timings of each, and facts about the checkpoints of the one with
    the log: how many fell in the timed adds, the journal bytes per add, the bound, and a checkpoint's own time."""
    registries = []
    for path, data in zip(paths, tables, strict=True):
        store = Store(path)
        store.bulk_load(data)
        store.close()
        registry = Registry(Store(path), clock=lambda: NOW)
        with registry.reading():  # the name index, built once as the bot does at its first request
            registry.party_named("warm-up")
        registries.append(registry)
    counter = iter(range(10**9))
    out: tuple[list[float], list[float]] = ([], [])
    audited = registries[1].store
    journal = audited._journal.path(audited._journal_state()[0])
    start_size, checkpoints = journal.stat().st_size, 0
    deadline = time.perf_counter() + budget_s
    try:
        while len(out[1]) < runs and (len(out[1]) < 3 or time.perf_counter() < deadline):
            for registry, samples in zip(registries, out, strict=True):
                name = f"Bench Added {next(counter):06d} AS"
                party = Party(name=name, country="NO")
                before = registry.store._journal_state()
                started = time.perf_counter_ns()
                parties.add_party(registry, Actor("U0BENCH", f'party add "{name}"'), party)
                samples.append((time.perf_counter_ns() - started) / 1e6)
                checkpoints += registry.store is audited and registry.store._journal_state() != before
        facts = {
            "checkpoints": checkpoints,
            "line_bytes": (journal.stat().st_size - start_size) / len(out[1]),
            "bound_bytes": max(CHECKPOINT_MIN_BYTES, paths[1].stat().st_size),
            "checkpoint_ms": timed(audited.checkpoint, 5, 10.0),
        }
    finally:
        for registry in registries:
            registry.store.close(checkpoint=False)
    return out, facts


def tinydb_cached(path: Path, tables: dict[str, list[dict[str, Any]]], runs: int, budget_s: float) -> list[float]:
    """TinyDB as its docs suggest for speed: CachingMiddleware over JSONStorage, flushed after each change so
    that the change reaches the file (the whole file is written again; TinyDB does not fsync)."""
    path.write_bytes(orjson.dumps({name: {str(i): d for i, d in enumerate(docs, 1)} for name, docs in tables.items()}))
    db = TinyDB(path, storage=CachingMiddleware(JSONStorage))
    party_table, audit = db.table(Party.table), db.table(AuditEvent.table)
    counter = iter(range(10**9))

    def add() -> None:
        name = f"TinyDB Added {next(counter):06d} AS"
        doc = Party(name=name, country="NO").to_doc()
        record = party_table.insert(doc)
        audit.insert(_event("add", record, f'party add "{name}"', None, doc))
        db.storage.flush()

    try:
        return timed(add, runs, budget_s)
    finally:
        db.close()


def sqlite_wal(path: Path, tables: dict[str, list[dict[str, Any]]], runs: int, budget_s: float) -> list[float]:
    """SQLite in WAL mode with synchronous=FULL: durable at each commit. A party and its audit row in one
    transaction; parties indexed by name; each row a JSON document."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("CREATE TABLE parties (id INTEGER PRIMARY KEY, name TEXT NOT NULL, doc TEXT NOT NULL)")
    db.execute("CREATE INDEX parties_name ON parties (name)")
    db.execute("CREATE TABLE audit (id INTEGER PRIMARY KEY, doc TEXT NOT NULL)")
    for name in (Engagement.table, SubprocessorLink.table, Transfer.table):
        db.execute(f"CREATE TABLE {name} (id INTEGER PRIMARY KEY, doc TEXT NOT NULL)")
    db.execute("BEGIN")
    db.executemany(
        "INSERT INTO parties (name, doc) VALUES (?, ?)", ((d["name"], orjson.dumps(d)) for d in tables[Party.table])
    )
    db.executemany("INSERT INTO audit (doc) VALUES (?)", ((orjson.dumps(d),) for d in tables[AuditEvent.table]))
    for name in (Engagement.table, SubprocessorLink.table, Transfer.table):
        db.executemany(f"INSERT INTO {name} (doc) VALUES (?)", ((orjson.dumps(d),) for d in tables[name]))
    db.execute("COMMIT")
    counter = iter(range(10**9))

    def add() -> None:
        name = f"SQLite Added {next(counter):06d} AS"
        doc = Party(name=name, country="NO").to_doc()
        db.execute("BEGIN IMMEDIATE")
        if db.execute("SELECT 1 FROM parties WHERE name = ?", (name,)).fetchone() is None:
            record = db.execute("INSERT INTO parties (name, doc) VALUES (?, ?)", (name, orjson.dumps(doc))).lastrowid
            db.execute("INSERT INTO audit (doc) VALUES (?)", (orjson.dumps(_event("add", record, name, None, doc)),))
        db.execute("COMMIT")

    try:
        return timed(add, runs, budget_s)
    finally:
        db.close()


def measure(folder: Path, n: int, audit_per_party: int, *, quick: bool = False) -> dict[str, Any]:
    """The four measurements at N parties: samples by name, and facts about the files."""
    tables = registry_data(n, audit_per_party)
    empty = {name: docs for name, docs in tables.items() if name != AuditEvent.table}
    # The generated documents stay alive for the baselines: keep them out of the cycle collector's way, or its
    # full passes over a million objects would be timed as if they were the bot's.
    gc.collect()
    gc.freeze()
    big = n >= 50_000
    runs, budget = (30, 20.0) if quick else ((60, 40.0) if big else (200, 40.0))
    base_runs = 5 if quick or big else 20
    out: dict[str, Any] = {"parties": n, "events": len(tables[AuditEvent.table])}
    path = folder / f"audited-{n}.json"
    (out["empty"], out["audited"]), out["checkpoint"] = ours_interleaved(
        (folder / f"empty-{n}.json", path), (empty, tables), runs, budget
    )
    out["file_mb"] = path.stat().st_size / 1e6
    out["journal_mb"] = sum(f.stat().st_size for f in folder.glob(f"{path.name}.audit-*.jsonl")) / 1e6
    out["tinydb"] = tinydb_cached(folder / f"tinydb-{n}.json", tables, base_runs, budget)
    out["tinydb_mb"] = (folder / f"tinydb-{n}.json").stat().st_size / 1e6
    out["sqlite"] = sqlite_wal(folder / f"sqlite-{n}.db", tables, runs, budget)
    gc.unfreeze()
    return out


def ms(x: float) -> str:
    return f"{x:.2f}" if x < 10 else f"{x:.1f}" if x < 100 else f"{x:,.0f}"


def cell(samples: list[float]) -> str:
    s = stats(samples)
    return f"{ms(s['p50'])} / {ms(s['p99'])} ({s['n']})"


def section(results: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """The report's lines, and the names of the targets missed."""
    per = results[0]["events"] // results[0]["parties"] if results else 0
    lines = [
        "## 2. Durable writes with a long audit log, beside what a user would pick instead",
        "",
        "`parties.add_party` (rule check, insert, audit event, commit: one line with the change and its audit event",
        "appended to the journal and fsynced; the registry file, a checkpoint, written again only once the journal",
        "has grown past it) on N parties with 3 links each, with an empty audit log and with",
        f"{per} audit events per party. Baselines hold the same parties and audit events:",
        "TinyDB with CachingMiddleware inserts the party and its audit event and flushes, which writes the whole",
        "file again and never fsyncs; SQLite (WAL, synchronous=FULL) inserts the party and its audit row in one",
        "durable transaction, parties indexed by name. Ratios are baseline p50 / ours p50 (above 1: we are faster).",
        "",
        "| parties (audit events) | ours, empty log | ours, with the log | log cost (p99 ratio) "
        "| checkpoint: its time, how often, per add | TinyDB + cache, no fsync | SQLite WAL FULL | target |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    missed = []
    for r in results:
        empty, audited = stats(r["empty"]), stats(r["audited"])
        ratio = audited["p99"] / empty["p99"]
        tiny, lite = stats(r["tinydb"]), stats(r["sqlite"])
        target = ""
        if r["parties"] == TARGET_PARTIES:
            p99_ok, ratio_ok = audited["p99"] <= P99_MS, ratio <= RATIO
            target = (
                f"p99 ≤ {P99_MS:g}: **{'met' if p99_ok else 'MISSED'}**; "
                f"ratio ≤ {RATIO:g}: **{'met' if ratio_ok else 'MISSED'}**"
            )
            missed += [] if p99_ok else ["party add with the audit log (p99)"]
            missed += [] if ratio_ok else ["party add with the audit log (ratio to an empty log)"]
        cp = r["checkpoint"]
        every = cp["bound_bytes"] / cp["line_bytes"]
        cp_ms = stats(cp["checkpoint_ms"])["p50"]
        lines.append(
            f"| {r['parties']:,} ({r['events']:,}) | {cell(r['empty'])} | {cell(r['audited'])} | ×{ratio:.2f} "
            f"| {ms(cp_ms)} ms, every ~{every:,.0f} adds ({cp['checkpoints']} in the timed ones), "
            f"{cp_ms / every:.3f} ms "
            f"| {cell(r['tinydb'])}, {tiny['p50'] / audited['p50']:.1f}× "
            f"| {cell(r['sqlite'])}, {lite['p50'] / audited['p50']:.2f}× | {target} |"
        )
    lines += ["", "Files: " + "; ".join(
        f"{r['parties']:,} parties: ours {r['file_mb']:.1f} MB + journal {r['journal_mb']:.1f} MB, "
        f"TinyDB {r['tinydb_mb']:.1f} MB" for r in results
    ) + "."]  # fmt: skip
    if len(results) > 1:
        span = f"{results[0]['parties']:,} to {results[-1]['parties']:,} parties"
        lines += ["", f"| durable party add | p50 growth per 10× parties, {span} |", "| --- | --- |"]
        a, z = results[0], results[-1]
        for key, label in (
            ("empty", "ours, empty log"),
            ("audited", "ours, with the log"),
            ("tinydb", "TinyDB + cache"),
            ("sqlite", "SQLite WAL FULL"),
        ):
            lines.append(f"| {label} | ×{_per10(stats(a[key])['p50'], stats(z[key])['p50'], a, z):.1f} |")
    lines += ["", *NOTES]
    return lines, missed


def _per10(y1: float, y2: float, a: dict[str, Any], z: dict[str, Any]) -> float:
    return 10 ** (math.log(y2 / y1) / math.log(z["parties"] / a["parties"])) if y1 > 0 and y2 > 0 else float("nan")


NOTES = [
    "What the numbers mean:",
    "",
    "- A commit is one journal line (the change, its audit event and the id counters, about 1 KB for a party",
    "  add), appended and fsynced: its cost follows neither the registry's size nor the audit log's, which is",
    "  why the empty log and the long one cost the same and the growth per 10× parties is close to flat.",
    "- What still grows with the registry is the checkpoint: the registry file written again (temp file, fsync,",
    "  rename, folder fsync) once the journal has grown past it by the file's own size (at least 1 MB). The add",
    "  that crosses that bound pays for it on top; the table gives its time, how many adds lie between two (the",
    "  bound over the journal bytes one add writes) and that time spread over them. It falls in far fewer than",
    "  1 add in 100, so it moves neither p50 nor p99: it is what the slowest add of a long run costs.",
    "- TinyDB with its cache rewrites parties, links and the whole audit log at every flush, and does not fsync:",
    "  its cost grows with the history. SQLite changes a few pages and fsyncs its WAL; we now do the same kind",
    "  of work (one small durable append), and land beside it.",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,50000", help="party counts, comma-separated")
    parser.add_argument("--audit-per-party", type=int, default=20)
    parser.add_argument("--quick", action="store_true", help="fewer runs")
    parser.add_argument("--dir", type=Path, help="where to put the files (default: a new temporary folder)")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="bench-writes-", dir=args.dir))
    try:
        results = []
        for n in sorted({int(s) for s in args.sizes.split(",") if s.strip()}):
            print(f"... {n:,} parties", file=sys.stderr, flush=True)
            results.append(measure(folder, n, args.audit_per_party, quick=args.quick))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    lines, missed = section(results)
    print("\n".join(lines))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
