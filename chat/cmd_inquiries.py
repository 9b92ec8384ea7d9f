"""The inquiry commands: take an inquiry in, see where it must go and by when, and track it to closure."""

from __future__ import annotations

from pathlib import Path

from chat.args import Args, whole_number
from chat.commands import TABLE, Context
from chat.files import decode_text, read_file
from chat.reply import Reply
from inquiries import tracking
from inquiries.classify import classify
from inquiries.deadlines import EXTENDED_RULE
from inquiries.delivery import NO_DEADLINE, forwarding_text, recipients, refusal_note, type_judgment, type_names
from inquiries.tracking import Intake, inquiry_json
from registry import validate
from registry.dates import parse_date, past_date
from registry.errors import InputError
from registry.models import Inquiry, SubprocessorLink

ROLE_LINES = {
    "controller": "We are the controller: our privacy team answers.",
    "joint": "We are joint controllers: we answer, and the other controller must know (Art. 26).",
    "processor": "We only process this data: forward it to the controller, who answers. Do not answer it yourself.",
    "other": "Not our processing: point the sender to the organisation that is.",
    "unclear": "Unclear who must answer: the privacy team decides.",
}
LISTS = ("open", "overdue", "due-soon", "all")
# How each list reads in a sentence ("No inquiries.", "2 open inquiries:"); {s} is the plural ending.
LIST_WORDS = {
    "open": "open inquir{s}",
    "overdue": "overdue inquir{s}",
    "due-soon": "inquir{s} due within 7 days",
    "all": "inquir{s}",
}
MAX_FILE = 200_000  # characters
# A phrase in the text sets the receipt date only when it says so ("mottatt i går", "received on 3 March");
# "I wrote to you on 1 October" in a reminder is about an earlier letter.
RECEIPT_WORDS = ("mottatt", "motteke", "mottok", "received", "receipt", "innkommet", "inngått")


@TABLE.register(
    "inquiry new",
    "inquiry new TEXT... | file=PATH [received=DATE] [about=NAME] [from=...]",
    keys=("file", "received", "about", "from"),
    words=(0, 1),
    writes=True,
    private=True,
    raw=True,
    everyone=True,
)
def inquiry_new(ctx: Context, args: Args) -> Reply:
    """Take in a privacy inquiry: what it asks, who must answer it, and the legal deadlines.

    TEXT is the inquiry as received (or file=PATH, console only). received= is when it arrived (default: what
    the text says, e.g. "mottatt i går", else today). about= names the organisation it concerns when the text
    does not. from= records who sent it. A deadline the text claims never replaces the law's.
    """
    text = _text(ctx, args)
    today = ctx.today
    received = past_date(args.options["received"], today=today, key="received") if args.get("received") else None
    with ctx.registry.reading():
        about = ctx.registry.find_party(args.options["about"]) if args.get("about") else None
    if received is None:
        phrase = classify(text).received_phrase
        if phrase and phrase.split()[0].lower().strip(":,") in RECEIPT_WORDS:
            try:
                received = parse_date(_date_words(phrase), today=today)
            except InputError as exc:
                raise InputError(
                    f"The text says it was received {phrase!r}, which I cannot read as a date. When did it arrive?",
                    accepted="received=DATE, e.g. received=15.03.2025",
                ) from exc
    intake = Intake(
        text=text,
        received=received or today,
        sender=ctx.user,
        about=about,
        sender_contact=validate.text(args.options["from"], key="from", limit=200) if args.get("from") else None,
    )
    inquiry = tracking.open_inquiry(ctx.registry, ctx.actor, intake)
    return _summary(ctx, inquiry, new=True)


def _date_words(phrase: str) -> str:
    """'mottatt i går' -> 'i går'; 'received on 3 March' -> '3 March'."""
    words = [w.strip(":,") for w in phrase.split()]
    while words and words[0].lower() in (*RECEIPT_WORDS, "den", "on", "the", "at"):
        words = words[1:]
    return " ".join(words)


def _text(ctx: Context, args: Args) -> str:
    if args.get("file"):
        if not ctx.local:
            raise InputError("file= only works in the console", accepted="paste the text, or use the shortcut")
        if args.words:
            raise InputError("Give the text or file=, not both", accepted="inquiry new TEXT... | file=PATH")
        path = Path(args.options["file"]).expanduser()
        text = decode_text(read_file(path), path.name)
        if len(text) > MAX_FILE:
            raise InputError(f"The file is too long ({len(text)} characters)", accepted=f"at most {MAX_FILE}")
        return text
    if not args.words:
        raise InputError("The inquiry has no text", accepted="inquiry new TEXT... or inquiry new file=PATH")
    return args.words[0]


