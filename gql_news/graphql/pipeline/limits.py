"""The budgets a document is checked against before anything runs, and the error past them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphql import GraphQLError

JSON_SAFE_INT_MAX = 2**53 - 1


@dataclass(frozen=True, slots=True)
class Limits:
    """The budgets; every one is a setting (`gql_news.settings.Settings`)."""

    max_depth: int = 10
    max_aliases: int = 30
    max_tokens: int = 5000
    max_cost: int = 20_000
    # Field selections one operation executes, each fragment counted at every place it is spread.
    max_fields: int = 2000
    # Pairs of same-named fields validation must compare (graphql-core's overlapping-fields rule
    # is quadratic in them); a few hundred in the largest real documents.
    max_field_merges: int = 5000


class TooComplex(GraphQLError):
    """A document over one of the budgets: QUERY_TOO_COMPLEX, with the figure and the limit."""

    def __init__(self, what: str, value: int, limit: int) -> None:
        # Products of `first` can pass 2**64, which JSON encoders refuse (found by fuzzing: a 500);
        # past 2**53 no JSON client reads the figure exactly anyway.
        value = min(value, JSON_SAFE_INT_MAX)
        extensions: dict[str, Any] = {
            "code": "QUERY_TOO_COMPLEX",
            "limit": limit,
            what.replace(" ", "_"): value,
        }
        super().__init__(f"The query's {what} is {value}, over the limit of {limit}.", extensions=extensions)
