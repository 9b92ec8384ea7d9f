"""Validation of the values a user types: organisation numbers, countries, e-mail, Slack channels, choices."""

from __future__ import annotations

import re

from registry.countries import ALIASES, ISO_ALPHA2
from registry.errors import InputError
from registry.law import AUTHORISATIONS, MECHANISMS, SCC_MODULES

_ORGNR_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)
_EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[A-Za-z]{2,}$")
_CHANNEL_ID = re.compile(r"^[CGD][A-Z0-9]{6,}$")
_CHANNEL_NAME = re.compile(r"^#?[a-z0-9][a-z0-9_\-]{0,79}$")
_YES = {"yes", "y", "true", "ja", "j", "1"}
_NO = {"no", "n", "false", "nei", "0"}


def orgnr_checksum_ok(digits: str) -> bool:
    """The Brønnøysund mod-11 check on a 9-digit Norwegian organisation number."""
    if len(digits) != 9 or not digits.isdigit():
        return False
    remainder = sum(int(d) * w for d, w in zip(digits[:8], _ORGNR_WEIGHTS, strict=True)) % 11
    check = 0 if remainder == 0 else 11 - remainder
    return check != 10 and check == int(digits[8])


def org_id(value: str, *, country: str | None) -> str:
    """A Norwegian org. number (9 digits, mod-11) for Norwegian parties; free text for foreign ones."""
    text = " ".join("".join(ch for ch in value if ch.isprintable()).split())  # as text(): no control characters
    compact = re.sub(r"[\s.]", "", text).removeprefix("NO").removesuffix("MVA")
    if country in (None, "NO") or (compact.isdigit() and len(compact) == 9):
        if not orgnr_checksum_ok(compact):
            raise InputError(
                "Not a valid Norwegian organisation number",
                value=value,
                accepted="9 digits passing the mod-11 check, e.g. 921 183 739; "
                "for a foreign party set country= first, then any id as text",
            )
        return compact
    if not text:
        raise InputError("Empty organisation id", accepted="an organisation number or id")
    return text


def country(value: str) -> str:
    """An ISO 3166-1 alpha-2 code, upper-cased ('no' -> 'NO', 'UK' -> 'GB')."""
    code = value.strip().upper()
    code = ALIASES.get(code, code)
    if code not in ISO_ALPHA2:
        raise InputError(
            "Unknown country code", value=value, accepted="an ISO 3166-1 alpha-2 code such as NO, SE, US, IE"
        )
    return code


def countries(value: str) -> list[str]:
    """A comma-separated list of country codes, de-duplicated, in the order given."""
    codes = [country(part) for part in re.split(r"[,\s]+", value) if part]
    if not codes:
        raise InputError("No country given", accepted="codes separated by commas, e.g. US,IE")
    return list(dict.fromkeys(codes))


def email(value: str) -> str:
    """An e-mail address (a plain syntax check; we never send mail from here)."""
    text = value.strip().removeprefix("mailto:")
    # Slack wraps addresses as <mailto:a@b.no|a@b.no>.
    match = re.fullmatch(r"<mailto:([^|>]+)(?:\|[^>]*)?>", value.strip())
    if match:
        text = match.group(1)
    if not _EMAIL.match(text) or not text.isprintable():  # nor control characters, nor bytes that are not UTF-8
        raise InputError("Not an e-mail address", value=value, accepted="name@example.no")
    return text.lower()


def channel(value: str) -> str:
    """A Slack channel: an id (C0123ABCD), a #name, or Slack's <#C0123|name> mention form."""
    text = value.strip()
    match = re.fullmatch(r"<#([CG][A-Z0-9]+)(?:\|[^>]*)?>", text)
    if match:
        return match.group(1)
    if _CHANNEL_ID.match(text):
        return text
    if _CHANNEL_NAME.match(text.lower()):
        return "#" + text.lower().lstrip("#")
    raise InputError("Not a Slack channel", value=value, accepted="#channel-name or a channel id such as C0123ABCD")


def yes_no(value: str, *, key: str) -> bool:
    """yes/no (also ja/nei, true/false)."""
    word = value.strip().lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise InputError(f"{key} must be yes or no", value=value, accepted="yes, no (ja, nei)")


def choice(value: str, *, key: str, options: tuple[str, ...] | list[str]) -> str:
    """One of a fixed set of words."""
    word = value.strip().lower()
    if word not in options:
        raise InputError(f"Unknown {key}", value=value, accepted=", ".join(options))
    return word


def mechanism(value: str) -> str:
    """A transfer mechanism code from registry.law."""
    word = value.strip().lower().replace("_", "-")
    # "scc" alone does not say which decision: recorded as such, so review can ask for it.
    word = {"scc": "scc-unknown", "sccs": "scc-unknown", "scc2021": "scc-2021", "scc2010": "scc-2010"}.get(word, word)
    return choice(word, key="mechanism", options=list(MECHANISMS))


def scc_module(value: str) -> int:
    """An SCC 2021/914 module number, 1 to 4."""
    text = value.strip().lower().removeprefix("module").strip()
    if text.isdecimal() and len(text) < 3 and int(text) in SCC_MODULES:  # int() refuses '²' and 5,000 digits
        return int(text)
    accepted = "; ".join(f"{n} ({label})" for n, label in SCC_MODULES.items())
    raise InputError("Unknown SCC module", value=value, accepted=accepted)


def authorisation(value: str) -> str:
    """Art. 28(2) authorisation: general or specific."""
    word = {"generell": "general", "spesifikk": "specific"}.get(value.strip().lower(), value)
    return choice(word, key="authorisation", options=AUTHORISATIONS)


def text(value: str, *, key: str, limit: int = 2000) -> str:
    """Free text: trimmed, not empty, no control characters, bounded length."""
    cleaned = "".join(ch for ch in value if ch in "\n\t" or ch.isprintable()).strip()
    if not cleaned:
        raise InputError(f"{key} is empty", accepted=f'some text, e.g. {key}="..."')
    if len(cleaned) > limit:
        raise InputError(f"{key} is too long ({len(cleaned)} characters)", accepted=f"at most {limit}")
    return cleaned


def _visible(value: str) -> bool:
    return any(ch.isprintable() and not ch.isspace() for ch in value)


def text_list(value: str, *, key: str, separator: str = ",") -> list[str]:
    """A list of short texts separated by commas ("name, e-mail, phone"), or by `separator`."""
    # An item of nothing but invisible characters is left out like an empty one, not refused as "empty".
    items = [text(part, key=key, limit=300) for part in value.split(separator) if _visible(part)]
    if not items:
        what = "commas" if separator == "," else f"'{separator}'"
        raise InputError(f"{key} is empty", accepted=f"items separated by {what}")
    return list(dict.fromkeys(items))
