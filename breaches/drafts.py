"""Drafts written from what the breach register records, in Norwegian (nb) or English (en): the notice to a
controller (Art. 33(2), with the content of Art. 33(3)(a)-(d)), Datatilsynet's notification section by section
(to paste into the authority's form), and the communication to the data subjects (Art. 34(2)).

What is not recorded yet is marked in the text ([MISSING: ...] / [MANGLER: ...]) with the command that records it,
so a draft is never sent with a gap nobody saw. The report's own words are never copied into a draft: they may
name people; the privacy team writes the facts (breach set ID nature=...).
"""

from __future__ import annotations

from datetime import datetime

from breaches import clock
from breaches.route import Recipient, contact, recipients
from registry.dates import oslo_time
from registry.models import Breach, Party
from registry.registry import Registry

LANGS = ("nb", "en")
KINDS_NB = {"confidentiality": "konfidensialitet", "integrity": "integritet", "availability": "tilgjengelighet"}
RISK_WORDS = {
    "en": {
        "none": "unlikely to result in a risk to people's rights and freedoms",
        "risk": "likely to result in a risk",
        "high": "likely to result in a high risk",
    },
    "nb": {
        "none": "lite sannsynlig at det medfører en risiko for de registrertes rettigheter og friheter",
        "risk": "sannsynlig at det medfører en risiko",
        "high": "sannsynlig at det medfører en høy risiko",
    },
}


class _Writer:
    """The sentences of one language, and the marks for what is missing."""

    def __init__(self, breach: Breach, lang: str) -> None:
        self.b = breach
        self.nb = lang == "nb"

    def t(self, nb: str, en: str) -> str:
        return nb if self.nb else en

    def missing(self, key: str) -> str:
        command = f"breach set {self.b.id} {key}=..."
        return f"[MANGLER: {command}]" if self.nb else f"[MISSING: {command}]"

    def fact(self, key: str) -> str:
        value = getattr(self.b, key)
        if key == "kinds" and value:
            return ", ".join(KINDS_NB.get(k, k) if self.nb else k for k in value)
        return str(value) if value not in (None, "", []) else self.missing(key)

    def when(self, value: str | None, key: str) -> str:
        return oslo_time(value) if value else self.missing(key)

    def about_people(self) -> str:
        return self.t(
            f"Omtrent {self.fact('people')} registrerte og {self.fact('records')} registreringer",
            f"About {self.fact('people')} data subjects and {self.fact('records')} records",
        )

    def facts(self) -> list[str]:
        """Art. 33(3)(a): what happened, the categories and the approximate numbers."""
        return [
            self.t("Hva skjedde: ", "What happened: ") + self.fact("nature"),
            self.t("Type brudd: ", "Kind of breach: ") + self.fact("kinds"),
            self.t("Kategorier personopplysninger: ", "Categories of personal data: ") + self.fact("data"),
            self.t("Kategorier registrerte: ", "Categories of data subjects: ") + self.fact("subjects"),
            self.about_people() + ".",
        ]


def _me(registry: Registry) -> Party | None:
    return registry.self_party()


def _our_contact(w: _Writer, me: Party | None) -> str:
    if me is None:
        return w.t(
            "[MANGLER: vår virksomhet (party set NAVN self=yes)]",
            "[MISSING: our organisation (party set NAME self=yes)]",
        )
    found = contact(me)
    return (
        f"{me.name}: {found}"
        if found
        else f"{me.name} "
        + w.t(
            f'[MANGLER: party set "{me.name}" dpo=... email=...]', f'[MISSING: party set "{me.name}" dpo=... email=...]'
        )
    )


