"""Building the Bolt app: its listeners are registered per Slack surface, with the services passed in."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.webhook import WebhookClient

from chat.slack import on_breaches, on_commands, on_events, on_inquiries, on_interactive
from chat.slack.dedup import EVENT_TTL, RecentKeys, once_per_event
from chat.slack.services import SlackServices

log = logging.getLogger(__name__)


def build_app(
    slack: SlackServices,
    *,
    token: str,
    signing_secret: str | None,
    client: WebClient | None = None,
    process_before_response: bool = False,
) -> App:
    """The Bolt app with every listener. Tests pass a client pointed at a fake Slack API."""
    app = App(
        token=None if client is not None else token,  # Bolt takes the token from the client when given one
        signing_secret=signing_secret,
        client=client,
        process_before_response=process_before_response,
        request_verification_enabled=signing_secret is not None,
    )
    app.middleware(once_per_event(RecentKeys(ttl=EVENT_TTL)))
    on_commands.register(app, slack)
    on_events.register(app, slack)
    on_interactive.register(app, slack)
    on_inquiries.register(app, slack)
    on_breaches.register_listeners(app, slack)
    app.error(_on_error)
    return app


def _on_error(error: Exception, body: dict[str, Any], client: WebClient) -> None:
    """The one place unexpected failures end up: logged with a reference, and the user gets an apology."""
    ref = uuid.uuid4().hex[:8]
    # Log the error and where it happened, never the message text (it may hold personal data).
    log.error("Unhandled error ref=%s type=%s", ref, body.get("type") or body.get("command"), exc_info=error)
    apology = f"Sorry, something went wrong on my side (reference {ref}). Nothing was changed by the failed step."
    user = _user_of(body)
    try:
        if body.get("response_url"):
            WebhookClient(body["response_url"]).send(text=apology, response_type="ephemeral")
        elif user:
            client.chat_postMessage(channel=user, text=apology)
    except Exception:
        log.warning("Could not tell the user about error ref=%s", ref)


def _user_of(body: dict[str, Any]) -> str | None:
    if "user_id" in body:
        return body["user_id"]
    user = body.get("user")
    if isinstance(user, dict):
        return user.get("id")
    event = body.get("event") or {}
    return event.get("user")
