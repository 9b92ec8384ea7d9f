"""Inquiries in Slack: taken in by the shortcut or a DM, delivered to whoever must answer with buttons to
acknowledge, extend or close, and the privacy team's daily digest."""

from __future__ import annotations

import json
import logging
import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web import SlackResponse

from chat.slack import blocks
from chat.slack.retention import update_posted
from chat.slack.services import SlackServices
from chat.slack.tenants import Tenants
from inquiries import tracking
from inquiries.deadlines import EXTENDED_RULE
from inquiries.delivery import (
    NO_DEADLINE,
    Recipient,
    forwarding_text,
    recipients,
    refusal_note,
    type_judgment,
    type_names,
)
from inquiries.digest import digest
from inquiries.tracking import Intake, inquiry_json, is_request
from registry.delivery_records import channel_of
from registry.errors import RegistryError
from registry.models import Inquiry
from registry.registry import Actor, Registry

log = logging.getLogger(__name__)

SHORTCUT = "send_to_privacy_team"
EXTEND_MODAL = "inquiry_extend_modal"
OSLO = ZoneInfo("Europe/Oslo")


def take_in(slack: SlackServices, client: WebClient, intake: Intake) -> tuple[Inquiry, bool]:
    """Record the inquiry, then deliver it; returns it, and whether Slack took it, for the confirmation to the
    sender.

    It is on record before Slack is asked to deliver it: if Slack fails (after the client's retries), the
    inquiry is marked undelivered and `redeliver` tries again until Slack takes it. Nothing is lost.
    """
    registry = slack.services.registry
    actor = slack.context(client, user=intake.sender, line=f"{intake.source}: send to privacy team").actor
    inquiry = tracking.open_inquiry(registry, actor, intake)
    try:
        deliver(slack, client, inquiry)
    except (SlackApiError, SlackClientError, OSError) as exc:
        log.warning("Inquiry #%s recorded but not delivered (%s); retrying later", inquiry.id, type(exc).__name__)
        tracking.set_undelivered(registry, Actor("bot", "delivery failed"), inquiry.id or 0, undelivered=True)
        return inquiry, False
    return inquiry, True


def redeliver(slack: SlackServices, client: WebClient) -> int:
    """Deliver the inquiries Slack did not take before; returns how many went through."""
    done = 0
    for inquiry in tracking.undelivered(slack.services.registry):
        try:
            deliver(slack, client, inquiry)
        except (SlackApiError, SlackClientError, OSError):
            log.warning("Inquiry #%s still not delivered; retrying later", inquiry.id)
            continue
        tracking.set_undelivered(slack.services.registry, Actor("bot", "delivered"), inquiry.id or 0, undelivered=False)
        done += 1
    return done


def deliver(slack: SlackServices, client: WebClient, inquiry: Inquiry) -> None:
    """To our privacy channel (or each DPO privately) and to a controller's own Slack channel, if it has one;
    for an external controller, with the text to forward to its contact address."""
    message, external = delivery_message(slack.services.registry, inquiry)
    targets = privacy_team_targets(slack, client) + [r.channel for r in external if r.channel]
    posted: list[dict[str, str]] = []
    try:
        for channel in dict.fromkeys(targets):
            # A card: its buttons give way to "Closed by …" when the inquiry is closed (closed_cards).
            posted.append({**where_posted(client.chat_postMessage(channel=channel, **message)), "card": "open"})
    finally:
        _remember(slack, inquiry.id or 0, posted)


def privacy_team_targets(slack: SlackServices, client: WebClient) -> list[str]:
    """Where the privacy team is reached: our own party's channel, else each member privately."""
    registry = slack.services.registry
    with registry.reading():
        me = registry.self_party()
        ours = channel_of(registry, me.id) if me else None
    return [ours] if ours else slack.dpo.members(client)


