"""The language of a text: py3langid's character n-gram model decides, our word cues settle what it cannot.

py3langid reads well-formed text of a line or more in every language we meet (bench/bench_language.py,
BENCHMARKS.md). Where it is weak our cue words decide: bokmål against nynorsk (it often takes nynorsk for
bokmål), Norwegian against Danish in a line without telling letters ("Selger dere gavekort?"), and texts too
short for character statistics ("pls unsub me", "CRM?"), where the words decide and then the reader's own
language (the hint, e.g. their Slack locale).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

LANGUAGES = ("nb", "nn", "en", "sv", "da", "de", "fr")
DEFAULT = "nb"  # a Norwegian company: when nothing decides, bokmål
# Below this probability the model is guessing (short texts, names, jargon): the words and the hint decide.
SURE = 0.9
_LIBRARY_CODE = {"nb": "no"}  # py3langid knows bokmål as "no" (and nynorsk as "nn")
_SIBLING = {"nb": "nn", "nn": "nb"}  # one written language in two standards: the one asked for stands for both

# Words typical of each language (casefolded). A word several languages write ("og", "for", "det") is listed
# under each and splits its vote, so only telling words move the result.
_WORDS: dict[str, frozenset[str]] = {
    "nb": frozenset(
        """jeg ikke hva hvem hvordan hvorfor hvor hvilke hvilken hvilket dere deres noe noen vennlig vennligst
        opplysninger personopplysninger opplysningene mye fortsatt ennå ønsker fått sletter slettes sletting lagret
        lagres ligger leilighet gjør annet være bare fra hilsen bruker brukes vet finnes fins utenfor et en
        og er av dine din mitt min mine våre vår vårt oss som på det den du vi dem for med har til om kan vil eller
        ei sin sine sitt ut meg deg seg henne takk mvh hei hallo hjelp også kunne hadde etter nå blir ble""".split()
    ),
    "nn": frozenset(
        """eg ikkje kva kven kor korleis kvifor kvar dykk dykkar hjå frå òg vere vert vart berre noko nokon ein eit
        helsing venleg ynskjer ønskjer opplysningar personopplysningar opplysningane dei deira sende ho heiter tek
        sjølv mykje motteke trekkjer attende avgrensar slettar brukar nyttar nytte vidare enno fleire veit
        marknadsføring nettsida bilete leilegheit bustad avslegen tilsett saka fekk klaga måndag leigetakar
        personvernombod utan utanfor nyheitsbrev nyheitsbrevet meir ver gjer seier kome kjem lagra
        og er av dine din mitt min mine våre vår vårt oss som på det den du vi dem for med har til om kan vil eller
        ei sin sine sitt ut meg deg seg henne takk mvh hei hallo hjelp også kunne hadde etter nå blir""".split()
    ),
    "en": frozenset(
        """the and you your my me is to of please have what what's whats with for this that it it's are do was not
        want would could from be been about hi hey hello thanks thank regards any anything we us our ours they he
        she him has if so can did does will yes there their just got who whom whose who's which where why how
        an tell know known use uses used using outside help these those or signed its stored kept delete remove
        unsubscribe account email emails personal erase copy""".split()
    ),
    "sv": frozenset(
        """jag inte vad vem hur och att är till från också alla mina personuppgifter uppgifter hälsningar vänliga
        sluta skicka reklam samtycke återkallar begär registerutdrag vilka kund varit aldrig enligt lämnat hanterat
        använder motsätter ni mitt hej mig av som på det du vi för med har om kan vill tack""".split()
    ),
    "da": frozenset(
        """jeg ikke hvem hvordan hvilke mig dig sig hvad jer jeres af efter nu noget nogen venlig venligst gerne
        bliver blev oplysninger personoplysninger lejemål mit forkert rigtige opsagt indsigt registreret være også
        bare fra hilsen hej tak og er som på det du vi dem for med har til om kan vil længere gemt""".split()
    ),
    "de": frozenset(
        """ich nicht was wer wie sie ihr ihre ihrer ihrem ihnen mich mein meine meiner meinen und zu ist die der das
        bitte daten mit von den dem für über hiermit gemäß sehr geehrte damen herren grüßen freundlichen einwilligung
        auskunft löschen person gespeicherten nutzung werbezwecke widerspreche verarbeitung auf unverzüglich
        bestätigen schriftlich innerhalb tagen finde keine angabe webseite datenschutzbeauftragter du""".split()
    ),
    "fr": frozenset(
        """je vous nous les des une est pas que qui mon ma mes votre vos pour avec dans sur par merci bonjour
        madame monsieur données personnelles demande suppression supprimer droit accès compte être""".split()
    ),
}
# Beginnings of words in privacy texts (the jargon of employees' questions) and the languages that write them.
_STEMS: dict[str, tuple[str, ...]] = {
    "nb": ("behandl", "ansvarl", "overfør", "avtal", "underleverand", "personvern", "opplysning", "registrer",
           "opptak", "besøk", "lagr", "signer", "leverandør"),
    "nn": ("handsam", "behandl", "ansvarl", "overfør", "avtal", "personvern", "opplysning", "lagr", "leverandør"),
    "da": ("behandl", "ansvarl", "overfør", "aftal", "oplysning", "registrer", "leverandør"),
    "en": ("control", "process", "transfer", "agreement", "recording", "registration", "visitor", "subprocess",
           "responsib", "contract", "supplier", "vendor", "employee", "customer"),
}  # fmt: skip
_NB_ONLY = _WORDS["nb"] - _WORDS["nn"]
_NN_ONLY = _WORDS["nn"] - _WORDS["nb"]
# Common words Norwegian (either standard) writes and Danish does not, and the other way round.
_NO_NOT_DA = frozenset(
    """meg deg seg hva dere deres noe noen blir ble vennlig vennligst opplysninger opplysningene personopplysninger
    etter nå hei takk mye gjør av oss ut innsyn lagret lagres slett sletting hjelp bruker brukes vet fortell utenfor
    eg ikkje kva kven korleis dykk dykkar frå berre noko nokon ein eit helsing venleg opplysningar ønskjer
    gjerne""".split()
)
_DA_NOT_NO = frozenset(
    """mig dig sig hvad jer jeres af noget nogen bliver blev oplysninger oplysningerne personoplysninger efter nu
    hej tak gerne venlig venligst indsigt aktindsigt længere gemt os ud slet sletning hjælp bruger udenfor""".split()
)
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")

_lock = threading.Lock()
_model: LanguageIdentifier | None = None


def hint_language(hint: str | None) -> str | None:
    """A locale as one of our codes: 'nb-NO', 'no' -> 'nb'; 'nn_NO' -> 'nn'; 'en-GB' -> 'en'; unknown -> None."""
    code = (hint or "").strip().casefold().replace("_", "-").split("-")[0]
    if code == "no":
        return "nb"
    return code if code in LANGUAGES else None


def detect(text: str, *, among: Iterable[str] = LANGUAGES, hint: str | None = None) -> str:
    """The language of `text`, one of `among` (our codes, as in LANGUAGES).

    `hint` (a locale such as the reader's Slack language) decides only when the text does not: no words, or
    words that tell no language from another. When `among` holds one of bokmål and nynorsk but not the other,
    the one held stands for both ("kven er ..." is "nb" among ("nb", "en")).
    """
    wanted = tuple(dict.fromkeys(among))
    if not wanted or set(wanted) - set(LANGUAGES):
        raise ValueError(f"among must be some of {', '.join(LANGUAGES)}, not {wanted!r}")
    scope = wanted + tuple(_SIBLING[w] for w in wanted if w in _SIBLING and _SIBLING[w] not in wanted)
    hinted = _fold(hint_language(hint), wanted)
    tokens = [t.replace("’", "'") for t in _TOKEN.findall(text.casefold())]
    if not tokens:
        return hinted or (DEFAULT if DEFAULT in wanted else wanted[0])
    ranked = _ranked(text, scope)
    best, probability = ranked[0]
    if probability < SURE:
        voted = _voted(tokens, scope)
        if not voted:  # no word we know: a name, a code, jargon ("IWMAC?")
            return hinted or (DEFAULT if DEFAULT in wanted else best)
        if hinted in voted:
            return hinted
        best = next(lang for lang, _ in ranked if lang in voted)  # the words decide, the model breaks a tie
    return _fold(_scandinavian(best, tokens, scope), wanted) or best


def _fold(lang: str | None, wanted: tuple[str, ...]) -> str | None:
    """`lang` if asked for, its sibling standard if that was asked for instead, else None."""
    if lang in wanted:
        return lang
    sibling = _SIBLING.get(lang or "")
    return sibling if sibling in wanted else None


def _ranked(text: str, scope: tuple[str, ...]) -> list[tuple[str, float]]:
    """The languages in scope by the model's probability, best first (the probabilities sum to 1)."""
    codes = {_LIBRARY_CODE.get(lang, lang): lang for lang in scope}
    ranked = [(codes[code], p) for code, p in _identifier().rank(text) if code in codes]
    total = sum(p for _, p in ranked) or 1.0
    return [(lang, p / total) for lang, p in ranked]


def _voted(tokens: list[str], scope: tuple[str, ...]) -> list[str]:
    """The languages in scope whose words the text uses most; [] when it uses none of them."""
    votes = dict.fromkeys(scope, 0.0)
    for token in tokens:
        holders = [lang for lang in scope if token in _WORDS[lang] or token.startswith(_STEMS.get(lang, ("\0",)))]
        for lang in holders:
            votes[lang] += 1.0 / len(holders)
    top = max(votes.values())
    return [lang for lang, v in votes.items() if v == top] if top > 0 else []


def _scandinavian(best: str, tokens: list[str], scope: tuple[str, ...]) -> str:
    """Norwegian against Danish, then bokmål against nynorsk, by the words only one of them writes."""
    if best in ("nb", "nn", "da") and "da" in scope and ({"nb", "nn"} & set(scope)):
        norwegian = sum(t in _NO_NOT_DA for t in tokens)
        danish = sum(t in _DA_NOT_NO for t in tokens)
        if danish > norwegian:
            best = "da"
        elif norwegian > danish and best == "da":
            best = "nb" if "nb" in scope else "nn"
    if best in ("nb", "nn") and {"nb", "nn"} <= set(scope):
        nb = sum(t in _NB_ONLY for t in tokens)
        nn = sum(t in _NN_ONLY for t in tokens)
        if nb != nn:
            best = "nb" if nb > nn else "nn"
    return best


def _identifier() -> LanguageIdentifier:
    """py3langid's model restricted to our languages, loaded once (~0.6 s) on first use."""
    global _model
    with _lock:
        if _model is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            model = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
            model.set_languages([_LIBRARY_CODE.get(lang, lang) for lang in LANGUAGES])
            _model = model
        return _model
