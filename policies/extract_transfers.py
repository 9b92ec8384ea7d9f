"""The transfer grounds a policy claims: mechanism, importer and country, in the policy's own words."""

from __future__ import annotations

import re

from policies.extract_doc import Doc, Found, Item
from policies.extract_processors import _countries_at
from policies.extract_text import evidence
from policies.extract_vocab import (
    COUNTRY_NAMES,
    GENERIC_SAFEGUARDS,
    LEGAL_FORM_RE,
    MECHANISM_PATTERNS,
    VENDOR_RE,
    VENDORS,
)
from registry.countries import EEA
from registry.names import normalise

# ---- transfers ---------------------------------------------------------------------------------------------------

_MECHANISM_STEMS = re.compile(
    r"shield|harbo|framework|DPF|standard|SCC|binding|BCR|bindende|adequa|adekvans|tilstrekkelig|\b4[69]\b|safeguard|garanti",
    re.I,
)
_TRANSFER_CONTEXT = re.compile(
    r"overfør|transfer|tredjeland|third\s+countr|utenfor\s+(?:EU|EØS)|outside\s+the\s+(?:EU|EEA)", re.I
)
_WITHDRAWN = re.compile(
    r"ugyldig|invalid|erstattet|replaced|no\s+longer|ikke\s+lenger|opphevet|struck\s+down|annulled", re.I
)
# "Data kan bli overført til Google LLC i USA", "Transfers from us to Meridian Marine Singapore": the importer named.
_SENT_TO = re.compile(
    r"\b(?i:overf[øo]r\w*|transfer\w*|sent|sendt|disclosed)\b[^.;]{0,40}?\b(?:til|to)\s+"
    r"([A-ZÆØÅ][\w&\-]*(?:\s+[A-ZÆØÅ][\w&\-]*){0,4})(?:,?\s+(" + LEGAL_FORM_RE + r"))?(?![\w-])"
)
_LABEL = re.compile(
    r"^\s*(?:[•·▪◦●■*–-]\s*)?([A-ZÆØÅ][\w&\-]*(?:\s+[A-ZÆØÅ][\w&\-]*){0,4}),?\s+("
    + LEGAL_FORM_RE
    + r")\s*(?:\([^)]{1,40}\))?\s*:"
)
# From the start of the blanks before the form: from inside them, each rescanned the rest.
_TRAILING_FORM = re.compile(r"(?<![\s,])[\s,]+(?:" + LEGAL_FORM_RE + r")$")
# Matched right after a mechanism only: anchored, so that a search cannot rescan from every position.
_CLAIM_TAIL = re.compile(r"\A\s+(?:godkjent|vedtatt|fastsatt|approved|adopted|issued)\s+(?:av|by)\s+[^,.;]{1,50}", re.I)


