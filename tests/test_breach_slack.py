"""Personal data breaches in Slack (issue 21, part B): reported by the message shortcut, the global shortcut's
form, `/dpa breach new` or a direct message; the privacy team's card and its buttons (members only), the
reminders of the 72-hour clock fired by a pinned clock across the end of summer time, App Home, `share who`, and
the cards redacted when the details are purged. The real Bolt app, signed requests, the fake Slack API."""

# ruff: noqa: F811  (the fixtures `registry` and `pinned` are part A's, imported from tests/test_breaches.py)

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

import pytest
from slack_app import DPO, EMPLOYEE, bolt_app, send, slack_services
from slack_fake import FakeSlack
from slack_requests import (
    app_home_opened,
    block_actions,
    datepicker,
    dm_message,
    event_callback,
    message_shortcut,
    radio_buttons,
    slash_command,
    text_input,
    view_submission,
)

from breaches import register
from chat.slack import breach_blocks
from chat.slack.on_breaches import redact_purged, send_reminders
from registry.export import export_json
from registry.registry import Actor, Registry
from tests.test_breaches import pinned, registry  # noqa: F401  the demo registry on a clock the tests move

TEXT = "Jeg sendte lønnslista med kontonumre til feil kunde i morges."


@pytest.fixture
def slack(registry):
    return slack_services(registry)


@pytest.fixture
def app(fake, slack):
    return bolt_app(slack, fake.client())


def snapshot(registry: Registry) -> str:
    with registry.reading():
        return json.dumps(export_json(registry), sort_keys=True, default=str)


def cards(fake: FakeSlack) -> list:
    return [c for c in fake.calls("chat.postMessage") if "Personal data breach #" in (c.params.get("text") or "")]


def shown(call) -> str:
    return json.dumps(call.json("blocks") or [], ensure_ascii=False)


def state(
    what: str, *, discovered: datetime | None = None, people: str | None = None, company: str | None = None
) -> dict:
    picked = {"type": "datetimepicker", "selected_date_time": int(discovered.timestamp()) if discovered else None}
    return {
        "company": {"company": text_input(company)},
        "what": {"what": text_input(what)},
        "discovered": {"discovered": picked},
        "data": {"data": text_input("lønn og kontonummer")},
        "subjects": {"subjects": text_input("ansatte")},
        "people": {"people": text_input(people)},
        "done": {"done": text_input("Ba mottakeren slette e-posten")},
    }


def shortcut_report(app, fake, *, user=EMPLOYEE, discovered=None, people="ca. 40", company=None):
    """An employee uses Report a data breach on a message: the form opens filled in, and is submitted."""
    message = {"type": "message", "user": "U_AUTHOR", "ts": "1763719200.000200", "text": TEXT}
    send(app, message_shortcut("report_breach", message, user_id=user, channel_id="C_GENERAL"))
    view = fake.last("views.open").json("view")
    what = next(b for b in view["blocks"] if b.get("block_id") == "what")
    assert what["element"]["initial_value"] == TEXT
    body = view_submission(
        breach_blocks.REPORT_MODAL,
        state(TEXT, discovered=discovered, people=people, company=company),
        user_id=user,
        private_metadata=view["private_metadata"],
    )
    return send(app, body)


def press(app, fake, action: str, breach_id: int = 1, *, user=DPO):
    """A button on the breach's card, as posted."""
    card = cards(fake)[0]
    posted = card.answer
    container = {"type": "message", "channel_id": posted["channel"], "message_ts": posted["ts"]}
    return send(app, block_actions(action, str(breach_id), user_id=user, container=container))


def submit(app, fake, callback: str, values: dict, *, user=DPO):
    view = fake.last("views.open").json("view")
    assert view["callback_id"] == callback
    return send(app, view_submission(callback, values, user_id=user, private_metadata=view["private_metadata"]))


def assess(app, fake, risk: str, reason: str):
    press(app, fake, "breach_assess")
    values = {"risk": {"risk": radio_buttons(risk)}, "reason": {"reason": text_input(reason)}}
    return submit(app, fake, breach_blocks.ASSESS_MODAL, values)


