"""The journal beside the registry file, its write-ahead log: a commit is one checksummed line holding the change
and its audit event, a torn tail is dropped and cut away at the next commit, a damaged line in the middle is
refused, the file is a checkpoint written once the journal has grown past it, a redaction leaves no old copy on
disk, and registry files from before (schema 1, audit table inside; schema 3, audit-only journal) are moved over
on first open."""

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
    """The epoch the registry file names, and the journal offset its checkpoint holds the changes up to."""
    return orjson.loads(path.read_bytes())[META_TABLE]["1"]["journal"]


def _commits(path: Path, epoch: int = 1) -> list[dict]:
    """Every commit in the journal, checking that each of its lines is whole."""
    raw = _journal_file(path, epoch).read_bytes()
    commits, used = journal.parse(raw)
    assert used == len(raw)
    return commits


def test_each_change_is_one_journal_line_with_its_event_and_history_reads_it(path: Path, fixed_now) -> None:
    services = _services(path, fixed_now)
    _run(services, 'party add "Fjordlys AS" country=NO')
    _run(services, 'party set "Fjordlys AS" email=privacy@fjordlys.no')
    data = orjson.loads(path.read_bytes())
    assert "audit" not in data and data[META_TABLE]["1"]["schema"] == SCHEMA_VERSION
    assert data["parties"] == {} and _committed(path) == {"epoch": 1, "bytes": 0}  # no checkpoint written yet
    lines = _journal_file(path).read_bytes().splitlines()
    assert len(lines) == 2 and all(line.startswith(b'{"crc":') for line in lines)
    first, second = _commits(path)
    assert [(e["id"], e["action"], e["kind"]) for e in first["audit"]] == [(1, "add", "parties")]
    assert first["set"]["parties"]["1"]["name"] == "Fjordlys AS"
    assert second["set"]["parties"]["1"]["email"] == "privacy@fjordlys.no"
    assert second["meta"]["next_ids"]["audit"] == 3
    # Another process reads what this one wrote.
    other = _services(path, fixed_now)
    reply = _run(other, "history")
    assert reply.text.startswith("2 changes:") and 'party set "Fjordlys AS"' in reply.text
    assert [e["id"] for e in reply.data["events"]] == [2, 1]
    assert "privacy@fjordlys.no" in _run(other, 'party show "Fjordlys AS"').text


def test_a_refused_change_writes_no_audit_event(path: Path, fixed_now) -> None:
    services = _services(path, fixed_now)
    _run(services, 'party add "Fjordlys AS" country=NO')
    size = _journal_file(path).stat().st_size
    _run(services, 'party add "Fjordlys AS" country=NO', ok=False)
    assert _journal_file(path).stat().st_size == size
    assert _run(services, "history").text.startswith("1 change:")


def test_a_torn_last_line_is_dropped_and_cut_away_at_the_next_commit(path: Path, fixed_now) -> None:
    services = _services(path, fixed_now)
    _run(services, 'party add "Fjordlys AS" country=NO')
    good = _journal_file(path).read_bytes()
    torn = journal.line({"audit": [{"id": 2, "command": 'party add "Ghost AS"'}], "set": {"parties": {"2": {}}}})
    with _journal_file(path).open("ab") as f:  # half a line, as a writer killed mid-append leaves it
        f.write(torn[:-30])
    fresh = _services(path, fixed_now)
    assert _run(fresh, "history").text.startswith("1 change:")
    assert "Ghost" not in _run(fresh, "party list").text

    _run(services, 'party add "Havbris AS" country=NO')
    raw = _journal_file(path).read_bytes()
    assert raw.startswith(good) and raw.endswith(b"\n")
    events = [e for commit in _commits(path) for e in commit["audit"]]
    assert [e["id"] for e in events] == [1, 2] and "Havbris" in events[1]["command"]


def test_a_journal_cut_short_mid_line_drops_that_commit_whole_and_heals(path: Path, fixed_now) -> None:
    services = _services(path, fixed_now)
    for name in ("Fjordlys AS", "Havbris AS", "Skog AS"):
        _run(services, f'party add "{name}" country=NO')
    raw = _journal_file(path).read_bytes()
    _journal_file(path).write_bytes(raw[: len(raw) - 20])  # the last commit torn: its change and its event
    fresh = _services(path, fixed_now)
    assert _run(fresh, "history").text.startswith("2 changes:")
    assert "Skog" not in _run(fresh, "party list").text  # never the change without its event, or the reverse

    _run(services, 'party add "Lyngen AS" country=NO')  # the process that wrote Skog sees it gone too
    assert "Skog" not in _run(services, "party list").text
    events = [e for commit in _commits(path) for e in commit["audit"]]  # every line whole again
    assert [e["command"] for e in events][-1] == 'party add "Lyngen AS" country=NO' and len(events) == 3


