"""Files sent to the bot in a direct message: a DPA to check for Art. 28 content, or (privacy team) a partner's
privacy policy or a vendor list to import as a proposal. Downloaded from Slack with the bot's token."""

from __future__ import annotations

import urllib.request
from typing import Any
from urllib.parse import urlsplit

from slack_sdk import WebClient

from agreements.check_files import MAX_BYTES
from chat.cmd_import import decode_csv, propose_csv, propose_policy
from chat.report import check_file
from chat.slack.blocks import escape
from chat.slack.deliver import post_reply
from chat.slack.services import SlackServices
from policies.read import policy_text
from registry.errors import RegistryError

CHECKABLE = (".docx", ".txt", ".md", ".text")
SLACK_FILE_HOSTS = frozenset({"files.slack.com"})


IMPORTABLE = (".txt", ".docx", ".html", ".htm", ".pdf")


def file_command(event: dict[str, Any]) -> str | None:
    """What a file shared in a DM asks for: its text (`dpa check` when there is none), if it is a file command."""
    text = " ".join((event.get("text") or "").lower().split())
    if event.get("subtype") != "file_share" or not event.get("files"):
        return None
    if text in ("", "dpa check"):
        return "dpa check"
    return text if text in ("import policy", "import csv") else None


def handle_shared_files(event: dict[str, Any], client: WebClient, slack: SlackServices, command: str) -> None:
    ctx = slack.context(client, user=event["user"], line=command)
    for shared in event.get("files") or []:
        name = shared.get("name") or "file"
        try:
            if (shared.get("size") or 0) > MAX_BYTES:
                raise RegistryError(f"{name} is larger than 20 MB.")
            if command == "dpa check":
                if not name.lower().endswith(CHECKABLE):
                    raise RegistryError(f"I can check .docx and plain-text DPAs; {name} is neither.")
                reply = check_file(_download(client, shared), name)
            elif not ctx.is_dpo:
                raise RegistryError(f"Only the privacy team can import into the registry: {ctx.privacy_team}.")
            elif command == "import csv":
                reply = propose_csv(ctx, decode_csv(_download(client, shared)), source=name)
            else:
                if not name.lower().endswith(IMPORTABLE):
                    raise RegistryError(f"I can read .txt, .docx, .html and .pdf policies; {name} is none of them.")
                reply = propose_policy(ctx, policy_text(_download(client, shared), name), source=name)
        except RegistryError as exc:
            client.chat_postMessage(
                channel=event["channel"], text=f"✗ {escape(str(exc))}"
            )  # quotes file names and values
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
