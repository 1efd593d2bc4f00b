"""Log format for the app and uvicorn: JSON objects (one per line) or text, with the request id.

`logging_config` is a `logging.config.dictConfig` dict; `gql-news serve` applies it and hands it
to uvicorn, which applies it again in every worker, so uvicorn's own lines share the format.
JSON lines come from python-json-logger: `time`, `level`, `logger`, `message`, `request_id`
(while a request runs) and whatever a call passes in `extra` (the access line's fields).
"""

from __future__ import annotations

import logging
import sys
from typing import Any

from pythonjsonlogger.core import RESERVED_ATTRS
from starlette.types import Scope

from gql_news.ops.requests import RequestInfo, current_request
from gql_news.settings import Settings

access_logger = logging.getLogger("gql_news.access")

_TEXT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
_JSON_FIELDS = ["levelname", "name", "message", "request_id", "process"]
_RENAMED = {"levelname": "level", "name": "logger", "process": "pid"}  # pid: which worker wrote it
# uvicorn adds an ANSI-coloured copy of some messages; JSON readers want the plain one only.
_NOT_LOGGED = [*RESERVED_ATTRS, "color_message"]


class RequestIdFilter(logging.Filter):
    """Stamps every record with the id of the request being served (None outside requests)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            info = current_request.get()
            record.request_id = info.request_id if info is not None else None
        return True


def uses_json(settings: Settings) -> bool:
    """JSON unless asked for text, or left on auto with a terminal to read it."""
    if settings.log_format == "auto":
        return not sys.stderr.isatty()
    return settings.log_format == "json"


def logging_config(settings: Settings) -> dict[str, Any]:
    """dictConfig for the root logger (the app's loggers propagate to it) and uvicorn's."""
    if uses_json(settings):
        formatter: dict[str, Any] = {
            "()": "pythonjsonlogger.orjson.OrjsonFormatter",
            "fmt": _JSON_FIELDS,
            "rename_fields": _RENAMED,
            "reserved_attrs": _NOT_LOGGED,
            "timestamp": "time",  # ISO 8601, UTC
        }
    else:
        formatter = {"format": _TEXT}
    level = settings.log_level.upper()
    handler = ["default"]
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter}},
        "formatters": {"default": formatter},
        "handlers": {
            "default": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "formatter": "default",
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": handler, "level": level},
        "loggers": {
            "uvicorn": {"handlers": handler, "level": level, "propagate": False},
            "uvicorn.error": {"level": level},
            "uvicorn.access": {"handlers": handler, "level": level, "propagate": False},
            # Tortoise says "Tortoise-ORM shutdown" each time connections close, start-up's
            # migration included; its warnings still show, its chatter only with LOG_LEVEL=debug.
            "tortoise": {"level": level if level == "DEBUG" else "WARNING"},
        },
    }


def log_access(scope: Scope, info: RequestInfo, status: int, seconds: float) -> None:
    """The one access line of a request."""
    if not access_logger.isEnabledFor(logging.INFO):
        return
    method = scope.get("method", "")
    path = scope.get("path", "")
    client = scope.get("client")
    access_logger.info(
        "%s %s %d",
        method,
        path,
        status,
        extra={
            "request_id": info.request_id,
            "method": method,
            "path": path,
            "status": status,
            "duration_ms": round(seconds * 1000, 3),
            "client": client[0] if client else None,
            "operation": (info.operation_name or "")[:128] or None,
            "operation_type": info.operation_type,
            "error_codes": info.error_codes,
            "cache": info.cache,
        },
    )