def notified_values(at: datetime, *, subjects: str | None = None, delay: str | None = None) -> dict:
    values = {
        "at": {"at": {"type": "datetimepicker", "selected_date_time": int(at.timestamp())}},
        "reference": {"reference": text_input("2026-1234")},
        "delay": {"delay": text_input(delay)},
    }
    if subjects is not None:
        values["subjects"] = {"subjects": datepicker(subjects)}
    return values


def slash(app, fake, line: str, *, user=DPO):
    send(app, slash_command(line, user_id=user, response_url=fake.response_url))
    return fake.last("response_url").params


# -- reporting ----------------------------------------------------------------------------------------------


def test_the_message_shortcut_gives_a_receipt_to_the_reporter_and_a_card_to_the_privacy_team(app, fake, registry):
    shortcut_report(app, fake)
    receipt = next(c for c in fake.calls("chat.postMessage") if c.params["channel"] == EMPLOYEE)
    assert "#1" in receipt.params["text"] and "Keep the evidence" in receipt.params["text"]
    assert TEXT not in receipt.params["text"]  # nothing of the register, nor the report, goes back
    [card] = cards(fake)
    assert card.params["channel"] != EMPLOYEE and card.params["channel"] != "C_GENERAL"
    text = shown(card)
    assert "lønnslista" in text and f"<@{EMPLOYEE}>" in text and "<@U_AUTHOR>" in text
    assert "72-hour deadline 2026-11-24 13:00 CET: 72 hours left" in text  # discovered now: aware now
    assert "The privacy team assesses the risk" in text
    assert [e["action_id"] for e in card.json("blocks")[-1]["elements"]] == list(breach_blocks.CARD_ACTIONS)
    with registry.reading():
        breach = register.get(registry, 1)
    assert breach.source == "shortcut" and breach.people == 40 and breach.measures.startswith("Ba mottakeren")
    assert breach.origin == {"channel": "C_GENERAL", "ts": "1763719200.000200", "author": "U_AUTHOR"}
    assert breach.posted == [card.answer and {"channel": card.answer["channel"], "ts": card.answer["ts"]}]


def test_a_bad_form_shows_its_errors_and_changes_nothing(app, fake, registry, pinned):
    before = snapshot(registry)
    response = shortcut_report(app, fake, people="lots", discovered=pinned.now + timedelta(days=1))
    errors = json.loads(response.body)["errors"]
    assert "number" in errors["people"] and "in the future" in errors["discovered"]
    assert snapshot(registry) == before and not cards(fake)


def test_the_form_routes_by_the_company_the_reporter_names(app, fake, registry):
    """A customer we process for: its data, so the card names it as the controller to tell."""
    before = snapshot(registry)
    response = shortcut_report(app, fake, company="IWMAC")  # processes for us, and we for nobody under that name
    assert response.status == 200 and not json.loads(response.body or "{}").get("errors")
    text = shown(cards(fake)[0])
    assert "It happened at IWMAC" in text
    response = shortcut_report(app, fake, company="Ukjent Selskap AS")
    assert "Ukjent Selskap" in json.loads(response.body)["errors"]["company"]
    shortcut_report(app, fake, company="Fjordgløtt")
    text = shown(cards(fake)[-1])
    assert "Data we process for a controller" in text and "Borettslaget Fjordgløtt — contact:" in text
    assert snapshot(registry) != before


def test_the_global_shortcut_opens_the_empty_form(app, fake, registry):
    payload = {
        "type": "shortcut",
        "token": "t",
        "action_ts": "1.1",
        "team": {"id": "T123", "domain": "dpa-test"},
        "user": {"id": EMPLOYEE, "username": "emp", "team_id": "T123"},
        "callback_id": "report_breach_global",
        "trigger_id": "T.9",
        "is_enterprise_install": False,
        "enterprise": None,
    }
    send(app, urlencode({"payload": json.dumps(payload)}))
    view = fake.last("views.open").json("view")
    assert view["callback_id"] == breach_blocks.REPORT_MODAL
    submit(app, fake, breach_blocks.REPORT_MODAL, state("Mistet en minnepinne med kundeliste"), user=EMPLOYEE)
    with registry.reading():
        assert register.get(registry, 1).source == "modal"
    assert len(cards(fake)) == 1
    assert any(c.params["channel"] == EMPLOYEE and "#1" in c.params["text"] for c in fake.calls("chat.postMessage"))


