"""Typed records of the registry (GDPR Arts. 4, 26, 28, 30 and Chapter V), and their stored form.

Every record is kept in a TinyDB table; its `id` is the TinyDB document id. Dates are stored as ISO strings.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from datetime import date
from functools import cache
from typing import Any, ClassVar, TypeVar

R = TypeVar("R", bound="Record")

#: Every record class by its table, filled as the classes are defined (all of them in this module): what the store
#: checks a file's records against when it opens it.
RECORD_TYPES: dict[str, type[Record]] = {}


def doc(text: str, default: Any = None, *, factory: Any = None) -> Any:
    """A field with its documentation attached (shown by `help` and used in exports)."""
    if factory is not None:
        return field(default_factory=factory, metadata={"doc": text})
    return field(default=default, metadata={"doc": text})


@dataclass
class Record:
    """Base for stored records: conversion to and from the TinyDB document."""

    table: ClassVar[str] = ""
    date_fields: ClassVar[tuple[str, ...]] = ()
    # Fields holding personal data: withheld from the audit log, which is never deleted.
    private_fields: ClassVar[tuple[str, ...]] = ()
    # Fields a stored record cannot do without (missing or empty, the file is damaged); others have defaults.
    required: ClassVar[tuple[str, ...]] = ()
    id: int | None = field(default=None, kw_only=True, metadata={"doc": "Document id in the store."})

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.__dict__.get("table"):
            RECORD_TYPES[cls.table] = cls

    def to_doc(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            if f.name == "id":
                continue
            value = getattr(self, f.name)
            if f.name in self.date_fields and value is not None:
                value = value.isoformat()
            elif isinstance(value, list):
                value = list(value)
            out[f.name] = value
        return out

    @classmethod
    def from_doc(cls: type[R], data: dict[str, Any], doc_id: int) -> R:
        # Built without calling __init__ (these dataclasses have no __post_init__): reading a large registry
        # makes tens of thousands of records, and this is three times faster.
        record = cls.__new__(cls)
        values = record.__dict__
        for name, is_date, default in _spec(cls):
            value = data.get(name, MISSING)
            if value is MISSING:
                value = default()
            elif is_date and value:
                value = date.fromisoformat(value)
            elif type(value) is list:
                value = list(value)
            values[name] = value
        values["id"] = doc_id
        return record


@cache
def _spec(cls: type[Record]) -> tuple[tuple[str, bool, Any], ...]:
    """Each stored field of a record class: its name, whether it is a date, and how to make its default."""
    out = []
    for f in fields(cls):
        if f.name == "id":
            continue
        if f.default_factory is not MISSING:  # type: ignore[misc]
            default = f.default_factory  # type: ignore[misc]
        else:
            default = (lambda v: lambda: v)(None if f.default is MISSING else f.default)
        out.append((f.name, f.name in cls.date_fields, default))
    return tuple(out)


@dataclass
class Party(Record):
    """An organisation that acts as controller, processor or sub-processor (GDPR Art. 4(7), 4(8))."""

    table: ClassVar[str] = "parties"
    date_fields: ClassVar[tuple[str, ...]] = ("dpf_checked",)
    required: ClassVar[tuple[str, ...]] = ("name",)

    name: str = doc("Legal name, e.g. 'IWMAC AS'.", "")
    aliases: list[str] = doc("Other names people use: brands, products, former names.", factory=list)
    orgnr: str | None = doc("Norwegian organisation number (9 digits, mod-11) or a foreign id as text.")
    country: str | None = doc("Country of establishment, ISO 3166-1 alpha-2.")
    address: str | None = doc("Postal address.")
    email: str | None = doc("Privacy contact e-mail: where privacy inquiries go.")
    dpo: str | None = doc("E-mail of the data protection officer (personvernombud), Art. 37-39.")
    dpo_of: int | None = doc("Party whose DPO serves this party (a group DPO), by id.")
    is_self: bool = doc("True for our own organisation.", False)
    dpf: bool | None = doc("Certified under the EU-US Data Privacy Framework (Decision 2023/1795).")
    dpf_checked: date | None = doc("When the DPF List was last checked for this party.")
    sector: str | None = doc(
        "commercial, public, non-profit or international (an international organisation): adequacy decisions "
        "differ in whom they cover."
    )
    gdpr_applies: bool | None = doc("Subject to the GDPR itself though established outside the EEA (Art. 3(2)).")
    measures: list[str] = doc(
        "Technical and organisational security measures (Art. 32) it takes as processor, for the DPA's annex.",
        factory=list,
    )
    contact: str | None = doc("Named contact person for the DPA, e.g. 'Kari Nordmann, personvernansvarlig'.")
    locations: list[str] = doc(
        "Countries where it processes personal data itself as a processor (ISO codes), for the DPA's annex.",
        factory=list,
    )


@dataclass
class Engagement(Record):
    """A processor processing personal data on behalf of one or more controllers (Art. 28, Art. 26).

    When the processor is itself one of the controllers, the processing is in-house: the party is controller
    for its own processing and there is no processor contract.
    """

    table: ClassVar[str] = "engagements"
    date_fields: ClassVar[tuple[str, ...]] = ("start", "end", "dpia")
    required: ClassVar[tuple[str, ...]] = ("processor", "controllers")

    processor: int = doc("The processor, by party id.", 0)
    controllers: list[int] = doc("The controller(s), by party id; two or more are joint controllers.", factory=list)
    purpose: str = doc("Purpose and service: what the processing is for.", "")
    data: list[str] = doc("Categories of personal data.", factory=list)
    subjects: list[str] = doc("Categories of data subjects.", factory=list)
    retention: str | None = doc("How long the data is kept (lagringstid).")
    basis: str | None = doc("Legal basis of the processing (Art. 6, Art. 9).")
    start: date | None = doc("When the processing started.")
    end: date | None = doc("When it ended or ends.")
    nature: str | None = doc("Nature of the processing: the operations, e.g. 'lagring og drift av CRM-systemet'.")
    special: str | None = doc(
        "Special categories (Art. 9) or criminal-offence data (Art. 10): 'no', or which, e.g. 'helseopplysninger'."
    )
    duration: str | None = doc("How long the processing lasts, in real terms, e.g. 'så lenge kundeforholdet varer'.")
    purpose_en: str | None = doc("The purpose in English, for English DPAs.")
    nature_en: str | None = doc("The nature of the processing in English.")
    special_en: str | None = doc("The special categories in English.")
    duration_en: str | None = doc("The duration in English.")
    retention_en: str | None = doc("The retention period in English.")
    data_en: list[str] = doc("The categories of personal data in English.", factory=list)
    subjects_en: list[str] = doc("The categories of data subjects in English.", factory=list)
    special_categories: list[str] | None = doc(
        "Special categories (Art. 9) processed, by code (registry.special.ART9): [] none, empty: not recorded."
    )
    criminal: bool | None = doc("Whether criminal-offence data (Art. 10) is processed; empty: not recorded.")
    national_id: bool | None = doc(
        "Whether national identity numbers (fødselsnummer, d-nummer) are processed (personopplysningsloven § 12)."
    )
    dpia: date | None = doc("When the data protection impact assessment (Art. 35) was carried out.")
    dpia_not_needed: str | None = doc("Why no DPIA is needed, when the DPO has so decided (Art. 35).")

    @property
    def in_house(self) -> bool:
        return self.processor in self.controllers


@dataclass
class SubprocessorLink(Record):
    """A processor engaging another processor (Art. 28(2) and 28(4)); chains may be any depth."""

    table: ClassVar[str] = "subprocessors"
    date_fields: ClassVar[tuple[str, ...]] = ("notified", "since", "added")
    required: ClassVar[tuple[str, ...]] = ("processor", "sub")

    processor: int = doc("The processor that engages the sub-processor, by party id.", 0)
    sub: int = doc("The sub-processor, by party id.", 0)
    service: str = doc("What the sub-processor does, e.g. 'hosting'.", "")
    service_en: str | None = doc("What it does, in English, for English DPAs.")
    countries: list[str] = doc("Countries where it processes the data (ISO codes).", factory=list)
    authorisation: str | None = doc("Controller's prior written authorisation: general or specific.")
    notified: date | None = doc("When the controller was notified (general) or approved (specific).")
    since: date | None = doc("When the sub-processor really started; None when unknown.")
    added: date | None = doc("When the link was recorded (typed in), not when it started.")


@dataclass
class Transfer(Record):
    """A flow of personal data to an importer in a third country (GDPR Chapter V)."""

    table: ClassVar[str] = "transfers"
    date_fields: ClassVar[tuple[str, ...]] = ("tia", "since", "added")
    required: ClassVar[tuple[str, ...]] = ("exporter", "importer", "country")

    exporter: int = doc("The party sending the data, by id.", 0)
    importer: int = doc("The party receiving the data, by id.", 0)
    country: str = doc("Destination country, ISO 3166-1 alpha-2.", "")
    mechanism: str = doc("Legal ground: adequacy, dpf, scc-2021, scc-2010, bcr, art49, privacy-shield, ...", "none")
    module: int | None = doc("SCC 2021/914 module, 1-4, when the mechanism is scc-2021.")
    tia: date | None = doc("Date of the transfer impact assessment.")
    regular: bool | None = doc("A regular, repeated transfer (yes) or an occasional one (no); Art. 49 needs no.")
    note: str | None = doc("What the parties claim, in their words, when it matters for review.")
    since: date | None = doc("When the transfer really started; None when unknown.")
    added: date | None = doc("When the transfer was recorded (typed in), not when it started.")


@dataclass
class Agreement(Record):
    """A data processing agreement (databehandleravtale) on record between a controller and a processor."""

    table: ClassVar[str] = "agreements"
    date_fields: ClassVar[tuple[str, ...]] = ("signed", "review", "created", "sent", "ended")
    required: ClassVar[tuple[str, ...]] = ("controller", "processor")

    controller: int = doc("The controller, by party id.", 0)
    processor: int = doc("The processor, by party id.", 0)
    status: str = doc(
        "draft, sent (to the other party for signing), signed, superseded (a later version was signed) or terminated.",
        "draft",
    )
    signed: date | None = doc("Date signed.")
    sent: date | None = doc("Date the draft was sent to the other party for signing.")
    ended: date | None = doc("Date a signed agreement was terminated.")
    review: date | None = doc("Date the agreement is due for review.")
    file: str | None = doc("File name of the agreement document.")
    sha256: str | None = doc("SHA-256 of that file, as evidence of which version was signed.")
    version: int = doc("Version number for this pair of parties.", 1)
    created: date | None = doc("When this version was generated or recorded.")
    lang: str | None = doc("Language of the generated document: nb or en.")
    breach_hours: int | None = doc(
        "Hours the processor has to tell the controller of a personal data breach (Art. 33(2)), as the generated "
        "DPA states; empty: not recorded."
    )


@dataclass
class Proposal(Record):
    """Registry entries read from a partner's privacy policy or a vendor list, waiting for the DPO to confirm."""

    table: ClassVar[str] = "proposals"
    date_fields: ClassVar[tuple[str, ...]] = ("created",)
    # The items can be thousands of rows (a vendor list): the audit log records that a proposal was made, not them.
    private_fields: ClassVar[tuple[str, ...]] = ("items",)

    source: str = doc("Where it came from: a file name, or 'pasted text'.", "")
    kind: str = doc("policy or csv.", "policy")
    subject: str | None = doc("The organisation whose policy it is (policy imports).")
    items: list[dict[str, Any]] = doc("The proposed items: kind, value, evidence, confidence.", factory=list)
    status: str = doc("open, applied or discarded.", "open")
    applied: list[int] = doc("Numbers (1-based) of the items written to the registry.", factory=list)
    created: date | None = doc("When the proposal was made.")
    by: str = doc("Who made it: a Slack user id or console:<user>.", "")


