"""The inquiry card in Slack says who handed the inquiry in, and once the inquiry is closed (button, /dpa
command or the console) its buttons give way to "Closed by … on …"; an old button of a closed inquiry says
so and changes nothing (issue 19 item 7e). The real Bolt app, signed requests, the fake Slack API."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from slack_app import DPO, EMPLOYEE, bolt_app, demo_registry, send, slack_services
from slack_requests import block_actions, message_shortcut, slash_command

from chat import Context, Services, dispatch
from chat.slack.on_inquiries import delivery_message, show_closed
from inquiries import tracking
from registry.delivery_records import delivery_of
from registry.export import export_json
from registry.registry import Actor, Registry

TEXT = "Hei, jeg vil at dere sletter alt dere har om meg. Mvh Ola Nordmann"


@pytest.fixture
def registry(tmp_path: Path) -> Iterator[Registry]:
    yield from demo_registry(tmp_path)


@pytest.fixture
def slack(registry):
    return slack_services(registry)


@pytest.fixture
def app(fake, slack):
    return bolt_app(slack, fake.client())


def hand_in(app, fake) -> dict:
    """An employee sends a customer's message to the privacy team; returns the card as posted."""
    message = {"type": "message", "user": "U_CUSTOMER", "ts": "1763719200.000100", "text": TEXT}
    send(app, message_shortcut("send_to_privacy_team", message, user_id=EMPLOYEE, channel_id="C1"))
    card = fake.last("chat.postMessage")
    return {"channel": card.params["channel"], "blocks": card.json("blocks")}


def shown(blocks: list) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def snapshot(registry: Registry) -> str:
    with registry.reading():
        return json.dumps(export_json(registry), sort_keys=True, default=str)


def test_the_card_names_who_handed_it_in(app, fake, registry):
    card = hand_in(app, fake)
    assert f"*Handed in by* <@{EMPLOYEE}> (with Send to privacy team)" in shown(card["blocks"])
    line = "inquiry new Slett meg, takk. Kari"
    dispatch(Context(services=Services(registry=registry), user="console:kari", line=line), line)
    [inquiry] = [i for i in tracking.select(registry, "open", today=registry.clock().date()) if i.id == 2]
    message, _ = delivery_message(registry, inquiry)
    assert "*Handed in by* console:kari (with inquiry new)" in shown(message["blocks"])


def test_closing_by_the_button_replaces_the_buttons_and_an_old_button_changes_nothing(app, fake, registry):
    card = hand_in(app, fake)
    with registry.reading():
        [posted] = delivery_of(registry, 1).posted
    container = {"type": "message", "channel_id": posted["channel"], "message_ts": posted["ts"]}
    send(app, block_actions("inquiry_close", "1", user_id=DPO, container=container))
    update = fake.last("chat.update")
    assert (update.params["channel"], update.params["ts"]) == (posted["channel"], posted["ts"])
    blocks = update.json("blocks")
    assert not [b for b in blocks if b["type"] == "actions"]
    assert f"*Closed* by <@{DPO}> on 2026-11-21." in shown(blocks)
    assert "Handed in by" in shown(blocks) and shown(card["blocks"]) != shown(blocks)

    before, updates = snapshot(registry), len(fake.calls("chat.update"))
    for action in ("inquiry_close", "inquiry_ack", "inquiry_extend"):
        send(app, block_actions(action, "1", user_id=DPO, container=container))
        refusal = fake.last("chat.postEphemeral").params["text"]
        assert refusal == f"Inquiry #1 is already closed by <@{DPO}> on 2026-11-21; nothing was changed."
    assert snapshot(registry) == before and len(fake.calls("chat.update")) == updates  # marked: no second update
    assert not fake.calls("views.open")


def test_closing_by_the_slash_command_updates_the_card(app, fake, registry):
    hand_in(app, fake)
    send(app, slash_command('inquiry close 1 note="svart på e-post"', user_id=DPO, response_url=fake.response_url))
    assert "Inquiry #1 closed" in fake.last("response_url").params["text"]
    assert f"*Closed* by <@{DPO}> on 2026-11-21." in shown(fake.last("chat.update").json("blocks"))


def test_a_close_at_the_console_reaches_the_card_with_the_background_job(app, fake, registry, slack):
    hand_in(app, fake)
    line = "inquiry close 1"
    reply = dispatch(Context(services=Services(registry=registry), user="console:dpo", line=line, local=True), line)
    assert reply.ok and not fake.calls("chat.update")
    assert show_closed(slack, fake.client()) == 1
    assert "*Closed* by console:dpo on 2026-11-21." in shown(fake.last("chat.update").json("blocks"))
    assert show_closed(slack, fake.client()) == 0  # done once


def test_who_handed_it_in_is_deleted_with_the_text(app, fake, registry):
    hand_in(app, fake)
    send(app, block_actions("inquiry_close", "1", user_id=DPO))
    assert tracking.purge(registry, Actor("retention", "purge"), months=0) == [1]
    with registry.reading():
        inquiry = tracking.get(registry, 1)
        audit = json.dumps(list(registry.store.audit_events().values()))
    assert inquiry.sender == "" and inquiry.text == ""
    assert EMPLOYEE not in json.dumps(inquiry.to_doc())
    assert f'"sender": "{EMPLOYEE}"' not in audit
