"""Statutory deadlines for answering a data subject (GDPR Art. 12(3)), counted as Regulation 1182/71 does."""

from __future__ import annotations

from datetime import date

from registry.dates import add_months


def answer_due(received: date) -> date:
    """One month after receipt (Art. 12(3))."""
    return add_months(received, 1)
