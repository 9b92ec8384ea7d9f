"""The store: transactions, rollback, change detection between instances, file checks, migration, threads."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import orjson
import pytest
from pg_server import another_store
from tinydb import Query, TinyDB

from registry import parties
from registry.errors import Conflict, NotFound, StoreError
from registry.models import AuditEvent, Engagement, Party
from registry.registry import Actor, Registry
from registry.schema import META_TABLE, SCHEMA_VERSION
from registry.store import Store

ACTOR = Actor("test", "party add X")


class Boom(Exception):
    pass


def _names(store: Store) -> list[str]:
    with store.read():
        return sorted(d["name"] for d in store.table("parties").all())


def _increment(store: Store) -> int:
    """One read-modify-write of the counter document (doc id 1 of table `counters`)."""
    with store.transaction():
        table = store.table("counters")
        doc = table.get(doc_id=1)
        assert doc is not None
        table.update({"n": doc["n"] + 1}, doc_ids=[1])
        return doc["n"] + 1


def _make_counter(store: Store) -> None:
    with store.transaction():
        assert store.table("counters").insert({"n": 0}) == 1


# -- both storages ----------------------------------------------------------------------------------------


def test_insert_and_read_back(store: Store) -> None:
    with store.transaction():
        first = store.table("parties").insert({"name": "Acme AS"})
        second = store.table("parties").insert({"name": "Septer AS", "aliases": ["Septer"]})
    with store.read():
        table = store.table("parties")
        assert table.get(doc_id=first) == {"name": "Acme AS"}
        assert table.get(doc_id=second)["aliases"] == ["Septer"]
        assert len(table) == 2


def test_write_outside_a_transaction_is_refused(store: Store) -> None:
    with store.read(), pytest.raises(RuntimeError, match="outside a transaction"):
        store.table("parties").insert({"name": "Acme AS"})
    assert _names(store) == []
    with store.transaction():  # and nothing of it is committed by the next transaction either
        store.table("parties").insert({"name": "Septer AS"})
    assert _names(store) == ["Septer AS"]


@pytest.mark.parametrize(
    "write",
    [
        lambda t: t.insert({"name": "X"}),
        lambda t: t.insert_multiple([{"name": "X"}]),
        lambda t: t.update({"name": "X"}, doc_ids=[1]),
        lambda t: t.update({"name": "X"}, Query().name == "Acme AS"),
        lambda t: t.update_multiple([({"name": "X"}, Query().name == "Acme AS")]),
        lambda t: t.upsert({"name": "X"}, Query().name == "Acme AS"),
        lambda t: t.remove(doc_ids=[1]),
        lambda t: t.remove(Query().name == "Acme AS"),
        lambda t: t.truncate(),
    ],
)
def test_every_tinydb_write_outside_a_transaction_is_refused_before_it_touches_the_data(store: Store, write) -> None:
    """Through TinyDB's public methods only: no override of its private table update."""
    with store.transaction():
        store.table("parties").insert({"name": "Acme AS"})
    with store.read(), pytest.raises(RuntimeError, match="outside a transaction"):
        write(store.table("parties"))
    assert _names(store) == ["Acme AS"]
    with store.transaction():  # and the same write inside one works
        write(store.table("parties"))


def test_write_from_another_thread_during_a_transaction_is_refused(store: Store) -> None:
    inside, done = threading.Event(), threading.Event()

    def hold_transaction() -> None:
        with store.transaction():
            store.table("parties").insert({"name": "Owner AS"})
            inside.set()
            done.wait(10)

    owner = threading.Thread(target=hold_transaction)
    owner.start()
    assert inside.wait(10)
    try:
        with pytest.raises(RuntimeError, match="outside a transaction"):
            store.table("parties").insert({"name": "Intruder AS"})
    finally:
        done.set()
        owner.join(10)
    assert _names(store) == ["Owner AS"]


def test_failed_transaction_leaves_nothing(store: Store) -> None:
    with store.transaction():
        store.table("parties").insert({"name": "Kept AS"})
    generation = store.load_generation
    with pytest.raises(Boom), store.transaction():
        store.table("parties").insert({"name": "Lost AS"})
        store.table("parties").update({"name": "Renamed AS"}, doc_ids=[1])
        store.table("engagements").insert({"processor": 1})
        raise Boom
    assert _names(store) == ["Kept AS"]
    with store.read():
        assert store.table("engagements").all() == []
    assert store.load_generation > generation  # indexes over the data must be rebuilt
    # The store still works after a rollback, and the next id is not burnt by the failed insert.
    with store.transaction():
        assert store.table("parties").insert({"name": "Next AS"}) == 2
    assert _names(store) == ["Kept AS", "Next AS"]


