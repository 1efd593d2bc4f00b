from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    initial = True

    operations = [
        ops.CreateModel(
            name='Article',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('slug', fields.CharField(unique=True, max_length=320)),
                ('title', fields.CharField(max_length=300)),
                ('standfirst', fields.TextField(null=True, unique=False)),
                ('body', fields.TextField(unique=False)),
                ('published_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
                ('byline', fields.CharField(null=True, max_length=300)),
                ('source_url', fields.CharField(null=True, max_length=2000)),
                ('content_hash', fields.CharField(unique=True, max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'article', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A news article: plain-text body, paragraphs separated by a blank line.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Country',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('code', fields.CharField(unique=True, max_length=2)),
                ('alpha3', fields.CharField(unique=True, max_length=3)),
                ('slug', fields.CharField(unique=True, max_length=100)),
                ('name', fields.CharField(max_length=200)),
                ('official_name', fields.CharField(null=True, max_length=300)),
                ('aliases', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('demonyms', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
            ],
            options={'table': 'country', 'app': 'models', 'pk_attr': 'id', 'table_description': "One ISO 3166-1 country, loaded from pycountry plus the project's alias table."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Organisation',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('slug', fields.CharField(unique=True, max_length=200)),
                ('name', fields.CharField(max_length=300)),
                ('aliases', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('country', fields.ForeignKeyField('models.Country', source_field='country_id', null=True, db_constraint=True, to_field='id', related_name='organisations', on_delete=OnDelete.SET_NULL)),
            ],
            options={'table': 'organisation', 'app': 'models', 'indexes': [Index(fields=['country_id'])], 'pk_attr': 'id', 'table_description': 'A company, body or institution named in articles.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Person',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('slug', fields.CharField(unique=True, max_length=200)),
                ('name', fields.CharField(max_length=300)),
                ('aliases', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('title', fields.CharField(null=True, max_length=300)),
                ('country', fields.ForeignKeyField('models.Country', source_field='country_id', null=True, db_constraint=True, to_field='id', related_name='people', on_delete=OnDelete.SET_NULL)),
            ],
            options={'table': 'person', 'app': 'models', 'indexes': [Index(fields=['country_id'])], 'pk_attr': 'id', 'table_description': 'A person named in articles, with the role a newsroom writes beside the name.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Mention',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('article', fields.ForeignKeyField('models.Article', source_field='article_id', db_constraint=True, to_field='id', related_name='mentions', on_delete=OnDelete.CASCADE)),
                ('person', fields.ForeignKeyField('models.Person', source_field='person_id', null=True, db_constraint=True, to_field='id', related_name='mentions', on_delete=OnDelete.CASCADE)),
                ('organisation', fields.ForeignKeyField('models.Organisation', source_field='organisation_id', null=True, db_constraint=True, to_field='id', related_name='mentions', on_delete=OnDelete.CASCADE)),
                ('country', fields.ForeignKeyField('models.Country', source_field='country_id', null=True, db_constraint=True, to_field='id', related_name='mentions', on_delete=OnDelete.CASCADE)),
                ('text', fields.CharField(max_length=300)),
                ('start', fields.IntField()),
                ('end', fields.IntField()),
            ],
            options={'table': 'mention', 'app': 'models', 'unique_together': (('article', 'start', 'end'),), 'indexes': [Index(fields=['person_id']), Index(fields=['organisation_id']), Index(fields=['country_id'])], 'pk_attr': 'id', 'table_description': 'A linked span of an article body: body[start:end] == text, with exactly one entity set.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PersonOrganisation',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.ForeignKeyField('models.Person', source_field='person_id', db_constraint=True, to_field='id', related_name='memberships', on_delete=OnDelete.CASCADE)),
                ('organisation', fields.ForeignKeyField('models.Organisation', source_field='organisation_id', db_constraint=True, to_field='id', related_name='memberships', on_delete=OnDelete.CASCADE)),
                ('role', fields.CharField(null=True, max_length=300)),
            ],
            options={'table': 'person_organisation', 'app': 'models', 'unique_together': (('person', 'organisation'),), 'indexes': [Index(fields=['organisation_id'])], 'pk_attr': 'id', 'table_description': 'Membership of a person in an organisation (a link row, not an M2M `through`).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Topic',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('slug', fields.CharField(unique=True, max_length=100)),
                ('name', fields.CharField(max_length=100)),
            ],
            options={'table': 'topic', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A section or tag an article is filed under ("Blockchain", "News").'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ArticleTopic',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('article', fields.ForeignKeyField('models.Article', source_field='article_id', db_constraint=True, to_field='id', related_name='article_topics', on_delete=OnDelete.CASCADE)),
                ('topic', fields.ForeignKeyField('models.Topic', source_field='topic_id', db_constraint=True, to_field='id', related_name='article_topics', on_delete=OnDelete.CASCADE)),
                ('position', fields.SmallIntField(default=0)),
            ],
            options={'table': 'article_topic', 'app': 'models', 'unique_together': (('article', 'topic'),), 'indexes': [Index(fields=['topic_id'])], 'pk_attr': 'id', 'table_description': 'An article filed under a topic (a link row with its own foreign keys).'},
            bases=['Model'],
        ),
    ]
