"""The /dpa slash command: the whole grammar, plus the forms it opens."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from chat.commands import dispatch, private_command
from chat.slack.blocks import confirm_button
from chat.slack.deliver import respond_reply
from chat.slack.on_breaches import deliver_reported
from chat.slack.on_inquiries import show_closed
from chat.slack.on_interactive import open_dpa_modal, open_party_modal
from chat.slack.tenants import Tenants

SHARE_WORDS = ("share", "del")
PARTY_FORM = ("party add",)
DPA_FORM = ("dpa", "dpa generate")
NOT_SHARED = (
    "Not shared: `{name}` answers with personal data or the registry's contents, so only you may see it. Type it "
    "without `share` (nothing was run). `share` is for answers anyone may see, e.g. `/dpa share who IWMAC`."
)


def register(app: App, tenants: Tenants) -> None:
    @app.command("/dpa")
    def on_dpa(ack: Ack, command: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext) -> None:
        ack()
        slack = tenants.slack(context)
        user = command["user_id"]
        text = (command.get("text") or "").strip()
        first, _, rest = text.partition(" ")
        share = first.lower() in SHARE_WORDS
        line = (rest if share else text).strip() or "help"
        if line.lower() in PARTY_FORM:
            open_party_modal(slack, client, trigger_id=command["trigger_id"], user=user, respond=respond)
            return
        if line.lower() in DPA_FORM:
            open_dpa_modal(slack, client, trigger_id=command["trigger_id"], user=user, respond=respond)
            return
        private = private_command(line) if share else None
        if private is not None:
            respond(response_type="ephemeral", text=NOT_SHARED.format(name=private.name))
            return
        reply = dispatch(slack.context(client, user=user, line=line, shared=share), line)
        confirm = (reply.data or {}).get("confirm") if reply.ok and isinstance(reply.data, dict) else None
        extra = [confirm_button(confirm)] if confirm else None
        respond_reply(reply, respond, client, user=user, share=share and reply.ok, extra_blocks=extra)
        if reply.ok and line.lower().split()[:2] == ["inquiry", "close"]:
            show_closed(slack, client)  # its cards lose their buttons
        if reply.ok and line.lower().split()[:2] == ["breach", "new"]:
            deliver_reported(slack, client, reply.data["breach"]["id"])  # the card to the privacy team
