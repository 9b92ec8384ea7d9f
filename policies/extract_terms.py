"""Retention periods, the promised answer deadline for data subject requests, and the legal bases a policy cites."""

from __future__ import annotations

import re

from policies.extract_doc import Doc, Found, Item
from policies.extract_text import evidence
from policies.extract_vocab_terms import (
    AT_LEAST as _AT_LEAST,
)
from policies.extract_vocab_terms import (
    BASIS_WORDS as _BASIS_WORDS,
)
from policies.extract_vocab_terms import (
    DEADLINE_CUE as _DEADLINE_CUE,
)
from policies.extract_vocab_terms import (
    NUMBER_WORDS,
)
from policies.extract_vocab_terms import (
    RETENTION_CUE as _RETENTION_CUE,
)
from policies.extract_vocab_terms import (
    UNIT as _UNIT,
)
from policies.extract_vocab_terms import (
    UP_TO as _UP_TO,
)
from policies.extract_vocab_terms import (
    VAGUE as _VAGUE,
)
from policies.extract_vocab_terms import (
    WHAT as _WHAT,
)

_NUM = r"(\d{1,4}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
PERIOD = re.compile(r"\b" + _NUM + r"\s*(?:\(\d+\)\s*)?" + _UNIT + r"(?![\w-])", re.I)
_RANGE = re.compile(
    r"\b(?:mellom|between|fra|from)?\s*"
    + _NUM
    + r"\s*(?:"
    + _UNIT
    + r")?\s*(?:og|and|til|to|-|–)\s*"
    + _NUM
    + r"\s*"
    + _UNIT
    + r"(?![\w-])",
    re.I,
)
_MIN_MAX = re.compile(
    r"(?:tidligst|minst|minimum|at\s+least|at\s+the\s+earliest)\s+(?:etter\s+|after\s+)?(?P<a>"
    + PERIOD.pattern[2:]
    + r")"
    r".{0,40}?(?:senest|maks\w*|høyst|inntil|at\s+the\s+latest|at\s+most|maximum)\s+(?:etter\s+|after\s+)?(?P<b>"
    + PERIOD.pattern[2:]
    + r")",
    re.I,
)
_AGE = re.compile(
    r"(?:under|over|barn|children|aged?|alder\w*|eldre\s+enn|yngre\s+enn|older\s+than|younger\s+than)\s+$", re.I
)
_AGE_AFTER = re.compile(r"^\s*(?:gammel|gamle|old|eller\s+yngre|eller\s+eldre|or\s+younger|or\s+older|of\s+age)", re.I)
_BY_LAW = re.compile(r"lov\w*$|law$|act$", re.I)


_RETENTION_HEADING = re.compile(_RETENTION_CUE.pattern + r"|how\s+long|hvor\s+lenge|kor\s+lenge", re.I)
_LABEL = re.compile(r"^\s*(?:[•·▪◦●■*–-]\s*)?([\w][\w\s/,&-]{1,40}?)\s*:\s+\S")


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


def _months(number: int, unit: str) -> int | None:
    unit = unit.lower()
    if unit.startswith(("år", "year")):
        return number * 12
    if unit.startswith(("mån", "mnd", "month")):
        return number
    days = number * 7 if unit.startswith(("uke", "week", "veke")) else number
    return round(days / 30.4)


def _age(text: str, start: int, end: int) -> bool:
    return bool(_AGE.search(text[max(0, start - 25) : start]) or _AGE_AFTER.match(text[end:]))


