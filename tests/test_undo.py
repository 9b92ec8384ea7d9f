"""Correcting mistaken records (issue 19, item 1): a DPA is recorded only for a pair where the processor processes
for the controller; `dpa remove` takes a DPA recorded by mistake off the registry; `undo` shows the user's last
change and, confirmed, reverts it in one audited change, refused when something done since depends on it."""

from __future__ import annotations

import json

import pytest

from chat import Context, dispatch
from registry.models import Agreement, AuditEvent
from tests.test_console import console
from tests.test_dpa_generate import pair  # noqa: F401  (a controller and its processor, ready for a DPA)


@pytest.fixture
def mistaken(run):
    """The outside reviewer's case: a company, a big vendor that processes nothing for it, and its real mail host."""
    run("party add Havbris country=NO")
    run('party add "Microsoft Corporation" country=US')
    run('party add "Posten Bring AS" country=NO')
    run('engage "Posten Bring" for=Havbris purpose="Utsending av brev" data="navn, adresse" subjects=kunder')
    return run


def as_user(services, user: str, line: str, *, ok: bool = True, is_dpo: bool = True):
    reply = dispatch(Context(services=services, user=user, line=line, is_dpo=is_dpo), line)
    assert reply.ok is ok, reply.text
    return reply


def agreements(registry) -> list[tuple[int, str]]:
    with registry.reading():
        return sorted((a.version, a.status) for a in registry.all(Agreement))


def audit_count(registry) -> int:
    with registry.reading():
        return registry.count(AuditEvent)


# -- dpa signed / sent need processing to cover ---------------------------------------------------------------


def test_a_dpa_for_a_pair_with_no_engagement_is_refused_with_the_command_to_record_it(mistaken, registry):
    before = audit_count(registry)
    for line in ("dpa signed Havbris Microsoft date=2026-11-20", "dpa sent Havbris Microsoft"):
        text = mistaken(line, ok=False).text
        assert "no processing by Microsoft Corporation for Havbris" in text
        assert 'engage "Microsoft Corporation" for="Havbris" purpose="..."' in text
    assert agreements(registry) == [] and audit_count(registry) == before
    mistaken("dpa signed Havbris Posten date=2026-11-20")
    assert agreements(registry) == [(1, "signed")]


def test_in_house_processing_is_no_ground_for_a_dpa(mistaken, registry):
    # Microsoft as joint controller with Havbris processes for itself, not for Havbris.
    mistaken('engage Microsoft for=Havbris,Microsoft purpose="Felles kampanje"')
    assert (
        "no processing by Microsoft Corporation"
        in mistaken("dpa signed Havbris Microsoft date=2026-11-20", ok=False).text
    )


# -- dpa remove -------------------------------------------------------------------------------------------------


def test_dpa_remove_takes_a_mistaken_dpa_off_every_view(mistaken, registry):
    mistaken("dpa signed Havbris Posten date=2026-11-20")
    assert "Posten" in mistaken('ask "har vi databehandleravtale med Posten Bring?"').text
    reply = mistaken("dpa remove Havbris Posten")
    assert "the DPA between Havbris and Posten Bring AS: v1 signed 2026-11-20" in reply.text
    assert agreements(registry) == []
    assert "No DPAs on record" in mistaken("dpa list").text
    assert "signed" not in mistaken("who Posten").text.lower()
    assert "2026-11-20" not in mistaken('ask "har vi databehandleravtale med Posten Bring?"').text
    assert "remove agreements #1: dpa remove Havbris Posten" in mistaken("history").text


def test_dpa_remove_refuses_what_is_not_there(mistaken, registry):
    assert (
        "no DPA between Havbris and Posten Bring AS on record" in mistaken("dpa remove Havbris Posten", ok=False).text
    )
    mistaken("dpa signed Havbris Posten date=2026-11-20")
    text = mistaken("dpa remove Havbris Posten 3", ok=False).text
    assert "has no version 3" in text and "Accepted: 1" in text
    assert "version number" in mistaken("dpa remove Havbris Posten tre", ok=False).text
    assert agreements(registry) == [(1, "signed")]


