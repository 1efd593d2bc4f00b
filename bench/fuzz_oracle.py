"""What every answer of /graphql must be, whatever was asked: the fuzzer's oracle.

GraphQL-over-HTTP JSON: no 5xx, `data` and/or `errors`, every error with an `extensions.code`
from the public set and never `INTERNAL_SERVER_ERROR`, no traceback, SQL or driver text; and
the server's log holds no traceback afterwards.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx
import orjson

from gql_news.graphql.errors import CODES  # the public set of shared/API.md

# Codes a healthy server on a healthy database never answers.
FAILURE_CODES = frozenset({"INTERNAL_SERVER_ERROR", "SERVICE_UNAVAILABLE"})
LEAK = re.compile(
    r"Traceback \(most recent call last\)|File \"/|\.py\", line \d|"
    r"\b(?:SELECT|INSERT INTO|UPDATE|DELETE FROM)\b.+\b(?:FROM|VALUES|SET|WHERE)\b|"
    r"asyncpg|sqlite3|tortoise|pypika|IntegrityError|OperationalError|syntax error at or near",
    re.DOTALL,
)
LOG_TROUBLE = re.compile(r"Traceback|unexpected error|unhandled error|Exception in ASGI")
MEDIA = ("application/json", "application/graphql-response+json")


class Finding(AssertionError):
    """An answer that breaks the contract."""


def check_answer(response: httpx.Response, asked: str = "") -> dict[str, Any]:
    """The parsed body of an answer that keeps the GraphQL-over-HTTP contract; Finding otherwise.

    `asked` is the request's text (query and variables): an error may quote it back, so what
    looks like a leak but was in the request is none."""
    where = f"HTTP {response.status_code}: {response.text[:2000]}"
    if response.status_code >= 500:
        raise Finding(f"server error. {where}")
    media = response.headers.get("content-type", "").split(";")[0].strip()
    if media not in MEDIA:
        raise Finding(f"media type {media!r}. {where}")
    try:
        body = orjson.loads(response.content)
    except orjson.JSONDecodeError:
        raise Finding(f"not JSON. {where}") from None
    if not isinstance(body, dict) or not body or set(body) - {"data", "errors", "extensions"}:
        raise Finding(f"not a GraphQL response object. {where}")
    if "data" in body and not (body["data"] is None or isinstance(body["data"], dict)):
        raise Finding(f"`data` is not an object. {where}")
    errors = body.get("errors")
    if errors is None:
        if not isinstance(body.get("data"), dict) or response.status_code != 200:
            raise Finding(f"neither data nor errors, or an error status without errors. {where}")
        return body
    if not isinstance(errors, list) or not errors:
        raise Finding(f"`errors` is not a non-empty list. {where}")
    for error in errors:
        _check_error(error, where, asked)
    return body


def _check_error(error: Any, where: str, asked: str) -> None:
    if not isinstance(error, dict) or not isinstance(error.get("message"), str):
        raise Finding(f"an error without a message. {where}")
    extensions = error.get("extensions")
    code = extensions.get("code") if isinstance(extensions, dict) else None
    if code not in CODES:
        raise Finding(f"error code {code!r} is not in the public set. {where}")
    if code in FAILURE_CODES:
        raise Finding(f"{code}. {where}")
    for location in error.get("locations") or []:
        if not (isinstance(location, dict) and set(location) == {"line", "column"}):
            raise Finding(f"malformed location. {where}")
    path = error.get("path")
    if path is not None and not all(isinstance(p, (str, int)) for p in path):
        raise Finding(f"malformed path. {where}")
    for leak in LEAK.finditer(json.dumps(error, ensure_ascii=False)):
        if leak.group(0) not in asked:
            raise Finding(f"internal text {leak.group(0)[:80]!r} in an error. {where}")


def check_log(log_path: Path, start: int = 0) -> None:
    """The server logged no traceback and no unexpected error after byte `start`."""
    text = log_path.read_bytes()[start:].decode(errors="replace")
    trouble = LOG_TROUBLE.search(text)
    if trouble:
        at = trouble.start()
        raise Finding(f"the server log shows trouble:\n{text[max(0, at - 500) : at + 3000]}")
