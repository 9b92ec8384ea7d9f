"""The roles the organisation claims, the processors and sub-processors it names, and the transfer grounds it claims."""

from __future__ import annotations

import functools
import re
from typing import Any

from policies.extract_doc import Doc, Found, Item
from policies.extract_text import Unit, evidence
from policies.extract_vocab import (
    CONTROLLER_WORD,
    COUNTRY_NAMES,
    COUNTRY_RE,
    LEGAL_FORM_RE,
    MECHANISM_PATTERNS,
    NOT_VENDORS,
    OTHER_PARTY,
    PROCESSOR_WORD,
    SELF_WORDS,
    SERVICES,
    VENDOR_RE,
    VENDORS,
)
from registry.names import normalise

# ---- roles -------------------------------------------------------------------------------------------------------

_COPULA = (
    r"\b(?:er|være|blir|is|are|acts?\s+as|acting\s+as|opptrer\s+som|opptre\s+som|fungerer\s+som|"
    r"i\s+kraft\s+(?:av\s+)?å\s+være|in\s+(?:its|our)\s+capacity\s+as|serves?\s+as)\s+"
    r"(?:(?:selv|also|then|da|normalt|vanligvis|typically|usually|the|a|an|en|et|både|both|only|kun|også)\s+)*"
)
_ROLE = re.compile(
    _COPULA + r"(?P<first>" + CONTROLLER_WORD + "|" + PROCESSOR_WORD + r")"
    r"(?:\s+(?:eller|og|or|and)\s+(?:(?:a|an|the|som)\s+)?(?P<second>"
    + CONTROLLER_WORD
    + "|"
    + PROCESSOR_WORD
    + r"))?\b",
    re.I,
)
_WHAT = re.compile(
    r"^\s*(?:for|of|over|når\s+det\s+gjelder|with\s+respect\s+to|in\s+respect\s+of)\s+(.+?)(?=[.;](?:\s|$)|\s\(|,\s*(?:og|and|men|but|while|mens)\b|$)",
    re.I,
)
_WHAT_PREFIX = re.compile(
    r"^(?:(?:the\s+)?(?:personal\s+data|personopplysning\w*|opplysning\w*|informasjon\w*|data|information)\s+"
    r"(?:om|about|of|on|relating\s+to|concerning)\s+)?(?:våre|vår|vårt|dine|our|your|its)\s+",
    re.I,
)
_FOR = re.compile(
    r"(?:\bfor|på\s+vegne\s+av|on\s+behalf\s+of|på\s+oppdrag\s+fra|eies\s+av|owned\s+by|bemyndiget\s+av|"
    r"instructed\s+by|authori[sz]ed\s+by)\s+(?:/av\s+)?(?:\w+\s+){0,2}?"
    r"(kunde\w*|customers?|clients?|arbeidsgiver\w*|employers?|leietaker\w*|tenants?|medlem\w*|members?)",
    re.I,
)

_CUSTOMERS_ONLY = re.compile(r"(?:våre\s+|our\s+|its\s+)?(?:kunde\w*|customers?|clients?)", re.I)
_OUR_CUSTOMERS = re.compile(r"\b(?:våre|our|its)\s+(kunde\w*|customers?|clients?)", re.I)


def _whom(word: str) -> str:
    """Who the organisation is processor for: customers, employers, or the word the policy uses ("leietakerne")."""
    if re.match(r"kunde|customer|client", word, re.I):
        return "customers"
    if re.match(r"arbeidsgiver|employer", word, re.I):
        return "employers"
    return word.lower()


def _role_of(word: str) -> str:
    return "controller" if re.fullmatch(CONTROLLER_WORD, word, re.I) else "processor"


@functools.lru_cache(maxsize=64)
def _self_pattern(aliases: tuple[str, ...]) -> re.Pattern[str]:
    names = [re.escape(a) for a in aliases if a]
    return re.compile(r"\b(?:" + "|".join([*names, SELF_WORDS]) + r")\b", re.I)


