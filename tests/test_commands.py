"""The grammar through `dispatch`: what a user typing commands sees, and that failures change nothing."""

from __future__ import annotations

import json

import pytest

from chat import TABLE, Context, Services, dispatch
from chat.commands import private_command
from registry.export import export_json
from registry.registry import Registry


@pytest.fixture
def run(registry: Registry):
    services = Services(registry=registry)

    def run(line: str, *, ok: bool = True):
        reply = dispatch(Context(services=services, user="U_DPO", line=line), line)
        assert reply.ok is ok, reply.text
        return reply

    return run


@pytest.fixture
def base(run):
    run('party add "Nordlys Eiendom AS" orgnr=921183739 self=yes email=personvern@nordlys.no')
    run('party add "IWMAC AS" email=privacy@iwmac.no aliases="Alarm Center"')
    run('party add "HubSpot, Inc." country=US dpf=yes dpf-checked=2026-01-10')
    run('party add "Amazon Web Services, Inc." country=US')
    return run


def snapshot(registry: Registry) -> str:
    with registry.reading():
        return json.dumps(export_json(registry), sort_keys=True, default=str)


def test_party_add_and_show(base):
    reply = base("who IWMAC")
    assert reply.text.startswith("IWMAC AS")
    assert "privacy@iwmac.no" in reply.text
    reply = base("party show nordlys")
    assert "org. nr. 921183739" in reply.text and "our organisation" in reply.text
    assert reply.data["party"]["country"] == "NO"  # a Norwegian org. number implies Norway


def test_names_match_case_alias_legal_form_and_prefix(base):
    assert base("who iwmac").data["party"]["name"] == "IWMAC AS"
    assert base('who "alarm center"').data["party"]["name"] == "IWMAC AS"
    assert base("who Amazon").data["party"]["name"] == "Amazon Web Services, Inc."
    assert base('who "hubspot inc"').data["party"]["name"] == "HubSpot, Inc."


def test_ambiguous_and_unknown_names_list_candidates(base):
    base('party add "Nordlys Drift AS"')
    reply = base("who Nordlys", ok=False)
    assert "Nordlys Drift AS" in reply.text and "Nordlys Eiendom AS" in reply.text
    reply = base("who Iwmca", ok=False)
    assert "IWMAC AS" in reply.text


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("party add Foo orgnr=123456789", "mod-11"),
        ("party add Foo country=XX", "ISO 3166-1"),
        ("party add Foo email=not-an-address", "name@example.no"),
        ("party add Foo colour=blue", "Unknown option colour="),
        ("party add Foo dpf-checked=someday", "Not a date"),
        ('party add "IWMAC AS"', "already used by IWMAC AS"),
        ("party add IWMAC", "already used by IWMAC AS"),
        ("party frobnicate", "needs one of"),
        ("frobnicate", "Unknown command"),
        ("who Nobody", "No party matches"),
        ("subprocessor add HubSpot HubSpot service=x", "its own sub-processor"),
        ("transfer add HubSpot Amazon country=SE mechanism=dpf", "in the EEA"),
        ("transfer add HubSpot Amazon country=US mechanism=magic", "Accepted: adequacy, dpf"),
        ("transfer add HubSpot Amazon country=US mechanism=dpf module=2", "only applies to scc-2021"),
        ("transfer add HubSpot Amazon country=US mechanism=scc-2021 module=7", "controller to processor"),
        ('engage IWMAC for=Nordlys purpose="x" start=2026-02-01 end=2026-01-01', "before start"),
        ("engage IWMAC purpose=x", "for= and purpose= are required"),
        ('who "Unbalanced', "Unbalanced quotes"),
        ("who IWMAC HubSpot", "Too many words"),
        ("party set IWMAC", "Nothing to change"),
        ("party set IWMAC dpo-of=IWMAC", "loop"),
        ("party add Other self=yes", "already marked as our own organisation"),
    ],
)
def test_bad_input_is_explained_and_changes_nothing(base, registry, line, expected):
    before = snapshot(registry)
    reply = base(line, ok=False)
    assert expected in reply.text
    assert snapshot(registry) == before


