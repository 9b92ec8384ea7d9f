"""The app manifest, the listeners and the README agree: nothing Slack can send goes unhandled."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from slack_fake import FakeSlack
from slack_requests import event_callback, message_shortcut, signed_request, slash_command

from chat import Services
from chat.slack.app import build_app
from chat.slack.rights import DpoRights
from chat.slack.services import SlackServices
from registry.registry import Registry

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = json.loads((ROOT / "manifest.json").read_text())
README = (ROOT / "README.md").read_text()
SECRET = "s"

EVENT_SAMPLES = {
    "app_mention": {"type": "app_mention", "user": "U1", "text": "<@UBOT> help", "ts": "1.1", "channel": "C1"},
    "message.im": {"type": "message", "channel_type": "im", "user": "U1", "text": "help", "ts": "1.2", "channel": "D1"},
    "app_home_opened": {"type": "app_home_opened", "user": "U1", "tab": "home", "channel": "D1"},
}


@pytest.fixture
def app(registry: Registry):
    with FakeSlack() as fake:
        slack = SlackServices(services=Services(registry=registry), dpo=DpoRights.from_setting("U1"))
        yield (
            build_app(slack, token="x", signing_secret=SECRET, client=fake.client(), process_before_response=True),
            fake,
        )


def test_every_slash_command_has_a_listener_and_is_documented(app):
    bolt, fake = app
    for entry in MANIFEST["features"]["slash_commands"]:
        body = slash_command("help", command=entry["command"], user_id="U1", response_url=fake.response_url)
        assert bolt.dispatch(signed_request(body, secret=SECRET)).status == 200, entry["command"]
        assert f"`{entry['command']}" in README


def test_every_shortcut_has_a_listener_and_is_documented(app):
    bolt, fake = app
    for entry in MANIFEST["features"]["shortcuts"]:
        message = {"type": "message", "user": "U2", "ts": "1700000000.000100", "text": "hello"}
        body = message_shortcut(
            entry["callback_id"], message, user_id="U1", channel_id="C1", response_url=fake.response_url
        )
        assert bolt.dispatch(signed_request(body, secret=SECRET)).status == 200, entry["callback_id"]
        assert entry["name"] in README and entry["callback_id"] in README


def test_every_event_has_a_listener_and_is_documented(app):
    bolt, _ = app
    for name in MANIFEST["settings"]["event_subscriptions"]["bot_events"]:
        response = bolt.dispatch(signed_request(event_callback(EVENT_SAMPLES[name]), secret=SECRET))
        assert response.status == 200, name
        assert f"`{name}`" in README


def test_manifest_uses_socket_mode_and_the_scopes_the_code_needs():
    assert MANIFEST["settings"]["socket_mode_enabled"] is True
    scopes = set(MANIFEST["oauth_config"]["scopes"]["bot"])
    assert {"commands", "chat:write", "files:write", "app_mentions:read", "im:history", "usergroups:read"} <= scopes
