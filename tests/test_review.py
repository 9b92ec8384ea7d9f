"""The review engine (registry.review) on registries built through the registry's own commands.

Every review gets an explicit `today`; the fixture's clock (2026-11-21) only stamps what the commands record.
"""

from __future__ import annotations

import contextlib
import random
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pg_server import another_store

from registry.demo import load_demo
from registry.errors import Conflict, RegistryError
from registry.models import Agreement, Engagement, Party, SubprocessorLink, Transfer
from registry.parties import add_party
from registry.registry import Actor, Registry
from registry.relations import add_agreement, add_subprocessor, add_transfer, engage
from registry.review import SEVERITIES, Flag, ReviewSettings, filter_flags, review
from registry.snapshot import Snapshot

ACTOR = Actor("U0TEST", "test")
TODAY = date(2026, 11, 21)


# -- building registries ----------------------------------------------------------------------------------


def party(registry: Registry, name: str, country: str = "NO", **fields: Any) -> int:
    added = add_party(registry, ACTOR, Party(name=name, country=country, **fields))
    assert added.id is not None
    return added.id


def engagement(registry: Registry, processor: int, *controllers: int, **fields: Any) -> Engagement:
    fields.setdefault("purpose", "hosting")
    record, _ = engage(registry, ACTOR, Engagement(processor=processor, controllers=list(controllers), **fields))
    return record


def link(registry: Registry, processor: int, sub: int, **fields: Any) -> SubprocessorLink:
    fields.setdefault("countries", ["NO"])
    fields.setdefault("service", "hosting")
    record, _ = add_subprocessor(registry, ACTOR, SubprocessorLink(processor=processor, sub=sub, **fields))
    return record


def transfer(registry: Registry, exporter: int, importer: int, country: str, mechanism: str, **fields: Any) -> Transfer:
    record, _ = add_transfer(
        registry,
        ACTOR,
        Transfer(exporter=exporter, importer=importer, country=country, mechanism=mechanism, **fields),
    )
    return record


def agreement(registry: Registry, controller: int, processor: int, status: str = "signed", **fields: Any) -> Agreement:
    if status == "signed":
        fields.setdefault("signed", date(2026, 1, 10))
    return add_agreement(
        registry, ACTOR, Agreement(controller=controller, processor=processor, status=status, **fields)
    )


def summary(flags: list[Flag], code: str | None = None) -> set[tuple[str, str, tuple[str, ...]]]:
    return {(f.code, f.severity, f.parties) for f in flags if code is None or f.code == code}


def of(flags: list[Flag], code: str) -> list[Flag]:
    return [f for f in flags if f.code == code]


# -- the demo registry --------------------------------------------------------------------------------------

NORDLYS = "Nordlys Eiendomsdrift AS"
HUBSPOT = "HubSpot, Inc."
SEPTER = "Septer AS"


@pytest.fixture
def demo(registry: Registry) -> Registry:
    load_demo(registry, ACTOR)
    return registry


DEMO_FLAGS = {
    ("privacy-shield", "high", (HUBSPOT, "Amazon Web Services, Inc.")),
    ("mechanism-unverified", "medium", (SEPTER, HUBSPOT)),
    ("tia-missing", "medium", (SEPTER, HUBSPOT)),
    ("no-dpa", "high", (NORDLYS, "Semac")),
    ("no-dpa", "high", (NORDLYS, SEPTER)),
    ("no-dpa", "high", (SEPTER, HUBSPOT)),
    ("dpa-review-due", "low", (NORDLYS, "IWMAC AS")),
}


def test_demo_flags_on_2026_11_21(demo: Registry) -> None:
    flags = review(demo, today=TODAY)

    assert DEMO_FLAGS.issubset(summary(flags))
    # Exactly these for the parties they concern (the demo may grow elsewhere), and no other transfer flag.
    concerned = {HUBSPOT, "Amazon Web Services, Inc.", SEPTER, "IWMAC AS"}
    expected = {s for s in DEMO_FLAGS if concerned & set(s[2])}
    assert {s for s in summary(flags) if concerned & set(s[2])} == expected
    # ... and the two notices of issue 15 on the US transfers (Northwind's TIA, Slack's DPF).
    assert len([f for f in flags if f.subject[0] == "transfer"]) == 5
    [semac] = [f for f in of(flags, "no-dpa") if f.parties == (NORDLYS, "Semac")]
    assert "only a draft" in semac.reason
    [septer] = [f for f in of(flags, "no-dpa") if f.parties == (NORDLYS, SEPTER)]
    assert "none is on record" in septer.reason


