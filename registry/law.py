"""Legal vocabulary the registry validates against: transfer mechanisms, SCC modules, authorisation types.

Each entry carries its legal reference so that a change in the law is one edit here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mechanism:
    """A legal ground for a transfer of personal data out of the EEA (GDPR Chapter V)."""

    code: str
    label: str
    reference: str
    valid: bool
    needs_module: bool = False


MECHANISMS: dict[str, Mechanism] = {
    m.code: m
    for m in (
        Mechanism("adequacy", "Adequacy decision", "GDPR Art. 45", True),
        Mechanism("dpf", "EU-US Data Privacy Framework", "Decision (EU) 2023/1795", True),
        Mechanism("scc-2021", "Standard contractual clauses 2021", "Decision (EU) 2021/914", True, True),
        Mechanism("scc-2010", "Old standard contractual clauses", "Decision 2010/87/EU (repealed)", False),
        Mechanism("bcr", "Binding corporate rules", "GDPR Art. 47", True),
        Mechanism("art49", "Art. 49 derogation", "GDPR Art. 49", True),
        Mechanism("privacy-shield", "EU-US Privacy Shield", "Decision 2016/1250, invalid (C-311/18)", False),
        Mechanism("safe-harbor", "Safe Harbor", "Decision 2000/520, invalid (C-362/14)", False),
        Mechanism("none", "No mechanism", "GDPR Art. 44", False),
    )
}

# SCC 2021/914 modules by the roles of exporter and importer.
SCC_MODULES: dict[int, str] = {
    1: "controller to controller",
    2: "controller to processor",
    3: "processor to processor",
    4: "processor to controller",
}

# Art. 28(2): prior specific or general written authorisation of sub-processors.
AUTHORISATIONS: tuple[str, ...] = ("general", "specific")

# Statuses of a DPA on record.
AGREEMENT_STATUSES: tuple[str, ...] = ("draft", "sent", "signed", "terminated")