def _self_subject(doc: Doc, before: str) -> bool:
    """Whether the organisation is the subject of the clause that ends at `before`'s end."""
    clause = re.split(r"[.;:]\s", before)[-1][-120:]
    last = None
    for last in _self_pattern(doc.aliases).finditer(clause):  # noqa: B007 - the last one is wanted
        pass
    if last is None:
        return False
    return not OTHER_PARTY.search(clause[last.end() :])


def roles(doc: Doc) -> list[Found]:
    out: list[Found] = []
    names = "|".join([*(re.escape(a) for a in doc.aliases if a), SELF_WORDS])
    inverted = re.compile(
        r"\b(?:er|blir|vil|opptrer|fungerer|handler)\s+(?:" + names + r")\s+"
        r"(?:(?:være|selv|da|også|normalt|vanligvis|en|et|som|opptre|fungere)\s+)*"
        r"(?P<first>" + CONTROLLER_WORD + "|" + PROCESSOR_WORD + r")"
        r"(?:\s+(?:eller|og)\s+(?P<second>" + CONTROLLER_WORD + "|" + PROCESSOR_WORD + r"))?\b",
        re.I,
    )
    for index, unit in enumerate(doc.units):
        if not re.search(r"behandlingsansvarlig|controller|databehandler|processor|behandler\s+av", unit.text, re.I):
            continue
        matches = [m for m in _ROLE.finditer(unit.text) if _self_subject(doc, unit.text[: m.start()])]
        matches += [
            m for m in inverted.finditer(unit.text) if not OTHER_PARTY.search(unit.text[m.start() : m.start("first")])
        ]
        for match in matches:
            what_match = _WHAT.match(unit.text[match.end() :])
            what = _WHAT_PREFIX.sub("", what_match.group(1)).strip(" ,") if what_match else None
            what = what[:100] if what and not _CUSTOMERS_ONLY.fullmatch(what) else None
            for_match = _FOR.search(unit.text[match.start() :]) or _FOR.search(unit.text[: match.start()])
            if for_match is None and index > 0:
                for_match = _OUR_CUSTOMERS.search(doc.units[index - 1].text)
            for word in filter(None, (match.group("first"), match.group("second"))):
                role = _role_of(word)
                whom = None
                if role == "processor" and for_match:
                    whom = _whom(for_match.group(1))
                value = {"role": role, "what": what, "for": whom}
                confidence = "high" if (what or whom) else "medium"
                item = Item("role", value, evidence(unit.text, match.span()), confidence)
                out.append(Found(item, (role,), unit.start + match.start()))
    return out


# ---- processors and sub-processors -------------------------------------------------------------------------------

_LIST_HEADING = re.compile(
    r"underdatabehandler|sub-?processor|databehandlere|\bprocessors\b|tjenesteleverandør|service\s+providers|^leverandører$|"
    r"leverandører\s+(?:vi|som)|vendors|third[- ]party\s+(?:services|providers)|våre\s+leverandører|our\s+suppliers",
    re.I,
)
_UNKNOWN_NAME = (
    r"([A-ZÆØÅ][\w&\-]*[A-Za-zÆØÅæøå0-9](?:\s+[A-ZÆØÅ][\w&\-]*)*?)(?:\s+(" + LEGAL_FORM_RE + r"))?(?=[\s,.;:()]|$)"
)
_NAMED_BY_CUE = re.compile(
    r"(?:levert\s+av|leveres\s+av|provided\s+by|hosted\s+(?:by|on|at|with)|lokalisert\s+hos|driftes\s+av|"
    r"lagres\s+hos|stored\s+(?:by|with)|(?:\b(?:vi|we)\s+(?:\w+\s+)?(?:bruker|benytter(?:\s+oss\s+av)?|use|engage)))\s+"
    + _UNKNOWN_NAME
    + r"(?=\s+(?:som|as|for|til|to|i|in|og|and)\b|[,.;(])"
)
_NAMED_AS_PROCESSOR = re.compile(
    _UNKNOWN_NAME + r"\s+(?:er|is)\s+(?:vår|vårt|our)\s+(?:under)?(?:data)?(?:behandler|processor)"
)
_HOSTING_CUE = re.compile(
    r"lokalisert\s+hos|hosted\s+(?:by|on|at|with|in)|hostes\s+(?:av|hos)|driftes\s+(?:av|hos)|lagres\s+hos|"
    r"\bbruker\b|\buses\b|sub-?processor|underdatabehandler|\bstores?\b.*\bwith\b|\blagrer\b.*\bhos\b",
    re.I,
)
_LIST_ITEM = re.compile(r"^\s*(?:[•·▪◦●■*–-]|\d{1,2}[.)])?\s*" + _UNKNOWN_NAME + r"\s*(?=[(\-–—:,|]|$)")
_BULLET_START = re.compile(r"^\s*(?:[•·▪◦●■*–-]|\d{1,2}[.)])\s+")
_LINK_CONTEXT = re.compile(r"lenke|linker|link|sosiale\s+medie|social\s+media|følg\s+oss|follow\s+us", re.I)