def test_demo_us_transfers_get_the_december_2026_notices_and_nothing_else(demo: Registry) -> None:
    flags = review(demo, today=TODAY)
    northwind = {(f.code, f.severity) for f in flags if "Northwind Helpdesk, Inc." in f.parties}
    slack = [f for f in flags if "Slack Technologies, LLC" in f.parties]
    # SCC module 2 with a TIA of 2025-01-08: before Trump v. Slaughter (29 Jun 2026), so stale.
    assert northwind == {("tia-missing", "medium")}
    # DPF, certification checked: valid, but resting on DPF alone earns the notice with its fallback.
    assert [(f.code, f.severity) for f in slack] == [("dpf-at-risk", "medium")]
    assert "C-703/25 P" in slack[0].reason and "2021/914" in slack[0].fix


def test_flags_come_most_severe_first_and_in_a_stable_order(demo: Registry) -> None:
    flags = review(demo, today=TODAY)
    ranks = [SEVERITIES.index(f.severity) for f in flags]
    assert ranks == sorted(ranks)
    assert {f.severity for f in flags} == {"high", "medium", "low"}
    assert flags == review(demo, today=TODAY)


def test_the_review_uses_the_date_it_is_given(demo: Registry) -> None:
    def codes(day: date) -> set[tuple[str, tuple[str, ...]]]:
        return {(f.code, f.parties) for f in review(demo, today=day)}

    shield = ("privacy-shield", (HUBSPOT, "Amazon Web Services, Inc."))
    assert shield not in codes(date(2020, 7, 15))
    assert shield in codes(date(2020, 7, 16))
    # Slack's DPF certification was checked on 2026-10-01: stale once 12 months have passed.
    slack = ("dpf-stale", (NORDLYS, "Slack Technologies, LLC"))
    assert slack not in codes(date(2027, 10, 1))
    assert slack in codes(date(2027, 10, 2))
    # Northwind's TIA dates from 2025-01-08: fine until Trump v. Slaughter (29 Jun 2026) made it stale.
    northwind = ("tia-missing", (NORDLYS, "Northwind Helpdesk, Inc."))
    assert northwind not in codes(date(2026, 6, 28))
    assert northwind in codes(date(2026, 6, 29))


def test_tia_period_from_settings(demo: Registry) -> None:
    flags = review(demo, today=TODAY, settings=ReviewSettings(tia_months=12))
    assert ("tia-missing", "medium", (NORDLYS, "Northwind Helpdesk, Inc.")) in summary(flags)


# -- implied transfers --------------------------------------------------------------------------------------


def test_sub_processor_in_a_third_country_without_a_transfer(registry: Registry) -> None:
    processor, sub = party(registry, "Drift AS"), party(registry, "Lagring AS")
    recorded = link(registry, processor, sub, countries=["US"])

    [flag] = review(registry, today=TODAY)
    assert (flag.code, flag.severity, flag.parties) == ("no-mechanism", "high", ("Drift AS", "Lagring AS"))
    assert flag.subject == ("link", recorded.id)
    assert "US" in flag.reason and "country=US" in flag.fix

    transfer(registry, processor, sub, "US", "scc-2021", module=3, tia=date(2026, 7, 1))
    assert review(registry, today=TODAY) == []


def test_sub_processor_country_falls_back_to_where_it_is_established(registry: Registry) -> None:
    processor = party(registry, "Drift AS")
    us_sub, eu_hosted = party(registry, "Cloud Inc.", "US"), party(registry, "Global Cloud LLC", "US")
    link(registry, processor, us_sub, countries=[])
    link(registry, processor, eu_hosted, countries=["IE", "SE"])  # established in the US, processing in the EU

    assert summary(review(registry, today=TODAY)) == {("no-mechanism", "high", ("Drift AS", "Cloud Inc."))}


def test_sub_processor_in_norway_is_not_a_transfer(registry: Registry) -> None:
    link(registry, party(registry, "Drift AS"), party(registry, "Datasenter AS"), countries=["NO", "SE"])
    assert review(registry, today=TODAY) == []


