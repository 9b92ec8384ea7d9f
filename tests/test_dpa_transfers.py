"""`dpa generate` for a processor outside the EEA, for joint controllers, and the consistency of the Norwegian text.

Issue 17 items 1, 8 and 9: SCCs 2021/914 incorporated by reference with what their annexes need and prevailing
over the DPA; DPF and adequacy stated as such; where a party processes taken from the registry, never an EEA
default; joint controllers refused (Art. 26, not Art. 28); one Norwegian term for each legal instrument.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from docx import Document

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@pytest.fixture
def run(run):
    """The console with our organisation recorded (the shared `run`, extended)."""
    run(
        'party add "Nordlys Eiendomsdrift AS" orgnr=925813745 address="Postboks 1234 Sentrum, 0104 Oslo" '
        "email=personvern@nordlys.example dpo=ombud@nordlys.example self=yes"
    )
    return run


def _us_processor(run, mechanism: str) -> None:
    extra = " dpf=yes dpf-checked=2026-11-01" if mechanism == "dpf" else ""
    run(
        'party add "Skyhavn Inc." country=US address="500 Pine Street, Seattle, WA 98101" '
        f'email=privacy@skyhavn.example measures="Kryptering i ro og under overføring; tilgangsstyring med MFA"{extra}'
    )
    run(
        'engage "Skyhavn" for=Nordlys purpose="Kundeportal for leietakere" data="navn, e-post, telefon" '
        'subjects="leietakere"'
    )
    how = "mechanism=scc-2021 module=2 tia=2026-09-01" if mechanism == "scc" else "mechanism=dpf"
    run(f"transfer add Nordlys Skyhavn country=US {how}")


def _chunks(reply) -> list[str]:
    """Each paragraph and each table cell of the generated document."""
    document = Document(io.BytesIO(Path(reply.data["file"]).read_bytes()))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return parts


def _text(reply) -> str:
    return "\n".join(_chunks(reply))


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_a_us_processor_on_sccs_gets_module_2_incorporated_with_its_annex_details_nb(run):
    _us_processor(run, "scc")
    text = _flat(_text(run("dpa generate Nordlys Skyhavn lang=nb")))
    # The module named and incorporated by reference, completed with the information its Annex I needs.
    assert "modul 2 (behandlingsansvarlig til databehandler)" in text
    assert "innlemmet i denne avtalen ved henvisning" in text
    assert "Nordlys Eiendomsdrift AS (behandlingsansvarlig)" in text and "Skyhavn Inc. (databehandler)" in text
    assert "Kompetent tilsynsmyndighet (klausul 13) Datatilsynet" in text
    assert "Lovvalg (klausul 17) norsk rett (klausul 17, alternativ 1)" in text
    assert "Verneting (klausul 18) norske domstoler" in text
    # The SCCs prevail over the DPA, in clause 1.4 and in clause 9.5 (2021/914 clause 5).
    assert "går likevel foran denne avtalen ved motstrid (klausul 5 i standardavtalevilkårene)" in text
    assert "Ved motstrid går standardavtalevilkårene foran denne avtalen" in text
    # The TIA on the exporter, with the importer's help (clause 14).
    assert "gjennomfører dataeksportøren en vurdering av overføringen (TIA) etter klausul 14" in text
    assert "Er den behandlingsansvarlige dataeksportør, gir databehandleren denne bistanden" in text
    # Where the processor processes: the registry's facts, not the EEA.
    assert "Databehandlerens behandlingssted: USA" in text
    assert "innenfor EØS" not in text and "behandler personopplysningene i EØS" not in text


def test_a_us_processor_on_sccs_in_english(run):
    _us_processor(run, "scc")
    reply = run("dpa generate Nordlys Skyhavn")  # English by default: the processor is not in Norway
    text = _flat(_text(reply))
    assert "Module 2 (controller to processor)" in text
    assert "incorporated into this Agreement by reference" in text
    assert "Competent supervisory authority (Clause 13) Datatilsynet (the Norwegian Data Protection Authority)" in text
    assert "Governing law (Clause 17) Norwegian law (Clause 17, Option 1)" in text
    assert "Choice of forum and jurisdiction (Clause 18) the Norwegian courts" in text
    assert "the standard contractual clauses prevail over this Agreement (Clause 5 of those clauses)" in text
    assert "the data exporter carries out a transfer impact assessment under Clause 14" in text
    assert "The Processor's place of processing: United States" in text
    assert "within the EEA" not in text and "processes the personal data in the EEA" not in text


def test_a_us_processor_on_the_dpf_has_no_scc_incorporation_and_the_dpf_stated(run):
    _us_processor(run, "dpf")
    for lang in ("nb", "en"):
        text = _flat(_text(run(f"dpa generate Nordlys Skyhavn lang={lang}")))
        if lang == "nb":
            assert "bygger på EU–US Data Privacy Framework (beslutning (EU) 2023/1795" in text
            assert "Dataimportørens sertifisering må være gjeldende" in text
            assert "Skyhavn Inc. (USA)" in text
            assert "ved henvisning" not in text and "B.4 Standardavtalevilkår" not in text
            assert "klausul 5" not in text
            assert "innenfor EØS" not in text
        else:
            assert "rest on the EU-US Data Privacy Framework (Decision (EU) 2023/1795" in text
            assert "certification must remain current" in text
            assert "by reference" not in text and "IV.4 Standard contractual clauses" not in text
            assert "Clause 5" not in text
            assert "within the EEA" not in text


def test_a_us_company_processing_in_the_eea_is_shown_with_where_it_is_established(run):
    """A US company as sub-processor, processing in Ireland: not simply 'within the EEA', and the reply warns."""
    run(
        'party add "Kjølesenter AS" orgnr=921183739 address="Brugata 7, 2380 Brumunddal" email=privacy@kjol.example '
        'measures="Kryptert lagring; daglig sikkerhetskopi"'
    )
    run('party add "Google LLC" country=US')
    run('engage "Kjølesenter" for=Nordlys purpose="Alarmsentral" data="navn, telefon" subjects="teknikere"')
    run('subprocessor add Kjølesenter "Google LLC" service="Lagring" countries=IE')
    reply = run("dpa generate Nordlys Kjølesenter lang=nb")
    text = _flat(_text(reply))
    assert "ingen overføring: behandles i EØS (Irland); etablert i USA, ingen overføring registrert" in text
    assert "innenfor EØS" not in text
    assert "Databehandleren behandler personopplysningene i EØS (Norge)" in text
    assert "Google LLC is established in US but recorded as processing only in the EEA" in reply.text


def test_joint_controllers_get_no_art28_dpa(run, registry):
    run('party add "SE-gruppen AS" country=NO address="Storgata 1, 0155 Oslo" email=personvern@se.example')
    run(
        'engage Nordlys for="Nordlys,SE-gruppen" purpose="Felles tilbudsarbeid" data="navn, e-post" '
        'subjects="kontaktpersoner"'
    )
    reply = run('dpa generate "SE-gruppen" Nordlys', ok=False)
    assert "joint controllers" in reply.text and "Art. 26" in reply.text
    assert "an Art. 28 data processing agreement would misstate their roles" in reply.text
    assert "engagement remove" in reply.text  # what to do if the registry is wrong
    assert run("dpa list").data["agreements"] == []


def test_joint_processing_is_left_out_of_a_dpa_for_the_rest(run):
    _us_processor(run, "scc")
    run('engage Skyhavn for="Nordlys,Skyhavn" purpose="Felles markedsføring" data="navn" subjects="leietakere"')
    reply = run("dpa generate Nordlys Skyhavn lang=nb")
    text = _text(reply)
    assert "Kundeportal for leietakere" in text and "Felles markedsføring" not in text
    assert "Not in this DPA: 'Felles markedsføring'" in reply.text and "Art. 26" in reply.text


DOUBLED = re.compile(r"\b(\w+) \1\b", re.IGNORECASE)


@pytest.mark.parametrize("mechanism", ["scc", "dpf"])
def test_the_norwegian_text_uses_one_term_for_each_instrument_and_no_doubled_words(run, mechanism):
    _us_processor(run, mechanism)
    chunks = _chunks(run("dpa generate Nordlys Skyhavn lang=nb"))
    text = _flat("\n".join(chunks))
    doubled = [m.group(0) for c in chunks if (m := DOUBLED.search(_flat(c)))]
    assert doubled == []
    assert "standard personvernbestemmelser" not in text.lower()
    assert "adekvansbeslutning" not in text.lower()
    assert "den den" not in text
    for english in ("(hosting)", "Alarm Center", "within the EEA"):
        assert english not in text
    if mechanism == "scc":
        assert "standardavtalevilkår (EUs standardavtalevilkår for overføring, beslutning (EU) 2021/914)" in text


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_templates_have_no_doubled_words_and_the_same_party_labels_twice(lang):
    document = Document(str(TEMPLATES / f"dpa.{lang}.docx"))
    doubled = [m.group(0) for p in document.paragraphs if (m := DOUBLED.search(p.text))]
    assert doubled == []
    text = _flat("\n".join(p.text for p in document.paragraphs))
    if lang == "nb":
        assert "standard personvernbestemmelser" not in text
        labels = [tuple(row.cells[0].text for row in t.rows) for t in document.tables if len(t.columns) == 3]
        parties = [rows for rows in labels if rows and rows[1] == "Navn"]
        assert len(parties) == 2 and parties[0] == parties[1], parties
