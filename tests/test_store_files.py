"""The registry file as an operator meets it: --db through a symbolic link (a persistent volume), a JSON file of
another application given as --db by mistake, and a registry with a damaged record inside valid JSON."""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest
from test_console import console
from test_store import _make_counter, _run_threads
from tinydb import TinyDB

from chat import Context, Services, dispatch
from registry import parties
from registry.errors import SaveError, StoreError
from registry.models import Party
from registry.registry import Actor, Registry
from registry.schema import META_TABLE, SCHEMA_VERSION
from registry.store import Store

ACTOR = Actor("test", "party add X")


def _linked(tmp_path: Path, *, target_name: str = "registry.json") -> tuple[Path, Path]:
    """data/registry.json -> persistent/<target_name>, in another folder, as on a redeployed container."""
    (tmp_path / "persistent").mkdir()
    (tmp_path / "app" / "data").mkdir(parents=True)
    link = tmp_path / "app" / "data" / "registry.json"
    target = tmp_path / "persistent" / target_name
    link.symlink_to(target)
    return link, target


# -- a registry behind a symbolic link -------------------------------------------------------------------------


def test_writes_through_a_symlink_go_to_its_target_and_the_link_stays(tmp_path: Path, fixed_now) -> None:
    link, target = _linked(tmp_path)
    registry = Registry(Store(link), clock=lambda: fixed_now)
    parties.add_party(registry, ACTOR, Party(name="Acme AS"))
    parties.add_party(registry, ACTOR, Party(name="Beta AS"))
    registry.store.close()

    assert link.is_symlink() and os.readlink(link) == str(target)
    assert [p["name"] for p in orjson.loads(target.read_bytes())["parties"].values()] == ["Acme AS", "Beta AS"]
    assert sorted(p.name for p in link.parent.iterdir()) == ["registry.json"]  # no lock or temp file beside the link
    assert sorted(p.name for p in target.parent.iterdir()) == [
        "registry.json",
        "registry.json.audit-1.jsonl",  # the audit log, beside the real file too
        "registry.json.lock",
    ]
    # What a redeploy sees: a new link to the same volume, and every change still there.
    link.unlink()
    link.symlink_to(target)
    with Registry(Store(link), clock=lambda: fixed_now).reading() as again:
        assert again.find_party("Beta").name == "Beta AS"


def test_a_store_through_the_link_and_one_through_the_real_path_share_one_lock(tmp_path: Path) -> None:
    link, target = _linked(tmp_path)
    via_link, via_target = Store(link), Store(target)
    _make_counter(via_link)
    _run_threads([via_link, via_target], threads=4, each=50)
    for store in (via_link, via_target, Store(link)):
        with store.read():
            assert store.table("counters").get(doc_id=1)["n"] == 200
    assert link.is_symlink()


def test_an_old_registry_behind_a_link_is_migrated_in_place_with_its_backup_beside_it(tmp_path: Path) -> None:
    link, target = _linked(tmp_path)
    with TinyDB(target) as db:
        db.table("parties").insert({"name": "Acme AS"})
    original = target.read_bytes()
    store = Store(link)
    assert _party_names(store) == ["Acme AS"]
    assert link.is_symlink()
    assert (target.parent / "registry.json.schema0.bak").read_bytes() == original
    assert orjson.loads(target.read_bytes())[META_TABLE]["1"]["schema"] == SCHEMA_VERSION
    assert sorted(p.name for p in link.parent.iterdir()) == ["registry.json"]


def _party_names(store: Store) -> list[str]:
    with store.read():
        return [d["name"] for d in store.table("parties").all()]


def test_export_refuses_the_registry_even_through_the_link_under_another_name(tmp_path: Path, fixed_now) -> None:
    """data/registry.json -> persistent/prod.json: exporting to the link's path would write the real file."""
    link, target = _linked(tmp_path, target_name="prod.json")
    registry = Registry(Store(link), clock=lambda: fixed_now)
    parties.add_party(registry, ACTOR, Party(name="Acme AS"))
    before = target.read_bytes()
    services = Services(registry=registry)
    for path in (link, target, target.with_name("prod.json.lock")):
        reply = dispatch(Context(services=services, user="U_DPO", line="x", local=True), f"export json {path}")
        assert not reply.ok and "registry's own file" in reply.text
    assert target.read_bytes() == before and link.is_symlink()


