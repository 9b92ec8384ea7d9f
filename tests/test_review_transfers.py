"""The transfer rules (registry.review_transfers.assess_transfer) as one table of scenarios with their flags.

Each row is one transfer: the roles of exporter and importer towards each other, the destination, the
mechanism (and SCC module), the importer's DPF certification and sector, the TIA date, when the transfer was
recorded, and the day of the review. Every date is the injected `today`, never the wall clock: rows from 2015,
2020 and 2031 would give other answers if the rules looked at the real date.
"""

from __future__ import annotations

from datetime import date

import pytest

from registry.errors import InputError
from registry.law import TIA_REVIEW_MONTHS
from registry.models import Transfer
from registry.relations import check_transfer
from registry.review_transfers import TransferFacts, assess_transfer

TODAY = "2026-11-21"

# Expected findings, as (code, severity).
PRIVACY_SHIELD = ("privacy-shield", "high")
SAFE_HARBOR = ("safe-harbor", "high")
SCC_LEGACY = ("scc-legacy", "high")
NO_MECHANISM = ("no-mechanism", "high")
DPF_NOT_CERTIFIED = ("dpf-not-certified", "high")
NOT_APPLICABLE = ("adequacy-not-applicable", "high")
MODULE_MISMATCH = ("scc-module-mismatch", "medium")
MODULE_MISSING = ("scc-module-missing", "medium")
TIA = ("tia-missing", "medium")
DPF_STALE = ("dpf-stale", "medium")
ART49 = ("art49-regular", "medium")
UNVERIFIED = ("mechanism-unverified", "medium")
ADEQUACY_CHECK = ("adequacy-check", "low")
DPF_RISK = ("dpf-at-risk", "medium")
ART_3_2 = ("art3-2-importer", "low")
OK: set[tuple[str, str]] = set()

ROLES = {
    "C>C": ("controller", "controller"),
    "C>P": ("controller", "processor"),
    "P>P": ("processor", "processor"),
    "P>C": ("processor", "controller"),
}


def row(
    name: str,
    roles: str,
    country: str,
    mechanism: str,
    *,
    module: int | None = None,
    dpf: bool | None = None,
    dpf_checked: str | None = None,
    sector: str | None = None,
    tia: str | None = None,
    since: str | None = None,
    regular: bool | None = None,
    gdpr: bool | None = None,
    names: tuple[str, ...] = (),
    tia_months: int | None = None,
    today: str = TODAY,
    expect: set[tuple[str, str]],
) -> object:
    exporter_role, importer_role = ROLES[roles]
    facts = TransferFacts(
        country=country,
        mechanism=mechanism,
        exporter_role=exporter_role,
        importer_role=importer_role,
        module=module,
        tia=_day(tia),
        since=_day(since),
        importer_dpf=dpf,
        importer_dpf_checked=_day(dpf_checked),
        importer_sector=sector,
        regular=regular,
        importer_gdpr=gdpr,
        importer_names=names,
    )
    return pytest.param(facts, date.fromisoformat(today), tia_months, expect, id=name)


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


