"""All phrase rules of the inquiry classifier: the rights over the data (rules_data_rights) and over its use
(rules_use_rights), complaints and reminders."""

from __future__ import annotations

from inquiries.classify_vocab import AUTHORITY, THRESHOLD, Rule, rx
from inquiries.rules_data_rights import ACCESS, ERASURE, RECTIFICATION, RESTRICTION
from inquiries.rules_use_rights import AUTOMATED_DECISION, OBJECTION, PORTABILITY, WITHDRAW_CONSENT

__all__ = ["RULES", "THRESHOLD"]

# Complaint to (or from) the supervisory authority (Art. 77).
COMPLAINT = (
    Rule(
        "complaint",
        rx(r"\b(?:klag\w*|beschwer\w*|complain\w*|anmäl\w*|anmeld\w*|reported)\b"),
        3,
        near=rx(AUTHORITY),
        window=60,
    ),
    Rule(
        "complaint",
        rx(
            r"(?:har mottatt|har motteke|mottatt)\s+(?:en |ei |ein )?klage|received a complaint",
            r"(?:lodged|filed|filing|lodging|submitted) a complaint",
        ),
        3,
    ),
    Rule(
        "complaint",
        rx(
            r"\b(?:formell|formal)\s+(?:klage|complaint)|\bjeg klager\b|\beg klagar\b|\bklager herved|\bi (?:wish to )?complain\b",
            r"\bklagomål\b|\bbeschwerde\b",
        ),
        2,
    ),
    Rule("complaint", rx(AUTHORITY), 1),
)

# A reminder about an earlier request that has gone unanswered.
REMINDER = (
    Rule(
        "reminder",
        rx(
            r"\b(?:andre|tredje|fjerde|second|third|fourth|zweite|dritte|andra|anden)\s+(?:gang|gong|time|mal|gången)\b",
            r"\bførste gang var\b|\bfirst time was\b",
        ),
        3,
    ),
    Rule(
        "reminder",
        rx(
            r"\b(?:am|den|on)\s+\d{1,2}\.?\s*[a-zäöü]{3,}\.?\s+(?:geschrieben|gesendet|geschickt|kontaktiert)",
            r"\bmy previous (?:\w+\s+)?(?:e-?mails?|letters?|requests?)",
        ),
        2,
    ),
    Rule("reminder", rx(r"\bpurr\w*|\bpåminn\w*|\breminder\b|\berinnerung\b|\bmahnung\b|\brykker\b|\bnachfrage\b"), 3),
    Rule(
        "reminder",
        rx(
            r"\bviser til (?:min|mi|mitt|mine|vår|vårt)\s+(?:\w+\s+)?(?:henvend|forespørs|førespurnad|e-?post|brev|krav|begjæring|melding|mail)\w*",
            r"\b(?:request|forespørsel|henvendelse|førespurnad|anmodning|anfrage|begäran|e-?mail|e-?post|brev|letter)\b(?:\s+\w+){0,3}?\s+"
            r"(?:from|of|dated|sent on|av|fra|frå|datert|vom|den)\s+(?:the\s+)?\d",
        ),
        3,
    ),
    Rule(
        "reminder",
        rx(
            r"\b(?:har|have|has|haven't|hasn't)\s+(?:fortsatt\s+|ennå\s+|enno\s+|still\s+|endnu\s+|noch\s+)?(?:ikke\s+|ikkje\s+|not\s+|inte\s+|nicht\s+)?"
            r"(?:ennå\s+|enno\s+|yet\s+)?(?:fått|fenge|received|heard|hørt|høyrt|modtaget|erhalten)\s*(?:noe\s+|noko\s+|any\s+|a\s+|noget\s+)?"
            r"(?:svar|reply|response|back|answer|noe|noko|fra dere|frå dykk|from you|antwort)",
            r"\b(?:ikke|ikkje|not|inte|nicht)\s+(?:\w+\s+)?(?:fått|fået|fenge|fick|received|erhalten|modtaget)\s+(?:noe\s+|noko\s+|noget\s+|any\s+|a\s+|något\s+)?"
            r"(?:svar|reply|response|answer|antwort)",
            r"\bkeine antwort\b|\binget svar\b|\bintet svar\b|\bstill no (?:reply|response|answer)|\bno (?:reply|response) (?:yet|so far)|ingen svar ennå|noch keine antwort|bisher keine antwort",
            r"\b(?:have|has)\s+not\s+(?:yet\s+)?(?:replied|responded|answered)",
        ),
        2,
    ),
    Rule(
        "reminder",
        rx(
            r"\b(?:jeg|eg|i|han|hun|ho|she|he)\s+(?:sendte|sende|skrev|wrote|sent|ba|bad|asked)\b[^.!?\n]{0,60}?"
            r"(?:\b\d{1,2}\.?\s?[a-zæøå]{3,}|\b(?:for|over)\s+\w+\s+(?:uker|veker|dager|dagar|måneder|månader)\s+siden|\b\w+\s+(?:weeks|days|months)\s+ago)",
            r"\b(?:gått|passed|been|gått over)\s+(?:\w+\s+){0,2}(?:uker|veker|dager|dagar|måneder|månader|weeks|days|months)\b",
        ),
        2,
    ),
    Rule(
        "reminder",
        rx(
            r"second request|\bandre gang\b|follow(?:ing)?[- ]up\b|still waiting|venter fortsatt|\boverdue\b|more than a month|over en måned|mer enn en måned"
        ),
        2,
    ),
    Rule(
        "reminder",
        rx(
            r"\bminner om\b|weeks ago|\buker siden\b|sagt fra før|already told you|\ben gang til\b|\bonce again\b|\bagain\b"
        ),
        1,
    ),
    Rule(
        "reminder",
        rx(r"\b(?:ikke|ikkje|not|never|aldri)\s+(?:\w+\s+)?(?:svart|svarte|answered|replied|responded|besvart)\b"),
        1,
    ),
    Rule(
        "reminder",
        rx(r"\b(?:vil|want|expect|forvente|krever|demand)\w*\s+(?:\w+\s+){0,3}(?:svar|an answer|a reply|a response)\b"),
        1,
    ),
)

RULES: tuple[Rule, ...] = (
    *ACCESS,
    *RECTIFICATION,
    *ERASURE,
    *RESTRICTION,
    *PORTABILITY,
    *OBJECTION,
    *WITHDRAW_CONSENT,
    *AUTOMATED_DECISION,
    *COMPLAINT,
    *REMINDER,
)
