"""When the bot's background jobs last ran, kept in the registry itself: with several bot processes on one
registry, a daily job that one of them finished today is not run again by another. A bot-internal table, written
in the store's transaction but not audited (no one changed the registry), and not part of an export."""

from __future__ import annotations

from datetime import date

from tinydb.table import Document

from registry.schema import JOBS_TABLE
from registry.store import Store

_RUNS = 1  # the one document of the table: the day each job last ran, by job name


def last_run(store: Store, name: str) -> date | None:
    """The day the job `name` last ran to its end, if it ever did."""
    with store.read():
        day = store.tables().get(JOBS_TABLE, {}).get(str(_RUNS), {}).get(name)
    return date.fromisoformat(day) if isinstance(day, str) else None


def record_run(store: Store, name: str, day: date) -> None:
    """Note that the job `name` ran on `day`."""
    with store.transaction():
        table = store.table(JOBS_TABLE)
        if table.contains(doc_id=_RUNS):
            table.update({name: day.isoformat()}, doc_ids=[_RUNS])
        else:
            table.insert(Document({name: day.isoformat()}, doc_id=_RUNS))
