"""The words a privacy policy uses for countries, vendors, services, transfer mechanisms and roles (nb and en), as data."""

from __future__ import annotations

import re

# Country names and adjectives people write, folded to lower case -> ISO code. "EU" stands for any place in the
# EU/EEA without a named country.
COUNTRY_NAMES: dict[str, str] = {
    "norge": "NO", "norway": "NO", "sverige": "SE", "sweden": "SE", "danmark": "DK", "denmark": "DK",
    "finland": "FI", "island": "IS", "iceland": "IS", "tyskland": "DE", "germany": "DE", "irland": "IE",
    "ireland": "IE", "nederland": "NL", "nederlandene": "NL", "the netherlands": "NL", "netherlands": "NL",
    "frankrike": "FR", "france": "FR", "belgia": "BE", "belgium": "BE", "spania": "ES", "spain": "ES",
    "italia": "IT", "italy": "IT", "polen": "PL", "poland": "PL", "østerrike": "AT", "austria": "AT",
    "sveits": "CH", "switzerland": "CH", "storbritannia": "GB", "the united kingdom": "GB",
    "united kingdom": "GB", "the uk": "GB", "uk": "GB", "england": "GB", "usa": "US", "the us": "US",
    "the usa": "US", "the united states": "US", "united states": "US", "u.s.": "US", "amerika": "US",
    "canada": "CA", "india": "IN", "australia": "AU", "japan": "JP", "singapore": "SG", "kina": "CN",
    "china": "CN", "israel": "IL", "estland": "EE", "estonia": "EE", "latvia": "LV", "litauen": "LT",
    "lithuania": "LT", "portugal": "PT", "tsjekkia": "CZ", "czech republic": "CZ", "czechia": "CZ",
    "ukraina": "UA", "ukraine": "UA", "filippinene": "PH", "the philippines": "PH", "philippines": "PH",
    "brasil": "BR", "brazil": "BR", "luxembourg": "LU", "sør-afrika": "ZA", "south africa": "ZA",
    "sør-korea": "KR", "south korea": "KR", "new zealand": "NZ", "mexico": "MX", "serbia": "RS",
    "romania": "RO", "bulgaria": "BG", "hellas": "GR", "greece": "GR", "ungarn": "HU", "hungary": "HU",
    "kroatia": "HR", "croatia": "HR", "slovakia": "SK", "slovenia": "SI", "malta": "MT", "kypros": "CY",
    "cyprus": "CY", "vietnam": "VN", "pakistan": "PK", "hviterussland": "BY", "belarus": "BY",
    "noreg": "NO", "kanada": "CA", "eu": "EU", "eøs": "EU", "eea": "EU", "the eu": "EU", "the eea": "EU", "europa": "EU", "europe": "EU",
    "eu/eøs": "EU", "eu/eea": "EU", "eu/eøs-området": "EU", "eøs-området": "EU",
}  # fmt: skip
# Code-shaped spellings accepted only in upper case ("US" but not the word "us").
COUNTRY_CODES_UPPER = ("US", "USA", "UK", "EU", "EØS", "EEA", "NO", "SE", "DK", "DE", "IE", "NL", "FI", "FR")

_country_alternatives = sorted(COUNTRY_NAMES, key=len, reverse=True)
COUNTRY_RE = re.compile(
    r"(?<![\w@./-])(?:(?i:" + "|".join(re.escape(c) for c in _country_alternatives if c.islower()) + r")"
    r"|" + "|".join(COUNTRY_CODES_UPPER) + r")s?(?![\w@/-]|\.\w)"
)

