"""The organisation's contact addresses (which one is for privacy requests) and its data protection officer."""

from __future__ import annotations

import bisect
import re

from policies.extract_doc import Doc, Found, Item
from policies.extract_party import EMAIL_RE, LEAD_WORDS, NAME, compact
from policies.extract_text import Unit, evidence
from policies.extract_vocab import (
    DPO_CUES,
    DPO_NEGATION,
    EXAMPLE_CUES,
    FOREIGN_DOMAINS,
    GENERAL_CUES,
    LEGAL_FORM_RE,
    PRIVACY_CUES,
    PRIVACY_LOCAL_PARTS,
    SELF_WORDS,
)
from registry.names import normalise


def _personal(local: str) -> bool:
    # \A: anchored even when searched, so no pattern of ours rescans from every position.
    return bool(re.fullmatch(r"\A[a-zæøå]{2,}[._][a-zæøå]{2,}(?:[._][a-zæøå]{2,})?", local))


def contacts(doc: Doc) -> list[Found]:
    out: list[Found] = []
    vendor_keys = {compact(v) for v in doc.vendors}
    starts = [u.start for u in doc.units]
    for match in EMAIL_RE.finditer(doc.text):
        address = match.group().rstrip(".").lower()
        local, domain = address.rsplit("@", 1)
        vendor = any(k and domain.split(".")[0].replace("-", "") == k for k in vendor_keys)
        if domain in FOREIGN_DOMAINS or (vendor and domain not in doc.domains):
            continue  # a vendor's address, unless it is the organisation's own domain
        if doc.domains and domain not in doc.domains:
            continue  # another company's address (a group DPO, a vendor) when the policy has its own
        unit = doc.units[max(0, bisect.bisect_right(starts, match.start()) - 1)]
        at = match.start() - unit.start
        text = unit.text
        if _personal(local) and EXAMPLE_CUES.search(text[max(0, at - 60) : at]):
            continue
        clause = _clause(text, at)
        purpose, confidence = "general", "medium"
        if PRIVACY_LOCAL_PARTS.match(local):
            purpose, confidence = "privacy", "high"
        elif GENERAL_CUES.search(clause) and not PRIVACY_CUES.search(clause):
            purpose, confidence = "general", "high"
        elif PRIVACY_CUES.search(clause) or DPO_CUES.search(clause):
            purpose, confidence = "privacy", "high"
        elif PRIVACY_CUES.search(text) or PRIVACY_CUES.search(unit.heading):
            purpose = "privacy"
        if _personal(local):
            confidence = "unsure"
        value = {"email": address, "purpose": purpose}
        rank = {"high": 0, "medium": 1, "unsure": 2}[confidence] - (2 if purpose == "privacy" else 0)
        item = Item("contact", value, evidence(text, (at, at + len(address))), confidence)
        out.append(Found(item, (address, rank), match.start()))
    return _best_per_address(out)


def _best_per_address(found: list[Found]) -> list[Found]:
    """One item per address: the privacy reading wins over a general one, then the surer evidence."""
    best: dict[str, Found] = {}
    first: dict[str, int] = {}
    for f in found:
        address = f.key[0]
        first.setdefault(address, f.at)
        if address not in best or f.key[1] < best[address].key[1]:
            best[address] = f
    return [Found(f.item, (a,), first[a]) for a, f in best.items()]


def _clause(text: str, at: int) -> str:
    """The part of a sentence around position `at` between semicolons, or 'while'/'mens' clauses."""
    begin = max(text.rfind(";", 0, at), text.rfind(" while ", 0, at), text.rfind(" mens ", 0, at), -1) + 1
    ends = [i for i in (text.find(";", at),) if i >= 0]
    return text[begin : min(ends) if ends else len(text)]


