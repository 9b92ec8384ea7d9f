"""`import apply` says exactly what it wrote, item by item, and what it skipped and why (issue 19 item 7a): an
item that hangs on a party item left out is skipped before it writes anything, instead of leaving a party with
no details behind. The policy text below is our own writing, shaped like a small Norwegian app's policy."""

from __future__ import annotations

from registry.models import Party, Transfer

# Our own text: the organisation is named once and only in passing, so its name is read "unsure".
POLICY = """Personvernerklæring

Denne erklæringen forklarer hvordan Vindkast behandler personopplysninger om kunder og brukere av appen.

Vi er behandlingsansvarlig for behandlingen av personopplysninger om kundene sine.

Har du spørsmål om personvern, kan du skrive til personvern@postkassa.example.

Vi bruker Mailchimp (The Rocket Science Group LLC) i USA til nyhetsbrev; overføringen til Mailchimp i USA skjer \
på grunnlag av EU-U.S. Data Privacy Framework.

Vi lagrer kundeopplysninger i 24 måneder etter siste kjøp.
"""


def party_names(registry) -> set[str]:
    with registry.reading():
        return {p.name for p in registry.all(Party)}


def test_items_that_hang_on_an_unsure_party_are_skipped_and_say_so(run, registry):
    run('party add "Nordlys Eiendomsdrift AS" orgnr=925813745 self=yes')
    proposal = run(f"import policy {POLICY}")
    assert "1. party: Postkassa (unsure)" in proposal.text
    number = proposal.data["proposal"]
    before = party_names(registry)

    reply = run(f"import apply {number}")
    assert reply.text.startswith(f"Proposal #{number}: wrote 0 of 6 items, 5 not written, 1 not chosen.")
    assert "Nothing new was written." in reply.text
    assert "Items 2, 3, 4, 5, 6: It depends on item 1 (party Postkassa), which was not chosen" in reply.text
    assert "(its name was read unsure)" in reply.text and "Not chosen, marked unsure: item 1" in reply.text
    assert party_names(registry) == before  # no Mailchimp left behind without its transfer
    assert reply.data["applied"] == [] and reply.data["written"] == {}

    # The DPO checked the name and picks every item: each record written is listed under its item.
    reply = run(f"import apply {number} only=1-6")
    assert reply.text.startswith(f"Proposal #{number}: wrote 6 of 6 items.")
    for line in (
        "✓ item 1: added party Postkassa",
        "✓ item 2: party Postkassa: email personvern@postkassa.example",
        "✓ item 4: added party Mailchimp",
        "✓ item 4: engagement: Mailchimp processes 'newsletter' for Postkassa",
        "✓ item 5: transfer Postkassa → Mailchimp (US) on EU-US Data Privacy Framework",
    ):
        assert line in reply.text, reply.text
    with registry.reading():
        [transfer] = registry.all(Transfer)
        assert registry.name_of(transfer.importer) == "Mailchimp"

    again = run(f"import apply {number} only=2,5")
    assert again.text.startswith(f"Proposal #{number}: wrote 0 of 6 items, 2 already in the registry, 4 not chosen.")
    assert "Already in the registry, nothing to write: items 2, 5." in again.text
    assert "Not chosen (not in only=): items 1, 3, 4, 6." in again.text


def test_an_item_refused_by_a_rule_gives_the_rule_and_the_rest_is_written(run, registry):
    text = (
        "Privacy policy of Brattli Regnskap AS (org. no. 921183739). Brattli Regnskap AS is the controller for "
        "personal data about its customers. Questions: privacy@brattli.example. When data leaves the EEA we "
        "rely on standard contractual clauses."
    )
    number = run(f"import policy {text}").data["proposal"]
    reply = run(f"import apply {number}")
    assert "✓ item 1: added party Brattli Regnskap AS" in reply.text
    assert "names no importer and country; record it by hand with transfer add" in reply.text
    [skipped] = reply.data["skipped"]
    assert "not written" in reply.text.splitlines()[0]
    assert skipped["items"] and all(str(n) not in reply.data["written"] for n in skipped["items"])
