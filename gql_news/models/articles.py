"""Articles and the topics they are filed under."""

from tortoise import fields
from tortoise.models import Model


class Topic(Model):
    """A section or tag an article is filed under ("Blockchain", "News")."""

    _no_comments = True  # no `#:` field comments: Tortoise need not read the source

    id = fields.IntField(primary_key=True)
    slug = fields.CharField(max_length=100, unique=True)
    name = fields.CharField(max_length=100)

    class Meta:
        table = "topic"


class Article(Model):
    """A news article: plain-text body, paragraphs separated by a blank line."""

    _no_comments = True  # no `#:` field comments: Tortoise need not read the source

    id = fields.IntField(primary_key=True)
    slug = fields.CharField(max_length=320, unique=True)
    title = fields.CharField(max_length=300)
    standfirst = fields.TextField(null=True)
    body = fields.TextField()
    published_at = fields.DatetimeField(db_index=True)
    byline = fields.CharField(max_length=300, null=True)
    source_url = fields.CharField(max_length=2000, null=True)
    content_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "article"


class ArticleTopic(Model):
    """An article filed under a topic (a link row with its own foreign keys)."""

    _no_comments = True  # no `#:` field comments: Tortoise need not read the source

    id = fields.IntField(primary_key=True)
    article: fields.ForeignKeyRelation[Article] = fields.ForeignKeyField(
        "models.Article", related_name="article_topics", on_delete=fields.CASCADE
    )
    topic: fields.ForeignKeyRelation[Topic] = fields.ForeignKeyField(
        "models.Topic", related_name="article_topics", on_delete=fields.CASCADE
    )
    position = fields.SmallIntField(default=0)
    article_id: int
    topic_id: int

    class Meta:
        table = "article_topic"
        unique_together = (("article", "topic"),)
        indexes = (("topic_id",),)
