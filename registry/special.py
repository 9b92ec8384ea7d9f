"""Special categories of personal data (GDPR Art. 9), criminal-offence data (Art. 10) and national identity
numbers (personopplysningsloven § 12): the words people use for them, and what an engagement records of them.

An engagement records them as `special_categories` (codes below; [] none, None not recorded), `criminal` and
`national_id` (True, False, or None: not recorded). Registries kept before these fields existed have only the
free text `special` ("no", or "helseopplysninger"): `recorded` reads the structured values from it.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any, NamedTuple

from registry.errors import InputError
from registry.models import Engagement
from text.normalise import ascii_fold, words


class Category(NamedTuple):
    code: str
    nb: str  # as the Norwegian DPA names it
    en: str  # as the English DPA names it
    names: tuple[str, ...]  # whole words accepted in special= (ascii-folded)
    stems: tuple[str, ...]  # a word (or words) starting so names it, in special= and in free text (ascii-folded)


ART9_REFERENCE = "GDPR Art. 9(1)"
ART10_REFERENCE = "GDPR Art. 10"
NATIONAL_ID_REFERENCE = "personopplysningsloven § 12"

ART9: tuple[Category, ...] = (
    Category(
        "racial-ethnic",
        "rasemessig eller etnisk opprinnelse",
        "racial or ethnic origin",
        ("race", "rase", "ethnic", "etnisk", "ethnicity", "etnisitet", "racial"),
        ("etnis", "ethnic", "racial", "rasemessig"),
    ),
    Category(
        "political",
        "politisk oppfatning",
        "political opinions",
        ("political", "politisk", "politics", "politikk"),
        ("political opinion", "politisk oppfatning", "politiske oppfatning", "politisk tilhorighet"),
    ),
    Category(
        "religious",
        "religion eller livssyn",
        "religious or philosophical beliefs",
        ("religion", "religious", "religios", "livssyn", "beliefs", "philosophical"),
        ("religio", "livssyn", "philosophical belief"),
    ),
    Category(
        "trade-union",
        "fagforeningsmedlemskap",
        "trade-union membership",
        ("union", "trade-union", "fagforening", "fagforbund"),
        ("trade union", "union member", "fagforening", "fagforbund", "fagorganis"),
    ),
    Category(
        "genetic",
        "genetiske opplysninger",
        "genetic data",
        ("genetic", "genetisk", "dna", "genetikk"),
        ("genetic", "genetisk", "dna"),
    ),
    Category(
        "biometric",
        "biometriske opplysninger for å entydig identifisere en person",
        "biometric data for uniquely identifying a person",
        ("biometric", "biometri", "biometrisk", "fingerprint", "fingeravtrykk"),
        ("biometri", "biometric", "fingerprint", "fingeravtrykk", "ansiktsgjenkjenning", "facial recognition"),
    ),
    Category(
        "health",
        "helseopplysninger",
        "data concerning health",
        ("health", "helse", "medical", "medisinsk", "diagnose", "diagnosis"),
        (
            "helse",
            "health",
            "medical",
            "medisinsk",
            "diagnos",
            "sykdom",
            "sykemeld",
            "sykmeld",
            "sykefravaer",
            "sick leave",
            "pasientjournal",
            "journalopplysning",
        ),
    ),
    Category(
        "sex-life",
        "seksuelle forhold eller seksuell orientering",
        "sex life or sexual orientation",
        ("sex", "sex-life", "sexual", "seksuell", "seksualitet", "legning", "orientation"),
        ("sex life", "sexual", "seksuell", "seksualitet", "legning"),
    ),
)
BY_CODE = {c.code: c for c in ART9}

CRIMINAL = Category(
    "criminal",
    "opplysninger om straffedommer og lovovertredelser",
    "personal data relating to criminal convictions and offences",
    ("criminal", "crime", "straff", "straffedom", "straffedommer", "lovbrudd", "politiattest", "vandelsattest"),
    ("criminal", "conviction", "straffedom", "straffbar", "straffeattest", "lovbrudd", "lovovertred", "politiattest"),
)
NATIONAL_ID = Category(
    "national-id",
    "fødselsnummer eller d-nummer",
    "national identity numbers (fødselsnummer or D number)",
    ("national-id", "fodselsnummer", "personnummer", "d-nummer", "dnummer", "ssn"),
    ("fodselsnummer", "fodselsnr", "personnummer", "d nummer", "dnummer", "national id", "national identity"),
)
NO_WORDS = ("no", "nei", "none", "ingen")
ACCEPTED = ", ".join([c.code for c in ART9] + [CRIMINAL.code, NATIONAL_ID.code]) + (
    " (or Norwegian: helse, biometri, genetisk, etnisk, politisk, religion, fagforening, seksuell, straffedommer, "
    'fødselsnummer); no for none; or a description in quotes, e.g. special="helseopplysninger om pasienter"'
)


class Special(NamedTuple):
    """What an engagement holds of Art. 9, Art. 10 and national-id data; None where it is not recorded."""

    categories: tuple[str, ...] | None
    criminal: bool | None
    national_id: bool | None

    @property
    def sensitive(self) -> bool:
        """Art. 9 or Art. 10 data."""
        return bool(self.categories) or self.criminal is True


def _matches(category: Category, folded: str) -> bool:
    """Whether the folded text (see _fold) names the category."""
    return _pattern(category.stems).search(folded) is not None


@cache
def _pattern(stems: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the stems at the start of a word of a folded text."""
    return re.compile("(?:^| )(?:" + "|".join(map(re.escape, stems)) + ")")