def test_subprocessor_cycle_is_refused_at_any_depth(base, registry):
    base("subprocessor add IWMAC HubSpot service=crm")
    base('subprocessor add HubSpot "Amazon Web Services" service=hosting countries=US')
    before = snapshot(registry)
    reply = base("subprocessor add Amazon IWMAC service=support", ok=False)
    assert "loop" in reply.text
    assert snapshot(registry) == before


def test_engagements_roles_and_who(base):
    base(
        'engage IWMAC for=Nordlys purpose="Alarm-centre monitoring" data="name, audio recordings" '
        'subjects="staff" retention="24 months" start="i går"'
    )
    base("engage IWMAC for=IWMAC purpose=Staff")
    base("subprocessor add IWMAC HubSpot service=CRM countries=US authorisation=general")
    base("transfer add IWMAC HubSpot country=US mechanism=scc-2021 module=3 tia=2026-01-15")
    who = base("who IWMAC")
    assert who.data["roles"] == ["controller", "processor"]
    assert "Alarm-centre monitoring, for Nordlys Eiendom AS" in who.text
    assert "Staff (in-house)" in who.text
    assert "HubSpot, Inc. (CRM; US) — outside the EEA: US" in who.text
    assert "module 3 (processor to processor)" in who.text
    engagement = who.data["processor_for"][0]
    assert engagement["controllers"] == ["Nordlys Eiendom AS"]
    hub = base("who HubSpot")
    assert hub.data["roles"] == ["subprocessor"]
    assert base("party list role=subprocessor").data["parties"][0]["name"] == "HubSpot, Inc."


def test_repeating_engage_updates_instead_of_duplicating(base):
    base('engage IWMAC for=Nordlys purpose="Monitoring" retention="12 months"')
    reply = base('engage IWMAC for=Nordlys purpose="monitoring" retention="24 months"')
    assert reply.text.startswith("Updated")
    assert len(base("who IWMAC").data["processor_for"]) == 1
    assert base("export json").data["engagements"][0]["retention"] == "24 months"


def test_joint_controllers(base):
    base('engage HubSpot for=Nordlys,IWMAC purpose="Shared CRM"')
    nordlys = base("who Nordlys").text
    assert "Shared CRM, processed by HubSpot, Inc., jointly with IWMAC AS" in nordlys


def test_remove_refused_while_referenced_then_allowed(base):
    base("subprocessor add HubSpot Amazon service=hosting countries=US")
    base("transfer add HubSpot Amazon country=US mechanism=privacy-shield")
    reply = base("party remove Amazon", ok=False)
    assert "sub-processor link: HubSpot, Inc. uses Amazon Web Services, Inc." in reply.text
    assert "transfer: HubSpot, Inc. → Amazon Web Services, Inc. in US" in reply.text
    base("transfer remove HubSpot Amazon country=US")
    base("subprocessor remove HubSpot Amazon")
    assert base("party remove Amazon").text == "Removed Amazon Web Services, Inc."
    base("who Amazon", ok=False)


def test_invalid_mechanism_recorded_with_warning(base):
    reply = base('transfer add HubSpot Amazon country=US mechanism=privacy-shield note="as claimed"')
    assert "not a valid transfer mechanism" in reply.text
    assert "C-311/18" in reply.text
    assert reply.data["transfer"]["mechanism"] == "privacy-shield"


def test_party_set_changes_and_clears(base):
    base("party set IWMAC dpo=dpo@iwmac.no channel=#iwmac-privacy")
    data = base("who IWMAC").data["party"]
    assert data["dpo"] == "dpo@iwmac.no" and data["channel"] == "#iwmac-privacy"
    base("party set IWMAC channel=")
    assert base("who IWMAC").data["party"]["channel"] is None
    base('party set IWMAC name="IWMAC Group AS"')
    assert base("who IWMAC").data["party"]["name"] == "IWMAC Group AS"


