"""Values people type: organisation numbers, countries, channels, names, dates."""

from __future__ import annotations

from datetime import date

import pytest

from registry import validate
from registry.dates import parse_date
from registry.errors import Ambiguous, InputError, NotFound
from registry.names import NameIndex, names_clash, normalise

TODAY = date(2026, 11, 21)


@pytest.mark.parametrize("orgnr", ["921183739", "921 183 739", "NO 921 183 739 MVA", "974760673"])
def test_valid_norwegian_org_numbers(orgnr):
    assert validate.org_id(orgnr, country="NO").isdigit()


@pytest.mark.parametrize("orgnr", ["921183738", "12345678", "1234567890", "abc"])
def test_invalid_norwegian_org_numbers(orgnr):
    with pytest.raises(InputError, match="mod-11"):
        validate.org_id(orgnr, country="NO")


def test_foreign_ids_are_free_text():
    assert validate.org_id("HRB 86891", country="DE") == "HRB 86891"
    assert validate.org_id("0001404655", country="US") == "0001404655"


def test_countries_and_channels():
    assert validate.country(" no ") == "NO"
    assert validate.country("UK") == "GB"
    assert validate.countries("US, ie,US") == ["US", "IE"]
    assert validate.channel("<#C0123ABCD|personvern>") == "C0123ABCD"
    assert validate.channel("Personvern") == "#personvern"
    assert validate.email("<mailto:A@B.no|A@B.no>") == "a@b.no"
    with pytest.raises(InputError):
        validate.channel("two words")


def test_normalise_ignores_case_punctuation_and_legal_forms():
    assert normalise("Amazon Web Services, Inc.") == "amazon web services"
    assert normalise("SE-gruppen AS") == "se gruppen"
    assert normalise("Netsecurity A/S") == "netsecurity"
    assert normalise("AS") == "as"  # a name that is only a legal form keeps it


def test_names_clash_unless_both_carry_different_legal_forms():
    assert names_clash("IWMAC", "IWMAC AS")
    assert names_clash("iwmac as", "IWMAC AS")
    assert not names_clash("Acme AS", "Acme Ltd")
    assert not names_clash("Acme AS", "Acme Norge AS")


def test_index_prefix_ambiguity_and_suggestions():
    index = NameIndex()
    index.add(1, "Septer AS", ["VARN"])
    index.add(2, "Semac", [])
    index.add(3, "Acme AS", [])
    index.add(4, "Acme Ltd", [])
    assert index.resolve("sept") == 1
    assert index.resolve("varn") == 1
    assert index.resolve("Acme Ltd") == 4
    with pytest.raises(Ambiguous, match="Semac, Septer AS"):
        index.resolve("se")
    with pytest.raises(NotFound, match="Septer AS"):
        index.resolve("Setper")
    index.remove(1, "Septer AS", ["VARN"])
    with pytest.raises(NotFound):
        index.resolve("varn")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-15", date(2025, 3, 15)),
        ("15.03.2025", date(2025, 3, 15)),
        ("15. mars 2025", date(2025, 3, 15)),
        ("i dag", TODAY),
        ("i går", date(2026, 11, 20)),
        ("i forgårs", date(2026, 11, 19)),
        ("3 dager siden", date(2026, 11, 18)),
        ("yesterday", date(2026, 11, 20)),
        ("2 weeks ago", date(2026, 11, 7)),
        ("om 2 uker", date(2026, 12, 5)),
    ],
)
def test_dates_in_norwegian_and_english(text, expected):
    assert parse_date(text, today=TODAY) == expected


@pytest.mark.parametrize("text", ["someday", "31.02.2025", "12", ""])
def test_bad_dates_name_accepted_forms(text):
    with pytest.raises(InputError, match=r"15\.03\.2025"):
        parse_date(text, today=TODAY)
