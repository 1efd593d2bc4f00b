"""DataVersion: one counter that every write to the news graph bumps (by database triggers).

Response caches in every app instance compare their entries with it, so a write through any
path (the API, the CLI, plain SQL) invalidates them all.
"""

from tortoise import fields
from tortoise.models import Model


class DataVersion(Model):
    """A single row (id 1) whose `version` grows on every insert, update or delete."""

    _no_comments = True  # no `#:` field comments: Tortoise need not read the source

    id = fields.IntField(primary_key=True)
    version = fields.BigIntField(default=0)

    class Meta:
        table = "data_version"


class CatalogueVersion(Model):
    """A single row (id 1) whose `version` changes, to a value never used before, on every write to
    the person, organisation or country tables (by database triggers).

    The linker caches its compiled gazetteer under this value, so a catalogue edit made by any
    process is seen by every other at its next article.
    """

    _no_comments = True  # no `#:` field comments: Tortoise need not read the source

    id = fields.IntField(primary_key=True)
    version = fields.BigIntField(default=0)

    class Meta:
        table = "catalogue_version"
