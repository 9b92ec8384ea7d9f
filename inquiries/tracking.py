"""Privacy inquiries from receipt to closure: recorded with their type, route and deadlines, extended,
forwarded, closed, and their text deleted a set time after closing (the metadata stays for statistics)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from inquiries.classify import NEEDS_A_LOOK, REQUESTS, TYPES, classify
from inquiries.corrections import Decided
from inquiries.deadlines import FORWARD_WORKING_DAYS, add_working_days, deadlines, local_date
from inquiries.route import route
from inquiries.route_evidence import Known, find_mentions, named_by_dpo
from registry.dates import add_months
from registry.delivery_records import delivery_of, note_delivery
from registry.errors import InputError, NotFound, RegistryError
from registry.models import Inquiry, InquiryDelivery, Party
from registry.registry import Actor, Registry, Writer
from text.patterns import email_addresses

RETENTION_MONTHS = 12  # default: how long an inquiry's text is kept after it is closed
DUE_SOON_DAYS = 7
# The free text an inquiry holds (the letter, who sent it, and what the privacy team wrote about it), all deleted
# when its retention ends; the rest stays for statistics.
# Who handed it in (sender) is personal data too: deleted with the text, as is who wrote the Slack message it came
# from (its InquiryDelivery's private fields).
FREE_TEXT = (
    "text",
    "sender_contact",
    "sender",
    "claimed_deadline",
    "extension_reason",
    "close_note",
    "evidence",
)
# Free text inquiries held before it moved to their delivery record (InquiryDelivery.author): the audit log's older
# copies of inquiries may still hold it, and it is deleted from them with the rest.
FORMER_FREE_TEXT = (*FREE_TEXT, "author")


def needs_a_look(inquiry: Inquiry) -> bool:
    """The classifier was unsure and nobody on the privacy team has confirmed the types yet."""
    return inquiry.typed_by is None and inquiry.confidence is not None and inquiry.confidence < NEEDS_A_LOOK


def inquiry_json(inquiry: Inquiry, registry: Registry, *, with_text: bool) -> dict[str, Any]:
    """The inquiry for --json and Slack: its text and sender only `with_text` (the privacy team)."""
    out: dict[str, Any] = {
        "id": inquiry.id,
        "types": inquiry.types,
        "primary": inquiry.primary,
        "confidence": inquiry.confidence,
        "likely": inquiry.likely,
        "needs_a_look": needs_a_look(inquiry),
        "typed_by": inquiry.typed_by,
        "precedent": inquiry.precedent,
        "language": inquiry.language,
        "route": _route_json(inquiry),
        "received": _iso(inquiry.received),
        "due": _iso(inquiry.due),
        "extension_notice_due": _iso(inquiry.extension_notice_due),
        "extended_due": _iso(inquiry.extended_due),
        "forward_by": _iso(inquiry.forward_by),
        "current_due": _iso(inquiry.current_due),
        "status": inquiry.status,
        "closed": inquiry.closed,
        "closed_by": inquiry.closed_by,
        "extended": inquiry.extended,
        "claimed_deadline": inquiry.claimed_deadline,
        "linked_to": inquiry.linked_to,
        "forwarded_to": registry.name_of(inquiry.forwarded_to) if inquiry.forwarded_to else None,
        "about": [registry.name_of(p) for p in inquiry.about],
    }
    if with_text:
        out["text"] = inquiry.text if not inquiry.text_deleted else None
        out["sender"] = inquiry.sender or None
        out["source"] = inquiry.source
        out["from"] = inquiry.sender_contact
        out["evidence"] = inquiry.evidence
    return out


def _route_json(inquiry: Inquiry) -> dict[str, Any]:
    out = {k: inquiry.route.get(k) for k in ("to", "to_all", "role", "reason", "decided_by", "candidates", "settle")}
    if out["settle"]:
        out["settle"] = out["settle"].replace("{id}", str(inquiry.id))  # the command to settle it, ready to use
    return out


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


@dataclass
class Intake:
    """What the bot was handed: the text and where it came from."""

    text: str
    received: datetime | date
    sender: str
    source: str = "command"
    about: Party | None = None
    sender_contact: str | None = None
    author: str | None = None
    channel: str | None = None
    message_ts: str | None = None

    @property
    def received_day(self) -> date:
        if isinstance(self.received, datetime):
            return local_date(self.received)
        return self.received


def open_inquiry(registry: Registry, actor: Actor, intake: Intake) -> Inquiry:
    """Classify, route and record an inquiry, with its deadlines."""
    text = intake.text.strip()
    if not text:
        raise InputError("The inquiry has no text", accepted="inquiry new TEXT... or file=PATH")
    received = intake.received_day
    if received > registry.clock().date():
        raise InputError(
            f"The receipt date {received.isoformat()} is in the future. When did the inquiry arrive?",
            accepted="received=DATE, today or earlier",
        )
    # The store's lock is held only to take registry data and to look records up: every reading of the text
    # (classify, find_mentions, the addresses a reminder is linked by) runs outside it.
    with registry.reading():
        known = Known.load(registry)
        everything = registry.all(Inquiry)
    found = classify(text, decided_examples(everything))
    earlier = everything if "reminder" in found.types else []
    evidence = named_by_dpo(intake.about) if intake.about else find_mentions(known, text)
    linked = _earlier(earlier, text, intake.sender_contact)
    with registry.reading():
        decided = route(registry, evidence)
        route_json = decided.to_json(registry)
    route_json["ids"] = decided.to
    inquiry = Inquiry(
        text=text,
        sender_contact=intake.sender_contact,
        received=received,
        **_deadlines(received, found.types, must_not_answer=decided.must_not_answer),
        types=list(found.types),
        confidence=found.confidence,
        likely=[list(pair) for pair in found.likely],
        evidence=dict(found.evidence),
        precedent=found.precedent,
        language=found.language,
        claimed_deadline=found.claimed_deadline,
        route=route_json,
        about=sorted({e.party_id for e in decided.evidence}),
        linked_to=linked,
        source=intake.source,
        sender=intake.sender,
    )
    origin = {"origin_channel": intake.channel, "origin_ts": intake.message_ts, "author": intake.author}
    with registry.change(actor) as w:
        inquiry = w.insert(inquiry)
        if any(origin.values()):
            note_delivery(w, inquiry.id or 0, origin)
        return inquiry


def _deadlines(received: date, types: list[str] | tuple[str, ...], *, must_not_answer: bool) -> dict[str, Any]:
    """The legal deadlines of a data subject's request; none for a question, a look-alike or a
    freedom-of-information request (offentleglova sets no GDPR deadline)."""
    if not is_request(types):
        return dict.fromkeys(("due", "extension_notice_due", "extended_due", "forward_by"))
    days = deadlines(received)
    return {
        "due": days.due,
        "extension_notice_due": days.extension_notice_due,
        "extended_due": days.extended_due,
        "forward_by": add_working_days(received, FORWARD_WORKING_DAYS) if must_not_answer else None,
    }


def decided_examples(inquiries: list[Inquiry]) -> list[Decided]:
    """The inquiries whose types the privacy team set, while their text is kept: the classifier's precedents."""
    return [Decided(i.id, i.text, tuple(i.types)) for i in inquiries if i.typed_by and i.text and i.id is not None]


