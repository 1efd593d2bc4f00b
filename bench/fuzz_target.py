"""The server a fuzz run aims at: `gql-news serve` under uvicorn on a database of its own, with data.

The fuzzer is only as good as what its requests can reach, so the server gets the demo content,
a few more articles (one of them with names the catalogue does not know, so entity candidates
exist), an extra person and organisation, and an API token; the ids, slugs, codes and cursors it
then serves are collected for the generators to reuse alongside random values.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from bench.servers import Processes, Server, free_port, gql_news_command, readyz, wait_ready

_EXTRA_ARTICLES = (
    "Seoul Hosts Blockchain Forum\n\nBlockchain, News | March 3, 2021 By: Staff\n\n"
    "South Korea welcomed delegates from Belarus. Aleksandr Lukashenko sent a message.\n\n"
    "Foreign Minister Rufus Firefly told reporters the forum would return.",
    "Minsk Trade Talks\n\nNews, Economy | July 14, 2022\n\n"
    "Belarus and Germany discussed trade. According to Nordvik Energy, prices rose.\n\n"
    "Ana Petrova, the energy minister, said the talks went well.",
    "Quiet Week In Markets\n\nMarkets | January 2, 2024 By: Desk\n\n"
    "Nothing much happened in France or Japan this week.",
)

# Plausible inputs for the write side: article texts, names, codes, URLs.
_PLAUSIBLE = (
    *_EXTRA_ARTICLES,
    "Harbour Reopens\n\nNews | May 1, 2024\n\nThe port of Riga reopened, Latvia said.",
    "https://example.com/news/harbour-reopens",
    "ftp://example.com/x",
    "Lars Berg",
    "Nordvik Energy",
    "SE",
    "kor",
    "",
    " ",
)

_COLLECT = """
{
  articles(first: 100) {
    edges { cursor node { id slug topics { id slug } people { id slug }
      organisations { id slug } countries { id code alpha3 } entityCandidates { id } } }
  }
  people(first: 100) { edges { cursor node { id slug } } }
  organisations(first: 100) { edges { cursor node { id slug } } }
  countries(first: 5) { edges { cursor } }
  topics(first: 100) { edges { cursor } }
  entityCandidates(first: 100) { edges { cursor node { id } } }
}
"""


@dataclass
class Known:
    """Values the server really holds: they lead the generated requests past the lookups."""

    ids: list[str] = field(default_factory=list)
    strings: list[str] = field(default_factory=list)
    cursors: list[str] = field(default_factory=list)


@dataclass
class Target:
    """A served app, its token and what it holds."""

    base_url: str
    token: str
    log_path: Path
    known: Known


def _gql(client: httpx.Client, query: str, variables: dict[str, Any], token: str | None = None) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = client.post("/graphql", json={"query": query, "variables": variables}, headers=headers)
    body = response.json()
    if response.status_code != 200 or body.get("errors"):
        raise RuntimeError(f"seeding the fuzz target failed: {response.status_code} {body}")
    return body["data"]


def _seed(client: httpx.Client, token: str) -> None:
    for text in _EXTRA_ARTICLES:
        _gql(client, "mutation($t: String!) { importArticle(input: {text: $t}) { id } }", {"t": text}, token)
    _gql(
        client,
        'mutation { createPerson(input: {name: "Mara Lind", title: "Trade Minister", countryCode: "SE"}) { id } }',
        {},
        token,
    )
    _gql(
        client,
        'mutation { createOrganisation(input: {name: "Baltic Ledger Group", countryCode: "LT"}) { id } }',
        {},
        token,
    )


def _walk(value: Any, known: Known) -> None:
    """Every id, slug, code and cursor in a response, into `known`."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str):
                target = {"id": known.ids, "cursor": known.cursors}.get(key, known.strings)
                if item not in target:
                    target.append(item)
            else:
                _walk(item, known)
    elif isinstance(value, list):
        for item in value:
            _walk(item, known)


def _token(env: dict[str, str], cwd: Path) -> str:
    command = [*gql_news_command(), "token", "create", "--name", f"fuzz-{os.getpid()}-{free_port()}"]
    done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, check=True, timeout=120)
    return done.stdout.strip().splitlines()[-1]


def seeded(base_url: str, log_path: Path, token: str) -> Target:
    """The target a running server (at `base_url`, logging to `log_path`, writable with `token`)
    makes once seeded: more content, and what it then holds."""
    known = Known()
    with httpx.Client(base_url=base_url, timeout=30) as client:
        _seed(client, token)
        _walk(_gql(client, _COLLECT, {}), known)
    known.strings.extend(_PLAUSIBLE)
    return Target(base_url, token, log_path, known)


@contextmanager
def serve(database_url: str, workdir: Path, extra_env: dict[str, str] | None = None) -> Iterator[Target]:
    """`gql-news serve` on `database_url` (empty or not), seeded; stopped on exit."""
    env = {**os.environ, "DATABASE_URL": database_url, **(extra_env or {})}
    port = free_port()
    processes = Processes()
    try:
        server: Server = processes.start(
            f"fuzz-{port}",
            [*gql_news_command(), "serve", "--host", "127.0.0.1", "--port", str(port)],
            port=port,
            env=env,
            cwd=workdir,
        )
        wait_ready(server, readyz)
        yield seeded(server.base_url, server.log_path, _token(env, workdir))
    finally:
        processes.stop_all()
