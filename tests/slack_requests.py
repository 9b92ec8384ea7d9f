"""Builders for signed Bolt requests shaped like the ones Slack sends (commands, events, interactivity)."""

from __future__ import annotations

import itertools
import json
import time
from typing import Any
from urllib.parse import urlencode

from slack_bolt.request import BoltRequest
from slack_sdk.signature import SignatureVerifier

TEAM_ID = "T123"
TEAM_DOMAIN = "dpa-test"
APP_ID = "A123"
BOT_USER_ID = "UBOT"
VERIFICATION_TOKEN = "legacy-verification-token"
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"

_seq = itertools.count(1)


def _ts() -> str:
    """A unique Slack-style message timestamp."""
    return f"{int(time.time())}.{next(_seq):06d}"


def _form(fields: dict[str, Any]) -> str:
    return urlencode({k: v for k, v in fields.items() if v is not None})


def _payload(payload: dict[str, Any]) -> str:
    """Interactivity requests: form-encoded with one `payload` field holding JSON."""
    return urlencode({"payload": json.dumps(payload)})


def _user(user_id: str, team_id: str) -> dict[str, Any]:
    return {"id": user_id, "username": user_id.lower(), "name": user_id.lower(), "team_id": team_id}


def _team(team_id: str) -> dict[str, Any]:
    return {"id": team_id, "domain": TEAM_DOMAIN}


# -- signing ---------------------------------------------------------------------------------


def signed_request(
    body: str, *, secret: str, timestamp: int | None = None, content_type: str | None = None
) -> BoltRequest:
    """Sign `body` like Slack does (v0 HMAC over "v0:<ts>:<body>"); content_type defaults by the body's shape."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    headers = {
        "content-type": content_type or (JSON if body.startswith("{") else FORM),
        "x-slack-request-timestamp": ts,
        "x-slack-signature": signature or "",
        "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
    }
    return BoltRequest(body=body, headers=headers)


# -- slash commands --------------------------------------------------------------------------


def slash_command(
    text: str,
    *,
    user_id: str = "U_DPO",
    channel_id: str = "C_GENERAL",
    command: str = "/dpa",
    team_id: str = TEAM_ID,
    response_url: str = "https://hooks.slack.com/commands/T123/1/abc",
    trigger_id: str = "T.1",
    channel_name: str = "general",
) -> str:
    """Form body of a slash command invocation, with the fields (and order) Slack sends."""
    return _form(
        {
            "token": VERIFICATION_TOKEN,
            "team_id": team_id,
            "team_domain": TEAM_DOMAIN,
            "channel_id": channel_id,
            "channel_name": channel_name,
            "user_id": user_id,
            "user_name": user_id.lower(),
            "command": command,
            "text": text,
            "api_app_id": APP_ID,
            "is_enterprise_install": "false",
            "response_url": response_url,
            "trigger_id": trigger_id,
        }
    )


# -- events ----------------------------------------------------------------------------------


def event_callback(event: dict[str, Any], *, team_id: str = TEAM_ID, bot_user_id: str = BOT_USER_ID) -> str:
    """JSON body of an Events API delivery wrapping `event`."""
    n = next(_seq)
    return json.dumps(
        {
            "token": VERIFICATION_TOKEN,
            "team_id": team_id,
            "context_team_id": team_id,
            "context_enterprise_id": None,
            "api_app_id": APP_ID,
            "event": event,
            "type": "event_callback",
            "event_id": f"Ev{n:08d}",
            "event_time": int(time.time()),
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": team_id,
                    "user_id": bot_user_id,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "is_ext_shared_channel": False,
            "event_context": f"4-ev{n}",
        }
    )


def app_mention(
    text: str, *, user: str = "U_DPO", channel: str = "C_GENERAL", ts: str | None = None, thread_ts: str | None = None
) -> dict[str, Any]:
    """An app_mention event; `text` should contain the mention, e.g. "<@UBOT> list"."""
    ts = ts or _ts()
    event = {
        "type": "app_mention",
        "user": user,
        "text": text,
        "ts": ts,
        "team": TEAM_ID,
        "channel": channel,
        "event_ts": ts,
        "client_msg_id": f"msg-{ts}",
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def dm_message(text: str, *, user: str = "U_DPO", channel: str = "D123", ts: str | None = None) -> dict[str, Any]:
    """A message event in the bot's DM (message.im)."""
    ts = ts or _ts()
    return {
        "type": "message",
        "user": user,
        "text": text,
        "ts": ts,
        "team": TEAM_ID,
        "channel": channel,
        "event_ts": ts,
        "channel_type": "im",
        "client_msg_id": f"msg-{ts}",
    }


def app_home_opened(user: str, *, channel: str = "D123", tab: str = "home") -> dict[str, Any]:
    """An app_home_opened event (first visit: no `view` yet)."""
    return {"type": "app_home_opened", "user": user, "channel": channel, "tab": tab, "event_ts": _ts()}


# -- interactivity ---------------------------------------------------------------------------


