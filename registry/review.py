"""The review engine: every open flag in the registry, each with its reason, legal reference and fix.

Flags are computed from the registry as it is (registry.snapshot), on the injected date, in one pass over each
table; after a change, what each transfer, engagement and agreement got last time is reused when its inputs are
equal (Memo), and flags are kept while no relation changes (Registry.relations_version).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from operator import attrgetter

from registry.countries import is_third_country
from registry.law import OBJECTION_NOTICE_DAYS, TIA_REVIEW_MONTHS
from registry.models import Agreement, Engagement, Party, SubprocessorLink, Transfer
from registry.registry import Registry
from registry.review_breaches import breach_flags
from registry.review_dpia import dpia_flags
from registry.review_flags import Flag, Memo, make_flag
from registry.review_transfers import Finding, TransferFacts, assess_transfer
from registry.snapshot import Snapshot, snapshot

SEVERITIES = ("high", "medium", "low")


@dataclass(frozen=True)
class ReviewSettings:
    tia_months: int = TIA_REVIEW_MONTHS
    notice_days: int = OBJECTION_NOTICE_DAYS


def review(registry: Registry, *, today: date, settings: ReviewSettings | None = None) -> list[Flag]:
    """Every open flag, most severe first. Computed once per day, settings and version of the relations (flags
    come from relations and the parties they name): asking again before the next change to them (the App
    Home, `review NAME`, a DPA's flags, after an inquiry or a new party) costs nothing. After a change, the
    flags of everything the change did not touch are taken from the last review (see Memo)."""
    settings = settings or ReviewSettings()
    with registry.reading():
        done: dict[tuple[date, ReviewSettings], list[Flag]] = registry.cached(
            "review-flags", dict, version=registry.relations_version()
        )
        if (today, settings) not in done:
            # Kept across versions; one day and settings at a time (a new day makes every flag anew anyway).
            memos: dict[tuple[date, ReviewSettings], Memo] = registry.cached("review-memo", dict, version=0)
            memo = Memo(memos.get((today, settings)))
            memos.clear()
            memos[(today, settings)] = memo
            done[(today, settings)] = _all_flags(snapshot(registry), today, settings, memo)
        found = done[(today, settings)]
        # Breaches change by the hour and are not relations: their flags are made every time, and few.
        extra = breach_flags(registry, registry.clock()) if today == registry.clock().date() else []
        return _ordered([*found, *extra]) if extra else list(found)


def _all_flags(snap: Snapshot, today: date, settings: ReviewSettings, memo: Memo | None = None) -> list[Flag]:
    memo = memo or Memo()
    flags = [
        *_transfer_flags(snap, today, settings, memo),
        *_agreement_flags(snap, today, memo),
        *_subprocessor_flags(snap, today, settings, memo),
        *_cycle_flags(snap),
        *dpia_flags(snap, today, memo),
    ]
    return _ordered(flags)


def _ordered(flags: list[Flag]) -> list[Flag]:
    # By severity, then code, parties and subject: three sorts of a third each beat one sort on a made-up key.
    order = attrgetter("code", "parties", "subject")
    return [f for severity in SEVERITIES for f in sorted((f for f in flags if f.severity == severity), key=order)]


def filter_flags(flags: list[Flag], *, severity: str | None = None, party_ids: set[int] | None = None) -> list[Flag]:
    """Flags at least as severe as `severity`, and touching one of `party_ids`."""
    out = flags
    if severity is not None:
        out = [f for f in out if SEVERITIES.index(f.severity) <= SEVERITIES.index(severity)]
    if party_ids is not None:
        out = [f for f in out if party_ids & set(f.party_ids)]
    return out


def _transfer_flags(snap: Snapshot, today: date, settings: ReviewSettings, memo: Memo) -> list[Flag]:
    flags = []
    recorded = {(t.importer, t.country) for t in snap.transfers}  # a recorded transfer covers that destination
    parties = snap.parties
    for t in snap.transfers:
        importer = parties.get(t.importer)
        roles = snap.roles(t.exporter, t.importer)
        inputs = (t, parties.get(t.exporter), importer, roles)
        flags += memo.flags(("transfer", t.id or 0), inputs, _assess, snap, t, importer, roles, today, settings)
    # Flows the registry implies without a recorded transfer: sub-processors processing in third countries,
    # and processors established in one.
    for link in snap.links:
        sub = snap.parties.get(link.sub)
        countries = link.countries or ([sub.country] if sub and sub.country else [])
        for country in countries:
            if is_third_country(country) and (link.sub, country) not in recorded:
                flags.append(
                    _implied(
                        snap,
                        link.processor,
                        link.sub,
                        country,
                        ("link", link.id or 0),
                        f"{snap.name(link.sub)} processes data in {country} as sub-processor of "
                        f"{snap.name(link.processor)}",
                    )
                )
    for e in snap.engagements:
        processor = snap.parties.get(e.processor)
        if e.in_house or processor is None or not processor.country:
            continue
        if not is_third_country(processor.country) and processor.sector != "international":
            continue  # in the EEA; an international organisation is a Chapter V importer wherever it sits
        if e.end is not None and e.end < today:
            continue  # ended: the data was returned or deleted (Art. 28(3)(g))
        if (e.processor, processor.country) not in recorded:
            flags.append(
                _implied(
                    snap,
                    e.controllers[0],
                    e.processor,
                    processor.country,
                    ("engagement", e.id or 0),
                    f"{processor.name}, established in {processor.country}, processes "
                    f"'{e.purpose}' for {', '.join(snap.name(c) for c in e.controllers)}",
                )
            )
    return flags


def _assess(
    snap: Snapshot, t: Transfer, importer: Party | None, roles: tuple[str, str], today: date, settings: ReviewSettings
) -> list[Flag]:
    facts = TransferFacts(
        country=t.country,
        mechanism=t.mechanism,
        exporter_role=roles[0],
        importer_role=roles[1],
        module=t.module,
        tia=t.tia,
        since=t.since,
        importer_dpf=importer.dpf if importer else None,
        importer_dpf_checked=importer.dpf_checked if importer else None,
        importer_sector=importer.sector if importer else None,
        regular=t.regular,
        importer_gdpr=importer.gdpr_applies if importer else None,
        importer_names=(importer.name, *importer.aliases) if importer else (),
    )
    findings = assess_transfer(facts, today=today, tia_months=settings.tia_months)
    return [make_flag(snap, finding, (t.exporter, t.importer), ("transfer", t.id or 0)) for finding in findings]


def _implied(snap: Snapshot, exporter: int, importer: int, country: str, subject: tuple[str, int], what: str) -> Flag:
    finding = Finding(
        "no-mechanism",
        "high",
        f"{what}, but no transfer or mechanism is recorded for it.",
        "GDPR Art. 44-49",
        f'Record the transfer with its mechanism (transfer add "{snap.name(exporter)}" "{snap.name(importer)}" '
        f"country={country} mechanism=...), or confirm the data stays in the EEA.",
    )
    return make_flag(snap, finding, (exporter, importer), subject)


def _agreement_flags(snap: Snapshot, today: date, memo: Memo) -> list[Flag]:
    by_pair: dict[tuple[int, int], list[Agreement]] = defaultdict(list)
    for a in snap.agreements:
        by_pair[(a.controller, a.processor)].append(a)
    flags = []
    parties = snap.parties
    for e in snap.engagements:
        if e.in_house or (e.end is not None and e.end < today):
            continue
        found = [(c, parties.get(c), tuple(by_pair.get((c, e.processor), ()))) for c in e.controllers]
        inputs = (e, parties.get(e.processor), *found)
        flags += memo.flags(("no-dpa", e.id or 0), inputs, _no_dpa, snap, e, found, today)
    for a in snap.agreements:
        if a.status == "signed" and a.review is not None and a.review < today:
            finding = Finding(
                "dpa-review-due",
                "low",
                f"The DPA between {snap.name(a.controller)} and {snap.name(a.processor)} was due for review on "
                f"{a.review.isoformat()}.",
                "GDPR Art. 24(1), 28",
                "Review it against the processing as it is now, and record the next review date.",
            )
            flags.append(make_flag(snap, finding, (a.controller, a.processor), ("agreement", a.id or 0)))
    return flags


def _in_force(a: Agreement, today: date) -> bool:
    """Signed, or terminated no earlier than today (a DPA ended on a date still covers that day)."""
    return a.status == "signed" or (a.status == "terminated" and a.ended is not None and a.ended >= today)


def _no_dpa(
    snap: Snapshot, e: Engagement, found: list[tuple[int, Party | None, tuple[Agreement, ...]]], today: date
) -> list[Flag]:
    flags = []
    for controller, _, agreements in found:
        if controller == e.processor or any(_in_force(a, today) for a in agreements):
            continue
        pending = sorted({a.status for a in agreements if a.status in ("draft", "sent")})
        ended = [a.ended.isoformat() if a.ended else "" for a in agreements if a.status == "terminated"]
        if pending:
            kinds = {"draft": "a draft", "sent": "a version sent for signing"}
            state = f"only {' and '.join(kinds[status] for status in pending)} is on record"
        elif ended:
            state = f"the last one was terminated{' on ' + max(ended) if max(ended) else ''}"
        else:
            state = "none is on record"
        finding = Finding(
            "no-dpa",
            "high",
            f"{snap.name(e.processor)} processes '{e.purpose}' for {snap.name(controller)}, but no signed data "
            f"processing agreement exists ({state}).",
            "GDPR Art. 28(3)",
            "Sign a DPA (dpa generate) and record it (dpa signed), or end the processing.",
        )
        flags.append(make_flag(snap, finding, (controller, e.processor), ("engagement", e.id or 0)))
    return flags


def _subprocessor_flags(snap: Snapshot, today: date, settings: ReviewSettings, memo: Memo) -> list[Flag]:
    flags = []
    unnotified: dict[int, list[SubprocessorLink]] = defaultdict(list)  # processor -> its links with no notice
    for link in snap.links:
        if link.notified is None:
            unnotified[link.processor].append(link)
    parties = snap.parties
    for a in snap.agreements:
        if a.status != "signed" or a.signed is None:
            continue
        # The links of the processor's whole chain (what snap.chain(a.processor) lists) that started after the
        # DPA, or whose start is unknown (`added` is when it was typed in, not when it started: never compared).
        signed = a.signed
        late = [
            x
            for p in {a.processor, *snap.below(a.processor)}
            for x in unnotified.get(p, ())
            if x.since is None or x.since > signed
        ]
        if late:
            inputs = (
                a,
                parties.get(a.controller),
                parties.get(a.processor),
                *late,
                *(parties.get(i) for x in late for i in (x.processor, x.sub)),
            )
            flags += memo.flags(("after-dpa", a.id or 0), inputs, _after_dpa, snap, a, late)
    controllers_of: dict[int, list[int]] = defaultdict(list)
    for processor, controller in snap.processes_for:
        controllers_of[processor].append(controller)
    for link in snap.links:
        if link.authorisation != "general" or link.notified is None:
            continue
        closes = link.notified + timedelta(days=settings.notice_days)
        if today <= closes:  # the controller may object through the last day (not moved off weekends)
            finding = Finding(
                "objection-window-open",
                "low",
                f"The controller was told on {link.notified.isoformat()} that {snap.name(link.processor)} engages "
                f"{snap.name(link.sub)}; it may object until {closes.isoformat()}.",
                "GDPR Art. 28(2)",
                f"Wait for the objection period to end on {closes.isoformat()} before the sub-processor starts.",
            )
            ids = (*sorted(controllers_of.get(link.processor, [])), link.processor, link.sub)
            flags.append(make_flag(snap, finding, ids, ("link", link.id or 0)))
    return flags


def _after_dpa(snap: Snapshot, a: Agreement, late: list[SubprocessorLink]) -> list[Flag]:
    return [_after_dpa_flag(snap, a, link) for link in late]


#: Flags about a sub-processor link measured against one DPA: their first two parties are that DPA's controller
#: and processor (the link may lie deeper in the processor's chain).
DPA_LINK_CODES = ("subprocessor-after-dpa", "subprocessor-start-unknown")


def _after_dpa_flag(snap: Snapshot, a: Agreement, link: SubprocessorLink) -> Flag:
    assert a.signed is not None
    missing = {"specific": "no approval", "general": "no notification"}.get(
        link.authorisation or "", "no authorisation or notification"
    )
    pair = f'"{snap.name(link.processor)}" "{snap.name(link.sub)}"'
    dpa = f"the DPA between {snap.name(a.controller)} and {snap.name(a.processor)}"
    if link.since is None:
        # A start date not given is unknown: whether the DPA came first cannot be told, only asked for.
        finding = Finding(
            DPA_LINK_CODES[1],
            "low",
            f"When {snap.name(link.sub)} became a sub-processor (of {snap.name(link.processor)}) is not recorded, "
            f"so it cannot be checked against {dpa}, signed {a.signed.isoformat()}; {missing} by the "
            "controller is recorded.",
            "GDPR Art. 28(2), 28(4)",
            f"Give the date it started (subprocessor add {pair} since=DATE) to check it against the DPA of "
            f"{a.signed.isoformat()}, or record the controller's authorisation (notified=DATE).",
        )
    else:
        finding = Finding(
            DPA_LINK_CODES[0],
            "medium",
            f"{snap.name(link.sub)} became a sub-processor (of {snap.name(link.processor)}) on "
            f"{link.since.isoformat()}, after {dpa} was signed ({a.signed.isoformat()}), and {missing} by the "
            "controller is recorded.",
            "GDPR Art. 28(2), 28(4)",
            "Get the controller's written approval (specific) or send the notice of change (general), "
            f"then record the date (subprocessor add {pair} notified=DATE).",
        )
    return make_flag(snap, finding, (a.controller, a.processor, link.processor, link.sub), ("link", link.id or 0))


def _cycle_flags(snap: Snapshot) -> list[Flag]:
    """Loops in the sub-processor graph (refused when added here, but a file edited by hand may hold one)."""
    flags, reported = [], set()
    state: dict[int, int] = {}  # 1: on the current path, 2: done

    def visit(start: int) -> None:
        path: list[int] = []
        stack: list[tuple[int, int]] = [(start, 0)]
        while stack:
            node, index = stack.pop()
            if index == 0:
                state[node] = 1
                path.append(node)
            children = snap.subs_of.get(node, [])
            if index < len(children):
                stack.append((node, index + 1))
                child = children[index].sub
                if state.get(child) == 1:
                    loop = path[path.index(child) :]
                    key = frozenset(loop)
                    if key not in reported:
                        reported.add(key)
                        flags.append(_cycle(snap, loop))
                elif child not in state:
                    stack.append((child, 0))
            else:
                state[node] = 2
                path.pop()

    for party_id in list(snap.subs_of):
        if party_id not in state:
            visit(party_id)
    return flags


def _cycle(snap: Snapshot, loop: list[int]) -> Flag:
    names = " → ".join(snap.name(i) for i in [*loop, loop[0]])
    finding = Finding(
        "chain-cycle",
        "high",
        f"The sub-processor chain loops: {names}.",
        "GDPR Art. 28(2), 28(4)",
        "Remove the link that closes the loop (subprocessor remove), then record the chain as it really is.",
    )
    return make_flag(snap, finding, tuple(loop), ("cycle", min(loop)))
