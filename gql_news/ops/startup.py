"""What the `gql-news` commands say when they cannot start: one line naming the database (its
password masked) or the port, and what to try, instead of a traceback.

`database_problem` reads an exception raised while opening or migrating the database;
`port_problem` tries to bind the address `serve` is about to use. Both return None when the
failure is not one they recognise (the traceback is then the useful thing to show).
"""

from __future__ import annotations

import errno
import socket
import sqlite3
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from tortoise.exceptions import DBConnectionError

from gql_news.settings import Settings

_DEBUG_HINT = "(--debug or LOG_LEVEL=debug shows the traceback)"


def masked_url(url: str) -> str:
    """The database URL with its password replaced by `***` (safe to print and log)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<unparsable DATABASE_URL>"
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    port = f":{parts.port}" if parts.port is not None else ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}{port}"))


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception and every cause or context behind it, outermost first."""
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def sqlite_path(settings: Settings) -> Path | None:
    """The SQLite file DATABASE_URL names (None for PostgreSQL or an in-memory database)."""
    if settings.is_postgres:
        return None
    path = settings.database_url.split("://", 1)[-1].split("?", 1)[0]
    return None if path in {"", ":memory:"} else Path(path)


def sqlite_folder_problem(settings: Settings) -> str | None:
    """A SQLite file whose folder is missing: say so before the driver is asked to open it."""
    path = sqlite_path(settings)
    if path is None or path.parent.is_dir():
        return None
    return (
        f"cannot open the SQLite database {settings.database_url}: the folder {path.parent} does not "
        "exist. Create it, or point DATABASE_URL at a writable path (sqlite://gql_news.sqlite3 is the "
        "default)."
    )


def database_problem(exc: BaseException, settings: Settings) -> str | None:
    """One line saying what is wrong with DATABASE_URL and what to try, or None."""
    # Imported for a failure only: every command imports this module, and one on SQLite would
    # otherwise load the PostgreSQL driver for nothing (~0.02 s of CPU).
    import asyncpg

    url = masked_url(settings.database_url)
    chain = _chain(exc)
    parts = urlsplit(settings.database_url)
    where = f"{parts.hostname or 'localhost'}:{parts.port or 5432}"
    name = parts.path.lstrip("/") or "(none)"
    for error in chain:
        if isinstance(error, asyncpg.InvalidCatalogNameError):
            return (
                f"the database {name!r} does not exist on the PostgreSQL server at {where} "
                f"(DATABASE_URL={url}). Create it (createdb -h {parts.hostname or 'localhost'} "
                f"-p {parts.port or 5432} -U {parts.username or 'postgres'} {name}) or name an existing one."
            )
        if isinstance(error, asyncpg.InvalidPasswordError | asyncpg.InvalidAuthorizationSpecificationError):
            return (
                f"PostgreSQL at {where} refused the login ({error}) (DATABASE_URL={url}). "
                "Check the user and password in DATABASE_URL."
            )
    for error in chain:
        if isinstance(error, ConnectionRefusedError):
            return (
                f"cannot reach the database at {url}: connection refused (nothing listens at {where}). "
                "Start PostgreSQL, or check the host and port in DATABASE_URL."
            )
        if isinstance(error, socket.gaierror):
            return (
                f"cannot reach the database at {url}: the host {parts.hostname!r} is unknown. "
                "Check the host in DATABASE_URL."
            )
        if isinstance(error, TimeoutError):
            return (
                f"cannot reach the database at {url}: no answer from {where} within "
                f"{settings.db_connect_timeout_s:g} s (DB_CONNECT_TIMEOUT_S). Check that the server "
                "is up and that a firewall lets the connection through."
            )
        if isinstance(error, OSError) and error.errno in {errno.EHOSTUNREACH, errno.ENETUNREACH}:
            return f"cannot reach the database at {url}: {error.strerror}. Check the host in DATABASE_URL."
        if isinstance(error, sqlite3.OperationalError) and "unable to open" in str(error):
            return (
                f"cannot open the SQLite database {url}: {error}. Check that its folder exists and is "
                "writable, or point DATABASE_URL elsewhere."
            )
        if isinstance(error, DBConnectionError):
            return f"cannot connect to the database at {url}: {error}. Check DATABASE_URL."
    return None


def port_problem(host: str, port: int) -> str | None:
    """None when `host:port` can be bound now; otherwise one line saying why and what to try.

    The socket is set up as uvicorn sets up its own (SO_REUSEADDR), so an address uvicorn could
    bind is not reported as taken.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as error:
        return f"cannot listen on {host}:{port}: {error.strerror}. Check --host (or HOST)."
    family, kind, proto, _name, address = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return (
                    f"port {port} on {host} is already in use (another gql-news serve?). Stop that "
                    f"server or pick another port: --port {port + 1}, PORT={port + 1}, or "
                    f"`make run PORT={port + 1}`."
                )
            return f"cannot listen on {host}:{port}: {error.strerror}. Pick another --host/--port."
    return None


def with_debug_hint(line: str) -> str:
    return f"{line} {_DEBUG_HINT}"
