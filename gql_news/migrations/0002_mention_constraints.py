from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.migrations.constraints import CheckConstraint

class Migration(migrations.Migration):
    dependencies = [('models', '0001_initial')]

    initial = False

    operations = [
        ops.AddConstraint(
            model_name='Mention',
            constraint=CheckConstraint(check='(CASE WHEN person_id IS NULL THEN 0 ELSE 1 END + CASE WHEN organisation_id IS NULL THEN 0 ELSE 1 END + CASE WHEN country_id IS NULL THEN 0 ELSE 1 END) = 1', name='mention_exactly_one_entity'),
        ),
        ops.AddConstraint(
            model_name='Mention',
            constraint=CheckConstraint(check='"start" >= 0 AND "end" > "start"', name='mention_span'),
        ),
    ]
