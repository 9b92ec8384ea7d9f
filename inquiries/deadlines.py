"""Statutory deadlines for answering a data subject (GDPR Art. 12(3)), counted as Regulation 1182/71 does.

A month runs to the same date in the next month (or that month's last day); a period that ends on a
Saturday, Sunday or Norwegian public holiday ends on the next working day (Reg. 1182/71 Art. 3(4)).
The holiday calendar comes from the `holidays` package (Easter-based dates included).

The extended deadline (Art. 12(3): "two further months") is counted two ways in practice: three months from
receipt, or two months from the end of the first month. They differ when the first month ends short (received
31 Jan: first month ends 28 Feb, + 2 months = 28 Apr, not 30 Apr). We take the earlier, the safer; it is never
later than the other. The first month's end is its calendar end, not moved off a weekend; only the final day
moves to the next working day.
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
FURTHER_MONTHS = 2  # Art. 12(3): extendable by two further months
# Said wherever the extended due date is shown.
EXTENDED_RULE = "two months from the end of the first month, the earlier of the two ways to count"
FORWARD_WORKING_DAYS = 2  # default: a processor forwards a request to its controller within this


@dataclass(frozen=True)
class Deadlines:
    received: date
    due: date  # the answer, or a reasoned refusal (Art. 12(4)), at the latest
    extension_notice_due: date  # an extension must be told, with reasons, within the first month
    extended_due: date  # the latest answer date if extended (the earlier count: see extended_end)

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


def extended_end(received: date) -> date:
    """The last day to answer when extended: the earlier of two months from the end of the first month and
    three months from receipt, moved to the next working day."""
    first_month_end = add_months(received, ANSWER_MONTHS)
    from_first_month = add_months(first_month_end, FURTHER_MONTHS)
    from_receipt = add_months(received, ANSWER_MONTHS + FURTHER_MONTHS)
    return next_working_day(min(from_first_month, from_receipt))


def deadlines(received: date) -> Deadlines:
    due = period_end(received, ANSWER_MONTHS)
    return Deadlines(received=received, due=due, extension_notice_due=due, extended_due=extended_end(received))


def local_date(moment: datetime) -> date:
    """The calendar day in Norway at `moment` (an aware datetime), whatever the DST offset."""
    return moment.astimezone(OSLO).date()
