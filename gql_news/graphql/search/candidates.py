"""The bounded first pass of `search`: which matches get ranked, and how many there are.

Ranking every match reads every match: a word found in half of a million articles costs
seconds. `search` ranks a capped candidate set instead (cap `n` = `Settings.search_candidates`):

- the `n` most recent matching articles, and
- the `n` most recent whose title alone matches (a title match outranks every other match, so
  an older article with the words in its title is not lost behind newer body matches).

On PostgreSQL each set is read whichever way reads fewer rows. A frequent word is best found
by walking the published-at index newest first, testing each article and stopping after `n`
matches (about n × articles / matches rows: `gql_news_newest_matches`, migration 0014, a
function planned with sequential and bitmap scans off, since the planner cannot know the
query's words when it plans this statement and would otherwise sort every article); a rarer one
through the GIN index, reading every match and sorting them by date. The walk wins when
matches² > n × articles. The planner's estimate of the matches (`gql_news_search_estimate`,
from the column's lexeme statistics) decides whether to try the walk; since it assumes words
independent (a person's first name and surname are not), for a query of several words the walk
is tried from a tenth of that threshold. It walks the newest √(n × articles) articles (past that
the GIN index reads fewer rows, at the estimated density) and, when it found some matches but
not `n + 1`, goes on while the density it saw says that finishing the walk (with a margin, at
most three times as far) reads fewer rows than the GIN index would
(`gql_news_newest_matches_grown`, migration 0015): when it finds `n + 1` matches they are the
set, else the GIN index answers. The GIN read of the most recent set fetches only the matches
published in a recent window, its bitmap ANDed with the publication-time index's (sized from
the estimate for twice the `n + 1` matches at a uniform publication rate, widened while it holds
too few: `gql_news_newest_matches_window`, migration 0017), not every match's row to sort them
by date. So for the most recent set of one word the walk is tried only where the window's statement would
walk the publication-time index itself (`WINDOW_WALKS`): below that, its bitmaps read a few
hundred buffers where a walk reads about four per article it passes.

The number of matches comes with the candidates: exact when the most recent set is not full
(it then holds every match), otherwise an estimate, at least the cap: on PostgreSQL the
planner's estimate, or after a walk, when larger, the share of matches among the articles the
walk passed scaled to all articles; on SQLite that share among the articles published since
the oldest candidate.
"""

from __future__ import annotations

from gql_news.graphql.lists import Filter
from gql_news.graphql.search.syntax import SearchText

# ts_rank_cd weights, in the order {D, C, B, A}: entity names, body, standfirst, title.
PG_WEIGHTS = "'{0.3, 0.1, 0.4, 1.0}'"
SQLITE_BM25 = "bm25(article_fts, 10.0, 4.0, 1.0, 3.0)"
_RECENT = "ORDER BY a.published_at DESC, a.id DESC"
WINDOW_WALKS = 10
"""The most recent matches of one word are walked only for words in more than one article in
`WINDOW_WALKS` (estimated; queries of several words keep the walk's own rule):
below that the recent window reads them, its two bitmaps ANDed (about 200 buffers at a million
articles, where the walk reads 4 per article it passes), or, from about 4% of the articles at a
million (6% at 50,000), the window's statement walks the publication-time index itself, as
cheaply as the walk (measured with the default cap, 100, and the app's `random_page_cost`)."""


def _pg_newest(name: str, cap: int, titles: bool, estimate: str, boost: int) -> str:
    """`name` (the `cap + 1` newest matching articles; with `titles`, whose title matches too) and
    `{name}_walk`, the first attempt: an index walk over the newest `budget` articles when the
    estimate says the words may be common enough, else nothing (the GIN index then)."""
    column = "search_title" if titles else "search_vector"
    # A title match must match the whole document too (a negated word may be in the body). As a
    # filter on the few title matches, not an index condition: ANDed as a second bitmap, a common
    # word read its whole posting list (890,000 rows, 90 ms at 930k articles) to find none.
    also = " AND (a.search_vector @@ (SELECT q FROM _q)) IS TRUE" if titles else ""
    walked = f"(SELECT count(*) FROM {name}_walk) > {cap}"
    if titles:
        gin = (
            f"SELECT a.id, a.published_at FROM article a WHERE NOT {walked} "
            f"AND a.{column} @@ (SELECT q FROM _q){also} {_RECENT} LIMIT {cap + 1}"
        )
    else:
        # Through a recent window first (migration 0017): only the matches in it are fetched.
        gin = (
            "SELECT g.id, g.published_at FROM gql_news_newest_matches_window((SELECT q FROM _q), "
            f"{cap + 1}, (SELECT {estimate} FROM _q)) g WHERE NOT {walked}"
        )
    return (
        f"{name}_walk AS MATERIALIZED (SELECT w.id, w.published_at FROM gql_news_newest_matches_grown("
        f"(SELECT q FROM _q), {str(titles).lower()}, {cap + 1}, (SELECT budget FROM _q),"
        " (SELECT total FROM _q)) w "
        f"WHERE (SELECT {_pg_walks(titles, estimate, cap, boost)} FROM _q)), "
        f"{name} AS MATERIALIZED ((SELECT id, published_at FROM {name}_walk WHERE {walked}) UNION ALL "
        f"({gin}))"
    )


