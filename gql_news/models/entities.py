"""The things articles talk about: countries, people and organisations."""

from tortoise import fields
from tortoise.models import Model


class Country(Model):
    """One ISO 3166-1 country, loaded from pycountry plus the project's alias table."""

    _no_comments = True  # no `#:` field comments: Tortoise need not read the source

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=2, unique=True)
    alpha3 = fields.CharField(max_length=3, unique=True)
    slug = fields.CharField(max_length=100, unique=True)
    name = fields.CharField(max_length=200)
    official_name = fields.CharField(max_length=300, null=True)
    aliases: fields.Field[list[str]] = fields.JSONField(default=list)
    demonyms: fields.Field[list[str]] = fields.JSONField(default=list)

    class Meta:
        table = "country"
        ordering = ("name",)


class Organisation(Model):
    """A company, body or institution named in articles."""

    _no_comments = True  # no `#:` field comments: Tortoise need not read the source

    id = fields.IntField(primary_key=True)
    slug = fields.CharField(max_length=200, unique=True)
    name = fields.CharField(max_length=300)
    aliases: fields.Field[list[str]] = fields.JSONField(default=list)
    country: fields.ForeignKeyNullableRelation[Country] = fields.ForeignKeyField(
        "models.Country", related_name="organisations", null=True, on_delete=fields.SET_NULL
    )
    country_id: int | None

    class Meta:
        table = "organisation"
        indexes = (("country_id",),)


class Person(Model):
    """A person named in articles, with the role a newsroom writes beside the name."""

    _no_comments = True  # no `#:` field comments: Tortoise need not read the source

    id = fields.IntField(primary_key=True)
    slug = fields.CharField(max_length=200, unique=True)
    name = fields.CharField(max_length=300)
    aliases: fields.Field[list[str]] = fields.JSONField(default=list)
    title = fields.CharField(max_length=300, null=True)
    country: fields.ForeignKeyNullableRelation[Country] = fields.ForeignKeyField(
        "models.Country", related_name="people", null=True, on_delete=fields.SET_NULL
    )
    country_id: int | None

    class Meta:
        table = "person"
        indexes = (("country_id",),)


class PersonOrganisation(Model):
    """Membership of a person in an organisation (a link row, not an M2M `through`)."""

    _no_comments = True  # no `#:` field comments: Tortoise need not read the source

    id = fields.IntField(primary_key=True)
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="memberships", on_delete=fields.CASCADE
    )
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="memberships", on_delete=fields.CASCADE
    )
    role = fields.CharField(max_length=300, null=True)
    person_id: int
    organisation_id: int

    class Meta:
        table = "person_organisation"
        unique_together = (("person", "organisation"),)
        indexes = (("organisation_id",),)