def test_processor_established_in_a_third_country_without_a_transfer(registry: Registry) -> None:
    controller, processor = party(registry, "Kunde AS"), party(registry, "Helpdesk Inc.", "US", dpf=True)
    recorded = engagement(registry, processor, controller, purpose="support")
    agreement(registry, controller, processor)

    [flag] = review(registry, today=TODAY)
    assert (flag.code, flag.parties, flag.subject) == (
        "no-mechanism",
        ("Kunde AS", "Helpdesk Inc."),
        ("engagement", recorded.id),
    )

    transfer(registry, controller, processor, "US", "dpf")
    # Recorded: now the DPF rules apply to it (certified, but never checked; and resting on DPF alone).
    assert summary(review(registry, today=TODAY)) == {
        ("dpf-stale", "medium", ("Kunde AS", "Helpdesk Inc.")),
        ("dpf-at-risk", "medium", ("Kunde AS", "Helpdesk Inc.")),
    }


def test_in_house_processing_abroad_is_not_a_transfer(registry: Registry) -> None:
    us = party(registry, "Own US Branch Inc.", "US")
    engagement(registry, us, us, purpose="staff")
    assert review(registry, today=TODAY) == []


def test_an_ended_engagement_implies_no_transfer(registry: Registry) -> None:
    controller, processor = party(registry, "Kunde AS"), party(registry, "Helpdesk Inc.", "US")
    engagement(registry, processor, controller, end=date(2026, 6, 30))
    assert review(registry, today=TODAY) == []


# -- roles give the SCC module ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("relation", "module", "expected"),
    [
        ("engagement", 2, set()),
        ("engagement", 3, {"scc-module-mismatch"}),
        ("engagement", None, {"scc-module-missing"}),
        ("sub-processor", 3, set()),
        ("sub-processor", 2, {"scc-module-mismatch"}),
        ("processor-to-controller", 4, set()),
        ("processor-to-controller", 2, {"scc-module-mismatch"}),
        ("unrelated", 1, set()),
        ("unrelated", 2, {"scc-module-mismatch"}),
    ],
)
def test_expected_module_comes_from_the_roles_in_the_registry(
    registry: Registry, relation: str, module: int | None, expected: set[str]
) -> None:
    a, b = party(registry, "Alfa AS"), party(registry, "Beta Inc.", "US")
    if relation == "engagement":  # a is controller, b its processor
        engagement(registry, b, a)
        exporter, importer = a, b
    elif relation == "sub-processor":  # a is processor, b its sub-processor
        link(registry, a, b, countries=["US"])
        exporter, importer = a, b
    elif relation == "processor-to-controller":  # b processes for a, and sends data back to it
        engagement(registry, a, b)
        exporter, importer = a, b
    else:
        exporter, importer = a, b
    transfer(registry, exporter, importer, "US", "scc-2021", module=module, tia=date(2026, 7, 1))

    flags = review(registry, today=TODAY)
    assert {f.code for f in flags if f.subject[0] == "transfer"} == expected
    for f in of(flags, "scc-module-mismatch") + of(flags, "scc-module-missing"):
        assert f.parties == ("Alfa AS", "Beta Inc.")


def test_module_2_through_an_engagement_and_3_through_a_link_in_one_registry(registry: Registry) -> None:
    controller, processor, sub = (
        party(registry, "Kunde AS"),
        party(registry, "Drift Inc.", "US"),
        party(registry, "Cloud Inc.", "US"),
    )
    engagement(registry, processor, controller)
    agreement(registry, controller, processor, signed=date(2026, 1, 1))
    link(registry, processor, sub, countries=["US"], since=date(2025, 1, 1))
    transfer(registry, controller, processor, "US", "scc-2021", tia=date(2026, 7, 1))
    transfer(registry, processor, sub, "US", "scc-2021", tia=date(2026, 7, 1))

    fixes = {f.parties: f.fix for f in review(registry, today=TODAY)}
    assert set(fixes) == {("Kunde AS", "Drift Inc."), ("Drift Inc.", "Cloud Inc.")}
    assert "2 (controller to processor)" in fixes[("Kunde AS", "Drift Inc.")]
    assert "3 (processor to processor)" in fixes[("Drift Inc.", "Cloud Inc.")]


def test_controller_to_its_processors_sub_processor_is_module_2(registry: Registry) -> None:
    controller, processor, sub = (
        party(registry, "Kunde AS"),
        party(registry, "Drift AS"),
        party(registry, "Cloud Inc.", "US"),
    )
    engagement(registry, processor, controller)
    agreement(registry, controller, processor, signed=date(2026, 1, 1))
    link(registry, processor, sub, countries=["US"], since=date(2025, 1, 1))
    transfer(registry, controller, sub, "US", "scc-2021", module=2, tia=date(2026, 7, 1))

    assert review(registry, today=TODAY) == []


# -- agreements ----------------------------------------------------------------------------------------------


