"""The console adapter: the same commands as Slack's /dpa, on stdin and stdout."""

from __future__ import annotations

from typing import TextIO

import orjson

from chat.args import Args
from chat.commands import Context, Services, dispatch, find
from chat.reply import Reply, error
from registry.errors import RegistryError

END = "."  # a line with only this ends a text read after `inquiry new` (or `import policy`, `ask`) alone
TEXT_PROMPT = "Paste the text; end with a line with a single ."
PASTED = (
    "That was several lines pasted at once, so none of them was run: "
    "use `inquiry new` alone, then paste, then a line with a single ."
)
PASTE_ON, PASTE_OFF = "\x1b[?2004h", "\x1b[?2004l"  # ask the terminal to mark pasted text
PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"


class Cancelled(Exception):
    """Ctrl-C at a prompt: the line (or the text being read) is dropped."""


def render(reply: Reply, *, json_mode: bool) -> str:
    if json_mode:
        return orjson.dumps(reply.to_json(), default=str).decode("utf-8")
    return reply.text if reply.ok else f"✗ {reply.text}"


def run(services: Services, *, user: str, json_mode: bool, stdin: TextIO, stdout: TextIO) -> int:
    """Run commands until end of input. Exit status 0 if every command succeeded, 1 if any failed.

    Each reply is printed and flushed as soon as its command has finished (and its write is on disk).
    A free-text command given alone (`inquiry new`) reads the lines after it, up to a line with a single `.`,
    as its text. In a terminal, several lines pasted at once at the command prompt are refused, never run
    one by one; Ctrl-C drops the line being typed and Ctrl-D leaves.
    """
    interactive = stdin.isatty() and not json_mode
    reader = _Reader(stdin, stdout, interactive)
    if interactive:
        stdout.write("Type `help` for the commands, `demo` to load example data, Ctrl-D to leave.\n")
    failed = False

    def say(reply: Reply) -> None:
        nonlocal failed
        failed |= not reply.ok
        stdout.write(render(reply, json_mode=json_mode) + "\n")
        stdout.flush()

    try:
        while True:
            try:
                block = reader.read("dpa> ")
            except Cancelled:
                continue
            if block is None:
                break
            if "\n" in block.strip():
                say(error(PASTED, pasted_lines=len(block.strip().splitlines())))
                continue
            line = block.strip()
            if not line or line.startswith("#"):
                continue
            if interactive and line in ("exit", "quit"):
                break
            text = None
            if wants_text(line):
                try:
                    text = read_text(reader)
                except Cancelled:
                    say(error("Cancelled: nothing was recorded."))
                    continue
                if text is None:
                    say(
                        error(
                            f"The text after `{line}` had no line with a single . before the end: nothing was recorded."
                        )
                    )
                    continue
            say(dispatch(Context(services=services, user=user, line=line, local=True), line, text=text))
    finally:
        reader.close()
    return 1 if failed else 0


def wants_text(line: str) -> bool:
    """Whether the line is a free-text command given no text (and no file=): its text follows on the next lines."""
    try:
        command = find(line)[0]
        if not command.raw:
            return False
        args = Args.free_text(line, command.name, command.keys)
    except RegistryError:
        return False
    return not args.words and not args.get("file")


def read_text(reader: _Reader) -> str | None:
    """The lines up to one with a single `.` (None at end of input before it). Pasted blocks count line by line."""
    if reader.interactive:
        reader.stdout.write(TEXT_PROMPT + "\n")
    lines: list[str] = []
    while True:
        block = reader.read("… " if reader.interactive else "")
        if block is None:
            return None
        pieces = block.split("\n")
        for i, piece in enumerate(pieces):
            if piece.strip() == END:
                rest = [p for p in pieces[i + 1 :] if p.strip()]
                if rest and reader.interactive:
                    reader.stdout.write(f"({len(rest)} pasted line(s) after the . were ignored.)\n")
                return "\n".join(lines).strip("\n")
            lines.append(piece.rstrip("\r"))


class _Reader:
    """Reads what the user typed or pasted: one line, or in a terminal one pasted block (with line breaks)."""

    def __init__(self, stdin: TextIO, stdout: TextIO, interactive: bool) -> None:
        self.stdin, self.stdout, self.interactive = stdin, stdout, interactive
        # GNU readline marks pastes itself and hands a pasted block to input() as one string;
        # without readline the console asks the terminal for the markers and gathers the block.
        self.own_markers = interactive and not _enable_line_editing()
        if self.own_markers:
            self.stdout.write(PASTE_ON)
            self.stdout.flush()

    def read(self, prompt: str) -> str | None:
        if not self.interactive:
            line = self.stdin.readline()
            return line.rstrip("\n") if line else None
        try:
            line = input(prompt)
            if PASTE_START in line:
                while PASTE_END not in line:
                    line += "\n" + input()
            return line.replace(PASTE_START, "").replace(PASTE_END, "")
        except EOFError:
            self.stdout.write("\n")
            return None
        except KeyboardInterrupt:
            self.stdout.write("\n")
            self.stdout.flush()
            raise Cancelled from None

    def close(self) -> None:
        if self.own_markers:
            self.stdout.write(PASTE_OFF)
            self.stdout.flush()


def _enable_line_editing() -> bool:
    """Load readline (history and editing for input()); True if it is GNU readline, which marks pastes itself."""
    try:
        import readline
    except ImportError:
        return False
    if "libedit" in (readline.__doc__ or ""):
        return True  # editline: no bracketed paste, and its own key bindings; pasted lines come one by one
    readline.parse_and_bind("set enable-bracketed-paste on")
    return True
