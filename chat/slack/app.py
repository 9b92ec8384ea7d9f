"""Building the Bolt app: its listeners are registered per Slack surface, with the services passed in (one
company's, or each installed workspace's through chat/slack/tenants.py)."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from slack_bolt import App
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient
from slack_sdk.webhook import WebhookClient

from chat.slack import on_breaches, on_commands, on_events, on_inquiries, on_interactive
from chat.slack.dedup import EVENT_TTL, RecentKeys, once_per_event
from chat.slack.services import SlackServices
from chat.slack.tenants import OneWorkspace, Tenants

log = logging.getLogger(__name__)


def build_app(
    slack: SlackServices | Tenants,
    *,
    token: str | None,
    signing_secret: str | None,
    client: WebClient | None = None,
    process_before_response: bool = False,
    oauth_settings: OAuthSettings | None = None,
) -> App:
    """The Bolt app with every listener. Tests pass a client pointed at a fake Slack API.

    With `oauth_settings` (many workspaces) there is no one token: Bolt finds each request's workspace's bot token
    in the installation store, serves "Add to Slack" and removes an installation when the app is uninstalled or
    its tokens revoked; `slack` is then the Workspaces that give each request its workspace's registry."""
    tenants = OneWorkspace(slack) if isinstance(slack, SlackServices) else slack
    app = App(
        # Bolt takes the token from the client when given one, and from each installation with OAuth
        token=None if client is not None or oauth_settings is not None else token,
        signing_secret=signing_secret,
        client=client,
        process_before_response=process_before_response,
        request_verification_enabled=signing_secret is not None,
        oauth_settings=oauth_settings,
    )
    app.middleware(once_per_event(RecentKeys(ttl=EVENT_TTL)))
    on_commands.register(app, tenants)
    on_events.register(app, tenants)
    on_interactive.register(app, tenants)
    on_inquiries.register(app, tenants)
    on_breaches.register_listeners(app, tenants)
    if oauth_settings is not None:
        app.enable_token_revocation_listeners()  # the workspace's registry stays; only its tokens go
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
