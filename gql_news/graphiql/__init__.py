"""The GraphiQL explorer on GET /graphql (with the explorer plugin), the schema map on GET
/voyager, their example tabs and their own static files.

`explorer()` is what the app wires in: the local page and a mount for its files when the
vendored build is present, otherwise the CDN page and a warning in the log.
"""

from __future__ import annotations

import logging
from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route

from gql_news.graphiql.assets import STATIC_PATH, VENDOR_DIR, AssetFiles, AssetsMissing, load_assets
from gql_news.graphiql.page import GraphiQLPage, cdn_page, local_page, voyager_page
from gql_news.graphiql.tabs import default_tabs

logger = logging.getLogger("gql_news.graphiql")

__all__ = ["GraphiQLPage", "explorer"]


def explorer(
    article_slug: str, vendor_dir: Path = VENDOR_DIR, introspection: bool = True
) -> tuple[GraphiQLPage, list[BaseRoute]]:
    """The page to serve and the routes it needs (none for the CDN page)."""
    tabs = default_tabs(article_slug, introspection)
    try:
        assets = load_assets(vendor_dir)
    except AssetsMissing as missing:
        logger.warning("GraphiQL falls back to its CDN page (blank without internet access): %s", missing)
        return cdn_page(tabs), []
    logger.info("GraphiQL served from this app: %s", assets.describe())
    routes: list[BaseRoute] = [Mount(STATIC_PATH, app=AssetFiles(assets), name="graphiql-static")]
    if assets.voyager_scripts and introspection:
        schema_map = voyager_page(assets)

        async def voyager(_request: Request) -> Response:
            return schema_map.response()

        routes.append(Route("/voyager", voyager, methods=["GET", "HEAD"]))
    elif not introspection:
        logger.info("no schema map on /voyager: it needs introspection (INTROSPECTION=false)")
    return local_page(assets, tabs), routes
