"""Questions employees ask in Slack, answered from the demo registry in the asker's language, with sources."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from chat.questions import answer
from chat.reply import Reply
from registry.agreements import record_sent, record_signed, record_terminated
from registry.demo import load_demo
from registry.export import export_json
from registry.models import Engagement, Party, SubprocessorLink
from registry.registry import Actor, Registry
from text.language import detect, hint_language

DPO = "personvernombud@nordlys-eiendomsdrift.example"
KINDS = {"party", "engagement", "subprocessor", "transfer", "agreement"}


@pytest.fixture
def demo(registry: Registry) -> Registry:
    load_demo(registry, Actor("t", "demo"))
    return registry


def ask(registry: Registry, text: str, *, hint: str | None = None, answered: bool = True) -> Reply:
    reply = answer(registry, text, lang_hint=hint)
    assert reply.ok, reply.text  # "I don't know" is not an error either
    assert reply.data["answered"] is answered, reply.text
    assert reply.data["language"] in ("nb", "en")
    assert len(reply.text.splitlines()) <= 9, reply.text  # short, never a registry dump
    return reply


def engagement_id(registry: Registry, purpose_start: str, *, processor: str) -> int:
    with registry.reading():
        pid = registry.find_party(processor).id
        found = [e for e in registry.all(Engagement) if e.purpose.startswith(purpose_start) and e.processor == pid]
    assert len(found) == 1
    assert found[0].id is not None
    return found[0].id


# -- language -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "hint", "expected"),
    [
        ("who is the controller for CRM?", None, "en"),
        ("hvem er behandlingsansvarlig for CRM?", None, "nb"),
        ("kven er databehandlar for CRM?", None, "nb"),  # nynorsk
        ("who is the controller for CRM?", "nb-NO", "en"),  # the words decide; the hint only breaks ties
        ("har vi databehandleravtale med IWMAC?", "en-US", "nb"),
        ("hvem er controller for CRM?", None, "nb"),  # an English term in a Norwegian sentence
        ("CRM?", "nb-NO", "nb"),
        ("CRM?", "en-US", "en"),
        ("CRM?", "en_GB", "en"),
        ("IWMAC?", "nn-NO", "nb"),
    ],
)
def test_language_from_words_and_hint_breaks_ties(text: str, hint: str | None, expected: str) -> None:
    assert detect(text, among=("nb", "en"), hint=hint) == expected


def test_hint_language() -> None:
    assert hint_language("nb-NO") == hint_language("no") == "nb" and hint_language("nn_NO") == "nn"
    assert hint_language("en-US") == hint_language("en") == "en"
    assert hint_language("pt-BR") is None and hint_language(None) is None


@pytest.mark.parametrize(("hint", "lang", "word"), [("nb-NO", "nb", "Ja"), ("en-US", "en", "Yes")])
def test_a_bare_name_is_answered_in_the_hinted_language(demo: Registry, hint: str, lang: str, word: str) -> None:
    reply = ask(demo, "DPA Slack?", hint=hint)
    assert reply.data["language"] == lang and reply.data["intent"] == "dpa"
    assert reply.text.startswith(word)


# -- controller -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("who is the controller for the alarm-centre recordings?", "en"),
        ("Who's controller of the alarm center recordings", "en"),
        ("who is responsible for the alarm recordings?", "en"),
        ("hvem er behandlingsansvarlig for alarmsentral-opptakene?", "nb"),
        ("kven er behandlingsansvarleg for alarmsentral-opptaka?", "nb"),
        ("<@U0BOT> hvem er behandlingsansvarlig for lydopptakene fra alarmsentralen?", "nb"),
    ],
)
def test_controller_of_an_activity_described_in_words(demo: Registry, text: str, lang: str) -> None:
    reply = ask(demo, text)
    data = reply.data
    assert data["language"] == lang and data["intent"] == "controller"
    assert data["target"] == {
        "kind": "engagement",
        "id": engagement_id(demo, "Alarmsentral", processor="IWMAC"),
        "label": "Alarmsentral og driftskontroll av kjøle- og byggautomasjon",
    }
    assert data["controllers"] == ["Nordlys Eiendomsdrift AS"] and data["processor"] == "IWMAC AS"
    assert "*Nordlys Eiendomsdrift AS" in reply.text and "IWMAC AS" in reply.text
    assert ("is the controller" if lang == "en" else "er behandlingsansvarlig") in reply.text


@pytest.mark.parametrize(
    ("text", "controllers"),
    [
        ("who is the controller for HubSpot?", ["Septer AS"]),
        ("who is controller of Hubspot", ["Septer AS"]),
        ("hvem er behandlingsansvarlig for AWS?", ["Septer AS"]),  # a sub-processor: the controller above it
        ("who is the controller for Bergfjell Datasenter?", ["Nordlys Eiendomsdrift AS"]),  # two links down
        ("who is the controller for Bergfjel?", ["Nordlys Eiendomsdrift AS"]),  # typo'd first word of a long name
        ("who is the controller for Amazn Web Services?", ["Septer AS"]),
    ],
)
def test_controller_for_a_party(demo: Registry, text: str, controllers: list[str]) -> None:
    reply = ask(demo, text)
    assert reply.data["intent"] == "controller"
    assert reply.data["controllers"] == controllers


def test_joint_controllers_and_in_house(demo: Registry) -> None:
    reply = ask(demo, "hvem er behandlingsansvarlig for felles tilbudsarbeid?")
    assert reply.data["controllers"] == ["Nordlys Eiendomsdrift AS", "SE-gruppen"]
    assert reply.data["in_house"] is True
    assert "felles behandlingsansvarlige" in reply.text and "art. 26" in reply.text


# -- processor ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "who processes visitor registration for us?",
        "who is the processor for the visitor registration",
        "hvem er databehandler for besøksregistrering?",
        "kven handsamar besøksregistreringa for oss?",
    ],
)
def test_processor_of_our_visitor_registration(demo: Registry, text: str) -> None:
    reply = ask(demo, text)
    assert reply.data["intent"] == "processor"
    # Netsecurity also registers visitors at its own offices: ours is answered, the other named, not hidden.
    assert reply.data["target"]["id"] == engagement_id(demo, "IT-sikkerhetstjenester", processor="Netsecurity")
    assert reply.data["processor"] == "Netsecurity"
    assert "Egne kunder, ansatte og besøksregistrering" in reply.text


@pytest.mark.parametrize(
    "text",
    [
        "who is the processor for Septer's CRM?",
        "who handles the CRM for Septer?",
        "hvem er databehandler for Septers CRM?",
        "hvem er databehandler for CRM?",
        "Who processes Septr's CRM?",  # a typo'd name and an activity together
    ],
)
def test_processor_of_septers_crm(demo: Registry, text: str) -> None:
    reply = ask(demo, text)
    assert reply.data["processor"] == "HubSpot, Inc." and reply.data["controllers"] == ["Septer AS"]
    assert "Amazon Web Services, Inc." in reply.text and "Google LLC" in reply.text


def test_processor_of_in_house_processing(demo: Registry) -> None:
    reply = ask(demo, "who is the processor for Septer's recruitment?")
    assert "no separate processor" in reply.text.lower() or "(in-house; no processor)" in reply.text
    assert "Septer AS" in reply.text


def test_processor_for_a_party(demo: Registry) -> None:
    reply = ask(demo, "hvem er databehandler for Semac?")
    assert reply.data["language"] == "nb"
    assert "Vektertjenester, adgangskontroll og alarmrespons i våre bygg" in reply.text
    assert "Nordlys Eiendomsdrift AS (oss)" in reply.text


# -- sub-processors -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("which sub-processors does Septer's CRM use?", "en"),
        ("which subprocessors does HubSpot use?", "en"),
        ("which sub-processors does Septer use?", "en"),  # those under its processor HubSpot
        ("hvilke underdatabehandlere bruker HubSpot?", "nb"),
        ("kva underdatabehandlarar brukar Hubspot?", "nb"),
        ("hvilke underdatabehandlere har CRM-en til Septer?", "nb"),
    ],
)
def test_subprocessors_of_septers_crm(demo: Registry, text: str, lang: str) -> None:
    reply = ask(demo, text)
    assert reply.data["intent"] == "subprocessors" and reply.data["language"] == lang
    assert reply.data["subprocessors"] == ["Amazon Web Services, Inc.", "Google LLC"]
    assert ("outside the EEA" if lang == "en" else "utenfor EØS") in reply.text  # AWS in the US


def test_subprocessor_chain_of_depth_two(demo: Registry) -> None:
    reply = ask(demo, "who are IWMAC's sub-processors?")
    assert reply.data["subprocessors"] == ["Fjordsky Hosting AS", "Bergfjell Datasenter AS"]
    assert "via Fjordsky Hosting AS" in reply.text


# -- DPAs -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "do we have a DPA with Netsecurity?",
        "Do we have a data processing agreement with netsecurity",
        "DPA Netsecurty?",
    ],
)
def test_dpa_signed(demo: Registry, text: str) -> None:
    reply = ask(demo, text, hint="en-US")
    data = reply.data
    assert data["intent"] == "dpa" and data["status"] == "signed" and data["review_passed"] is False
    assert reply.text.startswith("Yes") and "2025-05-20" in reply.text and "Next review: 2027-05-20" in reply.text


@pytest.mark.parametrize(
    ("text", "passed"),
    [
        ("do we have a DPA with IWMAC?", "Its review date, 2025-02-20, has passed"),
        ("har vi databehandleravtale med IWMAC?", "Datoen for gjennomgang, 20.02.2025, er passert"),
        ("har vi en databehandleravtale med Iwmca?", "er passert"),  # typo'd name
        ("is there a signed agreement for the alarm-centre recordings?", "has passed"),  # by activity
    ],
)
def test_dpa_signed_but_review_passed(demo: Registry, text: str, passed: str) -> None:
    reply = ask(demo, text)
    assert reply.data["status"] == "signed" and reply.data["review_passed"] is True
    assert passed in reply.text


def test_dpa_sent_for_signing_and_then_terminated_say_when(demo: Registry) -> None:
    semac, nordlys = "Semac", "Nordlys Eiendomsdrift AS"
    with demo.reading():
        controller, processor = demo.find_party(nordlys), demo.find_party(semac)
    record_sent(demo, Actor("t", "dpa sent"), controller, processor, sent=date(2026, 11, 21))
    reply = ask(demo, "har vi databehandleravtale med Semac?")
    assert reply.data["status"] == "sent" and "ble sendt til signering 21.11.2026, men er ikke signert" in reply.text
    record_signed(
        demo, Actor("t", "dpa signed"), controller, processor, signed=date(2026, 11, 21), review=date(2027, 11, 21)
    )
    record_terminated(demo, Actor("t", "dpa terminated"), controller, processor, ended=date(2026, 11, 21))
    reply = ask(demo, "do we have a DPA with Semac?", hint="en-US")
    assert reply.data["status"] == "terminated" and "was terminated on 2026-11-21" in reply.text


def test_review_date_is_judged_by_the_registry_clock(demo: Registry) -> None:
    earlier = Registry(demo.store, clock=lambda: datetime(2024, 6, 1, tzinfo=UTC))
    reply = ask(earlier, "do we have a DPA with IWMAC?")
    assert reply.data["review_passed"] is False and "Next review: 2025-02-20" in reply.text


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("har vi databehandleravtale med Semac?", ["utkast", "avvik", DPO]),
        ("har me databehandlaravtale med Semac?", ["utkast", "avvik", DPO]),
        ("do we have a signed DPA with Semac?", ["only a draft", "gap", DPO]),
    ],
)
def test_dpa_only_a_draft_is_a_gap(demo: Registry, text: str, words: list[str]) -> None:
    reply = ask(demo, text)
    assert reply.data["status"] == "draft" and reply.data["gap"] is True
    assert all(w in reply.text for w in words), reply.text


@pytest.mark.parametrize(
    ("text", "start", "gap"),
    [
        ("do we have a DPA with Septer?", "No: there is no DPA with Septer AS", True),  # it processes VARN for us
        ("har vi databehandleravtale med VARN?", "Nei: det finnes ingen databehandleravtale med Septer AS", True),
        ("do we have a DPA with HubSpot?", "No: there is no DPA with HubSpot, Inc.", False),  # not our processor
    ],
)
def test_dpa_none(demo: Registry, text: str, start: str, gap: bool) -> None:
    reply = ask(demo, text)
    assert reply.data["status"] is None and reply.data["gap"] is gap
    assert reply.text.startswith(start)
    assert (DPO in reply.text) is gap


def test_dpa_not_needed_for_in_house_processing(demo: Registry) -> None:
    reply = ask(demo, "trenger vi databehandleravtale for rekrutteringen hos Septer?")
    assert reply.data["needed"] is False and "Det trengs ingen databehandleravtale" in reply.text


def test_dpa_overview_for_us(demo: Registry) -> None:
    reply = ask(demo, "do we have DPAs?")
    assert reply.data["signed"] == 5 and reply.data["due"] == ["IWMAC AS"]  # one as processor (Fjordgløtt)
    assert reply.data["missing"] == ["Semac (draft)", "Septer AS (none)"]


# -- transfers ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "invalid_words"),
    [
        ("does HubSpot transfer data outside the EEA?", "not a valid transfer mechanism"),
        ("Is HubSpot sending data to a third country?", "not a valid transfer mechanism"),
        ("overfører HubSpot data ut av EØS?", "ikke et gyldig overføringsgrunnlag"),
        ("overfører Hubspot personopplysninger utanfor EØS?", "ikke et gyldig overføringsgrunnlag"),
    ],
)
def test_hubspot_transfer_on_privacy_shield_is_flagged(demo: Registry, text: str, invalid_words: str) -> None:
    reply = ask(demo, text)
    data = reply.data
    assert data["intent"] == "transfers" and data["invalid"] == ["privacy-shield"]
    assert {
        "exporter": "HubSpot, Inc.",
        "importer": "Amazon Web Services, Inc.",
        "country": "US",
        "mechanism": "privacy-shield",
        "valid": False,
    } in data["transfers"]
    assert invalid_words in reply.text and "EU-US Privacy Shield" in reply.text and "C-311/18" in reply.text
    # Septer (NO) sends its CRM data to HubSpot (US) under clauses whose version its policy does not give.
    assert {
        "exporter": "Septer AS",
        "importer": "HubSpot, Inc.",
        "country": "US",
        "mechanism": "scc-unknown",
        "valid": True,
    } in data["transfers"]


def test_transfers_of_an_activity(demo: Registry) -> None:
    reply = ask(demo, "does Septer's CRM leave the EEA?")
    assert reply.data["target"]["label"] == "CRM: bedriftskontakter"
    assert reply.data["invalid"] == ["privacy-shield"]


def test_transfers_on_valid_mechanisms(demo: Registry) -> None:
    reply = ask(demo, "do we transfer data outside the EEA?")  # a list of our vendors outside the EEA
    assert reply.data["intent"] == "vendors-abroad"
    assert "Northwind Helpdesk, Inc." in reply.text and "Standard contractual clauses 2021" in reply.text
    assert "Slack Technologies, LLC" in reply.text and "Data Privacy Framework" in reply.text
    reply = ask(demo, "overføres leietakerservice ut av EØS?")
    assert "Standardavtalevilkår 2021, modul 2, TIA 08.01.2025" in reply.text


def test_no_transfers(demo: Registry) -> None:
    reply = ask(demo, "does IWMAC transfer data outside the EEA?")
    assert reply.data["transfers"] == [] and reply.data["implied"] == []
    assert reply.text.startswith("No: no transfers out of the EEA are recorded for IWMAC AS")


def test_transfer_implied_by_a_subprocessor_country(demo: Registry) -> None:
    with demo.change(Actor("t", "test")) as w:
        fjordsky, aws = demo.find_party("Fjordsky").id, demo.find_party("AWS").id
        assert fjordsky is not None and aws is not None
        w.insert(SubprocessorLink(processor=fjordsky, sub=aws, service="Backup", countries=["US"]))
    reply = ask(demo, "overfører IWMAC data ut av EØS?")
    assert reply.data["implied"] == [
        {"exporter": "Fjordsky Hosting AS", "importer": "Amazon Web Services, Inc.", "country": "US", "reason": "sub"}
    ]
    assert "ingen overføring registrert" in reply.text


# -- summary, DPO and help ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("what do we know about IWMAC", "en"),
        ("tell me about iwmac", "en"),
        ("hva vet vi om IWMAC?", "nb"),
        ("kva veit me om IWMAC?", "nb"),
        ("IWMAC?", "nb"),
    ],
)
def test_summary_of_a_party(demo: Registry, text: str, lang: str) -> None:
    reply = ask(demo, text)
    assert reply.data["intent"] == "summary" and reply.data["language"] == lang
    assert reply.data["roles"] == ["controller", "processor"]
    assert "Fjordsky Hosting AS" in reply.text and "privacy@iwmac.no" in reply.text


def test_summary_of_an_activity(demo: Registry) -> None:
    reply = ask(demo, "hva vet vi om CRM?")
    assert reply.data["target"]["kind"] == "engagement" and reply.data["processor"] == "HubSpot, Inc."
    assert "Lagringstid" in reply.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("who is the DPO?", DPO),
        ("hvem er personvernombudet vårt?", DPO),
        ("who is Septer's DPO?", "personvernombud@septer.no"),
        ("who is the DPO for the CRM?", "personvernombud@septer.no"),  # the controller's
        ("who is Semac's DPO?", "Avarn Security"),  # a group DPO
    ],
)
def test_dpo(demo: Registry, text: str, expected: str) -> None:
    reply = ask(demo, text)
    assert reply.data["intent"] == "dpo" and expected in reply.text


@pytest.mark.parametrize(
    ("text", "lang"), [("help", "en"), ("hjelp", "nb"), ("what can you do?", "en"), ("hva kan du?", "nb")]
)
def test_help(demo: Registry, text: str, lang: str) -> None:
    reply = ask(demo, text)
    assert reply.data["intent"] == "help" and reply.data["language"] == lang
    assert len(reply.data["examples"]) >= 6 and DPO in reply.text


def test_empty_question_gets_help(demo: Registry) -> None:
    assert ask(demo, "<@U0BOT>", hint="en-US").data["intent"] == "help"


# -- what it cannot answer ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "start"),
    [
        ("what's for lunch?", "en", ("I don't know", "Sorry")),
        ("hva er det til lunsj?", "nb", ("Det vet jeg ikke", "Beklager")),
        ("is it going to rain tomorrow?", "en", ("I don't know", "Sorry")),
    ],
)
def test_unrelated_question_is_a_polite_dont_know(demo: Registry, text: str, lang: str, start: tuple[str, str]) -> None:
    reply = ask(demo, text, answered=False)
    assert reply.data["intent"] in ("unknown", "out-of-scope") and reply.data["language"] == lang
    assert reply.text.startswith(start) and len(reply.text) < 350
    assert "@nordlys-eiendomsdrift.example" in reply.text  # whom to ask instead
    assert reply.data["sources"] == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("do we have a DPA with Microsoft?", ["can't find “Microsoft”", DPO]),
        ("hvem er behandlingsansvarlig for Microsoft?", ["finner ikke «Microsoft»", DPO]),
    ],
)
def test_unknown_party(demo: Registry, text: str, words: list[str]) -> None:
    reply = ask(demo, text, answered=False)
    assert all(w in reply.text for w in words), reply.text


def test_near_miss_activity_is_suggested_not_guessed(demo: Registry) -> None:
    reply = ask(demo, "who is the controller for the tender register?", answered=False)
    assert "Did you mean" in reply.text and "Felles tilbuds- og prosjektarbeid" in reply.data["candidates"]


@pytest.mark.parametrize(
    ("text", "candidates"),
    [
        ("do we have a DPA with Se?", ["SE-gruppen", "Semac", "Septer AS"]),
        ("har vi databehandleravtale med Se?", ["SE-gruppen", "Semac", "Septer AS"]),
    ],
)
def test_ambiguous_name_lists_candidates(demo: Registry, text: str, candidates: list[str]) -> None:
    reply = ask(demo, text, answered=False)
    assert reply.data["candidates"] == candidates
    assert all(c in reply.text for c in candidates) and DPO in reply.text


@pytest.mark.parametrize(
    "text", ["who is the controller for customer data?", "hvem er behandlingsansvarlig for kundedata?"]
)
def test_ambiguous_activity_lists_candidates(demo: Registry, text: str) -> None:
    reply = ask(demo, text, answered=False)
    assert len(reply.data["candidates"]) >= 2
    assert "Kundeforhold, leveranser og markedsføring" in reply.text


def test_missing_subject(demo: Registry) -> None:
    reply = ask(demo, "who is the controller?", answered=False)
    assert "Which party or processing do you mean?" in reply.text


def test_party_without_recorded_processing(demo: Registry) -> None:
    reply = ask(demo, "which sub-processors does Avarn use?", answered=False)
    assert "nothing recorded" in reply.text and DPO in reply.text


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("who is the controller for HubSpot?", "the privacy team"),
        ("hvem er behandlingsansvarlig for HubSpot?", "personvernombudet"),
    ],
)
def test_without_our_dpo_on_record_the_privacy_team_is_named(registry: Registry, text: str, who: str) -> None:
    reply = ask(registry, text, answered=False)  # an empty registry
    assert who in reply.text


# -- sources and purity ---------------------------------------------------------------------------------

ANSWERED = [
    "who is the controller for the alarm-centre recordings?",
    "hvem er databehandler for besøksregistrering?",
    "which sub-processors does Septer's CRM use?",
    "do we have a DPA with IWMAC?",
    "har vi databehandleravtale med Semac?",
    "do we have a DPA with Septer?",
    "do we have a DPA with HubSpot?",
    "overfører HubSpot data ut av EØS?",
    "does IWMAC transfer data outside the EEA?",
    "hva vet vi om Netsecurity?",
    "who is controller of AWS",
    "who is the DPO?",
]


@pytest.mark.parametrize("text", ANSWERED)
def test_every_answer_names_its_sources(demo: Registry, text: str) -> None:
    reply = ask(demo, text)
    sources = reply.data["sources"]
    assert sources, reply.text
    assert all(set(s) == {"kind", "id", "label"} and s["kind"] in KINDS and s["label"] for s in sources)
    last = reply.text.splitlines()[-1]
    assert last.startswith(("_Source", "_Kilde")), reply.text
    assert sources[0]["label"] in last
    tables = {"party": Party, "engagement": Engagement}
    with demo.reading():
        for s in sources:
            if s["kind"] in tables:
                assert demo.get(tables[s["kind"]], s["id"])  # a real record


def test_alarm_centre_source_names_the_engagement(demo: Registry) -> None:
    reply = ask(demo, "who is the controller for the alarm-centre recordings?")
    assert reply.text.endswith(
        "_Source: engagement 'Alarmsentral og driftskontroll av kjøle- og byggautomasjon' "
        "(IWMAC AS for Nordlys Eiendomsdrift AS)_"
    )


def test_answering_changes_nothing(demo: Registry) -> None:
    with demo.reading():
        before = json.dumps(export_json(demo), sort_keys=True, default=str)
    for text in [*ANSWERED, "what's for lunch?", "do we have a DPA with Se?"]:
        answer(demo, text)
    with demo.reading():
        assert json.dumps(export_json(demo), sort_keys=True, default=str) == before
