"""Deadlines an inquiry claims and phrases saying when it was received, found and returned as written."""

from __future__ import annotations

import re

_MONTHS = (
    r"jan(?:uar|uary|vier)?|feb(?:ruar|ruary|ruari)?|mar(?:s|ch)?|märz|apr(?:il)?|ma[ij]|may|jun[ie]?|juni|jul[iy]?"
    r"|aug(?:ust|usti)?|sep(?:t|tember)?|o[kc]t(?:ober)?|nov(?:ember)?|de[sczk](?:ember)?"
)
_WEEKDAYS = (
    r"mandag|måndag|tirsdag|tysdag|onsdag|torsdag|fredag|lørdag|laurdag|søndag|sundag|monday|tuesday|wednesday"
    r"|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|måndag|tisdag"
    r"|lördag|söndag"
)
# A date as people write it: "1. mars 2025", "3 March", "March 3rd, 2025", "12.02.2025", "2025-03-01",
# or a relative day ("i går", "yesterday").
_DATE = (
    rf"(?:(?:{_WEEKDAYS}),?\s+)?(?:den\s+|the\s+)?"
    rf"(?:\d{{1,2}}\.?\s*(?:of\s+)?(?:{_MONTHS})\.?(?:,?\s+\d{{4}})?"
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}\.\d{{1,2}}\.(?:\d{{4}}|\d{{2}})?|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?)"
    r"|i dag|i går|i forgårs|i gær|idag|igår|today|yesterday|heute|gestern|i morges|this morning"
)
_NUMBER = (
    r"\d+|en|ei|ein|én|eitt|ett|et|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|fjorten|femten|tjue|tretti"
    r"|one|a|two|three|four|five|six|seven|eight|nine|ten|fourteen|fifteen|twenty|thirty|zwei|drei|vier|fünf"
    r"|sieben|zehn|vierzehn|dreißig|tre|fyra|två|fjorton|trettio|otte|femogtyve|tredive"
)
_UNIT = (
    r"(?:(?:business|working|calendar|virke|arbeids|yrkes|arbejds|vardags)\s*)?"
    r"(?:dager|dagar|dage|dagene|days?|tagen?|werktagen|uker|veker|uger|veckor|weeks?|wochen|måned(?:er)?|månad(?:er)?"
    r"|måneder|månader|months?|monate?n?|timer|hours?|stunden|år|years?|jahre?n?)"
)
_FROM = (
    r"(?:\s+(?:fra|frå|from|of|efter|etter|after|nach|från)\s+(?:dags dato|i dag|mottak\w*|receipt|the date of this letter"
    r"|this letter|the date of|dette brevet|brevets dato|zugang|erhalt|dato))?"
)
_DEADLINE = re.compile(
    rf"\b(?:innen|innan|inden|senest|seinast|within|inom|innerhalb(?:\s+von)?|binnen|no later than|not later than)\s+"
    rf"(?:(?:{_NUMBER})\s+{_UNIT}{_FROM}|(?:{_DATE}))"
    rf"|\b(?:fristen|frist|the deadline|deadline)\s+(?:er|is|på|of|ist|är)\s+(?:{_NUMBER})\s+{_UNIT}"
    rf"|\b(?:by|før|innen|bis(?:\s+zum)?|until)\s+(?:{_WEEKDAYS})\b",
    re.IGNORECASE,
)
_RECEIVED = re.compile(
    r"\b(?:mottatt|motteke|mottok|mottekne|fikk inn|fekk inn|kom inn|received|erhalten|eingegangen|mottaget|mottog"
    r"|modtaget|modtog|sendt|sende|sendte|sent|datert|dated|dato|(?<!due )date|skrev|wrote|skickade|schrieb)\b:?"
    rf"[^.!?\n]{{0,40}}?\b(?:{_DATE})(?:\s+\d{{4}})?",
    re.IGNORECASE,
)


def claimed_deadline(text: str) -> str | None:
    """The first deadline the text sets or quotes ("innen 30 dager", "within 14 days"), as written."""
    match = _DEADLINE.search(text)
    return _clean(match.group(0)) if match else None


def received_phrase(text: str) -> str | None:
    """The first phrase saying when the message (or the one it forwards) was sent or received, as written."""
    match = _RECEIVED.search(text)
    return _clean(match.group(0)) if match else None


def _clean(phrase: str) -> str:
    return " ".join(phrase.split()).rstrip(",.:")
