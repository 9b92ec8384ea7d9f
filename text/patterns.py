"""Patterns every reader shares, written to run in linear time on any text (tests/test_regex_guard.py)."""

from __future__ import annotations

import re

# An e-mail address; group 1 is its domain. The local part is at most 64 characters (RFC 5321 4.5.3.1.1):
# unbounded, every start inside a long run like "a-a-a-..." rescanned the whole run (quadratic time).
EMAIL = re.compile(r"[\w.+-]{1,64}@([\w-]+(?:\.[\w-]+)+)")


def email_addresses(text: str) -> set[str]:
    """The e-mail addresses in a text, lower-cased."""
    return {match.group(0).lower() for match in EMAIL.finditer(text)}