def retention(doc: Doc) -> list[Found]:
    out: list[Found] = []
    for index, unit in enumerate(doc.units):
        text = unit.text
        # "Backups: rolling 14 days." under "Retention": the heading says what the periods are.
        cued = _RETENTION_CUE.search(text) or (_RETENTION_HEADING.search(unit.heading) and _LABEL.match(text))
        if unit.is_heading or not cued or _DEADLINE_CUE.search(text):
            continue
        label = _LABEL.match(text)
        what = label.group(1).lower() if label else None
        what = what or _what(text, unit.heading, [u.text for u in doc.units[max(0, index - 3) : index]])
        spans: list[tuple[int, int]] = []
        for pattern in (_MIN_MAX, _RANGE) if PERIOD.search(text) else ():
            for match in pattern.finditer(text):
                if any(s < match.end() and match.start() < e for s, e in spans) or _age(text, *match.span()):
                    continue
                bounds = _bounds(match, pattern is _MIN_MAX)
                if bounds is None:
                    continue
                spans.append(match.span())
                value = {
                    "what": what,
                    "period": match.group().strip(),
                    "min_months": bounds[0],
                    "max_months": bounds[1],
                }
                out.append(_retention_found(value, text, match.span(), unit.start, "high"))
        for match in PERIOD.finditer(text):
            if any(s <= match.start() < e for s, e in spans) or _age(text, *match.span()):
                continue
            months = _months(_number(match.group(1)), match.group(2))
            before = text[max(0, match.start() - 25) : match.start()]
            up_to, at_least = _UP_TO.search(before), _AT_LEAST.search(before)
            value = {
                "what": what,
                "period": (at_least.group() if at_least else "") + match.group(),
                "min_months": None if up_to else months,
                "max_months": None if at_least else months,
            }
            out.append(_retention_found(value, text, match.span(), unit.start, "high"))
        for match in _VAGUE.finditer(text):
            if _BY_LAW.search(match.group()) and _has_period(text):
                continue  # "5 år, slik bokføringsloven krever": the law names the period's source
            value = {"what": what, "period": match.group(), "min_months": None, "max_months": None}
            out.append(_retention_found(value, text, match.span(), unit.start, "medium"))
    return out


def _has_period(text: str) -> bool:
    return PERIOD.search(text) is not None


def _what(text: str, heading: str, before: list[str]) -> str | None:
    """What the period is for: a data word in the sentence, its heading, or just before it."""
    for place in (text, heading, *reversed(before)):
        if not _WHAT.search(place):
            continue
        for word in re.findall(r"[\w-]+", place):
            if _WHAT.search(word) and not re.search(r"lov\w*$|act$", word, re.I):
                return word.lower()
    return None


def _bounds(match: re.Match[str], min_max: bool) -> tuple[int | None, int | None] | None:
    """The months of a range ("3 til 24 måneder", "between 2 and 5 years", "tidligst etter 3 ... senest etter 24")."""
    if min_max:
        low, high = PERIOD.search(match.group("a")), PERIOD.search(match.group("b"))
        assert low and high
        return _months(_number(low.group(1)), low.group(2)), _months(_number(high.group(1)), high.group(2))
    first, first_unit, second, second_unit = match.groups()
    if _number(first) > _number(second):
        return None
    return _months(_number(first), first_unit or second_unit), _months(_number(second), second_unit)


def _retention_found(value: dict, text: str, span: tuple[int, int], at: int, confidence: str) -> Found:
    item = Item("retention", value, evidence(text, span), confidence)
    return Found(item, (value["min_months"], value["max_months"]), at + span[0])


_REQUEST_CUE = re.compile(
    r"innsyn|rettighet|forespørsel|henvendelse|request|rights|svar|besvar|answer|respond|reply|krav", re.I
)
_WITHIN = re.compile(
    r"(?:innen|innan|senest|seinast|within|no\s+later\s+than|not\s+later\s+than|i\s+løpet\s+av|at\s+the\s+latest)\s+"
    r"(?:(?:en|én|a|one)\s+(?:\(1\)\s+)?)?" + PERIOD.pattern[2:],
    re.I,
)
_WITHIN_SIMPLE = re.compile(
    r"(?:innen|innan|senest|seinast|within|no\s+later\s+than|not\s+later\s+than|i\s+løpet\s+av)\s+"
    + PERIOD.pattern[2:],
    re.I,
)
_EXTEND = re.compile(
    r"(?:forlenges|forlenge|utvides|utvide|extend(?:ed)?|prolong\w*)\s+(?:\w+\s+){0,4}?(?:med|by|with)?\s*"
    r"(?:ytterligere\s+|(?:a\s+)?further\s+|additional\s+|up\s+to\s+|inntil\s+|opptil\s+)?"
    + _NUM
    + r"\s+(?:further\s+|additional\s+|more\s+|ytterligere\s+)?"
    + _UNIT
    + r"|(?:ytterligere|further|additional)\s+"
    + PERIOD.pattern[2:],
    re.I,
)


