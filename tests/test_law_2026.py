"""Issue 15, the law as of December 2026, as the privacy team meets it: through `transfer add`, `party add`,
`review` and `law` (the rules themselves are tested row by row in test_review_transfers.py)."""

from __future__ import annotations

import pytest

from chat import Context, Services, dispatch
from registry.demo import load_demo
from registry.registry import Actor, Registry


@pytest.fixture
def run(registry: Registry):
    services = Services(registry=registry)

    def run(line: str, *, ok: bool = True, user: str = "U_DPO"):
        reply = dispatch(Context(services=services, user=user, line=line), line)
        assert reply.ok is ok, reply.text
        return reply

    run('party add "Nordlys Eiendomsdrift AS" orgnr=921183739 self=yes')
    return run


def flags(run, name: str) -> list[dict]:
    return run(f'review "{name}"').data["flags"]


def codes(run, name: str) -> set[tuple[str, str]]:
    return {(f["code"], f["severity"]) for f in flags(run, name)}


def test_a_japanese_non_profit_is_covered(run) -> None:
    run('party add "Tokyo Heritage Foundation" country=JP sector=non-profit')
    run('transfer add Nordlys "Tokyo Heritage" country=JP mechanism=adequacy')
    assert codes(run, "Tokyo Heritage") == set()


def test_a_japanese_importer_of_unknown_sector_gets_a_low_check_of_the_scope(run) -> None:
    run('party add "Osaka Systems KK" country=JP')
    run("transfer add Nordlys Osaka country=JP mechanism=adequacy")
    [flag] = flags(run, "Osaka")
    assert (flag["code"], flag["severity"]) == ("adequacy-check", "low")
    assert "whether or not for profit" in flag["reason"] and "check the scope" in flag["reason"]


def test_a_canadian_non_profit_is_outside_pipeda(run) -> None:
    run('party add "Maple Charity Society" country=CA sector=non-profit')
    run("transfer add Nordlys Maple country=CA mechanism=adequacy")
    [flag] = flags(run, "Maple")
    assert (flag["code"], flag["severity"]) == ("adequacy-not-applicable", "high")
    assert "PIPEDA" in flag["reason"] and "non-profit" in flag["reason"]
    assert "EU date 2001-12-20 applied" in flag["reference"]


def test_a_dpf_only_us_transfer_gets_the_medium_notice_with_its_fallback(run) -> None:
    run('party add "Certified Cloud Inc." country=US dpf=yes dpf-checked=2026-11-01')
    run("transfer add Nordlys Certified country=US mechanism=dpf")
    [flag] = flags(run, "Certified")
    assert (flag["code"], flag["severity"]) == ("dpf-at-risk", "medium")
    assert "It is valid" in flag["reason"] and "C-703/25 P" in flag["reason"]
    assert "2021/914" in flag["fix"] and "TIA" in flag["fix"]
    # A fallback TIA made before Trump v. Slaughter must be redone.
    run("transfer add Nordlys Certified country=US mechanism=dpf tia=2026-03-01")
    [flag] = flags(run, "Certified")
    assert "predates 29 Jun 2026" in flag["fix"]


def test_a_regular_art49_transfer_is_flagged_whatever_the_roles(run) -> None:
    run('party add "Partner Ltd" country=IN')
    run("transfer add Nordlys Partner country=IN mechanism=art49 regular=yes")
    [flag] = flags(run, "Partner")
    assert (flag["code"], flag["severity"]) == ("art49-regular", "medium")
    assert "occasional" in flag["reason"]
    run('party add "Other Partner Ltd" country=IN')
    run('transfer add Nordlys "Other Partner" country=IN mechanism=art49')
    [flag] = flags(run, "Other Partner")
    assert "not recorded" in flag["reason"] and "regular=" in flag["fix"]
    reply = run("transfer add Nordlys Partner country=IN mechanism=art49 regular=no")
    assert reply.data["transfer"]["regular"] is False
    assert flags(run, "Partner") == []


def test_a_transfer_to_the_european_patent_organisation_is_adequate_wherever_it_sits(run) -> None:
    run('party add "European Patent Organisation" country=DE sector=international aliases=EPO')
    run("transfer add Nordlys EPO country=DE mechanism=adequacy")
    assert flags(run, "EPO") == []
    # Any other party in the EEA is not a transfer destination.
    run('party add "Berlin GmbH" country=DE')
    reply = run("transfer add Nordlys Berlin country=DE mechanism=adequacy", ok=False)
    assert "in the EEA" in reply.text


def test_an_art_3_2_importer_is_not_told_to_sign_2021_914(run) -> None:
    run('party add "Global Shop Pte" country=SG gdpr-applies=yes')
    run("transfer add Nordlys Global country=SG mechanism=none")
    [flag] = flags(run, "Global")
    assert flag["code"] == "no-mechanism"
    # 2021/914 is named only to say it does not fit.
    assert flag["fix"].count("2021/914") == flag["fix"].count("2021/914 do not fit") == 1
    assert "not adopted" in flag["fix"] and "Art. 28" in flag["fix"]


def test_review_on_the_demo_shows_the_new_notices(registry: Registry) -> None:
    load_demo(registry, Actor("setup", "demo"))
    line = "review"
    reply = dispatch(Context(services=Services(registry=registry), user="U_DPO", line=line), line)
    found = {(f["code"], tuple(f["parties"])) for f in reply.data["flags"]}
    assert ("dpf-at-risk", ("Nordlys Eiendomsdrift AS", "Slack Technologies, LLC")) in found
    assert ("tia-missing", ("Nordlys Eiendomsdrift AS", "Northwind Helpdesk, Inc.")) in found
    assert "Trump v. Slaughter" in reply.text


def test_law_lists_rules_decisions_and_what_is_pending_with_checked_dates(run) -> None:
    reply = run("law", user="U_ANYONE")
    text = reply.text
    for expected in (
        "dpf-at-risk",
        "art49-regular",
        "art3-2-importer",
        "Decision (EU) 2019/419",
        "whether or not for profit",
        "PIPEDA",
        "Decision (EU) 2025/1382",
        "Decision (EU) 2026/179",
        "EEA incorporation pending",
        "renewal of 19 Dec 2025",
        "C-703/25 P",
        "COM(2025) 837",
        "a proposal, not law",
    ):
        assert expected in text, expected
    assert "checked 2026-12-05" in text
    data = reply.data
    for section in ("rules", "adequacy", "mechanisms", "pending"):
        assert data[section] and all(item["checked"] and item["source"] for item in data[section]), section
    codes = {r["code"] for r in data["rules"]}
    assert {"privacy-shield", "scc-legacy", "no-dpa", "chain-cycle"} <= codes


def test_the_digital_omnibus_is_never_called_law() -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    for path in [*root.glob("registry/*.py"), *root.glob("chat/*.py"), root / "README.md"]:
        text = path.read_text(encoding="utf-8")
        if "837" in text and "Omnibus" in text:
            assert "proposal" in text, path
