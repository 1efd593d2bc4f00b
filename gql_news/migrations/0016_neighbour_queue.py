"""The queue of articles whose related-article lists are due (`article_neighbour_queue`).

`gql-news import` stores its batches without refreshing the neighbour lists inside each write
transaction: it queues the articles whose mentions it wrote, one row per article (coalesced:
an article queued twice is one row), and refreshes the lists of everything queued after its
batches, in transactions of its own (`ingest/neighbours.py`: `drain_neighbours`). A deleted
article leaves the queue with it (the foreign key cascades).
"""

from tortoise import migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("models", "0015_facet_counts")]

    initial = False

    operations = [
        ops.RunSQL(
            "CREATE TABLE article_neighbour_queue (article_id INTEGER NOT NULL PRIMARY KEY"
            " REFERENCES article (id) ON DELETE CASCADE)",
            "DROP TABLE IF EXISTS article_neighbour_queue",
        )
    ]
