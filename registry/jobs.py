"""When the bot's background jobs last ran, kept in the registry itself: with several bot processes on one
registry, a daily job that one of them finished today is not run again by another. A bot-internal table, written
in the store's transaction but not audited (no one changed the registry), and not part of an export. It holds one
document, the day each job last ran by job name, written by id (another process catches up with that one row)."""

from __future__ import annotations

from datetime import date

from registry.schema import JOBS_TABLE
from registry.store import Store


def last_run(store: Store, name: str) -> date | None:
    """The day the job `name` last ran to its end, if it ever did."""
    with store.read():
        runs = next(iter(store.tables().get(JOBS_TABLE, {}).values()), {})
    day = runs.get(name)
    return date.fromisoformat(day) if isinstance(day, str) else None


def record_run(store: Store, name: str, day: date) -> None:
    """Note that the job `name` ran on `day`."""
    with store.transaction():
        held = next(iter(store.tables().get(JOBS_TABLE, {})), None)
        if held is None:
            store.table(JOBS_TABLE).insert({name: day.isoformat()})
        else:
            store.table(JOBS_TABLE).update({name: day.isoformat()}, doc_ids=[int(held)])
