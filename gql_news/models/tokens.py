"""ApiToken: a bearer token allowed to use the write API, stored only as its hash."""

from tortoise import fields
from tortoise.models import Model


class ApiToken(Model):
    """A named write-API token. The token itself is shown once at creation and never stored."""

    _no_comments = True  # no `#:` field comments: Tortoise need not read the source

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=100, unique=True)
    token_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "api_token"