# fmt: off
SCENARIOS = [
    # -- Privacy Shield: invalid from the day of Schrems II (C-311/18, 16 July 2020) ----------------------
    row("privacy-shield/2020-07-15-still-valid", "C>P", "US", "privacy-shield", today="2020-07-15", expect=OK),
    row("privacy-shield/2020-07-16-schrems-ii", "C>P", "US", "privacy-shield", today="2020-07-16", expect={PRIVACY_SHIELD}),
    row("privacy-shield/today-even-if-certified", "P>P", "US", "privacy-shield", dpf=True, dpf_checked="2026-10-01", expect={PRIVACY_SHIELD}),
    # -- Safe Harbor: invalid from Schrems I (C-362/14, 6 Oct 2015) ---------------------------------------
    row("safe-harbor/2015-10-05-still-valid", "C>P", "US", "safe-harbor", today="2015-10-05", expect=OK),
    row("safe-harbor/2015-10-06-schrems-i", "C>P", "US", "safe-harbor", today="2015-10-06", expect={SAFE_HARBOR}),
    # -- Old SCCs: repealed 27 Sept 2021; older contracts covered up to and including 27 Dec 2022 ----------
    row("scc-2010/old-contract-2022-12-27-with-tia", "C>P", "IN", "scc-2010", since="2021-06-01", tia="2021-06-01", today="2022-12-27", expect=OK),
    row("scc-2010/old-contract-2022-12-27-no-tia", "C>P", "IN", "scc-2010", since="2021-06-01", today="2022-12-27", expect={TIA}),
    row("scc-2010/old-contract-2022-12-27-tia-too-old", "C>P", "IN", "scc-2010", since="2019-01-01", tia="2020-09-01", today="2022-12-27", expect={TIA}),
    row("scc-2010/old-contract-2022-12-28", "C>P", "IN", "scc-2010", since="2021-06-01", tia="2021-06-01", today="2022-12-28", expect={SCC_LEGACY}),
    row("scc-2010/old-contract-today", "C>P", "IN", "scc-2010", since="2021-06-01", tia="2026-01-01", expect={SCC_LEGACY}),
    row("scc-2010/made-2021-09-26-day-before-repeal", "C>P", "IN", "scc-2010", since="2021-09-26", tia="2021-09-26", today="2021-10-01", expect=OK),
    row("scc-2010/made-2021-09-27-repeal-day", "C>P", "IN", "scc-2010", since="2021-09-27", tia="2021-09-27", today="2021-10-01", expect={SCC_LEGACY}),
    row("scc-2010/made-after-repeal", "P>P", "CN", "scc-2010", since="2022-03-01", tia="2022-03-01", today="2022-06-01", expect={SCC_LEGACY}),
    # -- DPF: in force 10 July 2023, certified US importers only, certification checked within 12 months --
    row("dpf/2023-07-09-not-in-force", "C>P", "US", "dpf", dpf=True, dpf_checked="2023-07-09", today="2023-07-09", expect={DPF_NOT_CERTIFIED}),
    row("dpf/2023-07-10-in-force", "C>P", "US", "dpf", dpf=True, dpf_checked="2023-07-10", today="2023-07-10", expect={DPF_RISK}),
    row("dpf/importer-not-certified", "C>P", "US", "dpf", dpf=False, dpf_checked="2026-11-01", expect={DPF_NOT_CERTIFIED}),
    row("dpf/importer-certification-unknown", "C>P", "US", "dpf", expect={DPF_NOT_CERTIFIED}),
    row("dpf/to-non-us-country", "C>P", "GB", "dpf", dpf=True, dpf_checked="2026-11-01", expect={DPF_NOT_CERTIFIED}),
    row("dpf/checked-12-months-less-1-day-ago", "C>P", "US", "dpf", dpf=True, dpf_checked="2025-11-22", expect={DPF_RISK}),
    row("dpf/checked-exactly-12-months-ago", "C>P", "US", "dpf", dpf=True, dpf_checked="2025-11-21", expect={DPF_RISK}),
    row("dpf/checked-12-months-and-1-day-ago", "C>P", "US", "dpf", dpf=True, dpf_checked="2025-11-20", expect={DPF_STALE, DPF_RISK}),
    row("dpf/never-checked", "C>P", "US", "dpf", dpf=True, expect={DPF_STALE, DPF_RISK}),
    row("dpf/checked-29-feb-due-28-feb", "C>P", "US", "dpf", dpf=True, dpf_checked="2024-02-29", today="2025-02-28", expect={DPF_RISK}),
    row("dpf/checked-29-feb-stale-1-mar", "C>P", "US", "dpf", dpf=True, dpf_checked="2024-02-29", today="2025-03-01", expect={DPF_STALE, DPF_RISK}),
    # -- Adequacy: the decision must exist, be in force, not have expired, and cover the importer ---------
    row("adequacy/CH", "C>P", "CH", "adequacy", expect=OK),
    row("adequacy/GB-2031-12-27-last-day", "C>P", "GB", "adequacy", today="2031-12-27", expect=OK),
    row("adequacy/GB-2031-12-28-expired", "C>P", "GB", "adequacy", today="2031-12-28", expect={NOT_APPLICABLE}),
    row("adequacy/CA-commercial", "C>P", "CA", "adequacy", sector="commercial", expect=OK),
    row("adequacy/CA-public-body", "C>C", "CA", "adequacy", sector="public", expect={NOT_APPLICABLE}),
    row("adequacy/CA-non-profit", "C>C", "CA", "adequacy", sector="non-profit", expect={NOT_APPLICABLE}),
    row("adequacy/CA-sector-unknown", "C>P", "CA", "adequacy", expect={ADEQUACY_CHECK}),
    row("adequacy/JP-sector-unknown", "C>P", "JP", "adequacy", expect={ADEQUACY_CHECK}),
    row("adequacy/BR-2026-01-25-before-decision", "C>P", "BR", "adequacy", sector="commercial", today="2026-01-25", expect={NOT_APPLICABLE}),
    row("adequacy/BR-2026-01-26-eu-date-applied", "C>P", "BR", "adequacy", sector="commercial", today="2026-01-26", expect=OK),
    row("adequacy/BR-today-eu-date-applied", "P>P", "BR", "adequacy", expect=OK),
    row("adequacy/US-dpf-certified", "C>P", "US", "adequacy", dpf=True, dpf_checked="2026-06-01", expect={DPF_RISK}),
    row("adequacy/US-not-certified", "C>P", "US", "adequacy", dpf=False, expect={NOT_APPLICABLE}),
    row("adequacy/US-certification-unknown", "C>P", "US", "adequacy", expect={NOT_APPLICABLE}),
    row("adequacy/US-certified-before-2023-07-10", "C>P", "US", "adequacy", dpf=True, dpf_checked="2023-07-01", today="2023-07-09", expect={NOT_APPLICABLE}),
    row("adequacy/US-certified-check-stale", "C>P", "US", "adequacy", dpf=True, dpf_checked="2025-01-01", expect={DPF_STALE, DPF_RISK}),
    row("adequacy/CN-no-decision", "C>P", "CN", "adequacy", expect={NOT_APPLICABLE}),
    row("adequacy/IN-no-decision", "P>P", "IN", "adequacy", sector="commercial", expect={NOT_APPLICABLE}),
    # -- SCCs 2021/914: the module follows the roles; a TIA no older than the review period --------------
    row("scc-2021/module-1-controller-to-controller", "C>C", "IN", "scc-2021", module=1, tia="2026-01-01", expect=OK),
    row("scc-2021/module-2-controller-to-processor", "C>P", "IN", "scc-2021", module=2, tia="2026-01-01", expect=OK),
    row("scc-2021/module-3-processor-to-processor", "P>P", "IN", "scc-2021", module=3, tia="2026-01-01", expect=OK),
    row("scc-2021/module-4-processor-to-controller", "P>C", "CN", "scc-2021", module=4, tia="2026-01-01", expect=OK),
    row("scc-2021/module-3-for-controller-to-processor", "C>P", "IN", "scc-2021", module=3, tia="2026-01-01", expect={MODULE_MISMATCH}),
    row("scc-2021/module-2-for-processor-to-processor", "P>P", "IN", "scc-2021", module=2, tia="2026-01-01", expect={MODULE_MISMATCH}),
    row("scc-2021/module-1-for-processor-to-controller", "P>C", "IN", "scc-2021", module=1, tia="2026-01-01", expect={MODULE_MISMATCH}),
    row("scc-2021/module-missing", "C>P", "IN", "scc-2021", tia="2026-01-01", expect={MODULE_MISSING}),
    row("scc-2021/module-mismatch-and-no-tia", "P>C", "IN", "scc-2021", module=2, expect={MODULE_MISMATCH, TIA}),
    row("scc-2021/tia-missing", "C>P", "IN", "scc-2021", module=2, expect={TIA}),
    row("scc-2021/tia-exactly-24-months-old", "C>P", "IN", "scc-2021", module=2, tia="2024-11-21", expect=OK),
    row("scc-2021/tia-24-months-and-1-day-old", "C>P", "IN", "scc-2021", module=2, tia="2024-11-20", expect={TIA}),
    row("scc-2021/tia-29-feb-due-28-feb", "C>P", "IN", "scc-2021", module=2, tia="2024-02-29", today="2026-02-28", expect=OK),
    row("scc-2021/tia-29-feb-overdue-1-mar", "C>P", "IN", "scc-2021", module=2, tia="2024-02-29", today="2026-03-01", expect={TIA}),
    row("scc-2021/tia-12-month-period-exactly", "C>P", "IN", "scc-2021", module=2, tia="2025-11-21", tia_months=12, expect=OK),
    row("scc-2021/tia-12-month-period-and-1-day", "C>P", "IN", "scc-2021", module=2, tia="2025-11-20", tia_months=12, expect={TIA}),
    row("scc-2021/tia-36-month-period", "C>P", "IN", "scc-2021", module=2, tia="2024-01-01", tia_months=36, expect=OK),
    # -- BCRs need a TIA as SCCs do ---------------------------------------------------------------------
    row("bcr/recent-tia", "C>C", "IN", "bcr", tia="2025-06-01", expect=OK),
    row("bcr/no-tia", "C>C", "IN", "bcr", expect={TIA}),
    row("bcr/tia-too-old", "P>P", "IN", "bcr", tia="2023-01-01", expect={TIA}),
    # -- Art. 49 derogations: occasional transfers only ---------------------------------------------------
    row("art49/regular-controller-to-processor", "C>P", "US", "art49", regular=True, expect={ART49}),
    row("art49/occasional", "C>C", "US", "art49", regular=False, expect=OK),
    row("art49/regular-controller-to-controller", "C>C", "US", "art49", regular=True, expect={ART49}),
    row("art49/regularity-unknown", "C>C", "IN", "art49", expect={ART49}),
    row("art49/occasional-processor", "C>P", "IN", "art49", regular=False, expect=OK),
    # -- Issue 15: the law as of December 2026 ----------------------------------------------------------
    row("adequacy/JP-non-profit-covered", "C>C", "JP", "adequacy", sector="non-profit", expect=OK),
    row("adequacy/JP-commercial", "C>P", "JP", "adequacy", sector="commercial", expect=OK),
    row("adequacy/JP-public-body", "C>C", "JP", "adequacy", sector="public", expect={NOT_APPLICABLE}),
    row("adequacy/CA-non-profit-outside-pipeda", "C>C", "CA", "adequacy", sector="non-profit", expect={NOT_APPLICABLE}),
    row("adequacy/US-dpf-only-certified-fresh", "C>P", "US", "dpf", dpf=True, dpf_checked="2026-10-01", expect={DPF_RISK}),
    row("dpf/with-fresh-fallback-tia", "C>P", "US", "dpf", dpf=True, dpf_checked="2026-10-01", tia="2026-07-01", expect={DPF_RISK}),
    row("dpf/2026-06-28-before-slaughter", "C>P", "US", "dpf", dpf=True, dpf_checked="2026-01-01", today="2026-06-28", expect={DPF_RISK}),
    row("tia/US-2026-06-28-stale-after-slaughter", "C>P", "US", "scc-2021", module=2, tia="2026-06-28", expect={TIA}),
    row("tia/US-2026-06-29-fresh", "C>P", "US", "scc-2021", module=2, tia="2026-06-29", expect=OK),
    row("tia/US-2026-01-01-fine-before-the-ruling", "C>P", "US", "scc-2021", module=2, tia="2026-01-01", today="2026-06-28", expect=OK),
    row("tia/IN-2026-01-01-not-affected", "C>P", "IN", "scc-2021", module=2, tia="2026-01-01", expect=OK),
    row("adequacy/EPO-in-DE", "C>C", "DE", "adequacy", sector="international", names=("European Patent Organisation",), expect=OK),
    row("adequacy/EPO-by-alias", "C>C", "NL", "adequacy", sector="international", names=("EPO Den Haag", "EPO"), expect=OK),
    row("adequacy/EPO-before-2025-07-15", "C>C", "DE", "adequacy", sector="international", names=("EPO",), today="2025-07-14", expect={NOT_APPLICABLE}),
    row("adequacy/other-international-organisation", "C>C", "CH", "adequacy", sector="international", names=("World Widget Organisation",), expect={NOT_APPLICABLE}),
    row("art3-2/scc-2021-importer-under-gdpr", "C>P", "IN", "scc-2021", module=2, tia="2026-07-01", gdpr=True, expect={ART_3_2}),
    row("art3-2/no-mechanism-importer-under-gdpr", "C>P", "IN", "none", gdpr=True, expect={NO_MECHANISM}),
    # -- SCCs claimed without a version, and no mechanism ------------------------------------------------
    row("scc-unknown/no-tia", "C>P", "IN", "scc-unknown", expect={UNVERIFIED, TIA}),
    row("scc-unknown/recent-tia", "C>P", "IN", "scc-unknown", tia="2026-01-01", expect={UNVERIFIED}),
    row("none/US", "C>P", "US", "none", expect={NO_MECHANISM}),
    row("none/GB-even-with-a-decision", "C>P", "GB", "none", expect={NO_MECHANISM}),
]
# fmt: on


