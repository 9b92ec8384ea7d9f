"""Personal data breaches in Slack: reported by a message shortcut, the global shortcut's form or a direct
message, a card to the privacy team with buttons to assess, record the notification, draft and close, and the
reminders of the 72-hour clock. Anyone may report; only the privacy team sees the report and acts on it."""

from __future__ import annotations

import json
import logging
import re
from datetime import datetime
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from breaches import clock, register
from breaches.register import Report
from breaches.route import named_company, recipients
from chat.cmd_breaches import TEXT_LIMIT, breach_json, count, receipt_text, route_lines
from chat.commands import Context, dispatch
from chat.slack import breach_blocks
from chat.slack.blocks import escape
from chat.slack.deliver import post_reply
from chat.slack.on_inquiries import privacy_team_targets, refuse_privately, thread_note, where_posted
from chat.slack.on_interactive import form_values
from chat.slack.retention import update_posted
from chat.slack.services import SlackServices
from chat.slack.tenants import Tenants
from registry import validate
from registry.dates import OSLO, oslo_time, past_date, past_datetime
from registry.errors import InputError, RegistryError
from registry.models import Breach
from registry.registry import Actor, Registry

log = logging.getLogger(__name__)

SHORTCUT = "report_breach"
GLOBAL_SHORTCUT = "report_breach_global"
SLACK_FAILED = (SlackApiError, SlackClientError, OSError)


def card_message(slack: SlackServices, breach: Breach) -> dict[str, Any]:
    registry = slack.services.registry
    ctx = Context(services=slack.services, user="bot", line="breach card", local=False)
    with registry.reading():
        data = breach_json(ctx, breach, with_text=True)
        route = route_lines(registry, breach, recipients(registry, breach))
    data["aware_text"] = oslo_time(breach.aware)
    data["discovered_text"] = oslo_time(breach.discovered) if breach.discovered else None
    return breach_blocks.card(data, route=route, clock=clock.clock_line(breach, registry.clock()))


def deliver(slack: SlackServices, client: WebClient, breach: Breach) -> None:
    """The card to our privacy channel, else to each member of the privacy team privately; noted on the breach."""
    message = card_message(slack, breach)
    posted: list[dict[str, str]] = []
    try:
        for channel in dict.fromkeys(privacy_team_targets(slack, client)):
            posted.append(where_posted(client.chat_postMessage(channel=channel, **message)))
    finally:
        if posted:
            register.record_posted(
                slack.services.registry, Actor("bot", f"breach {breach.id}: card posted"), breach.id or 0, posted
            )


def take_in(slack: SlackServices, client: WebClient, intake: Report) -> tuple[Breach, bool]:
    """Record the report, then deliver its card; if Slack fails the breach is on record, marked undelivered,
    and `redeliver` tries again."""
    registry = slack.services.registry
    breach = register.report(registry, Actor(intake.reported_by, f"{intake.source}: report a data breach"), intake)
    return breach, _deliver_or_mark(slack, client, breach)


def _deliver_or_mark(slack: SlackServices, client: WebClient, breach: Breach) -> bool:
    try:
        deliver(slack, client, breach)
    except SLACK_FAILED as exc:
        log.warning("Breach #%s recorded but its card not delivered (%s); retrying", breach.id, type(exc).__name__)
        register.set_undelivered(
            slack.services.registry, Actor("bot", "delivery failed"), breach.id or 0, undelivered=True
        )
        return False
    return True


def redeliver(slack: SlackServices, client: WebClient) -> int:
    done = 0
    for breach in register.undelivered(slack.services.registry):
        try:
            deliver(slack, client, breach)
        except SLACK_FAILED:
            log.warning("Breach #%s: card still not delivered; retrying later", breach.id)
            continue
        register.set_undelivered(slack.services.registry, Actor("bot", "delivered"), breach.id or 0, undelivered=False)
        done += 1
    return done


def refresh_cards(slack: SlackServices, client: WebClient, breach_id: int | str) -> None:
    """Every card of the breach shows its current state (buttons gone once it is closed)."""
    registry = slack.services.registry
    with registry.reading():
        breach = register.get(registry, breach_id)
    message = card_message(slack, breach)
    for posted in breach.posted:
        update_posted(client, breach.id or 0, posted, message)


