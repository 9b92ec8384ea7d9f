"""Several bot processes (replicas) on one registry, as an operator runs them behind a load balancer: two stores on
one registry stand for two processes. A change made through one is seen by the other at once, and the background
jobs run once across them: one digest, each breach reminder once, each inquiry text purged once."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import orjson
import pytest
from pg_server import another_store
from slack_app import NOW, SECRET, bolt_app, send, slack_services
from slack_bolt import App
from slack_fake import FakeSlack
from slack_requests import slash_command

from chat import Context, Services, dispatch
from chat.slack.http import HEALTH_PATH, make_http_server
from chat.slack.schedule import run_daily, run_often
from registry.demo import load_demo
from registry.engines import open_store
from registry.export import export_json, restore_json
from registry.jobs import last_run
from registry.models import Engagement, Party
from registry.pgstore import PgStore
from registry.registry import Actor, Registry
from registry.store import Store

DPO = "U_DPO"
LATER = NOW + timedelta(days=400)  # past the 12 months' retention of an inquiry closed at NOW


@pytest.fixture(params=["file", "postgresql"])
def replicas(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Store, Store]]:
    """Two stores on one registry: a file both open, or one schema in PostgreSQL."""
    first = open_store(request.getfixturevalue("pg_url") if request.param == "postgresql" else str(tmp_path / "r.json"))
    second = another_store(first)
    assert second is not None
    yield first, second
    second.close()
    first.close()


def run_line(registry: Registry, line: str) -> None:
    reply = dispatch(Context(services=Services(registry=registry), user=DPO, line=line), line)
    assert reply.ok, reply.text


def at(store: Store, when: datetime) -> Registry:
    return Registry(store, clock=lambda: when)


def in_parallel(*jobs: Callable[[], None]) -> None:
    """Start the jobs at the same moment on threads of their own; re-raise what any of them raised."""
    start = threading.Barrier(len(jobs))
    failed: list[BaseException] = []

    def run(job: Callable[[], None]) -> None:
        start.wait()
        try:
            job()
        except BaseException as exc:  # shown by the test, below
            failed.append(exc)

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not failed, failed


def test_a_change_through_one_replica_is_seen_by_the_other_at_once(replicas: tuple[Store, Store]) -> None:
    first, second = replicas
    one, two = at(first, NOW), at(second, NOW)
    run_line(one, 'party add "Nordlys Eiendom AS" country=NO')
    with two.reading():
        assert [p.name for p in two.all(Party)] == ["Nordlys Eiendom AS"]
    run_line(two, 'party remove "Nordlys Eiendom AS"')
    run_line(two, 'party add "Fjordsky AS" country=NO')
    with one.reading():
        assert [p.name for p in one.all(Party)] == ["Fjordsky AS"]


def test_names_and_references_follow_the_other_replicas_changes(replicas: tuple[Store, Store]) -> None:
    """The other replica's changes reach the name and reference indexes too (document by document, on PostgreSQL)."""
    first, second = replicas
    one, two = at(first, NOW), at(second, NOW)
    run_line(one, 'party add "Nordlys Eiendom AS" country=NO')
    run_line(one, 'party add "Fjordsky AS" country=NO')
    with two.reading():
        assert two.find_party("Fjordsky").name == "Fjordsky AS"  # the index is built once here
        assert two.materialised(Engagement) == [] and len(two.materialised(Party)) == 2
    run_line(one, 'engage Fjordsky for="Nordlys Eiendom" purpose="Drift av beboerportalen"')
    run_line(one, 'party set Fjordsky name="Skyhavn AS"')
    with two.reading():
        assert two.find_party("Skyhavn").name == "Skyhavn AS"
        assert two.party_named("Fjordsky") is None
        assert [e.purpose for e in two.materialised(Engagement)] == ["Drift av beboerportalen"]
        assert [p.name for p in two.materialised(Party)] == ["Nordlys Eiendom AS", "Skyhavn AS"]
        assert [type(r).__name__ for r in two.references(two.find_party("Nordlys").id or 0)] == ["Engagement"]
    refused = dispatch(Context(services=Services(registry=two), user=DPO, line=""), 'party remove "Nordlys Eiendom"')
    assert not refused.ok and "referred to" in refused.text
    run_line(one, 'engagement remove Skyhavn for="Nordlys Eiendom"')
    run_line(two, 'party remove "Nordlys Eiendom"')
    with one.reading():
        assert [p.name for p in one.all(Party)] == ["Skyhavn AS"]


def test_a_slash_command_answered_by_one_replica_sees_what_the_other_changed_a_moment_before(
    replicas: tuple[Store, Store], fake: FakeSlack
) -> None:
    first, second = (bolt_app(slack_services(at(store, NOW)), fake.client()) for store in replicas)

    def slash(app: App, line: str) -> str:
        assert send(app, slash_command(line, user_id=DPO, response_url=fake.response_url)).status == 200
        return fake.last("response_url").params["text"]

    assert "Added Nordlys Eiendom AS" in slash(first, 'party add "Nordlys Eiendom AS" country=NO')
    assert "Nordlys Eiendom AS (NO)" in slash(second, "party list")
    assert "Removed" in slash(second, 'party remove "Nordlys Eiendom AS"')
    assert "Nordlys Eiendom AS" not in slash(first, "party list")


