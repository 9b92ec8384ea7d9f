"""The policy's own organisation (name, org. number, address), its contact addresses and its DPO."""

from __future__ import annotations

import bisect
import re
from collections import Counter

from policies.extract_doc import Doc, Found, Item
from policies.extract_text import Unit, evidence
from policies.extract_vocab import (
    COUNTRY_NAMES,
    FOREIGN_DOMAINS,
    LEGAL_FORM_RE,
    NOT_VENDORS,
    VENDORS,
    WORD_START,
)
from registry.names import normalise
from registry.validate import orgnr_checksum_ok
from text.normalise import ascii_fold

EMAIL_RE = re.compile(r"(?<![\w.+-])[A-Za-z0-9][\w.+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_URL = re.compile(r"\b(?:https?://|www\.)\S+|\b[\w-]+\.(?:no|com|org|net|eu|se|dk|io)\b", re.I)
_ORGNR = re.compile(
    r"(?i:org(?:anisasjons)?\.?\s*-?\s*(?:nr|nummer|no|number)\.?|organi[sz]ation\s+(?:number|no\.?)|"
    r"company\s+(?:registration\s+)?(?:number|no\.?)|foretaksnummer|registration\s+number|reg\.\s*no\.?)"
    r"\s*[:.]?\s*(?:is\s+|er\s+)?(?:NO\s?)?(\d{3}[ .]?\d{3}[ .]?\d{3})(?!\d)"
    r"|\bNO\s?(\d{3}\s?\d{3}\s?\d{3})\s?MVA\b"
)
# At most 8 words: unbounded, every capitalised word in a long run of them was tried as the start of a name
# running to the run's end (40,000 characters of capitalised words: 2.6 s).
NAME = WORD_START + r"[A-ZÆØÅ][\w&'\-]*[\wÆØÅæøå](?:[ ]+(?:[A-ZÆØÅ][\w&'\-]*|&|og|and|of)){0,7}?"
_LEGAL_NAME = re.compile(r"(" + NAME + r")[ ]+(" + LEGAL_FORM_RE + r")(?![\w-])")
_CAPITALISED = re.compile(r"(?<![\w@.\-])([A-ZÆØÅ][\w\-]*[A-Za-zÆØÅæøå])(?![\w@\-]|\.\w)")
LEAD_WORDS = frozenset(
    """i the when når om fra til og ved hos av for med our vår about at by from with contact kontakt personvernerklæring
    privacy policy erklæring kontaktinformasjon policy notice of in på""".split()
)
_STOP_NAMES = frozenset(
    """gdpr eu eøs eea usa dpo crm it ip sms cv pdf faq personvernerklæring personopplysningsloven datatilsynet
    privacy shield art artikkel article kontakt contact norge norway oslo the we vi""".split()
)
_SIGNAL_NAME = r"(?P<n>[A-ZÆØÅ][\w&'\-]*(?:[ ]+[A-ZÆØÅ][\w&'\-]*){0,3})"
# Where a policy names itself: its title, "X er behandlingsansvarlig", "Kontaktinformasjon til X", "«X», «vi»".
_SIGNALS = re.compile(
    "|".join(
        s.replace("{n}", _SIGNAL_NAME.replace("?P<n>", f"?P<n{i}>"))
        for i, s in enumerate(
            (
                r"(?i:personvernerklæring|privacy\s+(?:policy|notice|statement))\s*(?:(?i:for)|[-–:|])\s*{n}",
                WORD_START
                + r"{n}\s+(?i:er|is|are)\s+(?i:selv\s+)?(?i:behandlingsansvarl[ie]g|(?:the\s+)?(?:data\s+)?controller|databehandler)",
                WORD_START + r"{n}\s+(?i:behandler\s+personopplysninger|processes\s+personal)",
                r"(?i:kontaktinformasjon\s+til|kontakte|contact)\s+{n}",
                r"[«\"“]{n}[»\"”]\s*,?\s*[«\"“](?i:vi|we)",
                r"\b(?i:vi\s+i)\s+{n}",
            )
        )
    )
)
_POSTCODE_LINE = re.compile(
    r"\b\d{4}\s+[A-ZÆØÅ][A-Za-zÆØÅæøå\-]+(?:\s+[A-ZÆØÅ][a-zæøå]+)?\s*(?:,\s*(?:Norge|Norway))?$"
)
_INLINE_ADDRESS = re.compile(
    r"(?<![\wæøå.\-])((?:[A-ZÆØÅ][\wæøå.\-]*\s){0,3}[A-ZÆØÅa-zæøå][\wæøå.\-]*\s\d{1,4}(?:-\d{1,4})?\s?[A-Za-z]?|(?:Postboks|PB|P\.O\.\s*Box)\s\d+"
    r"(?:\s[A-ZÆØÅ][a-zæøå]+)?),\s*(\d{4}\s+[A-ZÆØÅ][A-Za-zæøå\-]+)"
)
_STREET = re.compile(r"\d|\b(?:postboks|pb|box|vei|veien|gate|gata|gaten|plass|allé|bakken|road|street)\b", re.I)
_ADDRESS_LABEL = re.compile(r"^(?:(?:besøks|post)?adresse|(?:visiting\s+|postal\s+)?address)\s*:\s*", re.I)
_NOT_STREET = re.compile(r"(?:tlf|tel|telefon|phone|mob\w*|e-?post|e-?mail|org\w*)\b\.?\s*:?", re.I)
_NORWEGIAN_FORMS = ("AS", "ASA", "ANS", "DA", "NUF", "SA")
_FREE_MAIL = frozenset({"gmail.com", "hotmail.com", "outlook.com", "yahoo.com", "online.no", "icloud.com"})


def compact(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", ascii_fold(normalise(name)))


def _domains(doc: Doc) -> Counter[str]:
    domains: Counter[str] = Counter()
    for match in EMAIL_RE.finditer(doc.text):
        domain = match.group().rstrip(".").rsplit("@", 1)[1].lower()
        if domain not in FOREIGN_DOMAINS and domain not in _FREE_MAIL:
            domains[domain] += 1
    return domains


# "kvamsoy.kommune.no", "kelpie.co.uk": the organisation's label is the one before these.
_SUFFIX = re.compile(r"\.(?:(?:fylkes)?kommune|priv|co|com|org|ac)\.(?:no|uk)$|\.[a-z]{2,}$")


def _label(domain: str) -> str:
    return _SUFFIX.sub("", domain).rsplit(".", 1)[-1]


def _same_domain(name: str, domain: str) -> bool:
    label = _label(domain).replace("-", "")
    key = compact(name)
    if not key or len(label) < 3:
        return False
    return label == key or (len(key) >= 4 and label.startswith(key)) or (len(label) >= 5 and key.startswith(label))


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
        while words and words[0].lower() in LEAD_WORDS:
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
    signalled = [normalise(n).split() for m in _SIGNALS.finditer(doc.text) for n in m.groupdict().values() if n]
    for name in [n for n, _ in scores.most_common(12)]:
        if any(_same_domain(name, d) for d in domains):
            scores[name] += 8
        key = normalise(name).split()
        if any(key and words[: len(key)] == key for words in signalled):
            scores[name] += 6
        for at, _digits in orgnrs:
            if name in doc.text[max(0, at - 150) : at]:
                scores[name] += 6
    scores = Counter(dict(scores.most_common(12)))
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
    parts = _label(domain).split("-")
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
            if _ORGNR.search(lines[j]) or _NOT_STREET.match(lines[j]):
                break  # "Org.nr: 946 281 948", "Tlf: 55 20 40 60" above the street
            parts.insert(0, _ADDRESS_LABEL.sub("", lines[j]).rstrip(" ,"))
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