_DPO_NAME = re.compile(
    r"(?:(?i:personvernomb[uo]d)(?:et)?|DPO|[Dd]ata\s+[Pp]rotection\s+[Oo]fficer)\s*(?:vårt\s+|vår\s+)?(?:er|is|,|:)\s+"
    r"([A-ZÆØÅ][a-zæøé]+(?:\s+[A-ZÆØÅ][a-zæøé\-]+){1,2})(?!\s+" + LEGAL_FORM_RE + r")"
)
_GREEDY_NAME = r"[A-ZÆØÅ][\w&'\-]*[\wÆØÅæøå](?:[ ]+[A-ZÆØÅ][\w&'\-]*[\wÆØÅæøå])*"
_DPO_OF = re.compile(
    r"(?:(?i:personvernomb[uo]d)\w*|DPO|[Dd]ata\s+[Pp]rotection\s+[Oo]fficer)\s+(?:i|hos|in|at|of|for)\s+(?:the\s+)?("
    + _GREEDY_NAME
    + r")"
    r"(?:\s+(" + LEGAL_FORM_RE + r"))?(?![\w-])"
    r"|("
    + NAME
    + r")(?:\s+("
    + LEGAL_FORM_RE
    + r"))?\s+(?:har|has)\s+(?:et\s+|a\s+|an\s+|appointed\s+a\s+|utnevnt\s+et\s+)?"
    r"(?:felles\s+|group\s+)?(?:personvernomb[uo]d|DPO|data\s+protection\s+officer)"
)
_GROUP = re.compile(
    r"(?:en\s+del\s+av|del\s+av|part\s+of|member\s+of|datterselskap\s+av|subsidiary\s+of|morselskapet|"
    r"(?:our\s+)?parent\s+company,?)\s+(?:the\s+)?(" + _GREEDY_NAME + r")(?:\s+(" + LEGAL_FORM_RE + r"))?(?![\w-])"
)
_GROUP_DPO = re.compile(
    r"konsern\w*\s+personvernomb[uo]d|group\s+(?:DPO|data\s+protection\s+officer)|"
    r"personvernomb[uo]d\w*\s+(?:for|i)\s+(?:hele\s+)?konsernet|"
    r"felles\s+for\s+(?:alle\s+)?(?:selskapene|selskapa|virksomhetene)\s+i\s+konsernet|"
    r"shared\s+(?:by|across)\s+(?:all\s+)?(?:the\s+)?(?:companies|group)",
    re.I,
)


def dpos(doc: Doc) -> list[Found]:
    mentions: list[tuple[Unit, str | None, str | None, str | None]] = []
    for index, unit in enumerate(doc.units):
        if not DPO_CUES.search(unit.text) or DPO_NEGATION.search(unit.text):
            continue
        if re.search(r"personvernkontakt|privacy\s+contact", unit.text, re.I) and not re.search(
            r"personvernomb[uo]d|data\s+protection\s+officer|\bDPO\b", unit.text
        ):
            continue
        emails = [m.group().rstrip(".").lower() for m in EMAIL_RE.finditer(unit.text)]
        if not emails:  # "Personvernombud: Vi samarbeider med X AS ... De kan nås på x@y.no."
            after = doc.units[index + 1 : index + 3]
            near = unit.is_heading or unit.text.rstrip().endswith(":")
            for following in after if near else [u for u in after[:1] if u.line == unit.line]:
                emails += [m.group().rstrip(".").lower() for m in EMAIL_RE.finditer(following.text)]
        name_match = _DPO_NAME.search(unit.text)
        name = name_match.group(1) if name_match and not _is_org(name_match.group(1), doc) else None
        mentions.append((unit, emails[0] if emails else None, name, _dpo_of(unit.text, doc)))
    if not mentions:
        return []
    email = next((m[1] for m in mentions if m[1]), None)
    name = next((m[2] for m in mentions if m[2]), None)
    ofs = [m[3] for m in mentions if m[3]]
    of = max(ofs, key=len) if ofs else None
    paragraphs = {m[0].line for m in mentions}  # "Vi har et personvernombud. Ombudet er felles for konsernet."
    if of is None and any(_GROUP_DPO.search(u.text) for u in doc.units if u.line in paragraphs):
        group = _GROUP.search(doc.text)
        of = _org_name(group.group(1), group.group(2)) if group else None
    if not (email or name or of):
        return []  # "whether we must have a DPO" names none: there is nothing to record
    richest = max(mentions, key=lambda m: sum(x is not None for x in m[1:]) - (m[0].is_heading and 0.5))
    value = {"email": email, "name": name, "of": of}
    return [Found(Item("dpo", value, evidence(richest[0].text), "high"), (), mentions[0][0].start)]


def _org_name(name: str, form: str | None) -> str:
    words = name.split()
    while words and words[0].lower() in LEAD_WORDS:
        words.pop(0)
    return " ".join(words) + (f" {form}" if form else "")


def _is_org(name: str, doc: Doc) -> bool:
    return normalise(name) in doc.aliases or bool(re.search(r"\b(?:AS|Security|Group|Gruppen|Holding)\b", name))


def _dpo_of(text: str, doc: Doc) -> str | None:
    for match in _DPO_OF.finditer(text):
        raw, form = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
        name = _org_name(raw, form)
        key = normalise(name)
        if not key or re.fullmatch(SELF_WORDS, key) or key in ("norge", "norway", "eu"):
            continue
        if any(key == a or key.startswith(a + " ") or a.startswith(key) for a in doc.aliases):
            continue
        return name
    return None