def test_two_replicas_running_the_jobs_at_once_post_and_purge_once(
    replicas: tuple[Store, Store], fake: FakeSlack
) -> None:
    first, second = replicas
    load_demo(at(first, NOW), Actor("setup", "demo"))
    run_line(at(first, NOW), 'inquiry new "Slett meg, Ola Nordmann, ola@example.no" received=2026-11-20')
    run_line(at(first, NOW), 'inquiry close 1 note="answered by letter"')
    aware = LATER - timedelta(hours=25)  # the 24-hour reminder of the breach's 72 hours is due
    run_line(at(first, aware), f'breach new "Vi mistet en minnepinne" aware="{aware.isoformat()}"')
    run_line(at(first, LATER), f'inquiry new "Send me my data" received={(LATER - timedelta(days=40)).date()}')
    fake.clear()

    def replica(store: Store) -> Callable[[], None]:
        slack = slack_services(at(store, LATER))

        def jobs() -> None:
            run_daily(slack, fake.client(), retention_months=12)
            run_often(slack, fake.client())

        return jobs

    in_parallel(replica(first), replica(second))
    in_parallel(replica(second), replica(first))  # a second round, each after the other finished: nothing again

    texts = [c.params["text"] for c in fake.calls("chat.postMessage")]
    assert len([t for t in texts if "Overdue" in t]) == 1, texts  # one digest
    assert len([t for t in texts if t.startswith("⏰ Personal data breach #1: 24 hours")]) == 1, texts
    for store in (first, second):
        registry = at(store, LATER)
        with registry.reading():
            purges = [e for e in registry.store.audit_events().values() if e["command"].startswith("daily: delete")]
            inquiry = registry.store.table("inquiries").get(doc_id=1)
        assert len(purges) == 1 and purges[0]["record"] == 1, purges
        assert inquiry["text"] == "" and inquiry["text_deleted"]
        with registry.reading():
            backup = export_json(registry)
        assert "_jobs" not in backup  # when the jobs ran is the bot's own note, not part of the registry's data


def test_the_note_of_when_the_jobs_ran_does_not_stop_a_restore(store: Store, fake: FakeSlack) -> None:
    demo = at(Store(None), NOW)
    load_demo(demo, Actor("setup", "demo"))
    with demo.reading():
        backup = orjson.dumps(export_json(demo))
    empty = at(store, NOW)
    run_daily(slack_services(empty), fake.client(), retention_months=12)  # a new bot's first day, before the restore
    assert last_run(store, "daily") == NOW.date()
    restored = restore_json(empty, Actor("U_DPO", "bot.py --restore backup.json"), backup, source="backup.json")
    assert restored["parties"] > 0
    with empty.reading():
        assert "_jobs" not in store.tables() and empty.count(Party) == restored["parties"]
    other = another_store(store)  # as another process reads it
    if other is not None:
        with other.read():
            assert "_jobs" not in other.tables() and len(other.tables()["parties"]) == restored["parties"]
        other.close()


def test_a_job_runs_in_one_replica_while_the_other_skips_it(replicas: tuple[Store, Store]) -> None:
    first, second = replicas
    with first.job_lock("daily") as mine, second.job_lock("daily") as theirs, second.job_lock("often") as other:
        assert (mine, theirs, other) == (True, False, True)
    with second.job_lock("daily") as again:
        assert again  # let go when the first finished


# -- the health check a load balancer asks ------------------------------------------------------------------


def healthz(store: Store, fake: FakeSlack) -> tuple[int, dict]:
    """GET /healthz over real HTTP from the server bot.py runs, on a free loopback port."""
    server = make_http_server(
        bolt_app(slack_services(at(store, NOW)), fake.client()),
        signing_secret=SECRET,
        host="127.0.0.1",
        port=0,
        store=store,
    )
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{server.server_port}{HEALTH_PATH}", timeout=10) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as refused:
        return refused.code, json.loads(refused.read())
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_health_is_ok_while_the_registry_answers_and_503_with_the_reason_when_it_does_not(
    tmp_path: Path, fake: FakeSlack
) -> None:
    store = Store(tmp_path / "registry.json")
    load_demo(at(store, NOW), Actor("setup", "demo"))
    assert healthz(store, fake) == (200, {"status": "ok", "read_only": False})
    (tmp_path / "registry.json").unlink()
    status, answer = healthz(store, fake)
    assert status == 503 and answer["status"] == "unavailable" and "has disappeared" in answer["reason"]
    assert "Fjordgløtt" not in json.dumps(answer)
    store.close()


def test_health_on_postgresql_asks_the_server_and_never_shows_the_password(pg_url: str, fake: FakeSlack) -> None:
    store = open_store(pg_url.replace("postgres@", "postgres:hemmelig@"))  # the test server trusts any password
    assert isinstance(store, PgStore) and store._pool is not None
    assert healthz(store, fake) == (200, {"status": "ok", "read_only": False})
    held = [store._pool.getconn() for _ in range(4)]  # every connection busy: no answer within 2 seconds
    try:
        status, answer = healthz(store, fake)
    finally:
        for conn in held:
            store._pool.putconn(conn)
    assert status == 503 and "did not answer" in answer["reason"] and "hemmelig" not in answer["reason"]
    assert "127.0.0.1" not in answer["reason"] and "postgres" not in answer["reason"]  # anyone may ask: no address
    assert healthz(store, fake)[0] == 200
    store.close()
    assert healthz(store, fake) == (
        503,
        {"status": "unavailable", "read_only": False, "reason": "the registry is closed"},
    )


def test_in_memory_the_job_lock_keeps_a_second_thread_out_until_the_first_is_done() -> None:
    store = Store(None)
    outcome: list[bool] = []

    def other() -> None:
        with store.job_lock("often") as got:
            outcome.append(got)

    with store.job_lock("often") as mine:
        thread = threading.Thread(target=other)
        thread.start()
        thread.join(5)
        assert (mine, outcome) == (True, [False])
    with store.job_lock("often") as again:
        assert again
