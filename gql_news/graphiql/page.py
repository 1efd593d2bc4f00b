"""The GraphiQL page GET /graphql serves to browsers: from the app's own assets, or the CDN page.

The local page loads nothing from another origin and says so in its Content-Security-Policy,
so it works on an air-gapped network and under a strict proxy policy alike. The example
queries sit in the page as non-executable `application/graphql` blocks and the start-up code
is a file of its own: the policy allows no inline script at all.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from starlette.responses import HTMLResponse
from strawberry.http.ides import get_graphql_ide_html

from gql_news.graphiql.assets import Assets
from gql_news.graphiql.tabs import Tab
from gql_news.graphql.request import GRAPHQL_RESPONSE, JSON

# Same origin only, nothing inline: GraphiQL and its editor set styles through the DOM, which
# the policy does not restrict; fonts and icons come as data: URIs inside graphiql.min.css.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    )
)
# What GraphQL Voyager (the schema map) writes inline, allowed by hash and nothing else: its
# components (MUI with emotion) insert empty <style> elements and fill them through the CSSOM,
# which the policy does not restrict; React renders one <style> of keyframes for the loading
# animation; its deprecation icon (SVG markup) and svg-pan-zoom set two style attributes
# ('unsafe-hashes' lets hashes match attributes: these exact values, no others). The strings are
# those of the vendored build (a test checks they are still in it). Its graph is laid out in a Web
# Worker started from a blob: URL of code inside its own bundle (Graphviz compiled to WebAssembly).
VOYAGER_INLINE_STYLES = (
    "",
    "@keyframes voyager-shake{0%,to{transform:rotateZ(0deg)}50%{transform:rotateZ(2deg)}}"
    "@keyframes signal-move{0%,50%,to{opacity:.1;transform:translate3d(0,0,0)}"
    "25%{opacity:1;transform:translate3d(3px,-3px,0)}}",
)
VOYAGER_STYLE_ATTRIBUTES = ("fill: #f74036", "overflow: hidden; ")


def style_hash(text: str) -> str:
    """The CSP source expression allowing exactly `text` as an inline style."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


VOYAGER_CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "worker-src blob:",
        " ".join(
            (
                "style-src 'self' 'unsafe-hashes'",
                *(style_hash(text) for text in (*VOYAGER_INLINE_STYLES, *VOYAGER_STYLE_ATTRIBUTES)),
            )
        ),
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    )
)
_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}
DOCS_PLUGIN = "Documentation Explorer"  # GraphiQL 3's title for its docs pane
DOCS_MIN_WIDTH = 1440  # CSS pixels: narrower windows open with the docs pane closed
ACCEPT = f"{GRAPHQL_RESPONSE}, {JSON};q=0.9"
_SCRIPT_END = re.compile(r"</script", re.IGNORECASE)
_CDN_EXAMPLE = re.compile(r"const EXAMPLE_QUERY = `.*?`;", re.DOTALL)


@dataclass(frozen=True, slots=True)
class GraphiQLPage:
    """The page's HTML and the headers it is served with."""

    html: str
    headers: dict[str, str] = field(default_factory=dict)

    def response(self) -> HTMLResponse:
        return HTMLResponse(self.html, headers=self.headers)


def _query_block(tab: Tab) -> str:
    if _SCRIPT_END.search(tab.query):
        raise ValueError("an example query may not contain '</script'")
    return f'<script type="application/graphql">\n{tab.query}</script>'


def local_page(assets: Assets, tabs: Sequence[Tab], endpoint: str = "/graphql") -> GraphiQLPage:
    """GraphiQL from the vendored build; every URL it loads is on this origin."""
    styles = "\n".join(
        f'<link rel="stylesheet" href="{html.escape(assets.url(name))}">'
        for name in (*assets.styles, "graphiql-page.css")
    )
    scripts = "\n".join(
        f'<script src="{html.escape(assets.url(name))}" defer></script>'
        for name in (*assets.scripts, "graphiql-init.js")
    )
    blocks = "\n".join(_query_block(tab) for tab in tabs)
    attributes = " ".join(
        f'data-{name}="{html.escape(value)}"'
        for name, value in (
            ("endpoint", endpoint),
            ("accept", ACCEPT),
            ("visible-plugin", DOCS_PLUGIN),
            ("docs-min-width", str(DOCS_MIN_WIDTH)),
        )
    )
    page = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>gql_news · GraphiQL</title>
<link rel="icon" href="data:,">
{styles}
{scripts}
</head>
<body>
<div id="graphiql" {attributes}>Loading GraphiQL…</div>
{blocks}
</body>
</html>
"""
    return GraphiQLPage(page, {"Content-Security-Policy": CONTENT_SECURITY_POLICY, **_HEADERS})


def voyager_page(assets: Assets, endpoint: str = "/graphql") -> GraphiQLPage:
    """The schema map: GraphQL Voyager drawing the schema from an introspection of `endpoint`."""
    styles = "\n".join(
        f'<link rel="stylesheet" href="{html.escape(assets.url(name))}">'
        for name in (*assets.voyager_styles, "voyager-page.css")
    )
    scripts = "\n".join(
        f'<script src="{html.escape(assets.url(name))}" defer></script>'
        for name in (*assets.voyager_scripts, "voyager-init.js")
    )
    page = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>gql_news · schema map</title>
<link rel="icon" href="data:,">
{styles}
{scripts}
</head>
<body>
<main id="voyager" data-endpoint="{html.escape(endpoint)}">Loading the schema map…</main>
</body>
</html>
"""
    return GraphiQLPage(page, {"Content-Security-Policy": VOYAGER_CONTENT_SECURITY_POLICY, **_HEADERS})


def cdn_page(tabs: Sequence[Tab]) -> GraphiQLPage:
    """strawberry's GraphiQL page (React and GraphiQL from a CDN), opening on the first tab."""
    query = tabs[0].query.replace("\\", "\\\\").replace("`", "\\`").replace("${", "\\${")
    page = _CDN_EXAMPLE.sub(lambda _m: f"const EXAMPLE_QUERY = `{query}`;", get_graphql_ide_html("graphiql"))
    return GraphiQLPage(page, {"Cache-Control": "no-cache"})
