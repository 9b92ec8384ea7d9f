"""Commands that tell the DPO what is wrong and what to do: review and chain."""

from __future__ import annotations

from collections import Counter

from chat.args import Args, page_number
from chat.commands import TABLE, Context
from chat.reply import Reply
from registry.chain import ChainNode, build_chain
from registry.errors import InputError
from registry.law import MECHANISMS
from registry.models import Party
from registry.review import SEVERITIES, Flag, filter_flags, review
from registry.review_scope import flags_beneath
from registry.snapshot import snapshot

PAGE_SIZE = 25
MARK = {"high": "🔴", "medium": "🟠", "low": "🟡"}


@TABLE.register("review", "review [high|medium|low] [NAME] [page=N]", keys=("page",), words=(0, 2))
def review_cmd(ctx: Context, args: Args) -> Reply:
    """Every open flag, most severe first, each with its reason, legal reference and fix.

    high, medium or low shows flags at least that severe. NAME shows the flags about that party's own
    engagements, agreements, sub-processors and transfers, and those of its processors and sub-processors at
    any depth beneath it; not those of others that share a sub-processor with it.
    """
    words = list(args.words)
    severity = words.pop(0).lower() if words and words[0].lower() in SEVERITIES else None
    if len(words) > 1:
        raise InputError("Too many words", value=" ".join(words), accepted="review [high|medium|low] [NAME]")
    flags = review(ctx.registry, today=ctx.today, settings=ctx.services.review)
    about = None
    if words:
        with ctx.registry.reading():
            about = ctx.registry.find_party(words[0])
            flags = flags_beneath(snapshot(ctx.registry), about.id or 0, flags)
    flags = filter_flags(flags, severity=severity)
    scope = " ".join(
        x
        for x in (
            f"{severity} and above" if severity and severity != "high" else severity,
            f"about {about.name}" if about else None,
        )
        if x
    )
    data = {"flags": [f.to_json() for f in flags]}
    if not flags:
        return Reply(f"No open flags{' (' + scope + ')' if scope else ''}. 👍", data=data)
    page = page_number(args.get("page"), total=len(flags), size=PAGE_SIZE)
    shown = flags[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    counts = Counter(f.severity for f in flags)
    head = f"{len(flags)} open flag{'s' if len(flags) != 1 else ''}{' (' + scope + ')' if scope else ''}: " + ", ".join(
        f"{counts[s]} {s}" for s in SEVERITIES if counts[s]
    )
    if len(flags) > PAGE_SIZE:
        by_code = Counter(f.code for f in flags)
        head += "\nBy kind: " + ", ".join(f"{code} {n}" for code, n in by_code.most_common())
        first = (page - 1) * PAGE_SIZE + 1
        head += f"\nShowing {first}–{first + len(shown) - 1}"
        if page * PAGE_SIZE < len(flags):
            head += f"; `review {' '.join(args.words)} page={page + 1}`".replace("  ", " ") + " for more"
    return Reply(head + "\n\n" + "\n\n".join(flag_text(f) for f in shown), data=data)


def flag_text(flag: Flag) -> str:
    return (
        f"{MARK[flag.severity]} *{flag.code}* ({flag.severity}) — {' / '.join(flag.parties)}\n"
        f"{flag.reason}\nFix: {flag.fix}\nRef: {flag.reference}"
    )


@TABLE.register("chain", "chain NAME", words=(1, 1))
def chain_cmd(ctx: Context, args: Args) -> Reply:
    """The party's processors and sub-processors at every depth, with countries, mechanisms and flags.

    A flag further down the chain is also shown on every party above it.
    """
    flags = review(ctx.registry, today=ctx.today, settings=ctx.services.review)
    with ctx.registry.reading():
        party = ctx.registry.find_party(args.words[0])
        root = build_chain(ctx.registry, party, flags_beneath(snapshot(ctx.registry), party.id or 0, flags))
    lines = [_node_line(root)]
    lines += [f"    {MARK[f.severity]} {f.code}: {f.reason}" for f in root.flags]
    _tree(root, prefix="", lines=lines)
    if not root.children:
        lines.append(f"{party.name} has no processors or sub-processors on record.")
    all_flags = _unique(root.flags + root.below())
    data = {"chain": root.to_json(), "flags": [f.to_json() for f in all_flags]}
    return Reply("\n".join(lines), data=data)


def _tree(node: ChainNode, *, prefix: str, lines: list[str]) -> None:
    for i, child in enumerate(node.children):
        last = i == len(node.children) - 1
        lines.append(f"{prefix}{'└─' if last else '├─'} {_node_line(child)}")
        inner = prefix + ("    " if last else "│   ")
        lines += [f"{inner}  {MARK[f.severity]} {f.code}: {f.reason}" for f in child.flags]
        _tree(child, prefix=inner, lines=lines)


def _node_line(node: ChainNode) -> str:
    party: Party = node.party
    bits = [party.name + (f" ({party.country})" if party.country else "")]
    detail = [node.relation] if node.relation != "root" else []
    if node.service:
        detail.append(node.service)
    if node.countries:
        detail.append("processes in " + ", ".join(node.countries))
    for t in node.transfers:
        module = f" module {t.module}" if t.module else ""
        detail.append(f"transfer to {t.country}: {MECHANISMS[t.mechanism].label}{module}")
    if detail:
        bits.append("— " + "; ".join(detail))
    below = node.below()
    if below:
        codes = Counter(f.code for f in below)
        bits.append(f"⚠ below: {', '.join(f'{c} ×{n}' if n > 1 else c for c, n in codes.items())}")
    if node.loops_back:
        bits.append("↺ already above in this chain")
    return " ".join(bits)


def _unique(flags: list[Flag]) -> list[Flag]:
    return list({id(f): f for f in flags}.values())