def _fold(text: str) -> str:
    """The text's words, ascii-folded, hyphens as spaces, one space between each."""
    return " ".join(words(ascii_fold(text).replace("-", " ")))


def _word_at(text: str, folded: str, index: int) -> str:
    """The word of `text` (as written) that starts at `index` of its folded form."""
    position = folded[:index].count(" ") + (index > 0)
    written = words(text.replace("-", " "))
    if len(written) == folded.count(" ") + 1:
        return written[position]
    return folded[index:].strip().split(" ")[0]


def first_mention(stems: tuple[str, ...], text: str) -> str | None:
    """The first word of the text that starts with one of the stems (ascii-folded: 'pasient' finds 'Pasientene'),
    as written, or None."""
    folded = _fold(text)
    match = _pattern(stems).search(folded)
    return _word_at(text, folded, match.start()) if match else None


def mentions(text: str) -> list[tuple[Category, str]]:
    """Each category (Art. 9, criminal, national id) the text names, with the word that names it."""
    folded = _fold(text)
    found = []
    for category in (*ART9, CRIMINAL, NATIONAL_ID):
        match = _pattern(category.stems).search(folded)
        if match is not None:
            found.append((category, _word_at(text, folded, match.start())))
    return found


def parse(value: str) -> tuple[Special, str | None]:
    """special= as the DPO gives it: no; a comma-separated list of categories (codes, English or Norwegian words);
    or a description in words, kept as text, from which the categories it names are read. Returns the structured
    values (None where the value says nothing) and the text to keep (None for a list of categories). A list with
    an unknown word is refused with the accepted words."""
    raw = value.strip()
    if ascii_fold(raw) in NO_WORDS:
        return Special((), False, None), "no"
    items = [item.strip() for item in raw.split(",") if item.strip()]
    listed: list[Category] = []
    for item in items:
        category = _category(item)
        if category is None:
            if len(words(item)) <= 1:
                raise InputError("Unknown special category", value=item, accepted=ACCEPTED)
            return from_text(raw), raw  # a description in words
        listed.append(category)
    if not listed:
        raise InputError("special= is empty", accepted=ACCEPTED)
    return (
        Special(
            tuple(c.code for c in ART9 if c in listed),
            True if CRIMINAL in listed else None,
            True if NATIONAL_ID in listed else None,
        ),
        None,
    )


def _category(item: str) -> Category | None:
    """The category one listed word or phrase names, if it names exactly one whole."""
    folded = _fold(item)
    for category in (*ART9, CRIMINAL, NATIONAL_ID):
        if folded in category.names or folded.replace(" ", "-") in category.names or folded == category.code:
            return category
    if len(folded.split()) == 1:
        for category in (*ART9, CRIMINAL, NATIONAL_ID):
            if _matches(category, folded):
                return category
    return None