def test_no_dpa_for_each_joint_controller(registry: Registry) -> None:
    a, b, processor = party(registry, "Alfa AS"), party(registry, "Beta AS"), party(registry, "Drift AS")
    engagement(registry, processor, a, b)

    assert summary(review(registry, today=TODAY)) == {
        ("no-dpa", "high", ("Alfa AS", "Drift AS")),
        ("no-dpa", "high", ("Beta AS", "Drift AS")),
    }
    agreement(registry, a, processor)
    assert summary(review(registry, today=TODAY)) == {("no-dpa", "high", ("Beta AS", "Drift AS"))}


def test_no_dpa_when_one_joint_controller_keeps_the_data(registry: Registry) -> None:
    ours, partner = party(registry, "Vi AS"), party(registry, "Partner AS")
    engagement(registry, ours, ours, partner, purpose="shared register")
    # Joint controllers (Art. 26) need an arrangement between them, not an Art. 28 processor contract.
    assert review(registry, today=TODAY) == []


def test_no_dpa_not_for_in_house_processing(registry: Registry) -> None:
    us = party(registry, "Vi AS")
    engagement(registry, us, us, purpose="payroll")
    assert review(registry, today=TODAY) == []


@pytest.mark.parametrize(
    ("end", "flagged"),
    [(None, True), (TODAY + timedelta(days=30), True), (TODAY, True), (TODAY - timedelta(days=1), False)],
)
def test_no_dpa_not_for_ended_engagements(registry: Registry, end: date | None, flagged: bool) -> None:
    controller, processor = party(registry, "Kunde AS"), party(registry, "Drift AS")
    engagement(registry, processor, controller, end=end)
    assert bool(of(review(registry, today=TODAY), "no-dpa")) is flagged


@pytest.mark.parametrize(
    ("statuses", "state"),
    [
        ((), "none is on record"),
        (("draft",), "only a draft is on record"),
        (("sent",), "only a version sent for signing is on record"),
        (("draft", "sent"), "only a draft and a version sent for signing is on record"),
        (("draft", "signed"), None),
        (("signed",), None),
        (("terminated",), "the last one was terminated)"),
    ],
)
def test_no_dpa_until_a_signed_agreement_exists(
    registry: Registry, statuses: tuple[str, ...], state: str | None
) -> None:
    controller, processor = party(registry, "Kunde AS"), party(registry, "Drift AS")
    engagement(registry, processor, controller, purpose="lønn")
    for status in statuses:
        agreement(registry, controller, processor, status)

    flags = of(review(registry, today=TODAY), "no-dpa")
    if state is None:
        assert flags == []
    else:
        [flag] = flags
        assert state in flag.reason and "'lønn'" in flag.reason
        assert flag.reference == "GDPR Art. 28(3)"


def test_dpa_review_due_after_its_review_date(registry: Registry) -> None:
    controller, processor = party(registry, "Kunde AS"), party(registry, "Drift AS")
    engagement(registry, processor, controller)
    agreement(registry, controller, processor, signed=date(2024, 11, 21), review=TODAY)

    assert review(registry, today=TODAY) == []
    assert summary(review(registry, today=TODAY + timedelta(days=1))) == {
        ("dpa-review-due", "low", ("Kunde AS", "Drift AS"))
    }


# -- sub-processors -------------------------------------------------------------------------------------------

SIGNED = date(2026, 1, 10)


@pytest.fixture
def chain(registry: Registry) -> tuple[Registry, int, int]:
    """Kunde AS (controller) -> Drift AS (processor), with a DPA signed on SIGNED."""
    controller, processor = party(registry, "Kunde AS"), party(registry, "Drift AS")
    engagement(registry, processor, controller)
    agreement(registry, controller, processor, signed=SIGNED)
    return registry, controller, processor


def test_sub_processor_added_after_the_dpa_without_notice(chain: tuple[Registry, int, int]) -> None:
    registry, _, processor = chain
    recorded = link(registry, processor, party(registry, "Lagring AS"), since=date(2026, 3, 1), authorisation="general")

    [flag] = review(registry, today=TODAY)
    assert (flag.code, flag.severity) == ("subprocessor-after-dpa", "medium")
    assert flag.parties == ("Kunde AS", "Drift AS", "Lagring AS")
    assert flag.subject == ("link", recorded.id)
    assert "2026-03-01" in flag.reason and "2026-01-10" in flag.reason and "no notification" in flag.reason


def test_specific_authorisation_missing_says_no_approval(chain: tuple[Registry, int, int]) -> None:
    registry, _, processor = chain
    link(registry, processor, party(registry, "Lagring AS"), since=date(2026, 3, 1), authorisation="specific")
    [flag] = review(registry, today=TODAY)
    assert "no approval" in flag.reason


