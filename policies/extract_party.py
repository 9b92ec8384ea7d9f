"""The policy's own organisation (name, org. number, address), its contact addresses and its DPO."""

from __future__ import annotations

import bisect
import re
from collections import Counter

from policies.extract_doc import Doc, Found, Item
from policies.extract_text import Unit, evidence
from policies.extract_vocab import (
    COUNTRY_NAMES,
    DPO_CUES,
    DPO_NEGATION,
    EXAMPLE_CUES,
    FOREIGN_DOMAINS,
    GENERAL_CUES,
    LEGAL_FORM_RE,
    NOT_VENDORS,
    PRIVACY_CUES,
    PRIVACY_LOCAL_PARTS,
    SELF_WORDS,
    VENDORS,
)
from registry.names import normalise
from registry.validate import orgnr_checksum_ok

EMAIL_RE = re.compile(r"(?<![\w.+-])[A-Za-z0-9][\w.+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_URL = re.compile(r"\b(?:https?://|www\.)\S+|\b[\w-]+\.(?:no|com|org|net|eu|se|dk|io)\b", re.I)
_ORGNR = re.compile(
    r"(?i:org(?:anisasjons)?\.?\s*-?\s*(?:nr|nummer|no|number)\.?|organi[sz]ation\s+(?:number|no\.?)|"
    r"company\s+(?:registration\s+)?(?:number|no\.?)|foretaksnummer|registration\s+number|reg\.\s*no\.?)"
    r"\s*[:.]?\s*(?:is\s+|er\s+)?(?:NO\s?)?(\d{3}[ .]?\d{3}[ .]?\d{3})(?!\d)"
    r"|\bNO\s?(\d{3}\s?\d{3}\s?\d{3})\s?MVA\b"
)
_NAME = r"[A-ZÆØÅ][\w&'\-]*[\wÆØÅæøå](?:[ ]+(?:[A-ZÆØÅ][\w&'\-]*|&|og|and|of))*?"
_LEGAL_NAME = re.compile(r"\b(" + _NAME + r")[ ]+(" + LEGAL_FORM_RE + r")(?![\w-])")
_CAPITALISED = re.compile(r"(?<![\w@.\-])([A-ZÆØÅ][\w\-]*[A-Za-zÆØÅæøå])(?![\w@\-]|\.\w)")
_LEAD_WORDS = frozenset(
    """i the when når om fra til og ved hos av for med our vår about at by from with contact kontakt personvernerklæring
    privacy policy erklæring kontaktinformasjon policy notice of in på""".split()
)
_STOP_NAMES = frozenset(
    """gdpr eu eøs eea usa dpo crm it ip sms cv pdf faq personvernerklæring personopplysningsloven datatilsynet
    privacy shield art artikkel article kontakt contact norge norway oslo the we vi""".split()
)
_SIGNALS = (
    r"(?:personvernerklæring|privacy\s+(?:policy|notice|statement))\s*(?:for|[-–:|])\s*{n}\b",
    r"\b{n}\s+(?:er|is|are)\s+(?:selv\s+)?(?:behandlingsansvarlig|(?:the\s+)?(?:data\s+)?controller|databehandler)",
    r"\b{n}\s+behandler\s+personopplysninger",
    r"\b{n}\s+processes\s+personal",
    r"(?:kontaktinformasjon\s+til|kontakte|contact)\s+{n}\b",
    r"[«\"“]{n}[»\"”]\s*,?\s*[«\"“](?:vi|we)",
    r"\bvi\s+i\s+{n}\b",
)
_POSTCODE_LINE = re.compile(
    r"\b\d{4}\s+[A-ZÆØÅ][A-Za-zÆØÅæøå\-]+(?:\s+[A-ZÆØÅ][a-zæøå]+)?\s*(?:,\s*(?:Norge|Norway))?$"
)
_INLINE_ADDRESS = re.compile(
    r"((?:[A-ZÆØÅ][\wæøå.\-]*\s){0,3}[A-ZÆØÅa-zæøå][\wæøå.\-]*\s\d{1,4}\s?[A-Za-z]?|(?:Postboks|PB|P\.O\.\s*Box)\s\d+"
    r"(?:\s[A-ZÆØÅ][a-zæøå]+)?),\s*(\d{4}\s+[A-ZÆØÅ][A-Za-zæøå\-]+)"
)
_STREET = re.compile(r"\d|\b(?:postboks|pb|box|vei|veien|gate|gata|gaten|plass|allé|bakken|road|street)\b", re.I)
_NORWEGIAN_FORMS = ("AS", "ASA", "ANS", "DA", "NUF", "SA")
_FREE_MAIL = frozenset({"gmail.com", "hotmail.com", "outlook.com", "yahoo.com", "online.no", "icloud.com"})


_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "é": "e", "ü": "u", "ö": "o", "ä": "a"})


