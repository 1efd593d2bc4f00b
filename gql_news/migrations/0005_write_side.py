from tortoise import migrations
from tortoise.migrations import operations as ops
from gql_news.models.candidates import CandidateKind, CandidateStatus
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0004_data_version_triggers')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ApiToken',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(unique=True, max_length=100)),
                ('token_hash', fields.CharField(unique=True, max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('revoked_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'api_token', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A named write-API token. The token itself is shown once at creation and never stored.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='CatalogueVersion',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('version', fields.BigIntField(default=0)),
            ],
            options={'table': 'catalogue_version', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A single row (id 1) whose `version` changes, to a value never used before, on every write to'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='EntityCandidate',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('article', fields.ForeignKeyField('models.Article', source_field='article_id', db_constraint=True, to_field='id', related_name='entity_candidates', on_delete=OnDelete.CASCADE)),
                ('text', fields.CharField(max_length=300)),
                ('kind', fields.CharEnumField(description='PERSON: person\nORGANISATION: organisation', enum_type=CandidateKind, max_length=20)),
                ('cue', fields.CharField(max_length=100)),
                ('start', fields.IntField()),
                ('end', fields.IntField()),
                ('status', fields.CharEnumField(default=CandidateStatus.OPEN, description='OPEN: open\nCONFIRMED: confirmed\nDISMISSED: dismissed', enum_type=CandidateStatus, max_length=20)),
                ('person', fields.ForeignKeyField('models.Person', source_field='person_id', null=True, db_constraint=True, to_field='id', related_name='candidates', on_delete=OnDelete.SET_NULL)),
                ('organisation', fields.ForeignKeyField('models.Organisation', source_field='organisation_id', null=True, db_constraint=True, to_field='id', related_name='candidates', on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('decided_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'entity_candidate', 'app': 'models', 'unique_together': (('article', 'start', 'end'),), 'indexes': [Index(fields=['status', 'id']), Index(fields=['text']), Index(fields=['person_id']), Index(fields=['organisation_id'])], 'pk_attr': 'id', 'table_description': 'A capitalised name next to a role word or speech verb that links to nothing (body[start:end] == text).'},
            bases=['Model'],
        ),
    ]