def set_types(registry: Registry, actor: Actor, inquiry_id: str | int, types: list[str]) -> Inquiry:
    """The privacy team decides what an inquiry is (primary first): its deadlines follow from the receipt date
    (a request gets the law's; anything else none), and later inquiries that read like it are typed the same."""
    unknown = [t for t in types if t not in TYPES]
    if not types or unknown:
        raise InputError(
            f"Not an inquiry type: {', '.join(unknown) or '(none given)'}",
            accepted=", ".join(TYPES) + " (several with commas, the main one first)",
        )
    if len(set(types)) != len(types):
        raise InputError("A type is given twice", value=",".join(types), accepted="each type once")
    if len(types) > 1 and set(types) & {"question", "not-a-request", "foi"}:
        raise InputError(
            "A question, a look-alike or a freedom-of-information request stands alone",
            value=",".join(types),
            accepted="one of question, not-a-request, foi; or the rights asked for, e.g. erasure,objection",
        )
    with registry.change(actor) as w:
        inquiry = get(registry, inquiry_id)
        _open(inquiry)
        changes: dict[str, Any] = {"types": list(types), "typed_by": actor.user}
        if inquiry.received and is_request(types) != is_request(inquiry.types):
            changes |= _deadlines(inquiry.received, types, must_not_answer=bool(inquiry.route.get("must_not_answer")))
            if not is_request(types):
                changes["extended"] = False
        return w.update(inquiry, changes)


def _earlier(inquiries: list[Inquiry], text: str, contact: str | None) -> int | None:
    """The latest earlier inquiry from the same person (same contact, or an e-mail address both texts hold).
    Only a text that holds one of the addresses is searched for its own (call outside the lock)."""
    addresses = email_addresses(text)
    if contact:
        addresses.add(contact.lower())
    if not addresses:
        return None
    for earlier in sorted(inquiries, key=lambda i: i.id or 0, reverse=True):
        if earlier.sender_contact and earlier.sender_contact.lower() in addresses:
            return earlier.id
        lowered = earlier.text.lower()
        if any(a in lowered for a in addresses) and addresses & email_addresses(earlier.text):
            return earlier.id
    return None