def _compact(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", normalise(name).translate(_FOLD))


def _domains(doc: Doc) -> Counter[str]:
    domains: Counter[str] = Counter()
    for match in EMAIL_RE.finditer(doc.text):
        domain = match.group().rstrip(".").rsplit("@", 1)[1].lower()
        if domain not in FOREIGN_DOMAINS and domain not in _FREE_MAIL:
            domains[domain] += 1
    return domains


def _same_domain(name: str, domain: str) -> bool:
    label = domain.rsplit(".", 1)[0].rsplit(".", 1)[-1].replace("-", "")
    compact = _compact(name)
    if not compact or len(label) < 3:
        return False
    return (
        label == compact
        or (len(compact) >= 4 and label.startswith(compact))
        or (len(label) >= 5 and compact.startswith(label))
    )


def _candidates(doc: Doc) -> Counter[str]:
    """Capitalised words used mid-sentence, never written in lower case, that could name the organisation."""
    plain = _URL.sub(" ", EMAIL_RE.sub(" ", doc.text))
    lower_words = set(re.findall(r"\b[a-zæøå][\w\-]*", plain))
    counts: Counter[str] = Counter()
    mid: Counter[str] = Counter()
    for match in _CAPITALISED.finditer(plain):
        word = match.group(1)
        if len(word) < 3 or word.lower() in lower_words or word.lower() in _STOP_NAMES:
            continue
        if word.lower() in VENDORS or word.lower() in NOT_VENDORS or word.lower() in COUNTRY_NAMES:
            continue
        counts[word] += 1
        before = plain[max(0, match.start() - 3) : match.start()]
        if re.search(r"[a-zæøå,]\s$", before):
            mid[word] += 1
    return Counter({w: c for w, c in counts.items() if mid[w] and c >= 2})


def party(doc: Doc) -> list[Found]:
    domains = _domains(doc)
    orgnrs = [(m.start(), (m.group(1) or m.group(2))) for m in _ORGNR.finditer(doc.text)]
    legal_names: Counter[str] = Counter()
    for match in _LEGAL_NAME.finditer(doc.text):
        words = match.group(1).split()
        while words and words[0].lower() in _LEAD_WORDS:
            words.pop(0)
        if words and not (len(words) == 1 and words[0].lower() in _STOP_NAMES):
            legal_names[" ".join(words) + " " + match.group(2)] += 1
    scores: Counter[str] = Counter()
    for word, count in _candidates(doc).items():
        scores[word] += count
    for name, count in legal_names.items():
        if normalise(name).split()[0] in VENDORS:
            continue
        scores[name] += count + 1
    for name in list(scores):
        if any(_same_domain(name, d) for d in domains):
            scores[name] += 8
        bare = re.sub(r"\s+" + LEGAL_FORM_RE + "$", "", name)
        pattern = "|".join(s.format(n=re.escape(name)) for s in _SIGNALS)
        if bare != name:
            pattern += "|" + "|".join(s.format(n=re.escape(bare)) for s in _SIGNALS)
        if re.search(pattern, doc.text, re.I):
            scores[name] += 6
        for at, _digits in orgnrs:
            if name in doc.text[max(0, at - 150) : at]:
                scores[name] += 6
    best = _best_name(scores, legal_names)
    confidence = "medium"
    if best is None:
        if not domains:
            return []
        best = _name_from_domain(domains.most_common(1)[0][0])
        confidence = "unsure"
    elif scores[best] < 8:
        confidence = "unsure"
    doc.name = best
    doc.domains = tuple(d for d in domains if _same_domain(best, d))
    short = normalise(best)
    doc.aliases = tuple(dict.fromkeys([best.lower(), short, short.split()[0]]))
    orgnr = _orgnr(doc, orgnrs)
    address = _address(doc)
    words = best.split()
    norwegian = orgnr or address or (len(words) > 1 and words[-1] in _NORWEGIAN_FORMS)
    if confidence == "medium" and (orgnr or len(words) > 1):
        confidence = "high"
    value = {"name": best, "orgnr": orgnr, "address": address, "country": "NO" if norwegian else None}
    at = doc.text.find(best)
    where = _unit_at(doc, at) if at >= 0 else doc.units[0]
    return [Found(Item("party", value, evidence(where.text), confidence), (), max(at, 0))]


def _best_name(scores: Counter[str], legal_names: Counter[str]) -> str | None:
    if not scores:
        return None
    ranked = scores.most_common()
    name, score = ranked[0]
    if score < 3:
        return None
    # "Harbour" counts every "Harbour Physio AS": the full name wins when it scores near it.
    longer = [n for n in legal_names if n.startswith(name + " ") and scores[n] >= 0.6 * score]
    if longer:
        return max(longer, key=lambda n: scores[n])
    # "IWMAC AS" rather than "IWMAC" when the policy writes it so somewhere.
    with_form = [n for n in legal_names if normalise(n) == normalise(name) and n != name]
    if with_form and normalise(name) == name.lower():
        return max(with_form, key=lambda n: legal_names[n])
    if name in legal_names:
        return name
    return with_form[0] if with_form else name


def _name_from_domain(domain: str) -> str:
    label = domain.rsplit(".", 1)[0].rsplit(".", 1)[-1]
    parts = label.split("-")
    first = parts[0].upper() if len(parts[0]) <= 3 else parts[0].capitalize()
    return "-".join([first, *parts[1:]])


def _orgnr(doc: Doc, orgnrs: list[tuple[int, str]]) -> str | None:
    for at, raw in orgnrs:
        digits = re.sub(r"\D", "", raw)
        if not orgnr_checksum_ok(digits):
            continue
        window = doc.text[max(0, at - 150) : at + 40].lower()
        if any(alias in window for alias in doc.aliases) or re.search(r"\b(?:vi|we|our|vår|vårt)\b", window):
            return digits
        if not any(v.lower() in window for v in doc.vendors):
            return digits
    return None


def _address(doc: Doc) -> str | None:
    """The address next to the organisation's name or under a contact heading: street lines and a postcode."""
    lines = doc.lines
    fallback: str | None = None
    for i, line in enumerate(lines):
        if not line or len(line.split()) > 10:
            inline = _INLINE_ADDRESS.search(line) if line else None
            if inline and any(a in line.lower() for a in doc.aliases):
                return f"{inline.group(1).strip()}, {inline.group(2)}"
            continue
        if not _POSTCODE_LINE.search(line):
            continue
        parts = [line]
        j = i - 1
        while j >= 0 and len(parts) < 3 and lines[j] and len(lines[j].split()) <= 6 and _STREET.search(lines[j]):
            parts.insert(0, lines[j])
            j -= 1
        above = " ".join(lines[max(0, j - 2) : j + 1]).lower()
        address = ", ".join(parts)
        if any(a in above for a in doc.aliases) or any(a in line.lower() for a in doc.aliases):
            return address
        if fallback is None and re.search(r"kontakt|contact|adresse|address|besøk|visit", above):
            fallback = address
    return fallback


def _unit_at(doc: Doc, offset: int) -> Unit:
    starts = [u.start for u in doc.units]
    return doc.units[max(0, bisect.bisect_right(starts, offset) - 1)]


def _personal(local: str) -> bool:
    return bool(re.fullmatch(r"[a-zæøå]{2,}[._][a-zæøå]{2,}(?:[._][a-zæøå]{2,})?", local))


def contacts(doc: Doc) -> list[Found]:
    out: list[Found] = []
    vendor_keys = {_compact(v) for v in doc.vendors}
    starts = [u.start for u in doc.units]
    for match in EMAIL_RE.finditer(doc.text):
        address = match.group().rstrip(".").lower()
        local, domain = address.rsplit("@", 1)
        if domain in FOREIGN_DOMAINS or any(k and domain.split(".")[0].replace("-", "") == k for k in vendor_keys):
            continue
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
    r"(?:personvernombud(?:et)?|DPO|[Dd]ata\s+[Pp]rotection\s+[Oo]fficer)\s*(?:er|is|,|:)\s+"
    r"([A-ZÆØÅ][a-zæøé]+(?:\s+[A-ZÆØÅ][a-zæøé\-]+){1,2})(?!\s+" + LEGAL_FORM_RE + r")"
)
_GREEDY_NAME = r"[A-ZÆØÅ][\w&'\-]*[\wÆØÅæøå](?:[ ]+[A-ZÆØÅ][\w&'\-]*[\wÆØÅæøå])*"
_DPO_OF = re.compile(
    r"(?:(?i:personvernombud)\w*|DPO|[Dd]ata\s+[Pp]rotection\s+[Oo]fficer)\s+(?:i|hos|in|at|of|for)\s+(?:the\s+)?("
    + _GREEDY_NAME
    + r")"
    r"(?:\s+(" + LEGAL_FORM_RE + r"))?(?![\w-])"
    r"|("
    + _NAME
    + r")(?:\s+("
    + LEGAL_FORM_RE
    + r"))?\s+(?:har|has)\s+(?:et\s+|a\s+|an\s+|appointed\s+a\s+|utnevnt\s+et\s+)?"
    r"(?:felles\s+|group\s+)?(?:personvernombud|DPO|data\s+protection\s+officer)"
)
_GROUP = re.compile(
    r"(?:en\s+del\s+av|del\s+av|part\s+of|member\s+of|datterselskap\s+av|subsidiary\s+of)\s+(?:the\s+)?("
    + _GREEDY_NAME
    + r")(?:\s+("
    + LEGAL_FORM_RE
    + r"))?(?![\w-])"
)
_GROUP_DPO = re.compile(
    r"konsern\w*\s+personvernombud|group\s+(?:DPO|data\s+protection\s+officer)|"
    r"personvernombud\w*\s+(?:for|i)\s+(?:hele\s+)?konsernet",
    re.I,
)


