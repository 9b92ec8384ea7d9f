"""Registry-size benchmarks for bench_all.py: our store and commands beside TinyDB, on one registry.

The registry is bench_review.py's (N parties; per party an engagement, a sub-processor link and a transfer, a
DPA for most engagements; chains a few links deep, every review rule tripped), written with Store.bulk_load.
TinyDB gets a copy of the same file and does the nearest equivalent work (see `tinydb_rows`): with
CachingMiddleware, as a user who wants speed would run it, except for the floor of a review or an export, which
is one parse of the file.
"""

from __future__ import annotations

import json
import random
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_review import build as build_registry
from bench_store import stats
from tinydb import Query, TinyDB
from tinydb.middlewares import CachingMiddleware
from tinydb.storages import JSONStorage

from chat import Context, Services, dispatch
from registry.models import Agreement, Engagement, Party, SubprocessorLink, Transfer
from registry.registry import Registry
from registry.store import Store

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


@dataclass
class Row:
    """One measurement: our samples, the same-run baseline's (if any), and the target on our p99 (if any)."""

    name: str
    ours: list[float]
    base: list[float] | None = None
    base_label: str = ""
    target_ms: float | None = None
    unit: str = "ms"
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def s(self) -> dict[str, float]:
        return stats(self.ours)

    @property
    def b(self) -> dict[str, float] | None:
        return stats(self.base) if self.base else None

    @property
    def met(self) -> bool | None:
        return None if self.target_ms is None else self.s["p99"] < self.target_ms


def sample(
    action: Callable[[], Any], runs: int, *, budget_s: float, setup: Callable[[], Any] | None = None
) -> list[float]:
    """Time `action` up to `runs` times (ms each), stopping early once `budget_s` seconds were spent (at
    least one run). `setup`, when given, runs untimed before each run."""
    out: list[float] = []
    deadline = time.perf_counter() + budget_s
    while len(out) < runs and (not out or time.perf_counter() < deadline):
        if setup is not None:
            setup()
        started = time.perf_counter_ns()
        action()
        out.append((time.perf_counter_ns() - started) / 1e6)
    return out


def make_registry(folder: Path, n: int, seed: int = 1) -> tuple[Path, list[str], float]:
    """Write an N-party registry file in `folder`; its path, the party names and the bulk-load seconds."""
    path = folder / f"registry-{n}.json"
    _, load_s = build_registry(path, n, random.Random(seed), deep=False)
    store = Store(path)
    try:
        registry = Registry(store, clock=lambda: NOW)
        with registry.reading():
            names = [p.name for p in registry.all(Party)]
    finally:
        store.close()
    return path, names, load_s


def run(services: Services, line: str) -> Any:
    """One command through the real dispatcher, as the privacy team (console context); fails loudly."""
    reply = dispatch(Context(services=services, user="U0BENCH", line=line), line)
    if not reply.ok:
        raise AssertionError(f"{line[:60]!r} failed: {reply.text[:300]}")
    return reply


def tinydb_who(db: TinyDB, name: str) -> None:
    """Plain TinyDB's `who`: the party by name, then each relation table searched for its id."""
    q = Query()
    [party] = db.table("parties").search(q.name == name)
    pid = party.doc_id
    db.table("engagements").search((q.processor == pid) | q.controllers.any([pid]))
    db.table("subprocessors").search((q.processor == pid) | (q.sub == pid))
    db.table("transfers").search((q.exporter == pid) | (q.importer == pid))
    db.table("agreements").search((q.controller == pid) | (q.processor == pid))


def tinydb_load_all(db: TinyDB) -> dict[str, list[dict[str, Any]]]:
    """Every table's documents, from one read of the file: the floor of any review over TinyDB."""
    return {t: list(docs.values()) for t, docs in db.storage.read().items()}