def deadlines(doc: Doc) -> list[Found]:
    for index, unit in enumerate(doc.units):
        if not _REQUEST_CUE.search(unit.text):
            continue
        match = _WITHIN_SIMPLE.search(unit.text)
        if match is None:
            continue
        number, period_unit = _number(match.group(1)), match.group(2).lower()
        if period_unit.startswith(("år", "year")):
            continue
        months = number if period_unit.startswith(("mån", "mnd", "month")) else None
        days = number if months is None else None
        if days is not None and period_unit.startswith(("uke", "week", "veke")):
            days *= 7
        extendable = None
        for following in doc.units[index : index + 4]:
            ext = _EXTEND.search(following.text)
            if ext:
                groups = [g for g in ext.groups() if g]
                extendable = _months(_number(groups[0]), groups[1])
                break
        value = {"days": days, "months": months, "extendable_months": extendable, "text": match.group()}
        confidence = "high" if re.search(r"svar|answer|respond|reply|besvar", unit.text, re.I) else "medium"
        return [Found(Item("deadline", value, evidence(unit.text, match.span()), confidence), (), unit.start)]
    return []


# ---- legal bases -------------------------------------------------------------------------------------------------

_ARTICLE = re.compile(r"(?:\bart(?:ikkel|icle|s)?\.?|§)\s*(6|9)(?!\d)", re.I)
_PARAGRAPH = re.compile(
    r"^\s*(?:\(\s*[12]\s*\)|nr\.?\s*[12]\b|første\s+ledd|annet\s+ledd|andre\s+ledd|para(?:graph)?\.?\s*[12]\b)", re.I
)
_LETTER_TOKENS = re.compile(
    r"\(\s*([a-jä])\s*\)|\b([a-jä])\)|\b([a-jä])\b|(,|og|and|or|eller|bokstav(?:ene)?|letters?|lit\.?|litra|pkt\.?)",
    re.I,
)
_WITHDRAW = re.compile(r"trekke\s+tilbake|withdraw|tilbakekall|oppheve", re.I)
_GENERIC_HEADING = re.compile(r"grunnlag|basis|hva\b|what\b|hvilke|which|legal|rettslig|hvorfor|why", re.I)


def _letters(tail: str) -> list[str]:
    # "art. 6 nr. 1 c": after a Norwegian paragraph number a bare letter is a letter.
    # \A: anchored even when searched, so no pattern of ours rescans from every position.
    explicit = re.match(r"\A\s*nr\.?\s*[12]\s+[a-j]\b(?!['’-])", tail, re.I) is not None
    tail = _PARAGRAPH.sub("", tail)
    letters: list[str] = []
    position = 0
    for match in _LETTER_TOKENS.finditer(tail):
        if tail[position : match.start()].strip(" ,"):
            break
        position = match.end()
        if match.group(4):
            explicit = explicit or match.group(4).lower().startswith(("bokstav", "letter", "lit", "pkt"))
            continue
        letter = (match.group(1) or match.group(2) or match.group(3)).lower().replace("ä", "a")
        if match.group(3) and not explicit and not letters:
            break  # a bare "a" right after "art. 6" is an English article, not a letter
        letters.append(letter)
    return letters


_BASIS_STEMS = re.compile(
    r"art|§|samtykke|consent|avtale|kontrakt|contract|transaksjon|produkt|forpliktelse|obligation|lov|law|interes|vital|allmenn|public",
    re.I,
)


def legal_bases(doc: Doc) -> list[Found]:
    out: list[Found] = []
    for unit in doc.units:
        text = unit.text
        if not _BASIS_STEMS.search(text):
            continue
        generic = _GENERIC_HEADING.search(unit.heading) or unit.heading.endswith("?")
        subject = unit.heading if unit.heading and not generic else None
        for match in _ARTICLE.finditer(text):
            paragraph = "1" if match.group(1) == "6" else "2"
            for letter in _letters(text[match.end() : match.end() + 60]):
                article = f"{match.group(1)}({paragraph})({letter})"
                item = Item("legal-basis", {"article": article, "for": subject}, evidence(text, match.span()), "high")
                out.append(Found(item, (article,), unit.start + match.start()))
        if _WITHDRAW.search(text) and not re.search(r"grunnlag|basis", text, re.I):
            continue
        for article, pattern in _BASIS_WORDS:
            for match in pattern.finditer(text):
                item = Item("legal-basis", {"article": article, "for": subject}, evidence(text, match.span()), "medium")
                out.append(Found(item, (article,), unit.start + match.start()))
    return out
