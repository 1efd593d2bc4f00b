"""Full-text search in SQL: the matches and their scores, relevance order, highlighted snippets.

A searched list starts with `WITH _search AS (...)`: the ids of the matching articles and their
scores, higher is better. The article table joins it (an inner join is the text filter) and
relevance order sorts on it, so a text search composes with every other filter, with keyset
paging and with the per-parent pages of nested lists.

- PostgreSQL: `websearch_to_tsquery` against the GIN-indexed `article.search_vector`, scored by
  `ts_rank_cd` with weights title 1.0, standfirst 0.4, entity names 0.3, body 0.1, and
  normalisation 32 (score / (score + 1), so scores fall in [0, 1)).
- SQLite: FTS5 MATCH on `article_fts`, scored by minus `bm25()` with column weights title 10,
  standfirst 4, body 1, entity names 3, squashed into [0, 1) the same way.

Both add 1 when the title alone matches (see `matches`): scores lie in [0, 2).

The top-level `search` ranks a capped candidate set, not every match (`candidates.py`); a
text-filtered article list ranked by relevance (`orderBy: RELEVANCE`) ranks its every match.

Scores order one result list; they are not comparable across databases or queries. With no
concurrent writes the same query gives the same scores, so cursors (score, id) are stable;
PostgreSQL's scores do not depend on other articles at all, SQLite's bm25 does (term rarity).
"""

from __future__ import annotations

import dataclasses
import html
import math
from collections.abc import Sequence
from typing import Any

from gql_news.graphql.errors import BadUserInput
from gql_news.graphql.lists import Filter, ListQuery, Ordering, Source
from gql_news.graphql.rows import row_id
from gql_news.graphql.search.candidates import PG_WEIGHTS, SQLITE_BM25, pg_candidates, sqlite_candidates
from gql_news.graphql.search.syntax import SearchText
from gql_news.graphql.sql import Row, fetch, in_list, is_postgres
from gql_news.graphql.tables import ARTICLE, Table

_PG_QUERY = "websearch_to_tsquery('gql_news_english', ?)"

# Marks around matched words in a snippet: control characters a stored body never holds in
# the searched copy (PostgreSQL strips them on the fly, the SQLite FTS table on the way in), so
# after HTML-escaping the text they become the only live tags.
_START, _STOP = "\x01", "\x02"
SNIPPET_WORDS = 30


def matches(text: SearchText, *, total: bool = False, cap: int | None = None) -> Filter:
    """The `_search (id, score)` common table expression(s) for a parsed query; with `total`,
    also the number of matches on every row (one pass over the matches instead of a second
    statement; only for lists without other filters, whose count it then is). With `cap`, only
    the capped candidates are scored, and rows carry `total` and `estimate` (`candidates.py`).

    score = 1 when the title alone matches the query, plus the text score squashed into [0, 1)
    (s / (s + 1)): a title match always outranks a match elsewhere, on both databases (BM25
    alone lets a short article that names a word once in its body beat a long one with the
    word in its title).
    """
    if cap is not None:
        return pg_candidates(text, cap) if is_postgres() else sqlite_candidates(text, cap)
    count = ", count(*) OVER () AS total" if total else ""
    if is_postgres():
        in_title = "CASE WHEN a.search_title @@ q.q THEN 1 ELSE 0 END"
        return (
            "_search AS (SELECT a.id, "
            f"(ts_rank_cd({PG_WEIGHTS}, a.search_vector, q.q, 32) + {in_title})::float8 AS score{count} "
            f"FROM article a, {_PG_QUERY} AS q(q) WHERE a.search_vector @@ q.q)",
            (text.websearch(),),
        )
    # bm25() is refused beside a window function: the scores are materialised first.
    return (
        "_in_title AS MATERIALIZED (SELECT rowid AS id FROM article_fts WHERE article_fts MATCH ?), "
        "_scored AS MATERIALIZED (SELECT rowid AS id, "
        f"(rowid IN (SELECT id FROM _in_title)) + (-{SQLITE_BM25}) / (1 - {SQLITE_BM25}) AS score "
        "FROM article_fts WHERE article_fts MATCH ?), "
        f"_search AS (SELECT id, score{count} FROM _scored)",
        (text.fts5("title"), text.fts5()),
    )


