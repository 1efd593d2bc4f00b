"""The few settings that bound the work of search ranking and related articles, set once.

They are settings (`Settings.search_candidates`, `related_neighbours`, `related_posting_cap`),
but they are read far from the app: by the write path (the store refreshes neighbour lists)
and by the migration that backfills them. `init_db` installs the process's settings; code that
never opened the database (a migration run alone) gets the defaults.
"""

from __future__ import annotations

from gql_news.settings import Settings

_current = Settings.model_construct()  # the defaults, without reading the environment


def tuning() -> Settings:
    return _current


def install_tuning(settings: Settings) -> None:
    """Use these settings from now on (`init_db` calls it with the process's)."""
    global _current
    _current = settings
