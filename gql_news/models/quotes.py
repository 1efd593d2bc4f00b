"""Quote: a direct quotation in an article body and the person it is attributed to."""

from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint
from tortoise.models import Model

from gql_news.models.articles import Article
from gql_news.models.entities import Person


class Quote(Model):
    """A quotation: body[start:end] == text (marks excluded); person is null when unattributed.

    Written with the article's mentions (ingest/quotes.py), never edited on its own.
    """

    _no_comments = True  # no `#:` field comments: Tortoise need not read the source

    id = fields.IntField(primary_key=True)
    article: fields.ForeignKeyRelation[Article] = fields.ForeignKeyField(
        "models.Article", related_name="quotes", on_delete=fields.CASCADE
    )
    person: fields.ForeignKeyNullableRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="quotes", null=True, on_delete=fields.SET_NULL
    )
    text = fields.TextField()
    start = fields.IntField()
    end = fields.IntField()
    # The person candidate (its text) the attribution names, when that person is not in the
    # catalogue: person is then null. Confirming the candidate re-links the article, and the
    # quote's person is set and this cleared.
    speaker_candidate = fields.CharField(max_length=300, null=True)
    article_id: int
    person_id: int | None

    class Meta:
        table = "quote"
        unique_together = (("article", "start"),)
        # (person, article): a person's quotes, newest article first, from the index.
        indexes = (("person_id", "article_id"),)
        constraints = (CheckConstraint(check='"start" >= 0 AND "end" > "start"', name="quote_span"),)