def text_filter(text: SearchText) -> Filter:
    """The articles (alias `t`) matching a parsed query, as a plain condition: for lists that
    filter by text without ranking by it."""
    if is_postgres():
        return (f"t.search_vector @@ {_PG_QUERY}", (text.websearch(),))
    return ("t.id IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?)", (text.fts5(),))


SEARCHED_ARTICLE = Table("article", f"{ARTICLE.columns}, s.score AS _score", "JOIN _search s ON s.id = t.id")
_COUNTED_ARTICLE = Table(
    "article", f"{SEARCHED_ARTICLE.columns}, s.total AS _total", "JOIN _search s ON s.id = t.id"
)
_CANDIDATE_ARTICLE = Table(
    "article",
    f"{SEARCHED_ARTICLE.columns}, s.total AS _total, s.estimate AS _estimate",
    "JOIN _search s ON s.id = t.id",
)


def _score_key(row: Row) -> tuple[Any, ...]:
    return (repr(float(row["_score"])), row["id"])


def _score_params(key: tuple[Any, ...]) -> tuple[Any, ...]:
    try:
        score = float(key[0]) if isinstance(key[0], str) else math.nan
    except ValueError:
        score = math.nan
    if not math.isfinite(score):
        raise BadUserInput("Invalid cursor for this list.", argument="after")
    return (score, row_id(key[1]))


RELEVANCE = Ordering(
    tag="r", columns=("s.score", "t.id"), descending=True, to_key=_score_key, to_params=_score_params
)


def searched(query: ListQuery, text: SearchText, *, total: bool = False, cap: int | None = None) -> ListQuery:
    """`query` narrowed to the articles matching `text` (its ordering kept); with `total`, its
    rows carry `_total`, the number of matches (see `matches`); with `cap`, only the capped
    candidates are listed and rows also carry `_estimate` (see `candidates.py`)."""
    table = _CANDIDATE_ARTICLE if cap is not None else _COUNTED_ARTICLE if total else SEARCHED_ARTICLE
    source: Source = dataclasses.replace(query.source, table=table)
    return dataclasses.replace(query, source=source, with_=matches(text, total=total, cap=cap))


async def match_count(query: ListQuery) -> Row | None:
    """`_total` and `_estimate` of a capped search (see `searched`) without its rows: for a page
    past the last candidate. None when nothing matches."""
    if query.with_ is None:
        raise ValueError("not a searched list")
    sql, params = query.with_
    rows = await fetch(
        f"WITH {sql} SELECT total AS _total, estimate AS _estimate FROM _search LIMIT 1", params
    )
    return rows[0] if rows else None


def _highlight(raw: str) -> str:
    """HTML-escape the snippet text, then turn the match marks into <mark> tags."""
    return html.escape(raw).replace(_START, "<mark>").replace(_STOP, "</mark>")


async def snippets(text: SearchText, ids: Sequence[int]) -> dict[int, str]:
    """A highlighted excerpt of each article's body around the words matched: one statement."""
    if not ids:
        return {}
    if is_postgres():
        body = "replace(replace(a.body, chr(1), ''), chr(2), '')"
        options = (
            f"StartSel={_START}, StopSel={_STOP}, MaxWords={SNIPPET_WORDS // 2}, MinWords={SNIPPET_WORDS // 6}, "
            'MaxFragments=2, FragmentDelimiter=" … "'
        )
        sql = (
            f"SELECT a.id, ts_headline('gql_news_english', {body}, q.q, ?) AS snippet "
            f"FROM article a, {_PG_QUERY} AS q(q) WHERE a.id IN {in_list(ids)}"
        )
        rows = await fetch(sql, [options, text.websearch(), *ids])
    else:
        sql = (
            f"SELECT rowid AS id, snippet(article_fts, 2, char(1), char(2), '…', {SNIPPET_WORDS}) AS snippet "
            f"FROM article_fts WHERE article_fts MATCH ? AND rowid IN {in_list(ids)}"
        )
        rows = await fetch(sql, [text.fts5(), *ids])
    return {row["id"]: _highlight(row["snippet"] or "") for row in rows}