def test_the_table_is_large_enough_and_ids_are_unique() -> None:
    ids = [p.id for p in SCENARIOS]
    assert len(ids) >= 45
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize(("facts", "today", "tia_months", "expected"), SCENARIOS)
def test_transfer_scenario(
    facts: TransferFacts, today: date, tia_months: int | None, expected: set[tuple[str, str]]
) -> None:
    months = TIA_REVIEW_MONTHS if tia_months is None else tia_months
    findings = assess_transfer(facts, today=today, tia_months=months)

    assert {(f.code, f.severity) for f in findings} == expected
    assert len(findings) == len(expected), "a finding is reported twice"
    for f in findings:
        assert f.reason.strip() and f.reference.strip() and f.fix.strip(), f


@pytest.mark.parametrize(
    ("roles", "expected"),
    [
        ("C>C", "1 (controller to controller)"),
        ("C>P", "2 (controller to processor)"),
        ("P>P", "3 (processor to processor)"),
        ("P>C", "4 (processor to controller)"),
    ],
)
def test_missing_module_fix_names_the_module_for_the_roles(roles: str, expected: str) -> None:
    exporter_role, importer_role = ROLES[roles]
    facts = TransferFacts("US", "scc-2021", exporter_role, importer_role, tia=date(2026, 7, 1))
    [finding] = assess_transfer(facts, today=date(2026, 11, 21))
    assert finding.code == "scc-module-missing"
    assert expected in finding.fix


