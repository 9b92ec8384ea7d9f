"""The processors and sub-processors a policy names: who, for what service, in which countries, engaged by whom."""

from __future__ import annotations

import re
from typing import Any

from policies.extract_doc import Doc, Found, Item
from policies.extract_text import Unit, evidence
from policies.extract_vocab import (
    COUNTRY_NAMES,
    COUNTRY_RE,
    LEGAL_FORM_RE,
    MECHANISM_PATTERNS,
    NOT_VENDORS,
    SELF_WORDS,
    SERVICES,
    VENDOR_RE,
    VENDORS,
    WORD_START,
)
from registry.names import normalise

# ---- processors and sub-processors -------------------------------------------------------------------------------

_LIST_HEADING = re.compile(
    r"underdatabehandler|sub-?processor|databehandl(?:ere|erne|arar|arane)\b|\bprocessors\b|tjenesteleverandør|service\s+providers|^leverandører$|"
    r"leverandører\s+(?:vi|som)|vendors|third[- ]party\s+(?:services|providers)|våre\s+leverandører|our\s+suppliers",
    re.I,
)
# At most 8 words, as extract_party.NAME: unbounded, a long run of capitalised words took seconds per sentence.
_UNKNOWN_NAME = (
    r"([A-ZÆØÅ][\w&\-]*[A-Za-zÆØÅæøå0-9](?:\s+[A-ZÆØÅ][\w&\-]*){0,7}?)(?:\s+(" + LEGAL_FORM_RE + r"))?(?=[\s,.;:()]|$)"
)
# The same with its legal form required ("Pasientsky AS", not "Pasientsky").
_FORMAL_NAME = _UNKNOWN_NAME.replace(r"))?(?=", r"))(?=", 1)
_NAMED_BY_CUE = re.compile(
    r"(?:levert\s+av|leveres\s+av|provided\s+by|hosted\s+(?:by|on|at|with)|lokalisert\s+hos|driftes\s+av|"
    r"lagres\s+hos|stored\s+(?:by|with)|(?:sent|delivered|handled)\s+(?:through|via|by|with)|(?:sendes|håndteres)\s+"
    r"(?:via|gjennom|av|med)|(?:\b(?:vi|we)\s+(?:\w+\s+)?(?:bruker|benytter(?:\s+oss\s+av)?|use|engage)))\s+"
    + _UNKNOWN_NAME
    + r"(?=\s+(?:som|as|for|til|to|i|in|og|and)\b|[,.;(])"
)
_NAMED_AS_PROCESSOR = re.compile(
    WORD_START + _UNKNOWN_NAME + r"\s+(?:er|is)\s+(?:vår|vårt|our)\s+(?:under)?(?:data)?(?:behandler|processor)"
)
# "X Sp. z o.o. in Gdańsk runs our payroll as a processor for us": a company with its legal form, named a processor later.
# Read ahead without consuming, so a second company in the same stretch is found too ("Pasientsky AS nyttar
# Nordlys Datasenter AS i Bergen som underleverandør").
_FORMAL_AS_PROCESSOR = re.compile(
    WORD_START + _FORMAL_NAME + r"(?=[^.;]{0,120}?\b(?:as\s+(?:a|our)|som)\s+(?:sub-?)?(?:data\s*)?"
    r"(?:processor|(?:under)?databehandl[ae]r|underleverandør|sub-?contractor)\b)"
)
# "5.1 Pasientsky AS leverer journalsystem", "- Pulsplan Ltd i Manchester analyserer ...": a company with its legal
# form opening a list item or numbered clause, then what it does for us (the organisation itself is ruled out later).
_FORMAL_PROVIDES = re.compile(
    r"^\s*(?:(?:[•·▪◦●■*–-]|\d+(?:\.\d+)*\.?)\s*)?"
    + _FORMAL_NAME
    + r"(?:\s+(?:i|in)\s+[A-ZÆØÅ][\w\-]+(?:,?\s+(?:i\s+)?[A-ZÆØÅ][\w\-]+)?)?,?\s+"
    r"(?:leverer|leverar|drifter|driftar|sender|sendar|analyserer|utvikler|hoster|provides|delivers|hosts|runs|"
    r"operates|sends|supplies|develops)\b"
)
_OWN_CONTROLLER = re.compile(
    r"\b(?:independent|separate|own)\s+(?:data\s+)?controllers?\b|"
    r"\b(?:selvstendig|sjølvstendig|egen|eigen|eget|eige)\w*\s+behandlingsansvarl\w*",
    re.I,
)
# A sentence that says where the vendors just named keep the data, without naming them again.
_WHERE_THEY_ARE = re.compile(
    r"(?:both|all|begge|alle|these|disse|they|dei)\b[^.]{0,40}?\b(?:stor|lagr|host|process|behandl|locat|ligg|held)",
    re.I,
)
# "eit medlemssystem frå Klubbkassa AS", "Appen er laga av Samling AS": made or supplied by a company with its form.
_MADE_BY_FORMAL = re.compile(
    r"(?:\bfrå|\bfra|\bfrom|laga\s+av|laget\s+av|utviklet\s+av|made\s+by|developed\s+by)\s+" + _FORMAL_NAME
)
_ENDS_IN_FORM = re.compile(r"\s(?:" + LEGAL_FORM_RE + r")$")
_AND_FORMAL = re.compile(r"\b(?:and|og|samt)\s+" + _FORMAL_NAME)
_HOSTING_CUE = re.compile(
    r"lokalisert\s+hos|hosted\s+(?:by|on|at|with|in)|hostes\s+(?:av|hos)|driftes\s+(?:av|hos)|lagres\s+hos|"
    r"\bbruker\b|\bbrukar\b|\bnyttar\b|\bbenytter\b|\buses\b|sub-?processor|underdatabehandler|"
    r"\bstores?\b.*\bwith\b|\blagrer\b.*\bhos\b",
    re.I,
)
_LIST_ITEM = re.compile(
    r"^\s*(?:(?:[•·▪◦●■*–-]|\d{1,2}[.)])\s*)?" + _UNKNOWN_NAME + r"\s*(?=[(\-–—:,|]|$|(?:for|til|to|som|as)\s)"
)
# A row written as "Name – what it does – where", one to a line, however long its description.
_DASH_ITEM = re.compile(r"^\s*[A-ZÆØÅ][^–—.;:]{0,80}?\s[–—]\s[^.;]*$")
_SERVICE_LABEL = re.compile(r"^\s*(?:[•·▪◦●■*–-]\s*)?([A-ZÆØÅ][a-zæøå]+(?:\s+[a-zæøå0-9]+){0,4})\s*:\s+(?=[A-ZÆØÅ])")
_VENDOR_COLUMN = re.compile(
    r"^\s*(?:leverandør|underleverandør|databehandler|vendor|sub-?processor|supplier|processor)\w*\s*\|", re.I
)
# The first row of a table of processors: column names, not a processor.
_TABLE_HEADER = re.compile(
    r"^\s*(?:leverandør|underleverandør|databehandler|vendor|sub-?processor|supplier|name|navn|selskap|company|"
    r"entity|provider)\w*\s*\|",
    re.I,
)
_BULLET_START = re.compile(r"^\s*(?:[•·▪◦●■*–-]|\d{1,2}[.)])\s+")
_LINK_CONTEXT = re.compile(r"lenke|linker|(?-i:links?)\b|sosiale\s+medie|social\s+media|følg\s+oss|follow\s+us", re.I)


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
    patterns = [_NAMED_BY_CUE, _NAMED_AS_PROCESSOR, _FORMAL_AS_PROCESSOR, _FORMAL_PROVIDES, _MADE_BY_FORMAL]
    patterns += [_LIST_ITEM] if listed else []
    # "Newsletter: Brevo (Sendinblue SAS), France": a service label first, the processor after it.
    label = _SERVICE_LABEL.match(unit.text) if listed else None
    if label and not any(stem in label.group(1).lower() for stem, _ in SERVICES) and " " not in label.group(1):
        label = None
    skip = label.end() if label else 0
    for pattern in patterns:
        for match in pattern.finditer(unit.text[skip:] if pattern is _LIST_ITEM else unit.text):
            shift = skip if pattern is _LIST_ITEM else 0
            start, end = match.start(1) + shift, match.end(1) + shift
            name = match.group(1) + (f" {match.group(2)}" if match.group(2) else "")
            if any(s <= start < e for s, e in taken) or not _plausible(doc, match.group(1), bool(match.group(2))):
                continue
            if pattern is _LIST_ITEM and not match.group(2) and unit.text[match.end() + shift :][:1].isalpha():
                continue  # "Ansatte for ...": a name ends at punctuation unless its legal form says where
            confidence = "medium" if match.group(2) or listed else "unsure"
            extra.append((start, end, name, confidence))
            taken.append((start, end))
    # "HubSpot, Inc. (CRM) and Calendly LLC (booking)": a company with its legal form joined to a vendor just named.
    for match in _AND_FORMAL.finditer(unit.text):
        start, end = match.start(1), match.end(2)
        near = any(0 <= match.start() - e <= 60 and ";" not in unit.text[e : match.start()] for _, e in taken)
        if near and not any(s <= start < e for s, e in taken) and _plausible(doc, match.group(1), True):
            extra.append((start, end, f"{match.group(1)} {match.group(2)}", "medium"))
            taken.append((start, end))
    return sorted(out + extra)


