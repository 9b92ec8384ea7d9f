"""Sending a Reply back to Slack: as messages (ephemeral or shared), and its file with files_upload_v2.

A file (an export, a DPA) never lands in a channel: it goes with its reply into the user's direct message with
the bot, where only they can read it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient

from chat.reply import Reply
from chat.slack.blocks import reply_messages

SENT_TO_DM = "Sent to you in a direct message."


def respond_reply(
    reply: Reply,
    respond: Callable[..., Any],
    client: WebClient,
    *,
    user: str,
    share: bool,
    extra_blocks: list[dict[str, Any]] | None = None,
) -> None:
    """Answer a slash command: ephemeral unless shared; a reply with a file goes to the user's DM instead.
    `extra_blocks` (a button) go at the end of the last message."""
    if reply.file is not None:
        send_privately(reply, client, user=user)
        respond(response_type="ephemeral", text=SENT_TO_DM)
        return
    messages = reply_messages(reply)
    if extra_blocks:
        messages[-1]["blocks"] = [*messages[-1]["blocks"], *extra_blocks]
    for message in messages:
        respond(response_type="in_channel" if share and not reply.private else "ephemeral", **message)


def send_privately(reply: Reply, client: WebClient, *, user: str) -> None:
    """Post a Reply, its file included, in the user's direct message with the bot."""
    post_reply(reply, client, channel=client.conversations_open(users=user)["channel"]["id"])


def post_reply(
    reply: Reply,
    client: WebClient,
    *,
    channel: str,
    thread_ts: str | None = None,
    extra_blocks: list[dict[str, Any]] | None = None,
) -> None:
    """Post a Reply as ordinary messages (answers to mentions and DMs, notices in DMs); `extra_blocks` (a button)
    go at the end of the last message."""
    if reply.file is not None:
        upload(reply, client, channel=channel, thread_ts=thread_ts)
    messages = reply_messages(reply)
    if extra_blocks:
        messages[-1]["blocks"] = [*messages[-1]["blocks"], *extra_blocks]
    for message in messages:
        client.chat_postMessage(channel=channel, thread_ts=thread_ts, unfurl_links=False, **message)


def upload(reply: Reply, client: WebClient, *, channel: str, thread_ts: str | None = None) -> None:
    assert reply.file is not None
    for file in (reply.file, *reply.more_files):
        client.files_upload_v2(
            channel=channel,
            thread_ts=thread_ts,
            content=file.content,
            filename=file.name,
            title=file.name,
        )
