"""Article events: what changed, fanned out to every app instance (nothing GraphQL here).

Writes note the articles they create, update or re-link (`publish.publishing`); once the
write's transaction has committed the ids go to the process's `Broker`, which carries them to
every instance: PostgreSQL LISTEN/NOTIFY, Redis pub/sub, or an in-process queue on SQLite.
"""
