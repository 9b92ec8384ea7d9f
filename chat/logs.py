"""What the bot's logs may hold: our own wording and identifiers, never a request body, message or inquiry text.

Libraries put such text in their log lines: Bolt's refusal of a bad signature quotes the whole request body
(at INFO), slack_sdk quotes every request to Slack and every answer (at DEBUG), and an exception's message can
quote what failed (a SlackApiError holds Slack's whole answer, with the message that was posted). So every
record, from any logger and for any handler, is made safe where it is made, whatever the log level:
- a library's line keeps its leading words ("Invalid request signature detected"), up to the first character
  that is not an ASCII letter, a space, ' ` _ - or a dot inside a name (Bolt and slack_sdk put the details
  after a colon or a parenthesis);
- an exception keeps its type and its traceback (files, lines, code), not its message.
Our own lines pass as written: their arguments are ids, counts and kinds, never text someone wrote.
"""

from __future__ import annotations

import logging
import re
import traceback
from typing import Any

OURS = frozenset({"root", "__main__", "bot", "chat", "inquiries", "registry", "agreements", "policies", "text"})
WITHHELD = "[details withheld]"
_LEADING_WORDS = re.compile(r"[A-Za-z][A-Za-z '`_-]*(?:\.[A-Za-z_][A-Za-z '`_-]*)*")  # dots only within names


def keep_private_text_out() -> None:
    """Make every log record created from now on safe (calling it again changes nothing)."""
    make = logging.getLogRecordFactory()
    if getattr(make, "safe", False):
        return

    def make_safe(*args: Any, **kwargs: Any) -> logging.LogRecord:
        return made_safe(make(*args, **kwargs))

    make_safe.safe = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(make_safe)


def made_safe(record: logging.LogRecord) -> logging.LogRecord:
    if record.name.split(".")[0] not in OURS:
        message = record.getMessage()
        found = _LEADING_WORDS.match(message)
        lead = found.group() if found else ""
        record.msg = message if lead == message else f"{lead.rstrip(' -')} {WITHHELD}".lstrip()
        record.args = ()
    if record.exc_info and record.exc_info[1] is not None:
        record.exc_text = _traceback_without_messages(record.exc_info[1])
        record.exc_info = None
    return record


def _traceback_without_messages(exc: BaseException) -> str:
    """Like Python's traceback of `exc` and the exceptions it came from, each message left out."""
    parts: list[str] = []
    current: BaseException | None = exc
    seen: set[int] = set()
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        kind = type(current)
        lines = ["Traceback (most recent call last):\n", *traceback.format_tb(current.__traceback__)]
        parts.insert(0, "".join(lines) + f"{kind.__module__}.{kind.__qualname__}: {WITHHELD}\n")
        if current.__cause__ is not None:
            parts.insert(0, "\nThe above exception was the direct cause of the following exception:\n\n")
            current = current.__cause__
        elif current.__context__ is not None and not current.__suppress_context__:
            parts.insert(0, "\nDuring handling of the above exception, another exception occurred:\n\n")
            current = current.__context__
        else:
            current = None
    return "".join(parts).rstrip("\n")
