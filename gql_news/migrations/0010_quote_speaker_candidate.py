"""Quote.speaker_candidate: the name of a speaker the catalogue does not know yet.

Existing quotes keep it null until their article is re-linked or re-quoted (`gql-news requote`).
"""

from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("models", "0009_quotes")]

    initial = False

    operations = [
        ops.AddField(
            model_name="Quote",
            name="speaker_candidate",
            field=fields.CharField(max_length=300, null=True),
        ),
    ]