@lru_cache(maxsize=8192)
def from_text(text: str) -> Special:
    """The categories a free text names; None for what it does not name (remembered: a review reads the data
    categories of every engagement, and registries repeat the same few)."""
    named = [c for c, _ in mentions(text)]
    art9 = tuple(c.code for c in ART9 if c in named)
    return Special(art9 or None, True if CRIMINAL in named else None, True if NATIONAL_ID in named else None)


def recorded(e: Engagement) -> Special:
    """What the engagement records: its structured fields, and where they are empty, what its `special` text says
    ("no": no Art. 9 or Art. 10 data)."""
    text = e.special or ""
    derived = Special((), False, None) if text == "no" else from_text(text)
    categories = tuple(e.special_categories) if e.special_categories is not None else derived.categories
    return Special(
        categories,
        e.criminal if e.criminal is not None else derived.criminal,
        e.national_id if e.national_id is not None else derived.national_id,
    )


def names(special: Special, lang: str) -> list[str]:
    """The recorded Art. 9 and Art. 10 data in words, in the document's language (nb or en)."""
    out = [getattr(BY_CODE[code], lang) for code in special.categories or () if code in BY_CODE]
    if special.criminal:
        out.append(getattr(CRIMINAL, lang))
    return out


def data_warnings(e: Engagement) -> list[str]:
    """What the engagement's data= categories say that special=, criminal= or national-id= does not: each with
    the option that records it."""
    have = recorded(e)
    out = []
    for category, word in mentions(", ".join(e.data)):
        if category is CRIMINAL:
            known, option = have.criminal, "criminal=yes"
            missing = known is None
            negative = known is False
        elif category is NATIONAL_ID:
            known, option = have.national_id, "national-id=yes"
            missing = known is None
            negative = known is False
        else:
            option = f"special={category.code}"
            missing = have.categories is None
            negative = not missing and category.code not in (have.categories or ())
        key = option.split("=")[0]
        if missing:
            out.append(f"data= mentions '{word}': record {option}, or {key}=no if not.")
        elif negative:
            out.append(f"data= mentions '{word}', but {key}= does not say so: check it ({option}).")
    return out


def summary(e: Engagement) -> str:
    """What the engagement records of Art. 9, Art. 10, national-id data and its DPIA, in a few English words
    ('Art. 9: health; national ID numbers; DPIA 2026-10-01'); empty when nothing is recorded."""
    have = recorded(e)
    parts = []
    if have.categories:
        parts.append("Art. 9: " + ", ".join(have.categories))
    elif have.categories == () and have.criminal is False:
        parts.append("no Art. 9/10 data")
    elif have.categories == ():
        parts.append("no Art. 9 data")
    if have.criminal:
        parts.append("Art. 10: criminal-offence data")
    if have.national_id:
        parts.append("national ID numbers")
    if e.dpia:
        parts.append(f"DPIA {e.dpia.isoformat()}")
    elif e.dpia_not_needed:
        parts.append("no DPIA needed")
    return "; ".join(parts)


def as_data(e: Engagement) -> dict[str, Any]:
    """What the engagement records of them, as JSON: None where it is not recorded."""
    have = recorded(e)
    categories = None if have.categories is None else list(have.categories)
    return {"special_categories": categories, "criminal": have.criminal, "national_id": have.national_id}


def as_cells(e: Engagement) -> dict[str, str]:
    """The export's cells: the categories in English ('none', or empty when not recorded), yes, no or empty."""
    have = recorded(e)
    categories = "" if have.categories is None else "; ".join(BY_CODE[c].en for c in have.categories) or "none"
    return {
        "special_categories": categories,
        "criminal_offence_data": _yes_no(have.criminal),
        "national_id_numbers": _yes_no(have.national_id),
    }


def _yes_no(value: bool | None) -> str:
    return "" if value is None else "yes" if value else "no"
