"""Inquiries after their retention ends, end to end: nothing of the letter, the sender, the note or the reason is
left in the registry file (audit log included) or in the bot's own Slack messages. And what a non-member is told
about an inquiry they hand in never depends on other inquiries."""

from __future__ import annotations

import itertools
import json
import re
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from audit_log import stored_text
from slack_app import DPO, EMPLOYEE, NOW, bolt_app, demo_registry, send, slack_services
from slack_bolt import App
from slack_fake import FakeSlack
from slack_requests import (
    block_actions,
    dm_message,
    event_callback,
    message_shortcut,
    slash_command,
    text_input,
    view_submission,
)

from chat import Context, Services, dispatch
from chat.slack.on_inquiries import redeliver
from chat.slack.schedule import run_daily
from inquiries import tracking
from registry.delivery_records import delivery_of
from registry.registry import Actor, Registry

LATER = NOW + timedelta(days=400)  # past the 12 months' retention of anything closed today
STUB = "Inquiry #{}: deleted after the retention period."
HOUR_AGO = f"{int((NOW - timedelta(hours=1)).timestamp())}"  # a Slack ts on the day the registry's clock says


@pytest.fixture
def registry(tmp_path: Path) -> Iterator[Registry]:
    yield from demo_registry(tmp_path)


@pytest.fixture
def app(fake: FakeSlack, registry: Registry) -> App:
    return bolt_app(slack_services(registry), fake.client())


def command(app: App, fake: FakeSlack, text: str, *, user: str = DPO) -> dict:
    assert send(app, slash_command(text, user_id=user, response_url=fake.response_url)).status == 200
    return fake.last("response_url").params


def run_line(registry: Registry, line: str) -> None:
    reply = dispatch(Context(services=Services(registry=registry), user=DPO, line=line), line)
    assert reply.ok, reply.text


def copies(fake: FakeSlack) -> list[tuple[str, str]]:
    """Where the bot posted an inquiry or something said about it (conversation id and ts, as Slack answered)."""
    return [
        (c.answer["channel"], c.answer["ts"])
        for c in fake.calls("chat.postMessage")
        if c.answer.get("ok") and c.params["text"].startswith(("Privacy inquiry #", "Extended by"))
    ]


def posted_copies(registry: Registry, inquiry_id: int | None) -> list[dict[str, str]]:
    """The copies of the inquiry the bot posted in Slack and still lists (on its delivery record)."""
    with registry.reading():
        delivery = delivery_of(registry, inquiry_id or 0)
        return delivery.posted if delivery else []


def purge_job(fake: FakeSlack, registry: Registry, *, day: int = 0) -> None:
    """The daily job as Slack mode runs it, on a clock past the retention period (`day` days further on: it runs
    once a day)."""
    later = Registry(registry.store, clock=lambda: LATER + timedelta(days=day))
    run_daily(slack_services(later), fake.client(), retention_months=12)


# -- item 6: retention --------------------------------------------------------------------------------------


