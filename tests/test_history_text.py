"""`history` shows what each change did (issue 19 item 7c): the fields changed as `field: before → after`, the
main fields of what was added, what was removed; personal data reads (withheld) or (deleted), never its value.
Through the console and through Slack's slash command with the fake API."""

from __future__ import annotations

import json
from pathlib import Path

from slack_app import bolt_app, send, slack_services
from slack_requests import slash_command

from inquiries import tracking
from registry.models import AuditEvent
from registry.registry import Actor


def test_a_change_shows_before_and_after_and_an_add_its_main_fields(run):
    run('party add "Fjordsky AS" orgnr=921183739 country=NO')
    long_address = "Strandkaien 1, 5013 Bergen, Norge, tredje etasje, inngang fra bakgården ved siden av bakeriet"
    run(f'party set Fjordsky country=SE email=personvern@fjordsky.example address="{long_address}"')
    reply = run("history Fjordsky")
    newest, added = reply.text.split("\n")[1:3], reply.text.split("\n")[3:5]
    assert "change parties" in newest[0]
    assert "country: NO → SE" in newest[1] and "email: (none) → personvern@fjordsky.example" in newest[1]
    assert "address: (none) → Strandkaien 1, 5013 Bergen" in newest[1] and "bakeriet" not in newest[1]
    assert "…" in newest[1]
    assert "add parties" in added[0] and "name: Fjordsky AS; orgnr: 921183739; country: NO" in added[1]


def test_an_add_names_the_parties_and_a_removal_shows_what_was_removed(run):
    run('party add "Nordlys Eiendomsdrift AS" orgnr=925813745 self=yes')
    run('party add "Fjordsky AS" country=NO')
    run('engage Fjordsky for="Nordlys Eiendomsdrift AS" purpose="drift av kundeportalen"')
    text = run("history Fjordsky").text
    assert "processor: Fjordsky AS; controllers: Nordlys Eiendomsdrift AS; purpose: drift av kundeportalen" in text
    run('party add "Feilregistrert AS" country=NO')
    run("party remove Feilregistrert")
    newest = run("history limit=1").text.split("\n")
    assert "remove parties" in newest[1] and newest[2].strip() == "removed name: Feilregistrert AS; country: NO"


def test_an_inquirys_personal_data_is_withheld_then_deleted_never_shown(run, services, registry, fixed_now):
    run('party add "Nordlys Eiendomsdrift AS" orgnr=925813745 self=yes')
    run('inquiry new Jeg vil ha innsyn i alt dere har om meg. Hilsen Kari Nordmann from="Kari Nordmann"')
    run('inquiry close 1 note="Ringte Kari og forklarte"')
    text = run("history").text
    assert "Kari" not in text and "innsyn" not in text
    assert "text: (withheld); sender_contact: (withheld)" in text
    assert "close_note: (none) → (withheld)" in text and "inquiry close 1 [withheld]" in text
    assert "status: new → closed" in text
    assert tracking.purge(registry, Actor("retention", "purge"), months=0) == [1]
    text = run("history").text
    assert "Kari" not in text and "innsyn" not in text
    assert "close_note: (none) → (deleted)" in text and "inquiry close 1 [deleted]" in text


def test_history_in_slack_shows_the_changes(fake, registry, tmp_path: Path):
    app = bolt_app(slack_services(registry), fake.client())
    for line in ('party add "Fjordsky AS" country=NO', "party set Fjordsky country=DK"):
        send(app, slash_command(line, response_url=fake.response_url))
    send(app, slash_command("history Fjordsky", response_url=fake.response_url))
    reply = fake.calls("response_url")[-1]
    shown = reply.params["text"] + json.dumps(reply.params.get("blocks"), ensure_ascii=False)
    assert "country: NO → DK" in shown and "name: Fjordsky AS; country: NO" in shown


def test_a_command_that_changes_nothing_leaves_no_audit_event(run, registry):
    run("demo")
    run("dpa signed Nordlys Septer date=2026-11-01")
    with registry.reading():
        before = registry.count(AuditEvent)
    run("dpa signed Nordlys Septer date=2026-11-01")
    with registry.reading():
        assert registry.count(AuditEvent) == before
