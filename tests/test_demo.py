"""The demo registry: the seed policies' facts, every kind of relation, and the empty-registry guard."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from registry.delivery_records import channel_of
from registry.demo import load_demo
from registry.errors import Conflict
from registry.export import art30_rows, export_csv
from registry.models import Agreement, AuditEvent, DeliveryRoute, Engagement, Party, SubprocessorLink, Transfer
from registry.parties import add_party
from registry.registry import Actor, Registry
from registry.relations import check_transfer
from registry.store import Store
from registry.validate import orgnr_checksum_ok
from registry.views import counts, party_view

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
ACTOR = Actor(user="console:demo", command="demo load")


@pytest.fixture(params=["memory", "file"])
def reg(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Registry]:
    store = Store(None if request.param == "memory" else tmp_path / "registry.json")
    yield Registry(store, clock=lambda: NOW)
    store.close()


@pytest.fixture
def demo(reg: Registry) -> Registry:
    load_demo(reg, ACTOR)
    return reg


def _engagements(reg: Registry, processor: Party, controller: Party) -> list[Engagement]:
    return [e for e in reg.all(Engagement) if e.processor == processor.id and controller.id in e.controllers]


def _depth(reg: Registry, processor_id: int) -> int:
    """Length of the longest sub-processor chain below a processor."""
    links = [s for s in reg.all(SubprocessorLink) if s.processor == processor_id]
    return max((1 + _depth(reg, s.sub) for s in links), default=0)


def test_returns_counts_matching_the_registry(reg: Registry) -> None:
    result = load_demo(reg, ACTOR)
    assert result == counts(reg)
    assert all(n > 0 for n in result.values())


@pytest.mark.parametrize(
    ("name", "email"),
    [
        ("Semac", "post@semac.no"),
        ("SE-gruppen", "mininfo@se-gruppen.no"),
        ("Septer AS", "septer@septer.no"),
        ("IWMAC AS", "privacy@iwmac.no"),
        ("Netsecurity", "personvern@netsecurity.no"),
    ],
)
def test_seed_companies_with_their_contacts(demo: Registry, name: str, email: str) -> None:
    party = demo.find_party(name)
    assert party.name == name
    assert party.email == email
    assert party.country == "NO"


def test_septer_details(demo: Registry) -> None:
    septer = demo.find_party("Septer")
    assert septer.orgnr == "921183739"
    assert orgnr_checksum_ok(septer.orgnr)
    assert septer.address == "Brugata 7, 2380 Brumunddal"
    assert septer.dpo == "personvernombud@septer.no"


def test_only_septer_and_we_have_org_numbers(demo: Registry) -> None:
    with_orgnr = {p.name for p in demo.all(Party) if p.orgnr}
    assert with_orgnr == {"Septer AS", "Nordlys Eiendomsdrift AS"}


def test_semac_uses_avarn_security_dpo(demo: Registry) -> None:
    semac = demo.find_party("Semac")
    avarn = demo.find_party("Avarn Security")
    assert semac.address == "Alf Bjerckes vei 1, PB 34 Vollebekk, 0516 Oslo"
    assert semac.dpo_of == avarn.id
    assert avarn.dpo is None  # the policy gives no DPO address
    assert party_view(demo, avarn).serves_as_group_dpo_for == [semac]


def test_iwmac_is_processor_for_us_and_controller_in_house(demo: Registry) -> None:
    iwmac = demo.find_party("IWMAC")
    assert iwmac.name == "IWMAC AS"
    assert iwmac.dpo == "privacy@iwmac.no"
    us = demo.self_party()
    assert us is not None
    for_us = _engagements(demo, iwmac, us)
    assert len(for_us) == 1
    assert "lydopptak fra Alarm Center" in for_us[0].data
    in_house = _engagements(demo, iwmac, iwmac)
    assert in_house and all(e.in_house for e in in_house)
    assert set(party_view(demo, iwmac).roles) >= {"controller", "processor"}


@pytest.mark.parametrize("name", ["Semac", "Netsecurity", "Septer"])
def test_supplier_is_controller_in_house_and_processor_for_us(demo: Registry, name: str) -> None:
    party = demo.find_party(name)
    us = demo.self_party()
    assert us is not None
    assert _engagements(demo, party, us)
    assert _engagements(demo, party, party)


def test_se_gruppen_controller_and_joint_controller_with_us(demo: Registry) -> None:
    se = demo.find_party("SE-gruppen")
    us = demo.self_party()
    assert us is not None
    own = _engagements(demo, se, se)
    assert len(own) == 1
    assert all(part in (own[0].basis or "") for part in ("6(1)(a)", "(b)", "(c)"))
    joint = [e for e in demo.all(Engagement) if len(e.controllers) >= 2]
    assert len(joint) == 1
    assert set(joint[0].controllers) == {us.id, se.id}


def test_semac_retention_3_to_24_months(demo: Registry) -> None:
    semac = demo.find_party("Semac")
    (own,) = _engagements(demo, semac, semac)
    assert "3" in (own.retention or "") and "24 måneder" in (own.retention or "")


def test_septer_crm_on_hubspot(demo: Registry) -> None:
    septer = demo.find_party("Septer")
    hubspot = demo.find_party("HubSpot")
    assert hubspot.country == "US"
    (crm,) = _engagements(demo, hubspot, septer)
    assert crm.controllers == [septer.id]
    assert {"kontaktnavn", "tittel", "beliggenhet", "firmaets kontaktinformasjon"} <= set(crm.data)
    subs = {demo.name_of(s.sub): s.countries for s in demo.all(SubprocessorLink) if s.processor == hubspot.id}
    assert subs == {"Amazon Web Services, Inc.": ["US"], "Google LLC": ["IE"]}
    assert demo.find_party("Google Cloud Platform").country == "US"
    assert demo.find_party("AWS").country == "US"


def test_hubspot_to_aws_under_privacy_shield(demo: Registry) -> None:
    hubspot, aws = demo.find_party("HubSpot"), demo.find_party("AWS")
    (transfer,) = [t for t in demo.all(Transfer) if t.exporter == hubspot.id]
    assert (transfer.importer, transfer.country, transfer.mechanism) == (aws.id, "US", "privacy-shield")
    assert "Privacy Shield" in (transfer.note or "")


def test_septers_unversioned_scc_claim_is_recorded_as_such(demo: Registry) -> None:
    septer, hubspot = demo.find_party("Septer"), demo.find_party("HubSpot")
    (transfer,) = [t for t in demo.all(Transfer) if t.exporter == septer.id]
    assert (transfer.importer, transfer.country, transfer.mechanism) == (hubspot.id, "US", "scc-unknown")
    assert "standard avtaleklausuler" in (transfer.note or "")


def test_scc_and_dpf_transfers(demo: Registry) -> None:
    us = demo.self_party()
    assert us is not None
    (scc,) = [t for t in demo.all(Transfer) if t.mechanism == "scc-2021"]
    assert scc.module == 2 and scc.tia is not None
    # Module 2 is controller to processor: the importer must process for the exporter.
    assert _engagements(demo, demo.get(Party, scc.importer), demo.get(Party, scc.exporter))
    (dpf,) = [t for t in demo.all(Transfer) if t.mechanism == "dpf"]
    importer = demo.get(Party, dpf.importer)
    assert importer.dpf is True and importer.dpf_checked is not None
    for transfer in demo.all(Transfer):
        check_transfer(transfer)


def test_subprocessor_chain_of_depth_two(demo: Registry) -> None:
    iwmac = demo.find_party("IWMAC")
    assert _depth(demo, iwmac.id) >= 2


def test_exactly_one_self_party(demo: Registry) -> None:
    own = [p for p in demo.all(Party) if p.is_self]
    assert len(own) == 1
    us = own[0]
    assert us.name == "Nordlys Eiendomsdrift AS"
    assert us.orgnr is not None and orgnr_checksum_ok(us.orgnr)
    assert us.email and us.dpo and channel_of(demo, us.id) == "#personvern"


def test_agreements_cover_each_review_situation(demo: Registry) -> None:
    today = NOW.date()
    agreements = demo.all(Agreement)
    signed = [a for a in agreements if a.status == "signed"]
    assert all(a.signed is not None and a.review is not None for a in signed)
    assert any(a.review < today for a in signed)  # type: ignore[operator]
    assert any(a.review > today for a in signed)  # type: ignore[operator]
    assert any(a.status == "draft" and a.signed is None for a in agreements)
    pairs = {(a.controller, a.processor) for a in agreements}
    us = demo.self_party()
    assert us is not None
    uncovered = [
        e
        for e in demo.all(Engagement)
        if us.id in e.controllers and not e.in_house and (us.id, e.processor) not in pairs
    ]
    assert [demo.name_of(e.processor) for e in uncovered] == ["Septer AS"]


def test_engagements_are_filled_in(demo: Registry) -> None:
    for e in demo.all(Engagement):
        assert e.purpose and e.data and e.subjects and e.retention and e.basis, e


def test_dates_are_fixed(reg: Registry) -> None:
    other = Registry(Store(None), clock=lambda: datetime(2030, 1, 1, tzinfo=UTC))
    load_demo(reg, ACTOR)
    load_demo(other, ACTOR)
    for cls in (Engagement, SubprocessorLink, Transfer, Agreement):
        assert [r.to_doc() for r in reg.all(cls)] == [r.to_doc() for r in other.all(cls)]
    assert all(t.added == date(2024, 6, 1) for t in reg.all(Transfer) if t.mechanism == "privacy-shield")


def test_every_insert_is_audited(reg: Registry) -> None:
    result = load_demo(reg, ACTOR)
    events = reg.all(AuditEvent)
    assert len(events) == sum(result.values()) + 1  # and our privacy channel's route
    assert {(e.who, e.command, e.action) for e in events} == {(ACTOR.user, ACTOR.command, "add")}
    recorded = {
        (cls.table, r.id)
        for cls in (Party, Engagement, SubprocessorLink, Transfer, Agreement, DeliveryRoute)
        for r in reg.all(cls)
    }
    assert {(e.kind, e.record) for e in events} == recorded


def test_loading_twice_is_refused_and_changes_nothing(reg: Registry) -> None:
    first = load_demo(reg, ACTOR)
    audit = reg.count(AuditEvent)
    with pytest.raises(Conflict, match=rf"empty registry.*{first['parties']} parties"):
        load_demo(reg, ACTOR)
    assert counts(reg) == first
    assert reg.count(AuditEvent) == audit


def test_refused_when_any_party_exists(reg: Registry) -> None:
    add_party(reg, ACTOR, Party(name="Acme AS", country="NO"))
    with pytest.raises(Conflict, match="already has 1 party"):
        load_demo(reg, ACTOR)
    assert [p.name for p in reg.all(Party)] == ["Acme AS"]
    assert counts(reg)["engagements"] == 0


def test_art30_export_runs_on_the_demo(demo: Registry) -> None:
    csv_text = export_csv(art30_rows(demo))
    assert "Nordlys Eiendomsdrift AS" in csv_text
    assert "EU-US Privacy Shield (Decision 2016/1250, invalidated by the CJEU" in csv_text  # spelled out, not a code
