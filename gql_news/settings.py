"""One typed settings object, read once from the environment (a `.env` file is allowed)."""

from functools import lru_cache
from pathlib import Path
from typing import Literal, Self

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Where `make sync` puts GraphiQL's browser build (gql_news.graphiql.assets serves it). Defined
# here so reading the settings does not import the GraphiQL package, and with it strawberry.
GRAPHIQL_VENDOR_DIR = Path(__file__).resolve().parent / "graphiql" / "vendor"


class Settings(BaseSettings):
    """Everything the app reads from its environment. Field names map to upper-case variables."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = Field(
        default="sqlite://gql_news.sqlite3",
        description="Tortoise URL: sqlite://PATH or postgres://USER:PASS@HOST:PORT/DB.",
    )
    database_replica_urls: str = Field(
        default="",
        description=(
            "Comma-separated postgres:// URLs of streaming replicas of DATABASE_URL: queries read from "
            "them, writes go to DATABASE_URL, and a client that just wrote reads from DATABASE_URL "
            "until a replica has replayed its write. Empty: every statement goes to DATABASE_URL."
        ),
    )
    host: str = Field(default="127.0.0.1", description="Interface `gql-news serve` binds to.")
    port: int = Field(default=8000, ge=1, le=65535, description="Port `gql-news serve` binds to.")
    db_pool_max: int = Field(default=10, ge=1, description="PostgreSQL pool size per worker.")
    sqlite_busy_timeout_ms: int = Field(
        default=5000,
        ge=0,
        description="SQLite: how long a write waits for another process's write (an import) before SERVICE_UNAVAILABLE.",
    )
    graphiql: bool = Field(default=True, description="Serve GraphiQL on GET /graphql from browsers.")
    graphiql_assets_dir: Path = Field(
        default=GRAPHIQL_VENDOR_DIR,
        description="GraphiQL's vendored browser build (`make sync` fills it); without it, the CDN page.",
    )
    introspection: bool = Field(
        default=True,
        description="Answer `__schema`/`__type` (GraphiQL's docs need them); off, they are FORBIDDEN.",
    )
    response_cache_bytes: int = Field(
        default=32 * 1024 * 1024,
        ge=0,
        description="Bytes of response bodies kept per worker for repeated queries; 0 turns the cache off.",
    )
    persisted_queries_bytes: int = Field(
        default=8 * 1024 * 1024, ge=4096, description="Bytes of persisted-query texts (APQ) kept per worker."
    )
    document_cache_bytes: int = Field(
        default=16 * 1024 * 1024,
        ge=4096,
        description="Bytes of parsed and checked query documents kept per worker (texts and syntax trees).",
    )
    query_planner: bool = Field(
        default=True,
        description="Answer queries the read planner covers with one SQL statement; off: always the field-by-field executor.",
    )
    max_body_bytes: int = Field(
        default=256 * 1024,
        ge=1024,
        description="Largest POST body accepted on /graphql; larger ones get 413.",
    )
    max_ws_message_bytes: int = Field(
        default=256 * 1024,
        ge=1024,
        description="Largest WebSocket message accepted (after decompression); larger ones close the socket (1009).",
    )
    ws_per_message_deflate: bool = Field(
        default=False,
        description=(
            "Offer WebSocket compression (permessage-deflate). Off: a message costs what it weighs on "
            "the wire (a 1 KB deflated message may inflate to the size limit), and refused oversized "
            "deflated messages left ~0.3 MB each in the worker."
        ),
    )
    max_header_bytes: int = Field(
        default=32 * 1024,
        ge=1024,
        description="Largest request line plus headers accepted; larger ones get 431 and the connection closes.",
    )
    header_timeout_s: float = Field(
        default=10.0,
        gt=0,
        description="Seconds a client has to send a request's line and headers once it started; then the connection closes.",
    )
    body_timeout_s: float = Field(
        default=30.0,
        gt=0,
        description="Seconds a client has to send a request's body once its headers arrived; then the connection closes.",
    )
    keep_alive_s: int = Field(
        default=5, ge=1, description="Seconds an idle keep-alive connection stays open between requests."
    )
    max_depth: int = Field(
        default=10, ge=1, description="Deepest selection nesting accepted (QUERY_TOO_COMPLEX past it)."
    )
    max_aliases: int = Field(default=30, ge=0, description="Most aliased fields in one document.")
    max_tokens: int = Field(default=5000, ge=100, description="Most lexical tokens in one document.")
    max_cost: int = Field(
        default=20_000,
        ge=1,
        description="Estimated objects one query may resolve (product of `first` along each path).",
    )
    max_fields: int = Field(
        default=2000,
        ge=10,
        description="Field selections one operation may execute, a fragment counted at every place it is spread.",
    )
    max_field_merges: int = Field(
        default=5000,
        ge=10,
        description="Pairs of same-named fields in one selection that validation must compare (quadratic work).",
    )
    statement_timeout_ms: int = Field(
        default=5000, ge=0, description="PostgreSQL statement_timeout for the app's sessions; 0 turns it off."
    )
    db_connect_timeout_s: float = Field(
        default=3.0,
        gt=0,
        description="Seconds to open one PostgreSQL connection before the request fails fast.",
    )
    db_command_timeout_s: float = Field(
        default=10.0,
        ge=0,
        description=(
            "Client-side limit on one statement, for a server that stopped answering (its own "
            "statement_timeout cannot fire then); keep it above STATEMENT_TIMEOUT_MS. 0 turns it off."
        ),
    )
    db_pool_idle_s: float = Field(
        default=300.0,
        ge=0,
        description="Seconds an idle pooled connection above the pool floor is kept before it is closed.",
    )
    db_application_name: str = Field(
        default="gql_news",
        min_length=1,
        max_length=63,
        description="application_name of the app's PostgreSQL sessions, as pg_stat_activity shows them.",
    )
    graceful_shutdown_s: int = Field(
        default=25,
        ge=1,
        description=(
            "After SIGTERM, seconds in-flight requests get to finish before they are cancelled "
            "(keep it below the orchestrator's kill timeout)."
        ),
    )
    worker_healthcheck_s: int = Field(
        default=30,
        ge=1,
        description=(
            "With several workers, seconds a worker may leave the supervisor's liveness ping "
            "unanswered (a long request holding the interpreter) before it is killed and replaced."
        ),
    )
    redis_url: str | None = Field(
        default=None,
        description="redis://HOST:PORT/DB: fan live updates out over Redis pub/sub instead of PostgreSQL NOTIFY.",
    )
    redis_cache_bytes: int = Field(
        default=64 * 1024 * 1024,
        ge=0,
        description=(
            "With REDIS_URL: bytes of response bodies, and as many of persisted-query texts, kept in "
            "Redis for every instance (behind each worker's own cache); 0 keeps the caches per worker."
        ),
    )
    events_channel: str = Field(
        default="gql_news_events",
        min_length=1,
        max_length=63,
        pattern=r"^[A-Za-z0-9_.:-]+$",
        description="NOTIFY channel or Redis channel the instances sharing a database publish events on.",
    )
    events_retention_s: float = Field(
        default=3600.0,
        ge=60,
        description=(
            "Seconds events stay in the outbox: a subscriber reconnecting with `afterEventId` within "
            "this window receives what it missed; older resumptions get EVENTS_EXPIRED."
        ),
    )
    events_poll_s: float = Field(
        default=2.0,
        gt=0,
        le=60,
        description=(
            "Seconds between a worker's timed reads of the event outbox while it has subscribers "
            "(a wake-up reads at once); four times as often while the wake-up channel is down."
        ),
    )
    events_gap_wait_s: float = Field(
        default=30.0,
        gt=0,
        description=(
            "Seconds an event id skipped over (taken by a transaction still committing, or rolled "
            "back) is waited for before the fan-out gives it up; also how long a subscription retries "
            "reading an event's articles while the database does not answer before it ends with "
            "SERVICE_UNAVAILABLE (the client resumes with `afterEventId`)."
        ),
    )
    max_subscriptions_per_connection: int = Field(
        default=20, ge=1, description="Subscriptions one WebSocket may run at once; more get an error."
    )
    max_subscriptions_per_worker: int = Field(
        default=1000,
        ge=1,
        description="Subscriptions one worker process runs at once, all sockets together; more get SERVICE_UNAVAILABLE.",
    )
    ws_init_timeout_s: float = Field(
        default=10.0, gt=0, description="Seconds a WebSocket has to send connection_init before it is closed."
    )
    subscriptions_require_token: bool = Field(
        default=False, description="Refuse subscriptions from WebSockets that sent no valid API token."
    )
    log_level: Literal["debug", "info", "warning", "error"] = Field(
        default="info", description="Level of the app's and uvicorn's logs."
    )
    log_format: Literal["auto", "json", "text"] = Field(
        default="auto",
        description="Log lines as JSON objects or as text; auto: text on a terminal, JSON otherwise.",
    )
    access_log: bool = Field(default=True, description="One log line per HTTP request, with its request id.")
    workers: int = Field(
        default=1, ge=0, description="uvicorn worker processes for `gql-news serve`; 0: one per CPU."
    )
    forwarded_allow_ips: str = Field(
        default="127.0.0.1",
        description="Proxies (comma-separated IPs or *) whose X-Forwarded-* headers are trusted.",
    )
    metrics_enabled: bool = Field(default=True, description="Serve Prometheus metrics on GET /metrics.")
    metrics_max_operations: int = Field(
        default=100,
        ge=1,
        description="Distinct operation names a worker labels metrics with; later ones count as <other>.",
    )
    search_candidates: int = Field(
        default=100,
        ge=10,
        description=(
            "Most matches a search ranks: the most recent this many, plus the most recent this many "
            "whose title matches. Below it `totalCount` is exact; above it, an estimate."
        ),
    )
    related_neighbours: int = Field(
        default=10,
        ge=1,
        le=100,
        description="Related articles kept per article; `related(first:)` beyond it is computed on demand.",
    )
    related_posting_cap: int = Field(
        default=50,
        ge=1,
        description="Related-article candidates: the most recent this many articles naming each entity.",
    )
    otel_enabled: bool = Field(
        default=False,
        description="Trace operations with OpenTelemetry (the `otel` extra; OTEL_* variables configure it).",
    )

    @model_validator(mode="after")
    def _replicas_of_postgres(self) -> Self:
        """Replicas are PostgreSQL standbys of a PostgreSQL primary; a SQLite file has none."""
        if self.replica_urls and not self.is_postgres:
            raise ValueError("DATABASE_REPLICA_URLS needs a PostgreSQL DATABASE_URL")
        for url in self.replica_urls:
            if not _is_postgres_url(url):
                raise ValueError(f"DATABASE_REPLICA_URLS: {url.split('@')[-1]!r} is not a postgres:// URL")
        return self

    @property
    def is_postgres(self) -> bool:
        return _is_postgres_url(self.database_url)

    @property
    def replica_urls(self) -> list[str]:
        """DATABASE_REPLICA_URLS as a list (blanks and surrounding spaces dropped)."""
        return [url.strip() for url in self.database_replica_urls.split(",") if url.strip()]


def _is_postgres_url(url: str) -> bool:
    return url.split(":", 1)[0] in {"postgres", "postgresql", "asyncpg"}


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read from the environment on first use."""
    return Settings()
