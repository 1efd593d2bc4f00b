"""GraphiQL in Debian's headless chromium against a real `gql-news serve`, with no network.

Runs once, in the database-free pass: the server has a SQLite file of its own (the page and
its assets do not depend on the database backend). `make test` installs chromium first (`make browser-deps`);
without it this test skips loudly, and fails with CI=true. The screenshots are saved to
artifacts/ (graphiql-default-query.png, graphiql-explorer.png, schema-map.png); with
GQL_NEWS_DOCS_SCREENSHOTS=1 the last two are also copied to docs/images/, where the docs show them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Route, sync_playwright

from tests.graphiql.helpers import IN_CI, require_vendored_build
from tests.servers import serve_process

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
SCREENSHOT = ARTIFACTS / "graphiql-default-query.png"
DOCS_IMAGES = ROOT / "docs" / "images"
UPDATE_DOCS = os.environ.get("GQL_NEWS_DOCS_SCREENSHOTS", "") == "1"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


@pytest.fixture(scope="module")
def chromium() -> str:
    """Debian's chromium, looked up before any server starts."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        message = "Debian's chromium is not installed (`make browser-deps` installs it)"
        if IN_CI:
            pytest.fail(f"CI=true requires the GraphiQL browser test: {message}")
        pytest.skip(f"!!! SKIPPED the GraphiQL browser test: {message}")
    return path


@pytest.fixture(scope="module")
def server(chromium: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One server for the module: the tests only read (the explorer edits the query in the page)."""
    require_vendored_build()
    workdir = tmp_path_factory.mktemp("browser")
    with serve_process(f"sqlite://{workdir / 'browser.sqlite3'}", workdir) as served:
        yield served.url


@pytest.fixture(scope="module")
def browser(chromium: str) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    """A wide window (a desktop monitor): GraphiQL opens with its docs pane. Each page has a
    browser context of its own (no storage shared with another test's)."""
    opened = browser.new_page(viewport={"width": 1600, "height": 900})
    yield opened
    opened.close()


@pytest.fixture
def laptop(browser: Browser, server: str) -> Iterator[Page]:
    """A laptop-sized window: GraphiQL opens with its docs pane closed."""
    opened = browser.new_page(viewport={"width": 1280, "height": 800})
    yield opened
    opened.close()


@dataclass
class Watch:
    """What a page did: its requests, any that tried to leave the machine, console errors and
    Content-Security-Policy violations."""

    page: Page
    requests: list[Request] = field(default_factory=list)
    escaped: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def violations(self) -> list[str]:
        found: list[str] = self.page.evaluate("window.__violations")
        return found

    def assert_clean(self) -> None:
        assert self.escaped == [], f"requests left the machine: {self.escaped}"
        assert self.problems == [], self.problems
        assert self.violations() == []
        urls = [request.url for request in self.requests]
        local = [url for url in urls if not url.startswith(("data:", "blob:"))]
        assert all(urlsplit(url).hostname in LOCAL_HOSTS for url in local), urls


def watch(page: Page) -> Watch:
    seen = Watch(page)

    def only_local(route: Route) -> None:
        if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            seen.escaped.append(route.request.url)
            route.abort()

    def console(message: ConsoleMessage) -> None:
        if message.type == "error" or "Content Security Policy" in message.text:
            seen.problems.append(message.text)

    # Injected by the driver (not subject to the page's policy): records every CSP violation.
    page.add_init_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " (event) => window.__violations.push(event.violatedDirective + ' ' + event.blockedURI));"
    )
    page.route("**/*", only_local)
    page.on("request", lambda request: seen.requests.append(request))
    page.on(
        "websocket",
        lambda ws: seen.escaped.append(ws.url) if urlsplit(ws.url).hostname not in LOCAL_HOSTS else None,
    )
    page.on("console", console)
    page.on("pageerror", lambda error: seen.problems.append(str(error)))
    return seen


def _screenshot(page: Page, name: str, *, for_docs: bool = False) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))
    if for_docs and UPDATE_DOCS:
        DOCS_IMAGES.mkdir(exist_ok=True)
        shutil.copyfile(ARTIFACTS / name, DOCS_IMAGES / name)


