"""Two processes on one registry file: one removes a party while the other records processing by it.

A command looks its parties up first and writes afterwards; the write must check, inside its own transaction,
that every party it refers to still exists, and a party is removed only when nothing refers to it, whichever
process commits first. Raced many times, the file must never hold a reference to a removed party.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import datetime, timezone
from pathlib import Path

import pytest
from test_crash import run_together

from chat import Context, Services, dispatch
from registry.registry import PARTY_FIELDS, Registry
from registry.store import Store

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 150

# Runs console commands as the privacy team, as the console would: each prints ok or the first word of its refusal.
RUNNER = textwrap.dedent(
    """
    import sys
    from datetime import datetime, timezone
    from chat import Context, Services, dispatch
    from registry.registry import Registry
    from registry.store import Store

    registry = Registry(Store(sys.argv[1]), clock=lambda: datetime(2026, 12, 5, tzinfo=timezone.utc))
    services = Services(registry=registry)
    role = sys.argv[2]
    lines = {
        "remover": ['party add "Racer AS" country=NO', 'engagement remove Racer for=Us', 'party remove "Racer AS"'],
        "engager": ['engage Racer for=Us purpose="Drift"', 'subprocessor add Racer Helper service=drift',
                    'transfer add Us Racer country=US mechanism=dpf'],
    }[role]
    print("ready", flush=True)
    sys.stdin.readline()
    outcomes = []
    for _ in range(int(sys.argv[3])):
        for line in lines:
            reply = dispatch(Context(services=services, user="U_DPO", line=line), line)
            outcomes.append("ok" if reply.ok else "refused")
        if role == "remover":
            for line in ('subprocessor remove Racer Helper', 'transfer remove Us Racer country=US',
                         'engagement remove Racer for=Us', 'party remove "Racer AS"'):
                dispatch(Context(services=services, user="U_DPO", line=line), line)
    print(outcomes.count("ok"), outcomes.count("refused"), flush=True)
    """
)


def _start(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", RUNNER, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_racing_a_removal_never_leaves_a_reference_to_a_removed_party(tmp_path: Path) -> None:
    path = tmp_path / "registry.json"
    registry = Registry(Store(path), clock=lambda: datetime(2026, 12, 5, tzinfo=timezone.utc))
    for line in ('party add "Us AS" self=yes country=NO', 'party add "Helper AS" country=NO'):
        assert dispatch(Context(services=Services(registry=registry), user="U_DPO", line=line), line).ok
    registry.store.close()

    removed, engaged = run_together([_start(str(path), role, str(ROUNDS)) for role in ("remover", "engager")])

    store = Store(path)
    with store.read():
        tables = store.tables()
        parties = set(tables["parties"])
        dangling = []
        for cls, names in PARTY_FIELDS.items():
            for key, doc in tables.get(cls.table, {}).items():
                for name in names:
                    value = doc.get(name)
                    for pid in value if isinstance(value, list) else ([] if value is None else [value]):
                        if str(pid) not in parties:
                            dangling.append((cls.table, key, name, pid))
    store.close()
    assert dangling == []
    assert int(engaged.split()[0]) > 0, "the engager never got a write in: the race was not run"
    print(f"\nremover ok/refused: {removed.strip()}; engager ok/refused: {engaged.strip()}")
