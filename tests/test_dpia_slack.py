"""`/dpa engage ... special=helse` in Slack, end to end: real Bolt, signed requests, a real registry file, the fake
Slack API (issue 19 item 6)."""

from __future__ import annotations

from test_dpa_slack import app, command, registry  # noqa: F401 (fixtures and the helper, shared)

from registry.models import Engagement
from registry.review import review


def test_engage_with_special_helse_records_health_and_warns_of_fodselsnummer(app, fake, registry):  # noqa: F811
    [text] = command(
        app,
        fake,
        'engage Septer for=Nordlys purpose="Pasientvarsling" data="navn, fødselsnummer" subjects=pasienter '
        "special=helse",
    )
    assert text.startswith("Recorded engagement: Septer")
    assert "data= mentions 'fødselsnummer': record national-id=yes, or national-id=no if not." in text
    with registry.reading():
        [engagement] = [e for e in registry.all(Engagement) if e.purpose == "Pasientvarsling"]
    assert engagement.special_categories == ["health"] and engagement.national_id is None

    flags = [f for f in review(registry, today=registry.clock().date()) if f.code == "dpia-needed"]
    assert [f.parties for f in flags] == [("Nordlys Eiendomsdrift AS", "Septer AS")]
    assert "vulnerable data subjects (pasienter)" in flags[0].reason

    refused = command(app, fake, 'engage Septer for=Nordlys purpose="Pasientvarsling" special=helse,lønn')[-1]
    assert "Unknown special category" in refused and "'lønn'" in refused
