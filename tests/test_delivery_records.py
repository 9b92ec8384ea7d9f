"""Slack's facts live in delivery records, not on parties and inquiries (issue 20 item 3): a party's channel in its
DeliveryRoute, an inquiry's original message, posted copies and undelivered mark in its InquiryDelivery. Users see
the same as before; files and backups made before the move are upgraded on opening or restoring."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from slack_app import EMPLOYEE, NOW, bolt_app, demo_registry, send, slack_services
from slack_fake import FakeSlack
from slack_requests import message_shortcut
from test_inquiry_retention import HOUR_AGO, STUB, command, purge_job

from registry.delivery_records import channel_of, delivery_of
from registry.export import export_json, restore_json
from registry.models import DeliveryRoute, Inquiry, InquiryDelivery, Party
from registry.registry import Actor, Registry
from registry.schema import META_TABLE, SCHEMA_VERSION
from registry.store import Store

MESSAGE = {"type": "message", "user": "U_CUSTOMER", "ts": f"{HOUR_AGO}.000100", "text": "Slett alt om meg. Per"}


def test_a_party_channel_is_kept_in_its_route_and_shown_as_before(run, registry: Registry) -> None:
    assert run('party add "Acme AS" country=NO channel=#acme').text == "Added Acme AS."
    assert "Slack #acme" in run("who Acme").text
    with registry.reading():
        [route] = registry.all(DeliveryRoute)
        acme = registry.find_party("Acme")
        assert (route.party, route.channel) == (acme.id, "#acme") and not hasattr(acme, "channel")
    assert run("party set Acme channel=C0ACME123").text == "Updated Acme AS: channel."
    assert "Slack C0ACME123" in run("who Acme").text
    assert run("party set Acme channel=").text == "Updated Acme AS: channel."  # an empty value clears it
    assert "Slack" not in run("who Acme").text
    with registry.reading():
        assert registry.all(DeliveryRoute) == []
    assert "Not a Slack channel" in run("party set Acme channel='#two words'", ok=False).text


def test_party_remove_takes_its_route_and_undo_brings_both_back(run, registry: Registry) -> None:
    run('party add "Acme AS" country=NO channel=#acme')
    assert run("party remove Acme").text == "Removed Acme AS."
    with registry.reading():
        assert registry.all(Party) == [] and registry.all(DeliveryRoute) == []
    assert "put back Acme AS's Slack channel #acme, which it removed" in run("undo yes").text
    assert "Slack #acme" in run("who Acme").text


def _v1_tables(tables: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The same registry as a file of schema 1 held it: the Slack facts on the parties and inquiries."""
    old = {name: {k: dict(v) for k, v in table.items()} for name, table in tables.items()}
    for route in old.pop("delivery_routes").values():
        old["parties"][str(route["party"])]["channel"] = route["channel"]
    for delivery in old.pop("inquiry_deliveries").values():
        old["inquiries"][str(delivery["inquiry"])].update(
            channel=delivery["origin_channel"],
            message_ts=delivery["origin_ts"],
            author=delivery["author"],
            slack_messages=delivery["posted"],
            undelivered=delivery["undelivered"],
        )
    old[META_TABLE] = {"1": {**old[META_TABLE]["1"], "schema": 1}}
    return old


@pytest.fixture
def v1_file(tmp_path: Path, fake: FakeSlack) -> Path:
    """A registry file of schema 1: the demo (our privacy channel on Nordlys) and an inquiry handed in from a
    channel, posted to the privacy channel as a card."""
    for registry in demo_registry(tmp_path):
        shortcut = message_shortcut("send_to_privacy_team", MESSAGE, user_id=EMPLOYEE, response_url=fake.response_url)
        send(bolt_app(slack_services(registry), fake.client()), shortcut)
    path = tmp_path / "registry.json"
    path.write_bytes(orjson.dumps(_v1_tables(orjson.loads(path.read_bytes()))))
    fake.clear()
    return path


@pytest.fixture
def upgraded(v1_file: Path) -> Iterator[Registry]:
    """The schema 1 file, opened by this version."""
    store = Store(v1_file)
    yield Registry(store, clock=lambda: NOW)
    store.close()


def test_a_schema_1_file_moves_its_slack_facts_into_delivery_records(v1_file: Path, upgraded: Registry) -> None:
    raw = orjson.loads(v1_file.read_bytes())
    assert raw[META_TABLE]["1"]["schema"] == SCHEMA_VERSION
    assert not any("channel" in p for p in raw["parties"].values())
    gone = {"channel", "message_ts", "author", "slack_messages", "undelivered"}
    assert not any(gone & set(i) for i in raw["inquiries"].values())
    with upgraded.reading():
        us = upgraded.self_party()
        assert us is not None and raw["delivery_routes"] == {"1": {"party": us.id, "channel": "#personvern"}}
        [delivery] = upgraded.all(InquiryDelivery)
        assert delivery.id == 1 and delivery.inquiry == 1 and delivery == delivery_of(upgraded, 1)
        assert (delivery.origin_channel, delivery.origin_ts, delivery.author) == (
            "C_GENERAL",
            MESSAGE["ts"],
            "U_CUSTOMER",
        )
        assert [m["card"] for m in delivery.posted] == ["open"] and not delivery.undelivered
        assert channel_of(upgraded, us.id) == "#personvern"


def test_after_the_upgrade_the_same_message_is_one_inquiry_and_retention_replaces_the_copy(
    upgraded: Registry, fake: FakeSlack
) -> None:
    app = bolt_app(slack_services(upgraded), fake.client())
    send(app, message_shortcut("send_to_privacy_team", MESSAGE, user_id=EMPLOYEE, response_url=fake.response_url))
    assert "already with the privacy team as inquiry #1" in fake.last("response_url").params["text"]
    with upgraded.reading():
        assert len(upgraded.all(Inquiry)) == 1
        [posted] = delivery_of(upgraded, 1).posted
    command(app, fake, "inquiry close 1")
    fake.clear()
    purge_job(fake, upgraded)
    [update] = [c for c in fake.calls("chat.update") if c.params["text"] == STUB.format(1)]
    assert (update.params["channel"], update.params["ts"]) == (posted["channel"], posted["ts"])
    raw = json.dumps(upgraded.store.tables(), ensure_ascii=False)
    assert "U_CUSTOMER" not in raw and "Slett alt" not in raw  # the author went with the text, audit log included
    with upgraded.reading():
        assert delivery_of(upgraded, 1).posted == []


def test_a_backup_of_schema_1_is_upgraded_when_restored(upgraded: Registry, tmp_path: Path) -> None:
    backup = export_json(upgraded)
    tables = {name: {str(r["id"]): r for r in backup[name]} for name in backup if name not in ("schema", "next_ids")}
    old = _v1_tables({**tables, META_TABLE: {"1": {"schema": 2}}})
    old_backup = {"schema": 1, "next_ids": backup["next_ids"]}
    old_backup |= {name: list(table.values()) for name, table in old.items() if name != META_TABLE}
    store = Store(tmp_path / "restored.json")
    restored = Registry(store, clock=upgraded.clock)
    restore_json(restored, Actor("console:dpo", "restore"), orjson.dumps(old_backup), source="old.json")
    with restored.reading():
        assert channel_of(restored, restored.find_party("Nordlys").id) == "#personvern"
        assert delivery_of(restored, 1).origin_ts == MESSAGE["ts"]
        assert not hasattr(restored.find(Inquiry, 1), "message_ts")
    store.close()