def _blank_mechanisms(text: str) -> str:
    for _code, pattern in MECHANISM_PATTERNS:
        text = pattern.sub(lambda m: " " * len(m.group()), text)
    return text


def _countries_at(text: str) -> list[tuple[int, str]]:
    found = []
    for match in COUNTRY_RE.finditer(_blank_mechanisms(text)):
        word = match.group().rstrip("s") if match.group() not in COUNTRY_NAMES else match.group()
        code = COUNTRY_NAMES.get(word.lower()) or COUNTRY_NAMES.get(match.group().lower())
        if code is None and word.upper() in ("US", "USA", "UK", "EU", "EØS", "EEA"):
            code = {"UK": "GB", "USA": "US", "EØS": "EU", "EEA": "EU"}.get(word.upper(), word.upper())
        elif code is None and len(word) == 2:
            code = word.upper()
        if code:
            found.append((match.start(), code))
    return found


def _mentions(doc: Doc, unit: Unit, listed: bool, entries: list[dict[str, Any]]) -> list[tuple[int, int, str, str]]:
    """Vendors named in a unit: (start, end, display name, confidence)."""
    out: list[tuple[int, int, str, str]] = []
    for match in VENDOR_RE.finditer(unit.text):
        display = VENDORS[match.group(1).lower()][0]
        if normalise(display) not in doc.aliases:
            out.append((match.start(), match.end(), display, "high"))
    taken = [(s, e) for s, e, _, _ in out]
    # "Google" for "Google Workspace" once that was named.
    for entry in entries:
        first = entry["name"].split()[0]
        if len(first) < 5 or first.lower() in VENDORS or first == entry["name"]:
            continue
        for match in re.finditer(r"\b" + re.escape(first) + r"\b", unit.text):
            if not any(s <= match.start() < e for s, e in taken):
                out.append((match.start(), match.end(), entry["name"], entry["confidence"]))
                taken.append(match.span())
    extra: list[tuple[int, int, str, str]] = []
    patterns = [_NAMED_BY_CUE, _NAMED_AS_PROCESSOR] + ([_LIST_ITEM] if listed else [])
    for pattern in patterns:
        for match in pattern.finditer(unit.text):
            start, end = match.span(1)
            name = match.group(1) + (f" {match.group(2)}" if match.group(2) else "")
            if any(s <= start < e for s, e in taken) or not _plausible(doc, match.group(1)):
                continue
            confidence = "medium" if match.group(2) or listed else "unsure"
            extra.append((start, end, name, confidence))
            taken.append((start, end))
    return sorted(out + extra)


def _plausible(doc: Doc, name: str) -> bool:
    key = normalise(name)
    first = key.split()[0] if key else ""
    if not key or key in NOT_VENDORS or first in NOT_VENDORS or key in COUNTRY_NAMES:
        return False
    if any(key == a or key.startswith(a + " ") for a in doc.aliases) or re.fullmatch(SELF_WORDS, key):
        return False
    return not re.fullmatch(
        r"(?:crm|the|den|det|de|vi|we|our|vår|disse|this|these|systemet|cookies?|informasjonskapsler)\b.*", key
    )