@pytest.mark.parametrize(
    ("since", "notified", "flagged"),
    [
        (date(2026, 3, 1), None, True),
        (date(2026, 3, 1), date(2026, 2, 1), False),  # the controller was told first
        (SIGNED, None, False),  # in place when the DPA was signed
        (date(2025, 6, 1), None, False),
    ],
)
def test_sub_processor_after_dpa_only_when_started_later_and_not_notified(
    chain: tuple[Registry, int, int], since: date, notified: date | None, flagged: bool
) -> None:
    registry, _, processor = chain
    link(registry, processor, party(registry, "Lagring AS"), since=since, notified=notified, authorisation="specific")
    assert bool(of(review(registry, today=TODAY), "subprocessor-after-dpa")) is flagged


def test_sub_processor_at_depth_two_is_flagged_too(chain: tuple[Registry, int, int]) -> None:
    registry, _, processor = chain
    hosting, datacentre = party(registry, "Hosting AS"), party(registry, "Datasenter AS")
    link(registry, processor, hosting, since=date(2025, 6, 1))
    link(registry, hosting, datacentre, since=date(2026, 4, 1))

    assert summary(review(registry, today=TODAY)) == {
        ("subprocessor-after-dpa", "medium", ("Kunde AS", "Drift AS", "Hosting AS", "Datasenter AS"))
    }


def test_only_a_signed_dpa_counts_for_sub_processor_changes(registry: Registry) -> None:
    controller, processor = party(registry, "Kunde AS"), party(registry, "Drift AS")
    engagement(registry, processor, controller)
    agreement(registry, controller, processor, "draft")
    link(registry, processor, party(registry, "Lagring AS"), since=date(2026, 3, 1))
    assert of(review(registry, today=TODAY), "subprocessor-after-dpa") == []


@pytest.mark.parametrize(
    ("days_ago", "authorisation", "settings", "closes"),
    [
        (10, "general", None, "2026-12-11"),
        (29, "general", None, "2026-11-22"),
        (31, "general", None, None),
        (10, "specific", None, None),  # nothing to object to: the controller approved it
        (10, "general", ReviewSettings(notice_days=14), "2026-11-25"),
        (20, "general", ReviewSettings(notice_days=14), None),
        (31, "general", ReviewSettings(notice_days=60), "2026-12-20"),
    ],
)
def test_objection_window_after_notice_of_a_new_sub_processor(
    chain: tuple[Registry, int, int],
    days_ago: int,
    authorisation: str,
    settings: ReviewSettings | None,
    closes: str | None,
) -> None:
    registry, _, processor = chain
    notified = TODAY - timedelta(days=days_ago)
    link(
        registry,
        processor,
        party(registry, "Lagring AS"),
        authorisation=authorisation,
        notified=notified,
        since=notified,
    )

    flags = of(review(registry, today=TODAY, settings=settings), "objection-window-open")
    if closes is None:
        assert flags == []
    else:
        [flag] = flags
        assert flag.severity == "low"
        assert flag.parties == ("Kunde AS", "Drift AS", "Lagring AS")
        assert closes in flag.reason and closes in flag.fix


def test_objection_window_is_open_on_its_last_day(chain: tuple[Registry, int, int]) -> None:
    registry, _, processor = chain
    notified = TODAY - timedelta(days=30)  # 2026-10-22, 30 days' notice: "may object until 2026-11-21"
    link(registry, processor, party(registry, "Lagring AS"), authorisation="general", notified=notified, since=notified)
    assert of(review(registry, today=TODAY - timedelta(days=1)), "objection-window-open")  # the day before: open
    assert of(review(registry, today=TODAY), "objection-window-open")


def test_a_loop_in_the_chain_is_refused_but_a_hand_edited_one_is_flagged(registry: Registry) -> None:
    a, b, c = party(registry, "Alfa AS"), party(registry, "Beta AS"), party(registry, "Gamma AS")
    link(registry, a, b)
    link(registry, b, c)
    with pytest.raises(Conflict, match="loop"):
        link(registry, c, a)
    # As if someone had edited the registry file by hand.
    with registry.change(ACTOR) as w:
        w.insert(SubprocessorLink(processor=c, sub=a, service="support", countries=["NO"], added=TODAY))

    flags = review(registry, today=TODAY)
    [cycle] = of(flags, "chain-cycle")
    assert cycle.severity == "high"
    assert set(cycle.parties) == {"Alfa AS", "Beta AS", "Gamma AS"}
    assert "Alfa AS → Beta AS → Gamma AS → Alfa AS" in cycle.reason
    assert summary(flags) == summary(flags, "chain-cycle")


