"""The /dpa slash command: the whole grammar, plus the forms it opens."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from chat.commands import dispatch
from chat.slack.deliver import respond_reply
from chat.slack.on_interactive import open_dpa_modal, open_party_modal
from chat.slack.services import SlackServices

SHARE_WORDS = ("share", "del")
PARTY_FORM = ("party add",)
DPA_FORM = ("dpa", "dpa generate")


def register(app: App, slack: SlackServices) -> None:
    @app.command("/dpa")
    def on_dpa(ack: Ack, command: dict[str, Any], respond: Respond, client: WebClient) -> None:
        ack()
        user, channel = command["user_id"], command["channel_id"]
        text = (command.get("text") or "").strip()
        first, _, rest = text.partition(" ")
        share = first.lower() in SHARE_WORDS
        line = (rest if share else text).strip() or "help"
        if line.lower() in PARTY_FORM:
            open_party_modal(slack, client, trigger_id=command["trigger_id"], user=user, respond=respond)
            return
        if line.lower() in DPA_FORM:
            open_dpa_modal(slack, client, trigger_id=command["trigger_id"], user=user, channel=channel, respond=respond)
            return
        reply = dispatch(slack.context(client, user=user, line=line), line)
        respond_reply(reply, respond, client, channel=channel, share=share and reply.ok)
