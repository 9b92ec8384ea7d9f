"""The fake Slack server and signed-request builders, proven against a real minimal Bolt app."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from slack_bolt import Ack, App, Respond
from slack_fake import FakeSlack
from slack_requests import (
    app_home_opened,
    app_mention,
    block_actions,
    dm_message,
    event_callback,
    message_shortcut,
    signed_request,
    slash_command,
    static_select,
    text_input,
    view_submission,
)
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

SECRET = "test-signing-secret"
Seen = list[tuple[str, dict[str, Any]]]


@pytest.fixture
def seen() -> Seen:
    """What the app's listeners received, as (listener, data)."""
    return []


@pytest.fixture
def app(fake: FakeSlack, seen: Seen) -> App:
    """A real Bolt app, signature checks on, talking to the fake (token given via the client only: Bolt warns on both)."""
    app = App(
        signing_secret=SECRET,
        client=WebClient(token="xoxb-test", base_url=fake.base_url),
        process_before_response=True,
        request_verification_enabled=True,
    )

    @app.command("/dpa")
    def dpa(ack: Ack, command: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        seen.append(("command", command))
        client.chat_postEphemeral(
            channel=command["channel_id"], user=command["user_id"], text=f"got: {command['text']}"
        )
        if command["text"] == "respond":
            respond("via response_url")

    @app.event("app_mention")
    def mention(event: dict[str, Any], say: Any) -> None:
        seen.append(("mention", event))
        say(text="hello", thread_ts=event["ts"])

    @app.event("message")
    def dm(event: dict[str, Any], client: WebClient) -> None:
        seen.append(("dm", event))
        client.reactions_add(channel=event["channel"], timestamp=event["ts"], name="eyes")

    @app.event("app_home_opened")
    def home(event: dict[str, Any], client: WebClient) -> None:
        info = client.users_info(user=event["user"], include_locale=True)
        client.views_publish(user_id=event["user"], view={"type": "home", "blocks": []})
        seen.append(("home", info["user"]))

    @app.shortcut("dpa_from_message")
    def shortcut(ack: Ack, shortcut: dict[str, Any], client: WebClient) -> None:
        ack()
        seen.append(("shortcut", shortcut))
        client.views_open(trigger_id=shortcut["trigger_id"], view={"type": "modal", "callback_id": "dpa_modal"})

    @app.action("approve")
    def approve(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        ack()
        seen.append(("action", {"action": action, "body": body}))

    @app.view("dpa_modal")
    def submitted(ack: Ack, view: dict[str, Any], body: dict[str, Any]) -> None:
        values = view["state"]["values"]
        if not values["name"]["name_input"]["value"]:
            ack(response_action="errors", errors={"name": "Required"})
            return
        ack()
        seen.append(("view", {"view": view, "user": body["user"]["id"]}))

    return app


def dispatch(app: App, body: str, **kwargs: Any):
    return app.dispatch(signed_request(body, secret=SECRET, **kwargs))


# -- signing and routing ---------------------------------------------------------------------


def test_app_init_calls_auth_test(fake: FakeSlack, app: App) -> None:
    call = fake.last("auth.test")
    assert call.token == "xoxb-test"


def test_signed_slash_command_runs_listener_and_posts_ephemeral(fake: FakeSlack, app: App, seen: Seen) -> None:
    resp = dispatch(app, slash_command("list processors", user_id="U_DPO", channel_id="C_GENERAL"))
    assert resp.status == 200
    kind, command = seen[0]
    assert kind == "command"
    assert command["command"] == "/dpa" and command["team_id"] == "T123" and command["trigger_id"] == "T.1"
    call = fake.last("chat.postEphemeral")
    assert call.params["text"] == "got: list processors"
    assert (call.params["channel"], call.params["user"], call.params["team_id"]) == ("C_GENERAL", "U_DPO", "T123")
    assert call.headers["content-type"].startswith("application/json")
    assert call.token == "xoxb-test"


def test_respond_goes_to_the_fake_response_url(fake: FakeSlack, app: App) -> None:
    url = fake.response_url
    assert dispatch(app, slash_command("respond", response_url=url)).status == 200
    assert fake.last("response_url").params["text"] == "via response_url"


def test_bad_signature_is_rejected(fake: FakeSlack, app: App, seen: Seen) -> None:
    req = signed_request(slash_command("list"), secret="wrong-secret")
    assert app.dispatch(req).status == 401
    assert seen == []
    assert fake.calls("chat.postEphemeral") == []


def test_tampered_body_is_rejected(app: App) -> None:
    req = signed_request(slash_command("list"), secret=SECRET)
    req.raw_body = slash_command("delete everything")
    assert app.dispatch(req).status == 401


def test_stale_timestamp_is_rejected(app: App, seen: Seen) -> None:
    resp = dispatch(app, slash_command("list"), timestamp=int(time.time()) - 6 * 60)
    assert resp.status == 401
    assert seen == []


def test_unhandled_command_is_404(app: App) -> None:
    assert dispatch(app, slash_command("x", command="/other")).status == 404


# -- events ----------------------------------------------------------------------------------


def test_app_mention_event(fake: FakeSlack, app: App) -> None:
    event = app_mention("<@UBOT> list", user="U_DPO", channel="C_GENERAL", ts="1700000000.000001")
    assert dispatch(app, event_callback(event)).status == 200
    call = fake.wait_for("chat.postMessage")[0]
    assert call.params["channel"] == "C_GENERAL"
    assert call.params["text"] == "hello"
    assert call.params["thread_ts"] == "1700000000.000001"


def test_dm_message_event(fake: FakeSlack, app: App) -> None:
    assert dispatch(app, event_callback(dm_message("hi", user="U_DPO", ts="1700000000.000002"))).status == 200
    call = fake.wait_for("reactions.add")[0]
    assert (call.params["channel"], call.params["timestamp"], call.params["name"]) == (
        "D123",
        "1700000000.000002",
        "eyes",
    )


def test_bot_own_messages_are_ignored(fake: FakeSlack, app: App) -> None:
    """Bolt drops events from its own bot user (learned from auth.test), so the fake's ids must line up."""
    event = {**dm_message("echo"), "user": "UBOT", "bot_id": "BBOT"}
    dispatch(app, event_callback(event))
    assert fake.calls("reactions.add") == []


def test_app_home_opened_reads_locale_and_publishes(fake: FakeSlack, app: App, seen: Seen) -> None:
    fake.locales["U_NB"] = "nb-NO"
    assert dispatch(app, event_callback(app_home_opened("U_NB"))).status == 200
    assert fake.last("views.publish").json("view")["type"] == "home"
    assert fake.last("users.info").params["include_locale"] == "1"
    kind, user = seen[-1]
    assert kind == "home"
    assert user["locale"] == "nb-NO" and user["tz"] == "Europe/Oslo"


# -- interactivity ---------------------------------------------------------------------------


def test_message_shortcut_opens_modal(fake: FakeSlack, app: App, seen: Seen) -> None:
    message = {"ts": "1700000000.000003", "user": "U_ALICE", "text": "Can we use Acme?"}
    body = message_shortcut("dpa_from_message", message, user_id="U_DPO", channel_id="C_GENERAL", trigger_id="T.9")
    assert dispatch(app, body).status == 200
    kind, shortcut = seen[0]
    assert kind == "shortcut" and shortcut["message"]["text"] == "Can we use Acme?"
    assert shortcut["channel"]["id"] == "C_GENERAL" and shortcut["message_ts"] == "1700000000.000003"
    call = fake.last("views.open")
    assert call.params["trigger_id"] == "T.9"
    assert call.json("view")["callback_id"] == "dpa_modal"


def test_block_actions_on_message_and_in_view(app: App, seen: Seen) -> None:
    assert dispatch(app, block_actions("approve", "dpa-1", user_id="U_DPO")).status == 200
    assert dispatch(app, block_actions("approve", "dpa-2", view={"id": "V9", "callback_id": "home"})).status == 200
    on_message, in_view = (s[1] for s in seen)
    assert on_message["action"]["value"] == "dpa-1" and on_message["body"]["channel"]["id"] == "C_GENERAL"
    assert in_view["action"]["value"] == "dpa-2" and in_view["body"]["view"]["id"] == "V9"
    assert in_view["body"]["container"] == {"type": "view", "view_id": "V9"}


def test_view_submission(app: App, seen: Seen) -> None:
    values = {"name": {"name_input": text_input("Acme AS")}, "role": {"role_select": static_select("processor")}}
    resp = dispatch(app, view_submission("dpa_modal", values, user_id="U_DPO", private_metadata='{"k": 1}'))
    assert resp.status == 200 and resp.body == ""
    kind, got = seen[0]
    assert kind == "view" and got["user"] == "U_DPO"
    assert got["view"]["private_metadata"] == '{"k": 1}'
    assert got["view"]["state"]["values"]["role"]["role_select"]["selected_option"]["value"] == "processor"


def test_view_submission_errors_are_returned_in_the_http_response(app: App) -> None:
    resp = dispatch(app, view_submission("dpa_modal", {"name": {"name_input": text_input(None)}}))
    assert resp.status == 200
    assert json.loads(resp.body) == {"response_action": "errors", "errors": {"name": "Required"}}


# -- Web API behaviour of the fake ------------------------------------------------------------


def test_files_upload_v2_records_bytes_and_completion(fake: FakeSlack, app: App) -> None:
    data = b"PK\x03\x04 not really a docx \xff\x00"
    resp = app.client.files_upload_v2(channel="C_GENERAL", content=data, filename="dpa.docx", title="DPA Acme")
    assert resp["ok"] and resp["file"]["title"] == "DPA Acme" and resp["file"]["name"] == "dpa.docx"
    upload = fake.last("upload")
    assert upload.raw == data
    complete = fake.last("files.completeUploadExternal")
    assert complete.params["channel_id"] == "C_GENERAL"
    assert complete.json("files") == [{"id": upload.params["file_id"], "title": "DPA Acme"}]
    assert fake.last("files.getUploadURLExternal").params["length"] == str(len(data))


def test_default_answers(fake: FakeSlack) -> None:
    client = fake.client()
    fake.usergroups["S_DPO"] = ["U1", "U2"]
    assert client.conversations_open(users="U1")["channel"]["id"] == "D123"
    assert client.usergroups_users_list(usergroup="S_DPO")["users"] == ["U1", "U2"]
    posted = client.chat_postMessage(channel="C1", text="hi", blocks=[{"type": "divider"}])
    assert posted["channel"] == "C1" and posted["ts"]
    assert fake.last("chat.postMessage").answer["ts"] == posted["ts"]
    assert fake.last("chat.postMessage").json("blocks") == [{"type": "divider"}]
    # Like Slack, the answer names the conversation by id: a DM for a user id, a channel's id for "#name".
    assert client.chat_postMessage(channel="U1", text="hi")["channel"] == "D1"
    assert client.chat_postMessage(channel="#privacy", text="hi")["channel"] == "C_PRIVACY"
    assert client.chat_update(channel="C1", ts=posted["ts"], text="edited")["ts"] == posted["ts"]
    assert client.views_update(view_id="V1", view={"type": "modal"})["view"]["id"] == "V1"
    assert client.views_push(trigger_id="T.1", view={"type": "modal"})["view"]["id"]
    assert "locale" not in client.users_info(user="U1")["user"]  # like Slack: only with include_locale
    assert client.users_info(user="U1", include_locale=True)["user"]["locale"] == "en-US"
    with pytest.raises(SlackApiError, match="unknown_method"):
        client.api_call("nope.never")
    with pytest.raises(SlackApiError, match="not_authed"):
        WebClient(base_url=fake.base_url).auth_test()
    assert fake.methods()[-1] == "auth.test" and "nope.never" in fake.methods()


def test_overrides_and_rate_limits(fake: FakeSlack) -> None:
    client = fake.client()
    fake.respond(
        "chat.postMessage", {"ok": False, "error": "ratelimited"}, status=429, headers={"Retry-After": "7"}, times=1
    )
    fake.respond("chat.postMessage", {"ok": False, "error": "channel_not_found"}, times=1)
    with pytest.raises(SlackApiError) as err:
        client.chat_postMessage(channel="C1", text="x")
    assert err.value.response.status_code == 429 and err.value.response.headers["Retry-After"] == "7"
    with pytest.raises(SlackApiError, match="channel_not_found"):
        client.chat_postMessage(channel="C1", text="x")
    assert client.chat_postMessage(channel="C1", text="x")["ok"]
    fake.respond("users.info", lambda call: {"ok": True, "user": {"id": call.params["user"], "deleted": True}})
    assert client.users_info(user="U9")["user"] == {"id": "U9", "deleted": True}
    assert len(fake.calls("chat.postMessage")) == 3
    fake.clear()
    assert fake.calls() == []


def test_wait_for_times_out_with_a_useful_message(fake: FakeSlack) -> None:
    with pytest.raises(AssertionError, match=r"chat\.postMessage"):
        fake.wait_for("chat.postMessage", timeout=0.2)


def test_wait_for_listeners_that_run_after_ack(fake: FakeSlack) -> None:
    """Without process_before_response, Bolt acks first and runs listeners on its thread pool."""
    app = App(signing_secret=SECRET, client=fake.client(), process_before_response=False)
    app.event("app_mention")(lambda event, say: (time.sleep(0.2), say("later")))
    assert dispatch(app, event_callback(app_mention("<@UBOT> hi"))).status == 200
    assert fake.wait_for("chat.postMessage")[0].params["text"] == "later"
