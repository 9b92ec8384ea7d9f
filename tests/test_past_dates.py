"""Dates that say when something happened (issue 19, item 3) cannot lie in the future: a DPF check, a transfer
impact assessment, a sub-processor notice, a DPA signed or sent, an inquiry received. Each is refused through the
command dispatcher with the field's name and what is accepted, and the registry is unchanged; review dates, which
lie ahead by nature, are not affected. Also item 7's inquiry messages: lists, unknown numbers, forwarding."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest
from slack_app import demo_registry

from chat import Context, Services, dispatch
from registry.dates import past_date
from registry.errors import InputError
from registry.export import export_json
from registry.registry import Registry

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=timezone.utc)  # a Saturday; "neste uke" is 2026-11-28
TODAY = NOW.date()


@pytest.fixture
def registry(tmp_path):
    yield from demo_registry(tmp_path, lambda: NOW)


@pytest.fixture
def run(registry: Registry):
    services = Services(registry=registry)

    def run(line: str, *, ok: bool = True):
        reply = dispatch(Context(services=services, user="U_DPO", line=line, is_dpo=True), line)
        assert reply.ok is ok, reply.text
        return reply

    return run


def snapshot(registry: Registry) -> str:
    with registry.reading():
        return json.dumps(export_json(registry), sort_keys=True, default=str)


FUTURE = ["2030-01-01", '"neste uke"', '"neste år"', '"i morgen"', "01.12.2026", "tomorrow"]

COMMANDS = [
    ("dpf-checked", 'party set "Septer" dpf-checked={}'),
    ("dpf-checked", 'party add "Ny Leverandør Inc." country=US dpf=yes dpf-checked={}'),
    ("tia", 'transfer add "IWMAC AS" "Bergfjell Datasenter AS" country=US mechanism=scc-2021 module=3 tia={}'),
    ("notified", 'subprocessor add "IWMAC AS" "Bergfjell Datasenter AS" service="backup" notified={}'),
    ("date", "dpa signed Nordlys IWMAC date={}"),
    ("date", "dpa sent Nordlys IWMAC date={}"),
    ("received", "inquiry new Slett meg, takk. received={}"),
]


@pytest.mark.parametrize("value", FUTURE)
@pytest.mark.parametrize(("key", "line"), COMMANDS)
def test_a_future_past_event_date_is_refused_and_nothing_changes(run, registry, key, line, value):
    before = snapshot(registry)
    reply = run(line.format(value), ok=False)
    assert f"{key}=" in reply.text and "in the future" in reply.text, reply.text
    assert "today (2026-11-21) or earlier" in reply.text
    assert snapshot(registry) == before


@pytest.mark.parametrize("value", ["2026-11-21", '"i dag"', '"i går"', '"forrige uke"', "2020-05-01"])
def test_today_and_earlier_are_accepted(run, registry, value):
    run(f'party set "Septer" dpf-checked={value}')
    run(f'transfer add "IWMAC AS" "Bergfjell Datasenter AS" country=US mechanism=scc-2021 module=3 tia={value}')
    with registry.reading():
        party = registry.find_party("Septer")
    assert party.dpf_checked is not None and party.dpf_checked <= TODAY


def test_a_review_date_may_lie_ahead(run):
    reply = run("dpa signed Nordlys IWMAC date=2026-11-01 review=2027-11-01")
    assert "review due 2027-11-01" in reply.text


def test_past_date_parses_first_then_compares():
    assert past_date("i går", today=TODAY, key="tia") == date(2026, 11, 20)
    with pytest.raises(InputError, match=r"tia= is 2026-11-28, in the future"):
        past_date("neste uke", today=TODAY, key="tia")
    with pytest.raises(InputError, match="Not a date"):
        past_date("someday", today=TODAY, key="tia")


# Item 7: the inquiry messages.


def test_empty_lists_read_naturally(run):
    assert run("inquiry list all").text == "No inquiries."
    assert run("inquiry list").text == "No open inquiries."
    assert run("inquiry list overdue").text == "No overdue inquiries."
    assert run("inquiry list due-soon").text == "No inquiries due within 7 days."
    run("inquiry new Slett meg fra Septer sitt CRM-system (HubSpot), takk.")
    assert run("inquiry list all").text.startswith("1 inquiry:")


@pytest.mark.parametrize("command", ["inquiry close 99", "inquiry show 99", "inquiry forward 99 to=Septer"])
def test_an_unknown_inquiry_number_says_so(run, registry, command):
    before = snapshot(registry)
    text = run(command, ok=False).text
    assert text.startswith("No inquiry #99.") and "inquiry list all" in text and "party list" not in text
    assert snapshot(registry) == before


def test_forwarding_to_ourselves_is_refused(run, registry):
    number = run("inquiry new Slett meg fra Septer sitt CRM-system (HubSpot), takk.").data["id"]
    before = snapshot(registry)
    text = run(f"inquiry forward {number} to=Nordlys", ok=False).text
    assert "is us" in text and f"inquiry close {number}" in text
    assert snapshot(registry) == before


def test_forwarding_to_our_sub_processor_is_recorded_with_a_warning(run):
    run('subprocessor add Nordlys "Fjordsky Hosting AS" service="hosting"')
    number = run("inquiry new Slett meg fra Septer sitt CRM-system (HubSpot), takk.").data["id"]
    reply = run(f'inquiry forward {number} to="Fjordsky Hosting AS"')
    assert "sub-processor of ours" in reply.text and reply.data["warnings"]
    assert "⚠" not in run(f"inquiry forward {number} to=Septer").text
