"""Messages handed to the privacy team (the Slack shortcut, a DM), kept for the DPO until answered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import ClassVar

from inquiries.deadlines import answer_due
from registry.models import Record, doc
from registry.registry import Actor, Registry


@dataclass
class Inquiry(Record):
    """A privacy inquiry as received. Its text is personal data: shown only to the privacy team, never logged,
    and kept out of the audit log (which records only that an inquiry arrived)."""

    table: ClassVar[str] = "inquiries"
    date_fields: ClassVar[tuple[str, ...]] = ("due",)
    private_fields: ClassVar[tuple[str, ...]] = ("text",)

    text: str = doc("The message as received.", "")
    received: str = doc("When it was received, ISO 8601 with time zone.", "")
    due: date | None = doc("Answer due (Art. 12(3): one month after receipt).")
    sender: str = doc("Who handed it to the bot (a Slack user id).", "")
    author: str | None = doc("Who wrote the original message, when it was forwarded from a channel.")
    channel: str | None = doc("Where the message was (a Slack channel id).")
    message_ts: str | None = doc("The Slack timestamp of the original message.")
    source: str = doc("How it arrived: shortcut, dm or command.", "shortcut")
    status: str = doc("new, forwarded or closed.", "new")


def record(
    registry: Registry,
    actor: Actor,
    *,
    text: str,
    received: datetime,
    sender: str,
    author: str | None = None,
    channel: str | None = None,
    message_ts: str | None = None,
    source: str = "shortcut",
) -> Inquiry:
    inquiry = Inquiry(
        text=text,
        received=received.isoformat(timespec="seconds"),
        due=answer_due(received.date()),
        sender=sender,
        author=author,
        channel=channel,
        message_ts=message_ts,
        source=source,
    )
    with registry.change(actor) as w:
        return w.insert(inquiry)


def open_inquiries(registry: Registry) -> list[Inquiry]:
    return sorted((i for i in registry.all(Inquiry) if i.status != "closed"), key=lambda i: (i.due or date.max, i.id))
