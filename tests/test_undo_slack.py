"""`/dpa undo` in Slack: the preview comes with a Confirm button that, pressed by the privacy team, undoes the
change; pressed by anyone else, it changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from slack_app import DPO, EMPLOYEE, bolt_app, demo_registry, send, slack_services
from slack_requests import block_actions, slash_command

from chat.slack.blocks import CONFIRM_ACTION
from registry.models import Agreement
from registry.registry import Registry


@pytest.fixture
def registry(tmp_path: Path) -> Iterator[Registry]:
    yield from demo_registry(tmp_path)


def test_undo_with_the_confirm_button(fake, registry):
    app = bolt_app(slack_services(registry), fake.client())
    send(app, slash_command("dpa remove Nordlys IWMAC", user_id=DPO, response_url=fake.response_url))
    assert "Removed from the registry the DPA between" in fake.last("response_url").params["text"]
    with registry.reading():
        assert not [a for a in registry.all(Agreement) if registry.name_of(a.processor) == "IWMAC AS"]

    fake.clear()
    send(app, slash_command("undo", user_id=DPO, response_url=fake.response_url))
    preview = fake.last("response_url")
    assert preview.params["response_type"] == "ephemeral"
    shown = preview.json("blocks")
    assert "put back the DPA between Nordlys Eiendomsdrift AS and IWMAC AS" in shown[0]["text"]["text"]
    [button] = shown[-1]["elements"]
    assert button["action_id"] == CONFIRM_ACTION and button["value"].startswith("undo yes ")

    # Someone outside the privacy team presses it: refused, nothing changes.
    fake.clear()
    send(app, block_actions(CONFIRM_ACTION, button["value"], user_id=EMPLOYEE, response_url=fake.response_url))
    assert "only the privacy team" in fake.last("response_url").params["text"]
    with registry.reading():
        assert not [a for a in registry.all(Agreement) if registry.name_of(a.processor) == "IWMAC AS"]

    fake.clear()
    send(app, block_actions(CONFIRM_ACTION, button["value"], user_id=DPO, response_url=fake.response_url))
    assert "Undone: `dpa remove Nordlys IWMAC`" in fake.last("response_url").params["text"]
    with registry.reading():
        [back] = [a for a in registry.all(Agreement) if registry.name_of(a.processor) == "IWMAC AS"]
        audit = list(registry.store.audit_events().values())[-1]
    assert back.status == "signed" and back.file == "databehandleravtale-iwmac-2023.pdf"
    assert audit["who"] == DPO and audit["command"] == "undo: dpa remove Nordlys IWMAC"

    # A second press of the same button undoes nothing more.
    fake.clear()
    send(app, block_actions(CONFIRM_ACTION, button["value"], user_id=DPO, response_url=fake.response_url))
    assert "no longer change" in fake.last("response_url").params["text"]
