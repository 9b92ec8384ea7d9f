"""Answer deadlines: one month (Reg. 1182/71), past Norwegian weekends and public holidays, and extensions."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from inquiries.deadlines import add_working_days, deadlines, extended_end, local_date, next_working_day
from registry.dates import add_months


@pytest.mark.parametrize(
    ("received", "due", "why"),
    [
        (date(2025, 3, 15), date(2025, 4, 15), "same date next month (a Tuesday)"),
        (date(2025, 1, 31), date(2025, 2, 28), "no 31 Feb: the month's last day (a Friday)"),
        (date(2024, 1, 31), date(2024, 2, 29), "leap year"),
        (date(2025, 1, 30), date(2025, 2, 28), "no 30 Feb either"),
        (date(2025, 8, 31), date(2025, 9, 30), "30-day month"),
        (date(2025, 5, 31), date(2025, 6, 30), "30 June, a Monday"),
        (date(2025, 3, 17), date(2025, 4, 22), "17 Apr Maundy Thursday, Good Friday, weekend, Easter Monday"),
        (date(2026, 3, 2), date(2026, 4, 7), "2 Apr 2026 Maundy Thursday ... Easter Monday 6 Apr"),
        (date(2025, 4, 17), date(2025, 5, 19), "17 May Constitution Day 2025 is a Saturday"),
        (date(2027, 4, 17), date(2027, 5, 18), "17 May 2027 is a Monday holiday"),
        (date(2025, 11, 25), date(2025, 12, 29), "25 Dec Christmas, 26 Dec, weekend"),
        (date(2025, 12, 1), date(2026, 1, 2), "1 Jan New Year's Day"),
        (date(2025, 12, 31), date(2026, 2, 2), "31 Jan 2026 is a Saturday"),
        (date(2026, 4, 14), date(2026, 5, 15), "14 May 2026 Ascension Day"),
        (date(2026, 4, 24), date(2026, 5, 26), "24 May Whit Sunday, 25 May Whit Monday"),
        (date(2025, 4, 1), date(2025, 5, 2), "1 May Labour Day"),
    ],
)
def test_answer_due(received, due, why):
    assert deadlines(received).due == due, why


def test_extension_must_be_told_within_the_first_month():
    d = deadlines(date(2025, 1, 31))
    assert d.extension_notice_due == d.due == date(2025, 2, 28)
    # Was 30 Apr (receipt + 3 months); two months from the end of the first month (28 Feb) is earlier, and safer.
    assert d.extended_due == date(2025, 4, 28)
    assert deadlines(date(2025, 9, 25)).extended_due == date(2025, 12, 29)  # 25 Dec + 26 Dec + weekend


@pytest.mark.parametrize(
    ("received", "extended_due", "why"),
    [
        (date(2027, 1, 31), date(2027, 4, 28), "first month ends 28 Feb; 28 Apr 2027 is a Wednesday, not 30 Apr"),
        # Leap year: first month ends 29 Feb, + 2 = Saturday 29 Apr 2028; Sunday 30 Apr, 1 May Labour Day: 2 May.
        (date(2028, 1, 31), date(2028, 5, 2), "leap year, moved past the weekend and 1 May"),
        (date(2025, 3, 15), date(2025, 6, 16), "both counts agree: 15 Jun 2025 is a Sunday"),
        (date(2026, 12, 31), date(2027, 3, 31), "both counts agree: 31 Mar 2027 (March has 31 days)"),
        (date(2026, 11, 30), date(2027, 3, 1), "both counts agree: 28 Feb 2027, a Sunday"),
    ],
)
def test_extended_due_is_the_earlier_of_the_two_counts(received, extended_due, why):
    assert extended_end(received) == extended_due, why
    assert deadlines(received).extended_due == extended_due, why
    three_months = next_working_day(add_months(received, 3))
    assert extended_due <= three_months  # never later than receipt + 3 months


def test_received_day_is_the_norwegian_calendar_day_across_dst():
    # 29 March 2026: clocks go forward at 02:00 local. 23:30 UTC on 28 March is 00:30 on the 29th in Oslo.
    assert local_date(datetime(2026, 3, 28, 23, 30, tzinfo=timezone.utc)) == date(2026, 3, 29)
    assert local_date(datetime(2026, 3, 28, 22, 30, tzinfo=timezone.utc)) == date(2026, 3, 28)
    # 25 October 2026: clocks go back. 22:30 UTC is 23:30 local (UTC+1) on the 25th; 23:30 UTC is the 26th.
    assert local_date(datetime(2026, 10, 25, 22, 30, tzinfo=timezone.utc)) == date(2026, 10, 25)
    assert local_date(datetime(2026, 10, 25, 23, 30, tzinfo=timezone.utc)) == date(2026, 10, 26)
    # A summer receipt: UTC+2
    assert local_date(datetime(2026, 6, 30, 22, 30, tzinfo=timezone.utc)) == date(2026, 7, 1)


def test_working_days():
    assert next_working_day(date(2025, 12, 24)) == date(2025, 12, 24)  # Christmas Eve is not a public holiday
    assert next_working_day(date(2025, 12, 25)) == date(2025, 12, 29)
    assert add_working_days(date(2025, 4, 16), 2) == date(2025, 4, 23)  # over Easter
    assert add_working_days(date(2025, 5, 16), 1) == date(2025, 5, 19)
