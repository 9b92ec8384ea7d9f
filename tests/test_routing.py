"""Routing an inquiry through `inquiry new`: everyday words never decide, "customer of X" forwards to X, an
unclear case lists its candidates and the command that settles it, and every reply says what decided.

The registry is a company like ours: controller for its own accounting, marketing, projects and payroll,
processor for two customers, joint controller with a partner on one project.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from chat import Context, Services, dispatch
from chat.slack.on_inquiries import delivery_message
from inquiries import tracking
from registry.registry import Registry
from registry.store import Store

NOW = datetime(2026, 11, 18, 12, 0, tzinfo=timezone.utc)  # a Wednesday
US = "Bølgen Data AS"

SETUP = [
    f'party add "{US}" orgnr=912345688 self=yes email=personvern@bolgen.example',
    'party add "Septer AS" orgnr=921183739 email=septer@septer.no',
    'party add "Havbris Sport AS" email=kundeservice@havbris.example aliases="Havbris"',
    'party add "Fjellbygg AS" email=post@fjellbygg.example',
    'party add "Lysverket AS" email=post@lysverket.example',
    # Our own processing, as controller.
    f'engage "{US}" for="{US}" purpose="Regnskap og fakturering" data="fakturaer, regnskapsbilag" '
    'subjects="kunder, leverandører"',
    f'engage "{US}" for="{US}" purpose="Markedsføring" data="nyhetsbrev, kontaktinformasjon, svar på '
    'undersøkelser" subjects="kunder"',
    f'engage "{US}" for="{US}" purpose="Prosjektarbeid" data="prosjektplaner, timelister" subjects="ansatte"',
    f'engage "{US}" for="{US}" purpose="Lønn" data="lønnsslipp, a-melding, skattetrekk, feriepenger" '
    'subjects="ansatte"',
    # We are processor for two customers.
    f'engage "{US}" for="Septer AS" purpose="Kundeportal for Septer" data="kundeprofiler, ordrehistorikk" '
    'subjects="Septers kunder"',
    f'engage "{US}" for="Havbris Sport AS" purpose="Nettbutikk og kundeklubb ved Havbris" data="ordrehistorikk, '
    'medlemsnummer, kontaktinformasjon" subjects="medlemmer"',
    # Joint controllers with a partner.
    f'engage "{US}" for="{US},Fjellbygg AS" purpose="Felles prosjektarbeid med Fjellbygg" '
    'data="byggeplassregister, HMS-kort" subjects="håndverkere"',
]


@pytest.fixture
def run(tmp_path):
    store = Store(tmp_path / "registry.json")
    registry = Registry(store, clock=lambda: NOW)
    services = Services(registry=registry)

    def run(line: str, *, ok: bool = True):
        reply = dispatch(Context(services=services, user="U_DPO", line=line, is_dpo=True), line)
        assert reply.ok is ok, reply.text
        return reply

    for line in SETUP:
        run(line)
    run.registry = registry  # type: ignore[attr-defined]
    yield run
    store.close()


def route_of(run, text: str) -> dict:
    return run(f"inquiry new {text}").data["route"]


# -- everyday words decide nothing ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # "regnskap" inside "regnskapssystemet": a compound is not its common stem.
        "Hei, slett meg fra regnskapssystemet deres.",
        "Jeg vil ha svar ved første anledning om hvilke opplysninger dere har om meg.",
        "Jeg ønsker ikke markedsføring fra dere. Slett kontaktinformasjonen min.",
        "I did some prosjektarbeid with you years ago; what do you still hold about me?",
    ],
)
def test_an_everyday_word_does_not_route(run, text):
    route = route_of(run, text)
    # We process for others, so a letter naming no one is for the privacy team to settle, not ours by default.
    assert route["role"] == "unclear", route["reason"]
    assert "processing '" not in route["reason"]
    assert route["candidates"][:3] == [f"{US} (ours)", "Septer AS", "Havbris Sport AS"]


def test_prosjektarbeid_alone_does_not_make_us_joint_controllers(run):
    route = route_of(run, "Jeg vil ha innsyn i prosjektarbeid dere har gjort om meg.")
    assert route["role"] != "joint"


def test_the_reviewers_letter_asks_the_privacy_team_and_says_how_to_settle_it(run):
    reply = run("inquiry new Hei, slett meg fra regnskapssystemet deres. Mvh Kari")
    assert reply.data["route"]["role"] == "unclear"
    assert "Unclear who must answer" in reply.text
    assert f"Candidates: {US} (ours); Septer AS; Havbris Sport AS" in reply.text
    number = reply.data["id"]
    assert f"`inquiry forward {number} to=NAME`" in reply.text
    assert "Which company's customer is the sender" in reply.text


# -- "customer of X" forwards to X ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Hei, slett meg fra regnskapssystemet deres. Jeg er kunde hos Havbris Sport.", "kunde hos Havbris Sport"),
        ("Eg er kunde av Havbris og vil ha innsyn.", "kunde av Havbris"),
        ("I am a customer of Havbris Sport AS and want my data deleted.", "customer of Havbris Sport AS"),
        ("We write to you about your customer Havbris: a member wants a copy of her data.", "your customer Havbris"),
        ("Jeg skriver på vegne av Havbris Sport: en kunde ber om å bli slettet.", "på vegne av Havbris Sport"),
        ("Jag är kund hos Havbris och vill att ni raderar mina uppgifter.", "kund hos Havbris"),
    ],
)
def test_a_customer_of_a_company_we_process_for_is_forwarded_to_it(run, text, phrase):
    reply = run(f"inquiry new {text}")
    route = reply.data["route"]
    assert route["role"] == "processor", route["reason"]
    assert route["to_all"] == ["Havbris Sport AS"]
    assert f"customer of Havbris Sport AS ('{phrase}')" in reply.text
    assert "Do not answer it yourself" in reply.text
    assert reply.data["forward_by"] == "2026-11-20"


def test_a_customer_of_a_company_that_is_nothing_to_us_is_pointed_there(run):
    route = route_of(run, "Jeg er kunde hos Lysverket og vil vite hva dere har om meg.")
    assert route["role"] == "other" and route["to_all"] == ["Lysverket AS"]
    assert "customer of Lysverket AS" in route["reason"]


# -- what decided is named --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "decided"),
    [
        ("Innsyn etter art. 15. Gjelder org.nr. 921 183 739.", "org number 921 183 739 (Septer AS)"),
        ("Ref. your mail from noreply@septer.no: please delete my profile.", "e-mail domain septer.no (Septer AS)"),
        ("Jeg vil ha innsyn i hva Septer har om meg.", "name 'Septer' (Septer AS)"),
        ("Please delete what Septer's portal holds about me.", "name 'Septer's' (Septer AS)"),
    ],
)
def test_the_reply_names_the_evidence_for_a_customer(run, text, decided):
    reply = run(f"inquiry new {text}")
    assert reply.data["route"]["role"] == "processor", reply.data["route"]["reason"]
    assert reply.data["route"]["to_all"] == ["Septer AS"]
    assert decided in reply.text
    assert decided in reply.data["route"]["decided_by"][0]


def test_distinctive_words_name_our_processing(run):
    reply = run("inquiry new Jeg fikk feil skattetrekk på lønnsslippen for mars, og vil se hva dere har registrert.")
    route = reply.data["route"]
    assert route["role"] == "controller", route["reason"]
    assert "processing 'Lønn' by the words lønnsslipp, skattetrekk" in reply.text


def test_joint_controllers_need_distinctive_words_or_the_partner(run):
    route = route_of(run, "Jeg var på byggeplassen; slett meg fra byggeplassregisteret og HMS-kort-listen.")
    assert route["role"] == "joint" and route["to_all"] == [US, "Fjellbygg AS"]
    assert "byggeplassregister" in route["reason"]


def test_two_organisations_with_equal_evidence_are_unclear(run):
    reply = run("inquiry new Både Septer og Havbris sender meg reklame. Slett meg.")
    route = reply.data["route"]
    assert route["role"] == "unclear"
    assert route["candidates"] == ["Septer AS", "Havbris Sport AS"]
    assert "name 'Septer' (Septer AS)" in route["reason"] and "alias 'Havbris' (Havbris Sport AS)" in route["reason"]


def test_slack_shows_what_decided_and_how_to_settle(run):
    reply = run("inquiry new Hei, slett meg fra regnskapssystemet deres.")
    registry: Registry = run.registry
    message, _ = delivery_message(registry, tracking.get(registry, str(reply.data["id"])))
    text = "\n".join(b["text"]["text"] for b in message["blocks"] if b["type"] == "section")
    assert "*To settle it:* Which company's customer is the sender" in text
    assert f"`inquiry forward {reply.data['id']} to=NAME`" in text
    assert "*Candidates:* Bølgen Data AS (ours); Septer AS; Havbris Sport AS" in text

    forwarded = run("inquiry new Jeg er kunde hos Havbris og vil ha innsyn.")
    message, _ = delivery_message(registry, tracking.get(registry, str(forwarded.data["id"])))
    text = "\n".join(b["text"]["text"] for b in message["blocks"] if b["type"] == "section")
    assert "*Why:* We only process this data for Havbris Sport AS" in text
    assert "Decided by customer of Havbris Sport AS ('kunde hos Havbris')" in text