def bench_size(folder: Path, n: int, *, quick: bool = False, seed: int = 1) -> tuple[list[Row], dict[str, Any]]:
    """All per-size measurements at N parties; rows and facts about the registry (file size, open time...)."""
    path, names, load_s = make_registry(folder, n, seed)
    tiny_path = folder / f"tinydb-{n}.json"
    shutil.copyfile(path, tiny_path)
    rng = random.Random(seed)
    big = n >= 50_000
    budget = 20.0 if quick else (60.0 if big else 40.0)
    facts: dict[str, Any] = {"parties": n, "file_mb": path.stat().st_size / 1e6, "bulk_load_s": load_s}
    facts.update(path=path, names=names)

    started = time.perf_counter()
    store = Store(path)
    facts["open_s"] = time.perf_counter() - started
    rows: list[Row] = []
    try:
        registry = Registry(store, clock=lambda: NOW)
        services = Services(registry=registry)
        with registry.reading():
            facts["links"] = sum(registry.count(cls) for cls in (Engagement, SubprocessorLink, Transfer, Agreement))
            started = time.perf_counter()
            registry.find_party(names[0])
            facts["first_lookup_ms"] = (time.perf_counter() - started) * 1000

        def lookup() -> None:
            name = rng.choice(names)
            with registry.reading():
                assert registry.find_party(name).name == name

        def who() -> None:
            run(services, f'who "{rng.choice(names)}"')

        added = iter(range(10**9))

        def party_add() -> None:
            run(services, f'party add "Bench Added {next(added):06d} AS" country=NO')

        def relation_change() -> None:  # every party is in relations: its flags must be made again
            run(services, f'party set "{rng.choice(names)}" email=privacy{next(added)}@example.no')

        ours = {
            "lookup by name": sample(lookup, 1000, budget_s=budget),
            "who NAME": sample(who, 50 if quick else 200, budget_s=budget),
            # The bot works this out in the background at start (chat/slack/schedule.py); one run, as it happens once.
            "review, first after opening": sample(lambda: run(services, "review"), 1, budget_s=budget),
            "review, first call after a change": sample(
                lambda: run(services, "review"), 3 if big or quick else 10, budget_s=budget, setup=relation_change
            ),
            "review, after a new party": sample(
                lambda: run(services, "review"), 5 if big or quick else 10, budget_s=budget, setup=party_add
            ),
            "review, warm": sample(lambda: run(services, "review"), 5 if big or quick else 20, budget_s=budget),
            "export json": sample(lambda: run(services, "export json"), 5 if big or quick else 10, budget_s=budget),
            "export csv": sample(lambda: run(services, "export csv"), 5 if big or quick else 10, budget_s=budget),
            "party add (durable)": sample(party_add, 30 if big or quick else 100, budget_s=budget),
        }
        facts["file_mb_after"] = path.stat().st_size / 1e6
    finally:
        store.close()

    base = tinydb_rows(tiny_path, names, rng, runs=5 if big or quick else 10, budget_s=budget)
    targets = {"lookup by name": 5.0, "party add (durable)": 50.0, "review, warm": 1000.0}
    targets["review, first call after a change"] = 1000.0
    for op, samples in ours.items():
        label, theirs = base.get(op, ("", None))
        rows.append(
            Row(op, samples, theirs, label, target_ms=targets.get(op) if n == 10_000 else None),
        )
    return rows, facts


def tinydb_rows(
    path: Path, names: list[str], rng: random.Random, *, runs: int, budget_s: float
) -> dict[str, tuple[str, list[float]]]:
    """TinyDB doing each operation's nearest equivalent; op -> (what, samples). Lookups and writes with
    CachingMiddleware (the file parsed once, then searched in memory; a write is an insert then a flush, which
    writes the whole file without fsync); the review and export floors with plain JSONStorage (one parse)."""
    q = Query()
    out: dict[str, tuple[str, list[float]]] = {}
    with TinyDB(path, storage=CachingMiddleware(JSONStorage)) as db:
        parties = db.table("parties")
        out["lookup by name"] = (
            "cached: search(name == x)",
            sample(lambda: parties.search(q.name == rng.choice(names)), runs * 2, budget_s=budget_s),
        )
        out["who NAME"] = (
            "cached: party by name + 4 relation searches",
            sample(lambda: tinydb_who(db, rng.choice(names)), runs, budget_s=budget_s),
        )
        counter = iter(range(10**9))

        def insert_and_flush() -> None:
            parties.insert(Party(name=f"TinyDB Added {next(counter):06d} AS", country="NO").to_doc())
            db.storage.flush()

        out["party add (durable)"] = (
            "cached: insert + flush (no fsync, no check, no audit)",
            sample(insert_and_flush, runs * 2, budget_s=budget_s),
        )
    with TinyDB(path) as db:
        load = ("read all tables (one parse)", sample(lambda: tinydb_load_all(db), runs, budget_s=budget_s))
        out["review, first after opening"] = load
        out["review, first call after a change"] = load
        out["review, after a new party"] = load
        out["review, warm"] = load
        out["export json"] = (
            "read all tables + json.dumps",
            sample(lambda: json.dumps(db.storage.read()), runs, budget_s=budget_s),
        )
    return out