def subprocessors(doc: Doc) -> list[Found]:
    entries: list[dict[str, Any]] = []
    lead_in = False  # inside a list after "Vi benytter følgende databehandlere:"
    for unit in doc.units:
        if unit.is_heading:
            lead_in = False
            continue
        item_like = bool(_BULLET_START.match(unit.text)) or "|" in unit.text or len(unit.text.split()) <= 12
        lead_in = lead_in and item_like
        listed = (bool(_LIST_HEADING.search(unit.heading)) or lead_in) and item_like
        if unit.text.rstrip().endswith(":") and _LIST_HEADING.search(unit.text):
            lead_in = True
            continue
        if _LINK_CONTEXT.search(unit.text) and not re.search(
            r"behandl|process|leverand|provid|lagr|stor", unit.text, re.I
        ):
            continue
        mentions = _mentions(doc, unit, listed, entries)
        if not mentions:
            continue
        countries = _countries_at(unit.text)
        previous: tuple[int, int, str, str] | None = None
        previous_of: str | None = None
        for i, (start, end, name, confidence) in enumerate(mentions):
            if previous and previous[2] == name:
                continue  # "Amazon Web Services (AWS)": one mention
            following = next((m[0] for m in mentions[i + 1 :] if m[2] != name), len(unit.text))
            gap_before = unit.text[previous[1] if previous else 0 : start]
            after = unit.text[end:following].lower()
            service = next((label for stem, label in SERVICES if stem in after), None)
            mine = [c for at, c in countries if start <= at < following or (not previous and at < start)]
            if len(mentions) == 1:
                mine = [c for _, c in countries]
            of = None
            if previous and _HOSTING_CUE.search(gap_before):
                of = previous[2]
            elif previous and len(gap_before.split()) <= 4 and re.search(r"(?:og|and|,)\s*$", gap_before):
                of = previous_of
            if service is None and of is None:
                service = next((label for stem, label in SERVICES if stem in gap_before.lower()), None)
            mention = {"name": name, "service": service, "countries": mine, "of": of, "at": unit.start + start,
                       "evidence": unit.text, "confidence": confidence, "listed": listed}  # fmt: skip
            _merge(entries, mention)
            previous, previous_of = (start, end, name, confidence), of
    out = []
    for entry in entries:
        service = entry["service"] or (VENDORS.get(entry["name"].lower(), (entry["name"], None))[1])
        value = {"name": entry["name"], "service": service, "countries": entry["countries"], "of": entry["of"]}
        item = Item("subprocessor", value, evidence(entry["evidence"]), entry["confidence"])
        out.append(Found(item, (normalise(entry["name"]), entry["of"] and normalise(entry["of"])), entry["at"]))
        doc.vendors.setdefault(entry["name"], [])
        doc.vendors[entry["name"]] += [c for c in entry["countries"] if c not in doc.vendors[entry["name"]]]
    return out


def _merge(entries: list[dict[str, Any]], mention: dict[str, Any]) -> None:
    """One entry per processor and engaging party. A named engager adds a second entry only when the first came from
    the organisation's own list ("AWS" listed, and "Zendesk stores attachments with AWS")."""
    same = [e for e in entries if e["name"] == mention["name"]]
    target = next((e for e in same if e["of"] == mention["of"]), None)
    if target is None and same and (mention["of"] is None or not all(e["listed"] and e["of"] is None for e in same)):
        target = next((e for e in same if e["of"] is None), same[0])
        if target["of"] is None and mention["of"] is not None:
            target["of"] = mention["of"]
    if target is None:
        mention["countries"] = list(dict.fromkeys(mention["countries"]))
        entries.append(mention)
        return
    if target["service"] is None:
        target["service"] = mention["service"]
    target["countries"] = list(dict.fromkeys(target["countries"] + mention["countries"]))
    if target["confidence"] != "high" and mention["confidence"] == "high":
        target["confidence"], target["evidence"] = "high", mention["evidence"]