def test_a_failed_fsync_cuts_the_append_back_and_changes_nothing(path: Path, fixed_now, monkeypatch) -> None:
    services = _services(path, fixed_now)
    _run(services, 'party add "Fjordlys AS" country=NO')
    before = _journal_file(path).read_bytes()

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("registry.journal.os.fsync", full)
    reply = _run(services, 'party add "Havbris AS" country=NO', ok=False)
    assert "Nothing was changed" in reply.text and "No space left on device" in reply.text
    monkeypatch.undo()
    assert _journal_file(path).read_bytes() == before  # the append was cut back
    assert "Havbris" not in _run(services, "party list").text

    fresh = _services(path, fixed_now)
    assert _run(fresh, "history").text.startswith("1 change:")
    assert "Havbris" not in _run(fresh, "party list").text
    _run(services, 'party add "Skog AS" country=NO')
    events = list(audit_log(path).values())
    assert [e["command"] for e in events] == ['party add "Fjordlys AS" country=NO', 'party add "Skog AS" country=NO']


def test_a_failed_journal_append_changes_nothing(path: Path, fixed_now) -> None:
    services = _services(path, fixed_now)
    _run(services, 'party add "Fjordlys AS" country=NO')
    before = path.read_bytes()
    _journal_file(path).chmod(0o400)
    _journal_file(path).rename(path.with_name("elsewhere"))
    _journal_file(path).mkdir()  # a folder where the journal should be: the append fails
    try:
        with pytest.raises(SaveError, match="its journal"):
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


def test_parse_drops_a_torn_or_garbage_tail_and_refuses_a_damaged_middle_line() -> None:
    whole = journal.line({"audit": [{"id": 1}]}) + journal.line({"audit": [{"id": 2}]})
    wrong_sum = journal.line({"audit": [{"id": 3}]}).replace(b'"id":3', b'"id":4')
    raw = whole + wrong_sum + b'{"crc":12'
    commits, used = journal.parse(raw)
    assert [e["id"] for e in journal.events(commits)] == [1, 2] and used == len(whole)
    with pytest.raises(journal.Damaged) as caught:
        journal.parse(whole + wrong_sum + journal.line({"audit": [{"id": 5}]}), 100)
    assert caught.value.offset == 100 + len(whole)


def test_a_damaged_line_in_the_middle_of_the_journal_is_refused_with_a_message(path: Path, fixed_now) -> None:
    services = _services(path, fixed_now)
    for name in ("Fjordlys AS", "Havbris AS", "Skog AS"):
        _run(services, f'party add "{name}" country=NO')
    raw = _journal_file(path).read_bytes()  # no checkpoint yet: opening replays every line
    first = raw.index(b"\n") + 1
    _journal_file(path).write_bytes(raw[:first] + raw[first:].replace(b"Havbris", b"Hxvbris", 1))
    result = console("history\n", "--db", str(path), cwd=path.parent)
    assert result.returncode != 0
    assert f"has a damaged line at byte {first}, with whole lines after it" in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def test_a_registry_file_copied_alone_holds_what_its_last_checkpoint_holds(
    path: Path, fixed_now, tmp_path: Path
) -> None:
    """Copying only the registry file (not its journal) while the bot runs gives the registry as of its last
    checkpoint, without the audit log; once the bot has closed the registry cleanly, the file holds every change."""
    services = _services(path, fixed_now)
    _run(services, 'party add "Fjordlys AS" country=NO')
    copy = tmp_path / "copy" / "registry.json"
    copy.parent.mkdir()
    shutil.copyfile(path, copy)
    other = _services(copy, fixed_now)
    assert _run(other, "history").text == "No changes recorded."
    assert "Fjordlys" not in _run(other, "party list").text
    _run(other, 'party add "Havbris AS" country=NO')
    assert list(audit_log(copy)) == ["1"]

    services.registry.store.close()  # a clean close writes the checkpoint
    shutil.copyfile(path, copy)
    assert "Fjordlys" in _run(_services(copy, fixed_now), "party list").text


def test_a_registry_file_made_read_only_gets_nothing_appended_to_its_journal(path: Path, fixed_now) -> None:
    services = _services(path, fixed_now)
    _run(services, 'party add "Fjordlys AS" country=NO')
    journal_before = _journal_file(path).read_bytes()
    path.chmod(0o444)
    reply = _run(services, 'party add "Havbris AS" country=NO', ok=False)
    assert "is read-only" in reply.text
    assert _journal_file(path).read_bytes() == journal_before