def _pg_walks(titles: bool, estimate: str, cap: int, boost: int) -> str:
    """Whether the walk is tried: when it should find `cap + 1` matches in its budget (matches² >
    cap × articles, the squared estimate times `boost` for several words) and so, for the title
    matches, reads fewer rows than fetching every title match; for all matches of one word, only
    where the recent window would walk the publication-time index too."""
    walks = f"{boost} * {estimate} * {estimate} > {cap} * total"
    if titles or boost > 1:
        # Several words (a name): the planner's estimate of their matches can be a twentieth of
        # the truth (it takes the words as independent), so the walk's extrapolated count is kept.
        return walks
    return f"{walks} AND {WINDOW_WALKS} * {estimate} > total"


def _pg_extrapolated(cap: int) -> str:
    """After a successful walk: `cap` matches among the articles it passed, scaled to all."""
    passed = (
        "(SELECT count(*) FROM (SELECT 1 FROM article x WHERE x.published_at >= "
        "(SELECT min(published_at) FROM _recent_walk) LIMIT 4 * q.budget) c)"
    )
    return f"CASE WHEN (SELECT count(*) FROM _recent_walk) > {cap} THEN {cap} * q.total / greatest({passed}, 1) END"


def pg_candidates(text: SearchText, cap: int) -> Filter:
    """`_search (id, score, total, estimate)` over the capped candidates (PostgreSQL)."""
    # Words of one alternative are estimated as independent: their matches may be 10 times more.
    several = any(sum(len(t.tokens) for t in group if not t.negated) > 1 for group in text.groups)
    boost = 100 if several else 1
    return (
        "_q0 AS MATERIALIZED (SELECT w.q, gql_news_search_estimate(w.q, 'search_vector') AS n, "
        "gql_news_search_estimate(w.q, 'search_title') AS nt, "
        "greatest((SELECT reltuples FROM pg_class WHERE oid = 'article'::regclass), 1) AS total "
        "FROM websearch_to_tsquery('gql_news_english', ?) AS w(q)), "
        f"_q AS MATERIALIZED (SELECT *, ceil(sqrt({cap} * total))::integer AS budget FROM _q0), "
        f"{_pg_newest('_recent', cap, False, 'n', boost)}, "
        f"{_pg_newest('_titled', cap, True, 'nt', boost)}, "
        f"_cand AS (SELECT id FROM (SELECT id FROM _recent a {_RECENT} LIMIT {cap}) r "
        f"UNION SELECT id FROM (SELECT id FROM _titled a {_RECENT} LIMIT {cap}) t), "
        # Counted once, not again for every row the page reads (the extrapolation passes up to
        # 4 × budget index entries: 21 times for a page of 20 when computed on each row).
        "_counts AS MATERIALIZED (SELECT (SELECT count(*) FROM _recent) AS total, "
        f"greatest(q.n, {cap} + 1, {_pg_extrapolated(cap)})::bigint AS estimate FROM _q q), "
        "_search AS (SELECT a.id, (ts_rank_cd("
        f"{PG_WEIGHTS}, a.search_vector, q.q, 32) + CASE WHEN a.search_title @@ q.q THEN 1 ELSE 0 END)::float8 AS score, "
        "c.total, c.estimate FROM article a, _q q, _counts c WHERE a.id IN (SELECT id FROM _cand))",
        (text.websearch(),),
    )


def sqlite_candidates(text: SearchText, cap: int) -> Filter:
    """`_search (id, score, total, estimate)` over the capped candidates (SQLite FTS5)."""
    return (
        "_m AS MATERIALIZED (SELECT rowid AS id FROM article_fts WHERE article_fts MATCH ?), "
        "_tm AS MATERIALIZED (SELECT rowid AS id FROM article_fts WHERE article_fts MATCH ?), "
        "_recent AS MATERIALIZED (SELECT a.id, a.published_at FROM article a "
        f"WHERE a.id IN (SELECT id FROM _m) {_RECENT} LIMIT {cap + 1}), "
        "_titled AS MATERIALIZED (SELECT a.id, a.published_at FROM article a "
        f"WHERE a.id IN (SELECT id FROM _tm) AND a.id IN (SELECT id FROM _m) {_RECENT} LIMIT {cap}), "
        f"_cand AS (SELECT id FROM (SELECT id FROM _recent a {_RECENT} LIMIT {cap}) "
        "UNION SELECT id FROM _titled), "
        "_scored AS MATERIALIZED (SELECT rowid AS id, "
        f"(rowid IN (SELECT id FROM _tm)) + (-{SQLITE_BM25}) / (1 - {SQLITE_BM25}) AS score "
        "FROM article_fts WHERE article_fts MATCH ? AND rowid IN (SELECT id FROM _cand)), "
        "_counted AS MATERIALIZED (SELECT count(*) AS total, min(published_at) AS oldest FROM _recent), "
        "_search AS (SELECT s.id, s.score, c.total, CASE WHEN c.total > "
        f"{cap} THEN max({cap} + 1, CAST(1.0 * {cap} * (SELECT count(*) FROM article) / "
        "(SELECT count(*) FROM article x WHERE x.published_at >= c.oldest) AS INTEGER)) END AS estimate "
        "FROM _scored s, _counted c)",
        (text.fts5(), text.fts5("title"), text.fts5()),
    )
