"""An editor's decisions on entity candidates: confirm (the name becomes a catalogue entity and
every article naming it is linked) or dismiss (the name is not suggested again).

A decision applies to every open candidate with the same text, in whichever article: the
editor decides about a name, not about one occurrence of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from gql_news.db import writing
from gql_news.events.publish import write_transaction
from gql_news.ingest.entities import EntityInput, EntityType, add_alias, create_entity
from gql_news.ingest.errors import MissingError
from gql_news.models import CandidateKind, CandidateStatus, EntityCandidate, Organisation, Person

_TYPES: dict[CandidateKind, EntityType] = {
    CandidateKind.PERSON: "person",
    CandidateKind.ORGANISATION: "organisation",
}


@dataclass(frozen=True, slots=True)
class Confirmation:
    """What confirming created or found: the entity, and whether it is new."""

    kind: EntityType
    entity_id: int
    created: bool


async def _candidate(candidate_id: int) -> EntityCandidate:
    candidate = await EntityCandidate.get_or_none(id=candidate_id)
    if candidate is None:
        raise MissingError("id", "No entity candidate has this id.")
    return candidate


async def confirm_candidate(
    candidate_id: int,
    kind: CandidateKind | None = None,
    name: str | None = None,
    country_code: str | None = None,
) -> Confirmation:
    """Create (or find, by slug) the person or organisation the candidate names, make the
    candidate's text one of its forms, mark the candidates with that text confirmed, and re-link
    every article that names it. One transaction."""
    async with write_transaction():
        candidate = await _candidate(candidate_id)
        entity_type = _TYPES[kind or candidate.kind]
        full_name = name if name is not None and name.strip() else candidate.text
        await _decide(candidate.text, CandidateStatus.CONFIRMED, entity_type, None)
        result = await create_entity(
            entity_type, EntityInput(name=full_name, aliases=[candidate.text], country_code=country_code)
        )
        if not result.created:  # an existing entity: the candidate's text becomes one of its names
            await add_alias(entity_type, result.entity_id, candidate.text)
        await _decide(candidate.text, CandidateStatus.CONFIRMED, entity_type, result.entity_id)
        await EntityCandidate.filter(id=candidate.id).update(
            status=CandidateStatus.CONFIRMED,
            decided_at=datetime.now(UTC),
            **_entity_columns(entity_type, result.entity_id),
        )
    return Confirmation(entity_type, result.entity_id, result.created)


async def dismiss_candidate(candidate_id: int) -> None:
    """Dismiss the candidate and every open one with the same text."""
    async with writing():
        candidate = await _candidate(candidate_id)
        await _decide(candidate.text, CandidateStatus.DISMISSED, None, None)
        if candidate.status is CandidateStatus.OPEN:
            await EntityCandidate.filter(id=candidate.id).update(
                status=CandidateStatus.DISMISSED, decided_at=datetime.now(UTC)
            )


async def _decide(text: str, status: CandidateStatus, kind: EntityType | None, entity_id: int | None) -> None:
    """Mark the open candidates with this text (before re-linking deletes open ones)."""
    columns = _entity_columns(kind, entity_id) if kind and entity_id else {}
    await EntityCandidate.filter(text=text, status=CandidateStatus.OPEN).update(
        status=status, decided_at=datetime.now(UTC), **columns
    )
    if columns:  # the confirmed ones of this decision point at the entity
        await EntityCandidate.filter(
            text=text, status=CandidateStatus.CONFIRMED, person_id=None, organisation_id=None
        ).update(**columns)


def _entity_columns(kind: EntityType, entity_id: int) -> dict[str, int]:
    model = Person if kind == "person" else Organisation
    return {f"{model.__name__.lower()}_id": entity_id}
