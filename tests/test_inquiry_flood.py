"""A flood of hostile text handed in as an inquiry must not freeze the bot (issue 13, item 2).

The attack: a long run like "a-a-a-..." with no '@' made the e-mail pattern rescan the run from every
position (quadratic time), while the store's lock was held, so every other user's request waited behind it.
Bounds are generous (seconds against milliseconds): they tell a frozen bot from a working one.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from slack_app import EMPLOYEE, NOW, bolt_app, demo_registry, send, slack_services
from slack_fake import FakeSlack
from slack_requests import dm_message, event_callback

from chat import Context, Services, dispatch
from chat.reply import Reply
from registry.models import Inquiry
from registry.registry import Actor, Registry

FLOOD = "a-" * 50_000  # 100 KB, no '@'
SLACK_WAITS = 3.0  # seconds Slack waits for an answer


@pytest.fixture
def registry(tmp_path: Path) -> Iterator[Registry]:
    yield from demo_registry(tmp_path)


def run(registry: Registry, line: str, *, user: str = EMPLOYEE, dpo: bool = False) -> Reply:
    context = Context(services=Services(registry=registry), user=user, line=line, is_dpo=dpo)
    return dispatch(context, line)


def test_a_100_kb_inquiry_from_anyone_is_quick_and_blocks_no_one(registry):
    done: dict[str, object] = {}

    def attack() -> None:
        start = time.perf_counter()
        done["reply"] = run(registry, "inquiry new " + FLOOD)
        done["seconds"] = time.perf_counter() - start

    thread = threading.Thread(target=attack)
    start = time.perf_counter()
    thread.start()
    # Another user asks every 0.25 s while the attack runs; each answer is timed from when it was asked
    # (a frozen process cannot even take the time, so the clock starts at the planned moment).
    waits = []
    asked = start
    while thread.is_alive() and asked - start < 120:
        asked += 0.25
        time.sleep(max(0.0, asked - time.perf_counter()))
        reply = run(registry, "who IWMAC")
        assert reply.ok and "IWMAC" in reply.text
        waits.append(time.perf_counter() - asked)
    thread.join()
    reply = done["reply"]
    assert isinstance(reply, Reply) and reply.ok, reply
    assert max(waits, default=0.0) < SLACK_WAITS, f"another user waited {max(waits):.1f} s"
    assert done["seconds"] < 10, f"the 100 KB inquiry took {done['seconds']:.1f} s"


def test_one_stored_hostile_inquiry_does_not_slow_reminder_linking(registry):
    earlier = run(registry, "inquiry new I want a copy of my data. ola@example.com received=2026-10-01").data["id"]
    with registry.change(Actor("U_EMP", "inquiry new")) as w:  # stored since: a flood from someone else
        w.insert(Inquiry(text=FLOOD, received=NOW.date(), types=["access"]))
    start = time.perf_counter()
    reply = run(
        registry,
        "inquiry new Reminder: I wrote to you on 1 October asking for my data and have not heard back. ola@example.com",
        dpo=True,  # only the privacy team is told which earlier inquiry it follows up
    )
    took = time.perf_counter() - start
    assert reply.ok and reply.data["primary"] == "reminder" and reply.data["linked_to"] == earlier
    assert took < SLACK_WAITS, f"linking the reminder took {took:.1f} s"


def test_a_40000_character_dm_becomes_an_inquiry_quickly(tmp_path, registry):
    with FakeSlack() as fake:
        app = bolt_app(slack_services(registry), fake.client())
        text = "I want a copy of all personal data you hold about me. " + "a-" * 19_970  # Slack's 40,000 at most
        start = time.perf_counter()
        assert send(app, event_callback(dm_message(text, user=EMPLOYEE, ts="1763719200.000300"))).status == 200
        took = time.perf_counter() - start
        confirmation = [c for c in fake.calls("chat.postMessage") if c.params["channel"] == "D123"]
    assert "Sent to the privacy team as inquiry #1" in confirmation[-1].params["text"]
    assert took < SLACK_WAITS, f"the DM took {took:.1f} s"
