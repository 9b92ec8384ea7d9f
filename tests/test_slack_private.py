"""Confidential output stays private in Slack: exports, DPAs and inquiries reach only the person who asked,
`share` is refused for them, and refusals are ephemeral. The real Bolt app, signed requests, the fake Slack."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from slack_app import DPO, EMPLOYEE, bolt_app, demo_registry, send, slack_services
from slack_bolt import App
from slack_fake import DM_CHANNEL, Call, FakeSlack
from slack_requests import block_actions, radio_buttons, slash_command, static_select, view_submission

from chat import Context, Services, dispatch
from chat.slack.blocks import DPA_MODAL
from registry.models import Agreement, Party
from registry.registry import Registry

CHANNEL = "C_GENERAL"  # a public channel


@pytest.fixture
def registry(tmp_path: Path) -> Iterator[Registry]:
    yield from demo_registry(tmp_path)


@pytest.fixture
def app(fake: FakeSlack, registry: Registry, tmp_path: Path) -> App:
    return bolt_app(slack_services(registry, out=tmp_path / "out"), fake.client())


def slash(app: App, fake: FakeSlack, text: str, *, user: str = DPO) -> list[Call]:
    response = send(app, slash_command(text, user_id=user, channel_id=CHANNEL, response_url=fake.response_url))
    assert response.status == 200
    return fake.calls("response_url")


def public_in(fake: FakeSlack, channel: str) -> list[Call]:
    """Everything the bot made visible to the whole channel: messages, files, and replies shared in it."""
    return [
        c
        for c in fake.calls()
        if (c.method == "chat.postMessage" and c.params.get("channel") == channel)
        or (c.method == "files.completeUploadExternal" and c.params.get("channel_id") == channel)
        or (c.method == "response_url" and c.params.get("response_type") != "ephemeral")
    ]


def new_inquiry(registry: Registry) -> None:
    line = "inquiry new Jeg vil ha innsyn i alt dere har om meg. Kari Nordmann, kari@example.no"
    reply = dispatch(Context(services=Services(registry=registry), user=EMPLOYEE, line=line), line)
    assert reply.ok, reply.text


# -- files go to the DM with the bot, never into the channel --------------------------------------------------


def test_an_export_typed_in_a_channel_goes_to_the_users_dm(app, fake):
    replies = slash(app, fake, "export csv")
    assert fake.last("conversations.open").params["users"] == DPO
    [complete] = fake.calls("files.completeUploadExternal")
    assert complete.params["channel_id"] == DM_CHANNEL
    assert complete.json("files")[0]["title"].endswith(".csv")
    assert fake.last("upload").raw.startswith(
        b"\xef\xbb\xbfcontroller,controller_contact,controller_dpo,processor,purpose"
    )
    assert [r.params["text"] for r in replies] == ["Sent to you in a direct message."]
    assert public_in(fake, CHANNEL) == []


def test_a_dpa_generated_in_a_channel_goes_to_the_users_dm(app, fake, registry):
    slash(app, fake, "dpa generate Nordlys Septer")
    assert fake.last("conversations.open").params["users"] == DPO
    [complete] = fake.calls("files.completeUploadExternal")
    assert complete.params["channel_id"] == DM_CHANNEL and complete.json("files")[0]["title"].endswith(".docx")
    summary = [c for c in fake.calls("chat.postMessage") if c.params["channel"] == DM_CHANNEL]
    assert "Wrote the DPA between Nordlys Eiendomsdrift AS" in summary[0].params["text"]
    assert public_in(fake, CHANNEL) == []
    with registry.reading():
        assert [a.status for a in registry.all(Agreement) if a.file and a.file.endswith(".docx")] == ["draft"]


def test_the_dpa_form_opened_in_a_channel_delivers_privately(app, fake, registry):
    slash(app, fake, "dpa")
    view = fake.last("views.open").json("view")
    with registry.reading():
        ids = {p.name: str(p.id) for p in registry.all(Party)}
    state = {
        "controller": {"controller": static_select(ids["Nordlys Eiendomsdrift AS"])},
        "processor": {"processor": static_select(ids["Septer AS"])},
        "lang": {"lang": radio_buttons("en")},
        "authorisation": {"authorisation": radio_buttons("general")},
    }
    send(app, view_submission(DPA_MODAL, state, user_id=DPO, private_metadata=view.get("private_metadata", "")))
    assert fake.last("conversations.open").params["users"] == DPO
    assert fake.last("files.completeUploadExternal").params["channel_id"] == DM_CHANNEL
    assert public_in(fake, CHANNEL) == []


# -- share ----------------------------------------------------------------------------------------------------


def test_share_of_an_inquiry_is_refused_and_nothing_is_posted(app, fake, registry):
    new_inquiry(registry)
    [reply] = slash(app, fake, "share inquiry show 1")
    assert reply.params["response_type"] == "ephemeral"
    assert "Not shared" in reply.params["text"] and "`inquiry show`" in reply.params["text"]
    assert "Kari" not in reply.params["text"]
    assert public_in(fake, CHANNEL) == [] and fake.calls("chat.postMessage") == []


@pytest.mark.parametrize("line", ["export json", "history", "inquiry list", "dpa generate Nordlys Septer"])
def test_share_is_refused_for_every_private_reply_and_nothing_is_run(app, fake, registry, line):
    with registry.reading():
        drafts = len(registry.all(Agreement))
    [reply] = slash(app, fake, f"share {line}")
    assert reply.params["response_type"] == "ephemeral" and "Not shared" in reply.params["text"]
    assert fake.calls("upload") == [] and public_in(fake, CHANNEL) == []
    with registry.reading():
        assert len(registry.all(Agreement)) == drafts


def test_share_of_a_plain_answer_still_posts_in_the_channel(app, fake):
    [reply] = slash(app, fake, "share who Septer", user=EMPLOYEE)
    assert reply.params["response_type"] == "in_channel" and "Septer AS" in reply.params["text"]


def test_inquiry_details_without_share_are_only_for_the_asker(app, fake, registry):
    new_inquiry(registry)
    [reply] = slash(app, fake, "inquiry show 1")
    assert reply.params["response_type"] == "ephemeral" and "Kari Nordmann" in json.dumps(reply.json("blocks"))
    assert public_in(fake, CHANNEL) == []


# -- inquiry buttons ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("channel", ["C_PRIVACY", "C_CONTROLLER"])  # our privacy channel, a controller's channel
def test_an_employee_pressing_close_gets_an_ephemeral_refusal(app, fake, registry, channel):
    new_inquiry(registry)
    container = {"type": "message", "channel_id": channel, "message_ts": "1763719300.000200"}
    send(app, block_actions("inquiry_close", "1", user_id=EMPLOYEE, container=container))
    [refusal] = fake.calls("chat.postEphemeral")
    assert refusal.params["channel"] == channel and refusal.params["user"] == EMPLOYEE
    assert "only the privacy team" in refusal.params["text"].lower() and f"<@{DPO}>" in refusal.params["text"]
    assert fake.calls("chat.postMessage") == []
    with registry.reading():
        assert registry.store.table("inquiries").get(doc_id=1)["status"] != "closed"
    fake.clear()
    send(app, block_actions("inquiry_close", "1", user_id=DPO, container=container))
    [notice] = fake.calls("chat.postMessage")
    assert (
        notice.params["text"] == f"Inquiry #1 closed by <@{DPO}>." and notice.params["thread_ts"] == "1763719300.000200"
    )
    with registry.reading():
        assert registry.store.table("inquiries").get(doc_id=1)["status"] == "closed"


def test_employee_pressing_extend_and_a_second_close_are_refused_ephemerally(app, fake, registry):
    new_inquiry(registry)
    container = {"type": "message", "channel_id": "C_PRIVACY", "message_ts": "1763719300.000200"}
    send(app, block_actions("inquiry_extend", "1", user_id=EMPLOYEE, container=container))
    assert fake.calls("views.open") == []
    send(app, block_actions("inquiry_close", "1", user_id=DPO, container=container))
    fake.clear()
    send(app, block_actions("inquiry_close", "1", user_id=DPO, container=container))  # already closed
    assert fake.calls("chat.postMessage") == []
    [refusal] = fake.calls("chat.postEphemeral")
    assert refusal.params["user"] == DPO