def test_each_loop_is_flagged_once(registry: Registry) -> None:
    a, b, c, d = (party(registry, name) for name in ("Alfa AS", "Beta AS", "Gamma AS", "Delta AS"))
    with registry.change(ACTOR) as w:
        for processor, sub in ((a, b), (b, a), (c, d), (d, c), (b, c)):
            w.insert(SubprocessorLink(processor=processor, sub=sub, countries=["NO"], added=TODAY))
    # A sub-processor chain that loops must not make the other rules loop either.
    agreement(registry, a, b, signed=date(2020, 1, 1))

    cycles = {frozenset(f.parties) for f in of(review(registry, today=TODAY), "chain-cycle")}
    assert cycles == {frozenset({"Alfa AS", "Beta AS"}), frozenset({"Gamma AS", "Delta AS"})}


# -- filtering and output --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("severity", "expected"),
    [
        ("high", {"high"}),
        ("medium", {"high", "medium"}),
        ("low", {"high", "medium", "low"}),
        (None, {"high", "medium", "low"}),
    ],
)
def test_filter_by_severity_keeps_at_least_as_severe(demo: Registry, severity: str | None, expected: set[str]) -> None:
    flags = review(demo, today=TODAY)
    kept = filter_flags(flags, severity=severity)
    assert {f.severity for f in kept} == expected
    assert kept == [f for f in flags if f.severity in expected]


def test_filter_by_parties(demo: Registry) -> None:
    flags = review(demo, today=TODAY)
    hubspot = demo.find_party("HubSpot").id
    septer = demo.find_party("Septer").id
    assert hubspot is not None and septer is not None

    touching_hubspot = filter_flags(flags, party_ids={hubspot})
    assert {f.code for f in touching_hubspot} == {"privacy-shield", "mechanism-unverified", "tia-missing", "no-dpa"}
    assert all(HUBSPOT in f.parties for f in touching_hubspot)
    assert len(filter_flags(flags, party_ids={hubspot, septer})) == 5
    assert filter_flags(flags, party_ids=set()) == []
    assert summary(filter_flags(flags, severity="high", party_ids={septer})) == {
        ("no-dpa", "high", (NORDLYS, SEPTER)),
        ("no-dpa", "high", (SEPTER, HUBSPOT)),
    }


def test_to_json_has_exactly_the_published_fields(demo: Registry) -> None:
    flags = review(demo, today=TODAY)
    assert flags
    for flag in flags:
        data = flag.to_json()
        assert set(data) == {"code", "severity", "parties", "reason", "reference", "fix"}
        assert data["severity"] in SEVERITIES
        assert data["parties"] == list(flag.parties) and all(isinstance(p, str) and p for p in data["parties"])
        assert all(isinstance(data[k], str) and data[k] for k in ("code", "reason", "reference", "fix"))


def test_records_kept_for_rules_follow_every_write_rollback_and_other_process(registry, tmp_path, fixed_now):
    """review's snapshot reuses records made once; they must always equal what is stored."""

    def same() -> None:
        with registry.reading():
            for cls in (Party, Engagement, Transfer):
                assert [r.to_doc() | {"id": r.id} for r in registry.materialised(cls)] == [
                    r.to_doc() | {"id": r.id} for r in registry.all(cls)
                ]

    actor = Actor("t", "test")
    with registry.change(actor) as w:
        a = w.insert(Party(name="A AS", country="NO"))
        b = w.insert(Party(name="B Inc", country="US"))
    same()
    with registry.change(actor) as w:
        w.update(registry.get(Party, a.id), {"email": "p@a.no"})
        w.insert(Engagement(processor=b.id, controllers=[a.id], purpose="hosting"))
        t = w.insert(Transfer(exporter=a.id, importer=b.id, country="US", mechanism="dpf"))
    same()
    try:
        with registry.change(actor) as w:
            w.remove(registry.get(Transfer, t.id))
            w.update(registry.get(Party, b.id), {"name": "Renamed Inc"})
            raise RegistryError("refused after writing: everything is undone")
    except RegistryError:
        pass
    same()
    with registry.reading():
        assert registry.get(Party, b.id).name == "B Inc" and registry.materialised(Transfer)
    again = another_store(registry.store)
    if again is not None:  # another process (here: another store on the file or database) commits
        other = Registry(again, clock=lambda: fixed_now)
        with other.change(actor) as w:
            w.update(other.get(Party, a.id), {"email": "new@a.no"})
        other.store.close()
        same()
        with registry.reading():
            assert [p.email for p in registry.materialised(Party) if p.id == a.id] == ["new@a.no"]