def test_a_checkpoint_is_written_once_the_journal_outgrows_the_file_and_reopens_to_the_same_state(
    path: Path, fixed_now, monkeypatch
) -> None:
    monkeypatch.setattr("registry.store.CHECKPOINT_MIN_BYTES", 0)  # the bound is then the file's size alone
    services = _services(path, fixed_now)
    names = [f"Checkpoint {i:02d} AS" for i in range(12)]
    for name in names:
        _run(services, f'party add "{name}" country=NO')
    checkpoint = _committed(path)
    assert checkpoint["epoch"] == 1 and 0 < checkpoint["bytes"] < _journal_file(path).stat().st_size
    in_file = {p["name"] for p in orjson.loads(path.read_bytes())["parties"].values()}
    assert names[0] in in_file and names[-1] not in in_file  # the last commits live in the journal alone
    assert len(_commits(path)) == 12  # the journal keeps every commit and its events past a checkpoint

    fresh = _services(path, fixed_now)
    assert _run(fresh, "party list").text == _run(services, "party list").text
    assert _run(fresh, "history").data["events"] == _run(services, "history").data["events"]
    assert all(name in _run(fresh, "party list").text for name in names)
    assert len(audit_log(path)) == 12


def test_another_processes_commits_are_replayed_without_reading_the_file_again(path: Path, fixed_now) -> None:
    bot, console_ = _services(path, fixed_now), _services(path, fixed_now)
    _run(bot, 'party add "Fjordlys AS" country=NO')
    assert "Fjordlys" in _run(console_, "party list").text
    store = console_.registry.store
    signature, generation = store._signature, store.load_generation
    _run(bot, 'party set "Fjordlys AS" email=privacy@fjordlys.no')
    _run(bot, 'party add "Havbris AS" country=NO')
    assert "privacy@fjordlys.no" in _run(console_, 'party show "Fjordlys AS"').text
    assert "Havbris" in _run(console_, "party list").text  # the name index followed
    assert store._signature == signature and store.load_generation == generation + 1  # two lines, one replay
    assert _run(console_, "history").text.startswith("3 changes:")
    _run(console_, 'party add "Havbris AS" country=NO', ok=False)  # its duplicate check sees the bot's party


def test_a_schema_3_registry_moves_its_journal_to_the_checksummed_format_on_first_open(path: Path) -> None:
    """Schema 3 kept bare audit events in the journal and counted its committed bytes in the file; bytes past
    that count were never committed and stay out."""
    event = {"at": "2026-01-05T09:00:00+00:00", "who": "U_OLD", "kind": "parties", "before": None}
    events = [
        {"id": 1, **event, "command": 'party add "Gammel AS"', "record": 1, "action": "add", "after": {"n": 1}},
        {"id": 2, **event, "command": 'party set "Gammel AS"', "record": 1, "action": "change", "after": {"n": 2}},
    ]
    committed = b"".join(orjson.dumps(e) + b"\n" for e in events)
    _journal_file(path).write_bytes(committed + b'{"id": 3, "command": "never committed"}\n{"id": 4, "co')
    meta = {"schema": 3, "next_ids": {"parties": 2, "audit": 3}, "journal": {"epoch": 1, "bytes": len(committed)}}
    path.write_bytes(orjson.dumps({META_TABLE: {"1": meta}, "parties": {"1": {"name": "Gammel AS", "country": "NO"}}}))
    old = path.read_bytes()

    result = console('history\nparty add "Ny AS" country=NO\n', "--db", str(path), cwd=path.parent)
    assert result.returncode == 0, result.stderr
    assert "2 changes:" in result.stdout and "never committed" not in result.stdout
    assert path.with_name("registry.json.schema3.bak").read_bytes() == old
    assert not _journal_file(path, 1).exists() and orjson.loads(path.read_bytes())[META_TABLE]["1"]["schema"] == 4
    commits = _commits(path, 2)
    assert [e["id"] for e in journal.events(commits)] == [1, 2, 3]
    assert journal.events(commits)[0] == events[0] and "Ny AS" in journal.events(commits)[2]["command"]
    assert [c["name"] for c in orjson.loads(path.read_bytes())["parties"].values()] == ["Gammel AS", "Ny AS"]


def test_a_journal_cut_below_the_checkpoint_loses_only_events_and_the_next_change_starts_a_new_one(
    path: Path, fixed_now
) -> None:
    services = _services(path, fixed_now)
    for name in ("Fjordlys AS", "Havbris AS", "Skog AS"):
        _run(services, f'party add "{name}" country=NO')
    services.registry.store.close()  # the checkpoint now holds all three
    raw = _journal_file(path).read_bytes()
    _journal_file(path).write_bytes(raw[: raw.index(b"\n") + 1])  # only the first commit's line is left
    fresh = _services(path, fixed_now)
    assert all(name in _run(fresh, "party list").text for name in ("Fjordlys", "Havbris", "Skog"))
    assert _run(fresh, "history").text.startswith("1 change:")
    _run(fresh, 'party add "Lyngen AS" country=NO')
    assert not _journal_file(path, 1).exists() and _committed(path)["epoch"] == 2
    again = _services(path, fixed_now)
    assert "Lyngen" in _run(again, "party list").text
    assert [e["id"] for e in _run(again, "history").data["events"]] == [4, 1]
