"""The delivery records, the Slack side of parties and inquiries: the channel where a party's inquiries are
posted (DeliveryRoute) and what became of an inquiry in Slack (InquiryDelivery). Party and Inquiry hold none of it.
"""

from __future__ import annotations

from typing import Any

from registry.models import DeliveryRoute, InquiryDelivery
from registry.registry import Registry, Writer


def channel_of(registry: Registry, party_id: int | None) -> str | None:
    """The Slack channel that receives the party's inquiries, if one is set (call inside reading())."""
    if party_id is None:
        return None
    routes = registry.related(party_id, DeliveryRoute)
    return routes[0].channel if routes else None


def set_channel(w: Writer, party_id: int, channel: str | None) -> None:
    """Post the party's inquiries to `channel` from now on; None: to no channel of its own."""
    routes = w.registry.related(party_id, DeliveryRoute)
    keep = routes[:1] if channel is not None else []
    for route in routes[len(keep) :]:
        w.remove(route)
    if channel is None:
        return
    if not keep:
        w.insert(DeliveryRoute(party=party_id, channel=channel))
    elif keep[0].channel != channel:
        w.update(keep[0], {"channel": channel})


def delivery_of(registry: Registry, inquiry_id: int) -> InquiryDelivery | None:
    """The inquiry's record in Slack, if it came through or went to Slack (call inside reading())."""
    found = registry.where(InquiryDelivery, inquiry=inquiry_id)
    return found[0] if found else None


def from_message(registry: Registry, channel: str | None, ts: str) -> InquiryDelivery | None:
    """The delivery record of the inquiry made from this Slack message, if any (call inside reading())."""
    found = registry.where(InquiryDelivery, origin_channel=channel, origin_ts=ts)
    return found[0] if found else None


def note_delivery(w: Writer, inquiry_id: int, changes: dict[str, Any]) -> None:
    """Record facts about the inquiry in Slack: its delivery record is made at the first, then updated."""
    current = delivery_of(w.registry, inquiry_id)
    if current is None:
        w.insert(InquiryDelivery(inquiry=inquiry_id, **changes))
    elif any(getattr(current, name) != value for name, value in changes.items()):
        w.update(current, changes)