def transfers(doc: Doc) -> list[Found]:
    out: list[Found] = []
    vendors = {normalise(v): v for v in doc.vendors}
    abroad = {v: [c for c in cs if c != "EU" and c not in EEA] for v, cs in doc.vendors.items()}
    # "Rubicon Mailer" for "Rubicon Mailer Inc.": a vendor is also named without its legal form.
    spellings = [(v, v) for v in doc.vendors] + [
        (short, v) for v in doc.vendors if (short := _TRAILING_FORM.sub("", v)) != v and len(short) >= 4
    ]
    for index, unit in enumerate(doc.units):
        if not _MECHANISM_STEMS.search(unit.text):
            continue
        claims: list[tuple[int, int, str, str]] = []
        for code, pattern in MECHANISM_PATTERNS:
            for match in pattern.finditer(unit.text):
                if any(s < match.end() and match.start() < e for s, e, _, _ in claims):
                    continue
                if code in ("privacy-shield", "safe-harbor") and _WITHDRAWN.search(unit.text):
                    continue
                claims.append((match.start(), match.end(), code, "high"))
        if not claims and GENERIC_SAFEGUARDS.search(unit.text) and _TRANSFER_CONTEXT.search(unit.text):
            match = GENERIC_SAFEGUARDS.search(unit.text)
            assert match is not None
            claims.append((match.start(), match.end(), "scc-unknown", "unsure"))
        if not claims:
            continue
        named, sent_to, third = _parties(doc, unit.text, vendors, spellings)
        label = _LABEL.match(unit.text)  # "Sendwise LLC (USA): Sendwise er sertifisert under ...": a row per vendor
        if label and not named and not sent_to:
            company = f"{label.group(1)} {label.group(2)}"
            if normalise(company) not in doc.aliases:
                sent_to = vendors.get(normalise(company), company)
        before = doc.units[index - 1] if index else None
        if not (named or sent_to or third) and before is not None and before.line == unit.line:
            named, sent_to, third = _parties(doc, before.text, vendors, spellings)  # "Overføringen er basert på ..."
            named = [(len(unit.text), v) for _, v in named]
        for start, end, code, confidence in claims:
            closest = min(named, key=lambda n: abs(n[0] - start))[1] if named else None
            # "HubSpot and Calendly are both certified under ...": one claim, a transfer to each.
            together = _joined(named, unit.text, start)
            for importer in [sent_to] if sent_to else together if len(together) > 1 else [closest]:
                country = third[0] if third else None
                if importer and country is None and abroad.get(importer):
                    country = abroad[importer][0]
                if importer is None and country:
                    there = [v for v, cs in abroad.items() if country in cs]
                    importer = there[0] if len(there) == 1 else None
                claim = unit.text[start:end]
                tail = _CLAIM_TAIL.match(unit.text[end:])
                if tail:
                    claim += tail.group()
                sure = "medium" if confidence == "high" and not (importer or country) else confidence
                value = {"importer": importer, "country": country, "mechanism": code, "claim": claim.strip()}
                item = Item("transfer", value, evidence(unit.text, (start, end)), sure)
                out.append(Found(item, (importer and normalise(importer), country, code), unit.start + start))
    return _most_specific(out)


def _joined(named: list[tuple[int, str]], text: str, before: int) -> list[str]:
    """The vendors named one after another ("A and B", "A, B og C") right before position `before`."""
    ahead = sorted((at, v) for at, v in named if at < before)
    if not ahead:
        return []
    run = [ahead[-1]]
    for at, vendor in reversed(ahead[:-1]):
        if not _JOIN.fullmatch(text[at : run[0][0]]):
            break
        run.insert(0, (at, vendor))
    return list(dict.fromkeys(v for _, v in run))


# Only ever matched whole (\A, as _CLAIM_TAIL).
_JOIN = re.compile(r"\A[^;:()\n]{1,50}?(?:\s+(?:and|og|samt)\s+|,\s*)")


def _most_specific(found: list[Found]) -> list[Found]:
    """SCCs of unknown version are dropped for an importer and country whose SCC version the policy states elsewhere."""
    dated = {f.key[:2] for f in found if f.key[2] in ("scc-2021", "scc-2010")}
    return [f for f in found if not (f.key[2] == "scc-unknown" and f.key[:2] in dated)]


def _parties(
    doc: Doc, text: str, vendors: dict[str, str], spellings: list[tuple[str, str]]
) -> tuple[list[tuple[int, str]], str | None, list[str]]:
    """The vendors named in a text (position, name), a company data is sent to, and the third countries named."""
    named = [(m.start(), VENDORS[m.group(1).lower()][0]) for m in VENDOR_RE.finditer(text)]
    named += [(m.start(), v) for spelled, v in spellings for m in re.finditer(r"\b" + re.escape(spelled) + r"\b", text)]
    named = [(at, v) for at, v in named if normalise(v) in vendors]
    sent_to = None
    for match in _SENT_TO.finditer(text):
        name = match.group(1) + (f" {match.group(2)}" if match.group(2) else "")
        key = normalise(name)
        if key and key not in COUNTRY_NAMES and key not in doc.aliases and match.group(1).lower() not in COUNTRY_NAMES:
            sent_to = vendors.get(key, name)
            break
    third = [c for _, c in _countries_at(text) if c != "EU" and c not in EEA]
    return named, sent_to, third
