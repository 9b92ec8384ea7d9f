"""Inquiries through the commands: routing on the demo registry (every branch), deadlines, tracking, retention."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest
from slack_app import demo_registry

from chat import Context, Services, dispatch
from inquiries import tracking
from registry.demo import load_demo
from registry.models import Inquiry
from registry.registry import Actor, Registry
from registry.store import Store

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=timezone.utc)  # a Saturday


@pytest.fixture
def registry(tmp_path):
    yield from demo_registry(tmp_path, lambda: NOW)


@pytest.fixture
def run(registry: Registry):
    services = Services(registry=registry)

    def run(line: str, *, ok: bool = True, user: str = "U_DPO", dpo: bool = True):
        reply = dispatch(Context(services=services, user=user, line=line, is_dpo=dpo), line)
        assert reply.ok is ok, reply.text
        return reply

    return run


@pytest.mark.parametrize(
    ("text", "role", "to"),
    [
        # We are the controller: IWMAC runs our alarm centre.
        (
            "Hei, jeg vil ha innsyn i lydopptakene fra alarmsentralen da jeg ringte i oktober.",
            "controller",
            ["Nordlys Eiendomsdrift AS"],
        ),
        # Nothing named, and we also process for others (Fjordgløtt, Semac): their customers write to us too, so the
        # privacy team decides (it used to say "controller", which is wrong for a processor, Art. 28(3)(e)).
        ("Please delete everything you hold about me. Regards, John Smith", "unclear", ["Nordlys Eiendomsdrift AS"]),
        # We only process it: the cooperative is the controller.
        (
            "Jeg bor i Fjordgløtt og vil ha slettet nøkkelkortnummeret mitt fra beboerregisteret.",
            "processor",
            ["Borettslaget Fjordgløtt"],
        ),
        # Joint controllers.
        (
            "Jeg ønsker innsyn i hva dere har om meg i det felles tilbuds- og prosjektarbeidet med SE-gruppen.",
            "joint",
            ["Nordlys Eiendomsdrift AS", "SE-gruppen"],
        ),
        # Someone else's processing.
        ("Slett meg fra Septer sitt CRM-system (HubSpot), takk.", "other", ["Septer AS"]),
        # Not settled by the text.
        ("Hvor lenge lagres besøksregistreringen hos Netsecurity?", "unclear", ["Nordlys Eiendomsdrift AS"]),
    ],
)
def test_routing_branches_on_the_demo(run, text, role, to):
    data = run(f"inquiry new {text}").data
    assert data["route"]["role"] == role, data["route"]["reason"]
    assert data["route"]["to_all"] == to
    assert data["route"]["reason"]


def test_processor_case_has_a_forward_by_date_and_a_ready_text(run):
    reply = run("inquiry new Jeg bor i Fjordgløtt og vil ha slettet nøkkelkortnummeret mitt fra beboerregisteret.")
    data = reply.data
    assert data["forward_by"] == "2026-11-24"  # two working days after Saturday 21 Nov
    assert "Do not answer it yourself" in reply.text
    assert "Ready to send to styret@fjordglott.example" in reply.text
    assert "GDPR art. 28 nr. 3 bokstav e" in reply.text  # in Norwegian, as the inquiry


def test_group_dpo_receives_for_the_subsidiary(run):
    reply = run("inquiry new I want a copy of the access card log (adgangskortlogg) for Semacs offices.")
    assert reply.data["route"]["to_all"] == ["Semac"]
    assert "Semac (through Avarn Security's DPO)" in reply.text


def test_json_has_the_contract_fields(run):
    data = run("inquiry new I want all my data. received=2025-01-31").data
    assert {
        "id",
        "types",
        "primary",
        "language",
        "route",
        "received",
        "due",
        "extension_notice_due",
        "extended_due",
    } <= set(data)
    assert {"to", "role", "reason"} <= set(data["route"])
    assert data["received"] == "2025-01-31" and data["due"] == "2025-02-28"
    # 28 Apr: two months from the end of the first month (28 Feb), earlier than receipt + 3 months (30 Apr)
    assert data["extended_due"] == "2025-04-28" and data["types"][0] == data["primary"]


def test_claimed_deadline_never_overrides_the_law(run):
    reply = run("inquiry new Jeg krever innsyn i alle opplysninger om meg. Svar innen 14 dager. received=2026-11-02")
    assert reply.data["due"] == "2026-12-02"
    assert "the law's deadline above applies" in reply.text


def test_receipt_date_in_the_future_or_unreadable_gets_a_question(run, registry):
    with registry.reading():
        before = registry.count(Inquiry)
    assert "in the future" in run("inquiry new Delete me. received=2027-01-01", ok=False).text
    assert "Not a date" in run("inquiry new Delete me. received=someday", ok=False).text
    with registry.reading():
        assert registry.count(Inquiry) == before


def test_received_phrase_in_the_text_sets_the_receipt_date(run):
    data = run("inquiry new Mottatt i går: jeg vil ha innsyn i opplysningene om meg.").data
    assert data["received"] == "2026-11-20"


def test_text_is_for_the_privacy_team_only_and_out_of_the_audit_log(run, registry):
    iid = run("inquiry new Slett alt om meg. Mvh Kari Hemmelig from=kari@example.com").data["id"]
    assert "only the privacy team" in run(f"inquiry show {iid}", ok=False, user="U_EMP", dpo=False).text
    assert "only the privacy team" in run("inquiry list", ok=False, user="U_EMP", dpo=False).text
    shown = run(f"inquiry show {iid}")
    assert "Kari Hemmelig" in shown.text and "kari@example.com" in shown.text
    with registry.reading():
        audit = json.dumps(list(registry.store.audit_events().values()), ensure_ascii=False)
    assert "Hemmelig" not in audit and "kari@example.com" not in audit


def test_anyone_may_hand_in_an_inquiry(run):
    reply = run("inquiry new I want to see my data", user="U_EMP", dpo=False)
    assert reply.data["id"]


def test_extend_forward_close_and_list(run, registry):
    iid = run("inquiry new Jeg vil ha innsyn. received=2026-11-10").data["id"]
    assert "reason= is required" in run(f"inquiry extend {iid}", ok=False).text
    extended = run(f'inquiry extend {iid} reason="Mange systemer må gjennomgås"')
    assert "2027-02-10" in extended.text
    assert "already extended" in run(f'inquiry extend {iid} reason="again"', ok=False).text
    assert f"#{iid}" in run("inquiry list").text
    run(f"inquiry forward {iid} to=IWMAC")
    run(f'inquiry close {iid} note="Answered by letter"')
    assert "closed" in run(f"inquiry close {iid}", ok=False).text
    assert f"#{iid}" not in run("inquiry list").text and f"#{iid}" in run("inquiry list all").text


EXTENDED_RULE = "(two months from the end of the first month, the earlier of the two ways to count)"
ACCESS = "Hei, jeg vil ha innsyn i lydopptakene fra alarmsentralen da jeg ringte i oktober."  # we are controller


def test_extended_due_from_31_january_is_counted_from_the_end_of_the_first_month(tmp_path):
    # Received 31 Jan 2027: the first month ends 28 Feb, + 2 months = Wednesday 28 Apr (not 30 Apr, receipt + 3).
    store = Store(tmp_path / "registry.json")
    registry = Registry(store, clock=lambda: datetime(2027, 2, 10, 12, 0, tzinfo=timezone.utc))
    load_demo(registry, Actor("setup", "demo"))
    services = Services(registry=registry)

    def run(line: str):
        reply = dispatch(Context(services=services, user="U_DPO", line=line, is_dpo=True), line)
        assert reply.ok, reply.text
        return reply

    reply = run(f"inquiry new {ACCESS} received=2027-01-31")
    assert reply.data["due"] == "2027-03-01"  # 28 Feb 2027 is a Sunday
    assert reply.data["extended_due"] == "2027-04-28"
    assert f"extended due 2027-04-28 {EXTENDED_RULE}" in reply.text
    extended = run(f'inquiry extend {reply.data["id"]} reason="Mange systemer"')
    assert extended.text.startswith(f"Inquiry #{reply.data['id']} extended: answer due 2027-04-28 {EXTENDED_RULE}.")
    assert extended.data["inquiry"]["current_due"] == "2027-04-28"
    store.close()


def test_extending_an_inquiry_recorded_under_the_old_count_uses_the_earlier_date(run, registry):
    # Received 31 Oct 2026 (Saturday 21 Nov is within its first month); recorded, say, with a later date.
    iid = run("inquiry new I want a copy of my data. received=2026-10-31").data["id"]
    with registry.change(Actor("test", "old record")) as w:
        w.update(tracking.get(registry, iid), {"extended_due": date(2027, 2, 5)})
    extended = run(f'inquiry extend {iid} reason="complex"')
    assert extended.data["inquiry"]["extended_due"] == "2027-02-01"  # 30 Jan 2027 is a Saturday


def test_access_request_tells_the_privacy_team_when_it_may_be_refused(run):
    reply = run(f"inquiry new {ACCESS} received=2026-11-02")
    assert reply.data["route"]["role"] == "controller"
    line = next(x for x in reply.text.splitlines() if "Art. 12(5)" in x)
    assert "you may refuse with reasons or charge a reasonable fee (Art. 12(5))" in line
    assert "even a first request can be, if abusive (CJEU C-526/24 Brillen Rottler, 19 Mar 2026)" in line
    assert line.endswith("A refusal with reasons is due by 2026-12-02.")
    assert "Art. 12(5)" in run(f"inquiry show {reply.data['id']}").text
    # Not to whoever hands it in, and not on an erasure request, nor where another controller answers.
    assert "Art. 12(5)" not in run(f"inquiry new {ACCESS}", user="U_EMP", dpo=False).text
    assert "Art. 12(5)" not in run("inquiry new Please delete everything you hold about me. John Smith").text
    processor = run("inquiry new Jeg bor i Fjordgløtt og vil ha innsyn i nøkkelkortloggen min fra beboerregisteret.")
    assert processor.data["route"]["role"] == "processor" and processor.data["types"] == ["access"]
    assert "Art. 12(5)" not in processor.text  # the controller decides whether to refuse, not us


def test_extension_refused_after_the_first_month(run):
    iid = run("inquiry new I want my data. received=2026-09-01").data["id"]
    reply = run(f'inquiry extend {iid} reason="complex"', ok=False)
    assert "Too late to extend" in reply.text and "2026-10-01" in reply.text
    assert f"#{iid}" in run("inquiry list overdue").text


def test_text_is_deleted_after_the_retention_period(run, registry, tmp_path):
    iid = run("inquiry new Slett meg, Ola Nordmann. received=2025-09-01").data["id"]
    run(f"inquiry close {iid}")
    assert tracking.purge(registry, Actor("bot", "purge"), months=12) == []
    later = Registry(registry.store, clock=lambda: datetime(2027, 11, 22, 12, 0, tzinfo=timezone.utc))
    assert tracking.purge(later, Actor("bot", "purge"), months=12) == [iid]
    with registry.reading():
        kept = tracking.get(registry, iid)
    assert kept.text == "" and kept.text_deleted is not None and kept.types  # metadata stays


def test_reminder_is_linked_to_the_earlier_inquiry(run):
    first = run("inquiry new I want a copy of my data. ola@example.com received=2026-10-01").data["id"]
    data = run(
        "inquiry new Reminder: I wrote to you on 1 October asking for my data and have not heard back. ola@example.com"
    ).data
    assert data["primary"] == "reminder" and data["linked_to"] == first


def test_freedom_of_information_request_is_not_a_gdpr_request(run):
    data = run("inquiry new Innsynskrav etter offentleglova: jeg ber om kopi av kontrakten med IWMAC.").data
    assert "access" not in data["types"]


def test_file_input_in_the_console(run, tmp_path):
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear Sir,\nI object to the use of my data for marketing.\nJane", encoding="utf-8")
    data = run(f"inquiry new file={letter}").data
    assert data["primary"] == "objection"
    assert "Cannot read" in run(f"inquiry new file={tmp_path / 'missing.txt'}", ok=False).text


def test_daily_job_runs_at_eight_oslo_time():
    from chat.slack.schedule import seconds_until_next

    # 07:00 UTC on 21 Nov is 08:00 in Oslo (UTC+1): the next run is a day later
    assert seconds_until_next(datetime(2026, 11, 21, 7, 0, tzinfo=timezone.utc)) == 24 * 3600
    assert seconds_until_next(datetime(2026, 11, 21, 6, 30, tzinfo=timezone.utc)) == 1800
    # summer time (UTC+2): 08:00 Oslo is 06:00 UTC
    assert seconds_until_next(datetime(2026, 6, 30, 5, 0, tzinfo=timezone.utc)) == 3600


# -- what the inquiry is: freedom of information, the privacy team's decision, precedents -------------------


def test_freedom_of_information_request_gets_no_gdpr_deadline(run):
    reply = run("inquiry new Krav om innsyn i saksdokumenter i sak 2025/117, inkludert postjournal for mars.")
    assert reply.data["primary"] == "foi" and reply.data["due"] is None and reply.data["forward_by"] is None
    assert "offentleglova" in reply.text and "1-3 working days" in reply.text
    assert "answer due" not in reply.text
    assert f"#{reply.data['id']}" not in run("inquiry list overdue").text


def test_the_privacy_team_sets_the_type_and_the_deadlines_follow(run, registry):
    iid = run("inquiry new Kan dere sende meg postlista for veke 12? received=2026-11-02").data["id"]
    refused = run(f"inquiry type {iid} access", ok=False, user="U_EMPLOYEE", dpo=False)
    assert "privacy team" in refused.text.lower()
    reply = run(f"inquiry type {iid} access")
    assert reply.data["types"] == ["access"] and reply.data["due"] == "2026-12-02"
    assert "Type set by the privacy team." in reply.text and "answer due 2026-12-02" in reply.text
    reply = run(f"inquiry type {iid} foi")
    assert reply.data["due"] is None and "offentleglova" in reply.text
    for bad, why in (
        ("pizza", "Not an inquiry type: pizza"),
        ("access,access", "given twice"),
        ("foi,access", "alone"),
    ):
        assert why in run(f"inquiry type {iid} {bad}", ok=False).text
    with registry.reading():
        events = [e for e in list(registry.store.audit_events().values()) if e["command"].startswith("inquiry type")]
    assert [e["after"]["types"] for e in events] == [["access"], ["foi"]]
    assert all(e["who"] == "U_DPO" for e in events)


def test_a_decision_of_the_privacy_team_types_the_next_look_alike_until_its_text_is_deleted(run, registry):
    text = "Vennligst fjern all informasjon dere har om hunden min Passopp fra kennelklubbregisteret deres."
    first = run(f"inquiry new {text} received=2025-09-01").data
    run(f"inquiry type {first['id']} erasure")
    second = run(f"inquiry new {text} Takk.").data
    assert second["types"] == ["erasure"] and second["precedent"] == first["id"]
    run(f"inquiry close {first['id']}")
    later = Registry(registry.store, clock=lambda: datetime(2027, 11, 22, 12, 0, tzinfo=timezone.utc))
    assert first["id"] in tracking.purge(later, Actor("bot", "purge"), months=12)
    third = run(f"inquiry new {text} Takk.").data
    assert third["precedent"] is None  # the example went with the text
