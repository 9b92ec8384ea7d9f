"""The DPA's terms against 2021/915 (issue 17 items 2, 3, 7): measures without drafting notes, the terms that were
missing, a balanced audit clause, and an annex of versions that shows the partner only what it needs."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from docx import Document

from registry.models import Agreement
from registry.registry import Registry

MEASURES = "Driftssentralen er bemannet døgnet rundt; Lydopptak krypteres med AES-256"


@pytest.fixture
def run(run):
    """The console with our organisation recorded (the shared `run`, extended)."""
    run(
        'party add "Nordlys Eiendomsdrift AS" orgnr=925813745 address="Postboks 1234 Sentrum, 0104 Oslo" '
        "email=personvern@nordlys.example dpo=ombud@nordlys.example self=yes"
    )
    run('party add "Kjølesenter AS" orgnr=921183739 address="Brugata 7, 2380 Brumunddal" email=privacy@kjol.example')
    run(
        'engage "Kjølesenter" for=Nordlys purpose="Alarmsentral for kjøleanlegg" '
        'data="navn, telefon, lydopptak" subjects="driftspersonell" start=2024-03-01'
    )
    return run


@pytest.fixture
def measured(run):
    run(f'party set Kjølesenter measures="{MEASURES}"')
    return run


def _text(reply) -> str:
    document = Document(io.BytesIO(Path(reply.data["file"]).read_bytes()))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _annex_d(text: str, lang: str) -> str:
    return text.split("Bilag D" if lang == "nb" else "Annex D Versions")[-1]


def _agreements(registry: Registry) -> list[Agreement]:
    with registry.reading():
        return sorted(registry.all(Agreement), key=lambda a: a.version)


# -- security measures (Annex C / III) --------------------------------------------------------------------------


def test_unrecorded_measures_are_refused_with_the_command_that_records_them(run, registry):
    reply = run("dpa generate Nordlys Kjølesenter", ok=False)
    assert 'party set "Kjølesenter AS" measures="' in reply.text
    assert "draft=yes" in reply.text
    assert _agreements(registry) == []


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_draft_yes_writes_an_internal_draft_and_says_so_only_in_the_reply(run, registry, lang):
    reply = run(f"dpa generate Nordlys Kjølesenter lang={lang} draft=yes")
    assert "INTERNAL DRAFT for review" in reply.text and "not to be sent" in reply.text
    assert 'party set "Kjølesenter AS" measures=' in reply.text
    assert Path(reply.data["file"]).name.endswith("-internal-draft.docx")
    assert reply.data["agreement"] is None and reply.data["internal_draft"] is True
    assert _agreements(registry) == []  # nothing recorded, nothing superseded
    text = _text(reply)
    assert "Merk:" not in text and "Note:" not in text
    assert not re.search(r"\b(utkast|draft)\b", _annex_d(text, lang), re.IGNORECASE)
    # The baseline and the assistance measures are there even without the processor's own.
    assert ("Tilgangsstyring:" if lang == "nb" else "Access control:") in text


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_no_drafting_note_and_recorded_measures_add_to_the_baseline_and_the_assistance(measured, lang):
    reply = measured(f"dpa generate Nordlys Kjølesenter lang={lang}")
    assert "INTERNAL DRAFT" not in reply.text
    text = _text(reply)
    assert "Merk:" not in text and "Note:" not in text
    assert "standardtiltak" not in text.lower() and "standard measures" not in text.lower()
    for measure in MEASURES.split("; "):
        assert measure in text
    if lang == "nb":
        baseline = ("Tilgangsstyring:", "Kryptering ved lagring:", "Sikkerhetskopiering:")
        assistance = (
            "Tiltak for å bistå den behandlingsansvarlige",
            "Henvendelser fra registrerte:",
            "Brudd på personopplysningssikkerheten: overvåking",
            "Konsekvensvurderinger og forhåndsdrøftinger:",
        )
    else:
        baseline = ("Access control:", "Encryption at rest:", "Backups:")
        assistance = (
            "Measures to assist the Controller",
            "Data subject requests:",
            "Personal data breaches: round-the-clock",
            "Impact assessments and prior consultation:",
        )
    for item in baseline + assistance:
        assert item in text, item
    # The processor's own measures come after the baseline, not instead of it.
    assert text.index(baseline[0]) < text.index(MEASURES.split("; ")[0])
    assert "48" in _flat(text).split(assistance[2])[1][:200]  # the breach deadline


# -- the 2021/915 terms ------------------------------------------------------------------------------------------

NEW_TERMS = {
    "nb": {
        "7.7(d) sub-processor failure": "8.7 Oppfyller en underdatabehandler ikke pliktene sine",
        "7.7(e) third-party beneficiary": "har opphørt å eksistere rettslig eller er blitt insolvent",
        "7.7(e) enforce directly": "kan håndheve dette vilkåret direkte overfor underdatabehandleren",
        "8(c)(3) inaccurate data": "er uriktige eller ikke lenger er oppdaterte, sier den fra",
        "7.6(e) supervisory authority": "også resultatene av revisjoner, tilgjengelig for Datatilsynet",
        "10(b)(1) one month": "og senest én måned etter stansen, kan den behandlingsansvarlige si opp",
        "10(c) processor terminates": "17.4 Databehandleren kan si opp avtalen",
    },
    "en": {
        "7.7(d) sub-processor failure": "8.7 If a sub-processor does not meet its obligations",
        "7.7(e) third-party beneficiary": "has ceased to exist in law or has become insolvent",
        "7.7(e) enforce directly": "may enforce this term directly against the sub-processor",
        "8(c)(3) inaccurate data": "are inaccurate or no longer up to date, it tells the Controller",
        "7.6(e) supervisory authority": "including the results of audits, available to Datatilsynet",
        "10(b)(1) one month": "at the latest one month after the suspension, the Controller may terminate",
        "10(c) processor terminates": "17.4 The Processor may terminate this Agreement",
    },
}


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_2021_915_terms_are_in_both_languages(measured, lang):
    text = _flat(_text(measured(f"dpa generate Nordlys Kjølesenter lang={lang}")))
    missing = [term for term, phrase in NEW_TERMS[lang].items() if phrase not in text]
    assert missing == []
    if lang == "nb":
        assert "instruks er i strid med personvernregelverket, og den behandlingsansvarlige likevel krever" in text
    else:
        assert "instruction infringes data protection law and the Controller nevertheless insists" in text


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_audit_clause_is_balanced(measured, lang):
    text = _flat(_text(measured(f"dpa generate Nordlys Kjølesenter lang={lang}")))
    audit = text.split("14 Informasjon og revisjon" if lang == "nb" else "14 Information and audits")[1]
    audit = audit.split("15 Protokoll" if lang == "nb" else "15 Records")[0]
    # No fixed notice period.
    assert not re.search(r"\d+ (dager|days)", audit), audit
    assert ("rimelig frist" if lang == "nb" else "reasonable written notice") in audit
    # A competitor or an auditor without confidentiality: an objection on reasonable grounds, not a veto.
    competitor = "konkurrent" if lang == "nb" else "competitor"
    sentences = [s for s in re.split(r"(?<=\.) ", audit) if competitor in s]
    assert sentences and all(("rimelige grunner" if lang == "nb" else "reasonable grounds") in s for s in sentences), (
        sentences
    )
    assert "skal ikke være en konkurrent" not in audit and "must not be a competitor" not in audit
    # Costs as agreed; the processor bears its own where an audit finds a material breach.
    if lang == "nb":
        assert "fordeles slik partene avtaler" in audit
        assert "Avdekker revisjonen et vesentlig brudd" in audit and "dekker databehandleren likevel sine egne" in audit
        assert "den behandlingsansvarlige betaler sin revisor" not in audit
    else:
        assert "shared as the parties agree" in audit
        assert "finds a material breach" in audit and "the Processor nevertheless bears its own costs" in audit
        assert "the Controller pays its auditor" not in audit


# -- Annex D / V ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_annex_lists_only_this_version_and_the_signed_one_it_replaces(measured, registry, lang):
    measured("dpa signed Nordlys Kjølesenter date=2025-06-02 review=2026-06-01")  # v1, signed outside the bot
    measured(f"dpa generate Nordlys Kjølesenter lang={lang}")  # v2: a draft the partner never signed
    reply = measured(f"dpa generate Nordlys Kjølesenter lang={lang}")  # v3
    assert [(a.version, a.status) for a in _agreements(registry)] == [(1, "signed"), (2, "superseded"), (3, "draft")]
    annex = _flat(_annex_d(_text(reply), lang))
    if lang == "nb":
        assert "Denne avtalen er versjon 3, datert 21. november 2026" in annex
        assert "Den erstatter databehandleravtalen mellom partene versjon 1, signert 2. juni 2025" in annex
        assert "versjon 2" not in annex
    else:
        assert "This Agreement is version 3, dated 21 November 2026" in annex
        assert "It replaces the data processing agreement between the parties version 1, signed 2 June 2025" in annex
        assert "version 2" not in annex
    assert not re.search(r"\b(utkast|draft|erstattet|superseded)\b", annex, re.IGNORECASE), annex


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_first_agreement_replaces_nothing(measured, lang):
    annex = _flat(_annex_d(_text(measured(f"dpa generate Nordlys Kjølesenter lang={lang}")), lang))
    assert ("erstatter ingen tidligere signert" if lang == "nb" else "replaces no earlier signed") in annex
    assert not re.search(r"\b(utkast|draft)\b", annex, re.IGNORECASE), annex
