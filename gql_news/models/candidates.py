"""EntityCandidate: a name an article uses that the catalogue does not know, kept for an editor."""

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from gql_news.models.articles import Article
from gql_news.models.entities import Organisation, Person


class CandidateKind(StrEnum):
    """What the words around a candidate suggest it is."""

    PERSON = "person"
    ORGANISATION = "organisation"


class CandidateStatus(StrEnum):
    """Where an editor's decision on a candidate stands."""

    OPEN = "open"
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"


class EntityCandidate(Model):
    """A capitalised name next to a role word or speech verb that links to nothing (body[start:end] == text)."""

    _no_comments = True  # no `#:` field comments: Tortoise need not read the source

    id = fields.IntField(primary_key=True)
    article: fields.ForeignKeyRelation[Article] = fields.ForeignKeyField(
        "models.Article", related_name="entity_candidates", on_delete=fields.CASCADE
    )
    text = fields.CharField(max_length=300)
    kind = fields.CharEnumField(CandidateKind, max_length=20)
    cue = fields.CharField(max_length=100)
    start = fields.IntField()
    end = fields.IntField()
    status = fields.CharEnumField(CandidateStatus, max_length=20, default=CandidateStatus.OPEN)
    person: fields.ForeignKeyNullableRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="candidates", null=True, on_delete=fields.SET_NULL
    )
    organisation: fields.ForeignKeyNullableRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="candidates", null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    decided_at = fields.DatetimeField(null=True)
    article_id: int
    person_id: int | None
    organisation_id: int | None

    class Meta:
        table = "entity_candidate"
        unique_together = (("article", "start", "end"),)
        indexes = (("status", "id"), ("text",), ("person_id",), ("organisation_id",))
