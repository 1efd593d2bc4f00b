"""Mention: one linked occurrence of an entity in an article body."""

from tortoise import fields
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
    article_id: int
    person_id: int | None
    organisation_id: int | None
    country_id: int | None

    class Meta:
        table = "mention"
        unique_together = (("article", "start", "end"),)
        # (entity, article): finds an entity's articles, and answers "does this article mention
        # that entity" from the index alone (the EXISTS of a one-parent page).
        indexes = (
            ("person_id", "article_id"),
            ("organisation_id", "article_id"),
            ("country_id", "article_id"),
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
