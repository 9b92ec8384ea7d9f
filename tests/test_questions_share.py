"""May I share D with Y, how long do we keep D, and questions in one language finding processing recorded in the
other: on the demo registry and on another company's (tests/data/other_company.txt), in Norwegian and English."""

from __future__ import annotations

from pathlib import Path

import pytest

from chat import Context, Services, dispatch
from chat.questions import LISTS, answer
from chat.questions_facts import Answer, Ask
from chat.questions_share import retention, share
from registry.demo import load_demo
from registry.registry import Actor, Registry

OTHER = Path(__file__).parent / "data" / "other_company.txt"


def run(registry: Registry, line: str) -> None:
    reply = dispatch(Context(services=Services(registry=registry), user="U_DPO", line=line), line)
    assert reply.ok, (line, reply.text)


@pytest.fixture
def demo(registry: Registry) -> Registry:
    load_demo(registry, Actor("t", "demo"))
    return registry


@pytest.fixture
def other(registry: Registry) -> Registry:
    """Fjordkraft Verksted: payroll (Visma), canteen (Smaksverket, no DPA), time tracking (ClockRight, no DPA)..."""
    for line in OTHER.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            run(registry, line)
    return registry


def ask_share(registry: Registry, text: str, lang: str) -> Answer:
    with registry.reading():
        return share(Ask(registry, lang, registry.self_party(), registry.clock().date()), text)


def ask_retention(registry: Registry, text: str, lang: str) -> Answer:
    with registry.reading():
        return retention(Ask(registry, lang, registry.self_party(), registry.clock().date()), text)


def text_of(result: Answer) -> str:
    return "\n".join(result.lines)


# -- share: yes, with the DPA named --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "word", "signed"),
    [
        ("can i share the access log with vestvakt?", "en", "Yes", "2025-01-31"),
        ("dele adgangslogg med vestvakt?", "nb", "Ja", "31.01.2025"),
        ("Is allowed to give the Vestvakt guards the list of workers with their photo for the gate?", "en", "Yes", ""),
    ],
)
def test_share_yes_names_the_processing_and_the_signed_dpa(
    other: Registry, text: str, lang: str, word: str, signed: str
) -> None:
    result = ask_share(other, text, lang)
    said = text_of(result)
    assert result.answered and result.facts["verdict"] == "yes", said
    assert said.startswith(word) and "Vestvakt Sikkerhet AS" in said and "Adgangskontroll" in said
    assert signed in said
    kinds = {s["kind"] for s in result.sources.items}
    assert {"engagement", "agreement"} <= kinds  # never a bare yes: the processing and the DPA are cited


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("can i share the visitor log with netsecurity", "en"),
        ("is it ok to share the visiter log with netsecurity if they ask for it", "en"),  # a typo
        ("er det greitt å dela besøksloggen med netsecurity når dei spør etter han?", "nb"),
    ],
)
def test_share_the_visitor_log_with_netsecurity_on_the_demo(demo: Registry, text: str, lang: str) -> None:
    result = ask_share(demo, text, lang)
    said = text_of(result)
    assert result.facts["verdict"] == "yes", said
    assert "besøksregistrering" in said and ("2025-05-20" in said or "20.05.2025" in said)


# -- share: what is missing --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "missing", "words"),
    [
        ("sende kundeliste til mailchimp ok?", "nb", "dpa", "ingen databehandleravtale"),
        ("kan jeg laste opp kundelista fra superoffice til mailchimp for neste newsletter?", "nb", "dpa", "Nyhetsbrev"),
        ("can I send the allergy list to the canteen people at Smaksverket?", "en", "dpa", "no DPA"),
        ("can i give ClockRight the timesheets of the night shift?", "en", "dpa", "no DPA"),
        ("can i send the payroll to slack?", "en", "processing", "not recorded"),
        ("kan jeg dele lønnsslippene med Mailchimp?", "nb", "processing", "ikke registrert"),
    ],
)
def test_share_says_what_is_missing_and_whom_to_ask(
    other: Registry, text: str, lang: str, missing: str, words: str
) -> None:
    result = ask_share(other, text, lang)
    said = text_of(result)
    assert result.facts["verdict"] == "no" and result.facts["missing"] == missing, said
    assert words in said
    assert "personvernombud@fjordkraft-verksted.example" in said  # whom to ask
    assert not said.startswith(("Yes", "Ja"))


def test_share_with_a_processor_whose_dpa_is_only_a_draft(demo: Registry) -> None:
    result = ask_share(demo, "kan eg senda lista over nøkkelberarar til semac på e-post?", "nb")
    assert result.facts["missing"] == "signature", text_of(result)
    assert "utkast" in text_of(result) and "ikke signert" in text_of(result)


def test_share_with_a_transfer_problem_is_not_a_yes(other: Registry) -> None:
    run(other, "transfer add Vestvakt AWS country=US mechanism=privacy-shield")
    result = ask_share(other, "can i share the access log with vestvakt?", "en")
    said = text_of(result)
    assert result.facts["verdict"] == "no" and result.facts["missing"] == "transfer", said
    assert "Privacy Shield" in said


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("can i paste a few real candidate profiles into chatgpt to test the parser", "en"),
        ("Kan jeg oversende en fil med de ansattes kontonumre til banken på e-post?", "nb"),
        # SuperOffice is where the leads come from; the agency they go to is not in the registry
        ("er det ok å eksportere leads fra superoffice og sende til byrået vi bruker på design?", "nb"),
    ],
)
def test_share_with_an_unknown_recipient_asks(other: Registry, text: str, lang: str) -> None:
    result = ask_share(other, text, lang)
    said = text_of(result)
    assert not result.answered and result.facts["missing"] == "recipient", said
    assert ("can't find who" in said) if lang == "en" else ("finner ikke mottakeren" in said)


