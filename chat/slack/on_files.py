"""A DPA sent to the bot in a direct message: downloaded from Slack and checked for Art. 28 content."""

from __future__ import annotations

import urllib.request
from typing import Any
from urllib.parse import urlsplit

from slack_sdk import WebClient

from agreements.check import check_document
from chat.report import check_report
from chat.slack.deliver import post_reply
from registry.errors import RegistryError

MAX_BYTES = 20 * 1024 * 1024
CHECKABLE = (".docx", ".txt", ".md", ".text")
SLACK_FILE_HOSTS = frozenset({"files.slack.com"})


def wants_check(event: dict[str, Any]) -> bool:
    """A file shared in a DM with `dpa check` or with no text at all: the user wants it checked."""
    text = (event.get("text") or "").strip().lower()
    return event.get("subtype") == "file_share" and bool(event.get("files")) and text in ("", "dpa check")


def check_shared_files(event: dict[str, Any], client: WebClient) -> None:
    for shared in event.get("files") or []:
        name = shared.get("name") or "file"
        try:
            if not name.lower().endswith(CHECKABLE):
                raise RegistryError(f"I can check .docx and plain-text DPAs; {name} is neither.")
            if (shared.get("size") or 0) > MAX_BYTES:
                raise RegistryError(f"{name} is larger than 20 MB; send the DPA itself, without attachments.")
            reply = check_report(name, check_document(_download(client, shared), name))
        except RegistryError as exc:
            client.chat_postMessage(channel=event["channel"], text=f"✗ {exc}")
            continue
        post_reply(reply, client, channel=event["channel"])


def _download(client: WebClient, shared: dict[str, Any]) -> bytes:
    url = shared.get("url_private_download") or shared.get("url_private") or ""
    # The bot's token goes only to Slack itself (or the Web API host the client is set up for, in tests).
    allowed = SLACK_FILE_HOSTS | {urlsplit(client.base_url).hostname}
    if urlsplit(url).scheme not in ("https", "http") or urlsplit(url).hostname not in allowed:
        raise RegistryError("Slack gave no download address for the file; try sending it again.")
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {client.token}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            content = response.read(MAX_BYTES + 1)
    except OSError as exc:
        raise RegistryError(f"Could not fetch the file from Slack ({exc}); try sending it again.") from exc
    if len(content) > MAX_BYTES:
        raise RegistryError("The file is larger than 20 MB; send the DPA itself, without attachments.")
    return content
