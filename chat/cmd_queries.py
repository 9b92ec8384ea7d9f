"""Commands that read the registry or act on it as a whole: who, ask, history, export, demo, help."""

from __future__ import annotations

from pathlib import Path

import orjson

from breaches.register import against_lines
from chat.args import Args, whole_number
from chat.commands import TABLE, Command, Context
from chat.files import writable_path, write_file
from chat.history_text import command_text, event_text
from chat.questions import answer
from chat.render import party_view_data, party_view_text
from chat.reply import Attachment, Reply
from registry import validate
from registry.demo import load_demo
from registry.errors import InputError, RegistryError
from registry.export import CSV_ENCODING, art30_records, export_csv, export_json, export_xlsx
from registry.export_breaches import breach_rows
from registry.views import history, party_view


@TABLE.register("who", "who NAME", words=(1, 1))
def who(ctx: Context, args: Args) -> Reply:
    """Every role a party plays, its sub-processors, transfers and agreements (for the privacy team, also the
    personal data breaches recorded at it)."""
    with ctx.registry.reading():
        view = party_view(ctx.registry, ctx.registry.find_party(args.words[0]))
        text, data = party_view_text(ctx.registry, view), party_view_data(ctx.registry, view)
        # The privacy team's own view only: a shared answer leaves them out.
        breaches = against_lines(ctx.registry, view.party.id or 0) if ctx.is_dpo and not ctx.shared else []
    if breaches:
        text += f"\nBreaches at it ({len(breaches)}):\n" + "\n".join(f"  • {line}" for line in breaches)
        data["breaches"] = breaches
    return Reply(text, data=data)


@TABLE.register("ask", "ask QUESTION...", words=(1, 1), raw=True, everyone=True)
def ask(ctx: Context, args: Args) -> Reply:
    """Ask about the registry in plain Norwegian or English, as in a mention or a direct message to the bot:
    the same answer, with its sources (--json: the answer's facts and sources in data)."""
    return answer(ctx.registry, args.words[0])


@TABLE.register("history", "history [NAME] [limit=N]", keys=("limit",), words=(0, 1), private=True)
def history_cmd(ctx: Context, args: Args) -> Reply:
    """The audit log, newest first: who changed what, when, with which command, and what it changed: the fields
    changed as `field: before → after`, or the main fields of what was added or removed (20 entries unless
    limit=). Personal data reads (withheld), or (deleted) after retention."""
    raw = args.get("limit") or "20"
    limit = whole_number(raw)
    if limit is None or not 1 <= limit <= 1000:
        raise InputError("limit must be a number from 1 to 1000", value=raw, accepted="limit=50")
    with ctx.registry.reading():
        party = ctx.registry.find_party(args.words[0]) if args.words else None
        events, total = history(ctx.registry, party=party, limit=limit)
        about = f" about {party.name}" if party else ""
        if not events:
            return Reply(f"No changes recorded{about}.", data={"events": [], "total": 0})
        lines = [
            f"{e.at}  {e.who}  {e.action} {e.kind} #{e.record}: {command_text(e)}\n    {event_text(ctx.registry, e)}"
            for e in events
        ]
    head = f"{total} change{'s' if total != 1 else ''}{about}"
    if total > len(events):
        head += f", newest {len(events)} shown (limit= for more)"
    data = {"events": [{"id": e.id, **e.to_doc()} for e in events], "total": total}
    return Reply(head + ":\n" + "\n".join(lines), data=data)


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MIMES = {"json": "application/json", "csv": "text/csv", "xlsx": XLSX_MIME}


