"""ArticleNeighbour: an article's precomputed related articles (`Article.related`)."""

from tortoise import fields
from tortoise.models import Model

from gql_news.models.articles import Article


class ArticleNeighbour(Model):
    """One of an article's top related articles: the Jaccard index of their entity sets and how
    many entities they share. Written by `ingest/neighbours.py` whenever mentions change."""

    _no_comments = True  # no `#:` field comments: Tortoise need not read the source

    id = fields.IntField(primary_key=True)
    article: fields.ForeignKeyRelation[Article] = fields.ForeignKeyField(
        "models.Article", related_name="neighbours", on_delete=fields.CASCADE
    )
    neighbour: fields.ForeignKeyRelation[Article] = fields.ForeignKeyField(
        "models.Article", related_name="neighbour_of", on_delete=fields.CASCADE
    )
    score = fields.FloatField()
    shared = fields.IntField()
    article_id: int
    neighbour_id: int

    class Meta:
        table = "article_neighbour"
        unique_together = (("article", "neighbour"),)
        # Whose lists name an article: refreshed when its entities change (and its deletion).
        indexes = (("neighbour_id",),)