def test_after_retention_no_copy_is_left_in_slack_or_in_the_registry_file(app, fake, registry, tmp_path):
    letter = (
        "Hei, jeg bor i Fjordgløtt og vil ha slettet nøkkelkortnummeret mitt fra beboerregisteret. "
        "Mvh Kari Nordmann, kari@example.no"
    )
    note, reason = "Answered Kari by letter", "Kari has three accounts to search"
    run_line(registry, "party set Fjordgløtt channel=C0FJORD1")  # the controller has its own Slack channel

    # 1: handed in by the shortcut; to our privacy channel and to the controller's channel.
    message = {"type": "message", "user": "U_CUSTOMER", "ts": f"{HOUR_AGO}.000100", "text": letter}
    shortcut = message_shortcut("send_to_privacy_team", message, user_id=EMPLOYEE, response_url=fake.response_url)
    assert send(app, shortcut).status == 200
    # 2: written to the bot while Slack is down, with no privacy channel: delivered later to the DPO privately.
    run_line(registry, "party set Nordlys channel=")
    fake.respond("chat.postMessage", {"ok": False, "error": "fatal_error"}, times=1)
    dm = dm_message("I want a copy of all personal data you hold about me. Kari Nordmann", user=EMPLOYEE)
    send(app, event_callback({**dm, "ts": f"{HOUR_AGO}.000200"}))
    assert redeliver(slack_services(registry), fake.client()) == 1
    # 3: typed by the privacy team, with the sender's address; Slack never sees it.
    command(app, fake, "inquiry new Please delete my account. from=kari@example.no")
    posted = copies(fake)
    channels = {channel for channel, _ in posted}
    assert channels == {"C_PERSONVERN", "C0FJORD1", "D_DPO"}

    # Extended with the form (a thread message) and by command; closed with a note and with the button.
    container = {"type": "message", "channel_id": posted[0][0], "message_ts": posted[0][1]}
    send(app, block_actions("inquiry_extend", "1", user_id=DPO, container=container))
    metadata = fake.last("views.open").json("view")["private_metadata"]
    state = {"reason": {"reason": text_input(reason)}}
    send(app, view_submission("inquiry_extend_modal", state, user_id=DPO, private_metadata=metadata))
    assert command(app, fake, f'inquiry extend 2 reason="{reason}"')["text"].startswith("Inquiry #2 extended")
    for iid in (1, 3):
        assert command(app, fake, f'inquiry close {iid} note="{note}"')["text"] == f"Inquiry #{iid} closed."
    send(app, block_actions("inquiry_close", "2", user_id=DPO, container=container))
    posted = copies(fake)
    assert len(posted) == 4  # three deliveries and the extension's thread message
    raw = stored_text(tmp_path / "registry.json")
    assert note in raw and reason in raw and "kari@example.no" in raw  # kept while the inquiries run

    fake.clear()
    purge_job(fake, registry)

    updates = {(c.params["channel"], c.params["ts"]): c for c in fake.calls("chat.update")}
    assert set(updates) == set(posted)
    for call in updates.values():
        assert re.fullmatch(r"Inquiry #[12]: deleted after the retention period\.", call.params["text"])
        assert call.json("blocks") == []  # the text, the buttons and the forwarding text are gone
    raw = stored_text(tmp_path / "registry.json")  # the file and its audit journal: no old epoch is left
    for gone in ("Kari", "kari@example.no", "Fjordgl\u00f8tt og", "copy of all", "delete my account", note, reason):
        assert gone not in raw, gone
    assert "note=" not in raw and "reason=" not in raw and "U_CUSTOMER" not in raw
    with registry.reading():
        events = registry.store.audit_events().values()
    audit = [e for e in events if e["kind"] == "inquiries" and e["record"] == 1]
    assert "inquiry close 1 [deleted]" in [e["command"] for e in audit]  # the verb and the id stay
    with registry.reading():
        kept = [tracking.get(registry, i) for i in (1, 2, 3)]
    assert all(
        i.types and i.due and i.status == "closed" and not posted_copies(registry, i.id) for i in kept
    )  # statistics stay

    fake.clear()
    purge_job(fake, registry, day=1)  # the next day: nothing more to do
    assert fake.calls("chat.update") == []


def test_a_copy_slack_did_not_update_is_tried_again_and_a_gone_one_is_forgotten(app, fake, registry):
    run_line(registry, "party set Fjordgløtt channel=C0FJORD1")
    text = "Jeg bor i Fjordgløtt og vil ha slettet nøkkelkortnummeret mitt. Mvh Per"
    message = {"type": "message", "user": "U_CUSTOMER", "ts": f"{HOUR_AGO}.000100", "text": text}
    send(app, message_shortcut("send_to_privacy_team", message, user_id=EMPLOYEE, response_url=fake.response_url))
    _, second = copies(fake)
    command(app, fake, "inquiry close 1")
    fake.respond("chat.update", {"ok": False, "error": "message_not_found"}, times=1)  # someone deleted it
    fake.respond("chat.update", {"ok": False, "error": "internal_error"}, times=1)  # Slack had a bad moment
    purge_job(fake, registry)
    with registry.reading():
        [left] = posted_copies(registry, 1)
    assert (left["channel"], left["ts"]) == second  # a card: also marked as showing the inquiry closed
    fake.clear()
    purge_job(fake, registry, day=1)
    assert [(c.params["channel"], c.params["ts"]) for c in fake.calls("chat.update")] == [second]
    with registry.reading():
        assert posted_copies(registry, 1) == []


