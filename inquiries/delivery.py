"""Where an inquiry goes, and the text to send an external controller (in the inquiry's language)."""

from __future__ import annotations

from dataclasses import dataclass

from inquiries.tracking import needs_a_look
from registry.delivery_records import channel_of
from registry.models import Inquiry, Party
from registry.registry import Registry

TYPE_NAMES = {
    "en": {
        "access": "access (Art. 15)",
        "rectification": "rectification (Art. 16)",
        "erasure": "erasure (Art. 17)",
        "restriction": "restriction (Art. 18)",
        "portability": "data portability (Art. 20)",
        "objection": "objection (Art. 21)",
        "withdraw-consent": "withdrawal of consent (Art. 7(3))",
        "automated-decision": "automated decision-making (Art. 22)",
        "complaint": "complaint",
        "reminder": "reminder of an earlier request",
        "question": "question about privacy",
        "not-a-request": "not a data subject request",
        "foi": "freedom-of-information request (offentleglova)",
    },
    "nb": {
        "access": "innsyn (art. 15)",
        "rectification": "retting (art. 16)",
        "erasure": "sletting (art. 17)",
        "restriction": "begrensning (art. 18)",
        "portability": "dataportabilitet (art. 20)",
        "objection": "protest (art. 21)",
        "withdraw-consent": "tilbaketrekking av samtykke (art. 7(3))",
        "automated-decision": "automatiserte avgjørelser (art. 22)",
        "complaint": "klage",
        "reminder": "purring på en tidligere henvendelse",
        "question": "spørsmål om personvern",
        "not-a-request": "ikke en henvendelse fra en registrert",
        "foi": "innsynskrav etter offentleglova",
    },
}

# What is said instead of deadlines about what is not a data subject's request.
NO_DEADLINE = {
    "foi": (
        "A freedom-of-information request, not a request about the sender's personal data: no GDPR deadline. "
        "If we are subject to offentleglova, decide it without undue delay (§ 29; the Parliamentary Ombud "
        "expects 1-3 working days as a rule); if we are not, tell the sender so."
    ),
    "question": "A question, not a request: no legal deadline, but answer it.",
    "not-a-request": "Not a request from a data subject: no deadline. Close it if nothing is asked of us.",
}


def refusal_note(inquiry: Inquiry) -> str | None:
    """For the privacy team, on an access request we answer ourselves: it may be refused, or a fee charged, when
    manifestly unfounded or excessive (Art. 12(5); we bear the burden of showing it), and even a first request
    can be excessive if abusive (CJEU C-526/24 Brillen Rottler, 19 Mar 2026); the reasoned refusal is due
    within the Art. 12(3) period. None where it does not apply (not access, or another controller answers)."""
    if "access" not in inquiry.types or inquiry.route.get("role") in ("processor", "other") or not inquiry.due:
        return None
    return (
        "If the request is manifestly unfounded or excessive (we must be able to show it), you may refuse with "
        "reasons or charge a reasonable fee (Art. 12(5)); even a first request can be, if abusive (CJEU C-526/24 Brillen Rottler, 19 Mar 2026). "
        f"A refusal with reasons is due by {inquiry.due.isoformat()}."
    )


@dataclass(frozen=True)
class Recipient:
    """Where one controller that must answer receives the inquiry."""

    party: Party
    channel: str | None  # Slack channel, for parties inside our Slack (ourselves, or a channel on record)
    email: str | None  # contact address for an external controller
    via: Party | None  # the group company whose DPO serves this party (dpo-of), when it receives for it
    ours: bool  # our own organisation

    @property
    def label(self) -> str:
        via = f" (through {self.via.name}'s DPO)" if self.via else ""
        return self.party.name + via


def recipients(registry: Registry, inquiry: Inquiry) -> list[Recipient]:
    """Call inside registry.reading()."""
    out = []
    for party_id in inquiry.route.get("ids") or []:
        party = registry.get(Party, party_id)
        group = registry.get(Party, party.dpo_of) if party.dpo_of is not None else None
        email = party.dpo or (group.dpo if group else None) or party.email or (group.email if group else None)
        channel = channel_of(registry, party.id) or (channel_of(registry, group.id) if group else None)
        out.append(Recipient(party=party, channel=channel, email=email, via=group, ours=party.is_self))
    return out


def type_names(inquiry: Inquiry, lang: str = "en") -> str:
    names = TYPE_NAMES["nb" if lang in ("nb", "nn") else "en"]
    return ", ".join(names.get(t, t) for t in inquiry.types)


def type_judgment(inquiry: Inquiry, privacy_team: bool) -> str:
    """Who decided the types and how sure: the privacy team, a precedent it set, or the classifier (with the
    phrase that showed the main type, and, when unsure, the likely types and how to settle it)."""
    if inquiry.typed_by:
        return "Type set by the privacy team."
    if inquiry.precedent:
        return f"Type as the privacy team set it for the similar inquiry #{inquiry.precedent}."
    if inquiry.confidence is None:
        return ""
    shown = inquiry.evidence.get(inquiry.primary)
    why = f" (“{shown}”)" if shown else ""
    if not needs_a_look(inquiry):
        return f"Classifier: {inquiry.confidence:.0%} sure{why}."
    likely = " · ".join(f"{t} {p:.0%}" for t, p in inquiry.likely)
    settle = (
        f"Confirm or correct it: inquiry type {inquiry.id} TYPE[,TYPE]"
        if privacy_team
        else "The privacy team will confirm the type."
    )
    return f"Needs a look: the classifier is unsure ({likely}){why}. {settle}"


def forwarding_text(registry: Registry, inquiry: Inquiry, recipient: Recipient) -> str:
    """A message to send the controller, with the inquiry below it. Norwegian for Nordic texts."""
    me = registry.self_party()
    us = me.name if me else "vi"
    received = inquiry.received.strftime("%d.%m.%Y") if inquiry.received else "?"
    due = inquiry.due.strftime("%d.%m.%Y") if inquiry.due else "?"
    if inquiry.language in ("nb", "nn", "sv", "da"):
        head = (
            f"Til {recipient.label}\n\n"
            f"{us} mottok {received} en henvendelse om personopplysninger der dere er behandlingsansvarlig og vi er "
            f"databehandler. Den gjelder {type_names(inquiry, 'nb')}. I tråd med databehandleravtalen "
            f"(GDPR art. 28 nr. 3 bokstav e) sender vi den videre til dere og svarer ikke selv. Fristen for svar "
            f"til den registrerte er {due} (én måned, GDPR art. 12 nr. 3).\n\n"
            "Henvendelsen slik vi mottok den:"
        )
    else:
        head = (
            f"To {recipient.label}\n\n"
            f"On {received} {us} received a request about personal data for which you are the controller and we "
            f"are your processor. It concerns {type_names(inquiry, 'en')}. As our data processing agreement "
            f"requires (GDPR Art. 28(3)(e)), we pass it on to you and do not answer it ourselves. The answer to "
            f"the data subject is due by {due} (one month, GDPR Art. 12(3)).\n\n"
            "The request as we received it:"
        )
    quoted = "\n".join(f"> {line}" for line in inquiry.text.splitlines()) or "> (the text has been deleted)"
    return f"{head}\n{quoted}"
