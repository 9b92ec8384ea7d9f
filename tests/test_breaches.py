"""Personal data breaches (issue 21, part A): reported by anyone, routed from the registry, counted against the
72-hour clock in real hours, assessed, notified, documented (Art. 33(5)) and closed; their personal details kept
out of the audit log and deleted after the retention period. Through the console's command layer on the demo
registry (a real file), one real console session, and Slack with the fake Web API."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from audit_log import audit_log, stored_text
from openpyxl import load_workbook
from slack_app import DPO, EMPLOYEE, bolt_app, demo_registry, send, slack_services
from slack_fake import FakeSlack
from slack_requests import slash_command

from breaches import clock, register
from chat import Context, Services, dispatch
from registry.delivery_records import channel_of
from registry.export import export_json
from registry.models import AuditEvent, Breach
from registry.registry import Actor, Registry
from registry.review import review
from tests.test_console import console

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)  # 13:00 in Oslo


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def pinned() -> Clock:
    return Clock()


@pytest.fixture
def registry(tmp_path, pinned):
    yield from demo_registry(tmp_path, pinned)


@pytest.fixture
def run(registry: Registry, tmp_path):
    services = Services(registry=registry, out=tmp_path / "out")

    def run(line: str, *, ok: bool = True, dpo: bool = True, user: str = "U_DPO"):
        reply = dispatch(Context(services=services, user=user, line=line, is_dpo=dpo), line)
        assert reply.ok is ok, reply.text
        return reply

    return run


def stored(registry: Registry, breach_id: int = 1) -> Breach:
    with registry.reading():
        return register.get(registry, breach_id)


FACTS = (
    'nature="Payroll list e-mailed to the wrong customer" kinds=confidentiality data="salaries, account numbers" '
    'subjects=employees people=40 records=40 consequences="financial fraud, distress" measures="recipient deleted it"'
)


# -- reporting ----------------------------------------------------------------------------------------------


def test_an_employee_gets_a_receipt_and_nothing_of_the_register(run, registry):
    run('breach new Kari Nordmann sin lønnsslipp gikk til feil kunde. discovered="i dag 09:15"')
    reply = run("breach new I lost a laptop with customer data on the train.", dpo=False, user="U_EMP")
    assert "#2" in reply.text and "Keep the evidence" in reply.text and "Contain it" in reply.text
    assert "Kari" not in reply.text and "#1" not in reply.text
    assert reply.data == {"breach": {"id": 2, "status": "open"}, "receipt": reply.text}
    norwegian = run("breach new Jeg sendte lønnslista til feil kunde.", dpo=False, user="U_EMP")
    assert "Ta vare på bevisene" in norwegian.text
    assert stored(registry, 2).reported_by == "U_EMP" and stored(registry, 2).source == "console"


@pytest.mark.parametrize(
    "line", ["breach list", "breach show 1", "breach assess 1 risk=none reason=x", "breach close 1", "breach draft 1"]
)
def test_everything_but_reporting_is_for_the_privacy_team(run, registry, line):
    run("breach new Noe gikk galt.")
    reply = run(line, ok=False, dpo=False, user="U_EMP")
    assert "only the privacy team" in reply.text and "Noe gikk galt" not in reply.text
    assert stored(registry).risk is None and stored(registry).status == "open"


def test_bad_times_are_refused_and_change_nothing(run, registry):
    assert "in the future" in run('breach new X discovered="i morgen 10:00"', ok=False).text
    assert "time of day is missing" in run("breach new X discovered=2026-11-20", ok=False).text
    assert (
        "before the breach was discovered"
        in run('breach new X discovered="i dag 10:00" aware="i dag 09:00"', ok=False).text
    )
    assert "is a number" in run("breach new X people=many", ok=False).text
    with registry.reading():
        assert registry.all(Breach) == []


# -- the paths ----------------------------------------------------------------------------------------------


def test_own_data_without_risk_is_documented_and_closed_without_notification(run, registry, tmp_path):
    reply = run('breach new Et internt regneark lå åpent for alle ansatte i en time. aware="i dag 10:00"')
    assert "we are the controller" in reply.text and "Risk: not assessed yet" in reply.text
    assert "2026-11-24 10:00 CET" in reply.text
    refused = run("breach close 1", ok=False)
    assert "nature=" in refused.text and "breach assess 1" in refused.text
    run('breach set 1 nature="Spreadsheet open to all staff for an hour" data="names, phone numbers" people=12')
    run('breach assess 1 risk=none reason="Seen by staff under confidentiality only; no copies"')
    assert "clock stopped" in run("breach show 1").text
    assert run('breach close 1 note="Access fixed"').text == "Breach #1 closed."
    assert stored(registry).status == "closed" and stored(registry).authority_notified is None
    assert "is closed" in run("breach assess 1 risk=high reason=x", ok=False).text
    with registry.reading():
        assert export_json(registry)["breaches"][0]["risk"] == "none"
    written = run("export xlsx").data["file"]
    book = load_workbook(written)
    sheet = book["Breaches Art. 33(5)"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[1][0] == 1 and "Spreadsheet open to all staff for an hour" in rows[1]
    assert rows[1][rows[0].index("Approx. number of data subjects")] == 12, "a number a spreadsheet can sum"
    assert not any("regneark" in str(v) for row in rows for v in row), "the report's own words stay out"


def test_risk_needs_the_authority_notified_within_72_hours(run, registry):
    run('breach new Phishing: one mailbox read by an attacker. discovered="i går 14:00"')
    run(f"breach set 1 {FACTS}")
    run('breach assess 1 risk=risk reason="Contact data exposed to a criminal"')
    assert "Datatilsynet (breach notified 1 authority" in run("breach close 1", ok=False).text
    draft = run("breach draft 1 authority lang=en").text
    assert "1. The controller" in draft and "Nordlys Eiendomsdrift AS" in draft and "MISSING" not in draft
    assert "Payroll list" in draft and "likely to result in a risk" in draft
    nb = run("breach draft 1").text
    assert "Den behandlingsansvarlige" in nb and "Tidslinje" in nb
    run('breach notified 1 authority="i dag 09:30" reference=DT-2026-77')
    assert stored(registry).authority_reference == "DT-2026-77" and stored(registry).delay_reason is None
    run("breach close 1")


def test_high_risk_needs_the_data_subjects_told_as_well(run, registry):
    run('breach new Pasientjournaler sendt til feil adresse. aware="i dag 09:00"')
    run(f"breach set 1 {FACTS}")
    run('breach assess 1 risk=high reason="Bank data enables fraud"')
    run('breach notified 1 authority="i dag 12:30"')
    assert "communication to the data subjects" in run("breach close 1", ok=False).text
    assert "Important information about your personal data" in run("breach draft 1 subjects lang=en").text
    assert "reason= is required" in run("breach notified 1 subjects=not-needed", ok=False).text
    run('breach notified 1 subjects="i dag"')
    run("breach close 1")
    assert stored(registry).subjects_notified.isoformat() == "2026-11-21"


def test_data_we_process_for_a_controller_goes_to_that_controller(run, registry):
    reply = run('breach new Vi mistet en minnepinne med beboerregisteret. about=Fjordgløtt aware="i dag 09:00"')
    assert "our role: processor" in reply.text
    assert "Borettslaget Fjordgløtt — contact: styret@fjordglott.example" in reply.text
    assert "48 hours (not recorded on the DPA" in reply.text
    # The hours agreed in a DPA we generate are recorded on it and shown from then on.
    with registry.change(Actor("setup", "test")) as w:
        agreement = next(a for a in registry.all(__import__("registry.models").models.Agreement) if a.processor == 1)
        w.update(agreement, {"breach_hours": 24})
    shown = run("breach show 1").text
    assert "24 hours (our DPA" in shown and "tell by 2026-11-22 09:00 CET" in shown
    run(f"breach set 1 {FACTS}")
    en = run('breach draft 1 controller="Fjordgløtt" lang=en').text
    assert "To: Borettslaget Fjordgløtt (styret@fjordglott.example)" in en and "(a) Nature of the breach" in en
    assert "(d) Measures taken or proposed: recipient deleted it" in en and "24 hours" in en
    nb = run("breach draft 1 lang=nb").text
    assert "Brudd på personopplysningssikkerheten" in nb and "a) Bruddets art" in nb
    assert "Borettslaget Fjordgløtt was told" in run("breach close 1", ok=False).text
    run('breach notified 1 controller=Fjordgløtt at="i dag 12:45"')
    run("breach close 1")


def test_generated_dpa_records_its_breach_hours(run, registry):
    run('party set Nordlys measures="Kryptering; tilgangsstyring"')
    run('party set Fjordgløtt orgnr=912345602 address="Fjordveien 1, 5003 Bergen"')
    generated = run("dpa generate Fjordgløtt Nordlys breach-hours=24")
    assert generated.data["agreement"]["breach_hours"] == 24
    run("breach new Minnepinne borte. about=Fjordgløtt")
    # The signed agreement counts until the new draft is signed; then its 24 hours apply.
    assert "48 hours (not recorded on the DPA, signed v1" in run("breach show 1").text
    run("dpa signed Fjordgløtt Nordlys date=2026-11-21")
    assert "24 hours (our DPA, signed v2)" in run("breach show 1").text


def test_a_sub_processors_breach_names_the_controllers_we_must_tell(run, registry):
    run('subprocessor add Nordlys Fjordsky service="hosting"')
    reply = run("breach new Fjordsky melder innbrudd i lagringssystemet. processor=Fjordsky")
    assert "our role: sub-processor" in reply.text and "we must in turn tell them" in reply.text
    told = {t["party"] for t in reply.data["breach"]["tell"]}
    assert {"Borettslaget Fjordgløtt", "Semac", "SE-gruppen"} <= told
    assert "Nordlys Eiendomsdrift AS" not in told
    narrowed = run("breach set 1 about=Fjordgløtt")
    assert [t["party"] for t in narrowed.data["breach"]["tell"]] == ["Borettslaget Fjordgløtt"]
    assert "Breaches at it (1)" in run("who Fjordsky").text
    assert "Breaches at it" not in run("who Fjordsky", dpo=False, user="U_EMP").text


def test_a_late_notification_needs_the_reasons_for_the_delay(run, registry):
    run('breach new Backup lost. aware="4 dager siden 10:00"')
    run("breach assess 1 risk=risk reason=x")
    assert "passed" in run("breach show 1").text
    refused = run('breach notified 1 authority="i dag 10:00"', ok=False)
    assert "Art. 33(1) requires the reasons for the delay" in refused.text and "delay=" in refused.text
    assert stored(registry).authority_notified is None
    run('breach notified 1 authority="i dag 10:00" delay="The scope was unclear until the vendor replied"')
    assert stored(registry).delay_reason.startswith("The scope")
    assert "Reasons for the delay" in run("breach draft 1 authority lang=en").text


def test_correcting_awareness_is_audited_and_moves_the_deadline(run, registry):
    run('breach new X aware="i dag 10:00"')
    assert "reason= are both required" in run('breach aware 1 at="i dag 08:00"', ok=False).text
    run('breach aware 1 at="i dag 08:00" reason="The helpdesk knew at 08:00"')
    assert "2026-11-24 08:00 CET" in run("breach show 1").text
    events = [e for e in registry.all(AuditEvent) if e.kind == "breaches"]
    assert events[-1].before["aware"].startswith("2026-11-21T10:00") and events[-1].after["aware"].startswith(
        "2026-11-21T08:00"
    )


# -- the clock ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("aware", "deadline"),
    [
        ("2026-10-24 12:00", "2026-10-27 11:00 CET"),  # summer time ends on 25 October: still 72 real hours
        ("2026-03-27 12:00", "2026-03-30 13:00 CEST"),  # summer time starts on 29 March
    ],
)
def test_the_72_hours_are_real_hours_across_a_change_of_summer_time(run, registry, aware, deadline):
    run(f'breach new X aware="{aware}"')
    assert f"72-hour deadline {deadline}" in run("breach show 1").text
    b = stored(registry)
    assert (clock.deadline(b) - clock.aware_at(b)).total_seconds() == 72 * 3600


def test_reminders_fire_once_each_at_24_48_and_66_hours(run, registry, pinned):
    run('breach new X aware="i dag 13:00"')  # 12:00 UTC
    b = stored(registry)
    assert clock.reminders_due(b, NOW + timedelta(hours=23, minutes=59)) == []
    assert clock.reminders_due(b, NOW + timedelta(hours=24)) == [24]
    register.reminders_sent(registry, Actor("bot", "reminder"), 1, [24])
    assert clock.reminders_due(stored(registry), NOW + timedelta(hours=30)) == []
    assert clock.reminders_due(stored(registry), NOW + timedelta(hours=67)) == [48, 66]
    pinned.now = NOW + timedelta(hours=49)
    assert run("breach show 1").data["breach"]["reminders_due"] == [48]
    run("breach assess 1 risk=none reason=x")
    assert clock.reminders_due(stored(registry), NOW + timedelta(hours=67)) == []


def test_review_flags_an_unassessed_breach_past_72_hours_and_repeated_breaches(run, registry, pinned):
    run("breach new X processor=Fjordsky")
    run('breach new Y processor=Fjordsky aware="i går 10:00"')
    flags = review(registry, today=pinned.now.date())
    assert [f.code for f in flags if f.code.startswith(("breach", "repeated"))] == ["repeated-breaches"]
    pinned.now = NOW + timedelta(hours=73)
    flags = review(registry, today=pinned.now.date())
    late = [f for f in flags if f.code == "breach-past-72h"]
    assert len(late) == 2 and late[0].severity == "high" and "Fjordsky Hosting AS" in late[0].parties
    run("breach assess 1 risk=none reason=x")
    run("breach assess 2 risk=none reason=x")
    assert not [f for f in review(registry, today=pinned.now.date()) if f.code == "breach-past-72h"]


# -- personal data ------------------------------------------------------------------------------------------


def test_personal_details_stay_out_of_the_audit_log_and_are_purged_after_the_period(run, registry, pinned):
    run("breach new Ola Hansen sendte Kari Nordmanns journal til feil lege.")
    run('breach set 1 nature="A medical record sent to the wrong doctor" consequences="Ola Hansen embarrassed"')
    run("breach assess 1 risk=none reason=x")
    run('breach close 1 note="Kari Nordmann told by phone"')
    log = json.dumps([e.to_doc() for e in registry.all(AuditEvent) if e.kind == "breaches"], ensure_ascii=False)
    assert "Kari" not in log and "Ola" not in log and "(withheld)" in log
    actor = Actor("bot", "purge")
    assert register.purge(registry, actor, months=36) == []
    pinned.now = NOW + timedelta(days=3 * 366)
    assert register.purge(registry, actor, months=36) == [1]
    b = stored(registry)
    assert b.text == "" and b.reported_by == "" and b.details_deleted is not None
    assert b.nature == "A medical record sent to the wrong doctor", "the documentation stays"
    assert "deleted" in run("breach show 1").text
    assert register.purge(registry, actor, months=36) == []
    report = next(e for e in registry.all(AuditEvent) if e.kind == "breaches" and e.action == "add")
    assert report.who == "(deleted)", "who handed it in goes with the report"
    if registry.store.real_path is not None:  # nor is it anywhere on the disk: the journal's lines are written anew
        assert "Kari Nordmanns journal" not in stored_text(registry.store.path)


# -- the real console and Slack -------------------------------------------------------------------------------


def test_a_console_session(tmp_path):
    lines = [
        'breach new Jeg sendte lønnslista til feil kunde. discovered="i dag 09:15" people=40',
        'breach assess 1 risk=risk reason="Salaries exposed"',
        'breach notified 1 authority="i dag 11:00"',
        "breach list all",
    ]
    result = console("\n".join(lines) + "\n", "--db", "r.json", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "72-hour deadline 2026-11-24 09:15 CET" in result.stdout
    assert "clock stopped: the authority was notified" in result.stdout
    audit = json.dumps(audit_log(tmp_path / "r.json"), ensure_ascii=False)
    assert "lønnslista" not in audit and "Salaries exposed" not in audit


@pytest.fixture
def slack_registry(tmp_path):
    yield from demo_registry(tmp_path)


def test_slack_employee_report_is_a_private_receipt_and_the_list_is_refused(slack_registry, fake: FakeSlack):
    app = bolt_app(slack_services(slack_registry), fake.client())
    text = "breach new I sent the payroll list to the wrong customer people=40"
    response = send(app, slash_command(text, user_id=EMPLOYEE, channel_id="C_GENERAL", response_url=fake.response_url))
    assert response.status == 200
    [receipt] = fake.calls("response_url")
    assert receipt.params["response_type"] == "ephemeral"
    shown = json.dumps(receipt.params, ensure_ascii=False)
    assert "Breach report #1" in shown and "Keep the evidence" in shown
    assert stored(slack_registry).source == "command" and stored(slack_registry).people == 40
    send(app, slash_command("breach list", user_id=EMPLOYEE, channel_id="C_GENERAL", response_url=fake.response_url))
    refusal = fake.calls("response_url")[-1]
    assert refusal.params["response_type"] == "ephemeral" and "only the privacy team" in refusal.params["text"]
    # The report reaches the privacy team only: its card, in our privacy channel (part B).
    with slack_registry.reading():
        team = channel_of(slack_registry, slack_registry.self_party().id)
    assert "payroll" not in json.dumps([c.params for c in fake.calls() if c.params.get("channel") != team])
    assert [c.params["channel"] for c in fake.calls("chat.postMessage")] == [team]
    send(app, slash_command("breach list", user_id=DPO, channel_id="C_GENERAL", response_url=fake.response_url))
    listed = fake.calls("response_url")[-1]
    assert listed.params["response_type"] == "ephemeral" and "#1 open" in listed.params["text"]


def test_a_party_a_breach_names_cannot_be_removed(run):
    """The Art. 33(5) documentation keeps naming the processor the breach happened at."""
    run('party add "Lekk AS" country=NO')
    run("breach new Lekk AS mistet en disk med kundedata. processor=Lekk")
    refused = run('party remove "Lekk AS"', ok=False).text
    assert "personal data breach #1" in refused


def test_the_purge_leaves_no_copy_of_the_report_on_the_disk(run, registry, pinned):
    """The journal's lines carry the records as written: the purge writes it anew even when no audit event needed
    a change (every command line here was already withheld)."""
    run("breach new Ola Hansen fikk feil brev med fnr 01019012345")
    run("breach set 1 nature=x")
    run("breach assess 1 risk=none reason=x")
    run("breach close 1")
    assert "01019012345" in stored_text(registry.store.path)
    pinned.now = NOW + timedelta(days=3 * 366)
    assert register.purge(registry, Actor("bot", "purge"), months=36) == [1]
    assert "01019012345" not in stored_text(registry.store.path)


def test_as_processor_we_tell_the_controller_and_leave_its_decisions_to_it(run, registry, pinned):
    """Art. 33(2): whatever the risk, the controller is told; it assesses and notifies Datatilsynet, not we."""
    run('breach new Semac-loggen ble slettet. about=Fjordgløtt aware="i dag 09:00"')
    for line in (
        "breach assess 1 risk=none reason=x",
        "breach notified 1 authority=now",
        'breach notified 1 subjects="i dag"',
        "breach draft 1 authority",
    ):
        assert "the controller" in run(line, ok=False).text, line
    refused = run("breach notified 1 controller=Septer at=now", ok=False).text
    assert "Septer AS is not a controller to tell of breach #1" in refused and "Borettslaget Fjordgløtt" in refused
    pinned.now = NOW + timedelta(hours=80)
    [flag] = [f for f in review(registry, today=pinned.now.date()) if f.code == "breach-controller-not-told"]
    assert "Borettslaget Fjordgløtt is not recorded as told" in flag.reason and "breach draft 1" in flag.fix
    run('breach notified 1 controller=Fjordgløtt at="i dag 14:00"')
    assert not [f for f in review(registry, today=pinned.now.date()) if f.code == "breach-controller-not-told"]


def test_a_notification_made_late_by_a_corrected_awareness_needs_the_reasons_before_closing(run):
    run('breach new Feil mottaker. discovered="2026-11-17 10:00" aware="i dag 08:00"')
    run('breach notified 1 authority="i dag 09:00"')
    refused = run('breach notified 1 subjects="i går"', ok=False).text
    assert "before we were aware" in refused
    run('breach aware 1 at="2026-11-17 12:00" reason="The IT team knew on Tuesday"')
    run("breach set 1 nature=x")
    run("breach assess 1 risk=risk reason=x")
    missing = run("breach close 1", ok=False).text
    assert "came after the 72 hours" in missing and "delay=" in missing
    run('breach notified 1 authority="i dag 09:00" delay="We learnt of it late"')
    run("breach close 1")


def test_a_time_counted_back_from_now_is_a_moment(run):
    """An employee rarely knows the clock time: "2 timer siden" is a moment; a bare date still lacks the hour."""
    reply = run('breach new Mistet mobilen på toget. discovered="2 timer siden"')
    assert "discovered 2026-11-21 11:00 CET" in reply.text
    assert "The time of day is missing" in run("breach new X discovered=2026-11-20", ok=False).text


def test_an_impossible_number_of_people_is_refused(run):
    assert "more than anyone holds" in run("breach new X people=1000000000000", ok=False).text
