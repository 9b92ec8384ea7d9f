"""Language of an inquiry (nb, nn, en, sv, da, de) from words that tell the six languages apart."""

from __future__ import annotations

import re

# Words shared by several languages ("og", "dem", "for") are listed under each and split their vote.
_WORDS: dict[str, frozenset[str]] = {
    "nb": frozenset(
        """jeg ikke hva hvem hvordan hvilke hvilket dere deres noe noen blir ble vennlig vennligst opplysninger
        personopplysninger opplysningene mitt etter mye fortsatt ennå ønsker fått sletter slettes sletting lagret
        lagra leilighet avslått gjør kunne hadde nå meg henne takk annet mvh hei være også bare fra hilsen slett
        og er av deg dine din våre vår som på det du vi dem for med har til om kan vil""".split()
    ),
    "nn": frozenset(
        """eg ikkje kva kven kor korleis dykk dykkar hjå frå òg vere vert vart berre noko nokon ein eit helsing
        venleg ynskjer ønskjer opplysningar personopplysningar opplysningane dei sende ho heiter tek sjølv mykje
        motteke trekkjer attende avgrensar slettar brukar nytte vidare enno fleire marknadsføring nettsida bilete
        leilegheit leilegheitene bustad avslegen tilsett saka fekk klaga måndag leigetakar personvernombod utan
        nyheitsbrev nyheitsbrevet meir ver gjer seier kome kjem mvh hei kunne meg takk og er av deg dine din som
        på det du dem for med har til om kan vil""".split()
    ),
    "en": frozenset(
        """the and you your my me is to of please have what with for this that it are do was not want would could
        from be been about hi hey thanks regards any we us our they he she him has data if so can did does
        will yes there their just got""".split()
    ),
    "sv": frozenset(
        """jag inte vad vem hur och att är till från också alla mina personuppgifter uppgifter hälsningar vänliga
        sluta skicka reklam samtycke återkallar begär registerutdrag vilka kund varit aldrig enligt lämnat hanterat
        använder motsätter ni mitt hej mig av som på det du vi för med har om kan vill""".split()
    ),
    "da": frozenset(
        """jeg ikke hvem hvordan hvilke mig dig hvad jer jeres af efter nu noget nogen venlig venligst gerne bliver
        blev oplysninger personoplysninger lejemål mit forkert rigtige opsagt indsigt registreret være også bare
        fra hilsen hej og er som på det du vi dem for med har til om kan vil""".split()
    ),
    "de": frozenset(
        """ich nicht was wer wie sie ihr ihre ihrer ihrem ihnen mich mein meine meiner meinen und zu ist die der das
        bitte daten mit von den dem für über hiermit gemäß sehr geehrte damen herren grüßen freundlichen einwilligung
        auskunft löschen person gespeicherten nutzung werbezwecke widerspreche verarbeitung auf unverzüglich
        bestätigen schriftlich innerhalb tagen finde keine angabe webseite datenschutzbeauftragter du""".split()
    ),
}
_LANGS = ("nb", "nn", "en", "sv", "da", "de")
# Bokmål and nynorsk are one family first; the words only one of them uses then decide between them.
_FAMILY = {"nb": "no", "nn": "no", "en": "en", "sv": "sv", "da": "da", "de": "de"}
_NB_ONLY = _WORDS["nb"] - _WORDS["nn"]
_NN_ONLY = _WORDS["nn"] - _WORDS["nb"]
_TOKEN = re.compile(r"[a-zæøåäöüßéèòô']+")
# Letters that only some of the languages write.
_LETTERS = {"ä": ("sv", "de"), "ö": ("sv", "de"), "ü": ("de",), "ß": ("de",), "æ": ("no", "da"), "ø": ("no", "da")}


def detect_language(text: str) -> str:
    """The best guess among the six; "nb" (the house language) when the text gives nothing to go on."""
    lowered = text.lower()
    tokens = _TOKEN.findall(lowered)
    families = {"no": 0.0, "en": 0.0, "sv": 0.0, "da": 0.0, "de": 0.0}
    for token in tokens:
        holders = {_FAMILY[lang] for lang in _LANGS if token in _WORDS[lang]}
        for family in holders:
            families[family] += 1.0 / len(holders)
    for letter, holders in _LETTERS.items():
        if letter in lowered:
            for family in holders:
                families[family] += 0.5
    best = max(families, key=lambda family: families[family])
    if families[best] == 0 or best == "no":
        nb_only = sum(token in _NB_ONLY for token in tokens)
        nn_only = sum(token in _NN_ONLY for token in tokens)
        # Nynorsk writers use many forms bokmål shares, so nynorsk needs only to hold its own.
        return "nn" if nn_only and nn_only >= nb_only else "nb"
    return best
