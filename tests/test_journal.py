"""The audit log as an append-only journal beside the registry file: a change and its audit event land together,
a torn or uncommitted tail is never read and is cut away at the next commit, a redaction leaves no old copy on
disk, and a registry file from before the journal (schema 1, audit table inside) is moved over on first open."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta
from pathlib import Path

import orjson
import pytest
from audit_log import audit_log, stored_text
from test_console import console

from chat import Context, Services, dispatch
from inquiries import tracking
from registry import journal
from registry.errors import SaveError
from registry.models import AuditEvent, Party
from registry.registry import Actor, Registry
from registry.schema import META_TABLE, SCHEMA_VERSION
from registry.store import Store


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "registry.json"


def _services(path: Path, now) -> Services:
    return Services(registry=Registry(Store(path), clock=lambda: now), out=path.parent / "out")


def _run(services: Services, line: str, *, ok: bool = True):
    reply = dispatch(Context(services=services, user="U_DPO", line=line, local=True), line)
    assert reply.ok is ok, reply.text
    return reply


def _journal_file(path: Path, epoch: int = 1) -> Path:
    return path.with_name(f"{path.name}.audit-{epoch}.jsonl")


def _committed(path: Path) -> dict[str, int]:
    return orjson.loads(path.read_bytes())[META_TABLE]["1"]["journal"]


def test_each_change_appends_its_event_to_the_journal_and_history_reads_it(path: Path, fixed_now) -> None:
    services = _services(path, fixed_now)
    _run(services, 'party add "Fjordlys AS" country=NO')
    _run(services, 'party set "Fjordlys AS" email=privacy@fjordlys.no')
    data = orjson.loads(path.read_bytes())
    assert "audit" not in data and data[META_TABLE]["1"]["schema"] == SCHEMA_VERSION
    lines = _journal_file(path).read_bytes().splitlines(keepends=True)
    assert len(lines) == 2 and _committed(path) == {"epoch": 1, "bytes": sum(map(len, lines))}
    first = orjson.loads(lines[0])
    assert first["id"] == 1 and first["action"] == "add" and first["kind"] == "parties"
    # Another process reads what this one wrote.
    other = _services(path, fixed_now)
    reply = _run(other, "history")
    assert reply.text.startswith("2 changes:") and 'party set "Fjordlys AS"' in reply.text
    assert [e["id"] for e in reply.data["events"]] == [2, 1]


def test_a_refused_change_writes_no_audit_event(path: Path, fixed_now) -> None:
    services = _services(path, fixed_now)
    _run(services, 'party add "Fjordlys AS" country=NO')
    size = _journal_file(path).stat().st_size
    _run(services, 'party add "Fjordlys AS" country=NO', ok=False)
    assert _journal_file(path).stat().st_size == size
    assert _run(services, "history").text.startswith("1 change:")


def test_a_torn_line_past_the_committed_length_is_never_read_and_is_cut_away(path: Path, fixed_now) -> None:
    services = _services(path, fixed_now)
    _run(services, 'party add "Fjordlys AS" country=NO')
    good = _journal_file(path).read_bytes()
    with _journal_file(path).open("ab") as f:  # half a line, as a writer killed mid-append leaves it
        f.write(b'{"id": 2, "at": "2026-11-21T12:00:00+00:00", "who": "U_X", "comm')
    assert _run(_services(path, fixed_now), "history").text.startswith("1 change:")

    _run(services, 'party add "Havbris AS" country=NO')
    raw = _journal_file(path).read_bytes()
    assert raw.startswith(good) and raw.endswith(b"\n") and len(raw) == _committed(path)["bytes"]
    events = [orjson.loads(line) for line in raw.splitlines()]
    assert [e["id"] for e in events] == [1, 2] and "Havbris" in events[1]["command"]


def test_a_journal_cut_short_mid_line_drops_only_that_line_and_heals(path: Path, fixed_now) -> None:
    services = _services(path, fixed_now)
    for name in ("Fjordlys AS", "Havbris AS", "Skog AS"):
        _run(services, f'party add "{name}" country=NO')
    raw = _journal_file(path).read_bytes()
    _journal_file(path).write_bytes(raw[: len(raw) - 20])  # the last event torn
    reply = _run(_services(path, fixed_now), "history")
    assert reply.text.startswith("2 changes:") and "Skog" not in reply.text

    _run(services, 'party add "Lyngen AS" country=NO')
    raw = _journal_file(path).read_bytes()
    assert len(raw) == _committed(path)["bytes"]
    events = [orjson.loads(line) for line in raw.splitlines()]  # every line whole again
    assert [e["id"] for e in events] == [1, 2, 4]  # the lost event's id is not given to another


def test_a_crash_between_the_journal_append_and_the_registry_rename_loses_both(
    path: Path, fixed_now, monkeypatch
) -> None:
    services = _services(path, fixed_now)
    _run(services, 'party add "Fjordlys AS" country=NO')

    def crash(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("registry.store.os.replace", crash)
    reply = _run(services, 'party add "Havbris AS" country=NO', ok=False)
    assert "Nothing was changed" in reply.text
    monkeypatch.undo()
    assert _journal_file(path).stat().st_size > _committed(path)["bytes"]  # appended, but not counted

    fresh = _services(path, fixed_now)
    assert _run(fresh, "history").text.startswith("1 change:")
    assert "Havbris" not in _run(fresh, "party list").text
    _run(services, 'party add "Skog AS" country=NO')
    events = list(audit_log(path).values())
    assert [e["command"] for e in events] == ['party add "Fjordlys AS" country=NO', 'party add "Skog AS" country=NO']
    assert _journal_file(path).stat().st_size == _committed(path)["bytes"]


def test_a_failed_journal_append_changes_nothing(path: Path, fixed_now) -> None:
    services = _services(path, fixed_now)
    _run(services, 'party add "Fjordlys AS" country=NO')
    before = path.read_bytes()
    _journal_file(path).chmod(0o400)
    _journal_file(path).rename(path.with_name("elsewhere"))
    _journal_file(path).mkdir()  # a folder where the journal should be: the append fails
    try:
        with pytest.raises(SaveError, match="its audit log"):
            parties_add(services.registry, "Havbris AS")
    finally:
        _journal_file(path).rmdir()
        path.with_name("elsewhere").rename(_journal_file(path))
    assert path.read_bytes() == before
    with services.registry.reading():
        assert services.registry.party_named("Havbris") is None


def parties_add(registry: Registry, name: str) -> None:
    from registry import parties

    parties.add_party(registry, Actor("U_DPO", f'party add "{name}"'), Party(name=name, country="NO"))


def test_a_rolled_back_transaction_in_memory_leaves_no_event(fixed_now) -> None:
    registry = Registry(Store(None), clock=lambda: fixed_now)
    parties_add(registry, "Fjordlys AS")
    with pytest.raises(RuntimeError), registry.change(Actor("U_DPO", "party add")) as w:
        w.insert(Party(name="Havbris AS", country="NO"))
        raise RuntimeError("refused")
    parties_add(registry, "Skog AS")
    with registry.reading():
        events = registry.all(AuditEvent)
    assert [(e.record, e.action) for e in events] == [(1, "add"), (2, "add")]
    assert [e.command for e in events] == ['party add "Fjordlys AS"', 'party add "Skog AS"']


def test_inquiry_purge_rewrites_the_journal_and_removes_the_old_epoch(path: Path, fixed_now) -> None:
    services = _services(path, fixed_now)
    _run(services, "inquiry new Slett alt om meg, hilsen Kari Nordmann. received=2026-11-20 from=kari@example.no")
    _run(services, 'inquiry close 1 note="Svar sendt til Kari"')
    assert "Svar sendt til Kari" in stored_text(path)
    later = Registry(services.registry.store, clock=lambda: fixed_now + timedelta(days=800))
    assert tracking.purge(later, Actor("bot", "purge")) == [1]

    assert not _journal_file(path, 1).exists() and _journal_file(path, 2).exists()
    assert _committed(path)["epoch"] == 2
    text = stored_text(path)
    assert "Kari" not in text and "kari@example.no" not in text
    commands = [e["command"] for e in audit_log(path).values()]
    assert "inquiry close 1 [deleted]" in commands and len(commands) == 3
    # Changes after the rewrite append to the new epoch, in this process and in another.
    _run(services, 'party add "Fjordlys AS" country=NO')
    _run(_services(path, fixed_now), 'party add "Havbris AS" country=NO')
    history = _run(services, "history").data["events"]
    assert [e["id"] for e in history] == [5, 4, 3, 2, 1]


def test_a_journal_epoch_left_by_a_crashed_rewrite_is_removed_at_open(path: Path, fixed_now) -> None:
    services = _services(path, fixed_now)
    _run(services, 'party add "Fjordlys AS" country=NO')
    services.registry.store.close()
    _journal_file(path, 2).write_bytes(b'{"id": 1, "command": "not committed"}\n')
    _run(_services(path, fixed_now), 'party add "Havbris AS" country=NO')
    assert not _journal_file(path, 2).exists()
    assert audit_log(path)["1"]["command"] == 'party add "Fjordlys AS" country=NO'


def _schema1_file(path: Path) -> None:
    """A registry file as the bot wrote it before the journal: schema 1, the audit log a table inside."""
    event = {"at": "2026-01-05T09:00:00+00:00", "who": "U_OLD", "kind": "parties", "action": "add", "before": None}
    data = {
        META_TABLE: {"1": {"schema": 1, "next_ids": {"parties": 3, "audit": 4}}},
        "parties": {"1": {"name": "Gammel AS", "country": "NO"}},
        "audit": {
            "1": {**event, "command": 'party add "Gammel AS"', "record": 1, "after": {"name": "Gammel AS"}},
            "2": {**event, "command": 'party add "Borte AS"', "record": 2, "after": {"name": "Borte AS"}},
            "3": {**event, "command": 'party remove "Borte AS"', "record": 2, "action": "remove", "after": None},
        },
    }
    path.write_bytes(orjson.dumps(data))


def test_a_schema_1_file_moves_its_audit_table_into_the_journal_on_first_open(path: Path) -> None:
    _schema1_file(path)
    old = path.read_bytes()
    result = console('history\nparty add "Ny AS" country=NO\nhistory\n', "--db", str(path), cwd=path.parent)
    assert result.returncode == 0, result.stderr
    assert "3 changes:" in result.stdout and 'party remove "Borte AS"' in result.stdout
    assert "4 changes:" in result.stdout
    assert path.with_name("registry.json.schema1.bak").read_bytes() == old  # the old file kept as it was
    data = orjson.loads(path.read_bytes())
    assert "audit" not in data and data[META_TABLE]["1"]["schema"] == SCHEMA_VERSION
    events = audit_log(path)
    assert list(events) == ["1", "2", "3", "4"] and events["4"]["command"] == 'party add "Ny AS" country=NO'
    assert events["1"] == orjson.loads(old)["audit"]["1"]


def test_export_json_carries_the_journal_and_restore_writes_it_back(tmp_path: Path) -> None:
    built = console(
        'party add "Fjordlys AS" country=NO\nparty add "Havbris AS" country=NO\nexport json backup.json\n',
        "--db",
        "old.json",
        cwd=tmp_path,
    )
    assert built.returncode == 0, built.stderr
    backup = json.loads((tmp_path / "backup.json").read_text(encoding="utf-8"))
    assert [e["id"] for e in backup["audit"]] == [1, 2] and backup["schema"] == SCHEMA_VERSION
    restored = console("history\n", "--db", "new.json", "--restore", "backup.json", cwd=tmp_path)
    assert restored.returncode == 0, restored.stderr
    events = audit_log(tmp_path / "new.json")
    assert list(events)[:2] == ["1", "2"] and events["3"]["action"] == "restore"
    assert events["1"] == {k: v for k, v in backup["audit"][0].items() if k != "id"}


def test_a_backup_from_before_the_journal_restores_its_audit_log(tmp_path: Path) -> None:
    _schema1_file(tmp_path / "old.json")
    data = orjson.loads((tmp_path / "old.json").read_bytes())
    backup = {"schema": 1, "next_ids": data[META_TABLE]["1"]["next_ids"]}
    backup |= {
        name: [{"id": int(k), **v} for k, v in table.items()] for name, table in data.items() if name != META_TABLE
    }
    (tmp_path / "backup.json").write_bytes(orjson.dumps(backup))
    restored = console('party add "Ny AS"\nhistory\n', "--db", "new.json", "--restore", "backup.json", cwd=tmp_path)
    assert restored.returncode == 0, restored.stderr
    events = audit_log(tmp_path / "new.json")
    assert [events[k]["command"] for k in ("1", "2", "3")] == [e["command"] for e in backup["audit"]]
    assert events["4"]["action"] == "restore"


def test_restore_refuses_a_registry_whose_audit_log_is_not_empty(tmp_path: Path) -> None:
    assert console('party add "Borte AS"\nparty remove "Borte AS"\n', "--db", "new.json", cwd=tmp_path).returncode == 0
    console('party add "Fjordlys AS"\nexport json backup.json\n', "--db", "old.json", cwd=tmp_path)
    restored = console("", "--db", "new.json", "--restore", "backup.json", cwd=tmp_path)
    assert restored.returncode != 0 and "2 audit" in restored.stderr + restored.stdout


def test_opening_a_large_journal_parses_none_of_it_until_history_is_asked_for(path: Path, fixed_now) -> None:
    store = Store(path)
    events = [AuditEvent(who="U_BULK", command="party add", kind="parties", record=i).to_doc() for i in range(5000)]
    store.bulk_load({"audit": events})
    store.close()
    registry = Registry(Store(path), clock=lambda: fixed_now)
    parties_add(registry, "Fjordlys AS")
    assert registry.store._events == {}  # nothing parsed: writing appends without reading the log
    with registry.reading():
        assert registry.count(AuditEvent) == 5001


def test_parse_drops_a_torn_last_line_and_a_damaged_one() -> None:
    raw = journal.lines([{"id": 1, "a": 1}]) + b"not json\n" + journal.lines([{"id": 3}]) + b'{"id": 4, "a'
    events, used = journal.parse(raw)
    assert [e["id"] for e in events] == [1, 3] and used == raw.rindex(b"\n") + 1


def test_the_journal_follows_a_copied_registry_only_with_its_file(path: Path, fixed_now, tmp_path: Path) -> None:
    """Copying only the registry file (not its journal) gives a registry that says its log is missing lines, not
    one that invents them: history shows what is there, and the next change starts the journal afresh."""
    services = _services(path, fixed_now)
    _run(services, 'party add "Fjordlys AS" country=NO')
    copy = tmp_path / "copy" / "registry.json"
    copy.parent.mkdir()
    shutil.copyfile(path, copy)
    other = _services(copy, fixed_now)
    assert _run(other, "history").text == "No changes recorded."
    _run(other, 'party add "Havbris AS" country=NO')
    assert list(audit_log(copy)) == ["2"]


def test_a_registry_file_made_read_only_gets_nothing_appended_to_its_journal(path: Path, fixed_now) -> None:
    services = _services(path, fixed_now)
    _run(services, 'party add "Fjordlys AS" country=NO')
    journal_before = _journal_file(path).read_bytes()
    path.chmod(0o444)
    reply = _run(services, 'party add "Havbris AS" country=NO', ok=False)
    assert "is read-only" in reply.text
    assert _journal_file(path).read_bytes() == journal_before
