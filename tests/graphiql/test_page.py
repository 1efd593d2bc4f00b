"""The GraphiQL page and its static files, through the real ASGI app."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from graphql import get_introspection_query, parse, validate

from gql_news.graphiql.assets import VENDOR_DIR, load_assets
from gql_news.graphiql.page import (
    ACCEPT,
    DOCS_PLUGIN,
    VOYAGER_CONTENT_SECURITY_POLICY,
    VOYAGER_INLINE_STYLES,
    VOYAGER_STYLE_ATTRIBUTES,
    style_hash,
)
from gql_news.graphiql.tabs import default_tabs
from gql_news.graphql.schema import schema
from gql_news.ingest.demo import seed_slug
from gql_news.settings import Settings
from tests.app_client import app_client
from tests.graphiql.helpers import page_parts, require_vendored_build, write_vendor

# The page and its static files: no statement reaches the database.
pytestmark = pytest.mark.backend_independent

HTML = {"Accept": "text/html,application/xhtml+xml"}


@pytest.fixture
async def vendored(test_settings: Settings, tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    """The app serving a small vendored build from a directory of the test's own."""
    settings = test_settings.model_copy(update={"graphiql_assets_dir": write_vendor(tmp_path / "vendor")})
    async with app_client(settings) as http:
        yield http


async def test_page_loads_only_same_origin_files(vendored: httpx.AsyncClient) -> None:
    response = await vendored.get("/graphql", headers=HTML)
    assert response.status_code == 200
    parts = page_parts(response.text)
    assert parts.urls, "the page loads its assets"
    for url in parts.urls:
        if url.startswith("data:"):
            continue
        assert url.startswith("/graphiql/static/"), url
        asset = await vendored.get(url)
        assert asset.status_code == 200, url
        expected = "text/css" if url.split("?")[0].endswith(".css") else "javascript"
        assert expected in asset.headers["content-type"], (url, asset.headers["content-type"])
        assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert asset.headers["x-content-type-options"] == "nosniff"