def test_invalid_mechanisms_say_since_when_and_what_replaces_them() -> None:
    facts = TransferFacts("US", "privacy-shield", "controller", "processor")
    [finding] = assess_transfer(facts, today=date(2026, 11, 21))
    assert "2020-07-16" in finding.reason
    assert "C-311/18" in finding.reference
    assert "Data Privacy Framework" in finding.fix and "2021/914" in finding.fix


def test_an_international_organisation_in_the_eea_is_a_transfer() -> None:
    check_transfer(Transfer(exporter=1, importer=2, country="DE", mechanism="adequacy"), international=True)


@pytest.mark.parametrize("country", ["NO", "IS", "LI", "SE", "DE"])
def test_an_eea_destination_is_not_a_transfer(country: str) -> None:
    # assess_transfer is never asked about EEA destinations: the registry refuses to record them.
    with pytest.raises(InputError, match="in the EEA"):
        check_transfer(Transfer(exporter=1, importer=2, country=country, mechanism="adequacy"))


@pytest.mark.parametrize("country", ["CH", "GB", "US", "CA", "BR"])
def test_countries_at_the_edge_of_the_eea_are_transfers(country: str) -> None:
    check_transfer(Transfer(exporter=1, importer=2, country=country, mechanism="adequacy"))


def _findings(name: str) -> list:
    [param] = [p for p in SCENARIOS if p.id == name]
    facts, today, _, _ = param.values
    return assess_transfer(facts, today=today)