def get(registry: Registry, inquiry_id: str | int) -> Inquiry:
    text = str(inquiry_id).lstrip("#")
    if not text.isdigit():
        raise InputError("Not an inquiry number", value=inquiry_id, accepted="the number shown by inquiry list, e.g. 7")
    found = registry.find(Inquiry, int(text))
    if found is None:
        raise NotFound("inquiry", f"#{int(text)}", exact=True, hint="`inquiry list all` shows every inquiry.")
    return found


def select(registry: Registry, which: str, *, today: date) -> list[Inquiry]:
    """open, overdue, due-soon (within 7 days) or all; soonest due first."""
    everything = registry.all(Inquiry)
    open_ = [i for i in everything if i.status != "closed"]
    chosen = {
        "all": everything,
        "open": open_,
        "overdue": [i for i in open_ if i.current_due and i.current_due < today],
        "due-soon": [i for i in open_ if i.current_due and today <= i.current_due <= today + timedelta(DUE_SOON_DAYS)],
    }[which]
    return sorted(chosen, key=lambda i: (i.status == "closed", i.current_due or date.max, i.id or 0))


def extend(registry: Registry, actor: Actor, inquiry_id: str | int, *, reason: str) -> Inquiry:
    """Two more months (Art. 12(3)); only while the first month runs, and with reasons for the data subject."""
    with registry.change(actor) as w:
        inquiry = get(registry, inquiry_id)
        today = registry.clock().date()
        _open(inquiry)
        if inquiry.extended:
            raise RegistryError(f"Inquiry #{inquiry.id} is already extended, to {_iso(inquiry.extended_due)}.")
        if inquiry.extension_notice_due and today > inquiry.extension_notice_due:
            raise RegistryError(
                f"Too late to extend inquiry #{inquiry.id}: the data subject had to be told within the first month, "
                f"by {_iso(inquiry.extension_notice_due)} (Art. 12(3)). Answer it now."
            )
        changes: dict[str, Any] = {"extended": True, "extension_reason": reason, "status": _active(inquiry)}
        if inquiry.received and inquiry.extended_due:
            # An inquiry recorded before the earlier count (receipt + 3 months) gets today's rule when extended.
            changes["extended_due"] = deadlines(inquiry.received).extended_due
        return w.update(inquiry, changes)


def forward(registry: Registry, actor: Actor, inquiry_id: str | int, *, to: Party | None) -> Inquiry:
    with registry.change(actor) as w:
        inquiry = get(registry, inquiry_id)
        _open(inquiry)
        target = to.id if to is not None else next(iter(inquiry.route.get("ids") or []), None)
        if target is None:
            raise InputError("Who was it forwarded to?", accepted="inquiry forward ID to=NAME")
        me = registry.self_party()
        if me is not None and target == me.id:
            raise InputError(
                f"{me.name} is us; we answer inquiry #{inquiry.id} ourselves, not forward it",
                accepted=f"inquiry close {inquiry.id} when it is answered (inquiry extend {inquiry.id} reason=... "
                "for more time), or inquiry forward ID to=NAME for another organisation",
            )
        return w.update(inquiry, {"status": "forwarded", "forwarded_to": target})


def acknowledge(registry: Registry, actor: Actor, inquiry_id: str | int) -> Inquiry:
    with registry.change(actor) as w:
        inquiry = get(registry, inquiry_id)
        _open(inquiry)
        return w.update(inquiry, {"status": "acknowledged"}) if inquiry.status == "new" else inquiry


def close(registry: Registry, actor: Actor, inquiry_id: str | int, *, note: str | None) -> Inquiry:
    with registry.change(actor) as w:
        inquiry = get(registry, inquiry_id)
        _open(inquiry)
        closed = registry.clock().isoformat(timespec="seconds")
        return w.update(inquiry, {"status": "closed", "closed": closed, "closed_by": actor.user, "close_note": note})


def set_undelivered(registry: Registry, actor: Actor, inquiry_id: int, *, undelivered: bool) -> None:
    with registry.change(actor) as w:
        get(registry, inquiry_id)
        note_delivery(w, inquiry_id, {"undelivered": undelivered})


def undelivered(registry: Registry) -> list[Inquiry]:
    """Open inquiries whose delivery Slack did not take, by id."""
    return [i for i, d in _in_slack(registry) if d.undelivered and i.status != "closed"]


def record_messages(registry: Registry, actor: Actor, inquiry_id: int, messages: list[dict[str, str]]) -> None:
    """Note where copies of the inquiry were posted ({channel, ts} each), so they can be redacted after retention."""
    with registry.change(actor) as w:
        _change_posted(w, inquiry_id, lambda posted: [*posted, *messages])


