"""Events: questions by mention or DM, and the App Home."""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from breaches.recognise import recognise
from chat.dashboard import summary
from chat.home_examples import example_questions
from chat.questions import answer
from chat.slack import breach_blocks
from chat.slack.blocks import escape, hand_in_button, home_dpo, home_user
from chat.slack.deliver import post_reply
from chat.slack.on_breaches import offer_value
from chat.slack.on_files import file_command, handle_shared_files
from chat.slack.on_inquiries import OSLO, confirmation, take_in
from chat.slack.services import SlackServices
from chat.slack.tenants import Tenants
from inquiries.classify import classify
from inquiries.tracking import Intake, is_request
from registry.errors import RegistryError

_MENTION = re.compile(r"<@[UW][A-Z0-9]+(?:\|[^>]*)?>")


def register(app: App, tenants: Tenants) -> None:
    @app.event("app_mention")
    def on_mention(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        answer_question(tenants.slack(context), event, client, thread_ts=event.get("thread_ts") or event["ts"])

    @app.event("message")
    def on_message(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        slack = tenants.slack(context)
        registry = slack.services.registry
        command = file_command(event) if event.get("channel_type") == "im" and not event.get("bot_id") else None
        if command:
            handle_shared_files(event, client, slack, command)  # a DPA to check, or a policy or list to import
            return
        # Only people writing to the bot directly; edits, joins and bot messages are not questions.
        if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
            return
        # A request (access, erasure, ...) written to the bot becomes an inquiry; a message telling of a personal
        # data breach is offered the breach report (asked first when the bot is not sure); the rest are questions.
        text = event.get("text") or ""
        found = classify(text)
        breach = recognise(text, slack.language(client, event["user"]))
        request = is_request(found.types) and found.primary not in ("question", "not-a-request")
        if breach.sure or (breach.is_breach and not request):
            # Only an offer: the report is made when they click, so a false alarm costs one click, not a record.
            value = offer_value(text, channel=event["channel"], ts=event["ts"])
            offer = breach_blocks.offer(
                "nb" if breach.language in ("nb", "nn") else "en", sure=breach.sure, value=value
            )
            client.chat_postMessage(channel=event["channel"], text=offer[0]["text"]["text"], blocks=offer)
            return
        if request:
            intake = Intake(
                text=event.get("text") or "",
                received=datetime.fromtimestamp(float(event["ts"]), tz=OSLO),
                sender=event["user"],
                source="dm",
                channel=event["channel"],
                message_ts=event["ts"],
            )
            with slack.intakes.holding(registry, intake) as earlier:
                if earlier is not None:
                    return  # Slack delivered this message again: it is on record and was answered
                try:
                    inquiry, delivered = take_in(slack, client, intake)
                except RegistryError as exc:
                    client.chat_postMessage(
                        channel=event["channel"], text=f"Not sent to the privacy team: {escape(str(exc))}"
                    )
                    return
            lang = slack.language(client, event["user"])
            client.chat_postMessage(channel=event["channel"], text=confirmation(lang, inquiry, delivered=delivered))
            return
        answer_question(slack, event, client, thread_ts=event.get("thread_ts"))

    @app.action(breach_blocks.QUESTION_ACTION)
    def on_not_a_breach(ack: Any, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        """ "No, it's a question": the direct message is answered as any other question."""
        ack()
        value = json.loads(body["actions"][0]["value"])
        event = {"text": value.get("t") or "", "channel": value["c"], "ts": value["ts"], "user": body["user"]["id"]}
        answer_question(tenants.slack(context), {**event, "channel_type": "im"}, client, thread_ts=None)

    @app.event("app_home_opened")
    def on_home(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        if event.get("tab", "home") != "home":
            return
        slack = tenants.slack(context)
        registry = slack.services.registry
        user = event["user"]
        view = (
            home_dpo(summary(registry, slack.services.review))
            if slack.dpo.is_dpo(user, client)
            else home_user(slack.dpo.mentions(), example_questions(registry))
        )
        client.views_publish(user_id=user, view=view)


def answer_question(slack: SlackServices, event: dict[str, Any], client: WebClient, *, thread_ts: str | None) -> None:
    """A question by mention or DM answered from the workspace's registry, in the asker's language."""
    question = _MENTION.sub(" ", event.get("text") or "").strip()
    reply = answer(slack.services.registry, question, lang_hint=slack.language(client, event["user"]))
    if not (reply.data or {}).get("answered", True):
        # The classifier may miss a request phrased in a way it has not seen: say how to hand it in.
        nb = (reply.data or {}).get("language") == "nb"
        reply.text += (
            "\n\nEr dette en henvendelse fra noen som vil ha innsyn, retting eller sletting? Bruk "
            "⋯ → *Send to privacy team* på meldingen, så får personvernteamet den med fristen."
            if nb
            else "\n\nIs this a request from someone who wants their data, a correction or deletion? Use "
            "⋯ → *Send to privacy team* on the message, and the privacy team gets it with its deadline."
        )
    extra = None
    if (reply.data or {}).get("hand_in"):
        # "Someone asked me to delete their data": one click hands the message in, with its deadline.
        lang = (reply.data or {}).get("language", "en")
        source = "dm" if event.get("channel_type") == "im" else "mention"
        button = hand_in_button(
            lang,
            text=question,
            channel=event["channel"],
            ts=event["ts"],
            source=source,
            author=event.get("user"),
        )
        extra = [button]
    post_reply(reply, client, channel=event["channel"], thread_ts=thread_ts, extra_blocks=extra)