# Vendors policies name, folded key -> (display name, default service). Aliases point at the same display name.
VENDORS: dict[str, tuple[str, str | None]] = {
    "hubspot": ("HubSpot", "CRM"),
    "amazon web services": ("Amazon Web Services", "hosting"),
    "aws": ("Amazon Web Services", "hosting"),
    "google cloud platform": ("Google Cloud Platform", "hosting"),
    "google cloud": ("Google Cloud Platform", "hosting"),
    "gcp": ("Google Cloud Platform", "hosting"),
    "google workspace": ("Google Workspace", "e-mail and documents"),
    "google analytics": ("Google Analytics", "analytics"),
    "microsoft azure": ("Microsoft Azure", "hosting"),
    "azure": ("Microsoft Azure", "hosting"),
    "microsoft 365": ("Microsoft 365", "e-mail and documents"),
    "office 365": ("Microsoft 365", "e-mail and documents"),
    "microsoft": ("Microsoft", None),
    "salesforce": ("Salesforce", "CRM"),
    "pipedrive": ("Pipedrive", "CRM"),
    "mailchimp": ("Mailchimp", "newsletter"),
    "sendgrid": ("SendGrid", "e-mail"),
    "brevo": ("Brevo", "newsletter"),
    "sendinblue": ("Brevo", "newsletter"),
    "zendesk": ("Zendesk", "support"),
    "freshdesk": ("Freshdesk", "support"),
    "intercom": ("Intercom", "support"),
    "twilio": ("Twilio", "SMS"),
    "stripe": ("Stripe", "payment"),
    "klarna": ("Klarna", "payment"),
    "vipps": ("Vipps", "payment"),
    "nets": ("Nets", "payment"),
    "adyen": ("Adyen", "payment"),
    "visma": ("Visma", "accounting"),
    "tripletex": ("Tripletex", "accounting"),
    "poweroffice": ("PowerOffice", "accounting"),
    "fiken": ("Fiken", "accounting"),
    "xledger": ("Xledger", "accounting"),
    "slack": ("Slack", "messaging"),
    "atlassian": ("Atlassian", "issue tracking"),
    "jira": ("Atlassian", "issue tracking"),
    "dropbox": ("Dropbox", "file storage"),
    "docusign": ("DocuSign", "e-signature"),
    "signicat": ("Signicat", "e-signature"),
    "cloudflare": ("Cloudflare", "CDN"),
    "hetzner": ("Hetzner", "hosting"),
    "digitalocean": ("DigitalOcean", "hosting"),
    "webcruiter": ("Webcruiter", "recruitment"),
    "teamtailor": ("Teamtailor", "recruitment"),
    "recman": ("Recman", "recruitment"),
    "zoom": ("Zoom", "video meetings"),
    "posten": ("Posten", "delivery"),
    "bring": ("Bring", "delivery"),
}
VENDOR_RE = re.compile(
    r"(?<![\w@.\-])(" + "|".join(re.escape(v) for v in sorted(VENDORS, key=len, reverse=True)) + r")(?![\w@]|\.\w)",
    re.I,
)
# Names that are not processors however they are mentioned: platforms linked to, authorities, the law.
NOT_VENDORS = frozenset(
    """facebook linkedin instagram twitter youtube tiktok finn finn.no datatilsynet gdpr eu eøs eea usa
    personopplysningsloven privacy shield ecdp edpb kommisjonen commission google personvernombud personvernombod
    kontakt contact dpo""".split()
)

# A service named near a vendor: stem (lower case) -> service label.
SERVICES: tuple[tuple[str, str], ...] = (
    ("crm", "CRM"),
    ("kundehandtering", "CRM"),
    ("hosting", "hosting"),
    ("hoster", "hosting"),
    ("hosted", "hosting"),
    ("lokalisert hos", "hosting"),
    ("datasenter", "hosting"),
    ("data centre", "hosting"),
    ("data center", "hosting"),
    ("skytjeneste", "hosting"),
    ("cloud", "hosting"),
    ("drift", "hosting"),
    ("nyhetsbrev", "newsletter"),
    ("newsletter", "newsletter"),
    ("e-post", "e-mail"),
    ("e-mail", "e-mail"),
    ("email", "e-mail"),
    ("sms", "SMS"),
    ("lønn", "payroll"),
    ("payroll", "payroll"),
    ("regnskap", "accounting"),
    ("accounting", "accounting"),
    ("fakturering", "invoicing"),
    ("invoic", "invoicing"),
    ("betaling", "payment"),
    ("payment", "payment"),
    ("kundeservice", "support"),
    ("support", "support"),
    ("helpdesk", "support"),
    ("analyse", "analytics"),
    ("analytics", "analytics"),
    ("statistikk", "analytics"),
    ("rekruttering", "recruitment"),
    ("recruit", "recruitment"),
    ("signering", "e-signature"),
    ("signature", "e-signature"),
    ("backup", "backup"),
    ("sikkerhetskopi", "backup"),
    ("issue tracking", "issue tracking"),
    ("saksbehandling", "case handling"),
    ("ticket", "support"),
    ("forretningsfør", "property management"),
    ("property manage", "property management"),
    ("beboerportal", "resident portal"),
    ("nøkkel", "access control"),
    ("adgang", "access control"),
    ("access control", "access control"),
    ("kamera", "camera"),
    ("cctv", "camera"),
    ("arkiv", "archive"),
    ("løn ", "payroll"),
    ("error monitoring", "error monitoring"),
    ("cdn", "CDN"),
    ("frakt", "delivery"),
    ("nettbutikk", "webshop"),
    ("direct debit", "payment"),
    ("digital post", "digital mail"),
)