@dataclass
class Inquiry(Record):
    """A privacy inquiry. Its text and the sender's contact are personal data: shown only to the privacy team
    and the receiving controller, withheld from the audit log, never logged, and deleted after closing."""

    table: ClassVar[str] = "inquiries"
    date_fields: ClassVar[tuple[str, ...]] = (
        "received",
        "due",
        "extension_notice_due",
        "extended_due",
        "forward_by",
        "text_deleted",
    )
    private_fields: ClassVar[tuple[str, ...]] = ("text", "sender_contact", "evidence")

    text: str = doc("The inquiry as received.", "")
    sender_contact: str | None = doc("Who the data subject is, as given (from=): a name or an address.")
    received: date | None = doc("Day of receipt (Norwegian calendar day).")
    due: date | None = doc(
        "Answer due: one month after receipt, past weekends and holidays (Art. 12(3)); none for what is not a request."
    )
    extension_notice_due: date | None = doc("An extension must be told to the data subject by this day.")
    extended_due: date | None = doc(
        "The latest answer date if extended: two months from the end of the first month (never later than "
        "three months from receipt), past weekends and holidays."
    )
    forward_by: date | None = doc("When we process for another controller: forward to it by this day.")
    types: list[str] = doc("Kinds of request, primary first.", factory=list)
    confidence: float | None = doc("How sure the classifier was of the primary type, 0 to 1.")
    likely: list[list[Any]] = doc(
        "The classifier's most probable types, [type, probability], best first.", factory=list
    )
    evidence: dict[str, str] = doc("The phrase of the text that showed each type.", factory=dict)
    typed_by: str | None = doc("The privacy team member who set or confirmed the types (then they are not guessed).")
    precedent: int | None = doc("An inquiry whose types, set by the privacy team, decided this one's.")
    language: str = doc("Language of the text: nb, nn, en, sv, da or de.", "nb")
    claimed_deadline: str | None = doc("A deadline the text itself claims (the law's applies).")
    route: dict[str, Any] = doc("Who must answer and why.", factory=dict)
    about: list[int] = doc("Parties the text is about, by id.", factory=list)
    linked_to: int | None = doc("An earlier inquiry this one reminds us of.")
    source: str = doc("How it arrived: command, shortcut or dm.", "command")
    sender: str = doc("Who handed it to the bot (Slack user id or console user).", "")
    status: str = doc("new, acknowledged, forwarded or closed.", "new")
    extended: bool = doc("Whether the deadline was extended by two months.", False)
    extension_reason: str | None = doc("Why it was extended (told to the data subject).")
    forwarded_to: int | None = doc("The controller it was forwarded to, by party id.")
    closed: str | None = doc("When it was closed, ISO 8601.")
    closed_by: str | None = doc("Who closed it (Slack user id or console user); none on inquiries closed before.")
    close_note: str | None = doc("How it was closed.")
    text_deleted: date | None = doc("When the text was deleted under the retention rule.")

    @property
    def primary(self) -> str:
        return self.types[0] if self.types else "not-a-request"

    @property
    def current_due(self) -> date | None:
        return self.extended_due if self.extended else self.due


