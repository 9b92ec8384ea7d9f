"""Dates and times typed by people, in Norwegian or English, relative to today; times are Norwegian."""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import dateparser

from registry.errors import InputError

_ACCEPTED = "2025-03-15, 15.03.2025, 15. mars 2025, i dag, i går, 3 dager siden, yesterday, 2 weeks ago"
_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$")
# Phrases dateparser does not understand (measured), handled here.
OSLO = ZoneInfo("Europe/Oslo")
_ACCEPTED_TIME = "2026-10-24T12:00, 2026-10-24 12:00, 24.10.2026 12:00, i går 14:30, i dag kl 09.15, 2 timer siden, now"
# A time of day at the end ("14:30", "14.30", "14:30:15"), after a space or a T; before it may stand "kl" or "at".
_TIME = re.compile(r"(\d{1,2})[:.](\d{2})(?::(\d{2}))?$")
_TIME_WORDS = ("kl.", "kl", "at")
_NOW = {"now", "nå", "na", "just now", "akkurat nå"}
# "2 timer siden", "for en time siden", "3 days ago": a moment counted back from now, the hour included.
_AGO = re.compile(
    r"(?:for\s+)?(\d{1,4}|en|ett|ei|one|an|a)\s+(minutt(?:er)?|min|time(?:r)?|dag(?:er)?|døgn|uker?|minutes?|hours?"
    r"|days?|weeks?)\s+(?:siden|ago)",
    re.IGNORECASE,
)
_AGO_UNITS = {"min": 1, "tim": 60, "hou": 60, "dag": 1440, "day": 1440, "døg": 1440, "uke": 10080, "wee": 10080}
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


def parse_datetime(text: str, *, now: datetime) -> datetime:
    """A moment from an ISO datetime (with or without its offset) or a date as parse_date reads it and a time of
    day ("i går 14:30", "24.10.2026 kl 12.00"); "now" for the registry's clock. Without an offset the time is
    Norwegian. A date alone is refused: a deadline counted in hours needs the hour."""
    value = " ".join(text.strip().split())
    if value.lower() in _NOW:
        return now.astimezone(OSLO)
    ago = _AGO.fullmatch(value)
    if ago:
        count = int(ago.group(1)) if ago.group(1).isdigit() else 1
        minutes = count * _AGO_UNITS[ago.group(2).lower()[:3]]
        return (now - timedelta(minutes=minutes)).astimezone(OSLO)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        match = _TIME.search(value)
        before = value[: match.start()] if match else ""
        if match is None or not before.endswith((" ", "T")) or not before[:-1].strip():
            raise InputError("Not a date and time", value=text, accepted=_ACCEPTED_TIME) from None
        words = before[:-1].split()
        if words[-1].lower() in _TIME_WORDS:
            words = words[:-1]
        if not words:
            raise InputError("Not a date and time", value=text, accepted=_ACCEPTED_TIME) from None
        day = parse_date(" ".join(words), today=now.astimezone(OSLO).date())
        hour, minute, second = (int(g or 0) for g in match.groups())
        if hour > 23 or minute > 59 or second > 59:
            raise InputError("Not a time of day", value=text, accepted=_ACCEPTED_TIME) from None
        moment = datetime(day.year, day.month, day.day, hour, minute, second)
    else:
        if len(value) <= 10:  # a bare ISO date
            raise InputError("The time of day is missing", value=text, accepted=_ACCEPTED_TIME)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=OSLO)
        # A time the clocks skip when summer time starts (02:00-03:00 on the last Sunday of March) never was.
        if moment.astimezone(UTC).astimezone(OSLO).replace(tzinfo=None) != moment.replace(tzinfo=None):
            raise InputError(
                "No such time in Norway: the clocks skip that hour when summer time starts",
                value=text,
                accepted="a time before 02:00 or from 03:00",
            )
    return moment.astimezone(OSLO)


def past_datetime(text: str, *, now: datetime, key: str) -> datetime:
    """A moment at which something happened: parsed as parse_datetime, refused when after `now`."""
    moment = parse_datetime(text, now=now)
    if moment > now:
        raise InputError(
            f"{key}= is {moment.strftime('%Y-%m-%d %H:%M')}, in the future; it says when something happened",
            value=text,
            accepted=f"now ({now.astimezone(OSLO).strftime('%Y-%m-%d %H:%M')}) or earlier",
        )
    return moment


def oslo_time(moment: datetime | str) -> str:
    """A moment as Norwegian time with its zone, e.g. '2026-10-27 11:00 CET'."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment.astimezone(OSLO).strftime("%Y-%m-%d %H:%M %Z")