def cards_to_close(registry: Registry) -> list[tuple[Inquiry, list[dict[str, str]]]]:
    """Closed inquiries whose cards in chat still show their buttons, with those cards (copies marked card=open)."""
    out = []
    for inquiry, delivery in _in_slack(registry):
        cards = [m for m in delivery.posted if m.get("card") == "open"]
        if inquiry.status == "closed" and not inquiry.text_deleted and cards:
            out.append((inquiry, cards))
    return out


def cards_closed(registry: Registry, actor: Actor, inquiry_id: int, messages: list[dict[str, str]]) -> None:
    """Note that these cards now show the inquiry as closed."""
    with registry.change(actor) as w:
        _change_posted(w, inquiry_id, lambda posted: [{**m, "card": "closed"} if m in messages else m for m in posted])


def to_redact(registry: Registry) -> list[tuple[Inquiry, list[dict[str, str]]]]:
    """Inquiries past retention with posted copies still to be redacted, with those copies."""
    return [(i, d.posted) for i, d in _in_slack(registry) if i.text_deleted and d.posted]


def forget_messages(registry: Registry, actor: Actor, inquiry_id: int, messages: list[dict[str, str]]) -> None:
    """Drop copies that were redacted (or are gone); any posted meanwhile stay listed."""
    with registry.change(actor) as w:
        _change_posted(w, inquiry_id, lambda posted: [m for m in posted if m not in messages])


def _change_posted(w: Writer, inquiry_id: int, change: Callable[[list[dict[str, str]]], list[dict[str, str]]]) -> None:
    get(w.registry, inquiry_id)  # gone (an undone intake): nothing to note
    found = delivery_of(w.registry, inquiry_id)
    note_delivery(w, inquiry_id, {"posted": change(found.posted if found else [])})


def _in_slack(registry: Registry) -> list[tuple[Inquiry, InquiryDelivery]]:
    """Each inquiry that came through or went to Slack, with its delivery record, by inquiry id."""
    with registry.reading():
        pairs = [(registry.find(Inquiry, d.inquiry), d) for d in registry.all(InquiryDelivery)]
    return sorted(((i, d) for i, d in pairs if i is not None), key=lambda pair: pair[0].id or 0)


def purge(registry: Registry, actor: Actor, *, months: int = RETENTION_MONTHS) -> list[int]:
    """Delete the free text of inquiries closed more than `months` ago, and its copies in the audit log; returns
    their ids. The copies posted in chat stay listed on each one's delivery record for the chat layer to redact.

    Safe to run at any time and again: it works in one transaction and skips what is already deleted."""
    today = registry.clock().date()
    with registry.change(actor) as w:
        deliveries = {d.inquiry: d for d in registry.all(InquiryDelivery)}
        due = [
            i
            for i in registry.all(Inquiry)
            if i.status == "closed"
            and i.closed
            and (any(getattr(i, name) for name in FREE_TEXT) or _private_in_slack(deliveries.get(i.id or 0)))
            and add_months(datetime.fromisoformat(i.closed).date(), months) <= today
        ]
        for inquiry in due:
            # Each field back to its empty value: evidence is a mapping, and null there is a damaged record that
            # would keep the registry from opening again.
            deleted = {**dict.fromkeys(FREE_TEXT), "evidence": {}, "text": "", "sender": ""}
            w.update(inquiry, {**deleted, "text_deleted": inquiry.text_deleted or today})
            delivery = deliveries.get(inquiry.id or 0)
            if _private_in_slack(delivery):
                assert delivery is not None
                w.update(delivery, dict.fromkeys(InquiryDelivery.private_fields))
        ids = [i.id for i in due if i.id is not None]
        w.redact_history(Inquiry, set(ids), FORMER_FREE_TEXT)
        slack_ids = {d.id for i, d in deliveries.items() if i in ids and d.id is not None}
        w.redact_history(InquiryDelivery, slack_ids, InquiryDelivery.private_fields)
        return ids


def _private_in_slack(delivery: InquiryDelivery | None) -> bool:
    return delivery is not None and any(getattr(delivery, name) for name in InquiryDelivery.private_fields)


def _open(inquiry: Inquiry) -> None:
    if inquiry.status == "closed":
        raise RegistryError(f"Inquiry #{inquiry.id} is closed.")


def _active(inquiry: Inquiry) -> str:
    return "acknowledged" if inquiry.status == "new" else inquiry.status


def is_request(types: list[str] | tuple[str, ...]) -> bool:
    """Whether an inquiry asks for something the law gives a deadline for (not just a question)."""
    return bool(REQUESTS & set(types))
