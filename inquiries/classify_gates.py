"""What the inquiry classifier sets aside: masked look-alike phrases, non-inquiries, and general questions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from inquiries.classify_vocab import MAILING_LIST, rx


@dataclass(frozen=True)
class Mask:
    """A phrase inside which rules for `types` do not count ("slett meg fra nyhetsbrevet" is no erasure
    request); with `whole_text`, those types do not count anywhere in the text."""

    pattern: re.Pattern[str]
    types: tuple[str, ...]
    whole_text: bool = False


# Retention questions mention erasure without asking for it; "slett meg fra nyhetsbrevet" and "fjern
# samtykket" are an opt-out and a withdrawal; "don't delete yet" is the opposite of erasure; a threat to
# complain is not yet a complaint; a freedom-of-information request uses "innsyn" for public documents, not
# for personal data (LAW.md, Chapter III).
MASKS: tuple[Mask, ...] = (
    Mask(
        rx(
            r"\b(?:hvor|kor|how|wie|hur)\s+(?:lenge|long|lang tid|længe|lange|länge)\b[^.!?\n]*",
            r"\b(?:når|when)\s+(?:sletter|slettar|delete|do you delete)\b[^.!?\n]*",
        ),
        ("erasure", "access", "rectification", "restriction", "portability"),
    ),
    Mask(rx(MAILING_LIST), ("erasure",)),
    Mask(
        rx(
            r"\b(?:fjern\w*|slett\w*|remove|delete|ta bort)\s+(?:\w+\s+)?(?:samtyk\w*|consent\w*|samtyck\w*|einwilligung\w*)"
        ),
        ("erasure",),
    ),
    Mask(rx(r"\b(?:ikke|ikkje|don'?t|do not|nicht|inte)\s+(?:slett|delete|lösch|radera)\w*[^.!?\n]*"), ("erasure",)),
    Mask(
        rx(
            r"\b(?:ellers|elles|otherwise|or else|hvis ikke|viss ikkje|dersom|om ikke|kommer til å|vurderer å|vurderer|considering"
            r"|will|i'll|going to|intend to|sonst|annars|unless)\b[^.!?\n]{0,40}?(?:klag|complain|datatilsynet|supervisory|tilsynet|beschwer)[^.!?\n]*"
        ),
        ("complaint",),
    ),
    Mask(
        rx(
            r"offentleglov\w*|offentlighetslov\w*|innsynskrav(?:et|ene)?\b(?!\s+(?:mitt|mi|min|mine)\b)|krav om innsyn i (?:saks)?dokument\w*",
            r"saksdokument\w*|postjournal\w*|meirinnsyn|merinnsyn|freedom of information|offentlighetsprincip\w*|aktindsigt\w*",
            r"informationsfreiheit\w*|offentlege? dokument\w*",
        ),
        ("access", "question"),
        whole_text=True,
    ),
)

# Kinds of message that are no inquiry however many privacy words they hold.
AUTO_REPLY = rx(
    r"automatisk svar|auto(?:matic)?[- ]?reply|out of (?:the )?office|\bfraværende\b|\bfråverande\b|abwesenheitsnotiz|frånvaromeddelande",
    r"^\W*(?:jeg|eg|jag|ich|i|i'm)\s+(?:er\s+|am\s+|bin\s+|är\s+)?(?:på ferie|på semester|on holiday|on vacation|away|im urlaub)",
)
INVOICE = rx(
    r"\bfaktura\w*|\binvoice\w*|forfallsdato|\bdue date\b|amount due|\bbeløp:|kid-?nummer|\brechnung\w*|payment terms"
)
BULK_MAIL = rx(
    r"\bmeld deg (?:av|på)\b|\bunsubscribe\b|manage (?:email )?preferences|du mottar denne e-?posten|you are receiving this",
    r"\bwebinar\w*|register now|sign up now|\bpåmelding\b|\babmelden\b|avslutt abonnement",
)
DPA_TALK = rx(
    r"databehandleravtal\w*|data processing agreement|\bdpa\b|auftragsverarbeitungsvertrag|personuppgiftsbiträdesavtal\w*|databehandleraftal\w*"
)
DPA_TALK_CUE = rx(
    r"utkast\w*|merknad\w*|redline\w*|\bannex\b|\bbilag\b|punkt \d|\bclause\b|klausul\w*|comments|kommentar\w*|forhandl\w*",
    r"negotiat\w*|\bsigner\w*|\bsign\b|underdatabehandler\w*|sub-?processor\w*",
)
# Upper-case "I" only: lower-case "i" is the Scandinavian "in".
FIRST_PERSON = re.compile(r"\bI(?:'m|'ve|'d)?\b|(?i:\b(?:jeg|eg|jag|ich|me|meg|mig|mich|my|mitt|meine?)\b)")

# Questions count only when nothing else does: "what data do you have on me?" is an access request.
QUESTION_TOPIC = rx(
    r"speicher\w*|aufbewahr\w*|ausweis\w*|sparar|förvar\w*|tilgang\w*|\baccess to\b|underleverandør\w*|sub-?processor\w*",
    r"personvern\w*|op?plysning\w*|personuppgift\w*|\bdata\b|\bdaten\b|datenschutz\w*|\bcv\w*|kamera\w*|opptak\w*|overvak\w*|overvåk\w*",
    r"\blagr\w*|slett\w*|behandlingsgrunnlag\w*|\bdpo\b|privacy|\bgdpr\b|passport|\bpass\b|transfer\w*|overfør\w*|\bkeep\b|retain\w*",
    r"innsyn\w*|\baccess\b|\bfrist\w*|\bdeadline\b|personvernforordning\w*|retention|lagringstid|cctv|footage|monitor\w*|surveillance|\busa\b|\bthe us\b|cookies?|samtyk\w*|consent|bilnummer|kredittsjekk\w*|\btek vare\b|\btar vare\b",
    r"legal basis|rettslig grunnlag|rechtsgrundlage|rättslig grund|background check\w*|bakgrunnssjekk\w*|førerkort\w*|personnummer\w*",
)
QUESTION_CUE = rx(
    r"\?|\b(?:hvor|kor|how)\s+(?:lenge|long)\b|\b(?:hvem|kven|who|wer|vem)\s+(?:er|is|ist|är)\b|\blurer på\b|\bwondering\b|\bundrar\b",
    r"\bhar vi lov\b|\bis it legal\b|\b(?:could|can) you tell me\b|\bkan (?:du|dere|de) fortelle\b",
    r"\b(?:forklaring på|explain|erklären)\b[^.!?\n]{0,20}\b(?:hvordan|korleis|how|wie|hur)\b|\b(?:hvordan|korleis|how|wie|hur)\s+(?:dere|de|you|sie|ni)\b",
)