def delivery_message(registry: Registry, inquiry: Inquiry) -> tuple[dict[str, Any], list[Recipient]]:
    """The message that delivers an inquiry, and the external controllers it is to be forwarded to."""
    with registry.reading():
        found = recipients(registry, inquiry)
        request = is_request(inquiry.types)
        external = [(r, forwarding_text(registry, inquiry, r)) for r in found if not r.ours] if request else []
        message = blocks.inquiry_message(
            inquiry_json(inquiry, registry, with_text=True),
            types=type_names(inquiry),
            judgment=type_judgment(inquiry, privacy_team=True),
            no_deadline=None if request else NO_DEADLINE.get(inquiry.primary, NO_DEADLINE["question"]),
            forwards=[(r.label, r.email, text) for r, text in external],
            refusal=refusal_note(inquiry) if request else None,
        )
    return message, [r for r, _ in external]


def show_closed(slack: SlackServices, client: WebClient) -> int:
    """The cards of closed inquiries that still show buttons get "Closed by … on …" in their place; returns how
    many were updated. Run after a close in Slack, and by the background job for a close at the console."""
    registry = slack.services.registry
    done = 0
    for inquiry, cards in tracking.cards_to_close(registry):
        message, _ = delivery_message(registry, inquiry)
        finished = [m for m in cards if update_posted(client, inquiry.id or 0, m, message)]
        if finished:
            actor = Actor("bot", f"inquiry {inquiry.id}: cards show it closed")
            tracking.cards_closed(registry, actor, inquiry.id or 0, finished)
            done += len(finished)
    return done


def _remember(slack: SlackServices, inquiry_id: int, posted: list[dict[str, str]]) -> None:
    """Note on the inquiry the messages that show it, so they are redacted when its retention ends."""
    if not posted:
        return
    try:
        tracking.record_messages(
            slack.services.registry, Actor("bot", f"inquiry {inquiry_id}: posted"), inquiry_id, posted
        )
    except RegistryError as exc:  # the registry cannot be written: the copy is out, say what will not be redacted
        log.error("Inquiry #%s: could not note its posted copies %s (%s)", inquiry_id, posted, exc)


def where_posted(response: SlackResponse) -> dict[str, str]:
    # Slack answers with the conversation's id (a DM's D..., where we posted to a user id): chat.update needs it.
    return {"channel": response["channel"], "ts": response["ts"]}


def confirmation(lang: str, inquiry: Inquiry, *, delivered: bool = True) -> str:
    due = inquiry.due.isoformat() if inquiry.due else "?"
    if lang == "nb":
        late = (
            " Slack svarer ikke akkurat nå, så personvernteamet får den så snart Slack er tilbake; den er lagret."
            if not delivered
            else ""
        )
        return (
            f"Takk! Sendt til personvernteamet som henvendelse #{inquiry.id}. De sørger for at den blir "
            f"besvart innen fristen ({due}). Ikke svar på den selv.{late}"
        )
    late = (
        " Slack is not answering right now, so the privacy team gets it as soon as Slack is back; it is saved."
        if not delivered
        else ""
    )
    return (
        f"Thanks! Sent to the privacy team as inquiry #{inquiry.id}. They will make sure it is answered "
        f"before the deadline ({due}). Please don't answer it yourself.{late}"
    )


def post_digest(slack: SlackServices, client: WebClient) -> None:
    """The daily digest to each member of the privacy team (skipped when there is nothing to say)."""
    registry = slack.services.registry
    today = registry.clock().date()
    result = digest(registry, today=today)
    if result.empty:
        return
    for member in slack.dpo.members(client):
        client.chat_postMessage(channel=member, text=blocks.escape(result.text()))  # names parties


