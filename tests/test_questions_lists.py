"""Questions that need no subject (issue 16): vendors without a DPA, DPAs due for review, vendors abroad, our DPO,
what to do with someone's request, and out of scope; on the demo and on another company's registry, nb and en."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from slack_app import EMPLOYEE, bolt_app, send, slack_services
from slack_fake import FakeSlack
from slack_requests import app_mention, block_actions, dm_message, event_callback

from chat import Context, Services, dispatch
from chat.questions import EXAMPLES, INTENTS, LISTS, answer
from chat.questions_facts import Answer, Ask
from chat.questions_lists import countries_in, our_dpo
from chat.slack.blocks import HAND_IN_ACTION
from registry.delivery_records import delivery_of
from registry.demo import load_demo
from registry.models import Inquiry
from registry.registry import Actor, Registry
from registry.store import Store

DATA = Path(__file__).parent / "data"
CLOCK = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)  # other_company.txt's review dates are set against this day
OTHER_DPO = "personvernombud@fjordkraft-verksted.example"
DEMO_DPO = "personvernombud@nordlys-eiendomsdrift.example"


def build_other(registry: Registry) -> Registry:
    """Fjordkraft Verksted AS, built from an empty registry by the console commands in other_company.txt."""
    for line in (DATA / "other_company.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            reply = dispatch(Context(services=Services(registry=registry), user="U_DPO", line=line), line)
            assert reply.ok, (line, reply.text)
    return registry


@pytest.fixture(scope="module")
def other() -> Iterator[Registry]:
    store = Store(None)
    yield build_other(Registry(store, clock=lambda: CLOCK))
    store.close()


@pytest.fixture(scope="module")
def demo() -> Iterator[Registry]:
    store = Store(None)
    registry = Registry(store, clock=lambda: CLOCK)
    load_demo(registry, Actor("t", "demo"))
    yield registry
    store.close()


def ask_list(registry: Registry, intent: str, question: str, lang: str) -> tuple[str, Answer]:
    """What the employee sees for one list intent (as answer() shows it: the lines, then the sources)."""
    handler = {**LISTS, "dpo": our_dpo}[intent]
    with registry.reading():
        result = handler(Ask(registry, lang, registry.self_party(), registry.clock().date()), question)
    text = "\n".join([*result.lines, result.sources.line()])
    assert len(result.lines) <= 9, text  # short, never a registry dump
    return text, result


# -- which vendors have no DPA --------------------------------------------------------------------------------


def test_missing_dpa_on_the_other_company(other: Registry) -> None:
    text, result = ask_list(other, "missing-dpa", "hvilke leverandører mangler databehandleravtale?", "nb")
    assert text.startswith("3 leverandører behandler personopplysninger for oss uten signert databehandleravtale")
    for vendor in ("Mailchimp", "Smaksverket", "ClockRight"):
        assert vendor in text
    assert "Nyhetsbrev til kunder" in text  # what Mailchimp processes
    for signed in ("Visma", "Tripletex", "Slack", "Rekrutta"):
        assert signed not in text.split("_Kilder")[0]
    assert OTHER_DPO in text and "_Kilder: behandling" in text
    assert {m["processor"] for m in result.facts["missing"]} == {
        "ClockRight Ltd",
        "Smaksverket Kantinedrift AS",
        "The Rocket Science Group LLC (Mailchimp)",
    }
    english, _ = ask_list(other, "missing-dpa", "which vendors have no DPA?", "en")
    assert english.startswith("3 vendors process personal data for us without a signed DPA")
    assert "(no DPA on record)" in english and "_Sources: engagement" in english


def test_missing_dpa_on_the_demo_says_draft_and_none(demo: Registry) -> None:
    text, _ = ask_list(demo, "missing-dpa", "", "en")
    assert "*Semac*" in text and "(only a draft)" in text
    assert "*Septer AS" in text and "(no DPA on record)" in text
    assert "IWMAC" not in text.split("_Sources")[0]  # signed


def test_missing_dpa_when_all_are_signed(other: Registry) -> None:
    store = Store(None)
    registry = build_other(Registry(store, clock=lambda: CLOCK))
    for vendor in ("Mailchimp", "Smaksverket", "ClockRight"):
        line = f'dpa signed "Fjordkraft Verksted" {vendor} date=2026-12-01 review=2027-12-01'
        assert dispatch(Context(services=Services(registry=registry), user="U", line=line), line).ok
    text, result = ask_list(registry, "missing-dpa", "", "en")
    assert text.startswith("All vendors processing personal data for us have a signed DPA")
    assert result.facts["missing"] == [] and "_Sources: DPA" in text
    nb, _ = ask_list(registry, "missing-dpa", "", "nb")
    assert nb.startswith("Alle leverandører")
    store.close()


# -- which agreements are due for review --------------------------------------------------------------------


def test_review_due_within_60_days_overdue_first(other: Registry) -> None:
    text, result = ask_list(other, "review-due", "hvilke avtaler må fornyes snart?", "nb")
    lines = text.splitlines()
    assert "innen 60 dager (innen 03.02.2027), forfalte først" in lines[0]
    assert lines[1] == "• *Simployer AS*: forfalt 01.11.2026"
    assert lines[2:6] == [
        "• *Slack Technologies, LLC*: 20.12.2026",
        "• *Visma Software AS*: 15.01.2027",
        "• *Vestvakt Sikkerhet AS*: 31.01.2027",
        "• *SuperOffice AS*: 01.02.2027",
    ]
    assert result.facts["due"][0]["processor"] == "Simployer AS" and result.facts["due"][0]["overdue"]
    assert len(result.facts["due"]) == 5 and "Tripletex" not in text and "Kilder: databehandleravtale" in text
    english, _ = ask_list(other, "review-due", "which agreements are due for review soon?", "en")
    assert "*Simployer AS*: overdue since 2026-11-01" in english and "*SuperOffice AS*: 2027-02-01" in english


@pytest.mark.parametrize(
    ("question", "lang", "until", "shown"),
    [
        ("which DPAs are due this month?", "en", "2026-12-31", ["Simployer", "Slack"]),
        (
            "hvilke avtaler skal gjennomgås neste måned?",
            "nb",
            "2027-01-31",
            ["Simployer", "Slack", "Visma", "Vestvakt"],
        ),
        ("hvilke avtaler må fornyes i år?", "nb", "2026-12-31", ["Simployer", "Slack"]),
    ],
)
def test_review_due_window_from_the_question(
    other: Registry, question: str, lang: str, until: str, shown: list[str]
) -> None:
    _, result = ask_list(other, "review-due", question, lang)
    assert result.facts["until"] == until
    assert [d["processor"].split()[0] for d in result.facts["due"]] == shown


def test_review_due_on_the_demo(demo: Registry) -> None:
    text, _ = ask_list(demo, "review-due", "", "en")
    assert "*IWMAC AS*: overdue since 2025-02-20" in text.splitlines()[1]


# -- which vendors get data abroad ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hvilke leverandører har vi i usa", {"US"}),
        ("which vendors transfer personal data to the US?", {"US"}),
        ("do we send anything to India?", {"IN"}),
        ("sender vi noe til India eller Storbritannia?", {"IN", "GB"}),
        ("vendors in the UK", {"GB"}),
        ("hvem lagrer data utenfor EØS?", set()),
        ("which vendors send data outside the EEA?", set()),
        ("who processes data for us?", set()),  # "us" is not the US
        ("hvilke leverandører bruker vi i Tyskland?", {"DE"}),
    ],
)
def test_countries_in_a_question(text: str, expected: set[str]) -> None:
    assert countries_in(text) == expected


def test_vendors_in_the_us(other: Registry) -> None:
    text, result = ask_list(other, "vendors-abroad", "hvilke leverandører har vi i usa", "nb")
    assert text.startswith("4 leverandører får personopplysninger i USA")
    for vendor in ("Slack", "Mailchimp", "Microsoft Corporation", "AWS"):
        assert vendor in text
    assert "Kaveri" not in text and "ClockRight" not in text
    assert "EU-US Data Privacy Framework" in text and "via Rekrutta AS" in text
    assert "Kilder: overføring" in text
    assert {v["countries"][0] for v in result.facts["vendors"]} == {"US"}
    english, _ = ask_list(other, "vendors-abroad", "Which vendors transfer personal data to the US?", "en")
    assert english.startswith("4 vendors get personal data in the United States")


def test_vendors_outside_the_eea_and_by_country(other: Registry) -> None:
    _, result = ask_list(other, "vendors-abroad", "which vendors send data outside the EEA?", "en")
    vendors = {v["vendor"]: v for v in result.facts["vendors"]}
    assert len(vendors) == 6 and vendors["Kaveri Support Services Pvt Ltd"]["mechanisms"] == ["scc-2021"]
    assert vendors["ClockRight Ltd"]["mechanisms"] == ["adequacy"]
    india, _ = ask_list(other, "vendors-abroad", "India", "en")
    assert "*Kaveri Support Services Pvt Ltd* (IN: Standard contractual clauses 2021, via Rekrutta AS)" in india
    uk, _ = ask_list(other, "vendors-abroad", "hvem har vi i Storbritannia?", "nb")
    assert ("ClockRight Ltd" in uk and "Adekvans" in uk) or "adekvans" in uk.lower()
    germany, _ = ask_list(other, "vendors-abroad", "vendors in Germany", "en")
    assert "is in the EEA" in germany


def test_vendors_abroad_on_the_demo_and_flags(demo: Registry) -> None:
    text, result = ask_list(demo, "vendors-abroad", "hvilke leverandører har vi utenfor EØS?", "nb")
    assert "Slack" in text and "utenfor EØS" in text.splitlines()[0]
    nothing, _ = ask_list(demo, "vendors-abroad", "India", "en")
    assert nothing.startswith("No vendor processing personal data for us is recorded in India")
    assert all("flags" in v for v in result.facts["vendors"])


def test_a_flagged_transfer_is_marked(other: Registry) -> None:
    store = Store(None)
    registry = build_other(Registry(store, clock=lambda: CLOCK))
    line = "transfer add Rekrutta Kaveri country=IN mechanism=privacy-shield"
    assert dispatch(Context(services=Services(registry=registry), user="U", line=line), line).ok
    text, _ = ask_list(registry, "vendors-abroad", "India", "en")
    assert "flagged by the review" in text and "`review`" in text
    store.close()


# -- our DPO, requests, out of scope -------------------------------------------------------------------------


def test_our_dpo_and_the_privacy_team(other: Registry, demo: Registry) -> None:
    text, result = ask_list(other, "dpo", "who should I contact about privacy?", "en")
    assert OTHER_DPO in text and "personvern@fjordkraft-verksted.example" in text and "#personvern-fkv" in text
    assert "Send to privacy team" in text and result.facts["channel"] == "#personvern-fkv"
    nb, _ = ask_list(demo, "dpo", "hvem kontakter jeg om personvern?", "nb")
    assert nb.startswith("Spørsmål om personvern i Nordlys Eiendomsdrift AS") and DEMO_DPO in nb


def test_who_is_our_dpo_is_answered_with_the_privacy_team(other: Registry) -> None:
    reply = answer(other, "hvem er personvernombudet vårt?")
    assert reply.data["intent"] == "dpo" and reply.data["answered"]
    assert OTHER_DPO in reply.text and "#personvern-fkv" in reply.text and "_Kilde: part Fjordkraft" in reply.text


def test_request_help_says_hand_it_in_today(other: Registry) -> None:
    text, result = ask_list(
        other, "request-help", "en leietaker vil ha innsyn i opplysningene sine, hva gjør jeg?", "nb"
    )
    assert text.startswith("Ikke svar på den selv: gi den til personvernteamet i dag")
    assert "én måned" in text and "fra dagen vi mottok den" in text and "Send to privacy team" in text
    assert "inquiry new" in text and "personvern@fjordkraft-verksted.example" in text
    assert result.facts["hand_in"] is True
    english, _ = ask_list(
        other, "request-help", "someone emailed asking us to delete their data, who handles that", "en"
    )
    assert english.startswith("Don't answer it yourself") and "one month" in english and "received it" in english


def test_out_of_scope_never_echoes_the_question(other: Registry) -> None:
    question = "what is the wifi password at the Haugesund office?"
    text, result = ask_list(other, "out-of-scope", question, "en")
    assert text.startswith("I don't know") and "personvern@fjordkraft-verksted.example" in text
    assert "wifi" not in text and "Haugesund" not in text and not result.answered
    nb, _ = ask_list(other, "out-of-scope", "når er julebordet?", "nb")
    assert nb.startswith("Det vet jeg ikke") and "julebord" not in nb


def test_help_has_an_example_per_intent(other: Registry) -> None:
    for intent in ("missing-dpa", "review-due", "vendors-abroad", "dpo", "request-help"):
        assert intent in EXAMPLES and all(EXAMPLES[intent])
    assert set(LISTS) <= set(INTENTS)
    for text, lang in (("help", "en"), ("hjelp", "nb")):
        reply = answer(other, text)
        assert reply.data["language"] == lang and len(reply.text.splitlines()) <= 9
        assert EXAMPLES["missing-dpa"][lang == "nb"] in reply.text
        assert EXAMPLES["request-help"][lang == "nb"] in reply.text


# -- through answer() ------------------------------------------------------------------------------------------

ROUTED = [
    ("missing-dpa", "Hvilke leverandører mangler databehandleravtale?", "Mailchimp"),
    ("review-due", "hvilke avtaler må fornyes snart?", "Simployer"),
    ("vendors-abroad", "Which vendors transfer personal data to the US?", "AWS"),
    ("request-help", "someone emailed asking us to delete their data, who handles that", "Don't answer it yourself"),
    ("dpo", "Who should I contact about privacy?", "#personvern-fkv"),
]


@pytest.mark.parametrize(("intent", "question", "shown"), ROUTED)
def test_answer_routes_list_intents(other: Registry, intent: str, question: str, shown: str) -> None:
    reply = answer(other, question)
    assert reply.data["intent"] == intent and shown in reply.text


@pytest.mark.parametrize(("intent", "question", "shown"), ROUTED)
def test_answer_shows_list_intents_with_sources(
    other: Registry, monkeypatch: pytest.MonkeyPatch, intent: str, question: str, shown: str
) -> None:
    """answer() calls the list handlers without a subject once the intent model says so."""
    reply = answer(other, question)
    assert reply.ok and reply.data["intent"] == intent and shown in reply.text
    assert (reply.data["sources"] and "_Source" in reply.text) or "_Kilde" in reply.text
    assert "I can't find" not in reply.text and "Jeg finner ikke" not in reply.text
    assert reply.data.get("hand_in", False) is (intent == "request-help")


# -- the Slack button that hands a request in ------------------------------------------------------------------


@pytest.fixture
def other_file(tmp_path: Path) -> Iterator[Registry]:
    store = Store(tmp_path / "registry.json")
    yield build_other(Registry(store, clock=lambda: CLOCK))
    store.close()


@pytest.mark.parametrize("where", ["dm", "mention"])
def test_slack_request_help_button_hands_the_message_in(
    fake: FakeSlack, other_file: Registry, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    app = bolt_app(slack_services(other_file, dpo="U_DPO"), fake.client())
    # Worded as a question, not a request: a request written to the bot in a DM is taken in at once instead.
    question = "hva gjør jeg når en kunde ber om å få slettet seg?"
    ts = "1796464800.000100"  # 2026-12-05 10:00 UTC
    if where == "dm":
        event = dm_message(question, user=EMPLOYEE, ts=ts)
    else:
        event = app_mention(f"<@UBOT> {question}", user=EMPLOYEE, ts=ts)
    send(app, event_callback(event))
    posted = fake.last("chat.postMessage")
    blocks = posted.json("blocks")
    button = blocks[-1]["elements"][0]
    assert blocks[-1]["type"] == "actions" and button["action_id"] == HAND_IN_ACTION
    assert "Ikke svar på den selv" in json.dumps(blocks, ensure_ascii=False)
    channel = event["channel"]
    container = {"type": "message", "message_ts": "1796464801.000200", "channel_id": channel}
    send(app, block_actions(HAND_IN_ACTION, button["value"], user_id=EMPLOYEE, container=container))
    confirm = fake.last("chat.postEphemeral")
    assert confirm.params["user"] == EMPLOYEE and "#1" in confirm.params["text"]
    with other_file.reading():
        inquiries = other_file.all(Inquiry)
    assert len(inquiries) == 1
    inquiry = inquiries[0]
    with other_file.reading():
        origin = delivery_of(other_file, inquiry.id)
    assert inquiry.text == question and inquiry.source == where and origin.origin_ts == ts
    assert inquiry.received.isoformat().startswith("2026-12-05")
    # A second click records nothing new.
    send(app, block_actions(HAND_IN_ACTION, button["value"], user_id=EMPLOYEE, container=container))
    assert "#1" in fake.last("chat.postEphemeral").params["text"]
    with other_file.reading():
        assert len(other_file.all(Inquiry)) == 1
