"""Statutory deadlines for answering a data subject (GDPR Art. 12(3)), counted as Regulation 1182/71 does."""

from __future__ import annotations

import calendar
from datetime import date


def add_months(start: date, months: int) -> date:
    """The same day `months` later; the month's last day when it has no such day (31 Jan + 1 = 28/29 Feb)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def answer_due(received: date) -> date:
    """One month after receipt (Art. 12(3))."""
    return add_months(received, 1)
