"""Whether a transfer out of the EEA rests on a mechanism that works today, and what to do when it does not.

`assess_transfer` is a pure function of the facts of one transfer and the date: the table-driven tests
call it directly, and the review engine calls it for every recorded or implied transfer.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from registry.dates import add_months
from registry.law import (
    ADEQUACY,
    DPF_IN_FORCE,
    DPF_RECHECK_MONTHS,
    MECHANISMS,
    OLD_SCC_REPEALED,
    SCC_MODULES,
    TIA_REVIEW_MONTHS,
)


class TransferFacts(NamedTuple):
    """What the registry knows about one transfer, as the rules need it (a tuple: review makes thousands)."""

    country: str
    mechanism: str
    exporter_role: str  # controller or processor, in relation to the importer
    importer_role: str
    module: int | None = None
    tia: date | None = None
    added: date | None = None  # when the transfer was recorded (stands in for when the contract was made)
    importer_dpf: bool | None = None
    importer_dpf_checked: date | None = None
    importer_sector: str | None = None
    ongoing: bool = True  # part of a continuing processing relation, not an occasional transfer


class Finding(NamedTuple):
    code: str
    severity: str
    reason: str
    reference: str
    fix: str


def expected_module(exporter_role: str, importer_role: str) -> int:
    return {
        ("controller", "controller"): 1,
        ("controller", "processor"): 2,
        ("processor", "processor"): 3,
        ("processor", "controller"): 4,
    }[(exporter_role, importer_role)]


def assess_transfer(facts: TransferFacts, *, today: date, tia_months: int = TIA_REVIEW_MONTHS) -> list[Finding]:
    """Every problem with the transfer's legal ground on `today`; empty when it is sound."""
    mechanism = MECHANISMS[facts.mechanism]
    if facts.mechanism == "none":
        return [
            Finding(
                "no-mechanism",
                "high",
                f"Personal data goes to {facts.country}, outside the EEA, with no transfer mechanism recorded.",
                "GDPR Art. 44-49",
                "Record the mechanism (adequacy, DPF, SCCs 2021/914 with module, BCRs), or stop the transfer.",
            )
        ]
    if facts.mechanism in ("privacy-shield", "safe-harbor"):
        if mechanism.invalid_from and today >= mechanism.invalid_from:
            return [
                Finding(
                    facts.mechanism,
                    "high",
                    f"The transfer to {facts.country} relies on {mechanism.label}, invalid since "
                    f"{mechanism.invalid_from.isoformat()}.",
                    mechanism.reference,
                    f"Replace it with {mechanism.replacement}.",
                )
            ]
        return []
    if facts.mechanism == "scc-2010":
        return _old_sccs(facts, today=today, tia_months=tia_months)
    if facts.mechanism == "dpf":
        return _dpf(facts, today=today)
    if facts.mechanism == "adequacy":
        return _adequacy(facts, today=today)
    findings: list[Finding] = []
    if facts.mechanism == "scc-2021":
        findings += _module(facts)
    elif facts.mechanism == "scc-unknown":
        findings.append(
            Finding(
                "mechanism-unverified",
                "medium",
                f"Standard contractual clauses are claimed for the transfer to {facts.country}, but not which "
                "decision's clauses (the old ones stopped working on 27 Dec 2022).",
                "Decision (EU) 2021/914 Art. 4; GDPR Art. 46(2)(c)",
                "Get a copy of the signed clauses and record the version (scc-2021 with its module, or scc-2010).",
            )
        )
    elif facts.mechanism == "art49" and facts.ongoing:
        findings.append(
            Finding(
                "art49-regular",
                "medium",
                f"An Art. 49 derogation is used for a regular, ongoing transfer to {facts.country}; "
                "derogations are for occasional transfers.",
                "GDPR Art. 49; EDPB Guidelines 2/2018",
                "Put a lasting mechanism in place: SCCs 2021/914 with a TIA, BCRs, or adequacy/DPF where it applies.",
            )
        )
    if facts.mechanism in ("scc-2021", "scc-unknown", "bcr"):
        findings += _tia(facts, today=today, tia_months=tia_months)
    return findings


def _old_sccs(facts: TransferFacts, *, today: date, tia_months: int) -> list[Finding]:
    mechanism = MECHANISMS["scc-2010"]
    assert mechanism.invalid_from is not None
    late_contract = facts.added is not None and facts.added >= OLD_SCC_REPEALED
    if today >= mechanism.invalid_from or late_contract:
        why = (
            "were repealed on 27 Sept 2021, after which no new contract could use them"
            if late_contract and today < mechanism.invalid_from
            else "stopped covering any transfer after 27 Dec 2022"
        )
        return [
            Finding(
                "scc-legacy",
                "high",
                f"The transfer to {facts.country} relies on the old standard contractual clauses, which {why}.",
                mechanism.reference,
                f"Replace them with {mechanism.replacement}.",
            )
        ]
    return _tia(facts, today=today, tia_months=tia_months)