async def test_page_forbids_other_origins_and_inline_scripts(vendored: httpx.AsyncClient) -> None:
    response = await vendored.get("/graphql", headers=HTML)
    directives = [directive.split() for directive in response.headers["content-security-policy"].split(";")]
    policy = {name: sources for name, *sources in directives}
    assert policy["default-src"] == ["'none'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["connect-src"] == ["'self'"]
    allowed = {"'self'", "'none'", "data:"}
    for directive, sources in policy.items():
        assert set(sources) <= allowed, (directive, sources)
    for attributes, text in page_parts(response.text).scripts:
        # Either a same-origin file or a data block the browser never executes.
        assert attributes.get("src") or attributes.get("type") == "application/graphql", (attributes, text)


async def test_page_opens_on_three_example_tabs_and_the_docs(vendored: httpx.AsyncClient) -> None:
    parts = page_parts((await vendored.get("/graphql", headers=HTML)).text)
    queries = parts.queries
    assert len(queries) == 3
    assert f'article(slug: "{seed_slug()}")' in queries[0]
    assert "people {" in queries[0]
    assert "country { name code }" in queries[0]
    assert 'country(code: "KR")' in queries[1]
    assert 'search(query: "blockchain Belarus"' in queries[2]
    assert parts.container["data-endpoint"] == "/graphql"
    assert parts.container["data-visible-plugin"] == DOCS_PLUGIN
    assert parts.container["data-accept"] == ACCEPT


@pytest.mark.parametrize("introspection", [True, False])
@pytest.mark.parametrize("index", range(3))
def test_example_tabs_are_valid_queries(index: int, introspection: bool) -> None:
    """Every tab validates against the schema: a tab naming a field the schema lacks fails here."""
    tab = default_tabs(seed_slug(), introspection)[index]
    assert validate(schema._schema, parse(tab.query)) == []


def test_example_tab_comments_fit_a_narrow_editor() -> None:
    for introspection in (True, False):
        for tab in default_tabs(seed_slug(), introspection):
            comments = [line for line in tab.query.splitlines() if line.lstrip().startswith("#")]
            assert comments
            assert max(len(line) for line in comments) <= 60, tab.query


async def test_static_files_list_no_directory_and_escape_nothing(vendored: httpx.AsyncClient) -> None:
    for path in ("/graphiql/static/", "/graphiql/static", "/graphiql/static/missing.js"):
        assert (await vendored.get(path, follow_redirects=True)).status_code == 404, path
    for path in ("/graphiql/static/../assets.py", "/graphiql/static/%2e%2e/assets.py"):
        assert (await vendored.get(path)).status_code == 404, path


async def test_static_files_without_the_build_id_are_revalidated(vendored: httpx.AsyncClient) -> None:
    first = await vendored.get("/graphiql/static/graphiql-init.js")
    assert first.status_code == 200
    assert first.headers["cache-control"] == "public, no-cache"
    again = await vendored.get(
        "/graphiql/static/graphiql-init.js", headers={"If-None-Match": first.headers["etag"]}
    )
    assert again.status_code == 304


async def test_missing_assets_fall_back_to_the_cdn_page_and_say_so(
    test_settings: Settings, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = test_settings.model_copy(update={"graphiql_assets_dir": tmp_path / "nothing"})
    with caplog.at_level(logging.WARNING, logger="gql_news.graphiql"):
        async with app_client(settings) as http:
            page = await http.get("/graphql", headers=HTML)
            assert page.status_code == 200
            assert "https://unpkg.com/" in page.text
            assert (
                f'article(slug: \\"{seed_slug()}\\")' in page.text
                or f'article(slug: "{seed_slug()}")' in page.text
            )
            assert "content-security-policy" not in page.headers
            assert (await http.get("/graphiql/static/graphiql-init.js")).status_code == 404
    warnings = [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING]
    assert any("CDN" in message and "make sync" in message for message in warnings), warnings


async def test_an_incomplete_build_is_not_served(tmp_path: Path, test_settings: Settings) -> None:
    vendor = write_vendor(tmp_path / "vendor")
    (vendor / "lib.js").unlink()
    settings = test_settings.model_copy(update={"graphiql_assets_dir": vendor})
    async with app_client(settings) as http:
        assert "https://unpkg.com/" in (await http.get("/graphql", headers=HTML)).text


async def test_graphiql_requests_are_answered(vendored: httpx.AsyncClient) -> None:
    """The requests GraphiQL's fetcher sends: introspection and queries with the page's Accept,
    and its incremental-delivery Accept (JSON and multipart/mixed)."""
    introspection = await vendored.post(
        "/graphql",
        json={"query": get_introspection_query(), "operationName": "IntrospectionQuery"},
        headers={"Accept": ACCEPT},
    )
    assert introspection.status_code == 200
    assert introspection.headers["content-type"].startswith("application/graphql-response+json")
    assert introspection.json()["data"]["__schema"]["queryType"]["name"] == "Query"
    invalid = await vendored.post("/graphql", json={"query": "{ nope }"}, headers={"Accept": ACCEPT})
    assert invalid.status_code == 400
    assert invalid.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    query = default_tabs(seed_slug())[1].query
    multipart = await vendored.post(
        "/graphql", json={"query": query}, headers={"Accept": "application/json, multipart/mixed"}
    )
    assert multipart.status_code == 200
    assert multipart.headers["content-type"].startswith("application/json")
    assert multipart.json()["data"]["country"]["name"] == "South Korea"


def test_the_vendored_build_is_complete() -> None:
    """What `make sync` installed: React 18 and a GraphiQL 3 build, every listed file present."""
    require_vendored_build()
    assets = load_assets(VENDOR_DIR)
    assert assets.versions["react"].startswith("18.")
    assert assets.versions["graphiql"].startswith("3.")
    assert "graphiql.min.js" in assets.scripts
    assert assets.scripts.index("react.production.min.js") < assets.scripts.index("graphiql.min.js")


async def test_the_schema_map_page_loads_only_same_origin_files(vendored: httpx.AsyncClient) -> None:
    response = await vendored.get("/voyager", headers=HTML)
    assert response.status_code == 200
    assert response.headers["content-security-policy"] == VOYAGER_CONTENT_SECURITY_POLICY
    policy = dict(part.split(" ", 1) for part in VOYAGER_CONTENT_SECURITY_POLICY.split("; "))
    assert policy["script-src"] == "'self' 'wasm-unsafe-eval'", "no inline or foreign script"
    assert policy["connect-src"] == "'self'"
    assert "'unsafe-inline'" not in VOYAGER_CONTENT_SECURITY_POLICY, "inline styles by hash only"
    parts = page_parts(response.text)
    assert parts.urls, "the page loads its build"
    assert all(url.startswith("/graphiql/static/") or url == "data:," for url in parts.urls), parts.urls
    assert any("map.js" in url for url in parts.urls)
    assert all(attrs.get("src") for attrs, _text in parts.scripts), "no inline script"
    for url in parts.urls:
        if url.startswith("/"):
            assert (await vendored.get(url)).status_code == 200, url


def test_the_schema_maps_inline_styles_are_the_vendored_builds() -> None:
    """Each inline style the policy allows by hash is written by the vendored Voyager build (an
    upgrade that changes one fails here, not only in the browser), and the hashes are SHA-256."""
    require_vendored_build()
    assets = load_assets(VENDOR_DIR)
    bundle = "".join((assets.directory / name).read_text(encoding="utf-8") for name in assets.voyager_scripts)
    for text in (*VOYAGER_INLINE_STYLES, *VOYAGER_STYLE_ATTRIBUTES):
        assert text in bundle, text
    assert style_hash("") == "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"


async def test_no_schema_map_without_introspection(test_settings: Settings, tmp_path: Path) -> None:
    settings = test_settings.model_copy(
        update={"graphiql_assets_dir": write_vendor(tmp_path / "vendor"), "introspection": False}
    )
    async with app_client(settings) as http:
        assert (await http.get("/voyager", headers=HTML)).status_code == 404


async def test_the_root_leads_to_graphiql(vendored: httpx.AsyncClient) -> None:
    response = await vendored.get("/", headers=HTML)
    assert response.status_code == 307
    assert response.headers["location"] == "/graphql"


def test_the_vendored_build_has_the_explorer_and_the_schema_map() -> None:
    require_vendored_build()
    assets = load_assets(VENDOR_DIR)
    assert assets.versions["@graphiql/plugin-explorer"].startswith("3.")
    assert assets.versions["graphql-voyager"].startswith("2.")
    assert assets.scripts[-1] == "graphiql-plugin-explorer.umd.js", "after GraphiQL, whose global it needs"
    assert "voyager.standalone.js" in assets.voyager_scripts
