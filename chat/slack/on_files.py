"""Files sent to the bot in a direct message: a DPA to check for Art. 28 content, or (privacy team) a partner's
privacy policy or a vendor list to import as a proposal. Downloaded from Slack with the bot's token."""

from __future__ import annotations

from typing import Any

from slack_sdk import WebClient

from chat.cmd_import import propose_csv, propose_policy
from chat.files import decode_text
from chat.report import check_file
from chat.slack.blocks import escape
from chat.slack.deliver import post_reply
from chat.slack.download import download
from chat.slack.services import SlackServices
from policies.read import policy_text
from registry.errors import RegistryError

CHECKABLE = (".pdf", ".docx", ".txt", ".md", ".text")
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
            if command == "dpa check":
                if not name.lower().endswith(CHECKABLE):
                    raise RegistryError(
                        f"I can check .pdf, .docx and plain-text (.txt, .md) DPAs; {name} is none of them."
                    )
                reply = check_file(download(client, shared), name)
            elif not ctx.is_dpo:
                raise RegistryError(f"Only the privacy team can import into the registry: {ctx.privacy_team}.")
            elif command == "import csv":
                reply = propose_csv(ctx, decode_text(download(client, shared), name), source=name)
            else:
                if not name.lower().endswith(IMPORTABLE):
                    raise RegistryError(f"I can read .txt, .docx, .html and .pdf policies; {name} is none of them.")
                reply = propose_policy(ctx, policy_text(download(client, shared), name), source=name)
        except RegistryError as exc:
            client.chat_postMessage(
                channel=event["channel"], text=f"✗ {escape(str(exc))}"
            )  # quotes file names and values
            continue
        post_reply(reply, client, channel=event["channel"])
