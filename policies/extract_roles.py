"""The roles the organisation claims: controller or processor, for what and for whom."""

from __future__ import annotations

import functools
import re

from policies.extract_doc import Doc, Found, Item
from policies.extract_text import evidence
from policies.extract_vocab import CONTROLLER_WORD, LEGAL_FORM_RE, OTHER_PARTY, PROCESSOR_WORD, SELF_WORDS
from registry.names import normalise

# ---- roles -------------------------------------------------------------------------------------------------------

_COPULA = (
    r"\b(?:er|være|blir|is|are|acts?\s+as|acting\s+as|opptrer\s+som|opptre\s+som|fungerer\s+som|"
    r"i\s+kraft\s+(?:av\s+)?å\s+være|in\s+(?:its|our)\s+capacity\s+as|serves?\s+as)\s+"
    r"(?:(?:selv|also|then|da|normalt|vanligvis|typically|usually|the|a|an|en|et|både|both|only|kun|også|therefore|"
    r"thus|derfor|dermed)\s+)*"
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
    # "Trekraft Trening AS, which determines why and how ...": the relative clause is about the organisation.
    rest = re.sub(r"^(?:\s+" + LEGAL_FORM_RE + r")?\s*(?:,\s*)?(?:which|who|som)\b", "", clause[last.end() :])
    return not OTHER_PARTY.search(rest)


# A role written as a label: "Controller: account and billing data", "Databehandler: det kundene legger inn".
_LABELLED = re.compile(
    r"^\s*(?:[•·▪◦●■*–-]\s*)?(?:(?:we\s+are\s+|vi\s+er\s+)?(?:the\s+|a\s+)?)?(?P<first>"
    + CONTROLLER_WORD
    + "|"
    + PROCESSOR_WORD
    + r")\s*(?:\((?:for|of)\s+)?[:–—-]\s*(?P<what>[^.;:]{3,100})",
    re.I,
)
_ON_BEHALF = re.compile(
    r"on\s+(?:their|its)\s+behalf|på\s+(?:deres|dens|hans|hennes)\s+vegne|for\s+(?:them|dem)\b|"
    r"(?:our|its|våre|sine)\s+(?:kunde\w*|customers?|clients?)",
    re.I,
)


def _labelled_role(doc: Doc, index: int, match: re.Match[str]) -> list[Found]:
    """A labelled role; a processor's principal is named in the label's text or the sentences after it. A label
    naming a company ("Behandlingsansvarlig: Kelpie AS") is the organisation's role only when it names itself."""
    unit = doc.units[index]
    role = _role_of(match.group("first"))
    what: str | None = match.group("what").strip(" ,")
    # \A: anchored even when searched, so no pattern of ours rescans from every position.
    company = re.match(r"\A[A-ZÆØÅ][\w&-]*(?:\s+[A-ZÆØÅ][\w&-]*)*\s+(?:" + LEGAL_FORM_RE + r")(?![\w-])", what)
    if company:
        key = normalise(company.group())
        if not any(key == a or key.startswith(a + " ") for a in doc.aliases if a):
            return []
        what = None
    whom = None
    if role == "processor":
        following = " ".join(u.text for u in doc.units[index : index + 3] if u.line == unit.line)
        for_match = _FOR.search(following) or _OUR_CUSTOMERS.search(following)
        if for_match:
            whom = _whom(for_match.group(1))
        elif _ON_BEHALF.search(following):
            whom = "customers" if re.search(r"kunde|customer|client", following, re.I) else None
    value = {"role": role, "what": what and what[:100], "for": whom}
    return [
        Found(Item("role", value, evidence(unit.text, match.span()), "medium"), (role,), unit.start + match.start())
    ]


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
        if not re.search(r"behandlingsansvarl|controller|databehandl|processor|behandler\s+av", unit.text, re.I):
            continue
        labelled = _LABELLED.match(unit.text)
        if labelled:  # "Controller: account, billing and website data." under a heading about roles
            out.extend(_labelled_role(doc, index, labelled))
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