# -- the paths ----------------------------------------------------------------------------------------------


def test_own_data_without_risk_assessed_on_the_card_and_closed(app, fake, registry):
    shortcut_report(app, fake)
    assess(app, fake, "none", "Mottakeren slettet den")
    update = fake.last("chat.update")
    assert "clock stopped: assessed as unlikely to result in a risk" in shown(update)
    press(app, fake, "breach_close")
    refusal = fake.last("chat.postEphemeral").params["text"]
    assert "cannot be closed yet" in refusal and "breach set 1 nature=" in refusal
    slash(app, fake, 'breach set 1 nature="Lønnsliste sendt til feil kunde"')
    press(app, fake, "breach_close")
    with registry.reading():
        assert register.get(registry, 1).status == "closed"
    assert "*Closed* by" in shown(fake.last("chat.update")) and '"actions"' not in shown(fake.last("chat.update"))


def test_risk_needs_the_authority_notified(app, fake, registry, pinned):
    shortcut_report(app, fake)
    slash(app, fake, 'breach set 1 nature="Lønnsliste sendt til feil kunde"')
    assess(app, fake, "risk", "Kontonumre")
    press(app, fake, "breach_close")
    assert "notification to Datatilsynet" in fake.last("chat.postEphemeral").params["text"]
    press(app, fake, "breach_notified")
    view = fake.last("views.open").json("view")
    assert "2026-11-24 13:00 CET" in json.dumps(view) and "subjects" not in [b.get("block_id") for b in view["blocks"]]
    submit(app, fake, breach_blocks.NOTIFIED_MODAL, notified_values(pinned.now))
    with registry.reading():
        breach = register.get(registry, 1)
    assert breach.authority_notified and breach.authority_reference == "2026-1234"
    press(app, fake, "breach_close")
    with registry.reading():
        assert register.get(registry, 1).status == "closed"


def test_a_late_notification_in_the_form_needs_the_reasons(app, fake, registry, pinned):
    shortcut_report(app, fake)
    assess(app, fake, "risk", "x")
    pinned.now += timedelta(hours=80)
    press(app, fake, "breach_notified")
    before = snapshot(registry)
    response = submit(app, fake, breach_blocks.NOTIFIED_MODAL, notified_values(pinned.now))
    assert "Art. 33(1)" in json.loads(response.body)["errors"]["delay"]
    assert snapshot(registry) == before


def test_high_risk_records_the_authority_and_the_data_subjects(app, fake, registry, pinned):
    shortcut_report(app, fake)
    slash(app, fake, 'breach set 1 nature="Lønnsliste sendt til feil kunde"')
    assess(app, fake, "high", "Kontonumre og lønn")
    press(app, fake, "breach_notified")
    assert "subjects" in [b.get("block_id") for b in fake.last("views.open").json("view")["blocks"]]
    submit(app, fake, breach_blocks.NOTIFIED_MODAL, notified_values(pinned.now, subjects="2026-11-21"))
    with registry.reading():
        breach = register.get(registry, 1)
    assert breach.authority_notified and breach.subjects_notified.isoformat() == "2026-11-21"
    assert "data subjects told 2026-11-21" in fake.last("chat.postMessage").params["text"]
    press(app, fake, "breach_close")
    with registry.reading():
        assert register.get(registry, 1).status == "closed"