def test_removing_the_signed_version_signs_the_one_it_superseded_again(pair, registry):  # noqa: F811
    pair("dpa signed Nordlys Kjølesenter date=2026-01-10")
    pair("dpa generate Nordlys Kjølesenter")
    pair("dpa signed Nordlys Kjølesenter date=2026-11-21")
    assert agreements(registry) == [(1, "superseded"), (2, "signed")]
    reply = pair("dpa remove Nordlys Kjølesenter")
    assert "v2 signed 2026-11-21" in reply.text
    assert "Version 1 (signed 2026-01-10) was superseded by it and is the signed agreement again" in reply.text
    assert agreements(registry) == [(1, "signed")]
    # undo puts both back: version 2 signed, version 1 superseded.
    pair("undo yes")
    assert agreements(registry) == [(1, "superseded"), (2, "signed")]


def test_dpa_remove_of_an_earlier_version_leaves_the_current_one(pair, registry):  # noqa: F811
    pair("dpa signed Nordlys Kjølesenter date=2026-01-10")
    pair("dpa generate Nordlys Kjølesenter")
    pair("dpa signed Nordlys Kjølesenter date=2026-11-21")
    reply = pair("dpa remove Nordlys Kjølesenter v1")
    assert "v1 superseded" in reply.text and "again" not in reply.text
    assert agreements(registry) == [(2, "signed")]


# -- undo ---------------------------------------------------------------------------------------------------------


def test_undo_shows_the_change_and_changes_nothing_until_confirmed(mistaken, registry):
    mistaken("dpa signed Havbris Posten date=2026-11-20")
    before = audit_count(registry)
    reply = mistaken("undo")
    assert "Your last change: `dpa signed Havbris Posten date=2026-11-20`" in reply.text
    assert "remove the DPA between Havbris and Posten Bring AS, version 1 (signed, signed 2026-11-20)" in reply.text
    number = reply.data["change"]
    assert f"To undo it: `undo yes {number}`" in reply.text
    assert agreements(registry) == [(1, "signed")] and audit_count(registry) == before

    done = mistaken(f"undo yes {number}")
    assert "Undone: `dpa signed Havbris Posten date=2026-11-20`" in done.text
    assert agreements(registry) == []
    history = mistaken("history").text
    assert "remove agreements #1: undo: dpa signed Havbris Posten date=2026-11-20" in history


def test_undo_groups_every_record_one_command_changed(mistaken, registry):
    mistaken('engage "Posten Bring" for=Havbris purpose="Utsending av brev" retention="6 måneder"')
    mistaken("dpa signed Havbris Posten date=2026-11-20")
    mistaken("dpa signed Havbris Posten date=2026-11-21")  # one change, corrected
    reply = mistaken("undo")
    assert "signed 2026-11-21 → 2026-11-20; review 2027-11-21 → 2027-11-20" in reply.text
    mistaken("undo yes")
    assert "v1 signed 2026-11-20" in mistaken("dpa list").text


def test_undo_of_an_undo_puts_the_change_back(mistaken, registry):
    mistaken("party remove Microsoft")
    mistaken("undo yes")
    assert "Microsoft Corporation" in mistaken("party list").text
    reply = mistaken("undo")
    assert "It was an undo: undoing it puts back what `party remove Microsoft` did" in reply.text
    mistaken("undo yes")
    assert "Microsoft Corporation" not in mistaken("party list").text


def test_a_removed_record_comes_back_with_its_old_id(mistaken, registry):
    with registry.reading():
        old = registry.find_party("Microsoft").id
    mistaken("party remove Microsoft")
    assert "put back the party Microsoft Corporation, which it removed" in mistaken("undo").text
    mistaken("undo yes")
    with registry.reading():
        assert registry.find_party("Microsoft").id == old


def test_nothing_to_undo(run, services):
    assert "Nothing to undo" in run("undo", ok=False).text
    assert "Nothing to undo" in run("undo yes", ok=False).text
    run("party add Havbris")
    # Someone else's change is not yours to undo.
    assert "Nothing to undo" in as_user(services, "U_OTHER", "undo", ok=False).text


