"""The law the registry encodes, as data: transfer mechanisms and when they stopped working, adequacy
decisions with their dates and scope, SCC modules, authorisation types.

Each entry carries its legal reference, where the fact was read (`source`) and the day it was last checked
against that source (`checked`), so that the next court ruling or decision is one edit here and the age of each
fact is visible (the `law` command lists them). Sources: ../shared/LAW.md and the issues that corrected it (check
the Official Journal before treating any of it as final).
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
    source: str = "LAW.md"
    checked: date = date(2026, 12, 5)


# The day the facts below were last compared with their sources (LAW.md as corrected by issue 15).
CHECKED = date(2026, 12, 5)

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
DPF_IN_FORCE = date(2023, 7, 10)  # Decision (EU) 2023/1795
DPF_RECHECK_MONTHS = 12  # DPF certification is renewed yearly
TIA_REVIEW_MONTHS = 24  # default age after which a transfer impact assessment is due again
OBJECTION_NOTICE_DAYS = 30  # default notice before a new sub-processor under a general authorisation
# Practice, not a statutory period: measures are to be "reviewed and updated where necessary" (Art. 24(1)).
DPA_REVIEW_MONTHS = 12
# Personal data breaches (Arts. 33-34): the controller tells the authority within 72 hours of becoming aware
# (counted in real hours, not working days); the privacy team is reminded at these hours of the clock.
BREACH_AUTHORITY_HOURS = 72
BREACH_REMINDER_HOURS = (24, 48, 66)
# What a DPA we generate gives the processor to tell the controller of a breach (Art. 33(2) says "without undue
# delay"; the DPA fixes the hours), when `dpa generate breach-hours=` does not say otherwise.
DPA_BREACH_HOURS = 48

# SCC 2021/914 modules by the roles of exporter and importer.
SCC_MODULES: dict[int, str] = {
    1: "controller to controller",
    2: "controller to processor",
    3: "processor to processor",
    4: "processor to controller",
}


# What kind of body a party is. Adequacy decisions differ in whom they cover (Adequacy.covers); an
# international organisation is outside every country's law, and Chapter V covers transfers to it wherever it
# sits (GDPR Art. 44, 45(1)).
SECTORS: tuple[str, ...] = ("commercial", "public", "non-profit", "international")
SECTOR_LABELS: dict[str, str] = {
    "commercial": "a commercial body",
    "public": "a public body",
    "non-profit": "a non-profit body",
    "international": "an international organisation",
}

# How a decision applies in Norway: the EEA Joint Committee incorporates it into the EEA Agreement (Annex XI);
# Datatilsynet in practice applied the EU dates (e.g. of 2021/914). One rule for every decision: the EU date
# is applied, and the EEA incorporation date is named where we know it.
EEA_RULE = "EU date applied (Datatilsynet's practice); EEA Agreement Annex XI"


@dataclass(frozen=True)
class Adequacy:
    """An adequacy decision (GDPR Art. 45) for a country or an international organisation: dates and scope."""

    key: str  # ISO country code, or the organisation's short name for an international organisation
    decision: str
    in_force: date  # the EU date, which the review applies
    expires: date | None = None
    # Whom it covers, by the importer's sector; empty: every sector. "dpf": only organisations certified on the
    # DPF List. Anything listed in `scope` but outside `covers` is flagged; an unknown sector asks for a check.
    covers: tuple[str, ...] = ()
    dpf: bool = False
    scope: str = ""  # the scope in words, as the decision states it
    eea_date: date | None = None  # when the EEA incorporated it, where known
    eea_note: str = "EEA incorporation date not recorded"
    names: tuple[str, ...] = ()  # an international organisation: the names it goes by
    source: str = "LAW.md"
    checked: date = CHECKED

    @property
    def dates(self) -> str:
        """Which date the review applies, and what is known of the EEA's, for a flag's reference."""
        eea = f"EEA incorporation {self.eea_date.isoformat()}" if self.eea_date else self.eea_note
        return f"EU date {self.in_force.isoformat()} applied; {eea}"

    @property
    def reference(self) -> str:
        return f"{self.decision} ({self.dates})"


ADEQUACY_LIST: tuple[Adequacy, ...] = (
    Adequacy("AD", "Decision 2010/625/EU", date(2010, 10, 19)),
    Adequacy("AR", "Decision 2003/490/EC", date(2003, 6, 30)),
    Adequacy(
        "CA",
        "Decision 2002/2/EC",
        date(2001, 12, 20),
        covers=("commercial",),
        scope="recipients subject to PIPEDA: personal information handled in commercial activities only",
    ),
    Adequacy("FO", "Decision 2010/146/EU", date(2010, 3, 5)),
    Adequacy("GG", "Decision 2003/821/EC", date(2003, 11, 21)),
    Adequacy("IL", "Decision 2011/61/EU", date(2011, 1, 31)),
    Adequacy("IM", "Decision 2004/411/EC", date(2004, 4, 28)),
    Adequacy(
        "JP",
        "Decision (EU) 2019/419",
        date(2019, 1, 23),
        covers=("commercial", "non-profit"),
        scope="APPI's business operators, whether or not for profit; not public bodies, nor processing APPI "
        "exempts (press, academic, religious and political purposes)",
        source="LAW.md; issue 15",
    ),
    Adequacy("JE", "Decision 2008/393/EC", date(2008, 5, 8)),
    Adequacy("NZ", "Decision 2013/65/EU", date(2012, 12, 19)),
    Adequacy("KR", "Decision (EU) 2022/254", date(2021, 12, 17)),
    Adequacy("CH", "Decision 2000/518/EC", date(2000, 7, 26)),
    Adequacy(
        "GB",
        "Decision (EU) 2021/1772 and its renewal of 19 Dec 2025 (number not recorded)",
        date(2021, 6, 28),
        expires=date(2031, 12, 27),
    ),
    Adequacy("UY", "Decision 2012/484/EU", date(2012, 8, 21)),
    Adequacy(
        "US",
        "Decision (EU) 2023/1795 (EU-US Data Privacy Framework)",
        date(2023, 7, 10),
        dpf=True,
        scope="only organisations certified on the DPF List",
    ),
    Adequacy(
        "BR",
        "Decision (EU) 2026/179",
        date(2026, 1, 26),
        eea_note="EEA incorporation pending at last check",
    ),
    Adequacy(
        "EPO",
        "Decision (EU) 2025/1382",
        date(2025, 7, 15),
        covers=("international",),
        scope="the European Patent Organisation, an international organisation (wherever it sits)",
        names=("European Patent Organisation", "European Patent Office", "EPO"),
        source="LAW.md; issue 15",
    ),
)
ADEQUACY: dict[str, Adequacy] = {a.key: a for a in ADEQUACY_LIST if not a.names}  # by country
ADEQUACY_ORGS: tuple[Adequacy, ...] = tuple(a for a in ADEQUACY_LIST if a.names)  # international organisations


def organisation_decision(names: list[str]) -> Adequacy | None:
    """The adequacy decision for an international organisation known by one of `names`, if there is one."""
    wanted = {" ".join(n.casefold().split()) for n in names}
    for decision in ADEQUACY_ORGS:
        if wanted & {n.casefold() for n in decision.names}:
            return decision
    return None


# The EU-US Data Privacy Framework is valid, but under a cloud (checked 2026-12-05 against LAW.md / issue 15).
DPF_RISK = (
    "(the General Court upheld it: Latombe, T-553/23, 3 Sept 2025), but the appeal C-703/25 P is pending; the "
    "PCLOB has had no quorum since 27 Jan 2025; Trump v. Slaughter (US Supreme Court, 29 Jun 2026) ended the "
    "FTC commissioners' protection from dismissal that the decision relies on; and noyb announced a challenge "
    "(30 Jun 2026)"
)
DPF_RISK_REFERENCE = "Decision (EU) 2023/1795; CJEU C-703/25 P (pending); Trump v. Slaughter (29 Jun 2026)"
# A transfer impact assessment for the USA made before this day predates Trump v. Slaughter.
US_TIA_STALE_BEFORE = date(2026, 6, 29)

# Importers subject to the GDPR themselves (Art. 3(2)): 2021/914 does not fit them (its recital 7).
ART_3_2_FIX = (
    "The importer is itself subject to the GDPR (Art. 3(2)), which SCCs 2021/914 do not fit (recital 7), and "
    "the Commission's clauses for this case are not adopted. Meanwhile, document why the transfer is covered: "
    "the importer's own GDPR obligations, plus contract terms under Art. 28 and Chapter V."
)


@dataclass(frozen=True)
class Rule:
    """A review rule: its flag code, what it checks, its legal reference, source and when last checked."""

    code: str
    what: str
    reference: str
    source: str = "LAW.md"
    checked: date = CHECKED


RULES: tuple[Rule, ...] = (
    Rule("privacy-shield", "Privacy Shield is invalid since 16 July 2020", "CJEU C-311/18 (Schrems II)"),
    Rule("safe-harbor", "Safe Harbor is invalid since 6 Oct 2015", "CJEU C-362/14 (Schrems I)"),
    Rule(
        "scc-legacy",
        "old SCCs: no new contracts from 27 Sept 2021; older ones were valid until the end of 27 Dec 2022",
        "Decision (EU) 2021/914 Art. 4",
    ),
    Rule("no-mechanism", "a transfer out of the EEA needs a mechanism", "GDPR Art. 44-49"),
    Rule("scc-module-mismatch", "the SCC module must match the roles", "Decision (EU) 2021/914, Annex, Section I"),
    Rule("scc-module-missing", "SCCs 2021 need a module", "Decision (EU) 2021/914, Annex, Section I"),
    Rule(
        "tia-missing",
        "SCCs and BCRs need a TIA, reviewed every DPA_TIA_MONTHS; a US TIA before 29 Jun 2026 is stale",
        "CJEU C-311/18 (Schrems II); EDPB Recommendations 01/2020",
        source="LAW.md; issue 15",
    ),
    Rule("dpf-not-certified", "DPF covers only certified US importers, from 10 July 2023", "Decision (EU) 2023/1795"),
    Rule("dpf-stale", "DPF certification checked within 12 months", "Decision (EU) 2023/1795"),
    Rule(
        "dpf-at-risk",
        "a transfer resting on DPF alone: the risk, and the fallback (SCCs 2021/914 with a TIA)",
        DPF_RISK_REFERENCE,
        source="LAW.md; issue 15",
    ),
    Rule("adequacy-not-applicable", "the decision must exist, be in force and cover the importer", "GDPR Art. 45"),
    Rule("adequacy-check", "the importer's sector is not recorded: check the decision's scope", "GDPR Art. 45"),
    Rule(
        "art49-regular",
        "Art. 49 derogations are for occasional, non-repetitive transfers, whatever the roles",
        "GDPR Art. 49, recital 111; EDPB Guidelines 2/2018",
        source="LAW.md; issue 15",
    ),
    Rule("mechanism-unverified", "SCCs claimed without saying which decision's", "GDPR Art. 46(2)(c)"),
    Rule(
        "art3-2-importer",
        "an importer subject to the GDPR itself: 2021/914 does not fit; its clauses are not adopted",
        "GDPR Art. 3(2); Decision (EU) 2021/914 recital 7",
        source="LAW.md; issue 15",
    ),
    Rule("no-dpa", "a processor needs a signed DPA", "GDPR Art. 28(3)"),
    Rule("dpa-review-due", "a DPA is reviewed on its review date", "GDPR Art. 24(1), 28"),
    Rule("subprocessor-after-dpa", "a new sub-processor needs authorisation or notice", "GDPR Art. 28(2), 28(4)"),
    Rule(
        "subprocessor-start-unknown",
        "when a sub-processor started is not recorded, so it cannot be checked against the DPA",
        "GDPR Art. 28(2), 28(4)",
    ),
    Rule("objection-window-open", "a controller may object to a new sub-processor", "GDPR Art. 28(2)"),
    Rule("chain-cycle", "a sub-processor chain cannot loop", "GDPR Art. 28(2), 28(4)"),
)


@dataclass(frozen=True)
class Pending:
    """Something that may change the law, not yet decided; the rules do not apply it."""

    what: str
    status: str
    source: str = "LAW.md; issue 15"
    checked: date = CHECKED


PENDING: tuple[Pending, ...] = (
    Pending("DPF appeal, CJEU C-703/25 P (Latombe)", "pending; DPF applies until a court or the Commission ends it"),
    Pending(
        "Digital Omnibus, COM(2025) 837 (96-hour breach notice, single entry point, narrower personal data)",
        "a proposal, not law: nothing changes until it is adopted",
    ),
    Pending("Brazil, Decision (EU) 2026/179, in the EEA", "EEA incorporation pending; the EU date is applied"),
    Pending(
        "Clauses for importers subject to the GDPR (Art. 3(2))", "promised by the Commission, not adopted at last check"
    ),
)

# Art. 28(2): prior specific or general written authorisation of sub-processors.
AUTHORISATIONS: tuple[str, ...] = ("general", "specific")
