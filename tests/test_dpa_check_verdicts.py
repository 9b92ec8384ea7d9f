"""Verdicts a DPO can act on (issue 18, item 1): present, weak with why, by reference, missing. Every sentence here
was written for these tests."""

from __future__ import annotations

import pytest

from agreements.check import ELEMENTS, check_text
from chat.report import check_report

KEYS = [e.key for e in ELEMENTS]


def verdict(text: str, key: str) -> tuple[str, str, str | None]:
    result = check_text(text)[KEYS.index(key)]
    return result.verdict, result.why, result.evidence


def test_sub_processors_at_the_processors_discretion_do_not_pass() -> None:
    text = "The Processor may engage any sub-processor at its discretion without informing the Controller."
    got, why, _ = verdict(text, "subprocessors")
    assert got == "missing" and "without" in why


def test_a_prohibition_without_authorisation_still_passes() -> None:
    text = "The Processor shall not engage a sub-processor without the prior specific written authorisation of the Controller."
    assert verdict(text, "subprocessors")[0] == "present"


def test_general_authorisation_without_objection_is_weak() -> None:
    text = "The Controller gives the Processor a general written authorisation to engage sub-processors."
    got, why, _ = verdict(text, "subprocessors")
    assert got == "weak" and "object" in why


def test_a_breach_notice_within_30_days_is_weak() -> None:
    text = (
        "The Processor shall notify the Controller of any personal data breach within 30 days of becoming aware of it."
    )
    got, why, evidence = verdict(text, "breach")
    assert got == "weak" and "30 days" in why and evidence == text


def test_commercially_reasonable_breach_notice_is_weak() -> None:
    text = "Supplier will use commercially reasonable efforts to notify Customer of a security incident."
    assert verdict(text, "breach")[0] == "weak"


def test_a_prompt_breach_notice_on_unauthorised_access_is_present() -> None:
    text = "The Data Processor shall without undue delay notify the Data Controller of any unauthorized access to Personal Data."
    assert verdict(text, "breach")[0] == "present"


def test_negated_audit_rights_do_not_pass() -> None:
    text = (
        "The Processor shall make available to the Controller all information necessary to demonstrate compliance.\n"
        "The Controller shall have no right to audit the Processor or to inspect its premises."
    )
    got, why, evidence = verdict(text, "audits")
    assert got in ("weak", "missing") and "no right to audit" not in (evidence or "")
    assert "audit" in why


def test_information_without_audits_is_not_present() -> None:
    text = "The Processor shall make available to the Controller all information necessary to demonstrate compliance with Article 28."
    got, why, _ = verdict(text, "audits")
    assert got in ("weak", "missing") and "audits" in why


def test_audits_met_by_the_processors_own_reports_are_weak() -> None:
    text = (
        "The Processor makes available all information necessary to demonstrate compliance.\n"
        "The Controller's right to audit is fulfilled by the Processor providing its most recent SOC 2 report."
    )
    got, why, _ = verdict(text, "audits")
    assert got == "weak" and "reports" in why


def test_both_halves_of_h_are_present() -> None:
    text = (
        "The Processor makes available all information necessary to demonstrate compliance.\n"
        "The Processor allows for and contributes to audits, including inspections, by the Controller."
    )
    assert verdict(text, "audits")[0] == "present"


def test_a_blank_field_is_by_reference() -> None:
    text = "Categories of data subjects: [●]\nDuration of the processing: ____"
    assert verdict(text, "data_subjects")[0] == "by-reference"
    assert verdict(text, "duration")[0] == "by-reference"


def test_an_annex_that_is_not_attached_is_by_reference() -> None:
    text = "The categories of personal data processed are specified in Appendix 3."
    got, why, _ = verdict(text, "data_types")
    assert got == "by-reference" and "Appendix 3" in why


def test_an_annex_that_is_attached_is_read() -> None:
    text = (
        "The categories of personal data processed are specified in Appendix 3.\n"
        "Appendix 3\n"
        "Types of personal data | Name, e-mail address and phone number"
    )
    assert verdict(text, "data_types")[0] == "present"


def test_similar_obligations_for_sub_processors_are_weak() -> None:
    text = (
        "Subcontractors shall be bound by a written contract imposing similar data protection and security obligations."
    )
    got, why, _ = verdict(text, "flow_down")
    assert got == "weak" and "similar" in why


def test_deletion_without_return_is_weak() -> None:
    text = "On termination of the Agreement the Processor shall delete the personal data."
    got, why, _ = verdict(text, "deletion_return")
    assert got == "weak" and "returned" in why


def test_instructions_the_processor_may_override_are_weak() -> None:
    text = (
        "The Processor shall process personal data only on documented instructions from the Controller.\n"
        "The Processor may deviate from the Controller's instructions where it considers this appropriate."
    )
    assert verdict(text, "instructions")[0] == "weak"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Behandlingen pågår så lenge Kunden bruker tjenesten, og dataene slettes deretter.", "duration"),
        ("Det behandles følgende personopplysninger:\n- Navn\n- Telefonnummer", "data_types"),
        ("Kategorier av registrerte: ansatte og kunder hos Kunden.", "data_subjects"),
        (
            "Ved avtalens opphør skal Databehandler, etter Behandlingsansvarliges valg:\n"
            "(a) Slette alle personopplysninger\n(b) Returnere alle personopplysninger",
            "deletion_return",
        ),
        (
            "Databehandler skal varsle Behandlingsansvarlig uten ugrunnet opphold ved brudd på personopplysningssikkerheten.",
            "breach",
        ),
    ],
)
def test_norwegian_wording_is_present(text: str, key: str) -> None:
    assert verdict(text, key)[0] == "present", check_text(text)[KEYS.index(key)]


def test_the_reply_lists_weak_and_by_reference_with_why() -> None:
    text = (
        "The Processor shall notify the Controller of any personal data breach within 30 days.\n"
        "The categories of personal data processed are specified in Appendix 3."
    )
    reply = check_report("partner.txt", check_text(text))
    assert "⚠ Notification of personal data breaches" in reply.text and "30 days" in reply.text
    assert "↪ Type of personal data" in reply.text and "Appendix 3" in reply.text
    assert reply.data["weak"] == ["breach"] and reply.data["by_reference"] == ["data_types"]
    element = next(e for e in reply.data["elements"] if e["key"] == "breach")
    assert element["verdict"] == "weak" and element["present"] is False and element["why"]


def test_a_table_of_contents_link_is_not_quoted() -> None:
    text = (
        "- [3.1 Purpose of the processing](#31-purpose-of-the-processing)\n"
        "The purpose of the processing is to run the payroll service for the Controller's employees."
    )
    assert (
        verdict(text, "purpose")[2]
        == "The purpose of the processing is to run the payroll service for the Controller's employees."
    )