def test_japan_non_profit_is_covered_and_unknown_sector_asks_to_check_the_scope() -> None:
    assert _findings("adequacy/JP-non-profit-covered") == []
    [check] = _findings("adequacy/JP-sector-unknown")
    assert "whether or not for profit" in check.reason and "check the scope" in check.reason


def test_dpf_notice_names_the_risk_and_the_fallback() -> None:
    [notice] = _findings("adequacy/US-dpf-only-certified-fresh")
    assert "valid" in notice.reason and "C-703/25 P" in notice.reason and "Trump v. Slaughter" in notice.reason
    assert "2021/914" in notice.fix and "TIA" in notice.fix


def test_a_us_tia_before_trump_v_slaughter_is_stale() -> None:
    [stale] = _findings("tia/US-2026-06-28-stale-after-slaughter")
    assert "2026-06-28" in stale.reason and "Trump v. Slaughter" in stale.reference


def test_an_importer_subject_to_the_gdpr_is_not_told_to_sign_2021_914() -> None:
    for name in ("art3-2/scc-2021-importer-under-gdpr", "art3-2/no-mechanism-importer-under-gdpr"):
        for finding in _findings(name):
            assert "2021/914" not in finding.fix.replace("SCCs 2021/914 do not fit", ""), finding
            assert "not adopted" in finding.fix and "Art. 28" in finding.fix


def test_adequacy_flags_say_which_date_was_applied() -> None:
    [late] = _findings("adequacy/EPO-before-2025-07-15")
    assert "2025/1382" in late.reference and "EU date 2025-07-15 applied" in late.reference


def test_old_sccs_were_valid_until_the_end_of_27_december_2022() -> None:
    [legacy] = _findings("scc-2010/old-contract-today")
    assert "were valid until the end of 27 Dec 2022" in legacy.reason
