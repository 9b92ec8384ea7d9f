"""Dates typed by people, in Norwegian or English, relative to today."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

import dateparser

from registry.errors import InputError

_ACCEPTED = "2025-03-15, 15.03.2025, 15. mars 2025, i dag, i går, 3 dager siden, yesterday, 2 weeks ago"
_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$")
# Phrases dateparser does not understand (measured), handled here.
_FIXED = {"i dag": 0, "idag": 0, "today": 0, "i går": -1, "igår": -1, "i forgårs": -2, "i morgen": 1, "tomorrow": 1}


def parse_date(text: str, *, today: date) -> date:
    """A calendar date from ISO, Norwegian (15.03.2025) or words ("i går", "3 dager siden", "yesterday")."""
    value = " ".join(text.strip().lower().split())
    if value in _FIXED:
        return today + timedelta(days=_FIXED[value])
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    match = _DMY.match(value)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return date(year + 2000 if year < 100 else year, month, day)
        except ValueError as exc:
            raise InputError("Not a date", value=text, accepted=_ACCEPTED) from exc
    if value and not value.isdigit():
        parsed = dateparser.parse(
            value,
            languages=["nb", "en"],
            settings={
                "RELATIVE_BASE": datetime.combine(today, datetime.min.time()),
                "DATE_ORDER": "DMY",
                "PREFER_DAY_OF_MONTH": "first",
                "RETURN_AS_TIMEZONE_AWARE": False,
            },
        )
        if parsed is not None:
            return parsed.date()
    raise InputError("Not a date", value=text, accepted=_ACCEPTED)


def past_date(text: str, *, today: date, key: str, what: str = "") -> date:
    """A date on which something happened (a check, a signature, a notice): parsed as parse_date, then refused
    when it lies after `today` (the registry's clock), so "neste uke" or 2030-01-01 cannot silence the review."""
    when = parse_date(text, today=today)
    if when > today:
        raise InputError(
            f"{key}= {'(' + what + ') ' if what else ''}is {when.isoformat()}, in the future; it says when something "
            "happened",
            value=text,
            accepted=f"today ({today.isoformat()}) or earlier",
        )
    return when


def add_months(start: date, months: int) -> date:
    """The same day `months` later; the month's last day when it has no such day (31 Jan + 1 = 28/29 Feb),
    as periods are counted under Regulation 1182/71."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
