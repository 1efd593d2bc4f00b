"""Tortoise imported without reading its own source (imported first by `gql_news.db`).

When `tortoise.models` defines its `Model` class, Tortoise looks for `#:` field comments in that
class's source (`inspect.getsource`: the module's 2,000 lines parsed and tokenised), about 0.03 s
of CPU in every process, and the base class has no fields. With no source lines to read (an empty
`linecache` entry while the module is imported), `getsource` raises the `OSError` Tortoise takes
for "no comments". The entry is removed afterwards, so tracebacks show the source as usual. Our
own models say they have no comments (`_no_comments`).
"""

from __future__ import annotations

import importlib.util
import linecache
import sys
from pathlib import Path


def _import_quietly() -> None:
    if "tortoise.models" in sys.modules:
        return
    spec = importlib.util.find_spec("tortoise")
    if spec is None or spec.origin is None:
        return
    path = str(Path(spec.origin).with_name("models.py"))
    empty: tuple[int, None, list[str], str] = (0, None, [], path)
    if path in linecache.cache:
        return
    linecache.cache[path] = empty
    try:
        import tortoise.models  # noqa: F401
    finally:
        if linecache.cache.get(path) == empty:
            del linecache.cache[path]


_import_quietly()
