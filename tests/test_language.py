"""The one language detector: what language a reader of the bot's answer would say a text is in."""

from __future__ import annotations

import pytest

from inquiries.classify import classify
from text.language import LANGUAGES, detect


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Danish one-liners (outside reviewers saw one read as Swedish)
        ("Slet venligst alle mine oplysninger.", "da"),
        ("Hvad har I registreret om mig?", "da"),
        ("Afmeld mig jeres nyhedsbrev, tak", "da"),
        ("Jeg vil gerne have slettet min profil hos jer.", "da"),
        # Bokmål and nynorsk saying the same thing
        ("Jeg vil ikke ha flere e-poster fra dere.", "nb"),
        ("Eg vil ikkje ha fleire e-postar frå dykk.", "nn"),
        ("Hva har dere lagret om meg? Hilsen Per", "nb"),
        ("Kva har de lagra om meg? Helsing Per", "nn"),
        ("Kan dere slette kontoen min?", "nb"),
        ("Kan de slette kontoen min? Eg brukar han ikkje lenger.", "nn"),
        ("Selger dere gavekort?", "nb"),  # Norwegian without æ, ø or å still reads Norwegian, not Danish
        # short English
        ("pls unsub me", "en"),
        ("Delete my account", "en"),
        ("unsubscribe", "en"),
        # Swedish
        ("Sluta skicka reklam till mig, tack.", "sv"),
        ("Radera mina personuppgifter", "sv"),
        # French and German
        ("Je demande la suppression de mes données personnelles.", "fr"),
        ("Bitte löschen Sie meine Daten.", "de"),
    ],
)
def test_language_of_a_line(text: str, expected: str) -> None:
    assert detect(text) == expected


def test_an_inquiry_carries_the_language_it_was_written_in() -> None:
    assert classify("Slet venligst alle mine oplysninger.").language == "da"
    assert classify("Eg vil ha innsyn i kva de har lagra om meg.").language == "nn"


@pytest.mark.parametrize(
    ("text", "hint", "expected"),
    [
        ("", None, "nb"),  # nothing to go on: the house language
        ("   ", "en-GB", "en"),
        ("IWMAC?", None, "nb"),
        ("IWMAC?", "en-US", "en"),
        ("IWMAC?", "nn-NO", "nb"),  # nynorsk is answered in bokmål among ("nb", "en")
        ("kven er databehandlar for CRM?", None, "nb"),
        ("who processes data for Septer?", "nb-NO", "en"),  # the words decide, not the locale
        ("hvem behandler data for Septer?", "en-US", "nb"),
    ],
)
def test_among_two_languages_with_the_readers_locale(text: str, hint: str | None, expected: str) -> None:
    assert detect(text, among=("nb", "en"), hint=hint) == expected


def test_every_answer_is_one_of_the_languages_asked_for() -> None:
    assert detect("Sluta skicka reklam till mig", among=("nb", "en")) in ("nb", "en")
    assert detect("Hiermit widerspreche ich der Verarbeitung meiner Daten.") in LANGUAGES
    with pytest.raises(ValueError, match="among must be some of"):
        detect("hei", among=("pt",))