def test_undo_is_for_the_privacy_team(mistaken, services):
    reply = as_user(services, "U_DPO", "undo", ok=False, is_dpo=False)
    assert "only the privacy team" in reply.text


def test_undo_refuses_when_a_later_change_touched_the_same_record(mistaken, services, registry):
    mistaken("dpa signed Havbris Posten date=2026-11-20")
    as_user(services, "U_KARI", "dpa signed Havbris Posten date=2026-11-19")
    for line in ("undo", "undo yes"):
        text = mistaken(line, ok=False).text
        assert "`dpa signed Havbris Posten date=2026-11-19` by U_KARI at 2026-11-21T12:00:00+00:00" in text
        assert "changed the same record since" in text
    assert "v1 signed 2026-11-19" in mistaken("dpa list").text


def test_undo_of_party_add_refuses_when_a_later_record_refers_to_the_party(mistaken, services, registry):
    mistaken('party add "Fjordsky AS" country=NO')
    as_user(services, "U_KARI", 'engage Fjordsky for=Havbris purpose="Drift av servere"')
    text = mistaken("undo", ok=False).text
    assert '`party add "Fjordsky AS" country=NO`' in text and "refers to a party it added" in text
    assert "by U_KARI" in text
    assert "Fjordsky AS" in mistaken("party list").text


def test_undo_refuses_to_put_back_a_record_whose_party_was_removed_since(mistaken, services, registry):
    mistaken("engagement remove Posten for=Havbris")
    as_user(services, "U_KARI", "party remove Posten")
    text = mistaken("undo", ok=False).text
    assert "refers to party #3" in text and "`party remove Posten` by U_KARI" in text


def test_undo_never_restores_personal_data_the_audit_log_withheld(run, registry):
    run("inquiry new Jeg ber om innsyn i mine data. Hilsen Kari")
    text = run("undo", ok=False).text
    assert "keeps no copy of the personal data" in text and "(withheld)" in text


def test_a_stale_confirmation_undoes_nothing(mistaken, registry):
    number = mistaken("undo").data["change"]
    mistaken("party add Nyhavn")
    text = mistaken(f"undo yes {number}", ok=False).text
    assert f"no longer change #{number}" in text
    assert "Nyhavn" in mistaken("party list").text
    assert "undo takes only `yes`" in mistaken("undo please", ok=False).text


def test_events_without_a_change_number_are_grouped_by_who_when_and_command(pair, registry):  # noqa: F811
    pair("dpa signed Nordlys Kjølesenter date=2026-01-10")
    pair("dpa generate Nordlys Kjølesenter")
    pair("dpa signed Nordlys Kjølesenter date=2026-11-21")  # two events: v1 superseded, v2 signed
    with registry.store.transaction():  # as the audit log was before change numbers
        events = registry.store.audit_events()
        registry.store.rewrite_audit({key: {**event, "change": None} for key, event in events.items()})
    reply = pair("undo")
    assert reply.text.count("• change back") == 2
    pair("undo yes")
    assert agreements(registry) == [(1, "signed"), (2, "draft")]


def test_show_then_confirm_in_the_console(tmp_path):
    setup = (
        "party add Havbris country=NO\n"
        'party add "Posten Bring AS" country=NO\n'
        'engage Posten for=Havbris purpose="Utsending av brev"\n'
        "dpa signed Havbris Posten date=2026-11-20\n"
        "undo\n"
    )
    first = console(setup, "--json", "--db", "r.json", cwd=tmp_path)
    replies = [json.loads(line) for line in first.stdout.splitlines()]
    assert all(r["ok"] for r in replies), first.stdout
    shown = replies[-1]
    assert "remove the DPA between Havbris and Posten Bring AS" in shown["text"]
    confirm = shown["data"]["confirm"]
    # The confirmation comes in another session, as a person reads the list and then types the line.
    second = console(f"{confirm}\ndpa list\nhistory limit=1\n", "--db", "r.json", cwd=tmp_path)
    assert second.returncode == 0, second.stdout
    assert "Undone: `dpa signed Havbris Posten date=2026-11-20`" in second.stdout
    assert "No DPAs on record" in second.stdout
    assert "remove agreements #1: undo: dpa signed Havbris Posten" in second.stdout