# -- flags kept until a relation changes ---------------------------------------------------------------------


def test_flags_are_kept_across_changes_that_cannot_alter_them(registry: Registry) -> None:
    kunde, drift = party(registry, "Kunde AS"), party(registry, "Drift AS", "US")
    engagement(registry, drift, kunde)
    first = review(registry, today=TODAY)
    party(registry, "Ny AS")  # nothing refers to it: no flag can change
    again = review(registry, today=TODAY)
    assert again == first and all(a is b for a, b in zip(again, first, strict=True))  # not recomputed


def test_flags_follow_a_renamed_party_a_relation_to_a_new_party_and_a_rollback(registry: Registry) -> None:
    kunde, drift = party(registry, "Kunde AS"), party(registry, "Drift AS")
    engagement(registry, drift, kunde)
    assert summary(review(registry, today=TODAY), "no-dpa") == {("no-dpa", "high", ("Kunde AS", "Drift AS"))}

    with registry.change(ACTOR) as w:
        w.update(registry.get(Party, drift), {"name": "Drift Norge AS"})
    assert summary(review(registry, today=TODAY), "no-dpa") == {("no-dpa", "high", ("Kunde AS", "Drift Norge AS"))}

    ny = party(registry, "Ny AS")
    review(registry, today=TODAY)
    engagement(registry, ny, kunde)
    assert ("no-dpa", "high", ("Kunde AS", "Ny AS")) in summary(review(registry, today=TODAY))

    with pytest.raises(RegistryError), registry.change(ACTOR) as w:
        w.update(registry.get(Party, ny), {"name": "Angret AS"})
        assert ("no-dpa", "high", ("Kunde AS", "Angret AS")) in summary(review(registry, today=TODAY))
        raise RegistryError("refused after writing: everything is undone")
    assert ("no-dpa", "high", ("Kunde AS", "Ny AS")) in summary(review(registry, today=TODAY))


def test_a_party_added_where_a_hand_edited_relation_points_is_named_at_once(registry: Registry) -> None:
    kunde = party(registry, "Kunde AS")
    with registry.store.transaction():  # edited by hand, past the registry's checks: the importer does not exist (yet)
        transfer = Transfer(exporter=kunde, importer=kunde + 1, country="US", mechanism="privacy-shield")
        registry.store.table(Transfer.table).insert(transfer.to_doc())
    registry = Registry(registry.store, clock=registry.clock)  # the bot opening the edited file
    assert of(review(registry, today=TODAY), "privacy-shield")[0].parties == (
        "Kunde AS",
        f"(missing party {kunde + 1})",
    )
    assert party(registry, "Importør Inc", "US") == kunde + 1
    assert of(review(registry, today=TODAY), "privacy-shield")[0].parties == ("Kunde AS", "Importør Inc")


# -- chains computed in one pass ----------------------------------------------------------------------------


def reachable(edges: list[tuple[int, int]], start: int) -> set[int]:
    """Every party below `start`, found by a plain walk over the edges (the test's own, independent reading)."""
    found: set[int] = set()
    todo = [sub for processor, sub in edges if processor == start]
    while todo:
        node = todo.pop()
        if node not in found:
            found.add(node)
            todo += [sub for processor, sub in edges if processor == node]
    return found


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 8), st.integers(1, 8)).filter(lambda e: e[0] != e[1]), max_size=20))
def test_every_processor_sees_its_whole_chain_shared_parts_and_loops_included(edges: list[tuple[int, int]]) -> None:
    snap = Snapshot(
        parties={i: Party(id=i, name=f"P{i}") for i in range(1, 9)},
        engagements=[],
        links=[SubprocessorLink(id=n, processor=p, sub=s) for n, (p, s) in enumerate(edges, 1)],
        transfers=[],
        agreements=[],
    )
    for link in snap.links:
        snap.subs_of[link.processor].append(link)
    for processor in range(1, 9):
        assert set(snap.below(processor)) == reachable(edges, processor)
        assert {link.sub for link in snap.chain(processor)} == reachable(edges, processor)


