"""The text of a privacy policy or vendor list as received: plain text, Word, a saved web page or a PDF."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

from agreements.check_files import MAX_BYTES, document_text
from registry.errors import InputError

ACCEPTED = ".txt, .docx, .html or .pdf, up to 20 MB"
_BLOCKS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr table section article header footer address blockquote dd dt".split()
)
_SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "nav"})


def policy_text(content: bytes, name: str) -> str:
    """The document's text, one paragraph a line."""
    extension = name.lower().rsplit(".", 1)[-1] if "." in name else "txt"
    if len(content) > MAX_BYTES:
        raise InputError("The file is larger than 20 MB", value=name, accepted=ACCEPTED)
    if extension in ("html", "htm"):
        text = _html_text(content)
    elif extension == "pdf":
        text = _pdf_text(content, name)
    else:
        try:
            return document_text(content, name)
        except InputError as exc:
            raise InputError(exc.problem, value=name, accepted=ACCEPTED) from exc
    if not re.search(r"[^\W_]", text):
        raise InputError("The document has no text", value=name, accepted=ACCEPTED)
    return text


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" | ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def _html_text(content: bytes) -> str:
    charset = re.search(rb"""<meta[^>]+charset=["']?([\w-]+)""", content[:4096], re.IGNORECASE)
    try:
        html = content.decode(charset.group(1).decode() if charset else "utf-8")
    except (LookupError, UnicodeDecodeError):
        html = content.decode("cp1252", errors="replace")
    parser = _Text()
    parser.feed(html)
    parser.close()
    lines = (re.sub(r"[ \t\r\f\v\xa0]+", " ", line).strip(" |") for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _pdf_text(content: bytes, name: str) -> str:
    from pypdf import PdfReader  # imported here: only PDF imports need it
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(content))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise InputError("Cannot read this PDF; it may be damaged or encrypted", value=name, accepted=ACCEPTED) from exc
