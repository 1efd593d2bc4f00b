"""Tortoise imported without reading its own source (imported first by `gql_news.db`).

When `tortoise.models` defines its `Model` class, Tortoise looks for `#:` field comments in that
class's source (`inspect.getsource`: the module's 2,000 lines parsed and tokenised), about 0.03 s
of CPU in every process, and the base class has no fields. With no source lines to read (an empty
`linecache` entry while the module is imported), `getsource` raises the `OSError` Tortoise takes
for "no comments". The entry is removed afterwards, so tracebacks show the source as usual. Our
own models say they have no comments (`_no_comments`).

`tortoise.validators` also builds a domain-name validator as it is imported, compiling a pattern
of Unicode ranges without regard to case (~0.045 s of CPU in every process; nothing here
validates a domain name): compiled when first used instead (`_LazyPattern`).
"""

from __future__ import annotations

import importlib.util
import linecache
import re
import sys
from pathlib import Path
from typing import Any

_UNICODE_LETTERS = "\u00a1-\uffff"
"""What Tortoise's domain-name patterns (and only they, of what it compiles on import) hold."""


class _LazyPattern:
    """A compiled pattern, compiled on first use."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._args = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = re.compile(*self._args)
        return getattr(self._compiled, name)


def _compile_later(compile_now: Any) -> Any:
    def compile_(pattern: Any, flags: int = 0) -> Any:
        if isinstance(pattern, str) and _UNICODE_LETTERS in pattern and flags & re.IGNORECASE:
            return _LazyPattern(pattern, flags)
        return compile_now(pattern, flags)

    return compile_


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
    compile_now = re.compile
    re.compile = _compile_later(compile_now)
    try:
        import tortoise.models  # noqa: F401
    finally:
        re.compile = compile_now
        if linecache.cache.get(path) == empty:
            del linecache.cache[path]


_import_quietly()
