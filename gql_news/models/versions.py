"""DataVersion: one counter that every write to the news graph bumps (by database triggers).

Response caches in every app instance compare their entries with it, so a write through any
path (the API, the CLI, plain SQL) invalidates them all.
"""

from tortoise import fields
from tortoise.models import Model


class DataVersion(Model):
    """A single row (id 1) whose `version` grows on every insert, update or delete."""

    id = fields.IntField(primary_key=True)
    version = fields.BigIntField(default=0)

    class Meta:
        table = "data_version"
