"""Inquiries past their retention, in Slack: every copy the bot posted becomes a short stub.

The purge (inquiries.tracking.purge) deletes the text in the registry and leaves each inquiry's posted copies
listed; this drains that list. A copy Slack no longer has is forgotten; one Slack did not answer for stays
listed and is tried again at the next run.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from chat.slack.services import SlackServices
from inquiries import tracking
from registry.registry import Actor

log = logging.getLogger(__name__)

# Slack's answers that mean the message cannot be changed, now or later: nothing is left to redact.
GONE = frozenset(
    {"message_not_found", "channel_not_found", "cant_update_message", "is_archived", "is_inactive", "not_in_channel"}
)


def redact_expired(slack: SlackServices, client: WebClient) -> int:
    """Replace the posted copies of inquiries past retention with a stub; returns how many were dealt with."""
    registry = slack.services.registry
    done = 0
    for inquiry, posted in tracking.to_redact(registry):
        finished = [m for m in posted if _redact(client, inquiry.id or 0, m)]
        if finished:
            actor = Actor("bot", f"inquiry {inquiry.id}: posted copies redacted")
            tracking.forget_messages(registry, actor, inquiry.id or 0, finished)
            done += len(finished)
    return done


def _redact(client: WebClient, inquiry_id: int, message: dict[str, str]) -> bool:
    """Whether the message is done with: replaced by the stub, or gone from Slack."""
    stub = f"Inquiry #{inquiry_id}: deleted after the retention period."
    return update_posted(client, inquiry_id, message, {"text": stub, "blocks": []})


def update_posted(client: WebClient, inquiry_id: int, message: dict[str, str], content: dict[str, Any]) -> bool:
    """Replace a message the bot posted about an inquiry; whether it is done with (updated, or gone from Slack).
    False when Slack did not take it this time: try again at the next run."""
    try:
        client.chat_update(channel=message["channel"], ts=message["ts"], **content)
    except SlackApiError as exc:
        error = exc.response.get("error")
        if error in GONE:
            return True
        log.warning("Inquiry #%s: a posted copy was not updated (%s); trying again at the next run", inquiry_id, error)
        return False
    except (SlackClientError, OSError) as exc:
        log.warning(
            "Inquiry #%s: Slack did not answer (%s); trying again at the next run", inquiry_id, type(exc).__name__
        )
        return False
    return True
