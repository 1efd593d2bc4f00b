"""GraphiQL in Debian's headless chromium against a real `gql-news serve`, with no network.

Runs in the SQLite pass (the page and its assets do not depend on the database; the
PostgreSQL pass skips it). `make test` installs chromium first (`make browser-deps`);
without it this test skips loudly, and fails with CI=true. The screenshot is saved to
artifacts/graphiql-default-query.png.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import ConsoleMessage, Page, Request, Route, sync_playwright

from tests.conftest import BACKEND
from tests.graphiql.helpers import IN_CI, require_vendored_build
from tests.servers import serve_process

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = ROOT / "artifacts" / "graphiql-default-query.png"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}

pytestmark = pytest.mark.skipif(BACKEND != "sqlite", reason="the browser test runs in the SQLite pass")


@pytest.fixture
def chromium() -> str:
    """Debian's chromium, looked up before any server starts."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        message = "Debian's chromium is not installed (`make browser-deps` installs it)"
        if IN_CI:
            pytest.fail(f"CI=true requires the GraphiQL browser test: {message}")
        pytest.skip(f"!!! SKIPPED the GraphiQL browser test: {message}")
    return path


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    require_vendored_build()
    with serve_process(f"sqlite://{tmp_path / 'browser.sqlite3'}", tmp_path) as url:
        yield url


@pytest.fixture
def page(chromium: str, server: str) -> Iterator[Page]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        try:
            yield browser.new_page(viewport={"width": 1400, "height": 900})
        finally:
            browser.close()


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