def test_a_link_loop_is_refused_with_a_message(tmp_path: Path) -> None:
    loop = tmp_path / "registry.json"
    loop.symlink_to(loop)
    with pytest.raises(StoreError, match="Cannot open the registry at"):
        Store(loop)


# -- another application's file ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        b'{"users": [{"name": "Kari", "role": "admin"}]}',
        b'{"_default": {"1": {"name": "Kari"}}, "sessions": {"1": {"token": "abc"}}}',
        b'[{"name": "Kari"}]',
    ],
    ids=["object of lists", "TinyDB file of another app", "json list"],
)
def test_the_bot_refuses_another_applications_file_and_leaves_it_alone(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    result = console("party add Foo\n", "--db", str(path), cwd=tmp_path)
    assert result.returncode == 2
    assert "Cannot start:" in result.stderr and "not a DPA registry file" in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.json", "settings.json.lock"]  # no .schema0.bak


@pytest.mark.parametrize("content", [b"{}", b'{"_default": {}}'], ids=["empty object", "empty TinyDB file"])
def test_an_empty_database_file_starts_a_fresh_registry(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "registry.json"
    path.write_bytes(content)
    result = console("party add Foo\n", "--db", str(path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = orjson.loads(path.read_bytes())
    assert data[META_TABLE]["1"]["schema"] == SCHEMA_VERSION
    assert [p["name"] for p in data["parties"].values()] == ["Foo"]


# -- damaged records inside valid JSON --------------------------------------------------------------------------


def _sound_registry(path: Path, fixed_now) -> dict:
    """A small registry written by the bot itself: two parties, an engagement, a sub-processor link, an
    agreement and an inquiry."""
    registry = Registry(Store(path), clock=lambda: fixed_now)
    services = Services(registry=registry)
    for line in (
        'party add "Nordlys AS" self=yes country=NO',
        'party add "Cloud Inc." country=US',
        'engage "Cloud Inc." for="Nordlys AS" purpose=hosting start=2025-01-31',
        'subprocessor add "Cloud Inc." "Nordlys AS" service=support',
        'dpa signed "Nordlys AS" "Cloud Inc." date=2025-02-01',
        "inquiry new Jeg vil ha innsyn i alt dere har om meg. received=2026-11-10",
    ):
        reply = dispatch(Context(services=services, user="U_DPO", line=line, local=True), line)
        assert reply.ok, (line, reply.text)
    registry.store.close()
    return orjson.loads(path.read_bytes())


def _damage(data: dict, table: str, record: str, change: object) -> None:
    if callable(change):
        change(data[table][record])
    else:
        data[table][record] = change


DAMAGES = {
    "party name is a number": (
        "parties",
        "2",
        lambda d: d.update(name=42),
        "parties #2: name must be text, not a whole number",
    ),
    "date holds banana": (
        "agreements",
        "1",
        lambda d: d.update(signed="banana"),
        "agreements #1: signed is not a date (YYYY-MM-DD): 'banana'",
    ),
    "required field missing": (
        "engagements",
        "1",
        lambda d: d.pop("processor"),
        "engagements #1: processor is missing",
    ),
    "relation of the wrong shape": (
        "subprocessors",
        "1",
        ["Cloud Inc.", "Nordlys AS"],
        "subprocessors #1: it is a list, not a record",
    ),
    "party id as text": (
        "engagements",
        "1",
        lambda d: d.update(controllers=["Nordlys AS"]),
        "engagements #1: controllers must hold a whole number only, not text",
    ),
    "record id not a number": ("parties", "2", None, "parties record 'x2': its id is not a number"),
    "inquiry due date": ("inquiries", "1", lambda d: d.update(due="31.12.2026"), "inquiries #1: due is not a date"),
    "inquiry text withheld": (
        "inquiries",
        "1",
        lambda d: d.update(text=7),
        "inquiries #1: text must be text, not a whole",
    ),
    "id counter": (META_TABLE, "1", lambda d: d["next_ids"].update(parties="3"), "_meta #1: next_ids must map"),
}


@pytest.mark.parametrize("table,record,change,message", list(DAMAGES.values()), ids=list(DAMAGES))
def test_a_damaged_record_is_refused_at_open_by_name_and_the_file_is_untouched(
    tmp_path: Path, fixed_now, table: str, record: str, change: object, message: str
) -> None:
    path = tmp_path / "registry.json"
    data = _sound_registry(path, fixed_now)
    if change is None:
        data[table]["x" + record] = data[table].pop(record)
    else:
        _damage(data, table, record, change)
    content = orjson.dumps(data)
    path.write_bytes(content)
    with pytest.raises(StoreError) as caught:
        Store(path)
    assert message in str(caught.value), str(caught.value)
    assert f"The registry at {path} has a damaged record" in str(caught.value)
    assert "left untouched" in str(caught.value)
    assert path.read_bytes() == content


def test_the_bot_names_the_damaged_record_without_a_traceback(tmp_path: Path, fixed_now) -> None:
    path = tmp_path / "registry.json"
    data = _sound_registry(path, fixed_now)
    data["parties"]["2"]["name"] = 42
    data["agreements"]["1"]["signed"] = "banana"
    data["inquiries"]["1"]["due"] = "banana"  # inquiries are checked too: bot.py knows their record class
    content = orjson.dumps(data)
    path.write_bytes(content)
    result = console("party list\n", "--db", str(path), cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "Cannot start:" in result.stderr
    assert "parties #2: name must be text, not a whole number (and 2 more damaged records)" in result.stderr
    assert path.read_bytes() == content


def test_a_damaged_plain_tinydb_file_is_refused_before_it_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "registry.json"
    with TinyDB(path) as db:
        db.table("parties").insert({"name": "Acme AS"})
        db.table("engagements").insert({"processor": 1, "controllers": [1], "start": "banana"})
    content = path.read_bytes()
    with pytest.raises(StoreError, match="engagements #1: start is not a date"):
        Store(path)
    assert path.read_bytes() == content
    assert not path.with_name("registry.json.schema0.bak").exists()


def test_private_values_are_not_quoted_in_the_message(tmp_path: Path, fixed_now) -> None:
    path = tmp_path / "registry.json"
    data = _sound_registry(path, fixed_now)
    data["inquiries"]["1"]["text"] = ["Kari Nordmann, født 01.02.1980"]
    path.write_bytes(orjson.dumps(data))
    with pytest.raises(StoreError) as caught:
        Store(path)
    assert "inquiries #1: text must be text, not a list" in str(caught.value)
    assert "Kari" not in str(caught.value)


def test_a_folder_sync_failing_after_the_rename_says_the_change_is_in_place(
    tmp_path: Path, fixed_now, monkeypatch
) -> None:
    """A checkpoint's new file is already where readers find it: the message must not claim that nothing was
    changed. (A commit itself is a journal append, which needs no folder fsync.)"""
    from registry import disk

    path = tmp_path / "registry.json"
    services = Services(registry=Registry(Store(path), clock=lambda: fixed_now))

    def failing(folder: Path) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(disk, "fsync_dir", failing)
    line = 'party add "Fjordlys AS" country=NO'
    assert dispatch(Context(services=services, user="U_DPO", line=line), line).ok
    with pytest.raises(SaveError) as caught:
        services.registry.store.checkpoint()
    assert "saved" in str(caught.value) and "power cut" in str(caught.value)
    assert "Nothing was changed" not in str(caught.value)
    monkeypatch.undo()
    fresh = Registry(Store(path), clock=lambda: fixed_now)
    with fresh.reading():
        assert fresh.party_named("Fjordlys") is not None
