"""The console adapter: the same commands as Slack's /dpa, on stdin and stdout."""

from __future__ import annotations

import contextlib
import sys
from typing import TextIO

import orjson

from chat.commands import Context, Services, dispatch
from chat.reply import Reply


def render(reply: Reply, *, json_mode: bool) -> str:
    if json_mode:
        return orjson.dumps(reply.to_json(), default=str).decode("utf-8")
    return reply.text if reply.ok else f"✗ {reply.text}"


def run(services: Services, *, user: str, json_mode: bool, stdin: TextIO, stdout: TextIO) -> int:
    """Run commands until end of input. Exit status 0 if every command succeeded, 1 if any failed.

    Each reply is printed and flushed as soon as its command has finished (and its write is on disk).
    """
    interactive = stdin.isatty() and not json_mode
    if interactive:
        _enable_line_editing()
        stdout.write("Type `help` for the commands, `demo` to load example data, Ctrl-D to leave.\n")
    failed = False
    while True:
        line = _read(stdin, interactive)
        if line is None:
            break
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if interactive and line in ("exit", "quit"):
            break
        reply = dispatch(Context(services=services, user=user, line=line, local=True), line)
        failed |= not reply.ok
        stdout.write(render(reply, json_mode=json_mode) + "\n")
        stdout.flush()
    return 1 if failed else 0


def _read(stdin: TextIO, interactive: bool) -> str | None:
    if interactive:
        try:
            return input("dpa> ")
        except EOFError:
            sys.stdout.write("\n")
            return None
    line = stdin.readline()
    return line if line else None


def _enable_line_editing() -> None:
    with contextlib.suppress(ImportError):
        import readline  # noqa: F401  (history and editing for input())
