"""import policy / csv / apply / discard through dispatch: proposals first, nothing written before apply,
applying twice changes nothing, and what a vendor list of thousands of rows costs."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from docx import Document
from shared_seeds import SEEDS, needs_seeds

from chat import Context, Services, dispatch
from registry.export import export_json
from registry.models import Engagement, Party, Proposal, SubprocessorLink, Transfer
from registry.registry import Registry
from registry.review import review

SEPTER = SEEDS / "002_9f72d7fa25a67a03.txt"


@pytest.fixture
def run(registry: Registry):
    services = Services(registry=registry)

    def run(line: str, *, ok: bool = True, local: bool = True):
        reply = dispatch(Context(services=services, user="U_DPO", line=line, local=local), line)
        assert reply.ok is ok, reply.text
        return reply

    run('party add "Nordlys Eiendomsdrift AS" orgnr=925813745 self=yes email=personvern@nordlys.example')
    return run


def registry_state(registry: Registry) -> str:
    with registry.reading():
        data = export_json(registry)
    data.pop("audit")
    data.pop("proposals")
    data.pop("next_ids")  # counts the proposals and audit events too
    return json.dumps(data, sort_keys=True, default=str)


def items_of(reply, kind: str) -> list[dict]:
    return [i for i in reply.data["items"] if i["kind"] == kind]


# -- a privacy policy ---------------------------------------------------------------------------------------


@needs_seeds
def test_a_policy_becomes_a_numbered_proposal_with_evidence_and_nothing_is_written(run, registry):
    before = registry_state(registry)
    reply = run(f"import policy {SEPTER}")
    assert registry_state(registry) == before
    assert reply.data["subject"] == "Septer AS"
    party = items_of(reply, "party")[0]
    assert party["value"]["orgnr"] == "921183739" and "Septer AS" in party["evidence"]
    assert {i["kind"] for i in reply.data["items"]} >= {"party", "contact", "subprocessor", "transfer"}
    for item in reply.data["items"]:
        assert item["evidence"] and item["confidence"] in ("high", "medium", "unsure")
    assert "1. party: Septer AS" in reply.text and "Nothing is written yet" in reply.text
    with registry.reading():
        [proposal] = registry.all(Proposal)
    assert proposal.status == "open" and proposal.source == SEPTER.name


@needs_seeds
def test_applying_writes_the_policy_facts_raises_review_flags_and_twice_changes_nothing(run, registry):
    proposal = run(f"import policy {SEPTER}").data["proposal"]
    reply = run(f"import apply {proposal}")
    assert f"Proposal #{proposal}: wrote" in reply.text
    with registry.reading():
        septer = registry.find_party("Septer")
        hubspot = registry.find_party("HubSpot")
        assert septer.orgnr == "921183739"
        assert septer.email and "@" in septer.email
        assert any(t.mechanism == "privacy-shield" and t.importer == hubspot.id for t in registry.all(Transfer))
        assert registry.all(SubprocessorLink) or registry.all(Engagement)
    codes = {f.code for f in review(registry, today=registry.clock().date())}
    assert "privacy-shield" in codes  # the claim is recorded as made, and the review flags it
    state = registry_state(registry)
    again = run(f"import apply {proposal}")
    assert registry_state(registry) == state
    assert "Nothing new" in again.text


@needs_seeds
def test_only_picks_items_and_unsure_items_wait_for_only(run, registry):
    reply = run(f"import policy {SEPTER}")
    proposal = reply.data["proposal"]
    run(f"import apply {proposal} only=1")
    with registry.reading():
        assert registry.find_party("Septer").orgnr == "921183739"
        assert not registry.all(Transfer)
    assert "only= takes item numbers" in run(f"import apply {proposal} only=x", ok=False).text
    assert "has items 1 to" in run(f"import apply {proposal} only=999", ok=False).text


@needs_seeds
def test_discard_writes_nothing_and_cannot_be_applied(run, registry):
    before = registry_state(registry)
    proposal = run(f"import policy {SEPTER}").data["proposal"]
    assert "nothing was written" in run(f"import discard {proposal}").text
    assert registry_state(registry) == before
    assert "was discarded" in run(f"import apply {proposal}", ok=False).text
    assert "No proposals are waiting" in run("import list").text


def test_pasted_text_in_english(run, registry):
    text = (
        "Privacy policy of Fjelltopp Analytics AS (org. no. 925813745 is not ours). Fjelltopp Analytics AS is the "
        "controller for personal data about its customers' contact persons. Questions about privacy: "
        "privacy@fjelltopp.example. We use Mailchimp (The Rocket Science Group, USA) for newsletters; transfers "
        "rely on the EU-US Data Privacy Framework."
    )
    reply = run(f"import policy {text}")
    assert reply.data["subject"].startswith("Fjelltopp")
    assert any(i["value"].get("email") == "privacy@fjelltopp.example" for i in items_of(reply, "contact"))


@pytest.mark.parametrize("suffix", [".docx", ".html"])
@needs_seeds
def test_word_and_web_page_policies_are_read(run, tmp_path, suffix):
    text = SEPTER.read_text(encoding="utf-8")
    path = tmp_path / f"septer{suffix}"
    if suffix == ".docx":
        document = Document()
        for line in text.splitlines():
            document.add_paragraph(line)
        document.save(str(path))
    else:
        body = "".join(f"<p>{line}</p>" for line in text.splitlines())
        path.write_text(f"<html><head><style>p{{}}</style><script>var x;</script></head><body>{body}</body></html>")
    reply = run(f"import policy {path}")
    assert reply.data["subject"] == "Septer AS"


def test_bad_policy_input_is_refused_clearly(run, registry, tmp_path):
    assert "Nothing to read" in run("import policy", ok=False).text
    assert "No such file" in run("import policy missing.pdf", ok=False).text
    bad = tmp_path / "x.pdf"
    bad.write_bytes(b"not a pdf")
    assert "Cannot read this PDF" in run(f"import policy {bad}", ok=False).text
    assert "found nothing to propose" in run("import policy hello there", ok=False).text
    with registry.reading():
        assert registry.all(Proposal) == []


@needs_seeds
def test_employees_cannot_import(registry):
    line = f"import policy {SEPTER}"
    ctx = Context(services=Services(registry=registry), user="U_EMP", line=line, is_dpo=False)
    reply = dispatch(ctx, line)
    assert not reply.ok and "only the privacy team" in reply.text


# -- a vendor list --------------------------------------------------------------------------------------------

VENDORS = """Navn;Org.nr;Land;E-post;Tjeneste;Databehandler for;Underdatabehandler for;Behandlingsland;Overføringsgrunnlag
Kjølesenter AS;921183739;NO;privacy@kjol.example;Alarmsentral;Nordlys Eiendomsdrift AS;;NO;
Twilio Inc.;;US;;SMS-varsling;;Kjølesenter AS;US;scc-2021
Fjordsky AS;123456789;NO;;Drift;;Kjølesenter AS;NO;
Mailer Ltd;;GB;dpo@mailer.example;E-post;;Kjølesenter AS;GB;adequacy
"""


def test_a_vendor_list_is_proposed_row_by_row_with_bad_rows_named(run, registry, tmp_path):
    path = tmp_path / "leverandorer.csv"
    path.write_text(VENDORS, encoding="utf-8")
    before = registry_state(registry)
    reply = run(f"import csv {path}")
    assert registry_state(registry) == before
    assert "3 vendors" in reply.text
    assert "row 4:" in reply.text and "123456789" in reply.text  # a bad organisation number, named
    proposal = reply.data["proposal"]
    applied = run(f"import apply {proposal}")
    assert applied.data["skipped"] == []
    with registry.reading():
        kjol = registry.find_party("Kjølesenter")
        twilio = registry.find_party("Twilio")
        assert kjol.email == "privacy@kjol.example" and kjol.orgnr == "921183739"
        links = {(registry.name_of(s.processor), registry.name_of(s.sub)) for s in registry.all(SubprocessorLink)}
        assert ("Kjølesenter AS", "Twilio Inc.") in links and ("Kjølesenter AS", "Mailer Ltd") in links
        [transfer] = [t for t in registry.all(Transfer) if t.importer == twilio.id]
        assert (registry.name_of(transfer.exporter), transfer.mechanism) == ("Kjølesenter AS", "scc-2021")
        assert any(e.processor == kjol.id and not e.in_house for e in registry.all(Engagement))
    state = registry_state(registry)
    run(f"import apply {proposal}")
    assert registry_state(registry) == state


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "The file has no rows"),
        ("Org.nr;Land\n921183739;NO\n", "No name column"),
        ("name,mechanism\nAcme,privacy-shield\n", "no country outside the EEA"),
    ],
)
def test_bad_vendor_lists_are_refused(run, registry, tmp_path, content, message):
    path = tmp_path / "v.csv"
    path.write_text(content, encoding="utf-8")
    assert message in run(f"import csv {path}", ok=False).text
    with registry.reading():
        assert registry.all(Proposal) == []


def test_thousands_of_vendor_rows_in_one_write(run, registry, tmp_path):
    lines = ["name,country,service,processor-for,countries,mechanism"]
    lines += [f"Vendor {i:04d} Ltd,US,Service {i},Nordlys Eiendomsdrift AS,US,dpf" for i in range(2000)]
    path = tmp_path / "many.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    proposal = run(f"import csv {path}").data["proposal"]
    version = registry.store.version
    run(f"import apply {proposal}")
    assert registry.store.version == version + 1  # one transaction, one durable write
    with registry.reading():
        assert registry.count(Party) == 2001
        assert registry.count(Transfer) == 2000


@needs_seeds
def test_an_organisation_read_unsure_is_not_written_until_the_dpo_picks_it(run, registry):
    se = SEEDS / "001_23094fd395c0ddca.txt"
    reply = run(f"import policy {se}")
    proposal = reply.data["proposal"]
    assert items_of(reply, "party")[0]["confidence"] == "unsure" and "(unsure)" in reply.text
    first = run(f"import apply {proposal}")
    [skipped] = first.data["skipped"]
    assert "its name was read unsure" in skipped["reason"] and len(skipped["items"]) >= 3
    with registry.reading():
        assert registry.party_named("SE-gruppen") is None
    total = len(reply.data["items"])
    second = run(f"import apply {proposal} only=1-{total}")
    assert second.data["skipped"] == []
    with registry.reading():
        assert registry.find_party("SE-gruppen").email == "mininfo@se-gruppen.no"


@needs_seeds
def test_a_pdf_policy_is_read(run, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is not installed; `make test` installs it (.ci/install-libreoffice)"
    profile = f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}"
    done = subprocess.run(
        [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(SEPTER)],
        capture_output=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    reply = run(f"import policy {tmp_path / SEPTER.with_suffix('.pdf').name}")
    assert reply.data["subject"] == "Septer AS"
    assert any(i["value"]["name"] == "HubSpot" for i in items_of(reply, "subprocessor"))