@TABLE.register("export", "export json|csv|xlsx [FILE] [sep=;]", keys=("sep",), words=(1, 2), private=True)
def export(ctx: Context, args: Args) -> Reply:
    """Export the whole registry (json), or the Art. 30 record of processing (csv, or xlsx for Excel).

    The json export is a complete backup, inquiries, breaches and audit log included; `bot.py --db NEW.json --restore FILE`
    restores it into a new registry. The xlsx workbook has two sheets, the controller's record (Art. 30(1)) and
    the processor's record (Art. 30(2)), with transfers and their mechanisms, security measures, DPA and TIA
    dates, and a third, the breach register (Art. 33(5): facts, effects, remedial action; no personal details). The csv is the controller's record, UTF-8 with a byte order mark; `sep=;` separates the cells with
    semicolons, as a Norwegian Excel expects. Without FILE the export comes in the reply (in Slack, as a file in
    your direct message with the bot; the console writes an xlsx to ./out/). With FILE, the console writes it
    there.
    """
    kind = validate.choice(args.words[0], key="export format", options=("json", "csv", "xlsx"))
    sep = args.get("sep") or ","
    if sep not in (",", ";") or (args.get("sep") and kind != "csv"):
        raise InputError("sep= is for export csv, and is , or ;", value=sep, accepted="export csv art30.csv sep=;")
    with ctx.registry.reading():
        if kind == "json":
            data = export_json(ctx.registry)
            content = orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n"
            summary = ", ".join(f"{len(v)} {k}" for k, v in data.items() if isinstance(v, list))
        else:
            rows, processor_rows = art30_records(ctx.registry)
            summary = f"{len(rows)} processing record{'s' if len(rows) != 1 else ''}"
            if kind == "csv":
                data = {"rows": rows}
                content = export_csv(rows, sep=sep).encode(CSV_ENCODING)
            else:
                data = {"rows": rows, "processor_rows": processor_rows}
                breaches = breach_rows(ctx.registry)
                data["breaches"] = breaches
                content = export_xlsx(rows, processor_rows, breaches)
                summary += f" as controller and {len(processor_rows)} as processor, and {len(breaches)} breaches"
    name = args.words[1] if len(args.words) > 1 else f"registry-{ctx.today.isoformat()}.{kind}"
    if ctx.local and (len(args.words) > 1 or kind == "xlsx"):
        path = writable_path(ctx.registry, Path(name if len(args.words) > 1 else f"out/{name}"))
        write_file(path, content)
        return Reply(f"Wrote {summary} to {path}.", data={"file": str(path), **data})
    attachment = Attachment(name=Path(name).name, content=content, mime=MIMES[kind])
    if ctx.local:
        return Reply(content.decode("utf-8-sig").rstrip("\r\n"), data=data, file=attachment)
    return Reply(f"Export of the registry: {summary}.", data=data, file=attachment)


@TABLE.register("demo", "demo", writes=True)
def demo(ctx: Context, args: Args) -> Reply:
    """Load the demo registry (five Norwegian companies from real privacy policies, and our own company).

    Only into an empty registry.
    """
    loaded = load_demo(ctx.registry, ctx.actor)
    summary = ", ".join(f"{n} {k}" for k, n in loaded.items())
    return Reply(
        f"Loaded the demo registry: {summary}. Try `who IWMAC` or `party list`. This registry now holds the demo "
        "for good: keep real data in another file (`--db`).",
        data={"loaded": loaded},
    )


@TABLE.register("help", "help [COMMAND]", words=(0, 2))
def help_cmd(ctx: Context, args: Args) -> Reply:
    """List the commands, or explain one."""
    if args.words:
        wanted = " ".join(args.words).lower()
        matches = [c for c in TABLE.commands.values() if c.name == wanted or c.name.split()[0] == wanted]
        if not matches:
            raise RegistryError(f"No command `{wanted}`. Type `help` for the list.")
        blocks = [f"{c.usage}\n{c.details}" for c in matches]
        return Reply("\n\n".join(blocks), data={"commands": [_command_data(c) for c in matches]})
    lines = [f"• {c.usage}\n    {c.summary}" for c in TABLE.commands.values()]
    text = "Commands (names with spaces go in quotes; dates as 2025-03-15, 15.03.2025 or i går):\n" + "\n".join(lines)
    return Reply(text, data={"commands": [_command_data(c) for c in TABLE.commands.values()]})


def _command_data(command: Command) -> dict[str, object]:
    return {"name": command.name, "usage": command.usage, "summary": command.summary, "writes": command.writes}
