"""The text of a saved web page (.html), one block a line, without scripts, styles or navigation. Runs in the
reading child process (text.sandbox): Python's HTMLParser takes minutes on some crafted pages."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr table section article header footer address blockquote dd dt".split()
)
_SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "nav"})


def html_text(content: bytes) -> str:
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
