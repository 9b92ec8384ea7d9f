"""The rule type of the inquiry classifier and the phrase fragments its rules share across six languages."""

from __future__ import annotations

import re
from dataclasses import dataclass


def rx(*alternatives: str) -> re.Pattern[str]:
    """One case-insensitive pattern matching any of the alternatives."""
    return re.compile("|".join(f"(?:{a})" for a in alternatives), re.IGNORECASE)


@dataclass(frozen=True)
class Rule:
    """A phrase that is evidence of `type` with `weight`. With `near`, it counts only when that also occurs
    within `window` characters (a verb like "slette" says little until it has an object); with `unless`, not
    when that occurs in the same sentence up to the phrase's end ("slett alt dere har om meg" names the data
    to erase, it does not ask to see it)."""

    type: str
    pattern: re.Pattern[str]
    weight: int
    near: re.Pattern[str] | None = None
    window: int = 80
    unless: re.Pattern[str] | None = None


# A type is reported when its rules add up to at least this; weight-1 rules are hints that need company.
THRESHOLD = 2

# Whose data: the writer, or the person a colleague relays for.
ME = (
    r"\b(?:meg|mig|me|my|mine?|mitt|mi|mina|mich|mir|meine?[nmrs]?|ham|henne|him|her|his|hans|hennes|ho|si|sitt|sine)\b"
)
# What data: the nouns a request points at.
DATA = (
    r"(?:person)?op?plysning\w*|personuppgift\w*|uppgift\w*|personenbezogen\w*|\bdaten\b|\bdata\b|\binfo\w*|\bkonto\w*"
    r"|\baccount\w*|\bprofil\w*|\bcv\w*|søknad\w*|\bapplication\w*|e-?post\w*|e-?mail\w*|nummer\w*|\brecords?\b|opptak\w*"
    r"|recording\w*|\bdetails\b|\bnumber\b|\bfil(?:e|a|en)?\b|kundenkonto\w*"
)
ME_OR_DATA = rx(ME, DATA)
# The fields people ask to have corrected.
PERSON_FIELD = (
    r"adress\w*|navn\w*|namn\w*|\bname|efternamn\w*|nachname\w*|fødsels\w*|date of birth|birth ?date|geburts\w*|telefon\w*"
    r"|mobil\w*|phone|kontonummer\w*|account number|personnummer\w*|e-?post\w*|e-?mail\w*|surname|spelling|stavemåte"
    r"|\bnr\b|\btlf\b|mobilnr\w*"
)
CONSENT = rx(r"samtyk\w*|consent\w*|einwilligung\w*|samtyck\w*")
# Saying yes to something: consent in everyday words.
SAID_YES = rx(
    r"\bsa ja\b|\bsagt ja\b|\bsaid yes\b|\bagreed to\b|\bsigned up\b|\bmeldte meg på\b|\bzugestimmt\b|\bsagt ja\b|\bsade ja\b"
)
MARKETING = (
    r"markedsføring\w*|marknadsføring\w*|\bmarketing\b|\breklam\w*|\bwerb\w*|direktmarknadsföring|nyhetsbrev\w*|nyheitsbrev\w*"
    r"|newsletter\w*|\btilbud\b|\boffers\b|promotion\w*|advertis\w*|market research|kundeundersøk\w*|\bsurvey\w*|\bsms\b"
    r"|\bads\b|targeted|annonse\w*|målrett\w*|\bselge\b|\bsell\w*|\bsalg\b|\bsales\b|\bverkauf\w*"
)
ERASE_VERB = (
    r"\b(?:slett(?:e|er|ar|es|ast|ing|inga|et)?|slet|sletning\w*|delet(?:e|ed|ing|ion)|eras(?:e|ed|ure)|remove|radera\w*"
    r"|lösch\w*|tilintetgør\w*|fjern(?:e|er|ar|es)?|wipe|purge|get rid of|entfern\w*|ta[rs]? bort|tek bort|kvitt\w*)\b"
)
AUTHORITY = (
    r"datatilsynet|supervisory authority|data protection authority|integritetsskyddsmyndigheten|\bimy\b"
    r"|datenschutzbehörde|aufsichtsbehörde|\btilsynet\b|datainspektionen"
)
NOT = r"ikke|ikkje|don'?t|do not|not|nicht|inte|no longer"
WANT_NOT = r"vil ikke|vil ikkje|ønsker ikke|ønskjer ikkje|ynskjer ikkje|don'?t want|do not want|möchte nicht|will nicht|vill inte"
# "What you have stored about me": a verb of holding data, then the writer.
HELD_ABOUT_ME = (
    r"\b(?:registrert|registrerte|lagret|lagra|lagrer|samlet|samla|gathered|collected|stored|store|hold|holds|held|have|has"
    r"|har|gemt|speicher\w*|sparat|behandler|process)\b[^.?!\n]{0,30}?\b(?:på|om|on|about|über|of|from)\s+(?:meg|me|mig|mich)\b"
)
# "Take me off the newsletter": an opt-out, whatever verb it uses.
MAILING_LIST = (
    r"\b(?:slett|fjern|ta|remove|take|stryk)\w*\s+(?:meg|mig|me)\s+(?:ut\s+|off\s+|bort\s+)?(?:fra|frå|av|from|off)\s+"
    r"(?:\w+\s+){0,2}?(?:nyhetsbrev|nyheitsbrev|e-?postlist|sms-?list|mailingl|newsletter|mailing list|utsendel|list)\w*"
)
