"""The queue of articles whose maintained counts are due (`article_count_queue`).

`gql-news import` on PostgreSQL no longer adds a batch's articles to the count tables inside the
batch's transaction: every batch touched the same hot rows (the article total, the topics, the
common countries and their pairs), so concurrent importers queued on each other's row locks
until each whole batch committed. The batch queues its new articles instead (one row per
article), and the counts of everything queued are added afterwards by short transactions of
their own, one folder at a time (`ingest/counts.py`: `fold_counts`), the last before the import
returns. A write that changes or deletes a queued article takes it off the queue and counts it
itself; a deleted article leaves the queue with it (the foreign key cascades).
"""

from tortoise import migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("models", "0017_ranked_indexes")]

    initial = False

    operations = [
        ops.RunSQL(
            "CREATE TABLE article_count_queue (article_id INTEGER NOT NULL PRIMARY KEY"
            " REFERENCES article (id) ON DELETE CASCADE)",
            "DROP TABLE IF EXISTS article_count_queue",
        )
    ]
