"""Deterministic measures of the work a call does, for tests that a body's cost grows in
proportion to its length (no timing: the same figures on a busy machine)."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType, ModuleType, SimpleNamespace
from typing import Any

import pytest

_INGEST = str(Path(__file__).resolve().parents[2] / "gql_news" / "ingest")


def lines_run(call: Callable[[], object]) -> int:
    """The lines of gql_news/ingest code that `call` runs."""
    count = 0

    def trace(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if not frame.f_code.co_filename.startswith(_INGEST):
            return None
        if event == "line":
            count += 1
        return trace

    previous = sys.gettrace()  # coverage's tracer, when the suite measures it
    sys.settrace(trace)
    try:
        call()
    finally:
        sys.settrace(previous)  # not None: that would stop coverage for every later test
    return count


def characters_searched(module: ModuleType, call: Callable[[], object]) -> int:
    """The characters of text handed to the searches of patterns that `module` compiles, or hands
    to `re`'s own functions ("re.search(pattern, text)"), while `call` runs (a search of a whole
    body counts its length, of a window the window's, a match tried at one place one)."""
    count = 0

    class Counted:
        def __init__(self, pattern: re.Pattern[str]) -> None:
            self._pattern = pattern

        def _span(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> None:
            nonlocal count
            count += max(0, min(endpos, len(text)) - pos)

        def search(self, text: str, *args: int) -> re.Match[str] | None:
            self._span(text, *args)
            return self._pattern.search(text, *args)

        def match(self, text: str, *args: int) -> re.Match[str] | None:
            nonlocal count
            count += 1  # anchored: tried at one place
            return self._pattern.match(text, *args)

        def finditer(self, text: str, *args: int) -> Any:
            self._span(text, *args)
            return self._pattern.finditer(text, *args)

        def findall(self, text: str, *args: int) -> Any:
            self._span(text, *args)
            return self._pattern.findall(text, *args)

        def __getattr__(self, name: str) -> Any:
            return getattr(self._pattern, name)

    shim = SimpleNamespace(**{name: getattr(re, name) for name in dir(re) if not name.startswith("__")})
    shim.compile = lambda *args: Counted(re.compile(*args))
    shim.search = lambda pattern, text, flags=0: Counted(re.compile(pattern, flags)).search(text)
    shim.match = lambda pattern, text, flags=0: Counted(re.compile(pattern, flags)).match(text)
    shim.finditer = lambda pattern, text, flags=0: Counted(re.compile(pattern, flags)).finditer(text)
    shim.findall = lambda pattern, text, flags=0: Counted(re.compile(pattern, flags)).findall(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(module, "re", shim)
        call()
    return count


def work_done(module: ModuleType, call: Callable[[], object]) -> int:
    """The lines of gql_news/ingest code that `call` runs plus the characters it hands to the
    searches of `module`'s patterns (`characters_searched`)."""
    lines: list[int] = []
    searched = characters_searched(module, lambda: lines.append(lines_run(call)))
    return searched + lines[0]
