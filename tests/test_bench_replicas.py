"""The replicas bench (bench/bench_replicas.py): its load is what BENCHMARKS.md says it is, its section replaces only
itself, and a small run goes end to end (bots, PostgreSQL, a kill) with nothing lost or duplicated."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import bench_replicas


def test_the_load_is_two_thousand_commands_thirty_percent_unique_writes_spread_over_twenty_clients():
    work = bench_replicas.plan(20, 2000)
    assert [len(commands) for commands in work] == [100] * 20
    writes = [(c, command.write) for c, commands in enumerate(work) for command in commands if command.write]
    assert len(writes) == 600
    assert len({write for _, write in writes}) == 600  # every write unique: a lost or doubled one can be told
    kinds = Counter(command.kind for commands in work for command in commands)
    assert kinds["party add"] == 400 and kinds["engage"] == 200 and kinds["review"] == 200
    # Each client names only its own parties, so each write belongs to one workspace.
    assert all(f"C{c:02d}" in write[1] for c, write in writes)


def test_each_mode_replaces_only_its_own_section(tmp_path):
    out = tmp_path / "BENCHMARKS.md"
    out.write_text("# Benchmarks\n\n## 1. Sizes\n\nkept\n\n## Breaches\n\nkept too\n", encoding="utf-8")
    one = bench_replicas.SECTION.format(mode="one registry")
    many = bench_replicas.SECTION.format(mode="20 workspaces")
    bench_replicas.write_section(out, [one, "", "first"])
    bench_replicas.write_section(out, [many, "", "second"])
    bench_replicas.write_section(out, [one, "", "third"])
    text = out.read_text(encoding="utf-8")
    assert "first" not in text and "third" in text and "second" in text
    assert text.count(one) == 1 and text.count(many) == 1
    assert text.startswith("# Benchmarks\n\n## 1. Sizes\n\nkept\n\n## Breaches\n\nkept too\n")


@pytest.mark.slow
def test_a_small_run_loses_and_doubles_nothing_and_the_survivor_answers_after_the_kill(postgres, capsys):
    if postgres[0] is None:
        pytest.skip(postgres[1])
    status = bench_replicas.main(["--commands", "40", "--clients", "2", "--workspaces", "1", "--no-write"])
    printed = capsys.readouterr().out
    assert status == 0, printed
    assert "| PostgreSQL, two replicas, one killed half-way | 40 |" in printed
    assert "0 writes answered as recorded are missing, 0 are there twice" in printed
