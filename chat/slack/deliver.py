"""Sending a Reply back to Slack: as messages (ephemeral or shared), and its file with files_upload_v2."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient

from chat.reply import Reply
from chat.slack.blocks import reply_messages


def respond_reply(reply: Reply, respond: Callable[..., Any], client: WebClient, *, channel: str, share: bool) -> None:
    """Answer a slash command: ephemeral unless shared; a file goes into the conversation it came from."""
    if reply.file is not None:
        upload(reply, client, channel=channel)
    for message in reply_messages(reply):
        respond(response_type="in_channel" if share else "ephemeral", **message)


def post_reply(reply: Reply, client: WebClient, *, channel: str, thread_ts: str | None = None) -> None:
    """Post a Reply as ordinary messages (answers to mentions and DMs, notices in DMs)."""
    if reply.file is not None:
        upload(reply, client, channel=channel, thread_ts=thread_ts)
    for message in reply_messages(reply):
        client.chat_postMessage(channel=channel, thread_ts=thread_ts, unfurl_links=False, **message)


def upload(reply: Reply, client: WebClient, *, channel: str, thread_ts: str | None = None) -> None:
    assert reply.file is not None
    client.files_upload_v2(
        channel=channel,
        thread_ts=thread_ts,
        content=reply.file.content,
        filename=reply.file.name,
        title=reply.file.name,
    )