def test_data_we_process_for_a_controller_names_it_and_the_draft_goes_to_the_clicker(app, fake, registry):
    slash(app, fake, "breach new Vi mistet en minnepinne med beboerregisteret. about=Fjordgløtt", user=EMPLOYEE)
    [card] = cards(fake)
    text = shown(card)
    assert "Data we process for a controller" in text and "Fjordgløtt" in text and "contact:" in text
    assert "DPA:" in text and "tell by" in text
    press(app, fake, "breach_draft")
    draft = fake.last("chat.postMessage")
    assert draft.params["channel"] == DPO and "Fjordgløtt" in draft.params["text"]


def test_a_sub_processors_breach_lists_the_controllers_to_tell(app, fake, registry):
    slash(app, fake, 'subprocessor add Nordlys Fjordsky service="hosting"')
    slash(app, fake, "breach new Fjordsky melder innbrudd i lagringssystemet. processor=Fjordsky", user=EMPLOYEE)
    text = shown(cards(fake)[0])
    assert "A breach at our sub-processor" in text and "It happened at Fjordsky" in text
    assert "Borettslaget Fjordgløtt — contact:" in text and "SE-gruppen — contact:" in text


def test_someone_outside_the_privacy_team_is_refused_at_every_button(app, fake, registry):
    shortcut_report(app, fake)
    before, opened = snapshot(registry), len(fake.calls("views.open"))
    for action in breach_blocks.CARD_ACTIONS:
        press(app, fake, action, user=EMPLOYEE)
        refusal = fake.last("chat.postEphemeral")
        assert refusal.params["user"] == EMPLOYEE and "Only the privacy team" in refusal.params["text"]
    assert snapshot(registry) == before and len(fake.calls("views.open")) == opened
    assert not [
        c for c in fake.calls("chat.postMessage") if c.params["channel"] == EMPLOYEE and "Fjord" in c.params["text"]
    ]


# -- the clock ----------------------------------------------------------------------------------------------


def test_reminders_fire_once_each_at_24_48_and_66_hours_across_the_end_of_summer_time(
    app, fake, registry, pinned, slack
):
    aware = datetime(2026, 10, 24, 10, 0, tzinfo=UTC)  # 12:00 CEST in Oslo; summer time ends on 25 October
    pinned.now = aware + timedelta(hours=1)
    shortcut_report(app, fake, discovered=aware)
    assert "72-hour deadline 2026-10-27 11:00 CET: 71 hours left" in shown(cards(fake)[0])
    client = fake.client()

    def reminders() -> list[str]:
        return [c.params["text"] for c in fake.calls("chat.postMessage") if c.params["text"].startswith("⏰")]

    assert send_reminders(slack, client) == 0
    for hours, left in ((24, "47 hours"), (48, "23 hours"), (66, "5 hours")):
        pinned.now = aware + timedelta(hours=hours, minutes=1)
        assert send_reminders(slack, client) == 1
        assert send_reminders(slack, client) == 0  # once
        assert f"#1: {hours} hours since" in reminders()[-1] and f"{left} left" in reminders()[-1]
        assert "2026-10-27 11:00 CET" in reminders()[-1] and "lønn" not in reminders()[-1]
    assert len(reminders()) == 3
    with registry.reading():
        assert register.get(registry, 1).reminders_sent == [24, 48, 66]


def test_reminders_stop_once_the_risk_is_assessed_as_none(app, fake, registry, pinned, slack):
    shortcut_report(app, fake)
    assess(app, fake, "none", "x")
    pinned.now += timedelta(hours=30)
    assert send_reminders(slack, fake.client()) == 0


# -- direct messages ----------------------------------------------------------------------------------------


def test_a_dm_that_surely_tells_of_a_breach_is_offered_the_report_and_nothing_is_recorded(app, fake, registry):
    before = snapshot(registry)
    send(app, event_callback(dm_message("mistet PC-en med kundefiler på toget", user=EMPLOYEE, channel="D_EMP")))
    offer = fake.last("chat.postMessage")
    [buttons] = [b for b in offer.json("blocks") if b["type"] == "actions"]
    assert [e["action_id"] for e in buttons["elements"]] == [breach_blocks.REPORT_ACTION]
    assert snapshot(registry) == before
    value = buttons["elements"][0]["value"]
    send(app, block_actions(breach_blocks.REPORT_ACTION, value, user_id=EMPLOYEE, channel_id="D_EMP"))
    view = fake.last("views.open").json("view")
    assert "mistet PC-en" in json.dumps(view, ensure_ascii=False)
    submit(app, fake, breach_blocks.REPORT_MODAL, state("mistet PC-en med kundefiler på toget"), user=EMPLOYEE)
    with registry.reading():
        assert register.get(registry, 1).source == "dm"
    assert len(cards(fake)) == 1


