"""`review` and `chain` as the DPO uses them: text to read, JSON to script against."""

from __future__ import annotations

import pytest

from chat import Context, Services, dispatch
from registry.demo import load_demo
from registry.registry import Actor, Registry
from registry.review import ReviewSettings

FIELDS = {"code", "severity", "parties", "reason", "reference", "fix"}


@pytest.fixture
def run(registry: Registry):
    load_demo(registry, Actor("setup", "demo"))
    services = Services(registry=registry)

    def run(line: str, *, ok: bool = True):
        reply = dispatch(Context(services=services, user="U_DPO", line=line), line)
        assert reply.ok is ok, reply.text
        return reply

    return run


def test_review_lists_every_flag_most_severe_first_with_reason_reference_fix(run):
    reply = run("review")
    flags = reply.data["flags"]
    assert all(set(f) == FIELDS for f in flags)
    severities = [f["severity"] for f in flags]
    assert severities == sorted(severities, key=["high", "medium", "low"].index)
    shield = next(f for f in flags if f["code"] == "privacy-shield")
    assert shield["parties"] == ["HubSpot, Inc.", "Amazon Web Services, Inc."]
    assert "C-311/18" in shield["reference"] and "Data Privacy Framework" in shield["fix"]
    assert reply.text.startswith(f"{len(flags)} open flags: ")
    assert "Fix:" in reply.text and "Ref:" in reply.text


def test_review_by_severity_and_party(run):
    high = run("review high").data["flags"]
    assert high and {f["severity"] for f in high} == {"high"}
    medium = run("review medium").data["flags"]
    assert {f["severity"] for f in medium} == {"high", "medium"}
    septer = run("review Septer").data["flags"]
    codes = {f["code"] for f in septer}
    # Septer's own flags and those down its chain (HubSpot, AWS)
    assert {"privacy-shield", "mechanism-unverified", "no-dpa"} <= codes
    assert all(
        any(p in f["parties"] for p in ("Septer AS", "HubSpot, Inc.", "Amazon Web Services, Inc.")) for f in septer
    )
    assert run("review low Netsecurity").text == "No open flags (low and above about Netsecurity). 👍"


def test_review_bad_input(run):
    assert "No party matches" in run("review Nobody", ok=False).text
    assert "Too many words" in run("review high Septer HubSpot", ok=False).text
    assert "No such page" in run("review page=9", ok=False).text


def test_fixing_a_flag_clears_it(run):
    run("transfer add HubSpot AWS country=US mechanism=dpf")
    run("party set AWS dpf=yes dpf-checked=2026-11-01")
    codes = {f["code"] for f in run("review HubSpot").data["flags"]}
    assert "privacy-shield" not in codes


def test_chain_shows_flags_on_every_ancestor(run):
    reply = run("chain Septer")
    lines = reply.text.splitlines()
    assert lines[0].startswith("Septer AS (NO)") and "privacy-shield" in lines[0]
    hubspot = next(line for line in lines if "HubSpot, Inc." in line and "processor" in line)
    assert "⚠ below: privacy-shield" in hubspot
    aws = next(line for line in lines if line.lstrip("│ ").startswith(("├─ Amazon", "└─ Amazon")))
    assert "processes in US" in aws and "EU-US Privacy Shield" in aws
    tree = reply.data["chain"]
    [hub] = tree["children"]
    assert hub["relation"] == "processor" and "privacy-shield" in hub["flags_below"]
    aws_node = next(c for c in hub["children"] if c["party"] == "Amazon Web Services, Inc.")
    assert [f["code"] for f in aws_node["flags"]] == ["privacy-shield"]
    assert {f["code"] for f in reply.data["flags"]} >= {"privacy-shield", "mechanism-unverified"}


def test_chain_of_a_party_without_processors(run):
    reply = run("chain Bergfjell")
    assert "has no processors or sub-processors on record" in reply.text


def test_review_settings_are_used(registry: Registry):
    load_demo(registry, Actor("setup", "demo"))
    registry_line = "transfer add Nordlys Northwind country=US mechanism=scc-2021 module=2 tia=2026-07-01"
    strict = Services(registry=registry, review=ReviewSettings(tia_months=3))
    ctx = Context(services=strict, user="U", line=registry_line)
    dispatch(ctx, registry_line)
    codes = {f["code"] for f in dispatch(ctx, "review Northwind").data["flags"]}
    assert "tia-missing" in codes
    relaxed = Context(services=Services(registry=registry), user="U", line="review Northwind")
    assert "tia-missing" not in {f["code"] for f in dispatch(relaxed, "review Northwind").data["flags"]}