# Transfer mechanisms: code, pattern. Order matters: the first that matches a span claims it.
_SCC = (
    r"(?:EU(?:'s|s)?\s+|the\s+EU\s+|(?:EU-)?kommisjonens\s+|the\s+(?:European\s+)?Commission's\s+)?"
    r"(?:standard\s*(?:avtale|kontrakts?|personvern)\s*(?:klausuler|vilkår|bestemmelser)|standardavtale(?:klausuler|vilkår)"
    r"|standardkontrakt(?:s?vilkår|klausuler)|standard\s+contractual\s+clauses|standard\s+data\s+protection\s+clauses"
    r"|\bSCCs?\b)"
)
MECHANISM_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "privacy-shield",
        re.compile(r"(?:EU[-\s–]+(?:US|U\.S\.)\s+|EU\s+og\s+USAs?\s+)?Privacy\s+Shield(?:\s+Framework)?", re.I),
    ),
    ("safe-harbor", re.compile(r"(?:US[-\s]+EU\s+)?Safe\s+Harbou?r(?:\s+Framework)?", re.I)),
    ("dpf", re.compile(r"(?:EU[-\s–]+(?:US|U\.S\.)\s+)?Data\s+Privacy\s+Framework(?:\s*\(DPF\))?|\bDPF\b", re.I)),
    (
        "scc-2021",
        re.compile(
            _SCC
            + r"[^.;]{0,80}?(?:2021/914|\(EU\)\s*2021/914|(?:juni|june|fra|from|of|av)\s+(?:4\.?\s+)?(?:juni\s+|june\s+)?2021)|\bSCCs?\s*2021",
            re.I,
        ),
    ),
    ("scc-2010", re.compile(_SCC + r"[^.;]{0,80}?(?:2010/87|2004/915|2001/497)", re.I)),
    ("scc-unknown", re.compile(_SCC, re.I)),
    ("bcr", re.compile(r"binding\s+corporate\s+rules|bindende\s+virksomhetsregler|\bBCRs?\b", re.I)),
    (
        "adequacy",
        re.compile(
            r"adequacy\s+decisions?|adekvansbeslutning(?:er|en)?|tilstrekkelighetsbeslutning\w*|"
            r"(?:kommisjonen|commission)[^.]{0,80}(?:tilstrekkelig|adequate)\s+(?:beskyttelsesnivå|level of (?:data )?protection)",
            re.I,
        ),
    ),
    ("art49", re.compile(r"art(?:ikkel|icle|\.)?\s*49\b", re.I)),
)
# Generic safeguards that do not say which: recorded as SCCs of unknown version, marked unsure.
GENERIC_SAFEGUARDS = re.compile(
    r"art(?:ikkel|icle|\.)?\s*46\b|appropriate\s+safeguards|egnede\s+garantier|nødvendige\s+garantier", re.I
)

