"""The `gql-news` command: serve, migrate, load the demo content, export the schema."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from gql_news.settings import get_settings

app = typer.Typer(help="gql_news: a GraphQL content backend for entity-centric news.", no_args_is_help=True)
console = Console(stderr=True)


async def _prepare(demo: bool) -> bool:
    """Migrate, load the country set, and the demo content when the database holds no article."""
    from gql_news.db import database, migrate
    from gql_news.ingest.countries import load_countries
    from gql_news.ingest.demo import load_demo

    settings = get_settings()
    await migrate(settings)
    async with database(settings):
        await load_countries()
        return await load_demo() if demo else False


@app.command()
def migrate() -> None:
    """Apply the committed migrations to DATABASE_URL and load the ISO country set."""
    asyncio.run(_prepare(demo=False))
    console.print("[green]database migrated[/green]")


@app.command()
def seed() -> None:
    """Load the demo article and its entity catalogue (only into a database without articles)."""
    loaded = asyncio.run(_prepare(demo=True))
    console.print("[green]demo content loaded[/green]" if loaded else "database already holds articles")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Interface to bind (default: HOST or 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port to bind (default: PORT or 8000).")] = None,
    workers: Annotated[int, typer.Option(min=1, help="uvicorn worker processes.")] = 1,
    demo: Annotated[
        bool, typer.Option("--demo/--no-demo", help="Load the demo content into an empty database.")
    ] = True,
) -> None:
    """Migrate, load the demo content into an empty database, then serve GraphQL on /graphql."""
    import uvicorn

    settings = get_settings()
    if asyncio.run(_prepare(demo=demo)):
        console.print("[green]demo content loaded[/green]")
    bind_host = host or settings.host
    bind_port = port or settings.port
    console.print(f"GraphiQL at [bold]http://{bind_host}:{bind_port}/graphql[/bold]")
    uvicorn.run(
        "gql_news.app:create_app",
        factory=True,
        host=bind_host,
        port=bind_port,
        workers=workers,
        log_level=settings.log_level,
        loop="uvloop",
        http="httptools",
        proxy_headers=True,
    )


@app.command("export-schema")
def export_schema(
    output: Annotated[
        Path | None, typer.Option(help="Write the SDL here instead of standard output.")
    ] = None,
) -> None:
    """Print the GraphQL schema (SDL); `schema/schema.graphql` is this output."""
    from gql_news.graphql.schema import schema

    sdl = schema.as_str() + "\n"
    if output is None:
        typer.echo(sdl, nl=False)
    else:
        output.write_text(sdl, encoding="utf-8")


def main() -> None:  # pragma: no cover - console entry point alias
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    app()
