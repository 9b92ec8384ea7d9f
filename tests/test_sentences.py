"""The one sentence segmenter every reader of policies and agreements uses."""

from __future__ import annotations

import pytest

from text.sentences import open_ended, sentences


def texts(text: str, *, semicolons: bool = False) -> list[str]:
    return [s.text for s in sentences(text, semicolons=semicolons)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Vi bruker bl.a. Visma og f.eks. Tripletex. Dette skjer jf. art. 6 nr. 1 bokstav b. Neste punkt.",
            [
                "Vi bruker bl.a. Visma og f.eks. Tripletex.",
                "Dette skjer jf. art. 6 nr. 1 bokstav b.",
                "Neste punkt.",
            ],
        ),
        (
            "We use processors, e.g. Amazon Web Services, i.e. hosting. See Art. 28(3)(a). Mr. Hansen signs.",
            ["We use processors, e.g. Amazon Web Services, i.e. hosting.", "See Art. 28(3)(a).", "Mr. Hansen signs."],
        ),
        (
            "Lagerhuset AS (org.nr. 912 345 678) er behandlingsansvarlig. Vi svarer innen 30 dager. Takk!",
            [
                "Lagerhuset AS (org.nr. 912 345 678) er behandlingsansvarlig.",
                "Vi svarer innen 30 dager.",
                "Takk!",
            ],
        ),
        (
            "4. The processor shall keep records. 4.1. It shall also log access.",
            ["4. The processor shall keep records.", "4.1. It shall also log access."],
        ),
        ("Fristen er 3. mars. Spørsmål? Skriv til oss.", ["Fristen er 3. mars.", "Spørsmål?", "Skriv til oss."]),
        ("Data om ansatte, kunder etc. lagres i Norge.", ["Data om ansatte, kunder etc. lagres i Norge."]),
        ("Kontakt J. Olsen. Han svarer.", ["Kontakt J. Olsen.", "Han svarer."]),
    ],
)
def test_stops_after_abbreviations_and_clause_numbers_do_not_end_a_sentence(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_a_line_break_ends_a_sentence_and_offsets_point_into_the_text() -> None:
    text = "Formål\nVi lagrer data. Vi sletter dem etter 3 måneder.\n\n- Navn og e-post"
    found = sentences(text)
    assert [s.text for s in found] == [
        "Formål",
        "Vi lagrer data.",
        "Vi sletter dem etter 3 måneder.",
        "- Navn og e-post",
    ]
    for sentence in found:
        assert text[sentence.start : sentence.start + len(sentence.text)] == sentence.text


def test_the_items_of_a_clause_end_at_semicolons_when_asked() -> None:
    line = "The processor shall: (a) act on instructions; (b) keep staff bound to confidentiality; and"
    assert texts(line) == [line]
    assert texts(line, semicolons=True) == [
        "The processor shall: (a) act on instructions",
        "(b) keep staff bound to confidentiality",
        "and",
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Databehandleren behandler bare opplysninger etter instruks fra", True),
        ("Any breach shall be notified to the", True),
        ("Eg sender det vidare til dykk innan", True),
        ("Vi lagrer data i Norge.", False),
        ("(a) delete the data; and", False),  # list items end on "and"
        ("Formål", False),
    ],
)
def test_a_line_that_ends_on_a_word_no_sentence_ends_on_goes_on(line: str, expected: bool) -> None:
    assert open_ended(line) is expected
