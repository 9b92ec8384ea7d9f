"""The one mention finder (text/mentions.py) and word rarity (text/rarity.py)."""

from __future__ import annotations

from text import mentions, rarity
from text.normalise import forms, normalise

NAMES = mentions.Names(
    [
        (1, ["Septer AS", "VARN"]),
        (2, ["SE-gruppen"]),
        (3, ["Amazon Web Services, Inc.", "AWS"]),
        (4, ["Borettslaget Fjordgløtt", "Fjordgløtt"]),
    ]
)


def found(text: str) -> list[tuple[int, str]]:
    return [(m.key, m.typed) for m in mentions.find(text, NAMES)]


def test_names_are_found_as_whole_words_with_legal_forms_and_possessives():
    assert found("Slett meg hos Septer AS, takk") == [(1, "Septer AS")]
    assert found("Septers kunder og Septer's partnere") == [(1, "Septers"), (1, "Septer's")]
    assert found("SEPTER og se-gruppen") == [(1, "SEPTER"), (2, "se-gruppen")]
    assert found("Amazon Web Services Inc. hosts it, AWS too") == [(3, "Amazon Web Services Inc"), (3, "AWS")]
    assert found("Septeret, kvarn og septerne") == []  # parts of other words are not names


def test_positions_point_into_the_normalised_text():
    text = "Beboer i Borettslaget Fjordgløtt\u00ad her"
    (m,) = mentions.find(text, NAMES)
    assert m.key == 4 and normalise(text)[m.start : m.end] == "Borettslaget Fjordgløtt"
    assert (m.first, m.last) == (2, 4)


def test_keys_ignore_case_legal_forms_and_full_width_letters():
    assert mentions.name_key("Amazon Web Services, Inc.") == "amazon web services"
    assert mentions.name_key("ＳＥＰＴＥＲ　ＡＳ") == "septer"
    assert mentions.has_legal_form("IWMAC AS") and not mentions.has_legal_form("IWMAC")


def test_close_finds_typos_only():
    assert [w for _, w in mentions.close("netsecurty", ["netsecurity", "nordlys"], 0.85)] == ["netsecurity"]
    assert mentions.close("septer", ["semac"], 0.85) == []


def test_everyday_words_weigh_nothing_and_rare_ones_a_lot():
    for word in ("ved", "svar", "markedsføring", "regnskap", "systemet", "via"):
        assert rarity.weight(word) == 0, word
    assert rarity.weight("nøkkelkortnummer") > 1.8  # a compound of rarer parts
    assert rarity.weight("varn") > 1.8  # a product name
    assert 0 < rarity.weight("kontaktinformasjon") < 1.8  # distinctive, but not enough alone


def test_a_compound_is_not_a_form_of_its_stem():
    assert forms("regnskapssystemet") & forms("regnskap") == set()
    assert forms("alarmsentralen") & forms("alarmsentral")
    assert forms("beboerregisteret") & forms("beboerregister")