def _summary(ctx: Context, inquiry: Inquiry, *, new: bool) -> Reply:
    with ctx.registry.reading():
        data = inquiry_json(inquiry, ctx.registry, with_text=not new)
        if not ctx.is_dpo:
            # Whether an earlier inquiry matches says who wrote to us before: for the privacy team's eyes only.
            del data["linked_to"]
        request = tracking.is_request(inquiry.types)
        lines = [
            f"Inquiry #{inquiry.id}: {type_names(inquiry)} · language {inquiry.language} · {inquiry.status}",
            type_judgment(inquiry, ctx.is_dpo),
        ]
        if inquiry.primary != "foi":  # who it concerns; a request to a public body for documents is no one's GDPR duty
            lines += [
                ROLE_LINES.get(inquiry.route.get("role", ""), ""),
                f"Goes to: {', '.join(inquiry.route.get('to_all') or []) or 'the privacy team'}",
                f"Why: {inquiry.route.get('reason', '')}",
            ]
            if inquiry.route.get("candidates"):
                lines.append("Candidates: " + "; ".join(inquiry.route["candidates"]))
                if ctx.is_dpo:  # the command that settles it is the privacy team's
                    lines.append("To settle it: " + (data["route"].get("settle") or ""))
        if inquiry.forward_by:
            lines.append(f"Forward by {inquiry.forward_by.isoformat()} (promptly: Art. 28(3)(e)).")
        if request:
            lines.append(
                f"Received {_d(inquiry.received)} · answer due {_d(inquiry.due)} · an extension must be told by "
                f"{_d(inquiry.extension_notice_due)} · extended due {_d(inquiry.extended_due)} ({EXTENDED_RULE})"
                + (" (extended)" if inquiry.extended else "")
            )
            if ctx.is_dpo:  # what the privacy team may decide; not for whoever handed the inquiry in
                lines.append(refusal_note(inquiry) or "")
        else:
            lines.append(
                f"Received {_d(inquiry.received)} · {NO_DEADLINE.get(inquiry.primary, NO_DEADLINE['question'])}"
            )
        if inquiry.claimed_deadline:
            lines.append(
                f"The text claims a deadline ({inquiry.claimed_deadline!r}); the law's deadline above applies."
            )
        if inquiry.linked_to and ctx.is_dpo:
            lines.append(f"Reminder of inquiry #{inquiry.linked_to}.")
        if request and inquiry.route.get("role") in ("processor", "other"):
            for recipient in recipients(ctx.registry, inquiry):
                if not recipient.ours:
                    lines.append(f"\nReady to send to {recipient.email or '(no contact address on record)'}:")
                    lines.append(forwarding_text(ctx.registry, inquiry, recipient))
        if not new:
            body = inquiry.text if not inquiry.text_deleted else f"(text deleted {_d(inquiry.text_deleted)})"
            lines.append("\nText:\n" + body)
            if inquiry.sender_contact:
                lines.append(f"From: {inquiry.sender_contact}")
    return Reply("\n".join(line for line in lines if line), data=data)


def _d(day: object) -> str:
    return day.isoformat() if day else "?"  # type: ignore[attr-defined]


@TABLE.register("inquiry list", "inquiry list [open|overdue|due-soon|all]", words=(0, 1), private=True)
def inquiry_list(ctx: Context, args: Args) -> Reply:
    """Inquiries by due date: open (the default), overdue, due within 7 days, or all."""
    which = validate.choice(args.words[0], key="list", options=LISTS) if args.words else "open"
    with ctx.registry.reading():
        found = tracking.select(ctx.registry, which, today=ctx.today)
        items = [inquiry_json(i, ctx.registry, with_text=False) for i in found]
    if not found:
        return Reply(f"No {LIST_WORDS[which].format(s='ies')}.", data={"inquiries": []})
    lines = []
    for i in found:
        late = " — OVERDUE" if i.status != "closed" and i.current_due and i.current_due < ctx.today else ""
        lines.append(
            f"#{i.id} {i.primary} → {', '.join(i.route.get('to_all') or [])} ({i.route.get('role')}), "
            f"due {_d(i.current_due)}, {i.status}{late}"
        )
    return Reply(
        f"{len(found)} {LIST_WORDS[which].format(s='y' if len(found) == 1 else 'ies')}:\n" + "\n".join(lines),
        data={"inquiries": items},
    )


@TABLE.register("inquiry show", "inquiry show ID", words=(1, 1), private=True)
def inquiry_show(ctx: Context, args: Args) -> Reply:
    """Everything about one inquiry, its text included (for the privacy team)."""
    with ctx.registry.reading():
        inquiry = tracking.get(ctx.registry, _inquiry_id(args.words[0]))
    return _summary(ctx, inquiry, new=False)