@dataclass
class DeliveryRoute(Record):
    """Where inquiries routed to a party are posted in Slack (set by `party add/set NAME channel=`)."""

    table: ClassVar[str] = "delivery_routes"
    required: ClassVar[tuple[str, ...]] = ("party", "channel")

    party: int = doc("The party whose inquiries go there, by id.", 0)
    channel: str = doc("The Slack channel that receives them: an id or a #name.", "")


@dataclass
class InquiryDelivery(Record):
    """An inquiry in Slack: the message it came from, the copies the bot posted, and whether Slack took them.
    Who wrote the message is personal data: withheld from the audit log and deleted with the inquiry's text."""

    table: ClassVar[str] = "inquiry_deliveries"
    required: ClassVar[tuple[str, ...]] = ("inquiry",)
    private_fields: ClassVar[tuple[str, ...]] = ("author",)

    inquiry: int = doc("The inquiry, by id.", 0)
    origin_channel: str | None = doc("Slack channel (or DM) of the message it came from.")
    origin_ts: str | None = doc("Slack timestamp of the message it came from: one inquiry per message.")
    author: str | None = doc("Slack user who wrote that message, when forwarded from a channel.")
    posted: list[dict[str, str]] = doc(
        "Copies of it the bot posted ({channel, ts, card}); after retention each is replaced by a stub, then "
        "forgotten.",
        factory=list,
    )
    undelivered: bool = doc("Slack did not take the delivery to the privacy team; it is retried until it does.", False)