# The role words: controller and processor, Norwegian and English.
CONTROLLER_WORD = r"(?:felles\s+)?behandlingsansvarl[ie]ge?|(?:joint\s+)?(?:data\s+)?controllers?"
PROCESSOR_WORD = r"(?:under)?databehandl(?:ere?|ar(?:ar)?)|(?:sub-?)?(?:data\s+)?processors?|behandler\s+av\s+(?:dine|deres|dere)\s+data"
# The organisation as the subject of a sentence besides its own name.
SELF_WORDS = (
    r"vi|we|selskapet|virksomheten|the\s+company|our\s+company|foretaket|konsernet|borettslaget|sameiet|kommunen|"
    r"fylkeskommunen|foreningen|stiftelsen|organisasjonen|laget|klubben|the\s+association|the\s+municipality"
)
# Someone else as the subject: a role word after these belongs to them.
OTHER_PARTY = re.compile(
    r"\b(?:kunde\w*|customers?|clients?|arbeidsgiver\w*|employers?|som\s+da|who|which|den\s+behandlingsansvarlige|"
    r"leverandør\w*|suppliers?|vendors?|partner\w*|underleverandør\w*|the\s+controller|they|de|disse|deres)\b",
    re.I,
)

# Privacy words: a contact address near these is for privacy requests.
PRIVACY_CUES = re.compile(
    r"personvern|personopplysning|personlige\s+(?:data|opplysninger)|rettighet|innsyn|sletting|slette|gdpr|"
    r"privacy|personal\s+data|personal\s+information|data\s+protection|your\s+rights|dpo\b|erasure|"
    r"access\s+request|denne\s+erklæringen|this\s+(?:policy|notice|statement)",
    re.I,
)
PRIVACY_LOCAL_PARTS = re.compile(
    r"^(?:personvern\w*|privacy\w*|gdpr\w*|dpo|datavern\w*|dataprotection|data\.?protection|"
    r"personopplysninger|mininfo|innsyn|rights)$",
    re.I,
)
GENERAL_CUES = re.compile(
    r"general\s+(?:enquiries|inquiries|questions)|generelle\s+(?:henvendelser|spørsmål)|kundeservice|customer\s+service|"
    r"faktura|invoice|billing|sales|salg|bestilling|order|booking|press|presse|job|jobb|stilling|membership|"
    r"medlemskap",
    re.I,
)
EXAMPLE_CUES = re.compile(
    r"f\.\s?eks\.?|for\s+eksempel|eksempel|e\.g\.|for\s+example|such\s+as|for\s+instance|som\s+\w+@", re.I
)
# Addresses of authorities and examples, never the organisation's.
FOREIGN_DOMAINS = frozenset(
    {"datatilsynet.no", "edpb.europa.eu", "ico.org.uk", "example.com", "example.no", "example.org"}
)

# The data protection officer.
DPO_CUES = re.compile(r"personvernomb[uo]d\w*|data\s+protection\s+officer|\bDPO\b|personvernrådgiver\w*", re.I)
DPO_NEGATION = re.compile(
    r"\b(?:ikke|ikkje|not|no|har\s+ingen|verken)\b[^.]{0,40}(?:personvernomb[uo]d|data\s+protection\s+officer|DPO)|"
    r"(?:personvernomb[uo]d|data\s+protection\s+officer|DPO)\w*[^.]{0,30}\b(?:ikke|not)\b\s+(?:påkrevd|pålagt|required|appointed|utnevnt|oppnevnt)",
    re.I,
)

# Where a pattern that opens with a name may start: at a word's start. Tried inside a long word ("A-A-A-..."),
# every position rescanned the rest of the word (100 KB: seconds); a name cut out of a word was wrong anyway.
WORD_START = r"(?<![\w&'\-])"
# Legal forms written after a company name (display spelling kept as written).
LEGAL_FORM_RE = (
    r"(?:AS|ASA|ANS|DA|NUF|SA|SAS|SARL|AB(?:\s+\(publ\))?|ApS|A/S|Oy|Oyj|OÜ|ehf|AG|GmbH|KG|Inc\.?|Ltd\.?|Limited|LLC|"
    r"LLP|plc|PLC|Corp\.?|Corporation|Pvt\.?\s+Ltd\.?|Private\s+Limited|B\.?V\.?|N\.?V\.?|S\.?r\.?l\.?|S\.?p\.?A\.?|S\.?L\.?|SE|Pty\s+Ltd\.?|Pte\.?\s+Ltd\.?|"
    r"Sp\.\s*z\s*o\.\s*o\.|d\.o\.o\.|Unlimited\s+Company|Holding\s+AS|Group|Borettslag|Boligbyggelag|Sameie|Stiftelse|BA|"
    r"kommune|fylkeskommune)"
)
