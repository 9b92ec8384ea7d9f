"""The undo command: show the user's last change and, confirmed, revert it."""

from __future__ import annotations

from typing import Any

from chat.args import Args, whole_number
from chat.commands import TABLE, Context
from chat.reply import Reply, error
from registry.errors import InputError, RegistryError
from registry.models import Party
from registry.registry import Registry
from registry.undo import NOTHING, UNDO, Change, last_change, obstacle, undo

CONFIRM = "yes"


@TABLE.register("undo", "undo [yes [N]]", words=(0, 2), writes=True)
def undo_cmd(ctx: Context, args: Args) -> Reply:
    """Undo your last change to the registry: `undo` shows what it would put back, `undo yes` does it.

    Your last change is everything one command of yours changed. `undo` lists each record as it is now and as it
    would be after, and gives the number to confirm with (`undo yes N` undoes only that change; in Slack, press
    Confirm). Refused, with the reason, when a later change by anyone touched the same records or depends on
    them, or when the change touched personal data the audit log does not keep. The undo is recorded in `history`
    as a change of its own, so `undo` right after an undo puts the change back: undo goes one step back only.
    """
    if not args.words:
        return _preview(ctx)
    if args.words[0].lower() != CONFIRM:
        raise InputError("undo takes only `yes`", value=args.words[0], accepted="undo, or undo yes to confirm")
    expected = None
    if len(args.words) > 1:
        expected = whole_number(args.words[1].lstrip("#"))
        if expected is None:
            raise InputError("The change number is a whole number", value=args.words[1], accepted="undo yes 57")
    change, done = undo(ctx.registry, ctx.user, expected=expected)
    with ctx.registry.reading():
        lines = _lines(ctx.registry, change, past=True)
    text = f"Undone: `{change.command}` ({_when(change)}).\n" + "\n".join(lines)
    text += "\n`history` shows the undo; `undo` again would put the change back."
    return Reply(text, data={"undone": change.number, "change": done.number, "command": change.command})


def _preview(ctx: Context) -> Reply:
    with ctx.registry.reading():
        change = last_change(ctx.registry, ctx.user)
        if change is None:
            raise RegistryError(NOTHING)
        reason = obstacle(ctx.registry, change)
        if reason is not None:
            return error(f"Cannot undo your last change, `{change.command}` ({_when(change)}): {reason}.")
        lines = _lines(ctx.registry, change, past=False)
    head = f"Your last change: `{change.command}` ({_when(change)}, change #{change.number}). Undoing it would:"
    if change.command.startswith(UNDO):
        head += f"\n(It was an undo: undoing it puts back what `{change.command.removeprefix(UNDO)}` did.)"
    confirm = f"undo yes {change.number}"
    text = "\n".join([head, *lines, f"Nothing is changed yet. To undo it: `{confirm}`"])
    return Reply(text, data={"change": change.number, "command": change.command, "confirm": confirm})


def _lines(registry: Registry, change: Change, *, past: bool) -> list[str]:
    """Each record the undo puts back, in plain words: what it would do (or did) and the values before and after."""
    names = {e.record: (e.before or e.after or {}).get("name", "") for e in change.events if e.kind == Party.table}
    out = []
    for event in reversed(change.events):
        state = event.before if event.action == "remove" else event.after
        what = _record(registry, event.kind, state or {}, event.record, names)
        if event.action == "add":
            out.append(f"• {'removed' if past else 'remove'} {what}, which it added")
        elif event.action == "remove":
            out.append(f"• put back {what}, which it removed")
        else:
            before, after = event.before or {}, event.after or {}
            fields = [
                f"{k} {_value(after.get(k))} → {_value(before.get(k))}" for k in before if before[k] != after.get(k)
            ]
            out.append(f"• {'changed back' if past else 'change back'} {what}: {'; '.join(fields)}")
    return out


def _record(registry: Registry, kind: str, state: dict[str, Any], record_id: int, names: dict[int, str]) -> str:
    def name(pid: Any) -> str:
        return names.get(pid) or registry.name_of(pid)

    if kind == "parties":
        return f"the party {state.get('name')}"
    if kind == "engagements":
        controllers = ", ".join(name(c) for c in state.get("controllers") or [])
        return f"{name(state.get('processor'))}'s processing for {controllers} ('{state.get('purpose', '')}')"
    if kind == "subprocessors":
        return f"{name(state.get('sub'))} as sub-processor of {name(state.get('processor'))}"
    if kind == "transfers":
        return (
            f"the transfer from {name(state.get('exporter'))} to {name(state.get('importer'))} ({state.get('country')})"
        )
    if kind == "agreements":
        dated = f", signed {state['signed']}" if state.get("signed") else ""
        return (
            f"the DPA between {name(state.get('controller'))} and {name(state.get('processor'))}, version "
            f"{state.get('version')} ({state.get('status')}{dated})"
        )
    if kind == "delivery_routes":
        return f"{name(state.get('party'))}'s Slack channel {state.get('channel')}"
    return f"{kind} #{record_id}"


def _value(value: Any) -> str:
    if value is None or value == [] or value == "":
        return "(none)"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _when(change: Change) -> str:
    return change.first.at[:16].replace("T", " ")
