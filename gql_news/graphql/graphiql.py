"""The GraphiQL page served to browsers on GET /graphql, opening on a walk of the demo article."""

from __future__ import annotations

import re

from strawberry.http.ides import get_graphql_ide_html

_EXAMPLE = re.compile(r"const EXAMPLE_QUERY = `.*?`;", re.DOTALL)


def default_query(article_slug: str) -> str:
    return f"""# gql_news: articles in, a linked graph of people, countries and organisations out.
# Press the run button (or Ctrl-Enter); open the docs on the left to explore the schema.
{{
  article(slug: "{article_slug}") {{
    title
    publishedAt
    topics {{ name }}
    people {{
      name
      title
      country {{ name code }}
    }}
    countries {{ name code }}
    organisations {{ name country {{ code }} }}
  }}
}}
"""


def graphiql_html(article_slug: str) -> str:
    """strawberry's GraphiQL page with our default query in place of its welcome text."""
    html = get_graphql_ide_html("graphiql")
    query = default_query(article_slug).replace("\\", "\\\\").replace("`", "\\`").replace("${", "\\${")
    return _EXAMPLE.sub(lambda _m: f"const EXAMPLE_QUERY = `{query}`;", html, count=1)
