"""The transfer grounds a policy claims: mechanism, importer and country, in the policy's own words."""

from __future__ import annotations

import re

from policies.extract_doc import Doc, Found, Item
from policies.extract_roles import _countries_at
from policies.extract_text import evidence
from policies.extract_vocab import (
    GENERIC_SAFEGUARDS,
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
_CLAIM_TAIL = re.compile(r"\s+(?:godkjent|vedtatt|fastsatt|approved|adopted|issued)\s+(?:av|by)\s+[^,.;]{1,50}", re.I)


def transfers(doc: Doc) -> list[Found]:
    out: list[Found] = []
    vendors = {normalise(v): v for v in doc.vendors}
    abroad = {v: [c for c in cs if c != "EU" and c not in EEA] for v, cs in doc.vendors.items()}
    for unit in doc.units:
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
        named = [(m.start(), VENDORS[m.group(1).lower()][0]) for m in VENDOR_RE.finditer(unit.text)]
        named += [(m.start(), v) for k, v in vendors.items() for m in re.finditer(re.escape(v), unit.text)]
        named = [(at, v) for at, v in named if normalise(v) in vendors]
        third = [c for _, c in _countries_at(unit.text) if c != "EU" and c not in EEA]
        for start, end, code, confidence in claims:
            importer = min(named, key=lambda n: abs(n[0] - start))[1] if named else None
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
            if confidence == "high" and not (importer or country):
                confidence = "medium"
            value = {"importer": importer, "country": country, "mechanism": code, "claim": claim.strip()}
            item = Item("transfer", value, evidence(unit.text, (start, end)), confidence)
            out.append(Found(item, (importer and normalise(importer), country, code), unit.start + start))
    return out
