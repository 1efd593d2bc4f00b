"""The `gql-news` command: serve, migrate, load the demo content, import articles, manage API
tokens, export the schema."""

from __future__ import annotations

from gql_news.collector import RARE_YOUNG_COLLECTIONS, quiet_gc

# Every command starts by importing these (typer, rich, pydantic's settings): some thousands of
# long-lived objects, and no garbage. The cyclic collector would walk them again and again while
# they are made; it is back on once they are.
with quiet_gc():
    import asyncio
    import gc
    import os
    import signal
    import sys
    import time
    from collections.abc import Awaitable, Callable
    from pathlib import Path
    from typing import Annotated, Any, TypeVar

    import typer

    from gql_news.settings import get_settings

app = typer.Typer(
    help="gql_news: a GraphQL content backend for entity-centric news.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
token_app = typer.Typer(
    help="API tokens for the mutations (`Authorization: Bearer <token>`).", no_args_is_help=True
)
app.add_typer(token_app, name="token")


class _StandardError:
    """rich's console on standard error, made on first use: a command that prints nothing through
    it (an import whose standard error is not a terminal) does not import rich (~0.02 s of CPU)."""

    _console: Any = None

    @property
    def rich(self) -> Any:
        if _StandardError._console is None:
            from rich.console import Console

            _StandardError._console = Console(stderr=True)
        return _StandardError._console

    def __getattr__(self, name: str) -> Any:
        return getattr(self.rich, name)


console = _StandardError()
T = TypeVar("T")


_CLI_BUSY_TIMEOUT_MS = 120_000
_options = {"debug": False}


@app.callback()
def _global_options(
    debug: Annotated[
        bool,
        typer.Option("--debug", help="Show the full traceback when a command fails (or LOG_LEVEL=debug)."),
    ] = False,
) -> None:
    """gql_news: a GraphQL content backend for entity-centric news."""
    _options["debug"] = debug


def _say(line: str) -> None:
    """One plain line on standard error: what rich's console would write for it (no markup, no
    highlighting, no wrapping), without importing rich (~0.015 s of CPU; an import into SQLite
    ends with such a line)."""
    typer.echo(line, err=True)


def _debugging() -> bool:
    return _options["debug"] or get_settings().log_level == "debug"


def _fail(line: str) -> typer.Exit:
    """Print one line saying what is wrong and what to try; the caller raises the result (status 2)."""
    from gql_news.ops.startup import with_debug_hint

    console.print(f"[red]error:[/red] {with_debug_hint(line)}", highlight=False, soft_wrap=True)
    return typer.Exit(2)


def _database_call(run: Callable[[], T]) -> T:
    """Run `run` (which opens DATABASE_URL); a database that cannot be reached or opened ends the
    command with one line and exit status 2, the traceback only with --debug/LOG_LEVEL=debug."""
    from gql_news.ops.startup import database_problem, sqlite_folder_problem

    settings = get_settings()
    problem = sqlite_folder_problem(settings)
    if problem is not None:
        raise _fail(problem)
    try:
        return run()
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except Exception as exc:
        problem = database_problem(exc, settings)
        if problem is None or _debugging():
            raise
        raise _fail(problem) from None


def _report_migrations(applied: list[str], say: Callable[[str], object]) -> None:
    from gql_news.db import latest_migration

    if applied:
        say(f"migrations applied: {', '.join(applied)}")
    else:
        say(f"database schema is current (latest migration {latest_migration()})")


async def _in_database(
    work: Callable[[], Awaitable[T]], migrated: Callable[[list[str]], object] | None = None
) -> T:
    """Migrate DATABASE_URL (idempotent), load the countries, then run `work` with it open.

    `migrated` is told which migrations ran; by default a command mentions them only when some did.
    """
    from gql_news.db import database, migrate, migrations_current
    from gql_news.ingest.countries import load_countries

    settings = get_settings()
    if not settings.is_postgres:
        # A command may wait longer than a request for a server's write to commit.
        wait = max(settings.sqlite_busy_timeout_ms, _CLI_BUSY_TIMEOUT_MS)
        settings = settings.model_copy(update={"sqlite_busy_timeout_ms": wait})
    async with database(settings):
        # Mostly the schema is current: asked on the command's own connection, which then does
        # the work (no second connection, no migration imported; ~0.04 s of CPU less).
        if await migrations_current():
            if migrated is not None:
                migrated([])
            await load_countries()
            return await work()
    applied = await migrate(settings)
    if migrated is not None:
        migrated(applied)
    elif applied:
        _report_migrations(applied, _say)
    async with database(settings):
        await load_countries()
        return await work()


async def _prepare(demo: bool, migrated: Callable[[list[str]], object] | None = None) -> bool:
    """Migrate, load the country set, and the demo content when the database holds no article."""
    from gql_news.ingest.demo import load_demo

    async def no_demo() -> bool:
        return False

    return await _in_database(load_demo if demo else no_demo, migrated)


def _run_in_database(work: Callable[[], Awaitable[T]]) -> T:
    """`_in_database` from synchronous code (a CLI command), with the friendly failures."""
    return _database_call(lambda: asyncio.run(_in_database(work)))


@app.command()
def migrate() -> None:
    """Apply the committed migrations to DATABASE_URL and load the ISO country set."""

    def report(applied: list[str]) -> None:
        _report_migrations(applied, _say)

    _database_call(lambda: asyncio.run(_prepare(demo=False, migrated=report)))
    console.print("[green]database migrated[/green]")


@app.command()
def seed() -> None:
    """Load the demo article and its entity catalogue (only into a database without articles)."""
    loaded = _database_call(lambda: asyncio.run(_prepare(demo=True)))
    console.print("[green]demo content loaded[/green]" if loaded else "database already holds articles")


@app.command()
def demo(
    reset: Annotated[
        bool,
        typer.Option(
            "--reset",
            help="Delete every article, entity, quote, candidate and token first (countries stay).",
        ),
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask before --reset deletes.")] = False,
) -> None:
    """Load the demo content into an empty database; with --reset, empty the database first so
    it holds exactly the demo content again (what the docs' examples answer from)."""
    from gql_news.db import reset_content
    from gql_news.ingest.demo import load_demo
    from gql_news.ops.startup import masked_url

    if reset and not yes:
        where = masked_url(get_settings().database_url)
        typer.confirm(f"Delete all content (articles, entities, tokens) from {where}?", abort=True)

    async def work() -> bool:
        if reset:
            await reset_content()
        return await load_demo()

    loaded = _run_in_database(work)
    if reset:
        console.print("[green]database reset to the demo content[/green]")
    else:
        console.print("[green]demo content loaded[/green]" if loaded else "database already holds articles")


@app.command()
def requote() -> None:
    """Extract every article's quotes again from its stored mentions (after the rules changed)."""
    from gql_news.ingest.store import requote_articles

    written = _run_in_database(requote_articles)
    console.print(f"[green]{written} quotes stored[/green]")


@app.command()
def recount() -> None:
    """Compute the entity graph's maintained counts again from the mention rows (after writes
    that bypassed the app: plain SQL, a restored partial dump)."""
    from gql_news.db import writing
    from gql_news.ingest.counts import recount as recount_all

    async def work() -> None:
        async with writing():
            await recount_all()

    _run_in_database(work)
    console.print("[green]counts computed again[/green]")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Interface to bind (default: HOST or 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port to bind (default: PORT or 8000).")] = None,
    workers: Annotated[
        int | None,
        typer.Option(min=0, help="uvicorn worker processes (default: WORKERS or 1; 0: one per CPU)."),
    ] = None,
    demo: Annotated[
        bool, typer.Option("--demo/--no-demo", help="Load the demo content into an empty database.")
    ] = True,
    migrate: Annotated[
        bool,
        typer.Option(
            "--migrate/--no-migrate",
            help="Migrate and load the countries (and demo) first; --no-migrate when a one-off job does it.",
        ),
    ] = True,
) -> None:
    """Migrate, load the demo content into an empty database, then serve GraphQL on /graphql.

    SIGTERM or Ctrl-C stops accepting connections and lets in-flight requests finish for up to
    GRACEFUL_SHUTDOWN_S seconds.
    """
    import logging.config

    import uvicorn

    from gql_news.ops.http_protocol import BoundedHttpToolsProtocol
    from gql_news.ops.logs import logging_config
    from gql_news.ops.serving import WorkersError, resolve_workers, shared_metrics
    from gql_news.ops.startup import port_problem

    settings = get_settings()
    log_config = logging_config(settings)
    logging.config.dictConfig(log_config)
    log = logging.getLogger("gql_news.serve")
    try:
        processes = resolve_workers(workers, settings)
    except WorkersError as error:
        log.error("%s", error)
        raise typer.Exit(2) from None
    bind_host = host or settings.host
    bind_port = port or settings.port
    # Before any work or any URL is printed: a taken port is said at once.
    taken = port_problem(bind_host, bind_port)
    if taken is not None:
        log.error("%s", taken)
        raise typer.Exit(2)

    def report(applied: list[str]) -> None:
        _report_migrations(applied, log.info)

    if migrate and _database_call(lambda: asyncio.run(_prepare(demo=demo, migrated=report))):
        log.info("demo content loaded")
    if processes > 1 and not settings.is_postgres and not settings.redis_url:
        log.warning(
            "SQLite with several workers: a subscription sees only its own worker's writes; "
            "set REDIS_URL to fan live updates out"
        )
    log.info(
        "GraphiQL at http://%s:%s/graphql (%d worker%s)",
        bind_host,
        bind_port,
        processes,
        "" if processes == 1 else "s",
    )
    _exit_zero_on_sigterm()
    with shared_metrics(processes):
        uvicorn.run(
            "gql_news.app:create_app",
            factory=True,
            host=bind_host,
            port=bind_port,
            workers=processes,
            log_config=log_config,
            log_level=settings.log_level,
            access_log=False,  # the app writes its own access line, with the request id
            # SIGTERM: stop accepting, let in-flight requests finish (this long at most), then
            # the lifespan closes the database pool.
            timeout_graceful_shutdown=settings.graceful_shutdown_s,
            # with several workers, how long one may leave the supervisor's ping unanswered
            # before it is killed and replaced (uvicorn's own default, 5 s, killed a busy worker
            # with its requests on a loaded machine)
            timeout_worker_healthcheck=settings.worker_healthcheck_s,
            forwarded_allow_ips=settings.forwarded_allow_ips,
            loop="uvloop",
            # httptools, with a cap on the request head and deadlines for head and body.
            http=BoundedHttpToolsProtocol,
            timeout_keep_alive=settings.keep_alive_s,
            # WebSocket messages are bounded like HTTP bodies (after decompression), and so is
            # what one socket may have queued unread.
            ws_max_size=settings.max_ws_message_bytes,
            ws_max_queue=8,
            ws_per_message_deflate=settings.ws_per_message_deflate,
            proxy_headers=True,
        )


def _exit_zero_on_sigterm() -> None:
    """Make a SIGTERM that uvicorn has served a success (exit status 0).

    uvicorn shuts down gracefully on SIGTERM, restores the handler it found and raises the
    signal again; with the default handler the process would then die of it (status -15, a
    failure to systemd, Docker or a test) after a clean shutdown. This handler, installed
    before uvicorn's, turns that re-raised signal into a normal exit.
    """
    signal.signal(signal.SIGTERM, lambda _signum, _frame: sys.exit(0))


@app.command("import")
def import_articles(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files, directories or glob patterns; `-` reads standard input.", show_default=False
        ),
    ],
    catalogue: Annotated[
        Path | None,
        typer.Option(help="Load this entity catalogue (JSON, like gql_news/data/catalogue.json) first."),
    ] = None,
) -> None:
    """Import articles (seed text format, JSON or NDJSON records) and link their entities.

    Idempotent: the same text again changes nothing; a new text under a known title updates
    that article. Bad articles are reported and skipped; the exit code is 1 if any failed.
    """
    # What the command imports and loads at its start (modules, the gazetteer, the country context)
    # lives until it ends: imported without collections, then frozen (`gc.freeze`, again after the
    # first article) so that the collections an import of thousands of articles makes skip it.
    # Frozen before collections resume: the first young collection would otherwise walk all of it
    # once (~0.008 s of CPU). The country context, which the first article's linking reads, is
    # read here for the same reason (its own reading ends with such a collection, ~0.01 s).
    # Young collections are made rarer, as in the server (`RARE_YOUNG_COLLECTIONS`): linking a batch makes
    # tens of thousands of objects that live until it is stored, which the default threshold
    # (700) walked again in some 200 collections per 2,000 articles (~0.09 s of CPU).
    with quiet_gc():
        from gql_news.events.publish import install, open_broker
        from gql_news.ingest.catalogue import CatalogueError, load_catalogue
        from gql_news.ingest.country_context import shipped_country_context
        from gql_news.ingest.importer import ImportReport, collect, import_items

        items, unreadable = collect(paths, sys.stdin.read)
        if items:
            shipped_country_context()
        gc.freeze()
    gc.set_threshold(*RARE_YOUNG_COLLECTIONS)

    report = ImportReport(failures=list(unreadable))
    progress = _progress(len(items))

    async def work() -> None:
        # Servers sharing the database (or REDIS_URL) push the imported articles to subscribers.
        broker = open_broker(get_settings())
        install(broker)
        try:
            await run_import()
        finally:
            install(None)
            await broker.close()

    async def run_import() -> None:
        if catalogue is not None:
            try:
                await load_catalogue(catalogue)
            except (CatalogueError, OSError) as error:
                console.print(f"[red]catalogue not loaded[/red]: {error}")
                raise typer.Exit(2) from None
        with progress:
            task = progress.add_task("import", total=len(items), rate="")

            started = time.perf_counter()
            done = 0

            def advance() -> None:
                nonlocal done
                if not done:
                    gc.freeze()
                done += 1
                elapsed = time.perf_counter() - started
                progress.update(task, advance=1, rate=f"{done / elapsed:.0f} articles/s" if elapsed else "")

            await import_items(items, report, advance)

    _run_in_database(work)
    counts = report.counts
    typer.echo(
        f"imported {counts['created']}, updated {counts['updated']}, unchanged {counts['unchanged']}, "
        f"failed {len(report.failures)}"
    )
    settings = get_settings()
    if (counts["created"] or counts["updated"]) and not settings.is_postgres and not settings.redis_url:
        # The in-process broker reaches nobody outside this command.
        _say(
            "note: no live event was published: on SQLite, subscribers of a running server hear of "
            "imported articles only when both this command and the server have REDIS_URL set"
        )
    for failure in report.failures:
        typer.echo(f"FAILED {failure.label}: {failure.reason}")
    if not report.ok:
        raise typer.Exit(1)