def controller_notice(registry: Registry, breach: Breach, recipient: Recipient, lang: str) -> str:
    """Our notice to a controller whose data the breach concerns (inside registry.reading())."""
    w = _Writer(breach, lang)
    me = _me(registry)
    us = me.name if me else w.t("Vi", "our organisation")
    where = (
        w.t(
            f" hos vår underdatabehandler {registry.name_of(breach.processor)}",
            f" at our sub-processor {registry.name_of(breach.processor)}",
        )
        if breach.processor is not None and breach.role == "sub-processor"
        else ""
    )
    to = recipient.contact or w.t("[MANGLER: kontaktadresse]", "[MISSING: contact address]")
    lines = [
        w.t(
            f"Til: {recipient.party.name} ({to})\nEmne: Brudd på personopplysningssikkerheten (personvernforordningen art. 33 nr. 2)",
            f"To: {recipient.party.name} ({to})\nSubject: Personal data breach (GDPR Art. 33(2))",
        ),
        "",
        w.t(
            f"{us} behandler personopplysninger på deres vegne etter databehandleravtalen mellom oss. Vi ble kjent "
            f"med et brudd på personopplysningssikkerheten{where} {oslo_time(breach.aware)}, og varsler dere uten "
            f"ugrunnet opphold, som art. 33 nr. 2 og avtalen ({recipient.hours} timer) krever.",
            f"We, {us}, process personal data on your behalf under our data processing agreement. We became aware of a "
            f"personal data breach{where} on {oslo_time(breach.aware)} and notify you without undue delay, as Art. "
            f"33(2) and our agreement ({recipient.hours} hours) require.",
        ),
        "",
        w.t("a) Bruddets art:", "(a) Nature of the breach:"),
        *(f"   {line}" for line in w.facts()),
        w.t("b) Kontaktpunkt for mer informasjon: ", "(b) Contact point for more information: ") + _our_contact(w, me),
        w.t("c) Sannsynlige konsekvenser: ", "(c) Likely consequences: ") + w.fact("consequences"),
        w.t("d) Tiltak som er truffet eller foreslått: ", "(d) Measures taken or proposed: ") + w.fact("measures"),
        "",
        w.t(
            "Det dere som behandlingsansvarlig må vurdere, er om bruddet skal meldes til Datatilsynet innen 72 "
            "timer etter at dere ble kjent med det (art. 33 nr. 1) og om de registrerte skal varsles (art. 34). Vi "
            "sender det vi ennå ikke vet så snart vi vet det (art. 33 nr. 4), og bistår dere (art. 28 nr. 3 f).",
            "As controller you decide whether to notify the supervisory authority within 72 hours of becoming aware "
            "(Art. 33(1)) and whether to tell the data subjects (Art. 34). We will send what we do not know yet as "
            "soon as we know it (Art. 33(4)) and assist you (Art. 28(3)(f)).",
        ),
    ]
    return "\n".join(lines)


