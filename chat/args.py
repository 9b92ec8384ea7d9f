"""Splitting a command line into words and key=value options, as typed in Slack or the console."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field

from registry.errors import InputError

# Slack and phones turn straight quotes into typographic ones; people mean the plain kind.
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})
_KEY = re.compile(r"^([a-z][a-z0-9_-]*(?:\.en)?)=(.*)$", re.DOTALL)  # purpose.en=: the English value


# Lone surrogates: bytes that were not UTF-8 (the console reads them so). The registry file and the audit log
# (which records the command line) are UTF-8 and cannot hold them.
_NOT_TEXT = re.compile("[\ud800-\udfff]")


def check_text(line: str) -> None:
    if _NOT_TEXT.search(line):
        raise InputError(
            "The command holds bytes that are not valid text (not UTF-8)", accepted="the command typed again"
        )


def tokenise(line: str) -> list[str]:
    check_text(line)
    try:
        return shlex.split(line.translate(_QUOTES))
    except ValueError as exc:
        raise InputError(
            "Unbalanced quotes in the command", value=line, accepted='names with spaces in quotes: "Septer AS"'
        ) from exc


@dataclass
class Args:
    """Positional words and key=value options of one command."""

    words: list[str] = field(default_factory=list)
    options: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, tokens: list[str]) -> Args:
        args = cls()
        for token in tokens:
            match = _KEY.match(token)
            if match is None:
                args.words.append(token)
                continue
            key = match.group(1).replace("_", "-")
            if key in args.options:
                raise InputError(f"{key}= is given twice", accepted=f"{key}= once")
            args.options[key] = match.group(2)
        return args

    @classmethod
    def free_text(cls, line: str, name: str, keys: tuple[str, ...]) -> Args:
        """For commands that take free text: `keys` given as key=value or key="..." anywhere are options;
        everything else, apostrophes and line breaks included, is the one word of text."""
        check_text(line)
        body = line.split(None, len(name.split()))[-1] if len(line.split()) > len(name.split()) else ""
        args = cls()
        if keys:
            # Found in a copy with plain quotes (same length), cut from the text as typed.
            pattern = re.compile(r"(?:^|(?<=\s))(" + "|".join(map(re.escape, keys)) + r')=("[^"]*"|\S*)')
            for match in reversed(list(pattern.finditer(body.translate(_QUOTES)))):
                args.options.setdefault(match.group(1), match.group(2).strip('"'))
                body = body[: match.start()] + body[match.end() :]
        text = body.strip()
        args.words = [text] if text else []
        return args

    def check(self, *, usage: str, keys: tuple[str, ...], min_words: int, max_words: int) -> None:
        unknown = [k for k in self.options if k not in keys]
        if unknown:
            accepted = ", ".join(f"{k}=" for k in keys) or "no key=value options"
            raise InputError(f"Unknown option {unknown[0]}=", accepted=f"{accepted} (usage: {usage})")
        if len(self.words) < min_words:
            raise InputError("Something is missing", accepted=f"usage: {usage}")
        if len(self.words) > max_words:
            extra = self.words[max_words]
            raise InputError("Too many words; put names with spaces in quotes", value=extra, accepted=f"usage: {usage}")

    def get(self, key: str) -> str | None:
        return self.options.get(key)


MAX_DIGITS = 18  # no count or id here comes near it; int() refuses text of more than 4,300 digits


def whole_number(raw: str) -> int | None:
    """The number typed as digits, or None. isdecimal(), not isdigit(): int() refuses '²', which isdigit() accepts."""
    text = raw.strip()
    return int(text) if text.isdecimal() and len(text) <= MAX_DIGITS else None


def page_number(raw: str | None, *, total: int, size: int) -> int:
    """The page asked for with page=N, checked against how many pages `total` items make."""
    pages = max(1, -(-total // size))
    if raw is None:
        return 1
    page = whole_number(raw)
    if page is None or not 1 <= page <= pages:
        raise InputError(f"No such page: there is no page {raw.strip()}", accepted=f"page=1 to {pages}")
    return page
