"""The example queries GraphiQL opens on, one tab each; the first is the one that runs first."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Tab:
    """One editor tab: GraphiQL titles it by the operation name."""

    query: str


# Comment lines stay short: the editor is narrow on a laptop and does not wrap.
DOCS = """# Run: the button or Ctrl-Enter. Docs (book icon) describe
# every field; the explorer (folder icon) builds a query by
# clicks. The schema map is at /voyager.
"""
NO_INTROSPECTION = """# Run: the button or Ctrl-Enter. Introspection is off on
# this server (INTROSPECTION=false): docs, explorer and
# autocompletion stay empty, `__schema`/`__type` answer
# FORBIDDEN. The schema is schema/schema.graphql in the
# gql_news repository.
"""


def seed_article_query(article_slug: str, introspection: bool = True) -> str:
    """The seed article walked to its people, their countries, and its organisations (with a
    word on the empty docs pane when introspection is off)."""
    notice = DOCS if introspection else NO_INTROSPECTION
    return f"""# gql_news: articles in, a linked graph of people,
# countries and organisations out.
{notice}query SeedArticle {{
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


COUNTRY_ARTICLES = """# A country by its ISO code (alpha-2 or alpha-3, any
# case) and the articles that mention it.
query CountryArticles {
  country(code: "KR") {
    name
    officialName
    articles(first: 5) {
      totalCount
      edges {
        node {
          title
          publishedAt
          people { name country { code } }
        }
      }
    }
  }
}
"""

SEARCH = """# Full-text search: articles ranked by relevance,
# matched words in <mark>.
query Search {
  search(query: "blockchain Belarus", first: 5) {
    totalCount
    edges {
      score
      snippet
      node { title slug }
    }
  }
}
"""


def default_tabs(article_slug: str, introspection: bool = True) -> tuple[Tab, ...]:
    return (Tab(seed_article_query(article_slug, introspection)), Tab(COUNTRY_ARTICLES), Tab(SEARCH))