def authority_draft(registry: Registry, breach: Breach, lang: str) -> str:
    """Datatilsynet's notification, section by section, from what is recorded (inside registry.reading())."""
    w = _Writer(breach, lang)
    me = _me(registry)
    i = breach.id
    due = clock.deadline(breach)
    risk = RISK_WORDS[lang].get(breach.risk or "", "")
    sections: list[tuple[str, list[str]]] = [
        (
            w.t("1. Den behandlingsansvarlige", "1. The controller"),
            [
                (me.name + (f", org.nr. {me.orgnr}" if me.orgnr else "")) if me else _our_contact(w, me),
                w.t("Kontaktpunkt: ", "Contact point: ") + _our_contact(w, me),
            ],
        ),
        (
            w.t("2. Tidslinje", "2. Timeline"),
            [
                w.t("Oppdaget: ", "Discovered: ") + w.when(breach.discovered, "discovered"),
                w.t("Kjent for oss (72 timer regnes herfra): ", "We became aware (the 72 hours count from here): ")
                + oslo_time(breach.aware),
                w.t("Frist for melding: ", "Deadline for the notification: ") + oslo_time(due),
                w.t("Meldt: ", "Notified: ")
                + (oslo_time(breach.authority_notified) if breach.authority_notified else w.t("(nå)", "(now)")),
            ],
        ),
        (w.t("3. Hva skjedde", "3. What happened"), w.facts()[:2]),
        (w.t("4. Personopplysninger og registrerte", "4. Personal data and data subjects"), w.facts()[2:]),
        (w.t("5. Sannsynlige konsekvenser", "5. Likely consequences"), [w.fact("consequences")]),
        (w.t("6. Tiltak truffet eller foreslått", "6. Measures taken or proposed"), [w.fact("measures")]),
        (
            w.t("7. Vår risikovurdering", "7. Our risk assessment"),
            [
                (risk + (f": {breach.risk_reason}" if breach.risk_reason else ""))
                if breach.risk
                else w.t(
                    f'[MANGLER: breach assess {i} risk=none|risk|high reason="..."]',
                    f'[MISSING: breach assess {i} risk=none|risk|high reason="..."]',
                )
            ],
        ),
        (
            w.t("8. Varsling av de registrerte (art. 34)", "8. Communication to the data subjects (Art. 34)"),
            [_subjects_line(w)],
        ),
    ]
    if breach.processor is not None:
        sections.append(
            (
                w.t("9. Databehandler", "9. Processor"),
                [w.t("Bruddet skjedde hos ", "The breach happened at ") + registry.name_of(breach.processor)],
            )
        )
    late = clock.is_late(breach, _notified_or_now(registry, breach))
    if late:
        reason = breach.delay_reason or w.t(
            f'[MANGLER: breach notified {i} authority=... delay="..."]',
            f'[MISSING: breach notified {i} authority=... delay="..."]',
        )
        sections.append(
            (w.t("Begrunnelse for forsinkelsen (art. 33 nr. 1)", "Reasons for the delay (Art. 33(1))"), [reason])
        )
    head = w.t(
        f"Utkast: melding om brudd på personopplysningssikkerheten til Datatilsynet (avvik #{i})",
        f"Draft: notification of a personal data breach to Datatilsynet (breach #{i})",
    )
    return head + "\n\n" + "\n\n".join(title + "\n" + "\n".join(f"   {x}" for x in body) for title, body in sections)


def subjects_draft(registry: Registry, breach: Breach, lang: str) -> str:
    """The communication to the data subjects in clear and plain language (Art. 34(2))."""
    w = _Writer(breach, lang)
    me = _me(registry)
    us = me.name if me else w.t("vi", "we")
    return "\n".join(
        [
            w.t("Viktig informasjon om dine personopplysninger", "Important information about your personal data"),
            "",
            w.t(
                f"{us} har hatt et brudd på sikkerheten som gjelder opplysninger om deg. Dette skjedde: ",
                f"{us} had a security breach that concerns information about you. This is what happened: ",
            )
            + w.fact("nature"),
            w.t("Opplysninger det gjelder: ", "The information concerned: ") + w.fact("data"),
            w.t("Hva det kan bety for deg: ", "What it may mean for you: ") + w.fact("consequences"),
            w.t("Hva vi har gjort: ", "What we have done: ") + w.fact("measures"),
            w.t("Spørsmål kan rettes til ", "Questions can be sent to ") + _our_contact(w, me),
        ]
    )


def _subjects_line(w: _Writer) -> str:
    b = w.b
    if b.subjects_notified:
        return w.t("Varslet ", "Told on ") + b.subjects_notified.isoformat()
    if b.subjects_not_needed:
        return w.t("Ikke varslet: ", "Not told: ") + b.subjects_not_needed
    if b.risk in ("none", "risk"):
        return w.t(
            "Ikke påkrevd: risikoen er ikke høy (art. 34 nr. 1)", "Not required: the risk is not high (Art. 34(1))"
        )
    return w.t(
        f'[MANGLER: breach notified {b.id} subjects=DATO eller subjects=not-needed reason="..."]',
        f'[MISSING: breach notified {b.id} subjects=DATE or subjects=not-needed reason="..."]',
    )


def _notified_or_now(registry: Registry, breach: Breach) -> datetime:
    return datetime.fromisoformat(breach.authority_notified) if breach.authority_notified else registry.clock()


def recipient_for(registry: Registry, breach: Breach, party_id: int) -> Recipient | None:
    return next((r for r in recipients(registry, breach) if r.party.id == party_id), None)
