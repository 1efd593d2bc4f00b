"""The few numbers that bound the work of search ranking and related articles, set once.

They are settings (`Settings.search_candidates`, `related_neighbours`, `related_posting_cap`),
but they are read far from the app: by the write path (the store refreshes neighbour lists)
and by the migration that backfills them. `init_db` installs them for the process; code that
never opened the database (a migration run alone) gets the defaults.
"""

from __future__ import annotations

from dataclasses import dataclass

from gql_news.settings import Settings


@dataclass(frozen=True, slots=True)
class Tuning:
    search_candidates: int
    related_neighbours: int
    related_posting_cap: int

    @classmethod
    def from_settings(cls, settings: Settings) -> Tuning:
        return cls(
            search_candidates=settings.search_candidates,
            related_neighbours=settings.related_neighbours,
            related_posting_cap=settings.related_posting_cap,
        )


_DEFAULTS = Settings.model_fields
_current = Tuning(
    search_candidates=_DEFAULTS["search_candidates"].default,
    related_neighbours=_DEFAULTS["related_neighbours"].default,
    related_posting_cap=_DEFAULTS["related_posting_cap"].default,
)


def tuning() -> Tuning:
    return _current


def install_tuning(value: Tuning) -> None:
    """Use these numbers from now on (`init_db` calls it with the process's settings)."""
    global _current
    _current = value