def dpos(doc: Doc) -> list[Found]:
    mentions: list[tuple[Unit, str | None, str | None, str | None]] = []
    for index, unit in enumerate(doc.units):
        if not DPO_CUES.search(unit.text) or DPO_NEGATION.search(unit.text):
            continue
        if re.search(r"personvernkontakt|privacy\s+contact", unit.text, re.I) and not re.search(
            r"personvernombud|data\s+protection\s+officer|\bDPO\b", unit.text
        ):
            continue
        emails = [m.group().rstrip(".").lower() for m in EMAIL_RE.finditer(unit.text)]
        if not emails and (unit.is_heading or unit.text.rstrip().endswith(":")):
            for following in doc.units[index + 1 : index + 3]:
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
    if of is None and any(_GROUP_DPO.search(m[0].text) for m in mentions):
        group = _GROUP.search(doc.text)
        of = _org_name(group.group(1), group.group(2)) if group else None
    richest = max(mentions, key=lambda m: sum(x is not None for x in m[1:]) - (m[0].is_heading and 0.5))
    confidence = "high" if (email or name or of) else "medium"
    value = {"email": email, "name": name, "of": of}
    return [Found(Item("dpo", value, evidence(richest[0].text), confidence), (), mentions[0][0].start)]


def _org_name(name: str, form: str | None) -> str:
    words = name.split()
    while words and words[0].lower() in _LEAD_WORDS:
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
