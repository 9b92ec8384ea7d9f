"""Crash safety and concurrency across processes: writers killed with SIGKILL, and two processes writing at once."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import orjson
import pytest

from registry import journal
from registry.engines import open_store
from registry.models import Party
from registry.store import Store

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]

# Opens the store, says "ready", waits for "go" on stdin (so that no id is printed before the parent has read
# "ready": the parent's line buffer would swallow it), then inserts parties one transaction at a time, printing
# each doc id as soon as its transaction has returned (committed and fsynced), until it is killed.
WRITER = textwrap.dedent(
    """
    import sys
    from registry.store import Store

    store = Store(sys.argv[1])
    run = sys.argv[2]
    print("ready", flush=True)
    sys.stdin.readline()
    i = 0
    while True:
        with store.transaction():
            doc_id = store.table("parties").insert({"name": f"Crash {run}-{i} AS", "country": "NO"})
        print(doc_id, flush=True)
        i += 1
    """
)

# Waits for "go" on stdin, then does 200 read-modify-write increments of counter doc 1 and inserts 100 docs of
# its own; prints the counter values it wrote, one per line.
COUNTER = textwrap.dedent(
    """
    import sys
    from registry.engines import open_store

    store = open_store(sys.argv[1])
    who = sys.argv[2]
    print("ready", flush=True)
    sys.stdin.readline()
    written = []
    for i in range(200):
        with store.transaction():
            table = store.table("counters")
            n = table.get(doc_id=1)["n"] + 1
            table.update({"n": n}, doc_ids=[1])
        written.append(n)
        if i % 2:
            with store.transaction():
                store.table("parties").insert({"name": f"Writer {who} {i // 2}"})
    print(" ".join(map(str, written)), flush=True)
    """
)


# Like WRITER, but each party is added as a command adds it: the party and its audit event in one transaction.
# With CHECKPOINT_EVERY in its environment, it writes a checkpoint whenever the journal has grown that many bytes
# past the last one (instead of past the file's size), so that kills land during checkpoints too.
AUDITED_WRITER = textwrap.dedent(
    """
    import os
    import sys
    from datetime import UTC, datetime
    import registry.store
    from registry import parties
    from registry.engines import open_store
    from registry.models import Party
    from registry.registry import Actor, Registry

    if os.environ.get("CHECKPOINT_EVERY"):
        registry.store.checkpoint_due = lambda tail, size: tail > int(os.environ["CHECKPOINT_EVERY"])
    registry = Registry(open_store(sys.argv[1]), clock=lambda: datetime.now(UTC))
    run = sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else None
    print("ready", flush=True)
    sys.stdin.readline()
    i = 0
    while count is None or i < count:
        name = f"Audited {run}-{i} AS"
        party = parties.add_party(registry, Actor("U_CRASH", f'party add "{name}"'), Party(name=name, country="NO"))
        print(party.id, flush=True)
        i += 1
    """
)


def _start(
    script: str, *args: str, stdin: int | None = None, env: dict[str, str] | None = None
) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _kill_at_random_moments(
    script: str, path: Path, kills: int, env: dict[str, str] | None = None
) -> tuple[list[int], int]:
    """Start the writer `kills` times, SIGKILL it after a random moment each time; the ids it confirmed (printed
    after its transaction returned), and how many kills left a temp file behind."""
    rng = random.Random()
    confirmed: list[int] = []
    leftover_temps = 0
    for run in range(kills):
        writer = _start(script, str(path), str(run), stdin=subprocess.PIPE, env=env)
        assert writer.stdout is not None and writer.stdin is not None
        ready = writer.stdout.readline()
        assert ready == "ready\n", writer.stderr.read() if writer.stderr else ready
        writer.stdin.write("go\n")
        writer.stdin.flush()
        time.sleep(rng.uniform(0.01, 0.3))
        writer.send_signal(signal.SIGKILL)
        out, err = writer.communicate(timeout=30)
        assert writer.returncode == -signal.SIGKILL, err
        # Only whole lines count: each was printed after its transaction returned.
        confirmed += [int(line) for line in out.splitlines(keepends=True) if line.endswith("\n")]
        leftover_temps += bool(list(path.parent.glob(f".{path.name}.*.tmp")))
    return confirmed, leftover_temps


def run_together(writers: list[subprocess.Popen[str]]) -> list[str]:
    """Let writers that wait for "go" on stdin start at once, so their transactions interleave; their outputs."""
    for w in writers:
        assert w.stdout is not None and w.stdout.readline() == "ready\n"
    for w in writers:
        assert w.stdin is not None
        w.stdin.write("go\n")
        w.stdin.flush()
    results = [w.communicate(timeout=600) for w in writers]
    for w, (_, err) in zip(writers, results, strict=True):
        assert w.returncode == 0, err
    return [out for out, _ in results]


def _seed(db: Path | str, parties: int) -> None:
    """A registry that already holds `parties` realistic parties, so every commit writes a sizeable file."""
    store = open_store(str(db))
    store.bulk_load(
        {
            "parties": [
                Party(
                    name=f"Seed {i:05d} AS",
                    aliases=[f"Seed{i}"],
                    orgnr="921183739",
                    country="NO",
                    address=f"Storgata {i}, 0155 Oslo",
                    email=f"privacy{i}@seed.example.no",
                ).to_doc()
                for i in range(parties)
            ]
        }
    )
    store.close()


@pytest.mark.parametrize("seeded", [2_000, 10_000])
def test_writer_killed_at_random_moments_loses_no_confirmed_write(tmp_path: Path, seeded: int) -> None:
    path = tmp_path / "registry.json"
    _seed(path, seeded)
    kills = 32
    confirmed, leftover_temps = _kill_at_random_moments(WRITER, path, kills)

    assert len(confirmed) > kills  # the writer really did write between kills
    assert len(set(confirmed)) == len(confirmed)  # no doc id was handed out twice
    store = Store(path)
    assert list(tmp_path.glob(".registry.json.*.tmp")) == []
    with store.read():
        table = store.table("parties")
        ids = {doc.doc_id for doc in table.all()}
        missing = set(confirmed) - ids
        assert not missing, f"confirmed but lost: {sorted(missing)}"
        added = len(ids) - seeded
        # Every confirmed insert is there; at most one per kill committed without being confirmed.
        assert len(confirmed) <= added <= len(confirmed) + kills
        assert ids == set(range(1, len(ids) + 1))
        assert all(doc["name"] for doc in table.all())
    store.close()
    orjson.loads(path.read_bytes())  # and the file is plain valid JSON
    print(f"\n{kills} kills, {len(confirmed)} confirmed inserts, {leftover_temps} kills left a temp file behind")


def _registry_at(engine: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a registry of `engine` is for these tests: a file in tmp_path, or a fresh PostgreSQL registry."""
    return request.getfixturevalue("pg_url") if engine == "postgresql" else str(tmp_path / "registry.json")


