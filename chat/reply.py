"""What a command returns: text for a person, structured data, and optionally a file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Attachment:
    """A file produced by a command (an export, later a DPA)."""

    name: str
    content: bytes
    mime: str


@dataclass
class Reply:
    """The result of one command; adapters (console, Slack) decide how to show it."""

    text: str
    ok: bool = True
    data: Any = field(default=None)
    file: Attachment | None = None
    more_files: tuple[Attachment, ...] = ()  # further files sent with `file` (a DPA's other language, its PDF)
    private: bool = False  # only for the person who asked: never posted where others can read it

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"ok": self.ok, "text": self.text, "data": self.data}
        if self.file is not None:
            out["file"] = {"name": self.file.name, "mime": self.file.mime, "bytes": len(self.file.content)}
        if self.more_files:
            out["more_files"] = [{"name": f.name, "mime": f.mime, "bytes": len(f.content)} for f in self.more_files]
        return out


def error(text: str, **data: Any) -> Reply:
    return Reply(text=text, ok=False, data={"error": text, **data})


def sentence(text: str) -> str:
    """End with one full stop, even when the text ends in a name like "HubSpot, Inc."."""
    return text if text.endswith((".", "!", "?")) else text + "."