def test_the_purge_is_safe_alongside_other_writes_and_runs_once(registry):
    services = Services(registry=registry)
    for n in range(4):
        line = f'inquiry new Slett meg, Ola {n}. received=2026-11-01 from="ola{n}@example.no"'
        assert dispatch(Context(services=services, user=DPO, line=line), line).ok
        run_line(registry, f'inquiry close {n + 1} note="answered {n} by letter"')
    later = Registry(registry.store, clock=lambda: LATER)
    found: list[list[int]] = []

    def purge() -> None:
        found.append(tracking.purge(later, Actor("bot", "purge"), months=12))

    def record() -> None:
        for n in range(1, 5):
            tracking.record_messages(registry, Actor("bot", "posted"), n, [{"channel": "C1", "ts": f"{n}.1"}])

    threads = [threading.Thread(target=purge) for _ in range(3)] + [threading.Thread(target=record)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(i for ids in found for i in ids) == [1, 2, 3, 4]  # each purged once, by one of the runs
    with registry.reading():
        done = [tracking.get(registry, n) for n in range(1, 5)]
        raw = json.dumps(list(registry.store.audit_events().values()), ensure_ascii=False)
        copies_left = {i.id: posted_copies(registry, i.id) for i in done}
    assert all(copies_left[i.id] == [{"channel": "C1", "ts": f"{i.id}.1"}] for i in done)  # no write was lost
    assert all(not i.close_note and not i.sender_contact and i.text_deleted for i in done)
    assert "by letter" not in raw and "@example.no" not in raw


def test_an_inquiry_purged_by_the_old_rule_loses_its_note_too(registry):
    run_line(registry, "inquiry new Slett meg, Ola. received=2025-09-01")
    run_line(registry, 'inquiry close 1 note="Ola fikk svar"')
    with registry.store.transaction():  # what the old purge left: the text gone, the note kept
        registry.store.table("inquiries").update({"text": "", "text_deleted": "2025-10-01"}, doc_ids=[1])
    assert tracking.purge(Registry(registry.store, clock=lambda: LATER), Actor("bot", "purge"), months=12) == [1]
    with registry.reading():
        kept = tracking.get(registry, 1)
        raw = json.dumps(list(registry.store.audit_events().values()), ensure_ascii=False)
    assert kept.close_note is None and kept.text_deleted.isoformat() == "2025-10-01" and "Ola" not in raw


# -- item 9: what a non-member learns -----------------------------------------------------------------------


def test_a_non_member_is_told_the_same_whether_or_not_an_earlier_inquiry_matches(app, fake, registry):
    command(app, fake, "inquiry new I want a copy of my data. kari@example.no", user=EMPLOYEE)  # inquiry #1
    reminder = "Reminder: I asked for my data and have not heard back. {}"
    ts = itertools.count(100001)

    def by_command(address: str) -> str:
        params = command(app, fake, "inquiry new " + reminder.format(address), user=EMPLOYEE)
        # How sure the classifier is depends on the words, the address too; that it linked an inquiry must not show.
        return re.sub(r"#\d+|\d+%", "#N", json.dumps([params["text"], params.get("blocks")]))

    def by_dm(address: str) -> str:
        send(app, event_callback(dm_message(reminder.format(address), user=EMPLOYEE, ts=f"{HOUR_AGO}.{next(ts)}")))
        [answer] = [c for c in fake.calls("chat.postMessage") if c.params["channel"] == "D123"][-1:]
        return re.sub(r"#\d+|\d+%", "#N", answer.params["text"])

    for ask in (by_command, by_dm):
        matched, unmatched = ask("kari@example.no"), ask("nobody@example.org")
        assert matched == unmatched, ask.__name__
        assert "Reminder of inquiry" not in matched
    # The privacy team still sees the link: in Slack, and with `inquiry show`.
    delivered = [c for c in fake.calls("chat.postMessage") if c.params["text"].startswith("Privacy inquiry #")]
    linked = [json.dumps(c.json("blocks")) for c in delivered if "kari@example.no" in json.dumps(c.json("blocks"))]
    assert len(linked) == 1 and re.search(r"Reminder of inquiry #\d", linked[0])
    assert "Reminder of inquiry #1." in json.dumps(command(app, fake, "inquiry show 2")["blocks"])
