"""The `gql-news` command in a process forked from a fork server that imported it once.

tests/servers.py starts every `gql-news` process of the suite this way: importing the package
and its dependencies costs a fresh interpreter over a second of CPU, paid once per test run
instead of once per command. The command itself runs exactly as `python -m gql_news ARGS`
would: its own process, working directory, environment, standard streams and exit status.
"""

from __future__ import annotations

import io
import os
import sys

# pytest's own script: every child of a fork server started from the test run runs it again as
# `__mp_main__` (multiprocessing's spawn preparation), which imports pytest unless it is here.
import pytest  # noqa: F401

import gql_news.app  # noqa: F401 - imported in the fork server, before any fork
from gql_news.cli import app

# What the commands import or derive on first use, once here instead of in every child: the
# server (uvicorn, its protocols and loop), the Redis client, the import's modules, and the linking
# data read from installed packages (the country context alone is seconds of CPU per process).
_LATER_IMPORTS = (
    "gql_news.ops.http_protocol",
    "gql_news.ops.logs",
    "gql_news.ops.serving",
    "gql_news.ops.startup",
    "gql_news.events.publish",
    "gql_news.ingest.catalogue",
    "gql_news.ingest.importer",
    "gql_news.ingest.demo",
    "gql_news.ingest.store",
    "gql_news.tokens",
    "redis.asyncio",
    "rich.progress",
    "text_unidecode",
    "uvicorn.lifespan.on",
    "uvicorn.loops.uvloop",
    "uvicorn.protocols.http.httptools_impl",
    "uvicorn.protocols.websockets.auto",
)


def _preload() -> None:
    from contextlib import suppress
    from importlib import import_module

    from gql_news.ingest.country_context import given_name_gender, shipped_country_context
    from gql_news.ingest.linker import _non_entities, shipped_given_names

    for name in _LATER_IMPORTS:
        with suppress(ImportError):  # an optional extra: the child imports it (or fails) as it would
            import_module(name)
    shipped_country_context()
    shipped_given_names()
    _non_entities()
    given_name_gender("Anna")


_preload()


def _redirect(fd: int, path: str, flags: int) -> None:
    target = os.open(path, flags, 0o644)
    os.dup2(target, fd)
    os.close(target)


def run(argv: list[str], env: dict[str, str], cwd: str, stdin: str, stdout: str, stderr: str) -> None:
    """`gql-news ARGV` with `env` as its whole environment, in `cwd`, its standard streams on the
    files named (stdout and stderr may name one file); exits with the command's status."""
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    _redirect(0, stdin, os.O_RDONLY)
    _redirect(1, stdout, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    if stderr == stdout:
        os.dup2(1, 2)
    else:
        _redirect(2, stderr, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    unbuffered = bool(env.get("PYTHONUNBUFFERED"))
    sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False), encoding="utf-8")
    sys.stdout = io.TextIOWrapper(
        io.FileIO(1, "w", closefd=False), encoding="utf-8", write_through=unbuffered
    )
    sys.stderr = io.TextIOWrapper(
        io.FileIO(2, "w", closefd=False), encoding="utf-8", errors="backslashreplace", line_buffering=True
    )
    sys.argv = ["gql-news", *argv]
    try:
        app(args=argv, prog_name="gql-news")
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