def message_shortcut(
    callback_id: str,
    message: dict[str, Any],
    *,
    user_id: str = "U_DPO",
    channel_id: str = "C_GENERAL",
    trigger_id: str = "T.1",
    response_url: str = "https://hooks.slack.com/app/T123/1/abc",
    team_id: str = TEAM_ID,
) -> str:
    """Form body of a message shortcut (type "message_action") on `message` (needs at least "ts")."""
    message = {"type": "message", **message}
    return _payload(
        {
            "type": "message_action",
            "token": VERIFICATION_TOKEN,
            "action_ts": _ts(),
            "team": _team(team_id),
            "user": _user(user_id, team_id),
            "channel": {"id": channel_id, "name": "general" if channel_id.startswith("C") else "directmessage"},
            "is_enterprise_install": False,
            "enterprise": None,
            "callback_id": callback_id,
            "trigger_id": trigger_id,
            "response_url": response_url,
            "message_ts": message.get("ts"),
            "message": message,
        }
    )


def block_actions(
    action_id: str,
    value: str | None = None,
    *,
    user_id: str = "U_DPO",
    view: dict[str, Any] | None = None,
    container: dict[str, Any] | None = None,
    trigger_id: str = "T.1",
    block_id: str = "actions",
    action_type: str = "button",
    channel_id: str = "C_GENERAL",
    response_url: str = "https://hooks.slack.com/actions/T123/1/abc",
    team_id: str = TEAM_ID,
) -> str:
    """Form body of a block_actions payload for one button click.

    In a view (modal or App Home) pass `view` (with at least "id"); otherwise the click is on a message in
    `channel_id`, described by `container` (default: a message container with a fresh ts).
    """
    action: dict[str, Any] = {
        "type": action_type,
        "action_id": action_id,
        "block_id": block_id,
        "action_ts": _ts(),
    }
    if value is not None:
        action["value"] = value
    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": _user(user_id, team_id),
        "api_app_id": APP_ID,
        "token": VERIFICATION_TOKEN,
        "trigger_id": trigger_id,
        "team": _team(team_id),
        "enterprise": None,
        "is_enterprise_install": False,
        "state": {"values": {}},
        "actions": [action],
    }
    if view is not None:
        view = {"type": "modal", "team_id": team_id, "app_id": APP_ID, "state": {"values": {}}, **view}
        payload["container"] = container or {"type": "view", "view_id": view.get("id")}
        payload["view"] = view
        payload["state"] = view["state"]
    else:
        container = container or {"type": "message", "message_ts": _ts(), "channel_id": channel_id}
        payload["container"] = container
        payload["channel"] = {"id": container.get("channel_id", channel_id), "name": "general"}
        payload["message"] = {"type": "message", "ts": container.get("message_ts"), "user": BOT_USER_ID, "text": ""}
        payload["response_url"] = response_url
    return _payload(payload)


def view_submission(
    callback_id: str,
    state_values: dict[str, dict[str, dict[str, Any]]],
    *,
    user_id: str = "U_DPO",
    private_metadata: str = "",
    view_id: str = "V123",
    trigger_id: str = "T.1",
    team_id: str = TEAM_ID,
) -> str:
    """Form body of a modal submission; state_values is Slack's {block_id: {action_id: element_state}}.

    Build element states with text_input(), static_select(), multi_static_select(), datepicker(), ...
    """
    return _payload(
        {
            "type": "view_submission",
            "team": _team(team_id),
            "user": _user(user_id, team_id),
            "api_app_id": APP_ID,
            "token": VERIFICATION_TOKEN,
            "trigger_id": trigger_id,
            "view": {
                "id": view_id,
                "team_id": team_id,
                "type": "modal",
                "blocks": [],
                "private_metadata": private_metadata,
                "callback_id": callback_id,
                "state": {"values": state_values},
                "hash": "1.abc",
                "title": {"type": "plain_text", "text": "DPA"},
                "clear_on_close": False,
                "notify_on_close": False,
                "close": None,
                "submit": {"type": "plain_text", "text": "Submit"},
                "previous_view_id": None,
                "root_view_id": view_id,
                "app_id": APP_ID,
                "external_id": "",
                "app_installed_team_id": team_id,
                "bot_id": "BBOT",
            },
            "response_urls": [],
            "is_enterprise_install": False,
            "enterprise": None,
        }
    )


# -- element states for view_submission ------------------------------------------------------


def _option(value: str, text: str | None = None) -> dict[str, Any]:
    return {"text": {"type": "plain_text", "text": text or value, "emoji": True}, "value": value}


def text_input(value: str | None) -> dict[str, Any]:
    """plain_text_input state; Slack sends None for an empty optional input."""
    return {"type": "plain_text_input", "value": value}


def static_select(value: str | None, text: str | None = None) -> dict[str, Any]:
    return {"type": "static_select", "selected_option": None if value is None else _option(value, text)}


def multi_static_select(values: list[str]) -> dict[str, Any]:
    return {"type": "multi_static_select", "selected_options": [_option(v) for v in values]}


def checkboxes(values: list[str]) -> dict[str, Any]:
    return {"type": "checkboxes", "selected_options": [_option(v) for v in values]}


def radio_buttons(value: str | None) -> dict[str, Any]:
    return {"type": "radio_buttons", "selected_option": None if value is None else _option(value)}


def datepicker(date: str | None) -> dict[str, Any]:
    """date as "YYYY-MM-DD"."""
    return {"type": "datepicker", "selected_date": date}


def users_select(user: str | None) -> dict[str, Any]:
    return {"type": "users_select", "selected_user": user}


def conversations_select(channel: str | None) -> dict[str, Any]:
    return {"type": "conversations_select", "selected_conversation": channel}
