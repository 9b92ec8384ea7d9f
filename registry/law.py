"""The law the registry encodes, as data: transfer mechanisms and when they stopped working, adequacy
decisions with their dates and scope, SCC modules, authorisation types.

Each entry carries its legal reference, so that the next court ruling or decision is one edit here.
Sources: ../shared/LAW.md (check the Official Journal before treating any of it as final).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Mechanism:
    """A legal ground for a transfer of personal data out of the EEA (GDPR Chapter V)."""

    code: str
    label: str
    reference: str
    valid: bool  # can be relied on today (whatever its date rules below)
    needs_module: bool = False
    invalid_from: date | None = None  # the first day it no longer covers any transfer
    replacement: str = ""
    label_nb: str = ""  # the label in Norwegian (bokmål)


MECHANISMS: dict[str, Mechanism] = {
    m.code: m
    for m in (
        Mechanism("adequacy", "Adequacy decision", "GDPR Art. 45", True, label_nb="Adekvansbeslutning"),
        Mechanism(
            "dpf",
            "EU-US Data Privacy Framework",
            "Decision (EU) 2023/1795",
            True,
            label_nb="EU-US Data Privacy Framework",
        ),
        Mechanism(
            "scc-2021",
            "Standard contractual clauses 2021",
            "Decision (EU) 2021/914",
            True,
            True,
            label_nb="Standardavtalevilkår 2021",
        ),
        Mechanism(
            "scc-unknown",
            "Standard contractual clauses, version not stated",
            "GDPR Art. 46(2)(c)",
            True,
            replacement="SCCs 2021/914 with the module matching the parties' roles",
            label_nb="Standardavtalevilkår, uten oppgitt versjon",
        ),
        Mechanism(
            "scc-2010",
            "Old standard contractual clauses",
            "Decisions 2001/497/EC, 2004/915/EC, 2010/87/EU, repealed by Decision (EU) 2021/914 Art. 4",
            False,
            invalid_from=date(2022, 12, 28),
            replacement="SCCs 2021/914 with the module matching the parties' roles, and a TIA",
            label_nb="Gamle standardavtalevilkår",
        ),
        Mechanism("bcr", "Binding corporate rules", "GDPR Art. 47", True, label_nb="Bindende virksomhetsregler (BCR)"),
        Mechanism("art49", "Art. 49 derogation", "GDPR Art. 49", True, label_nb="Unntak etter art. 49"),
        Mechanism(
            "privacy-shield",
            "EU-US Privacy Shield",
            "Decision 2016/1250, invalidated by the CJEU in Schrems II (C-311/18, 16 July 2020)",
            False,
            invalid_from=date(2020, 7, 16),
            replacement="the EU-US Data Privacy Framework if the importer is certified, else SCCs 2021/914 and a TIA",
            label_nb="EU-US Privacy Shield",
        ),
        Mechanism(
            "safe-harbor",
            "Safe Harbor",
            "Decision 2000/520/EC, invalidated by the CJEU in Schrems I (C-362/14, 6 Oct 2015)",
            False,
            invalid_from=date(2015, 10, 6),
            replacement="the EU-US Data Privacy Framework if the importer is certified, else SCCs 2021/914 and a TIA",
            label_nb="Safe Harbor",
        ),
        Mechanism("none", "No mechanism", "GDPR Art. 44", False, label_nb="Uten overføringsgrunnlag"),
    )
}

# Old SCCs: no new contracts from this day; contracts signed before it were valid until invalid_from.
OLD_SCC_REPEALED = date(2021, 9, 27)
DPF_IN_FORCE = date(2023, 7, 10)
DPF_RECHECK_MONTHS = 12  # DPF certification is renewed yearly
TIA_REVIEW_MONTHS = 24  # default age after which a transfer impact assessment is due again
OBJECTION_NOTICE_DAYS = 30  # default notice before a new sub-processor under a general authorisation
# Practice, not a statutory period: measures are to be "reviewed and updated where necessary" (Art. 24(1)).
DPA_REVIEW_MONTHS = 12

# SCC 2021/914 modules by the roles of exporter and importer.
SCC_MODULES: dict[int, str] = {
    1: "controller to controller",
    2: "controller to processor",
    3: "processor to processor",
    4: "processor to controller",
}


@dataclass(frozen=True)
class Adequacy:
    """An adequacy decision (GDPR Art. 45) for a country, with its dates and limits."""

    country: str
    decision: str
    in_force: date
    expires: date | None = None
    scope: str = ""  # "dpf": only certified US organisations; "commercial": only private-sector bodies
    eea_verified: bool = True  # False where its application in the EEA (Norway) is not confirmed


ADEQUACY: dict[str, Adequacy] = {
    a.country: a
    for a in (
        Adequacy("AD", "Decision 2010/625/EU", date(2010, 10, 19)),
        Adequacy("AR", "Decision 2003/490/EC", date(2003, 6, 30)),
        Adequacy("CA", "Decision 2002/2/EC (organisations under PIPEDA)", date(2001, 12, 20), scope="commercial"),
        Adequacy("FO", "Decision 2010/146/EU", date(2010, 3, 5)),
        Adequacy("GG", "Decision 2003/821/EC", date(2003, 11, 21)),
        Adequacy("IL", "Decision 2011/61/EU", date(2011, 1, 31)),
        Adequacy("IM", "Decision 2004/411/EC", date(2004, 4, 28)),
        Adequacy("JP", "Decision (EU) 2019/419 (APPI business operators)", date(2019, 1, 23), scope="commercial"),
        Adequacy("JE", "Decision 2008/393/EC", date(2008, 5, 8)),
        Adequacy("NZ", "Decision 2013/65/EU", date(2012, 12, 19)),
        Adequacy("KR", "Decision (EU) 2022/254", date(2021, 12, 17)),
        Adequacy("CH", "Decision 2000/518/EC", date(2000, 7, 26)),
        Adequacy("GB", "Decision (EU) 2021/1772, renewed 19 Dec 2025", date(2021, 6, 28), expires=date(2031, 12, 27)),
        Adequacy("UY", "Decision 2012/484/EU", date(2012, 8, 21)),
        Adequacy("US", "Decision (EU) 2023/1795 (EU-US Data Privacy Framework)", DPF_IN_FORCE, scope="dpf"),
        Adequacy("BR", "Decision (EU) 2026/179", date(2026, 1, 26), eea_verified=False),
    )
}

# Art. 28(2): prior specific or general written authorisation of sub-processors.
AUTHORISATIONS: tuple[str, ...] = ("general", "specific")

# What kind of body a party is (the Canadian and Japanese adequacy decisions cover commercial bodies only).
SECTORS: tuple[str, ...] = ("commercial", "public", "non-profit")