def test_share_without_the_data_asks_which(other: Registry) -> None:
    result = ask_share(other, "can i share it with vestvakt?", "en")
    assert not result.answered and result.facts["missing"] == "data"
    assert "Which data" in text_of(result)


def test_share_of_names_alone_is_no_yes(other: Registry) -> None:
    result = ask_share(other, "ok to pipe clockright exports into our slack workspace via webhook? has names", "en")
    assert result.facts["verdict"] != "yes", text_of(result)


# -- retention ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "purpose", "kept"),
    [
        ("how long do we keep CVs?", "en", "Rekruttering", "6 måneder"),
        ("hvor lenge lagrer vi lønnsdata?", "nb", "Lønn og lønnsslipper", "5 år"),
        ("How long are we supposed to keep timesheets?", "en", "Timeregistrering", "Timelister 5 år"),
        ("kor lenge tek me vare på stemplingsloggen", "nb", "Timeregistrering", "stemplingslogg 12 måneder"),
        ("What is the documented storage limitation for CCTV footage at the plant?", "en", "Kameraovervåking", "7"),
        ("how long does the canteen keep purchase history?", "en", "Kantinedrift", "13 måneder"),
        ("når skal personalmappa til en som har sluttet slettes?", "nb", "Personaladministrasjon", "3 år"),
        ("how long do we keep time tracking data?", "en", "Timeregistrering", "stemplingslogg"),
        ("How many time we keep the access card log of workers?", "en", "Adgangskontroll", "Passeringslogg"),
        ("how long do we keep payroll records?", "en", "Lønn og lønnsslipper", "5 år"),
    ],
)
def test_retention_from_the_other_registry(other: Registry, text: str, lang: str, purpose: str, kept: str) -> None:
    result = ask_retention(other, text, lang)
    said = text_of(result)
    assert result.answered and purpose in said and kept in said, said
    assert result.sources.items and result.sources.items[0]["kind"] == "engagement"


@pytest.mark.parametrize(
    ("text", "lang", "kept"),
    [
        ("how long are alarm center recordings kept", "en", "Lydopptak 90 dager"),
        ("kor lenge tek me vare på lydopptaka frå alarmsentralen", "nb", "Lydopptak 90 dager"),
        ("lagringstid besøkslogg", "nb", "Besøkslogg 30 dager"),
    ],
)
def test_retention_on_the_demo(demo: Registry, text: str, lang: str, kept: str) -> None:
    result = ask_retention(demo, text, lang)
    assert result.answered and kept in text_of(result), text_of(result)


def test_retention_not_recorded_says_so_and_whom_to_ask(other: Registry) -> None:
    run(other, 'party add "Flyt Reisebyrå AS" country=NO aliases="Flyt"')
    run(
        other,
        'engage Flyt for="Fjordkraft Verksted" purpose="Reisebestilling" data="navn, reiseplaner" subjects=ansatte',
    )
    for text, lang, words in [
        ("how long do we keep travel plans (reiseplaner)?", "en", "no retention is recorded"),
        ("hvor lenge lagrer vi reiseplanene?", "nb", "ingen lagringstid er registrert"),
    ]:
        result = ask_retention(other, text, lang)
        said = text_of(result)
        assert not result.answered and words in said and "Reisebestilling" in said, said
        assert "personvernombud@fjordkraft-verksted.example" in said


def test_retention_of_something_unknown_is_an_honest_i_dont_know(other: Registry) -> None:
    result = ask_retention(other, "how long do we keep the spaceship telemetry?", "en")
    assert not result.answered and "can't find" in text_of(result)


# -- the glossary: a question in one language finds what is recorded in the other ------------------------------


@pytest.mark.parametrize(
    ("text", "purpose"),
    [
        ("who processes payroll for us?", "Lønn og lønnsslipper"),
        ("who processes salaries?", "Lønn og lønnsslipper"),
        ("who processes payrol?", "Lønn og lønnsslipper"),  # a typo
        ("who handles the canteen?", "Kantinedrift og kantinetrekk i lønn"),
        ("who handles time tracking?", "Timeregistrering og prosjekttimer"),
        ("do we have a DPA for time tracking?", "Timeregistrering og prosjekttimer"),
        ("who is the processor for the timesheets?", "Timeregistrering og prosjekttimer"),
        ("who processes access control?", "Adgangskontroll, nøkkelkort og vakthold"),
        ("do we have a dpa for the newsletter?", "Nyhetsbrev til kunder og interessenter"),
        ("who is the controller for the CCTV footage?", "Kameraovervåking av verkstedhall og port"),
    ],
)
def test_english_questions_find_norwegian_processing(other: Registry, text: str, purpose: str) -> None:
    reply = answer(other, text)
    assert reply.data["answered"], reply.text
    assert reply.data["target"] == {"kind": "engagement", "id": reply.data["target"]["id"], "label": purpose}


def test_share_and_retention_are_registered_for_answer(other: Registry, monkeypatch: pytest.MonkeyPatch) -> None:
    """answer() hands the intents in LISTS the question's text (the lead's intent model decides the intent)."""
    assert LISTS["share"] is share and LISTS["retention"] is retention
    reply = answer(other, "can i share the access log with vestvakt?")
    assert reply.data["intent"] == "share" and reply.data["verdict"] == "yes"
    assert "DPA" in reply.text and reply.data["sources"]
    reply = answer(other, "hvor lenge lagrer vi lønnsdata?")
    assert reply.data["intent"] == "retention" and reply.data["answered"] and "5 år" in reply.text