@pytest.mark.parametrize("engine", ["file", "postgresql"])
@pytest.mark.parametrize("seeded", [200, 10_000])
def test_two_processes_writing_at_once_lose_no_update(
    tmp_path: Path, seeded: int, engine: str, request: pytest.FixtureRequest
) -> None:
    path = _registry_at(engine, request, tmp_path)
    _seed(path, seeded)
    store = open_store(path)
    with store.transaction():
        assert store.table("counters").insert({"n": 0}) == 1
    store.close()

    outputs = run_together([_start(COUNTER, str(path), who, stdin=subprocess.PIPE) for who in ("A", "B")])
    written = [[int(n) for n in out.split()] for out in outputs]
    # Each increment saw the value left by the one before it, whichever process made it.
    assert sorted(written[0] + written[1]) == list(range(1, 401))
    interleaved = written[0] != list(range(written[0][0], written[0][0] + 200))
    store = open_store(path)
    with store.read():
        assert store.table("counters").get(doc_id=1)["n"] == 400
        names = {d["name"] for d in store.table("parties").all()}
        assert len(store.table("parties")) == seeded + 200
    assert {f"Writer {who} {i}" for who in "AB" for i in range(100)} <= names
    store.close()
    print(f"\ninterleaved: {interleaved}")


def _audit_by_party(store: Store) -> tuple[set[int], dict[int, int]]:
    """The parties in the registry, and how many 'add' events the audit log holds for each party id."""
    with store.read():
        ids = {doc.doc_id for doc in store.table("parties").all()}
        events = store.audit_events()
    assert list(events) == sorted(events)  # oldest first, each id once
    added: dict[int, int] = {}
    for event in events.values():
        if event["kind"] == "parties" and event["action"] == "add":
            added[event["record"]] = added.get(event["record"], 0) + 1
    return ids, added


@pytest.mark.parametrize("checkpoint_every", [None, 20_000])
def test_a_writer_killed_at_random_moments_leaves_each_change_with_exactly_one_audit_event(
    tmp_path: Path, checkpoint_every: int | None
) -> None:
    """Killed during commits (journal appends), and with frequent checkpoints during those too (a checkpoint about
    every 20 commits, each writing the 2,000-party file)."""
    path = tmp_path / "registry.json"
    _seed(path, 2_000)
    kills = 24
    env = {"CHECKPOINT_EVERY": str(checkpoint_every)} if checkpoint_every else None
    confirmed, leftover_temps = _kill_at_random_moments(AUDITED_WRITER, path, kills, env)

    assert len(confirmed) > kills
    store = Store(path)
    ids, added = _audit_by_party(store)
    assert set(confirmed) <= ids  # every confirmed change is there
    audited = ids - set(range(1, 2_001))  # the seed was loaded without audit events
    assert {pid: added.get(pid) for pid in audited} == dict.fromkeys(audited, 1)  # each with exactly one event
    assert set(added) == audited  # and no event without its change
    with store.read():
        committed = orjson.loads(path.read_bytes())["_meta"]["1"]["journal"]
        raw = path.with_name(f"{path.name}.audit-{committed['epoch']}.jsonl").read_bytes()
    commits, used = journal.parse(raw)  # whole lines, then at most a torn tail (never a damaged middle)
    assert committed["bytes"] <= used and len(journal.events(commits)) == len(added)
    store.close()
    print(
        f"\n{kills} kills, {len(confirmed)} confirmed audited adds, {len(raw) - used} bytes torn at the end, "
        f"checkpoint at byte {committed['bytes']}, {leftover_temps} kills left a checkpoint's temp file behind"
    )


@pytest.mark.parametrize("engine", ["file", "postgresql"])
def test_two_processes_appending_to_the_audit_log_at_once_lose_nothing(
    tmp_path: Path, engine: str, request: pytest.FixtureRequest
) -> None:
    path = _registry_at(engine, request, tmp_path)
    _seed(path, 2_000)
    outputs = run_together([_start(AUDITED_WRITER, path, w, "100", stdin=subprocess.PIPE) for w in "AB"])
    confirmed = [int(n) for out in outputs for n in out.split()]
    store = open_store(path)
    ids, added = _audit_by_party(store)
    store.close()
    assert len(confirmed) == 200 and set(confirmed) <= ids
    assert added == dict.fromkeys(confirmed, 1)
