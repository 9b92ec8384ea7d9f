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
    ART_3_2_FIX,
    DPF_IN_FORCE,
    DPF_RECHECK_MONTHS,
    DPF_RISK,
    DPF_RISK_REFERENCE,
    MECHANISMS,
    OLD_SCC_REPEALED,
    SCC_MODULES,
    SECTOR_LABELS,
    TIA_REVIEW_MONTHS,
    US_TIA_STALE_BEFORE,
    Adequacy,
    organisation_decision,
)


class TransferFacts(NamedTuple):
    """What the registry knows about one transfer, as the rules need it (a tuple: review makes thousands)."""

    country: str
    mechanism: str
    exporter_role: str  # controller or processor, in relation to the importer
    importer_role: str
    module: int | None = None
    tia: date | None = None
    since: date | None = None  # when the transfer started (stands in for when the contract was made); None: unknown
    importer_dpf: bool | None = None
    importer_dpf_checked: date | None = None
    importer_sector: str | None = None  # commercial, public, non-profit or international (law.SECTORS)
    regular: bool | None = None  # a regular, repeated transfer (True) or an occasional one (False); None: unknown
    importer_gdpr: bool | None = None  # the importer is itself subject to the GDPR (Art. 3(2))
    importer_names: tuple[str, ...] = ()  # its name and aliases: which international organisation it is


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
    return [_fitted(facts, f) for f in _assess(facts, today=today, tia_months=tia_months)]


def _assess(facts: TransferFacts, *, today: date, tia_months: int) -> list[Finding]:
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
                "decision's clauses (the old ones were valid until the end of 27 Dec 2022).",
                "Decision (EU) 2021/914 Art. 4; GDPR Art. 46(2)(c)",
                "Get a copy of the signed clauses and record the version (scc-2021 with its module, or scc-2010).",
            )
        )
    elif facts.mechanism == "art49":
        findings += _art49(facts)
    if facts.mechanism in ("scc-2021", "scc-unknown", "bcr"):
        findings += _tia(facts, today=today, tia_months=tia_months)
    if facts.mechanism in ("scc-2021", "scc-unknown") and facts.importer_gdpr:
        findings.append(
            Finding(
                "art3-2-importer",
                "low",
                f"The importer in {facts.country} is itself subject to the GDPR (Art. 3(2)); SCCs 2021/914 do not "
                "fit such an importer (recital 7).",
                "GDPR Art. 3(2); Decision (EU) 2021/914 recital 7",
                ART_3_2_FIX,
            )
        )
    return findings


def _fitted(facts: TransferFacts, finding: Finding) -> Finding:
    """The finding, its fix not prescribing SCCs 2021/914 to an importer subject to the GDPR itself (Art. 3(2))."""
    if facts.importer_gdpr and "2021/914" in finding.fix and finding.code != "art3-2-importer":
        return finding._replace(fix=ART_3_2_FIX)
    return finding


def _art49(facts: TransferFacts) -> list[Finding]:
    reference = "GDPR Art. 49, recital 111; EDPB Guidelines 2/2018"
    lasting = "SCCs 2021/914 with a TIA, BCRs, or adequacy/DPF where it applies"
    if facts.regular is False:
        return []
    if facts.regular:
        reason = (
            f"An Art. 49 derogation is used for a regular transfer to {facts.country}; derogations are for "
            "occasional, non-repetitive transfers, whatever the parties' roles."
        )
        fix = f"Put a lasting mechanism in place: {lasting}"
    else:
        reason = (
            f"An Art. 49 derogation is used for the transfer to {facts.country}, and whether it is regular is not "
            "recorded; derogations are for occasional, non-repetitive transfers only."
        )
        fix = f"Record regular=yes or regular=no (transfer add ... regular=); if regular: {lasting}"
    return [Finding("art49-regular", "medium", reason, reference, fix.rstrip(".") + ".")]