def test_failed_transaction_leaves_no_file_change(tmp_path: Path) -> None:
    path = tmp_path / "registry.json"
    store = Store(path)
    with store.transaction():
        store.table("parties").insert({"name": "Kept AS"})
    before = path.read_bytes()
    with pytest.raises(Boom), store.transaction():
        store.table("parties").insert({"name": "Lost AS"})
        raise Boom
    assert path.read_bytes() == before
    assert list(tmp_path.glob(".registry.json.*.tmp")) == []


def test_failed_change_leaves_audit_log_untouched(registry: Registry) -> None:
    parties.add_party(registry, ACTOR, Party(name="Acme AS"))
    with pytest.raises(Boom), registry.change(ACTOR) as w:
        w.insert(Party(name="Ghost AS"))
        w.insert(Engagement(processor=1, controllers=[2], purpose="hosting"))
        raise Boom
    # A rule that refuses the change is rolled back the same way.
    with pytest.raises(Conflict):
        parties.add_party(registry, ACTOR, Party(name="ACME"))
    with registry.reading():
        assert [p.name for p in registry.all(Party)] == ["Acme AS"]
        assert registry.all(Engagement) == []
        audit = registry.all(AuditEvent)
        assert [(e.kind, e.record, e.action) for e in audit] == [("parties", 1, "add")]
        assert audit[0].at == "2026-11-21T12:00:00+00:00"
        with pytest.raises(NotFound):  # the name index forgot the rolled-back party too
            registry.find_party("Ghost AS")
        assert registry.find_party("acme").name == "Acme AS"


