"""Commands that read a partner's privacy policy or a vendor list into a proposal: import policy / csv / apply /
discard / list. Nothing reaches the registry before `import apply`."""

from __future__ import annotations

from pathlib import Path

from chat.args import Args
from chat.commands import TABLE, Context
from chat.files import decode_text, is_file, read_file
from chat.reply import Reply
from policies.apply import apply_items
from policies.extract import extract_policy
from policies.proposals import chosen, discard, get_proposal, item_text, open_proposals, save_proposal
from policies.read import policy_text
from policies.vendor_csv import vendor_items
from registry.errors import InputError, RegistryError
from registry.models import Proposal

SHOWN = 60  # items listed in a reply; the rest are in data.items and `import show`


@TABLE.register("import policy", "import policy FILE|TEXT...", words=(0, 1), writes=True, private=True, raw=True)
def import_policy(ctx: Context, args: Args) -> Reply:
    """Read a partner's privacy policy and propose registry entries, each with the sentence it came from.

    Give the text itself, or in the console the path of a .txt, .docx, .html or .pdf file; in Slack, send the
    file to the bot in a direct message with the text `import policy`. Nothing is written until
    `import apply`.
    """
    if not args.words:
        raise InputError("Nothing to read", accepted="import policy FILE, or import policy followed by the text")
    raw = args.words[0]
    path = Path(raw).expanduser() if ctx.local and "\n" not in raw and len(raw) < 1000 else None
    if path is not None and is_file(path):
        return propose_policy(ctx, policy_text(read_file(path), path.name), source=path.name)
    if path is not None and " " not in raw and path.suffix.lower() in (".txt", ".docx", ".html", ".htm", ".pdf"):
        raise InputError("No such file", value=raw, accepted="the path of a .txt, .docx, .html or .pdf file")
    return propose_policy(ctx, raw, source="pasted text")


def propose_policy(ctx: Context, text: str, *, source: str) -> Reply:
    items = [
        {"kind": i.kind, "value": i.value, "evidence": i.evidence, "confidence": i.confidence}
        for i in extract_policy(text)
    ]
    if not items:
        raise RegistryError(
            f"I found nothing to propose in {source}: no organisation, contact, role or processor. "
            "Is it a privacy policy (personvernerklæring)?"
        )
    proposal = save_proposal(ctx.registry, ctx.actor, items=items, source=source, kind="policy")
    return _proposal_reply(
        proposal, head=f"From {source}, about {proposal.subject or 'an organisation I could not name'}"
    )


@TABLE.register("import csv", "import csv FILE", words=(1, 1), writes=True, private=True)
def import_csv(ctx: Context, args: Args) -> Reply:
    """Read a vendor list (CSV with a heading row) and propose a party and its relations for each row.

    Columns, in any order, named in English or Norwegian: name (required), orgnr, country, contact, role,
    service, processor-for, sub-processor-of, countries, mechanism. In Slack, send the file to the bot in a
    direct message with the text `import csv`.
    """
    if not ctx.local:
        raise InputError(
            "In Slack, send me the file in a direct message with the text `import csv`",
            accepted="a .csv file attached to a direct message",
        )
    path = Path(args.words[0]).expanduser()
    if not is_file(path):
        raise InputError("No such file", value=str(path), accepted="the path of a .csv file")
    return propose_csv(ctx, decode_text(read_file(path), path.name), source=path.name)


def propose_csv(ctx: Context, text: str, *, source: str) -> Reply:
    items, problems = vendor_items(text)
    if not items:
        raise InputError("No row could be read:\n" + "\n".join(problems[:20]), accepted="rows with at least a name")
    proposal = save_proposal(ctx.registry, ctx.actor, items=items, source=source, kind="csv")
    rows = sum(1 for i in items if i["kind"] == "party")
    head = f"From {source}: {rows} vendor{'s' if rows != 1 else ''}"
    reply = _proposal_reply(proposal, head=head)
    if problems:
        reply.text += f"\nLeft out ({len(problems)}):\n" + "\n".join(f"• {p}" for p in problems[:20])
        if len(problems) > 20:
            reply.text += f"\n…and {len(problems) - 20} more (data.problems)"
    reply.data["problems"] = problems
    return reply


