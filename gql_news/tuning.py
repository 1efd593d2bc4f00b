"""The few numbers that bound the work of search ranking and related articles, set once.

They are settings (`Settings.search_candidates`, `related_neighbours`, `related_posting_cap`),
but they are read far from the app: by the write path (the store refreshes neighbour lists)
and by the migration that backfills them. `init_db` installs them for the process; code that
never opened the database (a migration run alone) gets the defaults.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from gql_news.settings import Settings


@dataclass(frozen=True, slots=True)
class Tuning:
    search_candidates: int
    related_neighbours: int
    related_posting_cap: int

    @classmethod
    def from_settings(cls, settings: Settings) -> Tuning:
        return cls(**{f.name: getattr(settings, f.name) for f in fields(cls)})


# Before `install_tuning`: the settings' defaults.
_current = Tuning(**{f.name: Settings.model_fields[f.name].default for f in fields(Tuning)})


def tuning() -> Tuning:
    return _current


def install_tuning(value: Tuning) -> None:
    """Use these numbers from now on (`init_db` calls it with the process's settings)."""
    global _current
    _current = value