def send_reminders(slack: SlackServices, client: WebClient) -> int:
    """For each open breach, the reminders of the 72-hour clock now due (24, 48, 66 hours), posted where its card
    went and recorded so each fires once, across restarts; returns how many breaches were reminded of."""
    registry = slack.services.registry
    now = registry.clock()
    done = 0
    for breach in register.open_breaches(registry):
        due = clock.reminders_due(breach, now)
        if not due:
            continue
        channels = list(dict.fromkeys(p["channel"] for p in breach.posted)) or privacy_team_targets(slack, client)
        text = (
            f"⏰ Personal data breach #{breach.id}: {max(due)} hours since we became aware "
            f"({oslo_time(breach.aware)}). {clock.clock_line(breach, now)} `/dpa breach show {breach.id}`"
        )
        try:
            for channel in channels:
                client.chat_postMessage(channel=channel, text=text)
        except SLACK_FAILED as exc:
            log.warning("Breach #%s: reminder not sent (%s); retrying", breach.id, type(exc).__name__)
            continue
        register.reminders_sent(registry, Actor("bot", f"breach {breach.id}: reminder sent"), breach.id or 0, due)
        done += 1
    return done


def redact_purged(slack: SlackServices, client: WebClient) -> int:
    """The cards of breaches whose details were deleted become a stub; returns how many were dealt with."""
    registry = slack.services.registry
    done = 0
    for breach, posted in register.to_redact(registry):
        finished = [m for m in posted if update_posted(client, breach.id or 0, m, breach_blocks.stub(breach.id or 0))]
        if finished:
            register.forget_posted(
                registry, Actor("bot", f"breach {breach.id}: cards redacted"), breach.id or 0, finished
            )
            done += len(finished)
    return done


def deliver_reported(slack: SlackServices, client: WebClient, breach_id: int) -> None:
    """After `/dpa breach new`: the card to the privacy team."""
    with slack.services.registry.reading():
        breach = register.get(slack.services.registry, breach_id)
    _deliver_or_mark(slack, client, breach)


def offer_value(text: str, *, channel: str, ts: str) -> dict[str, Any]:
    """What the buttons under a direct message carry: the message, to fill in the form or answer it."""
    return {"c": channel, "ts": ts, "s": "dm", "t": text}


