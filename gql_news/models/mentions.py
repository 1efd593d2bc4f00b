"""Mention: one linked occurrence of an entity in an article body."""

from tortoise import fields
from tortoise.indexes import Index
from tortoise.migrations.constraints import CheckConstraint
from tortoise.models import Model

from gql_news.models.articles import Article
from gql_news.models.entities import Country, Organisation, Person


class Mention(Model):
    """A linked span of an article body: body[start:end] == text, with exactly one entity set."""

    _no_comments = True  # no `#:` field comments: Tortoise need not read the source

    id = fields.IntField(primary_key=True)
    article: fields.ForeignKeyRelation[Article] = fields.ForeignKeyField(
        "models.Article", related_name="mentions", on_delete=fields.CASCADE
    )
    person: fields.ForeignKeyNullableRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="mentions", null=True, on_delete=fields.CASCADE
    )
    organisation: fields.ForeignKeyNullableRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="mentions", null=True, on_delete=fields.CASCADE
    )
    country: fields.ForeignKeyNullableRelation[Country] = fields.ForeignKeyField(
        "models.Country", related_name="mentions", null=True, on_delete=fields.CASCADE
    )
    text = fields.CharField(max_length=300)
    start = fields.IntField()
    end = fields.IntField()
    # The article's publication time, copied (migration 0019: the store writes it, triggers fill
    # it for any other writer and move it with an edited article).
    published_at = fields.DatetimeField(null=True)
    article_id: int
    person_id: int | None
    organisation_id: int | None
    country_id: int | None

    class Meta:
        table = "mention"
        unique_together = (("article", "start", "end"),)
        # (entity, article): answers "does this article mention that entity" from the index
        # alone (the EXISTS of a filtered page, the search triggers' probes).
        # (entity, published_at DESC, article_id DESC), built by migration 0019 (Tortoise's
        # Index has no column direction): an entity's mentions newest article first, so its
        # article page is one index range walk; not partial, so PostGraphile counts each as its
        # foreign key's index.
        indexes = (
            ("person_id", "article_id"),
            ("organisation_id", "article_id"),
            ("country_id", "article_id"),
            *(
                Index(fields=(column, "published_at", "article_id"), name=f"mention_{kind}_newest")
                for kind, column in (
                    ("person", "person_id"),
                    ("organisation", "organisation_id"),
                    ("country", "country_id"),
                )
            ),
        )
        constraints = (
            CheckConstraint(
                check=(
                    "(CASE WHEN person_id IS NULL THEN 0 ELSE 1 END"
                    " + CASE WHEN organisation_id IS NULL THEN 0 ELSE 1 END"
                    " + CASE WHEN country_id IS NULL THEN 0 ELSE 1 END) = 1"
                ),
                name="mention_exactly_one_entity",
            ),
            CheckConstraint(check='"start" >= 0 AND "end" > "start"', name="mention_span"),
        )
