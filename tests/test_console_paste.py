"""Multi-line text in the console: `inquiry new` alone reads up to a line with a single `.`, pasted blocks are
never run line by line, and Ctrl-C at the prompt cancels the line (issue 19, item 4)."""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import sys
import time
from pathlib import Path

from tests.test_console import ROOT, console, env

EMAIL = "Hei,\nDemo av systemet var fint, men jeg ber om innsyn i mine personopplysninger.\nfrom=kari@example.no\nHilsen Kari"


def test_piped_inquiry_reads_until_a_single_dot(tmp_path):
    result = console(f"inquiry new\n{EMAIL}\n.\ninquiry show 1\n", "--json", "--db", "r.json", cwd=tmp_path)
    replies = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["ok"] for r in replies] == [True, True], result.stdout
    assert result.returncode == 0
    shown = json.dumps(replies[1]["data"], ensure_ascii=False)
    for line in EMAIL.splitlines():
        assert json.dumps(line, ensure_ascii=False)[1:-1] in shown
    on_disk = json.loads((tmp_path / "r.json").read_text())
    assert not on_disk.get("parties"), "the line 'Demo av ...' ran `demo`"


def test_piped_text_without_the_dot_records_nothing(tmp_path):
    result = console(f"inquiry new\n{EMAIL}\n", "--json", "--db", "r.json", cwd=tmp_path)
    replies = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(replies) == 1 and not replies[0]["ok"] and "single ." in replies[0]["text"]
    assert result.returncode == 1
    assert "Demo" not in result.stdout


def test_inquiry_with_text_on_the_line_still_works(tmp_path):
    result = console("inquiry new Jeg ber om innsyn.\ninquiry list\n", "--db", "r.json", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert "Inquiry #1" in result.stdout


class Terminal:
    """The console in a pseudo-terminal, as a user at a keyboard meets it."""

    def __init__(self, cwd: Path) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: the console
            os.chdir(cwd)
            os.execve(sys.executable, [sys.executable, str(ROOT / "bot.py"), "--db", "r.json"], env(TERM="xterm"))
        self.seen = ""

    def until(self, text: str, timeout: float = 30, *, after: int = 0) -> str:
        """Read the terminal until `text` shows (past the first `after` characters seen)."""
        end = time.monotonic() + timeout
        while text not in self.seen[after:] and time.monotonic() < end:
            if not self.show(0.1):
                break
        assert text in self.seen[after:], self.seen
        return self.seen

    def show(self, wait: float) -> bool:
        """Take what the console wrote within `wait` seconds; False once the terminal is closed."""
        if select.select([self.fd], [], [], wait)[0]:
            try:
                self.seen += os.read(self.fd, 4096).decode("utf-8", "replace")
            except OSError:
                return False
        return True

    def send(self, data: str) -> None:
        os.write(self.fd, data.encode("utf-8"))

    def interrupt(self, *, after: int) -> None:
        """Ctrl-C until a fresh prompt shows, as a user presses it again when nothing happens: Python's readline
        notices a SIGINT that lands between two keys only at the next key, which a loaded machine makes likely."""
        for _ in range(5):
            os.kill(self.pid, signal.SIGINT)
            try:
                self.until("dpa> ", timeout=3, after=after)
                return
            except AssertionError:
                continue
        self.until("dpa> ", after=after)

    def close(self, timeout: float = 20) -> int:
        """Ctrl-D, as a user leaves; a console still running after `timeout` is killed (the test then fails on its
        status instead of waiting forever)."""
        end = time.monotonic() + timeout
        pressed = 0.0
        while time.monotonic() < end:
            if time.monotonic() - pressed > 2:  # pressed again when nothing happens, as a user would (see interrupt)
                self.send("\x04")
                pressed = time.monotonic()
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                break
            self.show(0.05)  # a terminal goes on showing what the program writes
        else:
            os.kill(self.pid, signal.SIGKILL)
            _, status = os.waitpid(self.pid, 0)
        os.close(self.fd)
        return os.waitstatus_to_exitcode(status)


def paste(text: str) -> str:
    return "\x1b[200~" + text + "\x1b[201~"


def test_terminal_paste_ctrl_c_and_ctrl_d(tmp_path):
    term = Terminal(tmp_path)
    try:
        term.until("dpa> ")
        # An e-mail pasted at the command prompt is refused, not run line by line.
        term.send(paste(EMAIL) + "\r")
        term.until("several lines pasted at once")
        term.until("dpa> ")
        # `inquiry new` alone, then the paste, then a single dot.
        term.send("inquiry new\r")
        term.until("Paste the text; end with a line with a single .")
        term.send(paste(EMAIL) + "\r")
        term.send(".\r")
        term.until("Inquiry #1")
        # Ctrl-C at the prompt drops the half-typed line; the console goes on.
        term.until("dpa> ", after=term.seen.rfind("Inquiry #1"))  # the prompt after the reply, not an earlier one
        mark = len(term.seen)
        term.send("party add Half")
        term.until("party add Half", after=mark)  # echoed: the console has the half-typed line
        mark = len(term.seen)
        term.interrupt(after=mark)  # a fresh prompt: the line was dropped
        term.send("party add Foo\r")
        term.until("Added Foo.")
        mark = len(term.seen)
        term.send("inquiry show 1\r")
        term.until("Hilsen Kari", after=mark)
        term.until("dpa> ", after=mark)  # Ctrl-D (at close) at the prompt, as a user presses it
    finally:
        status = term.close()
    assert status == 1, term.seen[-300:]  # the refused paste counts as a failed command
    assert "Traceback" not in term.seen and "KeyboardInterrupt" not in term.seen
    assert "Added Half" not in term.seen
    on_disk = json.loads((tmp_path / "r.json").read_text())
    assert [p["name"] for p in on_disk["parties"].values()] == ["Foo"]  # `demo` never ran
