"""Interactive surfaces: the "Send to privacy team" shortcut, the forms (modals), App Home buttons."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from chat.cmd_parties import party_changes
from chat.commands import TABLE, dispatch
from chat.slack import blocks
from chat.slack.deliver import post_reply
from chat.slack.services import SlackServices
from inquiries import inbox
from registry import validate
from registry.errors import RegistryError
from registry.models import Party
from registry.parties import add_party

SHORTCUT = "send_to_privacy_team"
OSLO = ZoneInfo("Europe/Oslo")


def open_party_modal(
    slack: SlackServices, client: WebClient, *, trigger_id: str, user: str, respond: Respond | None
) -> None:
    if not slack.dpo.is_dpo(user, client):
        _refuse(slack, client, user=user, respond=respond)
        return
    client.views_open(trigger_id=trigger_id, view=blocks.party_modal())


def open_dpa_modal(
    slack: SlackServices, client: WebClient, *, trigger_id: str, user: str, channel: str | None, respond: Respond | None
) -> None:
    if not slack.dpo.is_dpo(user, client):
        _refuse(slack, client, user=user, respond=respond)
        return
    registry = slack.services.registry
    with registry.reading():
        parties = sorted(((p.id, p.name) for p in registry.all(Party)), key=lambda p: p[1].casefold())
    view = blocks.dpa_modal(parties, total=len(parties))
    view["private_metadata"] = channel or user
    client.views_open(trigger_id=trigger_id, view=view)


def _refuse(slack: SlackServices, client: WebClient, *, user: str, respond: Respond | None) -> None:
    text = f"Sorry, only the privacy team can change the registry: {slack.dpo.mentions()}."
    if respond is not None:
        respond(response_type="ephemeral", text=text)
    else:
        client.chat_postMessage(channel=user, text=text)


def register(app: App, slack: SlackServices) -> None:
    registry = slack.services.registry

    @app.shortcut(SHORTCUT)
    def on_send_to_privacy_team(ack: Ack, shortcut: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        message = shortcut["message"]
        sender = shortcut["user"]["id"]
        channel = (shortcut.get("channel") or {}).get("id")
        received = datetime.fromtimestamp(float(message["ts"]), tz=OSLO)
        actor = slack.context(client, user=sender, line="shortcut: send to privacy team").actor
        inquiry = inbox.record(
            registry,
            actor,
            text=message.get("text") or "",
            received=received,
            sender=sender,
            author=message.get("user"),
            channel=channel,
            message_ts=message["ts"],
        )
        notice = blocks.inquiry_notice(inquiry.id, text=inquiry.text, sender=sender, channel=channel, due=inquiry.due)
        for member in slack.dpo.members(client):
            client.chat_postMessage(channel=member, **notice)
        due = inquiry.due.isoformat() if inquiry.due else "?"
        if slack.language(client, sender) == "nb":
            text = (
                f"Takk! Sendt til personvernteamet som henvendelse #{inquiry.id}. De sørger for at den blir "
                f"besvart innen fristen ({due}). Ikke svar på den selv."
            )
        else:
            text = (
                f"Thanks! Sent to the privacy team as inquiry #{inquiry.id}. They will make sure it is answered "
                f"before the deadline ({due}). Please don't answer it yourself."
            )
        respond(response_type="ephemeral", text=text)

    @app.view(blocks.PARTY_MODAL)
    def on_party_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
        user = body["user"]["id"]
        ctx = slack.context(client, user=user, line="form: add a party")
        values = _values(view)
        if not ctx.is_dpo:
            ack(response_action="errors", errors={"name": "Only the privacy team can add parties."})
            return
        errors: dict[str, str] = {}
        fields: dict[str, Any] = {}
        with registry.reading():
            for key, raw in values.items():
                if key == "name" or not raw:
                    continue
                try:
                    fields.update(party_changes(ctx, {key: raw}, current=None))
                except RegistryError as exc:
                    errors[key] = str(exc)[:150]
        try:
            name = validate.text(values.get("name") or "", key="name", limit=200)
        except RegistryError as exc:
            errors["name"] = str(exc)[:150]
        if errors:
            ack(response_action="errors", errors=errors)
            return
        try:
            party = add_party(registry, ctx.actor, Party(name=name, **fields))
        except RegistryError as exc:
            ack(response_action="errors", errors={"name": str(exc)[:150]})
            return
        ack()
        client.chat_postMessage(channel=user, text=f"Added {party.name} to the registry.")

    @app.view(blocks.DPA_MODAL)
    def on_dpa_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
        user = body["user"]["id"]
        values = _values(view)
        if values.get("controller") == values.get("processor"):
            ack(response_action="errors", errors={"processor": "Choose a processor other than the controller."})
            return
        if "dpa generate" not in TABLE.commands:
            ack(response_action="errors", errors={"controller": "DPA generation is not available in this version."})
            return
        ack()
        with registry.reading():
            controller = registry.get(Party, int(values["controller"])).name
            processor = registry.get(Party, int(values["processor"])).name
        line = f'dpa generate "{controller}" "{processor}" lang={values.get("lang") or "nb"}'
        reply = dispatch(slack.context(client, user=user, line=line), line)
        post_reply(reply, client, channel=view.get("private_metadata") or user)

    @app.action("open_party_modal")
    def on_open_party(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        open_party_modal(slack, client, trigger_id=body["trigger_id"], user=body["user"]["id"], respond=None)

    @app.action("open_dpa_modal")
    def on_open_dpa(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        open_dpa_modal(
            slack, client, trigger_id=body["trigger_id"], user=body["user"]["id"], channel=None, respond=None
        )

    @app.action("list_parties")
    def on_list_parties(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        user = body["user"]["id"]
        reply = dispatch(slack.context(client, user=user, line="party list"), "party list")
        post_reply(reply, client, channel=user)


def _values(view: dict[str, Any]) -> dict[str, str]:
    """The submitted form as {block_id: value}, whatever kind of input each block holds."""
    out: dict[str, str] = {}
    for block_id, actions in view["state"]["values"].items():
        for state in actions.values():
            value = (
                state.get("value")
                or (state.get("selected_option") or {}).get("value")
                or state.get("selected_conversation")
                or ""
            )
            out[block_id] = value.strip() if isinstance(value, str) else value
    return out