@dataclass
class AuditEvent(Record):
    """One change to the registry: who made it, when, with which command, and the record before and after."""

    table: ClassVar[str] = "audit"

    at: str = doc("When, ISO 8601 with time zone.", "")
    who: str = doc("Who: a Slack user id or console:<user>.", "")
    command: str = doc("The command line that made the change.", "")
    kind: str = doc("Which table changed.", "")
    record: int = doc("Which record changed, by id.", 0)
    action: str = doc("add, change or remove.", "")
    before: dict[str, Any] | None = doc("The record before the change.")
    after: dict[str, Any] | None = doc("The record after the change.")
    change: int | None = doc(
        "Number of the change it is part of: the events one command writes in one transaction share it."
    )


@dataclass
class Breach(Record):
    """A personal data breach (Art. 4(12)) and what was done about it: the Art. 33(5) documentation.

    Times are ISO 8601 with their zone (Norwegian time as entered). The facts (nature, data, subjects, numbers,
    consequences, measures, decisions) stay as documentation; what identifies people (the report as written, who
    reported it) is deleted a set time after closing (breaches.register.purge). Every free-text field is withheld
    from the audit log. The rules live in breaches/ (register, clock, route, drafts).
    """

    table: ClassVar[str] = "breaches"
    date_fields: ClassVar[tuple[str, ...]] = ("subjects_notified", "details_deleted")
    required: ClassVar[tuple[str, ...]] = ("aware",)
    private_fields: ClassVar[tuple[str, ...]] = (
        "text",
        "reported_by",
        "nature",
        "data",
        "subjects",
        "consequences",
        "measures",
        "aware_reason",
        "risk_reason",
        "delay_reason",
        "subjects_not_needed",
        "close_note",
        "origin",
        "authority_reference",  # free text: people have put names in it
    )

    text: str = doc("The report as the reporter wrote it (personal data; deleted after retention).", "")
    reported_by: str = doc("Who reported it: a Slack user id or console:<user> (deleted after retention).", "")
    source: str = doc("How it was reported: console, command, shortcut or dm.", "command")
    reported: str = doc("When it was reported to the bot, ISO 8601.", "")
    discovered: str | None = doc("When it was discovered, ISO 8601, as the reporter says.")
    aware: str = doc("When we became aware of it, ISO 8601: the 72 hours of Art. 33(1) count from here.", "")
    aware_reason: str | None = doc("Why the awareness time was corrected, when it was.")
    nature: str | None = doc("What happened: the nature of the breach, in words without names (Art. 33(3)(a)).")
    kinds: list[str] = doc("confidentiality, integrity and/or availability.", factory=list)
    data: str | None = doc("Categories of personal data concerned.")
    subjects: str | None = doc("Categories of data subjects concerned.")
    people: int | None = doc("Approximate number of data subjects concerned.")
    records: int | None = doc("Approximate number of personal data records concerned.")
    consequences: str | None = doc("Likely consequences of the breach (Art. 33(3)(c)).")
    measures: str | None = doc("Measures taken or proposed to address it and mitigate its effects (Art. 33(3)(d)).")
    processor: int | None = doc("The processor or sub-processor at which it happened, by party id; empty: at us.")
    about: list[int] = doc("Controllers whose data it concerns, as named (about=), by party id.", factory=list)
    role: str = doc(
        "Our part: controller (our own data), processor (data we process for a controller) or sub-processor "
        "(our sub-processor's breach of data we process for controllers).",
        "controller",
    )
    tell: list[int] = doc("Controllers we must tell without undue delay (Art. 33(2)), by party id.", factory=list)
    risk: str | None = doc("The risk assessment: none, risk or high (Arts. 33(1), 34(1)).")
    risk_reason: str | None = doc("The reasoning behind the risk assessment.")
    risk_by: str | None = doc("Who assessed the risk.")
    risk_at: str | None = doc("When the risk was assessed, ISO 8601.")
    authority_notified: str | None = doc("When Datatilsynet was notified, ISO 8601.")
    authority_reference: str | None = doc("Datatilsynet's reference for the notification.")
    delay_reason: str | None = doc("Why the authority was notified after 72 hours (Art. 33(1)).")
    subjects_notified: date | None = doc("When the data subjects were told (Art. 34).")
    subjects_not_needed: str | None = doc("Why the data subjects are not told (an Art. 34(3) exception).")
    controllers_notified: list[dict[str, Any]] = doc("Controllers told of it: {party: id, at: ISO 8601}.", factory=list)
    reminders_sent: list[int] = doc("Hours of the clock whose reminder was sent (24, 48, 66).", factory=list)
    status: str = doc("open or closed.", "open")
    closed: str | None = doc("When it was closed, ISO 8601.")
    closed_by: str | None = doc("Who closed it.")
    close_note: str | None = doc("How it was closed.")
    details_deleted: date | None = doc("When the personal details (report text, reporter) were deleted.")
    origin: dict[str, Any] | None = doc(
        "The Slack message it was reported from ({channel, ts, author}); deleted with the report's text."
    )
    posted: list[dict[str, str]] = doc(
        "The bot's Slack messages showing the report ({channel, ts}); after the details are deleted each is "
        "replaced by a stub, then forgotten.",
        factory=list,
    )
    undelivered: bool = doc("Slack did not take the card to the privacy team; it is retried until it does.", False)


RELATIONS: tuple[type[Record], ...] = (Engagement, SubprocessorLink, Transfer, Agreement)
ALL_RECORDS: tuple[type[Record], ...] = (
    Party,
    *RELATIONS,
    Proposal,
    Inquiry,
    DeliveryRoute,
    InquiryDelivery,
    Breach,
    AuditEvent,
)