def test_nested_transactions_commit_once(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    commits: list[int] = []
    real_commit = store._commit
    monkeypatch.setattr(store, "_commit", lambda: (commits.append(1), real_commit()))
    other = another_store(store)
    with store.transaction():
        store.table("parties").insert({"name": "Outer AS"})
        with store.transaction():
            store.table("parties").insert({"name": "Inner AS"})
            with store.transaction():
                store.table("parties").insert({"name": "Innermost AS"})
        assert commits == []
        if other is not None:  # nothing reached the file before the outermost block ended
            assert _names(other) == []
    assert commits == [1]
    assert _names(store) == ["Inner AS", "Innermost AS", "Outer AS"]
    if other is not None:
        assert _names(other) == ["Inner AS", "Innermost AS", "Outer AS"]
        other.close()


def test_nested_failure_rolls_back_the_whole_transaction(store: Store) -> None:
    with pytest.raises(Boom), store.transaction():
        store.table("parties").insert({"name": "Outer AS"})
        with store.transaction():
            store.table("parties").insert({"name": "Inner AS"})
            raise Boom
    assert _names(store) == []


def test_read_only_transaction_does_not_write(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    commits: list[int] = []
    monkeypatch.setattr(store, "_commit", lambda: commits.append(1))
    with store.transaction():
        store.table("parties").all()
    assert commits == []


def test_registry_write_goes_through_the_store(registry: Registry) -> None:
    added = parties.add_party(registry, ACTOR, Party(name="Septer AS", country="NO"))
    with registry.reading():
        assert registry.find_party("septer").id == added.id
        assert registry.count(AuditEvent) == 1
    again = another_store(registry.store)
    if again is not None:  # a fresh store on the file or database sees the same
        fresh = Registry(again, clock=registry.clock)
        with fresh.reading():
            assert fresh.find_party("Septer").country == "NO"
        fresh.store.close()


def test_threads_on_one_store_lose_no_update(store: Store) -> None:
    _make_counter(store)
    _run_threads([store], threads=8, each=50)
    with store.read():
        assert store.table("counters").get(doc_id=1)["n"] == 400


def _run_threads(stores: list[Store], *, threads: int, each: int) -> None:
    errors: list[BaseException] = []
    start = threading.Barrier(threads)

    def work(s: Store) -> None:
        try:
            start.wait()
            for _ in range(each):
                _increment(s)
        except BaseException as exc:
            errors.append(exc)

    workers = [threading.Thread(target=work, args=(stores[i % len(stores)],)) for i in range(threads)]
    for t in workers:
        t.start()
    for t in workers:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in workers)
    assert errors == []


# -- file storage only ------------------------------------------------------------------------------------


def test_file_is_json_with_schema_record_after_commit(tmp_path: Path) -> None:
    path = tmp_path / "registry.json"
    store = Store(path)
    with store.transaction():
        store.table("parties").insert({"name": "Acme AS"})
    store.checkpoint()  # a commit is a journal line; the file is the checkpoint of them
    data = orjson.loads(path.read_bytes())
    assert data[META_TABLE]["1"]["schema"] == SCHEMA_VERSION
    assert data[META_TABLE]["1"]["next_ids"] == {"parties": 2}
    assert data["parties"] == {"1": {"name": "Acme AS"}}
    assert all(isinstance(table, dict) for table in data.values())
    assert list(tmp_path.glob(".registry.json.*.tmp")) == []


def test_new_file_is_created_with_schema_record(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "registry.json"
    Store(path).close()
    data = orjson.loads(path.read_bytes())
    assert data[META_TABLE]["1"]["schema"] == SCHEMA_VERSION
    assert data["parties"] == {} and "audit" not in data  # the audit log is a journal beside the file
    assert data[META_TABLE]["1"]["journal"] == {"epoch": 1, "bytes": 0}


def test_second_store_sees_commits_both_ways(tmp_path: Path) -> None:
    path = tmp_path / "registry.json"
    a, b = Store(path), Store(path)
    with a.transaction():
        a.table("parties").insert({"name": "From A"})
    assert _names(b) == ["From A"]
    with b.transaction():
        b.table("parties").insert({"name": "From B"})
        b.table("parties").update({"country": "NO"}, doc_ids=[1])
    assert _names(a) == ["From A", "From B"]
    with a.read():
        assert a.table("parties").get(doc_id=1)["country"] == "NO"
    # A transaction starts from the other's latest commit, so ids do not collide.
    with a.transaction():
        assert a.table("parties").insert({"name": "From A again"}) == 3
    assert _names(b) == ["From A", "From A again", "From B"]
    a.close()
    b.close()


def test_change_is_seen_even_with_same_inode_mtime_and_size(tmp_path: Path) -> None:
    """Two quick commits by another process, within one tick of a coarse file clock (kernels before 6.13 stamp
    mtimes with a 1-10 ms clock; os.utime plays that here), the same size, and on ext4 the inode number of the
    version we hold would come straight back. The store must still notice."""
    path = tmp_path / "registry.json"
    a, b = Store(path), Store(path)
    _make_counter(a)
    with a.transaction():
        a.table("counters").update({"n": 10}, doc_ids=[1])
    seen = path.stat()
    for n in (11, 12):
        assert _increment(b) == n
        os.utime(path, ns=(seen.st_atime_ns, seen.st_mtime_ns))
        assert path.stat().st_size == seen.st_size
    assert _increment(a) == 13  # not 11: that would lose b's two increments
    a.checkpoint()
    assert orjson.loads(path.read_bytes())["counters"]["1"]["n"] == 13


def test_registry_indexes_follow_the_other_process(tmp_path: Path, fixed_now) -> None:
    path = tmp_path / "registry.json"
    bot = Registry(Store(path), clock=lambda: fixed_now)
    console = Registry(Store(path), clock=lambda: fixed_now)
    with bot.reading(), pytest.raises(NotFound):
        bot.find_party("Acme")
    parties.add_party(console, ACTOR, Party(name="Acme AS"))
    with bot.reading():
        assert bot.find_party("Acme").name == "Acme AS"
    with pytest.raises(Conflict):  # the bot's duplicate check sees the console's party
        parties.add_party(bot, ACTOR, Party(name="ACME AS"))


BAD_FILES = {
    "not json": (b'{"parties": {"1": {"name": "Acme AS"}', "not valid JSON"),
    "empty file": (b"", "not valid JSON"),
    "json list": (b'[{"name": "Acme AS"}]', "not a DPA registry file: it holds a list"),
    "json string": (b'"registry"', "not a DPA registry file: it holds text"),
    "table not an object": (b'{"parties": [{"name": "Acme AS"}]}', "not a DPA registry file: 'parties' is not a table"),
    # Files of other applications, which the bot once adopted as plain TinyDB files and rewrote as a registry.
    "another app's users": (b'{"users": [{"name": "Kari", "role": "admin"}]}', "not a DPA registry file"),
    "another app's TinyDB file": (
        b'{"_default": {}, "users": {"1": {"name": "Kari"}}, "sessions": {"1": {"token": "x"}}}',
        "not a DPA registry file: no schema record, and tables this bot does not keep: 'users', 'sessions'",
    ),
    "TinyDB default table in use": (b'{"_default": {"1": {"name": "Kari"}}}', "not a DPA registry file"),
    "newer schema": (
        orjson.dumps({META_TABLE: {"1": {"schema": SCHEMA_VERSION + 1}}, "parties": {"1": {"name": "Acme AS"}}}),
        f"schema version {SCHEMA_VERSION + 1}, made by a newer version",
    ),
}


@pytest.mark.parametrize("content,message", list(BAD_FILES.values()), ids=list(BAD_FILES))
def test_unusable_file_is_refused_and_left_untouched(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "registry.json"
    path.write_bytes(content)
    mtime = path.stat().st_mtime_ns
    with pytest.raises(StoreError, match=message) as caught:
        Store(path)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == content
    assert path.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in tmp_path.iterdir()) == ["registry.json", "registry.json.lock"]


def test_plain_tinydb_file_is_migrated_with_backup(tmp_path: Path, fixed_now) -> None:
    path = tmp_path / "registry.json"
    with TinyDB(path) as db:
        db.table("parties").insert({"name": "Acme AS", "country": "NO"})
        db.table("parties").insert({"name": "Cloud Inc.", "country": "US", "aliases": ["Cloud"]})
        db.table("engagements").insert(
            {"processor": 2, "controllers": [1], "purpose": "hosting", "start": "2025-01-31"}
        )
    original = path.read_bytes()
    assert META_TABLE not in orjson.loads(original)

    store = Store(path)
    backup = tmp_path / "registry.json.schema0.bak"
    assert backup.read_bytes() == original
    data = orjson.loads(path.read_bytes())
    assert data[META_TABLE]["1"]["schema"] == SCHEMA_VERSION
    assert "_default" not in data  # TinyDB's empty default table is dropped
    assert data["parties"]["1"]["aliases"] == []  # missing fields get their defaults
    assert data["parties"]["1"]["is_self"] is False

    registry = Registry(store, clock=lambda: fixed_now)
    with registry.reading():
        acme, cloud = registry.find_party("Acme"), registry.find_party("cloud")
        assert (acme.id, acme.country, cloud.id, cloud.aliases) == (1, "NO", 2, ["Cloud"])
        (engagement,) = registry.related(acme.id, Engagement)
        assert engagement.processor == cloud.id and engagement.start.isoformat() == "2025-01-31"
    # Later writes continue the ids TinyDB handed out.
    added = parties.add_party(registry, ACTOR, Party(name="Septer AS"))
    assert added.id == 3
    store.close()
    # A second open sees schema 1 and does not migrate or back up again.
    backup.unlink()
    Store(path).close()
    assert not backup.exists()


def test_stale_temp_files_are_removed_on_open(tmp_path: Path) -> None:
    path = tmp_path / "registry.json"
    store = Store(path)
    with store.transaction():
        store.table("parties").insert({"name": "Acme AS"})
    store.close()
    good = path.read_bytes()
    stale = [tmp_path / ".registry.json.4242.tmp", tmp_path / ".registry.json.99999.tmp"]
    stale[0].write_bytes(good[: len(good) // 2])  # a writer killed half-way through its temp file
    stale[1].write_bytes(b"")
    unrelated = tmp_path / ".other.json.4242.tmp"
    unrelated.write_bytes(b"{}")

    reopened = Store(path)
    assert not any(p.exists() for p in stale)
    assert unrelated.exists()
    assert path.read_bytes() == good
    assert _names(reopened) == ["Acme AS"]


@pytest.mark.parametrize("seeded", [0, 10_000])
def test_two_stores_in_threads_lose_no_update(tmp_path: Path, seeded: int) -> None:
    path = tmp_path / "registry.json"
    if seeded:  # a registry of realistic size: every commit writes megabytes, and each store re-reads the other's
        seed = Store(path)
        seed.bulk_load(
            {"parties": [{"name": f"Seed {i:05d} AS", "country": "NO", "aliases": []} for i in range(seeded)]}
        )
        seed.close()
    a, b = Store(path), Store(path)
    _make_counter(a)
    _run_threads([a, b], threads=8, each=50)
    for s in (a, b, Store(path)):
        with s.read():
            assert s.table("counters").get(doc_id=1)["n"] == 400
    a.close()  # a clean close leaves the whole registry in its file
    assert orjson.loads(path.read_bytes())["counters"]["1"]["n"] == 400