@TABLE.register(
    "inquiry extend", 'inquiry extend ID reason="..."', keys=("reason",), words=(1, 1), writes=True, private=True
)
def inquiry_extend(ctx: Context, args: Args) -> Reply:
    """Extend the deadline by two months (Art. 12(3)); only within the first month, with reasons.

    The data subject must be told of the extension and why before the first month ends.
    """
    if not args.get("reason"):
        raise InputError("reason= is required: the data subject must be told why", accepted='reason="..."')
    reason = validate.text(args.options["reason"], key="reason", limit=1000)
    inquiry = tracking.extend(ctx.registry, ctx.actor, _inquiry_id(args.words[0]), reason=reason)
    return Reply(
        f"Inquiry #{inquiry.id} extended: answer due {_d(inquiry.extended_due)} ({EXTENDED_RULE}). "
        f"Tell the data subject by {_d(inquiry.extension_notice_due)}, with the reason: {reason}",
        data={"inquiry": _json(ctx, inquiry)},
    )


@TABLE.register(
    "inquiry forward", "inquiry forward ID [to=NAME]", keys=("to",), words=(1, 1), writes=True, private=True
)
def inquiry_forward(ctx: Context, args: Args) -> Reply:
    """Record that the inquiry was forwarded to the controller (by default the one it was routed to)."""
    with ctx.registry.reading():
        to = ctx.registry.find_party(args.options["to"]) if args.get("to") else None
    inquiry = tracking.forward(ctx.registry, ctx.actor, _inquiry_id(args.words[0]), to=to)
    with ctx.registry.reading():
        name = ctx.registry.name_of(inquiry.forwarded_to) if inquiry.forwarded_to else "?"
        warnings = _forward_warnings(ctx, inquiry.id, inquiry.forwarded_to)
    text = f"Inquiry #{inquiry.id} recorded as forwarded to {name}." + "".join(f"\n⚠ {w}" for w in warnings)
    return Reply(text, data={"inquiry": _json(ctx, inquiry), "warnings": warnings})


def _forward_warnings(ctx: Context, inquiry_id: int | None, party_id: int | None) -> list[str]:
    """A sub-processor of ours processes for us: it is not the controller who answers (Art. 28(3)(e)).
    Call inside registry.reading()."""
    me = ctx.registry.self_party()
    if me is None or party_id is None:
        return []
    if any(link.processor == me.id and link.sub == party_id for link in ctx.registry.all(SubprocessorLink)):
        return [
            f"{ctx.registry.name_of(party_id)} is a sub-processor of ours: it processes on our behalf and does not "
            f"answer the data subject. An inquiry goes to the controller (inquiry show {inquiry_id} says who)."
        ]
    return []


@TABLE.register(
    "inquiry close", 'inquiry close ID [note="..."]', keys=("note",), words=(1, 1), writes=True, private=True
)
def inquiry_close(ctx: Context, args: Args) -> Reply:
    """Close an inquiry. Its text is deleted after the retention period; the rest stays for statistics."""
    note = validate.text(args.options["note"], key="note", limit=1000) if args.get("note") else None
    inquiry = tracking.close(ctx.registry, ctx.actor, _inquiry_id(args.words[0]), note=note)
    return Reply(f"Inquiry #{inquiry.id} closed.", data={"inquiry": _json(ctx, inquiry)})


@TABLE.register("inquiry type", "inquiry type ID TYPE[,TYPE...]", words=(2, 2), writes=True, private=True)
def inquiry_type(ctx: Context, args: Args) -> Reply:
    """Set what an inquiry is, the main type first: the deadlines follow, and later inquiries that read like it
    get the same types. TYPE is one of: access, rectification, erasure, restriction, portability, objection,
    withdraw-consent, automated-decision, complaint, reminder, question, not-a-request, foi.
    """
    types = [t.strip().lower() for t in args.words[1].split(",") if t.strip()]
    inquiry = tracking.set_types(ctx.registry, ctx.actor, _inquiry_id(args.words[0]), types)
    return _summary(ctx, inquiry, new=False)


def _inquiry_id(raw: str) -> str:
    # tracking.get trusts isdigit(), and int() refuses '²' and 5,000 digits: checked here first.
    if whole_number(raw.lstrip("#")) is None:
        raise InputError("Not an inquiry number", value=raw, accepted="the number shown by inquiry list, e.g. 7")
    return raw


def _json(ctx: Context, inquiry: Inquiry) -> dict[str, object]:
    with ctx.registry.reading():
        return inquiry_json(inquiry, ctx.registry, with_text=False)
