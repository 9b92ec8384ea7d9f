"""Readers that a crafted file can keep busy for minutes or make allocate gigabytes (pypdf, HTMLParser) run in a
child process with a wall-clock timeout, a CPU limit and a memory limit. Nothing one slow library call does can
outlast the budget, and the bot's own memory never holds what the reader unpacked."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from text.limits import MAX_CHARACTERS, MAX_MEMORY, MAX_SECONDS, MB, FileRefused

LIMITS = f"a file that reads within {MAX_SECONDS} seconds and {MAX_MEMORY // MB} MB of memory"
_ROOT = str(Path(__file__).resolve().parents[1])
# -I: the child ignores PYTHON* variables, the user's site folder and the working directory.
_START = "import sys; sys.path.insert(0, sys.argv[1]); from text.sandbox import serve; serve(sys.argv[2])"


def read_limited(reader: str, content: bytes, seconds: int = MAX_SECONDS) -> str:
    """The text `reader` ("pdf" or "html") makes of `content`, read in a child process within the budget; a caller
    that must answer sooner (`dpa check`: no file over 5 s) gives fewer `seconds` of wall-clock time."""
    try:
        done = subprocess.run(
            [sys.executable, "-I", "-c", _START, _ROOT, reader],
            input=content,
            capture_output=True,
            timeout=min(seconds, MAX_SECONDS),
            env={},  # the child needs no setting, least of all the bot's tokens
            check=False,
        )
    except subprocess.TimeoutExpired as exc:  # run() has killed the child
        limits = LIMITS.replace(f"{MAX_SECONDS} seconds", f"{min(seconds, MAX_SECONDS)} seconds")
        raise FileRefused(f"Reading this file took longer than {min(seconds, MAX_SECONDS)} seconds", limits) from exc
    try:
        answer = json.loads(done.stdout)
    except ValueError:
        answer = None
    if not isinstance(answer, dict):  # the child died: out of memory, or killed for CPU
        raise FileRefused(f"Reading this file needs more than {MAX_MEMORY // MB} MB of memory", LIMITS)
    if "refused" in answer:
        raise FileRefused(answer["refused"], answer["accepted"])
    return answer["text"]


def serve(reader: str) -> None:
    """The child: limit itself, read the file from stdin, answer on stdout with its text or why it was refused."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MAX_MEMORY, MAX_MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (MAX_SECONDS, MAX_SECONDS))  # SIGKILL at the hard limit
    content = sys.stdin.buffer.read()
    try:
        text = _reader(reader)(content)
        if len(text) > MAX_CHARACTERS:
            raise FileRefused(f"This file has more than {MAX_CHARACTERS:,} characters of text", LIMITS)
        answer = {"text": text}
    except FileRefused as exc:
        answer = {"refused": exc.problem, "accepted": exc.accepted}
    except MemoryError:
        answer = {"refused": f"Reading this file needs more than {MAX_MEMORY // MB} MB of memory", "accepted": LIMITS}
    sys.stdout.buffer.write(json.dumps(answer, ensure_ascii=False).encode("utf-8"))


def _reader(name: str) -> Callable[[bytes], str]:
    if name == "pdf":
        from text.pdf import pdf_text

        return pdf_text
    from text.webpage import html_text

    return html_text
