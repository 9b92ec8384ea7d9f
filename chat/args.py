"""Splitting a command line into words and key=value options, as typed in Slack or the console."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field

from registry.errors import InputError

# Slack and phones turn straight quotes into typographic ones; people mean the plain kind.
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})
_KEY = re.compile(r"^([a-z][a-z0-9_-]*)=(.*)$", re.DOTALL)


def tokenise(line: str) -> list[str]:
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