class _NoProgress:
    """What `_progress` returns when there is nothing to show: rich's `Progress`, disabled."""

    def __enter__(self) -> _NoProgress:
        return self

    def __exit__(self, *_exc: object) -> None:
        return None

    def add_task(self, *_args: Any, **_fields: Any) -> int:
        return 0

    def update(self, *_args: Any, **_fields: Any) -> None:
        return None


def _progress(total: int) -> Any:
    """A progress bar on standard error for several articles when it is a terminal (as rich
    decides, with its TTY_COMPATIBLE and FORCE_COLOR), else `_NoProgress` (rich not imported)."""
    if total < 2 or not (
        sys.stderr.isatty() or os.environ.get("TTY_COMPATIBLE") == "1" or os.environ.get("FORCE_COLOR")
    ):
        return _NoProgress()
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(
        TextColumn("importing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
        console=console.rich,
        disable=not console.is_terminal,
        transient=True,
    )


@token_app.command("create")
def token_create(
    name: Annotated[str, typer.Option("--name", help="A name to recognise (and revoke) the token by.")],
) -> None:
    """Create a token and print it once: only its hash is stored."""
    from gql_news.ingest.errors import InputError
    from gql_news.tokens import create_token

    try:
        token = _run_in_database(lambda: create_token(name))
    except InputError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from None
    console.print(f"token [bold]{name}[/bold] created; it is shown once, store it now:")
    typer.echo(token)


@token_app.command("list")
def token_list() -> None:
    """List the tokens: name, created, revoked (never the token or its hash)."""
    from gql_news.tokens import list_tokens

    tokens = _run_in_database(list_tokens)
    from rich.console import Console
    from rich.table import Table

    table = Table("name", "created", "revoked")
    for info in tokens:
        revoked = info.revoked_at.isoformat(timespec="seconds") if info.revoked_at else "no"
        table.add_row(info.name, info.created_at.isoformat(timespec="seconds"), revoked)
    Console().print(table)


@token_app.command("revoke")
def token_revoke(name: Annotated[str, typer.Argument(help="The token's name.")]) -> None:
    """Revoke a token: requests presenting it are refused from now on."""
    from gql_news.ingest.errors import MissingError
    from gql_news.tokens import revoke_token

    try:
        changed = _run_in_database(lambda: revoke_token(name))
    except MissingError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from None
    console.print(f"token {name!r} revoked" if changed else f"token {name!r} was already revoked")


@app.command("export-schema")
def export_schema(
    output: Annotated[
        Path | None, typer.Option(help="Write the SDL here instead of standard output.")
    ] = None,
    possible_types: Annotated[
        Path | None,
        typer.Option(
            help="Also write the abstract types' members as JSON here (Apollo Client's `possibleTypes`)."
        ),
    ] = None,
) -> None:
    """Print the GraphQL schema (SDL); `schema/schema.graphql` is this output, and
    `schema/possibleTypes.json` the `--possible-types` file."""
    from gql_news.graphql.schema import possible_types_json, schema

    sdl = schema.as_str() + "\n"
    if output is None:
        typer.echo(sdl, nl=False)
    else:
        output.write_text(sdl, encoding="utf-8")
    if possible_types is not None:
        possible_types.write_text(possible_types_json(), encoding="utf-8")


def main() -> None:  # pragma: no cover - console entry point alias
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    app()