@pytest.mark.parametrize("seed", [7, 8, 9, 10])
def test_after_any_sequence_of_changes_the_review_equals_one_worked_out_afresh(registry: Registry, seed: int) -> None:
    """The review reuses the last one's flags for whatever a change did not touch (its memo); a registry object
    opened afresh on the same file has no memo. Both must always give the very same flags."""
    rng = random.Random(seed)
    ids = [party(registry, f"Part {i} AS", rng.choice(["NO", "US", "IN", "GB"])) for i in range(6)]

    def some_day() -> date:
        return date(2019, 1, 1) + timedelta(days=rng.randrange(2900))

    def change(w: Any) -> None:
        a, b = rng.sample(ids, 2)
        match rng.randrange(9):
            case 0:
                w.update(registry.get(Party, a), {"name": f"Part {a} renamed {rng.randrange(10**6)} AS"})
            case 1:
                w.update(registry.get(Party, a), {"dpf": rng.choice([True, False, None]), "dpf_checked": some_day()})
            case 2:
                w.insert(Engagement(processor=a, controllers=[b], purpose=rng.choice(["hosting", "payroll"])))
            case 3:
                w.insert(
                    SubprocessorLink(processor=a, sub=b, countries=[rng.choice(["NO", "US", "IN"])], added=some_day())
                )
            case 4:
                mechanism = rng.choice(["scc-2021", "dpf", "privacy-shield", "art49", "none", "scc-unknown"])
                w.insert(
                    Transfer(
                        exporter=a,
                        importer=b,
                        country=rng.choice(["US", "IN"]),
                        mechanism=mechanism,
                        module=rng.choice([None, 1, 2, 3]),
                        tia=rng.choice([None, some_day()]),
                        added=some_day(),
                    )
                )
            case 5:
                w.insert(
                    Agreement(
                        controller=a,
                        processor=b,
                        status=rng.choice(["signed", "draft"]),
                        signed=some_day(),
                        review=some_day(),
                    )
                )
            case 6 | 7:  # remove or change some relation
                cls = rng.choice([Engagement, SubprocessorLink, Transfer, Agreement])
                records = registry.all(cls)
                if records and rng.random() < 0.5:
                    w.remove(rng.choice(records))
                elif records and cls is SubprocessorLink:
                    w.update(
                        rng.choice(records), {"notified": rng.choice([None, some_day()]), "authorisation": "general"}
                    )
                elif records and cls is Agreement:
                    w.update(rng.choice(records), {"status": rng.choice(["signed", "draft", "terminated"])})
            case _:
                w.insert(Party(name=f"Unrelated {rng.randrange(10**9)} AS", country="NO"))

    for _ in range(120):
        if rng.random() < 0.1:
            with contextlib.suppress(RegistryError), registry.change(ACTOR) as w:
                change(w)
                raise RegistryError("undone")
        else:
            with registry.change(ACTOR) as w:
                change(w)
        today = TODAY + timedelta(days=rng.choice([0, 0, 0, 400]))
        afresh = review(Registry(registry.store, clock=registry.clock), today=today)
        assert review(registry, today=today) == afresh


def test_renaming_any_party_renames_it_in_every_flag_at_once(registry: Registry) -> None:
    """Each rule's flags name parties from several records: a rename must reach all of them, however the flag
    came about (a recorded transfer, an implied one, a missing DPA, a late sub-processor, a review date)."""
    kunde, drift, lager, usa = (
        party(registry, n, c)
        for n, c in [("Kunde AS", "NO"), ("Drift AS", "NO"), ("Lager AS", "NO"), ("Sky Inc", "US")]
    )
    engagement(registry, drift, kunde)
    agreement(registry, kunde, drift, signed=date(2024, 1, 10), review=date(2025, 1, 10))
    engagement(registry, usa, kunde)  # no DPA; established in the US with no transfer recorded
    link(registry, drift, lager, since=date(2025, 3, 1))  # after the DPA, no notice
    link(registry, lager, usa, since=date(2025, 4, 1), countries=["IN"])  # no transfer to India recorded
    transfer(registry, drift, usa, "US", "privacy-shield", since=date(2025, 4, 1))
    codes = {f.code for f in review(registry, today=TODAY)}
    assert {"no-dpa", "subprocessor-after-dpa", "dpa-review-due", "privacy-shield", "no-mechanism"} <= codes
    for pid in (kunde, drift, lager, usa):
        old = registry.get(Party, pid).name
        with registry.change(ACTOR) as w:
            w.update(registry.get(Party, pid), {"name": f"Nytt navn {pid} AS"})
        flags = review(registry, today=TODAY)
        assert not [f for f in flags if old in f.parties or old in f.reason or old in f.fix]
        assert flags == review(Registry(registry.store, clock=registry.clock), today=TODAY)