def test_a_dm_that_may_tell_of_a_breach_asks_and_no_means_an_answer(app, fake, registry):
    before = snapshot(registry)
    send(app, event_callback(dm_message("kan en kollega se kundelisten min?", user=EMPLOYEE, channel="D_EMP")))
    [buttons] = [b for b in fake.last("chat.postMessage").json("blocks") if b["type"] == "actions"]
    assert "Er dette et avvik" in shown(fake.last("chat.postMessage"))
    ids = [e["action_id"] for e in buttons["elements"]]
    assert ids == [breach_blocks.REPORT_ACTION, breach_blocks.QUESTION_ACTION]
    posts = len(fake.calls("chat.postMessage"))
    send(
        app,
        block_actions(
            breach_blocks.QUESTION_ACTION, buttons["elements"][1]["value"], user_id=EMPLOYEE, channel_id="D_EMP"
        ),
    )
    answers = fake.calls("chat.postMessage")[posts:]
    assert (
        answers
        and answers[0].params["channel"] == "D_EMP"
        and not answers[0].params.get("text", "").startswith("Er dette")
    )
    assert snapshot(registry) == before


def test_a_plain_question_is_answered_as_before(app, fake, registry):
    send(app, event_callback(dm_message("har vi databehandleravtale med HubSpot?", user=EMPLOYEE, channel="D_EMP")))
    reply = fake.last("chat.postMessage")
    assert "HubSpot" in reply.params["text"]
    assert not [b for b in reply.json("blocks") or [] if b.get("block_id") == "breach_offer"]


# -- App Home, share, retention -----------------------------------------------------------------------------


def test_app_home_lists_open_breaches_soonest_deadline_first(app, fake, registry, pinned):
    shortcut_report(app, fake)
    shortcut_report(app, fake, discovered=pinned.now - timedelta(hours=80))
    send(app, event_callback(app_home_opened(DPO)))
    home = json.dumps(fake.last("views.publish").json("view"), ensure_ascii=False)
    assert "Open personal data breaches" in home
    assert home.index("#2 controller") < home.index("#1 controller") and "passed 8 hours ago" in home
    assert "*Overdue.*" in home
    send(app, event_callback(app_home_opened(EMPLOYEE)))
    assert "Open personal data breaches" not in json.dumps(fake.last("views.publish").json("view"))


def test_share_who_leaves_the_breaches_out(app, fake, registry):
    slash(app, fake, "breach new Fjordsky melder innbrudd. processor=Fjordsky", user=EMPLOYEE)
    assert "Breaches at it (1)" in slash(app, fake, "who Fjordsky")["text"]
    shared = slash(app, fake, "share who Fjordsky")
    assert (
        shared["response_type"] == "in_channel"
        and "Breaches at it" not in shared["text"]
        and "#1" not in shared["text"]
    )


def test_the_purge_turns_the_cards_into_a_stub(app, fake, registry, slack):
    shortcut_report(app, fake)
    assess(app, fake, "none", "x")
    slash(app, fake, 'breach set 1 nature="Liste sendt feil"')
    press(app, fake, "breach_close")
    assert register.purge(registry, Actor("bot", "purge"), months=0) == [1]
    assert redact_purged(slack, fake.client()) == 1
    stub = fake.last("chat.update")
    assert "details were deleted" in stub.params["text"] and "lønn" not in json.dumps(stub.params, ensure_ascii=False)
    assert redact_purged(slack, fake.client()) == 0
    with registry.reading():
        assert register.get(registry, 1).origin is None