def _old_sccs(facts: TransferFacts, *, today: date, tia_months: int) -> list[Finding]:
    mechanism = MECHANISMS["scc-2010"]
    assert mechanism.invalid_from is not None
    late_contract = facts.since is not None and facts.since >= OLD_SCC_REPEALED
    if today >= mechanism.invalid_from or late_contract:
        why = (
            "were repealed on 27 Sept 2021, after which no new contract could use them"
            if late_contract and today < mechanism.invalid_from
            else "were valid until the end of 27 Dec 2022"
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
    if facts.country == "US" and facts.tia < US_TIA_STALE_BEFORE <= today:
        return [
            Finding(
                "tia-missing",
                "medium",
                f"The transfer impact assessment for US dates from {facts.tia.isoformat()}, before Trump v. "
                "Slaughter (29 Jun 2026) ended the FTC commissioners' protection from dismissal, one of the US "
                "safeguards such assessments relied on.",
                f"{reference}; Trump v. Slaughter (US Supreme Court, 29 Jun 2026)",
                "Review the assessment against US law and practice as they are now, and record the new date (tia=).",
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
    return [*_dpf_checked(facts, today=today), _dpf_risk(facts, today=today)]


def _dpf_checked(facts: TransferFacts, *, today: date) -> list[Finding]:
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


def _dpf_risk(facts: TransferFacts, *, today: date) -> Finding:
    """The notice every transfer resting on the DPF alone gets: valid today, but under a cloud."""
    if facts.tia is None:
        ready = "Have a fallback ready: SCCs 2021/914 with the matching module and a TIA (record it with tia=)."
    elif facts.tia < US_TIA_STALE_BEFORE <= today:
        ready = (
            f"Have a fallback ready: SCCs 2021/914 with a TIA; the TIA on record ({facts.tia.isoformat()}) predates "
            "29 Jun 2026 and needs redoing."
        )
    else:
        ready = f"Keep the fallback ready: SCCs 2021/914, with the TIA of {facts.tia.isoformat()}."
    return Finding(
        "dpf-at-risk",
        "medium",
        "The transfer to the USA rests on the EU-US Data Privacy Framework alone. It is valid " + DPF_RISK + ".",
        DPF_RISK_REFERENCE,
        ready,
    )


def _adequacy(facts: TransferFacts, *, today: date) -> list[Finding]:
    fix = "Use another mechanism: SCCs 2021/914 with the matching module and a TIA."
    if facts.importer_sector == "international":
        decision = organisation_decision(list(facts.importer_names))
        if decision is None:
            return [
                Finding(
                    "adequacy-not-applicable",
                    "high",
                    "Adequacy is claimed for a transfer to an international organisation for which there is no "
                    "adequacy decision (Chapter V applies wherever it sits).",
                    "GDPR Art. 44, 45",
                    "Use another mechanism: an agreement or arrangement under Art. 46, or an Art. 49 derogation "
                    "for an occasional transfer.",
                )
            ]
    else:
        found = ADEQUACY.get(facts.country)
        if found is None:
            return [
                Finding(
                    "adequacy-not-applicable",
                    "high",
                    f"Adequacy is claimed, but there is no adequacy decision for {facts.country}.",
                    "GDPR Art. 45",
                    fix,
                )
            ]
        decision = found
    problem = None
    if today < decision.in_force:
        problem = f"{decision.decision} only applies from {decision.in_force.isoformat()}"
    elif decision.expires is not None and today > decision.expires:
        problem = f"{decision.decision} expired on {decision.expires.isoformat()}"
    elif decision.dpf and facts.importer_dpf is not True:
        problem = "the US decision covers only organisations certified on the DPF List, and this importer is not"
        fix = "Check the DPF List; if the importer is not certified, use SCCs 2021/914 with a TIA."
    elif decision.covers and facts.importer_sector and facts.importer_sector not in decision.covers:
        problem = (
            f"{decision.decision} covers {decision.scope}, and the importer is "
            f"{SECTOR_LABELS.get(facts.importer_sector, facts.importer_sector)}"
        )
    if problem:
        return [
            Finding("adequacy-not-applicable", "high", f"Adequacy is claimed, but {problem}.", decision.reference, fix)
        ]
    findings: list[Finding] = []
    if decision.dpf:
        findings += _dpf_freshness(facts, today=today)
    if decision.covers and facts.importer_sector is None:
        findings.append(_check_scope(decision))
    return findings


def _check_scope(decision: Adequacy) -> Finding:
    sectors = ", ".join(f"sector={s}" for s in decision.covers)
    return Finding(
        "adequacy-check",
        "low",
        f"{decision.decision} covers {decision.scope}; the importer's sector is not recorded, so check the scope.",
        decision.reference,
        f"Confirm the importer is within the decision's scope and record its sector (party set NAME {sectors}).",
    )
