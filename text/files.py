"""The one reader of files people send the bot (DPAs, privacy policies, vendor lists, inquiries), from Slack or
from a path in the console. It reads no more than the limits in text.limits allow and refuses the rest with
FileRefused: a .docx is unpacked only after its directory shows no zip bomb, and only its document part; PDF and
HTML are parsed in a child process with a time and memory budget."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Collection
from pathlib import Path

from text.limits import MAX_BYTES, MAX_SECONDS, MB, FileRefused
from text.sandbox import read_limited
from text.word import docx_text

PLAIN, DOCX, HTML, PDF = "text", "docx", "html", "pdf"
SIZE_LIMIT = f"files up to {MAX_BYTES // MB} MB"
_KIND = {"txt": PLAIN, "text": PLAIN, "md": PLAIN, "docx": DOCX, "html": HTML, "htm": HTML, "pdf": PDF}
_NAMES = {PLAIN: "plain text (.txt)", DOCX: ".docx", HTML: ".html", PDF: ".pdf"}
_WORD_OPENS = ("doc", "pdf", "odt", "rtf", "pages")  # files Word can open and save as .docx
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def accepted(kinds: Collection[str]) -> str:
    """What a reader of `kinds` accepts, e.g. '.docx or plain text (.txt), up to 20 MB'."""
    names = [_NAMES[kind] for kind in kinds]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
    return f"{listed}, up to {MAX_BYTES // MB} MB"


def check_size(size: int, what: str = SIZE_LIMIT) -> None:
    """FileRefused when a file of `size` bytes is larger than any file the bot reads."""
    if size > MAX_BYTES:
        raise FileRefused(f"The file is too large ({size / MB:.1f} MB)", what)


def read_path(path: Path) -> bytes:
    """The bytes of a file on this machine (a console command's FILE), reading no further than the limit."""
    try:
        with open(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as file:  # a FIFO must not block the open
            status = os.fstat(file.fileno())
            if not stat.S_ISREG(status.st_mode):
                raise FileRefused("That is not a regular file", SIZE_LIMIT)
            check_size(status.st_size)
            content = file.read(status.st_size + 1)  # read(n) allocates n bytes first
    except OSError as exc:
        raise FileRefused(f"Cannot read that file ({exc.strerror})", SIZE_LIMIT) from exc
    check_size(len(content))  # it grew while being read
    return content


def document_text(content: bytes, name: str, kinds: Collection[str], *, seconds: int = MAX_SECONDS) -> str:
    """The text of a document of one of `kinds`, read as its name's extension says, one paragraph a line. A PDF or
    HTML file is read within `seconds` (at most MAX_SECONDS)."""
    accepts = accepted(kinds)
    extension = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    kind = _KIND.get(extension)
    if kind not in kinds:
        hint = " (save it as .docx from Word)" if DOCX in kinds and extension in _WORD_OPENS else ""
        raise FileRefused(f"Cannot read this kind of file{hint}", accepts)
    check_size(len(content), accepts)
    try:
        if kind == DOCX:
            text = docx_text(content)
        elif kind == PLAIN:
            text = plain_text(content)
        else:
            text = read_limited(kind, content, seconds)
    except FileRefused as exc:
        raise FileRefused(exc.problem, f"{accepts}; {exc.accepted}") from exc
    if not _LETTER_OR_DIGIT.search(text):
        raise FileRefused("The document has no text (no letter or digit)", accepts)
    return text


def plain_text(content: bytes) -> str:
    """A plain-text file's text: UTF-16 with its mark, UTF-8 (with or without mark), else Windows-1252 (what Excel
    and Notepad write on Windows)."""
    check_size(len(content))
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content.decode("utf-16", errors="replace")
    if b"\x00" in content[:4096] or content.startswith((b"PK\x03\x04", b"%PDF")):
        raise FileRefused("This is not a plain-text file", "text saved as UTF-8, UTF-16 or Windows-1252")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")
