"""gql_news: a GraphQL content backend for entity-centric news."""

import sys

# SQLite 3.50 (sqlean.py) in place of the interpreter's own build (3.40 with Python 3.11): the read
# planner answers a query with one statement of nested JSON subqueries, and SQLite before 3.46
# refuses such statements a few levels deep ("parser stack overflow"). The module is the same
# DB-API; it is put in place before aiosqlite and Tortoise import `sqlite3`.
try:
    import sqlean as _sqlite
except ImportError:  # the interpreter's sqlite3 still works; deep plans fall back to the executor
    pass
else:
    if "aiosqlite" not in sys.modules:
        sys.modules["sqlite3"] = _sqlite
        sys.modules["sqlite3.dbapi2"] = _sqlite.dbapi2