def _module(facts: TransferFacts) -> list[Finding]:
    expected = expected_module(facts.exporter_role, facts.importer_role)
    roles = f"{facts.exporter_role} to {facts.importer_role}"
    if facts.module is None:
        return [
            Finding(
                "scc-module-missing",
                "medium",
                f"SCCs 2021 are recorded for the transfer to {facts.country} without a module.",
                "Decision (EU) 2021/914, Annex, Section I",
                f"Record the module: {expected} ({roles}) matches the parties' roles.",
            )
        ]
    if facts.module != expected:
        return [
            Finding(
                "scc-module-mismatch",
                "medium",
                f"SCC module {facts.module} ({SCC_MODULES[facts.module]}) does not match the roles: "
                f"the exporter is {facts.exporter_role}, the importer {facts.importer_role}.",
                "Decision (EU) 2021/914, Annex, Section I",
                f"Use module {expected} ({roles}), or correct the roles in the registry.",
            )
        ]
    return []


def _tia(facts: TransferFacts, *, today: date, tia_months: int) -> list[Finding]:
    reference = "CJEU C-311/18 (Schrems II); EDPB Recommendations 01/2020"
    if facts.tia is None:
        return [
            Finding(
                "tia-missing",
                "medium",
                f"No transfer impact assessment is recorded for the transfer to {facts.country}.",
                reference,
                "Assess the law and practice of the destination (TIA), add safeguards if needed, and record its date.",
            )
        ]
    if add_months(facts.tia, tia_months) < today:
        return [
            Finding(
                "tia-missing",
                "medium",
                f"The transfer impact assessment for {facts.country} dates from {facts.tia.isoformat()}, more than "
                f"{tia_months} months ago.",
                reference,
                "Review the assessment against the destination's current law and practice, and record the new date.",
            )
        ]
    return []


def _dpf(facts: TransferFacts, *, today: date) -> list[Finding]:
    reference = "Decision (EU) 2023/1795"
    fix = "Check the importer on the DPF List; if it is not certified, use SCCs 2021/914 with a TIA."
    if today < DPF_IN_FORCE:
        why = "the EU-US Data Privacy Framework only applies from 10 July 2023"
    elif facts.country != "US":
        why = f"the EU-US Data Privacy Framework covers only transfers to the USA, not {facts.country}"
    elif facts.importer_dpf is not True:
        why = "the importer is not recorded as certified on the DPF List"
    else:
        return _dpf_freshness(facts, today=today)
    return [Finding("dpf-not-certified", "high", f"DPF is claimed, but {why}.", reference, fix)]


def _dpf_freshness(facts: TransferFacts, *, today: date) -> list[Finding]:
    checked = facts.importer_dpf_checked
    if checked is not None and add_months(checked, DPF_RECHECK_MONTHS) >= today:
        return []
    when = f"was last checked on {checked.isoformat()}" if checked else "has never been recorded as checked"
    return [
        Finding(
            "dpf-stale",
            "medium",
            f"The importer's DPF certification {when}; certifications lapse unless renewed every year.",
            "Decision (EU) 2023/1795",
            "Look the importer up on the DPF List and record the date (dpf-checked=).",
        )
    ]


def _adequacy(facts: TransferFacts, *, today: date) -> list[Finding]:
    decision = ADEQUACY.get(facts.country)
    fix = "Use another mechanism: SCCs 2021/914 with the matching module and a TIA."
    if decision is None:
        return [
            Finding(
                "adequacy-not-applicable",
                "high",
                f"Adequacy is claimed, but there is no adequacy decision for {facts.country}.",
                "GDPR Art. 45",
                fix,
            )
        ]
    problem = None
    if today < decision.in_force:
        problem = f"{decision.decision} only applies from {decision.in_force.isoformat()}"
    elif decision.expires is not None and today > decision.expires:
        problem = f"{decision.decision} expired on {decision.expires.isoformat()}"
    elif decision.scope == "dpf" and facts.importer_dpf is not True:
        problem = "the US decision covers only organisations certified on the DPF List, and this importer is not"
        fix = "Check the DPF List; if the importer is not certified, use SCCs 2021/914 with a TIA."
    elif decision.scope == "commercial" and facts.importer_sector in ("public", "non-profit"):
        problem = (
            f"{decision.decision} covers commercial organisations only, and the importer is {facts.importer_sector}"
        )
    if problem:
        return [
            Finding("adequacy-not-applicable", "high", f"Adequacy is claimed, but {problem}.", decision.decision, fix)
        ]
    findings: list[Finding] = []
    if decision.scope == "dpf":
        findings += _dpf_freshness(facts, today=today)
    if decision.scope == "commercial" and facts.importer_sector is None:
        findings.append(
            Finding(
                "adequacy-check",
                "low",
                f"{decision.decision} covers commercial organisations only; the importer's sector is not recorded.",
                decision.decision,
                "Confirm the importer is a commercial body and record it (party set NAME sector=commercial).",
            )
        )
    if not decision.eea_verified:
        findings.append(
            Finding(
                "adequacy-check",
                "low",
                f"{decision.decision} is an EU decision whose application in the EEA (Norway) is not confirmed.",
                f"{decision.decision}; EEA Agreement Annex XI",
                "Check whether the EEA Joint Committee has incorporated the decision; until then consider SCCs.",
            )
        )
    return findings