def _plausible(doc: Doc, name: str, formal: bool = False) -> bool:
    """Whether a capitalised name can be a processor; "Google Ireland Limited" can, a bare "Google ..." cannot."""
    key = normalise(name)
    first = key.split()[0] if key else ""
    if not key or key in NOT_VENDORS or (first in NOT_VENDORS and not formal) or key in COUNTRY_NAMES:
        return False
    # A group company with its legal form ("Meridian Marine Shared Services Sp. z o.o.") can be a processor; the
    # organisation itself, with or without its legal form ("provided by Vaktrom AS"), cannot.
    own = [a for a in doc.aliases if not formal or len(a.split()) > 1]
    if key in doc.aliases or any(key.startswith(a + " ") for a in own) or re.fullmatch(SELF_WORDS, key):
        return False
    return not re.fullmatch(
        r"(?:crm|the|den|det|de|vi|we|our|vår|disse|this|these|systemet|cookies?|informasjonskapsler)\b.*", key
    )


def subprocessors(doc: Doc) -> list[Found]:
    entries: list[dict[str, Any]] = []
    lead_in = False  # inside a list after "Vi benytter følgende databehandlere:"
    named_last: list[str] = []  # the vendors the previous unit named
    own_controllers: set[str] = set()  # vendors named where the policy calls them controllers in their own right
    for index, unit in enumerate(doc.units):
        if unit.is_heading:
            lead_in = False
            continue
        item_like = (
            bool(_BULLET_START.match(unit.text))
            or "|" in unit.text
            or len(unit.text.split()) <= 12
            or bool(_DASH_ITEM.match(unit.text))
        )
        lead_in = lead_in and item_like
        listed = (bool(_LIST_HEADING.search(unit.heading)) or lead_in) and item_like
        before = doc.units[index - 1] if index else None
        same_paragraph = before is not None and before.line == unit.line
        if unit.text.rstrip().endswith(":") and (
            _LIST_HEADING.search(unit.text) or (same_paragraph and _LIST_HEADING.search(before.text))
        ):
            lead_in = True  # "Vi nyttar databehandlarar ... Mellom dei viktigaste er:"
            continue
        if _TABLE_HEADER.match(unit.text):
            # "Vendor | Service | Location": a table whose first column is the vendor lists vendors by itself.
            lead_in = lead_in or listed or bool(_VENDOR_COLUMN.match(unit.text))
            continue
        if _LINK_CONTEXT.search(unit.text) and not re.search(
            r"behandl|process|leverand|provid|lagr|stor", unit.text, re.I
        ):
            continue
        mentions: list[tuple[int, int, str, str]] = []
        named_before, named_last = named_last, []
        for mention in _mentions(doc, unit, listed, entries):
            if mentions and _same_vendor(mentions[-1][2], mention[2], unit.text[mentions[-1][1] : mention[0]]):
                # "Amazon Web Services (AWS)", "Google Ireland Limited - Google Analytics": one vendor, named by its
                # company when the product comes first ("Google Workspace, levert av Google Ireland Limited").
                first = mentions[-1]
                if _ENDS_IN_FORM.search(mention[2]) and not _ENDS_IN_FORM.search(first[2]):
                    mentions[-1] = (first[0], mention[1], mention[2], first[3])
                continue
            mentions.append(mention)
        if not mentions:
            if named_before and same_paragraph and _WHERE_THEY_ARE.match(unit.text):
                # "... HubSpot, Inc. and Calendly LLC. Both of these store data in the United States."
                found = list(dict.fromkeys(c for _, c in _countries_at(unit.text)))
                for entry in (e for e in entries if e["name"] in named_before and not e["countries"]):
                    entry["countries"] = found
            continue
        named_last = [m[2] for m in mentions]
        if _OWN_CONTROLLER.search(unit.text):
            own_controllers.update(named_last)
        countries = _countries_at(unit.text)
        previous: tuple[int, int, str, str] | None = None
        previous_of: str | None = None
        for i, (start, end, name, confidence) in enumerate(mentions):
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
        if entry["name"] in own_controllers and not entry["listed"]:
            continue  # "Klarna ... is an independent controller": not our processor
        service = entry["service"] or (VENDORS.get(entry["name"].lower(), (entry["name"], None))[1])
        value = {"name": entry["name"], "service": service, "countries": entry["countries"], "of": entry["of"]}
        item = Item("subprocessor", value, evidence(entry["evidence"]), entry["confidence"])
        out.append(Found(item, (normalise(entry["name"]), entry["of"] and normalise(entry["of"])), entry["at"]))
        doc.vendors.setdefault(entry["name"], [])
        doc.vendors[entry["name"]] += [c for c in entry["countries"] if c not in doc.vendors[entry["name"]]]
    return out


def _same_vendor(first: str, second: str, between: str) -> bool:
    """A second mention right after the first that names the same vendor: the same name, its brand or owner in
    brackets ("Posten Norge AS (Bring)"), or a product sharing its first word."""
    if first == second or re.fullmatch(r"[^,;()]{0,30}\(\s*", between):
        return True
    return first.split()[0].lower() == second.split()[0].lower() and not _HOSTING_CUE.search(between)


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
