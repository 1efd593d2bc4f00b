"""Access to the files under gql_news/data, through importlib.resources so a wheel install works too."""

from __future__ import annotations

import json
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

_DATA_PACKAGE = "gql_news.data"


def data_file(name: str) -> Traversable:
    """The shipped data file `name` (a path relative to gql_news/data, e.g. "seed/x.txt")."""
    return files(_DATA_PACKAGE).joinpath(name)


def read_json(source: Traversable) -> Any:
    """The parsed JSON of a shipped (or any Traversable/Path) file, read as UTF-8."""
    return json.loads(source.read_text(encoding="utf-8"))
