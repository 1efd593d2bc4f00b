"""The real command: `gql-news serve` under uvicorn on a free port, queried over TCP by a real client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from gql import Client, gql
from gql.transport.httpx import HTTPXTransport

from tests.servers import serve_process


@pytest.fixture
def server(tmp_path: Path, migrated_database_url: str) -> Iterator[str]:
    """`gql-news serve` in a child process on its own database, with the demo content."""
    with serve_process(migrated_database_url, tmp_path) as served:
        yield served.url


def test_served_over_tcp_with_demo_content(server: str) -> None:
    transport = HTTPXTransport(url=f"{server}/graphql")
    with Client(transport=transport, fetch_schema_from_transport=True) as session:
        result = session.execute(
            gql("""
          { articles(first: 1) { edges { node { title people { name country { code } }
              countries { code } organisations { name country { code } } } } } }
        """)
        )
    node = result["articles"]["edges"][0]["node"]
    assert node["title"] == "Belarus Encourages Korean Investors Interested In Blockchain"
    assert {p["name"] for p in node["people"]} == {
        "Andrei Dapkiunas",
        "Aleksandr Lukashenko",
        "Sergey Popkov",
    }
    assert {p["country"]["code"] for p in node["people"]} == {"BY"}
    assert {"BY", "KR"} <= {c["code"] for c in node["countries"]}
    page = httpx.get(f"{server}/graphql", headers={"Accept": "text/html"}, timeout=5)
    assert page.status_code == 200
    assert "graphiql" in page.text.lower()