def register(app: App, tenants: Tenants) -> None:

    @app.shortcut(SHORTCUT)
    def on_send_to_privacy_team(
        ack: Ack, shortcut: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
    ) -> None:
        ack()
        slack = tenants.slack(context)
        registry = slack.services.registry
        message = shortcut["message"]
        sender = shortcut["user"]["id"]
        intake = Intake(
            text=message.get("text") or "",
            received=datetime.fromtimestamp(float(message["ts"]), tz=OSLO),
            sender=sender,
            source="shortcut",
            author=message.get("user"),
            channel=(shortcut.get("channel") or {}).get("id"),
            message_ts=message["ts"],
        )
        with slack.intakes.holding(registry, intake) as earlier:
            if earlier is not None:
                respond(response_type="ephemeral", text=already_sent(slack.language(client, sender), earlier))
                return
            try:
                inquiry, delivered = take_in(slack, client, intake)
            except RegistryError as exc:
                respond(response_type="ephemeral", text=f"Not sent: {exc}")
                return
        lang = slack.language(client, sender)
        respond(response_type="ephemeral", text=confirmation(lang, inquiry, delivered=delivered))

    @app.action(blocks.HAND_IN_ACTION)
    def on_hand_in(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        """The button under an answer to "someone asked me for their data": the question becomes an inquiry."""
        ack()
        slack = tenants.slack(context)
        registry = slack.services.registry
        value = json.loads(body["actions"][0]["value"])
        user = body["user"]["id"]
        intake = Intake(
            text=value["t"],
            received=datetime.fromtimestamp(float(value["ts"]), tz=OSLO),
            sender=user,
            source=value["s"],
            author=value.get("u"),
            channel=value.get("c"),
            message_ts=value["ts"],
        )
        lang = slack.language(client, user)
        with slack.intakes.holding(registry, intake) as earlier:
            if earlier is not None:
                refuse_privately(client, body, already_sent(lang, earlier))
                return
            try:
                inquiry, delivered = take_in(slack, client, intake)
            except RegistryError as exc:
                refuse_privately(client, body, f"Not sent to the privacy team: {blocks.escape(str(exc))}")
                return
        refuse_privately(
            client, body, confirmation(lang, inquiry, delivered=delivered)
        )  # only the one who pressed sees it

    @app.action("inquiry_ack")
    def on_ack(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        ack()
        slack = tenants.slack(context)
        registry = slack.services.registry
        _act(slack, client, body, lambda ctx, iid: tracking.acknowledge(registry, ctx.actor, iid), "acknowledged")

    @app.action("inquiry_close")
    def on_close(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        ack()
        slack = tenants.slack(context)
        registry = slack.services.registry
        _act(slack, client, body, lambda ctx, iid: tracking.close(registry, ctx.actor, iid, note=None), "closed")
        show_closed(slack, client)

    @app.action(re.compile(f"^{blocks.TYPE_ACTION}_"))
    def on_type(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        """One click by the privacy team sets the type; the message shows the new type and deadlines."""
        ack()
        slack = tenants.slack(context)
        registry = slack.services.registry
        action = body["actions"][0]
        inquiry_id, _, chosen = (action.get("value") or action.get("selected_option", {}).get("value", "")).partition(
            ":"
        )
        user = body["user"]["id"]
        ctx = slack.context(client, user=user, line=f"inquiry type {inquiry_id} {chosen} (button)")
        if not ctx.is_dpo:
            refuse_privately(client, body, f"Only the privacy team can set the type: {slack.dpo.mentions()}.")
            return
        try:
            inquiry = tracking.set_types(registry, ctx.actor, inquiry_id, [chosen])
        except RegistryError as exc:
            refuse_privately(client, body, blocks.escape(str(exc)))
            return
        container = body.get("container") or {}
        if container.get("channel_id") and container.get("message_ts"):
            message, _ = delivery_message(registry, inquiry)
            client.chat_update(channel=container["channel_id"], ts=container["message_ts"], **message)
        thread_note(client, body, f"Inquiry #{inquiry_id}: type set to {type_names(inquiry)} by <@{user}>.")

    @app.action("inquiry_extend")
    def on_extend(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        ack()
        slack = tenants.slack(context)
        user = body["user"]["id"]
        if not slack.dpo.is_dpo(user, client):
            refuse_privately(client, body, f"Only the privacy team can extend an inquiry: {slack.dpo.mentions()}.")
            return
        if _closed(slack, client, body):
            return
        container = body.get("container") or {}
        metadata = f"{body['actions'][0]['value']}|{container.get('channel_id', '')}|{container.get('message_ts', '')}"
        client.views_open(trigger_id=body["trigger_id"], view=blocks.extend_modal(metadata))

    @app.view(EXTEND_MODAL)
    def on_extend_submitted(
        ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        slack = tenants.slack(context)
        registry = slack.services.registry
        user = body["user"]["id"]
        inquiry_id, channel, ts = (view.get("private_metadata") or "||").split("|")
        reason = (view["state"]["values"]["reason"]["reason"].get("value") or "").strip()
        ctx = slack.context(client, user=user, line=f"inquiry extend {inquiry_id} (button)")
        if not ctx.is_dpo:
            ack(response_action="errors", errors={"reason": "Only the privacy team can extend an inquiry."})
            return
        try:
            inquiry = tracking.extend(registry, ctx.actor, inquiry_id, reason=reason)
        except RegistryError as exc:
            ack(response_action="errors", errors={"reason": str(exc)[:150]})
            return
        ack()
        text = (
            f"Extended by <@{user}>: answer due {inquiry.extended_due} ({EXTENDED_RULE}). Tell the data subject by "
            f"{inquiry.extension_notice_due}, with the reason."
        )
        posted = client.chat_postMessage(channel=channel or user, thread_ts=ts or None, text=text)
        _remember(slack, inquiry.id or 0, [where_posted(posted)])


def _act(slack: SlackServices, client: WebClient, body: dict[str, Any], change: Any, done: str) -> None:
    user = body["user"]["id"]
    inquiry_id = body["actions"][0]["value"]
    ctx = slack.context(client, user=user, line=f"inquiry {done} {inquiry_id} (button)")
    if not ctx.is_dpo:
        refuse_privately(client, body, f"Only the privacy team can do that: {slack.dpo.mentions()}.")
        return
    if _closed(slack, client, body):
        return
    try:
        change(ctx, inquiry_id)
    except RegistryError as exc:
        refuse_privately(client, body, blocks.escape(str(exc)))
        return
    thread_note(client, body, f"Inquiry #{inquiry_id} {done} by <@{user}>.")


def _closed(slack: SlackServices, client: WebClient, body: dict[str, Any]) -> bool:
    """A button of an inquiry already closed: say so, change nothing (and bring its card up to date)."""
    action = body["actions"][0]
    inquiry_id = (action.get("value") or action.get("selected_option", {}).get("value", "")).partition(":")[0]
    try:
        with slack.services.registry.reading():
            inquiry = tracking.get(slack.services.registry, inquiry_id)
    except RegistryError:
        return False  # an inquiry gone or mistyped: the change itself says why
    if inquiry.status != "closed":
        return False
    by = f" by {blocks.person(inquiry.closed_by)}" if inquiry.closed_by else ""
    on = f" on {inquiry.closed[:10]}" if inquiry.closed else ""
    refuse_privately(client, body, f"Inquiry #{inquiry.id} is already closed{by}{on}; nothing was changed.")
    show_closed(slack, client)
    return True


def refuse_privately(client: WebClient, body: dict[str, Any], text: str) -> None:
    """Only the person who pressed the button sees why not: ephemeral, in the channel (Slack shows an ephemeral
    reply in a thread only once the thread has replies, so it would go unseen there)."""
    client.chat_postEphemeral(channel=body["container"]["channel_id"], user=body["user"]["id"], text=text)


def thread_note(client: WebClient, body: dict[str, Any], text: str) -> None:
    container = body.get("container") or {}
    channel = container.get("channel_id") or body["user"]["id"]
    client.chat_postMessage(channel=channel, thread_ts=container.get("message_ts"), text=text)


def already_sent(lang: str, inquiry: Inquiry) -> str:
    """The answer to a second "Send to privacy team" on the same message: nothing new is recorded."""
    if lang == "nb":
        return f"Denne meldingen er allerede hos personvernteamet som henvendelse #{inquiry.id}. Du trenger ikke gjøre mer."
    return f"This message is already with the privacy team as inquiry #{inquiry.id}. There is nothing more to do."