def test_group_dpo(base):
    base('party add "Avarn Security AS" dpo=personvernombud@avarn.no')
    base('party add Semac dpo-of="Avarn Security"')
    assert "DPO: that of Avarn Security AS" in base("who Semac").text
    assert "Its DPO also serves:\n  • Semac" in base("who Avarn").text
    assert "refer" in base("party remove Avarn", ok=False).text


def test_history_records_who_what_and_before_after(base):
    base("party set IWMAC dpo=dpo@iwmac.no")
    reply = base("history IWMAC")
    assert reply.data["total"] == 2
    newest = reply.data["events"][0]
    assert newest["who"] == "U_DPO" and newest["action"] == "change"
    assert newest["command"] == "party set IWMAC dpo=dpo@iwmac.no"
    assert newest["before"]["dpo"] is None and newest["after"]["dpo"] == "dpo@iwmac.no"
    assert "change parties" in reply.text


def test_party_list_pages(run):
    for i in range(60):
        run(f'party add "Vendor {i:02d} AS"')
    first = run("party list")
    assert first.data["total"] == 60 and len(first.data["parties"]) == 50
    assert "showing 1–50" in first.text and "page=2" in first.text
    second = run("party list page=2")
    assert [p["name"] for p in second.data["parties"]][-1] == "Vendor 59 AS"
    assert "no page 3" in run("party list page=3", ok=False).text


def test_export_csv_is_an_art30_table(base):
    base('engage HubSpot for=Nordlys purpose=CRM data="contact details" subjects="customers"')
    base("subprocessor add HubSpot Amazon service=hosting countries=US")
    reply = base("export csv")
    header, row = reply.text.splitlines()[:2]
    assert header.startswith("controller,controller_contact,controller_dpo,processor,purpose")
    assert "Amazon Web Services, Inc., United States (US): no transfer mechanism recorded" in row
    assert reply.file is not None and reply.file.name.endswith(".csv")


def test_export_to_file_refuses_the_registry_itself(base, registry, tmp_path):
    if registry.store.real_path is None:
        pytest.skip("only meaningful for a file store")
    reply = base(f"export json {registry.store.path}", ok=False)
    assert "registry's own file" in reply.text
    target = tmp_path / "out" / "export.json"
    reply = base(f"export json {target}")
    assert json.loads(target.read_text())["parties"][0]["name"] == "Nordlys Eiendom AS"


def test_help_lists_and_explains(run):
    listing = run("help").text
    assert "party add NAME" in listing and "export json|csv|xlsx [FILE]" in listing
    detail = run("help transfer add").text
    assert "privacy-shield" in detail and "tia=" in detail
    assert "party remove NAME" in run("help party").text
    assert "No command" in run("help nothing", ok=False).text


def test_replies_with_personal_data_or_the_registry_are_marked_private(base):
    # Inquiries, breaches, the audit log, exports, generated DPAs and import proposals; never what anyone may ask.
    assert {c.name for c in TABLE.commands.values() if c.private} == {
        "history",
        "export",
        "dpa generate",
        "import policy",
        "import csv",
        "import list",
        "import show",
        "inquiry new",
        "inquiry list",
        "inquiry show",
        "inquiry extend",
        "inquiry type",
        "inquiry forward",
        "inquiry close",
        *(f"breach {verb}" for verb in ("new", "list", "show", "set", "aware", "assess", "notified", "draft", "close")),
    }
    assert base("history").private and base("export json").private
    assert not base("who IWMAC").private and not base("party list").private
    assert private_command("inquiry show 1").name == "inquiry show"
    assert private_command("who IWMAC") is None and private_command("no such command") is None