def register_listeners(app: App, tenants: Tenants) -> None:

    def open_form(
        slack: SlackServices, client: WebClient, trigger_id: str, user: str, *, text: str, origin: dict[str, Any]
    ) -> None:
        view = breach_blocks.report_modal(slack.language(client, user), text=text, metadata=json.dumps(origin))
        client.views_open(trigger_id=trigger_id, view=view)

    @app.shortcut(SHORTCUT)
    def on_message_shortcut(ack: Ack, shortcut: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        ack()
        slack = tenants.slack(context)
        message = shortcut["message"]
        origin = {
            "s": "shortcut",
            "channel": (shortcut.get("channel") or {}).get("id"),
            "ts": message.get("ts"),
            "author": message.get("user"),
        }
        open_form(
            slack, client, shortcut["trigger_id"], shortcut["user"]["id"], text=message.get("text") or "", origin=origin
        )

    @app.shortcut(GLOBAL_SHORTCUT)
    def on_global_shortcut(ack: Ack, shortcut: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        ack()
        slack = tenants.slack(context)
        open_form(slack, client, shortcut["trigger_id"], shortcut["user"]["id"], text="", origin={"s": "modal"})

    @app.action(breach_blocks.REPORT_ACTION)
    def on_report_it(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        """ "Report it" under a direct message: the form, filled in with the message; nothing is recorded yet."""
        ack()
        slack = tenants.slack(context)
        value = json.loads(body["actions"][0]["value"])
        origin = {"s": "dm", "channel": value.get("c"), "ts": value.get("ts")}
        open_form(slack, client, body["trigger_id"], body["user"]["id"], text=value.get("t") or "", origin=origin)

    @app.view(breach_blocks.REPORT_MODAL)
    def on_report_submitted(
        ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        slack = tenants.slack(context)
        registry = slack.services.registry
        user = body["user"]["id"]
        origin = json.loads(view.get("private_metadata") or "{}")
        values = form_values(view)
        errors: dict[str, str] = {}
        intake = Report(text="", reported_by=user, source=origin.pop("s", "modal"))
        now = registry.clock()
        try:
            intake.text = validate.text(values.get("what") or "", key="what", limit=TEXT_LIMIT)
        except RegistryError as exc:
            errors["what"] = str(exc)[:150]
        if values.get("discovered"):
            try:
                intake.discovered = picked(values["discovered"], now=now, key="discovered")
            except RegistryError as exc:
                errors["discovered"] = str(exc)[:150]
        if values.get("people"):
            try:
                intake.people = count(values["people"], "people")
            except RegistryError:
                errors["people"] = "A number, roughly: e.g. 40 or ca. 200."
        for key, field in (("data", "data"), ("subjects", "subjects"), ("done", "measures")):
            if values.get(key):
                try:
                    setattr(intake, field, validate.text(values[key], key=key, limit=TEXT_LIMIT))
                except RegistryError as exc:
                    errors[key] = str(exc)[:150]
        if values.get("company"):
            try:
                _route_to(registry, intake, values["company"])
            except RegistryError as exc:
                errors["company"] = str(exc)[:150]
        if errors:
            ack(response_action="errors", errors=errors)
            return
        if origin.get("channel"):
            intake.origin = {k: origin.get(k) for k in ("channel", "ts", "author") if origin.get(k)}
        try:
            breach, delivered = take_in(slack, client, intake)
        except RegistryError as exc:
            ack(response_action="errors", errors={"what": str(exc)[:150]})
            return
        ack()
        lang = slack.language(client, user)
        receipt = receipt_text(breach, slack.dpo.mentions(), lang)
        if not delivered:
            receipt += (
                "\nSlack svarer ikke akkurat nå; meldingen er lagret, og personvernteamet får den så snart Slack er "
                "tilbake."
                if lang == "nb"
                else "\nSlack is not answering right now; the report is saved, and the privacy team gets it as soon "
                "as Slack is back."
            )
        client.chat_postMessage(channel=user, text=receipt)  # the reporter's direct message with the bot

    @app.action(re.compile(f"^({'|'.join(breach_blocks.CARD_ACTIONS)})$"))
    def on_card_button(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        ack()
        slack = tenants.slack(context)
        registry = slack.services.registry
        action, breach_id = body["actions"][0]["action_id"], body["actions"][0]["value"]
        user = body["user"]["id"]
        if not slack.dpo.is_dpo(user, client):
            refuse_privately(client, body, f"Only the privacy team can do that: {slack.dpo.mentions()}.")
            return
        try:
            with registry.reading():
                breach = register.get(registry, breach_id)
        except RegistryError as exc:
            refuse_privately(client, body, escape(str(exc)))
            return
        if breach.status == "closed" and action != "breach_draft":
            refuse_privately(client, body, f"Breach #{breach.id} is already closed; nothing was changed.")
            return
        container = body.get("container") or {}
        metadata = f"{breach.id}|{container.get('channel_id', '')}|{container.get('message_ts', '')}"
        if action == "breach_assess":
            client.views_open(trigger_id=body["trigger_id"], view=breach_blocks.assess_modal(metadata))
        elif action == "breach_notified":
            deadline = oslo_time(clock.deadline(breach))
            view = breach_blocks.notified_modal(metadata, deadline=deadline, subjects=breach.risk == "high")
            client.views_open(trigger_id=body["trigger_id"], view=view)
        elif action == "breach_draft":
            line = f"breach draft {breach.id} lang={slack.language(client, user)}"
            post_reply(dispatch(slack.context(client, user=user, line=line), line), client, channel=user)
        else:
            actor = Actor(user, f"breach close {breach.id} (button)")
            try:
                register.close(registry, actor, breach.id or 0, note=None)
            except RegistryError as exc:
                refuse_privately(client, body, escape(str(exc)))
                return
            refresh_cards(slack, client, breach.id or 0)
            thread_note(client, body, f"Breach #{breach.id} closed by <@{user}>.")

    @app.view(breach_blocks.ASSESS_MODAL)
    def on_assessed(
        ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        slack = tenants.slack(context)
        registry = slack.services.registry
        form = team_form(slack, client, body, view)
        if form is None:
            ack(response_action="errors", errors={"reason": "Only the privacy team can assess a breach."})
            return
        user, breach_id, channel, ts, values = form
        try:
            reason = validate.text(values.get("reason") or "", key="reason", limit=2000)
            risk = validate.choice(values.get("risk") or "", key="risk", options=register.RISKS)
            breach = register.assess(
                registry, Actor(user, f"breach assess {breach_id} (form)"), breach_id, risk=risk, reason=reason
            )
        except RegistryError as exc:
            ack(response_action="errors", errors={"reason": str(exc)[:150]})
            return
        ack()
        refresh_cards(slack, client, breach_id)
        note = f"Breach #{breach.id}: risk assessed as {breach.risk} by <@{user}>. {clock.clock_line(breach, registry.clock())}"
        client.chat_postMessage(channel=channel or user, thread_ts=ts or None, text=note)

    @app.view(breach_blocks.NOTIFIED_MODAL)
    def on_notified(
        ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        slack = tenants.slack(context)
        registry = slack.services.registry
        form = team_form(slack, client, body, view)
        if form is None:
            ack(response_action="errors", errors={"at": "Only the privacy team can record a notification."})
            return
        user, breach_id, channel, ts, values = form
        now = registry.clock()
        errors: dict[str, str] = {}
        at = told = None
        try:
            at = picked(values.get("at") or "", now=now, key="at")
        except RegistryError as exc:
            errors["at"] = str(exc)[:150]
        if values.get("subjects"):
            try:
                told = past_date(values["subjects"], today=now.date(), key="subjects", what="the data subjects told")
            except RegistryError as exc:
                errors["subjects"] = str(exc)[:150]
        try:
            reference = (
                validate.text(values["reference"], key="reference", limit=200) if values.get("reference") else None
            )
            delay = validate.text(values["delay"], key="delay", limit=2000) if values.get("delay") else None
            with registry.reading():
                breach = register.get(registry, breach_id)
        except RegistryError as exc:
            errors["reference"] = str(exc)[:150]
        if not errors and at is not None and clock.is_late(breach, at) and not delay:
            errors["delay"] = (
                f"Notified after the deadline ({oslo_time(clock.deadline(breach))}): say why (Art. 33(1))."
            )
        if errors:
            ack(response_action="errors", errors=errors)
            return
        actor = Actor(user, f"breach notified {breach_id} (form)")
        try:
            breach = register.notify_authority(registry, actor, breach_id, at=at, reference=reference, delay=delay)
            if told is not None:
                breach = register.notify_subjects(registry, actor, breach_id, on=told, not_needed=None)
        except RegistryError as exc:
            ack(response_action="errors", errors={"at": str(exc)[:150]})
            return
        ack()
        refresh_cards(slack, client, breach_id)
        subjects = f"; data subjects told {told.isoformat()}" if told else ""
        note = f"Breach #{breach.id}: Datatilsynet notified {oslo_time(at)}{subjects} (recorded by <@{user}>)."
        client.chat_postMessage(channel=channel or user, thread_ts=ts or None, text=note)


def _route_to(registry: Registry, intake: Report, company: str) -> None:
    """The company the reporter named: a controller we process for (the breach concerns its data) or a processor
    of ours (the breach happened there), as the registry says; `breach set` corrects it later."""
    with registry.reading():
        party = registry.find_party(company.strip())
        kind = named_company(registry, party)
    assert party.id is not None
    if kind == "about":
        intake.about = [party.id]
    else:
        intake.processor = party.id


def team_form(
    slack: SlackServices, client: WebClient, body: dict[str, Any], view: dict[str, Any]
) -> tuple[str, str, str, str, dict[str, str]] | None:
    """A card's form as submitted: who, the breach, the card's channel and ts, and the values; None when the
    one submitting is not in the privacy team."""
    user = body["user"]["id"]
    if not slack.dpo.is_dpo(user, client):
        return None
    breach_id, channel, ts = (view.get("private_metadata") or "||").split("|")
    return user, breach_id, channel, ts, form_values(view)


def picked(value: str, *, now: datetime, key: str) -> datetime:
    """A moment chosen in a date-time picker (seconds since the epoch), refused when in the future."""
    if not value.isdigit():
        raise InputError(f"{key}: pick a date and a time", value=value, accepted="a date and a time")
    moment = datetime.fromtimestamp(int(value), tz=OSLO)
    return past_datetime(moment.strftime("%Y-%m-%d %H:%M"), now=now, key=key)
