"""Log lines of bounded size: a request's text is the client's to choose, its log line is not.

A refused 5,000-token query, a 256 KB body or an exception whose message quotes the input
would otherwise be written out whole, once per request: a cheap way to fill a disk or bury
the lines that matter. Everything taken from a request is logged as an excerpt (its start,
quoted, and its length), tracebacks line by line capped, and uvicorn's access line (which
carries the whole URL of a GET) shortened the same way when it is on.
"""

from __future__ import annotations

import logging
import traceback

EXCERPT_CHARS = 200
TRACEBACK_LINE_CHARS = 300
TRACEBACK_LINES = 80  # the innermost frames are the ones that explain a failure


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """`text` quoted (newlines and control characters escaped), cut at `limit` characters."""
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}… ({len(text)} characters)"


def capped_traceback(exc: BaseException) -> str:
    """The exception's traceback, its chain included, at most TRACEBACK_LINES lines of
    TRACEBACK_LINE_CHARS characters each (the last lines are kept)."""
    lines = "".join(traceback.format_exception(exc)).splitlines()
    if len(lines) > TRACEBACK_LINES:
        lines = [f"… {len(lines) - TRACEBACK_LINES} earlier lines left out", *lines[-TRACEBACK_LINES:]]
    return "\n".join(
        line
        if len(line) <= TRACEBACK_LINE_CHARS
        else f"{line[:TRACEBACK_LINE_CHARS]}… ({len(line)} characters)"
        for line in lines
    )


class _CapArguments(logging.Filter):
    """Shortens every long string argument of a record to an excerpt."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                excerpt(arg) if isinstance(arg, str) and len(arg) > EXCERPT_CHARS else arg
                for arg in record.args
            )
        return True


def cap_access_log() -> None:
    """Cap the URL in uvicorn's access log lines (a GET query travels in the URL). Idempotent."""
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, _CapArguments) for f in access.filters):
        access.addFilter(_CapArguments())
