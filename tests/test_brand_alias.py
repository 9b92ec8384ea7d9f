"""A brand alias ("Microsoft") does not stop the legal entity with a longer name ("Microsoft Corporation") from
being added as its own party (issue 19 item 7b); true duplicates still clash, and a typed name finds the right
one: the full legal name wins, the bare brand word asks which of the two."""

from __future__ import annotations

import pytest

from chat.questions import answer
from registry.models import Party
from registry.names import legal_form, names_clash


@pytest.fixture
def two(run):
    run('party add "Nordlys Eiendomsdrift AS" orgnr=925813745 self=yes')
    run('party add "Microsoft Ireland Operations Ltd" aliases=Microsoft country=IE')
    assert "Added Microsoft Corporation" in run('party add "Microsoft Corporation" country=US').text
    return run


def test_the_company_is_added_beside_the_brand_alias_and_each_name_finds_its_party(two, registry):
    run = two
    assert "Microsoft Corporation (US)" in run('who "Microsoft Corporation"').text
    assert "Microsoft Corporation (US)" in run('who "Microsoft Corp."').text  # its legal form, spelled short
    assert "Microsoft Ireland Operations Ltd (IE)" in run('who "Microsoft Ireland"').text
    reply = run("who Microsoft", ok=False)
    assert "matches more than one party: Microsoft Corporation, Microsoft Ireland Operations Ltd" in reply.text
    with registry.reading():
        assert registry.count(Party) == 3


@pytest.mark.parametrize("duplicate", ["Microsoft Corp.", "MICROSOFT CORPORATION", "microsoft corporation"])
def test_true_duplicates_of_the_legal_name_still_clash(two, registry, duplicate):
    reply = two(f'party add "{duplicate}"', ok=False)
    assert "is already used by Microsoft Corporation" in reply.text
    with registry.reading():
        assert registry.count(Party) == 3


def test_a_bare_name_beside_a_name_with_a_legal_form_still_clashes(two):
    # Two parties' own names, not an alias: "IWMAC" and "IWMAC AS" are one company typed two ways.
    assert "is already used by" in two('party add "Microsoft"', ok=False).text
    two('party add "IWMAC AS"')
    assert "is already used by IWMAC AS" in two('party add "IWMAC"', ok=False).text


def test_the_brand_alias_can_be_given_after_the_company_exists(run):
    run('party add "Google LLC" country=US')
    run('party add "Google Ireland Limited" country=IE')
    run('party set "Google Ireland Limited" aliases=Google')
    assert "Google LLC (US)" in run('who "Google LLC"').text
    assert "matches more than one party" in run("who Google", ok=False).text


def test_questions_name_the_legal_entity_or_ask_which(two, registry):
    two('engage "Microsoft Corporation" for="Nordlys Eiendomsdrift AS" purpose="e-mail"')
    reply = answer(registry, "do we have a DPA with Microsoft Corporation?")
    assert reply.data["target"]["label"] == "Microsoft Corporation"
    assert "no DPA with Microsoft Corporation" in reply.text
    reply = answer(registry, "do we have a DPA with Microsoft Ireland?")
    assert reply.data["target"]["label"] == "Microsoft Ireland Operations Ltd"
    reply = answer(registry, "where is Microsoft located?")
    assert "Microsoft Corporation and Microsoft Ireland Operations Ltd" in reply.text


def test_legal_forms_compare_by_one_spelling():
    assert legal_form("Microsoft Corp.") == legal_form("MICROSOFT CORPORATION") == ("corp",)
    assert names_clash("Microsoft Corp.", "Microsoft Corporation")
    assert not names_clash("Microsoft Corporation", "Microsoft", alias=True)
    assert names_clash("Microsoft Corporation", "Microsoft")
    assert names_clash("Microsoft", "microsoft", alias=True)
    assert not names_clash("Acme AS", "Acme Ltd")
