"""The command layer: the grammar's table of commands, and dispatch of one command line to a Reply.

Slack's `/dpa <text>` and the console call `dispatch` with exactly the same text.
"""

from __future__ import annotations

import difflib
import inspect
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from chat.args import Args, check_text, tokenise
from chat.reply import Reply, error
from registry.errors import RegistryError
from registry.models import Party
from registry.registry import Actor, Registry
from registry.review import ReviewSettings

log = logging.getLogger(__name__)


TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@dataclass
class Services:
    """What commands need, passed in: the registry, review settings, and where DPA templates and files live."""

    registry: Registry
    review: ReviewSettings = field(default_factory=ReviewSettings)
    templates: Path = TEMPLATES
    out: Path = Path("out")  # where the console writes generated DPAs


@dataclass
class Context:
    """One command invocation: who runs it, the line typed, and whether it runs locally (console)."""

    services: Services
    user: str
    line: str
    local: bool = True
    is_dpo: bool = True  # the console is the privacy team's own tool; Slack decides per user
    privacy_team: str = "the data protection officer"
    shared: bool = False  # the answer is posted for everyone in the channel (`/dpa share`)

    @property
    def registry(self) -> Registry:
        return self.services.registry

    @property
    def actor(self) -> Actor:
        return Actor(user=self.user, command=self.line)

    @property
    def today(self) -> date:
        return self.registry.clock().date()

    def pair(self, args: Args) -> tuple[Party, Party]:
        """The two parties named by the command's first two words."""
        with self.registry.reading():
            return self.registry.find_party(args.words[0]), self.registry.find_party(args.words[1])


Handler = Callable[[Context, Args], Reply]


@dataclass
class Command:
    """One command of the grammar. The handler's docstring is its help text."""

    name: str
    usage: str
    handler: Handler
    keys: tuple[str, ...] = ()
    words: tuple[int, int] = (0, 0)
    writes: bool = False  # changes the registry: the privacy team only (unless everyone)
    # The reply holds personal data or the registry's contents (an inquiry, the audit log, an export, a DPA):
    # only the privacy team may run it (unless everyone), and it is shown only to whoever asked, never shared.
    private: bool = False
    raw: bool = False  # takes free text: only its keys are parsed, the rest is kept as typed
    everyone: bool = False  # anyone may run it (handing an inquiry to the privacy team)

    @property
    def dpo_only(self) -> bool:
        return (self.writes or self.private) and not self.everyone

    @property
    def summary(self) -> str:
        return (inspect.getdoc(self.handler) or "").split("\n\n")[0].replace("\n", " ")

    @property
    def details(self) -> str:
        return inspect.getdoc(self.handler) or ""


@dataclass
class CommandTable:
    commands: dict[str, Command] = field(default_factory=dict)

    def register(
        self,
        name: str,
        usage: str,
        *,
        keys: tuple[str, ...] = (),
        words: tuple[int, int] = (0, 0),
        writes: bool = False,
        private: bool = False,
        raw: bool = False,
        everyone: bool = False,
    ) -> Callable[[Handler], Handler]:
        def decorate(handler: Handler) -> Handler:
            self.commands[name] = Command(name, usage, handler, keys, words, writes, private, raw, everyone)
            return handler

        return decorate

    def groups(self) -> dict[str, list[Command]]:
        out: dict[str, list[Command]] = {}
        for command in self.commands.values():
            out.setdefault(command.name.split()[0], []).append(command)
        return out

    def lookup(self, tokens: list[str]) -> tuple[Command, list[str]]:
        """The command the first one or two words name, and the rest of the words."""
        if not tokens:
            raise RegistryError("Type a command, or `help` for the list.")
        first = tokens[0].lower()
        if len(tokens) > 1 and f"{first} {tokens[1].lower()}" in self.commands:
            return self.commands[f"{first} {tokens[1].lower()}"], tokens[2:]
        if first in self.commands:
            return self.commands[first], tokens[1:]
        group = self.groups().get(first)
        if group:
            options = ", ".join(f"`{c.name}`" for c in group)
            raise RegistryError(f"`{first}` needs one of: {options}. `help {first}` explains each.")
        close = difflib.get_close_matches(first, {n.split()[0] for n in self.commands}, n=3)
        hint = f" Did you mean {', '.join(f'`{c}`' for c in close)}?" if close else ""
        raise RegistryError(f"Unknown command `{tokens[0]}`.{hint} Type `help` for the list of commands.")


TABLE = CommandTable()


def find(line: str, *, table: CommandTable = TABLE) -> tuple[Command, list[str]]:
    """The command a line names, and its other words (a free-text command's line is not split)."""
    command, rest = table.lookup(line.split()[:2])
    if not command.raw:
        command, rest = table.lookup(tokenise(line))
    return command, rest


def private_command(line: str, *, table: CommandTable = TABLE) -> Command | None:
    """The command a line names, if its reply is for the person who asked only (None for a mistyped line)."""
    try:
        command = find(line, table=table)[0]
    except RegistryError:
        return None
    return command if command.private else None


def dispatch(ctx: Context, line: str, *, table: CommandTable = TABLE, text: str | None = None) -> Reply:
    """Run one command line. Business errors become a Reply with ok=False and change nothing.

    `text` is a free-text command's text given apart from its line (the console reads it after `inquiry new`
    alone): it is taken as it stands, and a `from=` in it is text, not an option.
    """
    try:
        command, rest = find(line, table=table)
        if command.dpo_only and not ctx.is_dpo:
            what = "change the registry" if command.writes else f"use `{command.name}`"
            return error(
                f"Sorry, only the privacy team can {what}: {ctx.privacy_team}. Nothing was changed. "
                "You can still ask me questions, e.g. `who IWMAC`.",
                refused=True,
            )
        if command.raw:
            # Free text (an inquiry) is personal data: the audit log records the command without it.
            ctx = replace(ctx, line=f"{command.name} (text withheld)")
            args = Args.free_text(line, command.name, command.keys)
            if text is not None:
                check_text(text)
                args.words = [*args.words, text.strip()] if text.strip() else args.words
        else:
            args = Args.parse(rest)
        args.check(usage=command.usage, keys=command.keys, min_words=command.words[0], max_words=command.words[1])
        return replace(command.handler(ctx, args), private=command.private)
    except RegistryError as exc:
        return error(str(exc))
