"""The record check's two paths (registry.integrity): the column-at-a-time check that passes a sound table
quickly, and the record-by-record one that names what is wrong, must agree on every table."""

from __future__ import annotations

from pathlib import Path

from test_store_files import _sound_registry

from registry import integrity
from registry.models import RECORD_TYPES, Agreement, Engagement, Inquiry, Party, SubprocessorLink


def test_the_fast_check_and_the_record_by_record_check_agree(tmp_path: Path, fixed_now) -> None:
    """integrity decides a table column by column and names records one by one: each damage above, and each
    field of each record set to each kind of wrong value, is found by both or by neither."""
    data = _sound_registry(tmp_path / "registry.json", fixed_now)
    wrong_values = [None, 0, 1, -1, "", "x", "2025-01-31", True, [], [1], ["x"], {}, 1.5]
    for cls in (Party, Engagement, SubprocessorLink, Agreement, Inquiry):
        checks = integrity._fields(RECORD_TYPES[cls.table])
        for key, document in data[cls.table].items():
            for check in checks:
                for value in [*wrong_values, integrity._MISSING]:
                    changed = dict(document)
                    if value is integrity._MISSING:
                        changed.pop(check.name, None)
                    else:
                        changed[check.name] = value
                    table = {**data[cls.table], key: changed}
                    slow = any(integrity._record_problem(k, d, checks) for k, d in table.items())
                    assert integrity._table_sound(table, checks) is not slow, (cls.table, check.name, value)
