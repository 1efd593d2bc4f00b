"""Building GraphQL objects from rows without the dataclass machinery.

A list query builds hundreds of objects; strawberry types are keyword-only dataclasses whose
generated `__init__` (defaults, default factories, one keyword argument per field) cost about
as much as resolving the object's fields. `from_row` methods call this instead and pass every
field themselves.
"""

from __future__ import annotations

from typing import Any, TypeVar

T = TypeVar("T")


def instantiate(cls: type[T], fields: dict[str, Any]) -> T:
    """An instance of `cls` whose attributes are exactly `fields` (all of them must be given)."""
    obj = object.__new__(cls)
    obj.__dict__.update(fields)
    return obj
