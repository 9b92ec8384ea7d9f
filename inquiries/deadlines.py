"""Statutory deadlines for answering a data subject (GDPR Art. 12(3)), counted as Regulation 1182/71 does.

A month runs to the same date in the next month (or that month's last day); a period that ends on a
Saturday, Sunday or Norwegian public holiday ends on the next working day (Reg. 1182/71 Art. 3(4)).
The holiday calendar comes from the `holidays` package (Easter-based dates included).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from registry.dates import add_months

OSLO = ZoneInfo("Europe/Oslo")
ANSWER_MONTHS = 1  # Art. 12(3): one month
EXTENDED_MONTHS = 3  # Art. 12(3): extendable by two further months
FORWARD_WORKING_DAYS = 2  # default: a processor forwards a request to its controller within this


@dataclass(frozen=True)
class Deadlines:
    received: date
    due: date  # the answer, or a reasoned refusal (Art. 12(4)), at the latest
    extension_notice_due: date  # an extension must be told, with reasons, within the first month
    extended_due: date  # the latest answer date if extended

    def to_json(self) -> dict[str, str]:
        return {
            "received": self.received.isoformat(),
            "due": self.due.isoformat(),
            "extension_notice_due": self.extension_notice_due.isoformat(),
            "extended_due": self.extended_due.isoformat(),
        }


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("NO", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def next_working_day(day: date) -> date:
    """`day` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_working_days(start: date, days: int) -> date:
    day = start
    for _ in range(days):
        day = next_working_day(day + timedelta(days=1))
    return day


def period_end(received: date, months: int) -> date:
    return next_working_day(add_months(received, months))


def deadlines(received: date) -> Deadlines:
    due = period_end(received, ANSWER_MONTHS)
    return Deadlines(
        received=received, due=due, extension_notice_due=due, extended_due=period_end(received, EXTENDED_MONTHS)
    )


def local_date(moment: datetime) -> date:
    """The calendar day in Norway at `moment` (an aware datetime), whatever the DST offset."""
    return moment.astimezone(OSLO).date()
