"""Interactive surfaces: the "Send to privacy team" shortcut, the forms (modals), App Home buttons."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from chat.cmd_parties import party_changes
from chat.commands import dispatch
from chat.slack import blocks
from chat.slack.deliver import post_reply, respond_reply, send_privately
from chat.slack.services import SlackServices
from chat.slack.tenants import Tenants
from registry import validate
from registry.errors import RegistryError
from registry.models import Party
from registry.parties import CHANNEL, add_party

CONFIRMABLE = ("undo yes",)  # the commands a Confirm button may run


def open_party_modal(
    slack: SlackServices, client: WebClient, *, trigger_id: str, user: str, respond: Respond | None
) -> None:
    if not slack.dpo.is_dpo(user, client):
        _refuse(slack, client, user=user, respond=respond)
        return
    client.views_open(trigger_id=trigger_id, view=blocks.party_modal())


def open_dpa_modal(
    slack: SlackServices, client: WebClient, *, trigger_id: str, user: str, respond: Respond | None
) -> None:
    if not slack.dpo.is_dpo(user, client):
        _refuse(slack, client, user=user, respond=respond)
        return
    registry = slack.services.registry
    with registry.reading():
        parties = sorted(((p.id, p.name) for p in registry.all(Party)), key=lambda p: p[1].casefold())
    client.views_open(trigger_id=trigger_id, view=blocks.dpa_modal(parties, total=len(parties)))


def _refuse(slack: SlackServices, client: WebClient, *, user: str, respond: Respond | None) -> None:
    text = f"Sorry, only the privacy team can change the registry: {slack.dpo.mentions()}."
    if respond is not None:
        respond(response_type="ephemeral", text=text)
    else:
        client.chat_postMessage(channel=user, text=text)


def register(app: App, tenants: Tenants) -> None:
    @app.view(blocks.PARTY_MODAL)
    def on_party_submitted(
        ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        slack = tenants.slack(context)
        registry = slack.services.registry
        user = body["user"]["id"]
        ctx = slack.context(client, user=user, line="form: add a party")
        values = form_values(view)
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
            channel = fields.pop(CHANNEL, None)
            party = add_party(registry, ctx.actor, Party(name=name, **fields), channel=channel)
        except RegistryError as exc:
            ack(response_action="errors", errors={"name": str(exc)[:150]})
            return
        ack()
        client.chat_postMessage(channel=user, text=f"Added {blocks.escape(party.name)} to the registry.")

    @app.view(blocks.DPA_MODAL)
    def on_dpa_submitted(
        ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        slack = tenants.slack(context)
        registry = slack.services.registry
        user = body["user"]["id"]
        values = form_values(view)
        if values.get("controller") == values.get("processor"):
            ack(response_action="errors", errors={"processor": "Choose a processor other than the controller."})
            return
        ack()
        with registry.reading():
            controller = registry.get(Party, int(values["controller"])).name
            processor = registry.get(Party, int(values["processor"])).name
        line = (
            f'dpa generate "{controller}" "{processor}" lang={values.get("lang") or "nb"} '
            f"authorisation={values.get('authorisation') or 'general'}"
        )
        # Wherever the form was opened, the document goes to the user's DM with the bot, like every DPA.
        send_privately(dispatch(slack.context(client, user=user, line=line), line), client, user=user)

    @app.action("open_party_modal")
    def on_open_party(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        ack()
        slack = tenants.slack(context)
        open_party_modal(slack, client, trigger_id=body["trigger_id"], user=body["user"]["id"], respond=None)

    @app.action("open_dpa_modal")
    def on_open_dpa(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        ack()
        slack = tenants.slack(context)
        open_dpa_modal(slack, client, trigger_id=body["trigger_id"], user=body["user"]["id"], respond=None)

    @app.action(blocks.CONFIRM_ACTION)
    def on_confirm(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext) -> None:
        """Confirm under a reply that asked for it: runs the confirmed command as the one who pressed it, with
        the same rights as typing it."""
        ack()
        slack = tenants.slack(context)
        user, line = body["user"]["id"], body["actions"][0].get("value") or ""
        if not line.startswith(CONFIRMABLE):
            return
        reply = dispatch(slack.context(client, user=user, line=line), line)
        respond_reply(reply, respond, client, user=user, share=False)

    @app.action("list_parties")
    def on_list_parties(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        ack()
        slack = tenants.slack(context)
        user = body["user"]["id"]
        reply = dispatch(slack.context(client, user=user, line="party list"), "party list")
        post_reply(reply, client, channel=user)


def form_values(view: dict[str, Any]) -> dict[str, str]:
    """The submitted form as {block_id: value}, whatever kind of input each block holds."""
    out: dict[str, str] = {}
    for block_id, actions in view["state"]["values"].items():
        for state in actions.values():
            value = (
                state.get("value")
                or (state.get("selected_option") or {}).get("value")
                or state.get("selected_conversation")
                or state.get("selected_date")
                or str(state.get("selected_date_time") or "")
                or ""
            )
            out[block_id] = value.strip() if isinstance(value, str) else value
    return out