def test_graphiql_on_a_laptop_opens_without_docs_and_builds_queries_by_clicks(
    laptop: Page, server: str
) -> None:
    seen = watch(laptop)
    laptop.goto(f"{server}/")  # the root leads to GraphiQL
    laptop.wait_for_selector(".graphiql-execute-button", timeout=60_000)
    assert laptop.url == f"{server}/graphql"
    assert laptop.get_by_text("Root Types").count() == 0, "the docs pane is closed on a laptop"
    laptop.get_by_label("Show GraphiQL Explorer").click()
    explorer = laptop.locator(".docExplorerWrap, .graphiql-explorer-root").first
    explorer.wait_for(timeout=30_000)
    assert "byline" not in laptop.locator(".graphiql-query-editor").inner_text()
    explorer.get_by_text("byline", exact=True).first.click()  # adds `byline` under `article`
    laptop.wait_for_timeout(500)
    assert "byline" in laptop.locator(".graphiql-query-editor").inner_text()
    _screenshot(laptop, "graphiql-explorer.png", for_docs=True)
    seen.assert_clean()


def test_the_schema_map_draws_the_schema_offline(page: Page, server: str) -> None:
    seen = watch(page)
    page.goto(f"{server}/voyager")
    page.locator("svg g.node").first.wait_for(timeout=90_000)
    drawn = set(page.eval_on_selector_all("svg g.node", "nodes => nodes.map((node) => node.id)"))
    assert {"TYPE::Query", "TYPE::Article", "TYPE::Person", "TYPE::Country"} <= drawn, drawn
    page.wait_for_timeout(500)
    _screenshot(page, "schema-map.png", for_docs=True)
    seen.assert_clean()


def test_graphiql_runs_the_default_query_offline(page: Page, server: str) -> None:
    requests: list[Request] = []
    escaped: list[str] = []
    problems: list[str] = []

    def only_local(route: Route) -> None:
        if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            escaped.append(route.request.url)
            route.abort()

    def console(message: ConsoleMessage) -> None:
        if message.type == "error" or "Content Security Policy" in message.text:
            problems.append(message.text)

    # Injected by the driver (not subject to the page's policy): records every CSP violation.
    page.add_init_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " (event) => window.__violations.push(event.violatedDirective + ' ' + event.blockedURI));"
    )
    page.route("**/*", only_local)
    page.on("request", lambda request: requests.append(request))
    page.on(
        "websocket",
        lambda ws: escaped.append(ws.url) if urlsplit(ws.url).hostname not in LOCAL_HOSTS else None,
    )
    page.on("console", console)
    page.on("pageerror", lambda error: problems.append(str(error)))

    page.goto(f"{server}/graphql")
    page.wait_for_selector(".graphiql-execute-button", timeout=60_000)
    tabs = page.locator(".graphiql-tab").all_inner_texts()
    assert [tab.strip() for tab in tabs] == ["SeedArticle", "CountryArticles", "Search"]
    page.get_by_text("Root Types").wait_for(timeout=30_000)  # the docs pane is open, schema loaded

    page.click(".graphiql-execute-button")
    page.locator(".result-window").get_by_text("Dapkiunas").first.wait_for(timeout=60_000)
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))

    result = page.locator(".result-window").inner_text()
    assert "Andrei Dapkiunas" in result
    assert "Belarus Encourages Korean Investors Interested In Blockchain" in result
    assert escaped == [], f"requests left the machine: {escaped}"
    assert problems == [], problems
    assert page.evaluate("window.__violations") == []
    urls = [request.url for request in requests]
    assert all(urlsplit(url).hostname in LOCAL_HOSTS for url in urls if not url.startswith("data:")), urls
    posts = [request for request in requests if request.method == "POST"]
    assert posts, "GraphiQL sent its queries"
    assert all("application/graphql-response+json" in request.headers.get("accept", "") for request in posts)
