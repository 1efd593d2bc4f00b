"""An article event: these articles were created, updated or re-linked by a committed write."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Reason = Literal["created", "updated", "relinked"]
REASONS: tuple[Reason, ...] = ("created", "updated", "relinked")


@dataclass(frozen=True, slots=True)
class ArticleEvent:
    """These articles were created, updated or re-linked by a committed write.

    `event_id` is the event's outbox id (increasing; None for an event that was never stored).
    `shared` lets the receivers of one event in one process share work derived from it
    (e.g. one statement per distinct filter instead of one per subscriber).
    """

    article_ids: tuple[int, ...]
    reason: Reason
    event_id: int | None = None
    shared: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)
