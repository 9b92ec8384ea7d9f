"""Relations dated when they really started (issue 19, item 2), and `review NAME` scoped to what lies beneath NAME
(item 7a), as the DPO meets them through the console commands.

A registry entered honestly after the fact has sub-processors that started years before anyone typed them in:
`since=` gives that date, the review compares it with the DPA's signing date, and a link without it is unknown,
never "after the DPA". The fixture's clock is 2026-11-21.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from slack_app import bolt_app, send, slack_services
from slack_requests import slash_command

from chat import Context, Services, dispatch
from registry.export import export_json
from registry.registry import Registry
from registry.store import Store

HISTORY = [
    'party add "Nordlys AS" self=yes',
    'party add "Tripletex AS" country=NO',
    'party add "Amazon Web Services, Inc." aliases=AWS country=US',
    'engage Tripletex for=Nordlys purpose="Regnskap" start=2019-06-01',
    "dpa signed Nordlys Tripletex date=2021-03-01 review=2027-03-01",
    "transfer add Tripletex AWS country=US mechanism=scc-2021 module=3 tia=2026-07-01 since=2020-01-15",
]


def codes(reply) -> set[str]:
    return {f["code"] for f in reply.data["flags"]}


def snapshot(registry: Registry) -> str:
    with registry.reading():
        return json.dumps(export_json(registry), sort_keys=True, default=str)


def entered(run, lines: list[str]):
    """The console `run`, after the DPO has typed in `lines`."""
    for line in lines:
        run(line)
    return run


@pytest.fixture
def history(run):
    return entered(run, HISTORY)


def test_a_sub_processor_in_place_before_the_dpa_is_not_after_it(history):
    reply = history('subprocessor add Tripletex AWS service="Hosting" countries=US since=2020-01-15')
    assert "since 2020-01-15" in reply.text and reply.data["subprocessor"]["added"] == "2026-11-21"
    review = history("review Tripletex")
    assert review.text == "No open flags (about Tripletex AS). 👍"
    assert "(Hosting; US), since 2020-01-15" in history("who Tripletex").text


def test_a_sub_processor_started_after_the_dpa_without_notice_is_flagged_with_its_real_date(history):
    history('subprocessor add Tripletex AWS service="Hosting" countries=US since=2023-05-10')
    [flag] = history("review Tripletex").data["flags"]
    assert (flag["code"], flag["severity"]) == ("subprocessor-after-dpa", "medium")
    assert "on 2023-05-10, after the DPA between Nordlys AS and Tripletex AS was signed (2021-03-01)" in flag["reason"]
    assert "2026-11-21" not in flag["reason"]
    # The controller approved it: nothing left to flag.
    history('subprocessor add Tripletex AWS service="Hosting" authorisation=specific notified=2023-04-20')
    assert "subprocessor-after-dpa" not in codes(history("review"))


def test_a_sub_processor_with_no_start_date_is_unknown_not_after(history):
    history('subprocessor add Tripletex AWS service="Hosting" countries=US')
    review = history("review Tripletex")
    [flag] = review.data["flags"]
    assert (flag["code"], flag["severity"]) == ("subprocessor-start-unknown", "low")
    assert "after" not in flag["reason"] and "cannot be checked" in flag["reason"]
    assert 'subprocessor add "Tripletex AS" "Amazon Web Services, Inc." since=DATE' in flag["fix"]
    assert "2021-03-01" in flag["fix"]
    # Giving the date, by the same command again, settles it; `since=` with nothing after it clears it again.
    history("subprocessor add Tripletex AWS since=2019-09-01")
    assert history("review Tripletex").data["flags"] == []
    assert history("subprocessor add Tripletex AWS since=").data["subprocessor"]["since"] is None
    assert codes(history("review Tripletex")) == {"subprocessor-start-unknown"}


def test_a_future_since_is_refused_and_changes_nothing(history, registry):
    history('subprocessor add Tripletex AWS service="Hosting" countries=US since=2020-01-15')
    before = snapshot(registry)
    for line in (
        "subprocessor add Tripletex AWS since=2030-01-01",
        'subprocessor add Tripletex AWS since="neste uke"',
        "transfer add Tripletex AWS country=US mechanism=scc-2021 module=3 since=2027-01-01",
    ):
        reply = history(line, ok=False)
        assert "since= is" in reply.text and "in the future" in reply.text and "2026-11-21" in reply.text
    assert "Not a date" in history("subprocessor add Tripletex AWS since=soon", ok=False).text
    assert snapshot(registry) == before


def test_since_is_shown_and_exported(history, registry):
    history('subprocessor add Tripletex AWS service="Hosting" countries=US since=2020-01-15')
    who = history("who AWS")
    assert "← Tripletex AS in US: Standard contractual clauses 2021" in who.text and "since 2020-01-15" in who.text
    assert who.data["subprocessor_of"][0]["since"] == "2020-01-15"
    assert who.data["transfers"][0]["since"] == "2020-01-15"
    with registry.reading():
        backup = export_json(registry)
    assert backup["subprocessors"][0]["since"] == "2020-01-15"
    assert backup["transfers"][0]["since"] == "2020-01-15"
    [row] = history("export csv").data["rows"]
    assert "Amazon Web Services, Inc. (Hosting, since 2020-01-15)" in row["recipients"]
    assert "engage" in history("help engage").text and "start=" in history("help engage").text
    assert "since=DATE" in history("help subprocessor add").text


def test_engage_takes_start_not_since(history):
    reply = history('engage AWS for=Nordlys purpose="Backup" since=2020-01-01', ok=False)
    assert "Unknown option since=" in reply.text and "start=" in reply.text


def test_an_old_file_without_since_opens_and_reviews_without_false_flags(tmp_path: Path, fixed_now):
    """Links and transfers recorded before since= existed have only `added`, the day they were typed in."""
    path = tmp_path / "registry.json"

    def run_on_file(line: str):
        registry = Registry(Store(path), clock=lambda: fixed_now)
        try:
            reply = dispatch(Context(services=Services(registry=registry), user="U_DPO", line=line), line)
        finally:
            registry.store.close()
        assert reply.ok, reply.text
        return reply

    for line in [*HISTORY[:5], 'subprocessor add Tripletex AWS service="Hosting" countries=IE']:
        run_on_file(line)
    data = json.loads(path.read_text())
    for record in data["subprocessors"].values():
        del record["since"]
        record["added"] = "2024-06-01"  # typed in long after the DPA of 2021-03-01
    path.write_text(json.dumps(data))

    reply = run_on_file("review")
    assert "subprocessor-after-dpa" not in codes(reply) and "after the DPA" not in reply.text
    [flag] = [f for f in reply.data["flags"] if f["code"] == "subprocessor-start-unknown"]
    assert flag["severity"] == "low"
    assert run_on_file("who Tripletex").data["subprocessors"][0]["since"] is None


SHARED = [
    'party add "Nordlys AS" self=yes',
    'party add "Tripletex AS" country=NO',
    'party add "HubSpot, Inc." aliases=HubSpot country=IE',
    'party add "Amazon Web Services, Inc." aliases=AWS country=IE',
    'party add "Datasenter AS" country=NO',
    'party add "Kunde AS" country=NO',
    'engage Tripletex for=Nordlys purpose="Regnskap"',
    'engage HubSpot for=Nordlys,Kunde purpose="CRM"',
    "dpa signed Nordlys Tripletex date=2021-03-01 review=2027-03-01",
    "dpa signed Nordlys HubSpot date=2021-03-01 review=2027-03-01",
    "dpa signed Kunde HubSpot date=2021-03-01 review=2027-03-01",
    'subprocessor add Tripletex AWS service="Hosting" since=2020-01-01',
    'subprocessor add HubSpot AWS service="Hosting" since=2024-01-01',  # after HubSpot's DPAs, no notice
    'subprocessor add AWS "Datasenter AS" service="Colocation" since=2025-01-01',  # after every DPA
]


@pytest.fixture
def shared(run):
    return entered(run, SHARED)


def test_review_of_a_processor_shows_nothing_of_another_that_shares_its_sub_processor(shared):
    all_flags = shared("review").data["flags"]
    assert any(f["parties"][:2] == ["Nordlys AS", "HubSpot, Inc."] for f in all_flags)
    tripletex = shared("review Tripletex").data["flags"]
    assert not any("HubSpot, Inc." in f["parties"] for f in tripletex)
    # What lies beneath Tripletex: AWS's own late sub-processor, measured against Tripletex's DPA only.
    [flag] = tripletex
    assert flag["parties"] == ["Nordlys AS", "Tripletex AS", "Amazon Web Services, Inc.", "Datasenter AS"]
    assert "the DPA between Nordlys AS and Tripletex AS" in flag["reason"]
    chain = shared("chain Tripletex").text
    assert "HubSpot" not in chain and "subprocessor-after-dpa" in chain


def test_review_of_a_processor_shows_its_own_flags_for_each_of_its_controllers(shared):
    hubspot = shared("review HubSpot").data["flags"]
    late = {f["parties"][0] for f in hubspot if f["parties"][1:] == ["HubSpot, Inc.", "Amazon Web Services, Inc."]}
    assert late == {"Nordlys AS", "Kunde AS"}
    assert not any("Tripletex AS" in f["parties"] for f in hubspot)


def test_review_of_a_controller_shows_its_processors_chains_not_a_fellow_controllers_dpa(shared):
    kunde = shared("review Kunde").data["flags"]
    assert kunde and all(f["parties"][0] == "Kunde AS" for f in kunde)
    nordlys = {tuple(f["parties"]) for f in shared("review Nordlys").data["flags"]}
    assert ("Nordlys AS", "HubSpot, Inc.", "Amazon Web Services, Inc.") in nordlys
    assert ("Nordlys AS", "Tripletex AS", "Amazon Web Services, Inc.", "Datasenter AS") in nordlys
    assert ("Nordlys AS", "HubSpot, Inc.", "Amazon Web Services, Inc.", "Datasenter AS") in nordlys
    assert not any("Kunde AS" in parties for parties in nordlys)


def test_review_of_a_shared_sub_processor_shows_what_lies_beneath_it(shared):
    aws = {tuple(f["parties"]) for f in shared("review AWS").data["flags"]}
    # The links that make it a sub-processor, and its own sub-processor, against each DPA above it.
    assert ("Kunde AS", "HubSpot, Inc.", "Amazon Web Services, Inc.") in aws
    assert ("Kunde AS", "HubSpot, Inc.", "Amazon Web Services, Inc.", "Datasenter AS") in aws
    assert ("Nordlys AS", "Tripletex AS", "Amazon Web Services, Inc.", "Datasenter AS") in aws


def test_slack_review_of_a_processor_is_scoped_too(fake, shared, registry):
    app = bolt_app(slack_services(registry), fake.client())
    response = send(app, slash_command("review Tripletex", user_id="U_DPO", response_url=fake.response_url))
    assert response.status == 200
    [reply] = fake.calls("response_url")
    text = reply.params["text"]
    assert "about Tripletex AS" in text and "Datasenter AS" in text
    assert "HubSpot" not in text


def test_renaming_the_dpas_processor_renames_it_in_a_flag_about_a_deeper_link(shared):
    assert shared("review Tripletex").data["flags"]  # worked out once, then reused where nothing changed
    shared('party set Tripletex name="Tripletex Norge AS"')
    [flag] = shared("review Tripletex").data["flags"]
    assert flag["parties"][1] == "Tripletex Norge AS" and "Tripletex Norge AS" in flag["reason"]


def test_a_customers_review_leaves_out_its_processors_own_transfers(run):
    """Nordlys processes for Borettslaget Fjordgløtt and sends its own staff chat to Slack in the US: that is
    Nordlys's processing, not the customer's data, so `review` and `chain` of the customer agree on it."""
    run("demo")
    assert "dpf-at-risk" in run("review Nordlys").text
    review = run("review Borettslaget").text
    assert "dpf-at-risk" not in review and "tia-missing" not in review
    assert "Slack" not in run("chain Borettslaget").text