@TABLE.register("import apply", "import apply ID [only=1,3,5]", keys=("only",), words=(1, 1), writes=True)
def import_apply(ctx: Context, args: Args) -> Reply:
    """Write the items of a proposal to the registry, in one audited change.

    Without only= every item not marked unsure is written; only= picks items by number (unsure ones too).
    Facts already on record are kept, not overwritten; applying again changes nothing.
    """
    with ctx.registry.reading():
        proposal = get_proposal(ctx.registry, args.words[0])
    if proposal.status == "discarded":
        raise InputError(f"Proposal #{proposal.id} was discarded", accepted="import policy or import csv again")
    numbers = chosen(proposal, args.get("only"))
    if not numbers:
        raise InputError("Every item is marked unsure, so none was chosen", accepted="only= with the items to write")
    out = apply_items(ctx.registry, ctx.actor, proposal, numbers)
    refused = {n for ns in out.skipped.values() for n in ns}
    lines = [
        f"Proposal #{proposal.id}: wrote {len(out.written)} of {len(proposal.items)} items"
        + (f", {len(out.present)} already in the registry" if out.present else "")
        + (f", {len(refused)} not written" if refused else "")
        + (f", {len(proposal.items) - len(numbers)} not chosen." if len(numbers) < len(proposal.items) else ".")
    ]
    written = [(n, record) for n in sorted(out.written) for record in out.written[n]]
    if written:
        lines.append("Written:")
    lines += [
        f"✓ item {n}: {record}" + (" (then refused, see below)" if n in refused else "") for n, record in written
    ][:SHOWN]
    if len(written) > SHOWN:
        lines.append(f"…and {len(written) - SHOWN} more changes (`history`)")
    if not written:
        lines.append("Nothing new was written.")
    if out.present:
        lines.append(f"Already in the registry, nothing to write: {_numbers(out.present).lower()}.")
    if out.kept:
        lines.append("Kept what the registry already says:")
        lines += [f"• {k}" for k in out.kept[:SHOWN]]
    if out.notes:
        lines.append("Noted (nothing to record):")
        lines += [f"• {n}" for n in out.notes]
    if out.skipped:
        lines.append("Not written:")
        lines += [f"• {_numbers(ns)}: {reason}" for reason, ns in list(out.skipped.items())[:SHOWN]]
    lines += _not_chosen(proposal, numbers, only=args.get("only") is not None)
    if written:
        lines.append("`review` shows what these facts raise (e.g. an invalid transfer mechanism).")
    skipped = [{"items": ns, "reason": reason} for reason, ns in out.skipped.items()]
    data = {
        "proposal": proposal.id,
        "applied": out.applied,
        "chosen": numbers,
        "written": {str(n): records for n, records in out.written.items()},
        "present": out.present,
        "done": out.done,
        "kept": out.kept,
        "skipped": skipped,
    }
    return Reply("\n".join(lines), data=data)


def _not_chosen(proposal: Proposal, numbers: list[int], *, only: bool) -> list[str]:
    """The items left out of this apply: unsure ones by default, or those not listed in only=."""
    left = [n for n in range(1, len(proposal.items) + 1) if n not in numbers]
    if not left:
        return []
    if only:
        return [f"Not chosen (not in only=): {_numbers(left).lower()}."]
    them = "it" if len(left) == 1 else "them"
    return [
        f"Not chosen, marked unsure: {_numbers(left).lower()}; check {them}, then `import apply {proposal.id} only=…`."
    ]


@TABLE.register("import discard", "import discard ID", words=(1, 1), writes=True)
def import_discard(ctx: Context, args: Args) -> Reply:
    """Throw a proposal away; nothing of it is written."""
    with ctx.registry.reading():
        proposal = get_proposal(ctx.registry, args.words[0])
    if proposal.status != "open":
        raise InputError(
            f"Proposal #{proposal.id} is already {proposal.status}", accepted="an open proposal (import list)"
        )
    discard(ctx.registry, ctx.actor, proposal)
    return Reply(
        f"Discarded proposal #{proposal.id} ({proposal.source}); nothing was written.", data={"proposal": proposal.id}
    )


@TABLE.register("import list", "import list", private=True)
def import_list(ctx: Context, args: Args) -> Reply:
    """The proposals waiting for `import apply` or `import discard`."""
    with ctx.registry.reading():
        waiting = open_proposals(ctx.registry)
    if not waiting:
        return Reply("No proposals are waiting. `import policy` or `import csv` makes one.", data={"proposals": []})
    lines = [f"#{p.id} {p.source} ({p.kind}, {len(p.items)} items, {p.created})" for p in waiting]
    data = [{"id": p.id, "source": p.source, "kind": p.kind, "items": len(p.items)} for p in waiting]
    return Reply("Waiting for `import apply` or `import discard`:\n" + "\n".join(lines), data={"proposals": data})


@TABLE.register("import show", "import show ID", words=(1, 1), private=True)
def import_show(ctx: Context, args: Args) -> Reply:
    """Show a proposal again, with every item and the sentence behind it."""
    with ctx.registry.reading():
        proposal = get_proposal(ctx.registry, args.words[0])
    return _proposal_reply(
        proposal, head=f"Proposal #{proposal.id} from {proposal.source} ({proposal.status})", limit=None
    )


def _proposal_reply(proposal: Proposal, *, head: str, limit: int | None = SHOWN) -> Reply:
    items = proposal.items
    unsure = sum(1 for i in items if i.get("confidence") == "unsure")
    lines = [f"{head}. Proposal #{proposal.id}, {len(items)} item{'s' if len(items) != 1 else ''}:"]
    for n, item in enumerate(items[:limit], 1):
        lines.append(f"{n}. {item_text(item)}")
        if item.get("evidence") and proposal.kind == "policy":
            lines.append(f"    “{item['evidence']}”")
    if limit is not None and len(items) > limit:
        lines.append(f"…and {len(items) - limit} more (`import show {proposal.id}`)")
    sure = f"the {len(items) - unsure} items not marked unsure" if unsure else "all of it"
    lines.append(
        f"Nothing is written yet. `import apply {proposal.id}` writes {sure}; `import apply {proposal.id} only=1,3` "
        f"picks items; `import discard {proposal.id}` throws it away."
    )
    data = {
        "proposal": proposal.id,
        "subject": proposal.subject,
        "items": [{"number": n, **item} for n, item in enumerate(items, 1)],
    }
    return Reply("\n".join(lines), data=data)


def _numbers(numbers: list[int]) -> str:
    return ("Item " if len(numbers) == 1 else "Items ") + ", ".join(map(str, numbers))
