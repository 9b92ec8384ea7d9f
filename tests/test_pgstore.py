"""The PostgreSQL engine as an operator meets it: DPA_DB=postgresql://... selects it, a second bot process sees
the first one's changes, a server that cannot be reached is named without the password, and a database laid out
by a newer bot is refused untouched. (The store's and registry's suites run on it through the `store` fixture.)"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest

from chat import Context, Services, dispatch
from inquiries import tracking
from registry.engines import open_pool, open_store
from registry.errors import StoreError
from registry.pgstore import PgStore
from registry.registry import Actor, Registry

ROOT = Path(__file__).resolve().parents[1]


def _console(db: str, lines: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DPA_DB": db}
    for name in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"):
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "bot.py", "--console"], input=lines, capture_output=True, text=True, env=env, cwd=ROOT
    )


def test_two_console_processes_share_the_registry_in_postgresql(pg_url: str) -> None:
    first = _console(pg_url, 'party add "Nordlys Eiendom AS" country=NO\n')
    assert "Added Nordlys Eiendom AS." in first.stdout, first.stderr
    second = _console(pg_url, "party list\nhistory\n")
    assert "• Nordlys Eiendom AS (NO)" in second.stdout, second.stderr
    assert 'add parties #1: party add "Nordlys Eiendom AS" country=NO' in second.stdout


def test_a_server_that_cannot_be_reached_is_named_without_the_password() -> None:
    with pytest.raises(StoreError) as caught:
        open_store("postgresql://dpa:hemmelig@127.0.0.1:1/dpa")
    assert "Cannot open the registry at postgresql://dpa:***@127.0.0.1:1/dpa" in str(caught.value)
    assert "hemmelig" not in str(caught.value)


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://dpa:hemmelig ord@127.0.0.1:1/dpa",  # psycopg quotes a password with a space it cannot parse
        "postgresql://dpa:hem@melig@127.0.0.1:1/dpa",  # an @ in the password
        "postgresql://dpa@127.0.0.1:1/dpa?password=hemmelig",
        "postgresql://dpa:hemmelig%20ord@127.0.0.1:1/dpa",
    ],
)
def test_no_form_of_the_password_shows_in_messages(url: str) -> None:
    for opening in (lambda: open_store(url), lambda: open_pool(url)):
        with pytest.raises(StoreError) as caught:
            opening()
        assert "hemmelig" not in str(caught.value) and "melig" not in str(caught.value), str(caught.value)


def test_a_refused_change_leaves_the_database_as_it_was(pg_url: str) -> None:
    store = open_store(pg_url)
    assert isinstance(store, PgStore)
    with store.transaction():
        store.table("parties").insert({"name": "Kept AS"})
    with pytest.raises(ValueError), store.transaction():
        store.table("parties").insert({"name": "Dropped AS"})
        store.audit({"kind": "parties", "action": "add"})
        raise ValueError("refused")
    with store.read():
        assert [d["name"] for d in store.table("parties").all()] == ["Kept AS"]
        assert store.audit_events() == {}
    store.close()
    again = open_store(pg_url)
    with again.read():
        assert [d["name"] for d in again.table("parties").all()] == ["Kept AS"]
    again.close()


def test_a_database_laid_out_by_a_newer_bot_is_refused_untouched(pg_url: str) -> None:
    open_store(pg_url).close()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("UPDATE dpa_meta SET value = 99 WHERE key = 'layout'")
    with pytest.raises(StoreError, match="table layout 99, made by a newer version of this bot"):
        open_store(pg_url)
    with psycopg.connect(pg_url, autocommit=True) as conn:
        assert conn.execute("SELECT value FROM dpa_meta WHERE key = 'layout'").fetchone() == (99,)


def test_the_bot_goes_on_after_the_server_dropped_its_connections(pg_url: str) -> None:
    name = f"dpa-test-{os.getpid()}"  # only this store's connections are dropped, on a server others may share
    store = open_store(f"{pg_url}&application_name={name}")
    with store.transaction():
        store.table("parties").insert({"name": "Before AS"})
    with psycopg.connect(pg_url, autocommit=True) as admin:
        dropped = admin.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = %s", (name,)
        ).fetchone()
    assert dropped is not None and dropped[0] >= 1
    with store.transaction():  # the pool found its connection gone and opened another
        store.table("parties").insert({"name": "After AS"})
    with store.read():
        assert [d["name"] for d in store.table("parties").all()] == ["Before AS", "After AS"]
    store.close()


def test_a_replica_catches_up_with_only_what_another_changed(pg_url: str) -> None:
    first, second = open_store(pg_url), open_store(pg_url)
    with first.transaction():
        first.table("parties").insert_multiple([{"name": f"Part {n} AS"} for n in range(1, 5)])
        first.audit({"kind": "parties", "action": "add", "command": "party add"})
    with second.read():
        untouched = second.tables()["parties"]["1"]
    with first.transaction():
        first.table("parties").update({"name": "Renamed AS"}, doc_ids=[2])
        first.table("parties").remove(doc_ids=[3])
        first.table("parties").insert({"name": "Added AS"})
        first.audit({"kind": "parties", "action": "change", "command": "party set"})
    with second.read():
        assert {k: d["name"] for k, d in second.tables()["parties"].items()} == {
            "1": "Part 1 AS",
            "2": "Renamed AS",
            "4": "Part 4 AS",
            "5": "Added AS",
        }
        assert second.tables()["parties"]["1"] is untouched  # not read again: only what changed was
        assert [e["command"] for e in second.audit_events().values()] == ["party add", "party set"]
    with first.transaction():  # a redaction rewrites an event in place
        first.rewrite_audit({1: {"kind": "parties", "action": "add", "command": "party add [deleted]"}})
    with first.transaction():  # a change other than by id: the whole table is written, and read again
        first.table("parties").truncate()
    with second.read():
        assert second.tables()["parties"] == {}
        assert second.audit_events()[1]["command"] == "party add [deleted]"
    with second.transaction():  # and the second writes on top of all that without losing any of it
        second.table("parties").insert({"name": "Last AS"})
    with first.read():
        assert [d["name"] for d in first.tables()["parties"].values()] == ["Last AS"]
    second.close()
    first.close()


def test_a_database_of_layout_1_gets_the_change_feed_at_open_and_keeps_its_data(pg_url: str) -> None:
    store = open_store(pg_url)
    with store.transaction():
        store.table("parties").insert({"name": "Eldre AS"})
    store.close()
    with psycopg.connect(pg_url, autocommit=True) as conn:  # as the bot before the change feed left it
        conn.execute("ALTER TABLE dpa_docs DROP COLUMN rev")
        conn.execute("ALTER TABLE dpa_audit DROP COLUMN rev")
        conn.execute("DROP TABLE dpa_gone")
        conn.execute("DELETE FROM dpa_meta WHERE key = 'whole'")
        conn.execute("UPDATE dpa_meta SET value = 1 WHERE key = 'layout'")
    first, second = open_store(pg_url), open_store(pg_url)
    with first.transaction():
        first.table("parties").insert({"name": "Nyere AS"})
    with second.read():
        assert [d["name"] for d in second.tables()["parties"].values()] == ["Eldre AS", "Nyere AS"]
    second.close()
    first.close()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        assert conn.execute("SELECT value FROM dpa_meta WHERE key = 'layout'").fetchone() == (2,)


def _table_files(url: str, schema: str | None = None) -> bytes:
    """The bytes of the dpa tables' files on the server's disk (and their TOAST tables'), after a checkpoint."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CHECKPOINT")
        folder = conn.execute("SHOW data_directory").fetchone()
        paths = conn.execute(
            "SELECT pg_relation_filepath(oid), pg_relation_filepath(NULLIF(reltoastrelid, 0)) FROM pg_class "
            "WHERE relname IN ('dpa_docs', 'dpa_audit', 'dpa_gone') "
            "AND relnamespace = coalesce(%s, current_schema())::regnamespace",
            (schema,),
        ).fetchall()
    assert folder is not None
    files = [Path(folder[0]) / p for row in paths for p in row if p]
    if not all(f.exists() for f in files):
        pytest.skip("the PostgreSQL server's files are not on this machine")
    return b"".join(f.read_bytes() for f in files)


@pytest.mark.parametrize("schema", [None, "dpa_t0vacuum"], ids=["one registry", "a workspace's own schema"])
def test_the_retention_purge_leaves_no_copy_of_the_text_in_the_table_files(pg_url: str, schema: str | None) -> None:
    pool = open_pool(pg_url) if schema else None
    store = open_store(pg_url, schema=schema, pool=pool)
    now = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
    registry = Registry(store, clock=lambda: now)
    services = Services(registry=registry)
    for line in ('inquiry new "Slett meg. Hilsen Oddveig Kvalsund" received=2026-11-20', "inquiry close 1"):
        assert dispatch(Context(services=services, user="U_DPO", line=line), line).ok
    assert b"Oddveig Kvalsund" in _table_files(pg_url, schema)
    later = Registry(store, clock=lambda: now + timedelta(days=400))
    assert tracking.purge(later, Actor("bot", "purge"), months=12) == [1]
    assert b"Oddveig Kvalsund" not in _table_files(pg_url, schema)  # nor in an old row version: vacuumed
    store.close()
    if pool is not None:
        pool.close()


def test_each_workspace_s_jobs_have_their_own_lock(pg_url: str) -> None:
    """Replicas run a job once per registry: a workspace's daily job never waits for, or skips, another's."""
    pool = open_pool(pg_url)
    a, b, a_again = (open_store(pg_url, schema=s, pool=pool) for s in ("dpa_t0a", "dpa_t0b", "dpa_t0a"))
    try:
        with a.job_lock("daily") as got_a, b.job_lock("daily") as got_b, a_again.job_lock("daily") as again:
            assert (got_a, got_b, again) == (True, True, False)
    finally:
        for store in (a, b, a_again):
            store.close()
        pool.close()


def test_a_database_user_that_may_only_read_opens_the_registry_read_only(pg_url: str) -> None:
    owner = open_store(pg_url)
    with owner.transaction():
        owner.table("parties").insert({"name": "Lesbar AS", "country": "NO"})
    owner.close()
    role = f"dpa_reader_{os.getpid()}_{pg_url.rsplit('t', 1)[-1]}"
    with psycopg.connect(pg_url, autocommit=True) as conn:
        schema = conn.execute("SELECT current_schema()").fetchone()
        assert schema is not None
        conn.execute(f"CREATE ROLE {role} LOGIN")
        conn.execute(f"GRANT USAGE ON SCHEMA {schema[0]} TO {role}")
        conn.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema[0]} TO {role}")
        before = conn.execute("SELECT value FROM dpa_meta WHERE key = 'commits'").fetchone()
    reader = pg_url.replace("postgres@", f"{role}@")
    shown = _console(reader, 'party list\nparty add "Skrivbar AS" country=NO\n')
    assert "The registry can only be read (the database user may not change dpa_meta, dpa_docs" in shown.stderr
    assert "• Lesbar AS (NO)" in shown.stdout
    assert "Could not save the registry" in shown.stdout and "Nothing was changed" in shown.stdout
    with psycopg.connect(pg_url, autocommit=True) as conn:
        assert conn.execute("SELECT value FROM dpa_meta WHERE key = 'commits'").fetchone() == before
        assert conn.execute("SELECT count(*) FROM dpa_docs WHERE doc->>'name' = 'Skrivbar AS'").fetchone() == (0,)


def test_a_user_that_may_only_read_opens_a_workspace_s_registry_read_only(pg_url: str) -> None:
    """A reader (a report, the bench's check) needs no right to create: the workspace's schema is there."""
    pool = open_pool(pg_url)
    owner = open_store(pg_url, schema="dpa_t0reader", pool=pool)
    with owner.transaction():
        owner.table("parties").insert({"name": "Lesbar AS", "country": "NO"})
    owner.close()
    pool.close()
    role = f"dpa_wsreader_{os.getpid()}_{pg_url.rsplit('t', 1)[-1]}"
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {role} LOGIN")
        conn.execute(f"GRANT USAGE ON SCHEMA dpa_t0reader TO {role}")
        conn.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA dpa_t0reader TO {role}")
    reader_pool = open_pool(pg_url.replace("postgres@", f"{role}@"))
    try:
        reader = open_store(pg_url.replace("postgres@", f"{role}@"), schema="dpa_t0reader", pool=reader_pool)
        assert reader.read_only and "may not change" in reader.read_only
        with reader.read():
            assert [p["name"] for p in reader.table("parties").all()] == ["Lesbar AS"]
        reader.close()
    finally:
        reader_pool.close()
