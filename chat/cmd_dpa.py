"""Commands on data processing agreements: dpa generate / check / sent / signed / terminated / list."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from agreements.content import DpaFacts
from agreements.generate import DOCX_MIME, PDF_MIME, Generated, PdfUnavailable, generate, to_pdf
from agreements.values import BREACH_HOURS, LANGUAGES, DpaOptions, annex_gaps, language_gaps, processor_locations
from chat.args import Args, whole_number
from chat.commands import TABLE, Context
from chat.files import is_file, read_file, write_file
from chat.reply import Attachment, Reply
from chat.report import check_file
from registry import validate
from registry.agreements import list_agreements, record_sent, record_signed, record_terminated, remove_agreement
from registry.countries import is_third_country
from registry.dates import add_months, parse_date, past_date
from registry.errors import InputError
from registry.law import DPA_REVIEW_MONTHS
from registry.models import Agreement, Engagement


@TABLE.register(
    "dpa generate",
    "dpa generate CONTROLLER PROCESSOR [lang=nb|en|both] [authorisation=general|specific] [notice=30] "
    "[breach-hours=48] [template=NAME] [pdf=yes|no] [draft=yes]",
    keys=("lang", "authorisation", "notice", "breach-hours", "template", "pdf", "draft"),
    words=(2, 2),
    writes=True,
    private=True,
)
def dpa_generate(ctx: Context, args: Args) -> Reply:
    """Write a data processing agreement (Art. 28) as a Word document and record it as a draft.

    lang= is the document's language (Norwegian unless a party is established outside Norway); authorisation=
    the controller's choice for sub-processors (general: told in advance and may object; specific: approves
    each); notice= the days of notice before a sub-processor change; breach-hours= how soon the processor must
    report a breach. Refused, with a list, when the registry lacks something the agreement must state (the
    processor's security measures among them) or a transfer has no valid ground. draft=yes writes a draft for
    internal review without the processor's measures; it is not recorded and not for the partner. The console
    writes the file into ./out/; Slack sends it to you in a direct message.

    lang=both writes the Norwegian and the English text as two language versions of one agreement version, each
    with a clause that the Norwegian version prevails; an English text written after a Norwegian draft is also
    the same version and does not replace it. The English text uses the English values recorded beside the
    Norwegian ones (engage ... purpose.en=, nature.en=, ...); where one is missing, the reply names the field and
    the command that records it. pdf=yes also gives the same agreement as PDF for signing, converted by
    LibreOffice (said plainly when LibreOffice is not installed).
    """
    o = args.options
    controller, processor = ctx.pair(args)
    default_lang = "nb" if {controller.country, processor.country} <= {"NO", None} else "en"
    lang = validate.choice(o.get("lang", default_lang), key="lang", options=(*LANGUAGES, "both"))
    pdf = validate.yes_no(o["pdf"], key="pdf") if o.get("pdf") else False
    options = DpaOptions(
        lang="nb" if lang == "both" else lang,
        authorisation=validate.authorisation(o.get("authorisation", "general")),
        notice_days=_number(o, "notice", 30, low=1, high=365, why="days of notice"),
        breach_hours=_number(
            o, "breach-hours", BREACH_HOURS, low=1, high=72, why="hours (the controller itself has 72)"
        ),
        template=o.get("template", "dpa"),
        bilingual=lang == "both",
        draft=validate.yes_no(o["draft"], key="draft") if "draft" in o else False,
    )
    folder = ctx.services.out.resolve()
    save = (lambda name, content: write_file(folder / name, content)) if ctx.local else None
    runs = [options, replace(options, lang="en")] if lang == "both" else [options]
    texts, files, data_list = [], [], []
    for run in runs:
        made = generate(
            ctx.registry,
            ctx.actor,
            controller,
            processor,
            options=run,
            templates=ctx.services.templates,
            settings=ctx.services.review,
            save=save,
        )
        where = str(folder / made.name) if ctx.local else made.name
        if made.agreement is None:
            texts.append(_internal_draft_text(made, run, where=where))
        else:
            texts.append(_generated_text(made, run, where=where))
        data: dict[str, Any] = {
            "file": where,
            "agreement": {"id": made.agreement.id, **made.agreement.to_doc()} if made.agreement else None,
            "internal_draft": made.agreement is None,
            "warnings": [f.to_json() for f in made.facts.warnings],
            "language_gaps": language_gaps(made.facts, run.lang),
            "annex_gaps": annex_gaps(made.facts),
        }
        files.append(Attachment(name=made.name, content=made.content, mime=DOCX_MIME))
        if pdf:
            pdf_name = made.name.removesuffix(".docx") + ".pdf"
            try:
                content = to_pdf(made.content, made.name)
            except PdfUnavailable as e:
                texts.append(f"⚠ {e}")
                data["pdf"] = None
            else:
                if save is not None:
                    save(pdf_name, content)
                data["pdf"] = str(folder / pdf_name) if ctx.local else pdf_name
                texts.append(f"The same agreement as PDF, for signing: {data['pdf']}")
                files.append(Attachment(name=pdf_name, content=content, mime=PDF_MIME))
        data_list.append(data)
    body = data_list[0] if len(data_list) == 1 else {**data_list[0], "languages": data_list}
    if ctx.local:
        return Reply("\n\n".join(texts), data=body)
    return Reply("\n\n".join(texts), data=body, file=files[0], more_files=tuple(files[1:]))


def _generated_text(made: Generated, options: DpaOptions, *, where: str) -> str:
    facts, a = made.facts, made.agreement
    language = {"nb": "Norwegian", "en": "English"}[options.lang]
    subs, transfers = len(facts.chain), len(facts.transfers)
    lines = [
        f"Wrote the DPA between {facts.controller.name} (controller) and {facts.processor.name} (processor), "
        f"version {a.version}, in {language}: {where}",
        f"It covers {_count(len(facts.engagements), 'processing activity', 'processing activities')}, "
        f"{_count(subs, 'sub-processor', 'sub-processors')} and "
        f"{_count(transfers, 'transfer', 'transfers')} out of the EEA; sub-processors by {options.authorisation} "
        f"authorisation with {options.notice_days} days' notice; breaches reported within {options.breach_hours} hours.",
        f"Recorded as a draft (SHA-256 {a.sha256[:12] if a.sha256 else ''}…). When it is signed: "
        f'dpa signed "{facts.controller.name}" "{facts.processor.name}" date=DATE',
    ]
    if made.other_language is not None and not options.bilingual:
        lines.append(
            f"It is the {language} version of version {a.version}, beside the {made.other_language.lang} draft "
            f"({made.other_language.file}), which stays current. That draft lacks the clause on which language "
            "prevails (this one has it); to have it in both, write both at once: "
            f'dpa generate "{facts.controller.name}" "{facts.processor.name}" lang=both'
        )
    gaps = language_gaps(facts, options.lang)
    if gaps:
        lines.append(
            "⚠ Values in the English text that may be Norwegian (no English value recorded; check before sending):"
        )
        lines += [f"• {g}" for g in gaps]
    annex = annex_gaps(facts)
    if annex:
        lines.append("⚠ Annex A gives defaults where the registry does not say; record the facts:")
        lines += [f"• {g}" for g in annex]
    if facts.joint:
        names = ", ".join(p.name for p in facts.joint)
        lines.append(
            f"⚠ {names} {'is' if len(facts.joint) == 1 else 'are'} joint controller of this processing (Art. 26); "
            f"this DPA binds only {facts.controller.name}."
        )
    if facts.jointly:
        purposes = ", ".join(f"'{e.purpose}'" for e in facts.jointly)
        lines.append(
            f"⚠ Not in this DPA: {purposes}, which {facts.controller.name} and {facts.processor.name} control "
            "jointly; that needs an Art. 26 arrangement, not a DPA."
        )
    lines += _location_warnings(facts)
    if facts.warnings:
        lines.append("Open flags for this processing (not in the document; `review` for all):")
        lines += [f"• [{f.severity}] {f.reason} Fix: {f.fix}" for f in facts.warnings]
    return "\n".join(lines)


def _internal_draft_text(made: Generated, options: DpaOptions, *, where: str) -> str:
    """The reply for draft=yes: the document carries no mark of being a draft, so the reply says what it is."""
    facts = made.facts
    language = {"nb": "Norwegian", "en": "English"}[options.lang]
    lines = [
        f"⚠ INTERNAL DRAFT for review, not to be sent to {facts.processor.name} or signed: the DPA between "
        f"{facts.controller.name} (controller) and {facts.processor.name} (processor), in {language}: {where}",
        "It is not recorded in the registry, and the document itself does not say it is a draft.",
    ]
    if not facts.processor.measures:
        lines.append(
            f"Annex C holds only the standard measures: {facts.processor.name}'s own are not recorded. Agree "
            f'them, record them (party set "{facts.processor.name}" measures="...; ..."), then generate the '
            "agreement without draft=yes."
        )
    if facts.warnings:
        lines.append("Open flags for this processing (not in the document; `review` for all):")
        lines += [f"• [{f.severity}] {f.reason} Fix: {f.fix}" for f in facts.warnings]
    return "\n".join(lines)


def _location_warnings(facts: DpaFacts) -> list[str]:
    """Where a party processes is the registry's fact, never a default: say when it is missing or when a company
    established outside the EEA is recorded as processing only inside it (remote access is a transfer too)."""
    out = []
    if not processor_locations(facts):
        out.append(
            f"⚠ Where {facts.processor.name} processes the data is not recorded, and the document says so: "
            f'party set "{facts.processor.name}" country=...'
        )
    for link in facts.chain:
        sub, where = facts.parties[link.sub], facts.locations(link)
        if sub.country and is_third_country(sub.country) and where and not any(is_third_country(c) for c in where):
            out.append(
                f"⚠ {sub.name} is established in {sub.country} but recorded as processing only in the EEA "
                f"({', '.join(where)}): check for access from {sub.country} (support, administration) and record a "
                f'transfer if there is any: transfer add "{facts.parties[link.processor].name}" "{sub.name}" '
                f"country={sub.country} mechanism=..."
            )
    return out


def _count(n: int, one: str, many: str) -> str:
    return f"{n or 'no'} {one if n == 1 else many}"


@TABLE.register("dpa check", "dpa check FILE", words=(1, 1))
def dpa_check(ctx: Context, args: Args) -> Reply:
    """Check any DPA (.pdf, .docx, .txt or markdown; Norwegian, English, Danish or Swedish) for the content Art. 28 requires.

    Lists each element as present, with the sentence that covers it, or missing. In Slack, send the file to
    the bot in a direct message with the text `dpa check`.
    """
    if not ctx.local:
        raise InputError(
            "In Slack, send me the document in a direct message with the text `dpa check`",
            accepted="a .pdf, .docx or .txt file attached to a direct message",
        )
    path = Path(args.words[0]).expanduser()
    if not is_file(path):
        raise InputError("No such file", value=str(path), accepted="the path of a .pdf, .docx or .txt file")
    return check_file(read_file(path), path.name)


@TABLE.register(
    "dpa signed",
    "dpa signed CONTROLLER PROCESSOR date=DATE [review=DATE]",
    keys=("date", "review"),
    words=(2, 2),
    writes=True,
)
def dpa_signed(ctx: Context, args: Args) -> Reply:
    """Record that the latest DPA between a controller and a processor was signed, and when to review it.

    review= defaults to 12 months after signing. Without a generated draft, records an agreement signed
    outside the bot (e.g. on the partner's paper). Run again to correct the dates of the latest signed version.
    """
    if "date" not in args.options:
        raise InputError("date= is required", accepted="date=2026-11-20, date=20.11.2026 or date=i dag")
    signed = _past_date(ctx, args, "signing date")
    review = (
        parse_date(args.options["review"], today=ctx.today)
        if args.options.get("review")
        else add_months(signed, DPA_REVIEW_MONTHS)
    )
    if review <= signed:
        raise InputError("review= must be after the signing date", value=review.isoformat(), accepted="a later date")
    controller, processor = ctx.pair(args)
    agreement, action = record_signed(ctx.registry, ctx.actor, controller, processor, signed=signed, review=review)
    what = {
        "signed": f"Recorded version {agreement.version} ({agreement.file}) as signed",
        "corrected": f"Corrected the dates of version {agreement.version}, signed",
        "new": "Recorded a DPA signed outside the bot",
    }[action]
    text = (
        f"{what}: {controller.name} and {processor.name}, signed {signed.isoformat()}, review due {review.isoformat()}."
    )
    if agreement.sha256:
        text += f" SHA-256 of the file: {agreement.sha256}."
    return Reply(text, data={"agreement": {"id": agreement.id, **agreement.to_doc()}, "action": action})


@TABLE.register("dpa sent", "dpa sent CONTROLLER PROCESSOR [date=DATE]", keys=("date",), words=(2, 2), writes=True)
def dpa_sent(ctx: Context, args: Args) -> Reply:
    """Record that the latest draft was sent to the other party for signing (date= defaults to today).

    Until it is signed, the review still flags the processing as without a DPA, and says it was sent.
    Run again to correct the date.
    """
    sent = _past_date(ctx, args, "date it was sent")
    controller, processor = ctx.pair(args)
    agreement, action = record_sent(ctx.registry, ctx.actor, controller, processor, sent=sent)
    done = "Recorded" if action == "sent" else "Corrected: "
    text = (
        f"{done} version {agreement.version}{f' ({agreement.file})' if agreement.file else ''} of the DPA between "
        f"{controller.name} and {processor.name} as sent for signing on {sent.isoformat()}. When it comes back "
        f'signed: dpa signed "{controller.name}" "{processor.name}" date=DATE.'
    )
    return Reply(text, data={"agreement": {"id": agreement.id, **agreement.to_doc()}, "action": action})


@TABLE.register(
    "dpa terminated", "dpa terminated CONTROLLER PROCESSOR [date=DATE]", keys=("date",), words=(2, 2), writes=True
)
def dpa_terminated(ctx: Context, args: Args) -> Reply:
    """Record that the signed DPA between a controller and a processor has ended (date= defaults to today).

    If the processing goes on, the review flags it as without a DPA; record its end with engage ... end=DATE.
    """
    ended = _past_date(ctx, args, "date it ended")
    controller, processor = ctx.pair(args)
    agreement = record_terminated(ctx.registry, ctx.actor, controller, processor, ended=ended)
    text = (
        f"Recorded the DPA between {controller.name} and {processor.name} (version {agreement.version}) as "
        f"terminated on {ended.isoformat()}."
    )
    with ctx.registry.reading():
        going_on = [
            e
            for e in ctx.registry.related(processor.id or 0, Engagement)
            if controller.id in e.controllers and not e.in_house and (e.end is None or e.end > ended)
        ]
        for e in going_on:
            joint = ",".join(ctx.registry.name_of(c) for c in e.controllers)
            text += (
                f"\n{processor.name} still processes '{e.purpose}' for {controller.name} with no end date before "
                f'it: without a DPA the review flags it. If it has stopped: engage "{processor.name}" '
                f'for="{joint}" purpose="{e.purpose}" end={ended.isoformat()}'
            )
    return Reply(text, data={"agreement": {"id": agreement.id, **agreement.to_doc()}})


@TABLE.register("dpa remove", "dpa remove CONTROLLER PROCESSOR [VERSION]", words=(2, 3), writes=True)
def dpa_remove(ctx: Context, args: Args) -> Reply:
    """Remove a DPA recorded by mistake: the latest version, or the VERSION given (both languages of it).

    For an agreement that really ended, use `dpa terminated` instead: that keeps it on record. When the version
    removed was the signed one, the version it superseded is signed again. `undo` puts a removal back.
    """
    version = None
    if len(args.words) > 2:
        version = whole_number(args.words[2].lower().removeprefix("v"))
        if version is None or version < 1:
            raise InputError(
                "VERSION is a version number", value=args.words[2], accepted="1, 2, ... (dpa list shows them)"
            )
    controller, processor = ctx.pair(args)
    done = remove_agreement(ctx.registry, ctx.actor, controller, processor, version=version)
    both = " (both language versions)" if len(done.removed) > 1 else ""
    text = (
        f"Removed from the registry the DPA between {controller.name} and {processor.name}: "
        f"{_version_text(done.removed[0], ctx)}{both}. `undo` puts it back."
    )
    if done.reinstated:
        again = done.reinstated[0]
        text += (
            f"\nVersion {again.version} (signed {again.signed.isoformat() if again.signed else '?'}) was superseded "
            "by it and is the signed agreement again."
        )
    data = {
        "removed": [{"id": a.id, **a.to_doc()} for a in done.removed],
        "reinstated": [{"id": a.id, **a.to_doc()} for a in done.reinstated],
    }
    return Reply(text, data=data)


def _past_date(ctx: Context, args: Args, what: str) -> date:
    """The command's date= (today when absent), refused when it lies in the future."""
    if not args.options.get("date"):
        return ctx.today
    return past_date(args.options["date"], today=ctx.today, key="date", what=what)


@TABLE.register("dpa list", "dpa list [NAME]", words=(0, 1))
def dpa_list(ctx: Context, args: Args) -> Reply:
    """Every DPA on record, by controller and processor: versions, status, signing and review dates."""
    with ctx.registry.reading():
        party = ctx.registry.find_party(args.words[0]) if args.words else None
        rows = list_agreements(ctx.registry, party=party)
    about = f" with {party.name}" if party else ""
    if not rows:
        return Reply(
            f"No DPAs on record{about}. `dpa generate CONTROLLER PROCESSOR` writes one.", data={"agreements": []}
        )
    lines = [f"{len(rows)} DPA{'s' if len(rows) != 1 else ''} on record{about} (newest version first):"]
    for row in rows:
        lines.append(f"• {row.controller} ↔ {row.processor}: " + "; ".join(_version_text(a, ctx) for a in row.versions))
    data = [
        {"controller": r.controller, "processor": r.processor, "versions": [a.to_doc() for a in r.versions]}
        for r in rows
    ]
    return Reply("\n".join(lines), data={"agreements": data})


def _version_text(a: Agreement, ctx: Context) -> str:
    text = f"v{a.version} {a.status}"
    if a.status == "sent" and a.sent:
        text += f" {a.sent.isoformat()}"
    elif a.signed:
        text += f" {a.signed.isoformat()}"
    elif a.created:
        text += f" (made {a.created.isoformat()})"
    if a.status == "terminated" and a.ended:
        text += f", ended {a.ended.isoformat()}"
    if a.status == "signed" and a.review:
        text += f", review {'was due' if a.review < ctx.today else 'due'} {a.review.isoformat()}"
    if a.file:
        text += f", {a.file}"
    return text


def _number(options: dict[str, str], key: str, default: int, *, low: int, high: int, why: str) -> int:
    raw = options.get(key)
    if raw is None:
        return default
    number = whole_number(raw)
    if number is None or not low <= number <= high:
        raise InputError(
            f"{key} must be a whole number from {low} to {high} {why}", value=raw, accepted=f"{key}={default}"
        )
    return number
