"""The benchmark's own parts (bench/): dataset generator and loader, answer comparison, wrk and log parsing.

The benchmark itself (PostgreSQL, PostGraphile, wrk) is `make bench`; nothing here starts a server.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from dataclasses import replace
from datetime import UTC
from pathlib import Path
from typing import Any

import pytest

from bench import report, wrk
from bench.dataset import FirstIds, Sizes, generate
from bench.import_statements import sum_durations
from bench.load import first_free_ids, load, stored_countries
from bench.queries import Mismatch, canonical, compare, get_path, queries
from bench.run import _ratio
from bench.statements import count_lines
from gql_news.models import Article, ArticleTopic, Mention, Organisation, Person, PersonOrganisation, Topic
from gql_news.settings import Settings

TINY = Sizes(articles=30, people=40, organisations=12, topics=3, seed=7)


async def test_loads_a_deterministic_dataset_whose_mentions_slice_their_bodies(db_session: Settings) -> None:
    countries = await stored_countries()
    first = await first_free_ids()
    plan = generate(TINY, countries, first)
    assert generate(TINY, countries, first) == plan, "same seed and sizes, same rows"
    assert generate(replace(TINY, seed=8), countries, first).articles != plan.articles

    await load(TINY)

    assert await Article.all().count() == 30
    assert await Person.all().count() == 40
    assert await Organisation.all().count() == 12
    assert await Topic.all().count() == 3
    assert await Mention.all().count() == len(plan.mentions)
    assert await ArticleTopic.all().count() == len(plan.article_topics)
    assert await PersonOrganisation.all().count() == len(plan.memberships)

    stored = await Article.all().order_by("id").values_list("id", "slug", "title", "body", "published_at")
    assert [(a.id, a.slug, a.title, a.body) for a in plan.articles] == [row[:4] for row in stored]
    assert [a.published_at for a in plan.articles] == [row[4].astimezone(UTC) for row in stored]
    bodies = {row[0]: row[3] for row in stored}

    mentions = await Mention.all().values_list(
        "article_id", "start", "end", "text", "person_id", "organisation_id", "country_id"
    )
    assert sorted(mentions) == sorted(
        (m.article_id, m.start, m.end, m.text, m.person_id, m.organisation_id, m.country_id)
        for m in plan.mentions
    )
    for article_id, start, end, text, *entity in mentions:
        assert bodies[article_id][start:end] == text
        assert sum(e is not None for e in entity) == 1
    # ~5 people, exactly 2 countries and 2 organisations per article.
    people = Counter((m[0], m[4]) for m in mentions if m[4] is not None)
    per_article = Counter(article for article, _ in people)
    assert all(3 <= n <= 7 for n in per_article.values())
    assert Counter(m[0] for m in mentions if m[6] is not None) == dict.fromkeys(bodies, 2)
    assert Counter(m[0] for m in mentions if m[5] is not None) == dict.fromkeys(bodies, 2)


def test_generation_needs_no_database_and_respects_first_ids() -> None:
    from bench.dataset import CountryRef

    countries = [CountryRef(10 + i, code, f"Country {code}") for i, code in enumerate(("AA", "BB", "CC"))]
    data = generate(TINY, countries, FirstIds(article=100, mention=5000, person=7))
    assert data.articles[0].id == 100
    assert data.mentions[0].id == 5000
    assert data.people[0].id == 7
    assert {m.country_id for m in data.mentions if m.country_id} <= {10, 11, 12}
    assert len({a.published_at for a in data.articles}) == 30, "newest first must be one order"
    with pytest.raises(ValueError, match="country"):
        generate(TINY, [])


def test_answers_compare_across_shapes_and_entity_orders() -> None:
    q2 = queries("some-slug", "BW")[1]
    ours = {
        "data": {
            "articles": {
                "edges": [
                    {
                        "node": {
                            "people": [{"name": "B"}, {"name": "A"}],
                            "countries": [],
                            "organisations": [],
                        }
                    },
                    {"node": {"people": [], "countries": [{"name": "X"}], "organisations": []}},
                ]
            }
        }
    }
    theirs = {
        "data": {
            "articles": [
                {"people": [{"name": "A"}, {"name": "B"}], "countries": [], "organisations": []},
                {"people": [], "countries": [{"name": "X"}], "organisations": []},
            ]
        }
    }
    assert canonical(ours["data"]) == canonical(theirs["data"])
    compare(q2, {"gql_news": ours, "postgraphile": theirs}, page=2)

    duplicated = {"data": {"articles": [dict(theirs["data"]["articles"][0], people=[{"name": "A"}] * 2)]}}
    with pytest.raises(Mismatch):
        compare(q2, {"gql_news": ours, "postgraphile": duplicated}, page=2)
    reordered = {"data": {"articles": list(reversed(theirs["data"]["articles"]))}}
    with pytest.raises(Mismatch, match="disagree"):
        compare(q2, {"gql_news": ours, "postgraphile": reordered}, page=2)
    with pytest.raises(Mismatch, match="errors"):
        compare(q2, {"gql_news": ours, "postgraphile": {"errors": [{"message": "no"}], "data": None}}, page=2)


def test_mentions_compare_one_entity_against_three_links() -> None:
    q5 = queries("some-slug", "BW", page=1)[4]
    ours = {
        "data": {
            "articles": {
                "edges": [
                    {
                        "node": {
                            "mentions": [
                                {
                                    "text": "Ann Lee",
                                    "entity": {"__typename": "Person", "name": "Ann Lee", "country": None},
                                },
                                {"text": "Chad", "entity": {"__typename": "Country", "code": "TD"}},
                            ]
                        }
                    }
                ]
            }
        }
    }

    def link(kind: str, value: object) -> dict[str, object]:
        return {f"entity{k}": (value if k == kind else None) for k in ("Person", "Organisation", "Country")}

    country = {"text": "Chad", **link("Country", {"__typename": "Country", "code": "TD"})}
    person = {
        "text": "Ann Lee",
        **link("Person", {"__typename": "Person", "name": "Ann Lee", "country": None}),
    }
    theirs = {"data": {"articles": [{"mentions": [country, person]}]}}
    compare(q5, {"gql_news": ours, "postgraphile5": theirs}, page=1)

    wrong = {"text": "Chad", **link("Organisation", {"__typename": "Organisation", "name": "Chad"})}
    with pytest.raises(Mismatch, match="disagree"):
        compare(
            q5,
            {"gql_news": ours, "postgraphile4": {"data": {"articles": [{"mentions": [wrong, person]}]}}},
            page=1,
        )
    two = {**country, "entityPerson": person["entityPerson"]}
    with pytest.raises(Mismatch, match="links 2 entities"):
        compare(
            q5,
            {"gql_news": ours, "postgraphile4": {"data": {"articles": [{"mentions": [two, person]}]}}},
            page=1,
        )
    empty: dict[str, Any] = {"data": {"articles": [{"mentions": []}]}}
    with pytest.raises(Mismatch, match="too empty"):
        compare(q5, {"gql_news": empty, "postgraphile4": empty}, page=1)


def test_queries_are_literal_and_get_urls_stable() -> None:
    q1, q2, q3, q4, q5 = queries('a-"quoted"-slug', "bw")
    assert '"a-\\"quoted\\"-slug"' in q1.gql_news
    assert "articleBySlug" in q1.postgraphile
    assert "allArticlesList(first: 20, orderBy: PUBLISHED_AT_DESC)" in q2.postgraphile
    assert 'country(code: "bw")' in q3.gql_news
    assert "articles(first: 10)" in q4.gql_news
    assert (
        "articlesByMentionPersonIdAndArticleIdList(first: 10, orderBy: PUBLISHED_AT_DESC)" in q4.postgraphile
    )
    assert "fragment MentionEntity on Mention" in q5.gql_news
    assert "...MentionEntity" in q5.postgraphile
    assert q5.text("postgraphile4") == q5.text("postgraphile5") == q5.postgraphile
    assert q5.text("gql_news") == q5.gql_news
    assert get_path(q1.gql_news) == get_path(q1.gql_news)
    assert get_path(q1.gql_news).startswith("/graphql?query=%7B+article")


WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8000/graphql
  1 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    12.10ms    3.02ms  60.00ms   90.00%
  Latency Distribution
     50%   11.50ms
     99%   25.00ms
  13210 requests in 10.00s, 9.10MB read
Requests/sec:   1321.00
Transfer/sec:      0.91MB
BENCH_WRK_JSON {"requests":13210,"duration_us":10000000,"bytes":9540000,"errors":{"connect":0,"read":0,"write":0,"status":3,"timeout":0},"latency_us":{"min":900,"mean":12100.0,"stdev":3020.0,"max":60000,"p50":11500,"p90":15000,"p99":25000,"p999":41000}}
"""


def test_wrk_result_is_read_from_the_lua_json_line() -> None:
    result = wrk.parse(WRK_OUTPUT)
    assert result.requests == 13210
    assert result.rps == 1321.0
    assert (result.p50_ms, result.p90_ms, result.p99_ms) == (11.5, 15.0, 25.0)
    assert result.non_2xx == 3
    with pytest.raises(ValueError, match="no result line"):
        wrk.parse("Running 10s test\n")


def test_lua_script_carries_the_body_verbatim() -> None:
    body = '{"query":"{ a(x: \\"]]\\") { b } }"}'
    script = wrk.lua_script("POST", body)
    assert f"wrk.body = [=[{body}]=]" in script
    assert 'wrk.headers["Content-Type"] = "application/json"' in script
    assert "function done(summary, latency, requests)" in script
    get = wrk.lua_script("GET")
    assert 'wrk.method = "GET"' in get
    assert "wrk.body" not in get


def test_statement_count_reads_the_bench_database_lines_only() -> None:
    prefix = "2026-11-27 23:12:01.123 UTC"
    lines = [
        f"{prefix} [101] postgres@gql_news_bench LOG:  execute __asyncpg_stmt_1__: SELECT t.id FROM article t",
        f"{prefix} [101] postgres@gql_news_bench DETAIL:  parameters: $1 = 'x'",
        f"{prefix} [101] postgres@gql_news_bench LOG:  statement: SELECT pg_advisory_unlock_all();",
        "\tCLOSE ALL;",
        "\tUNLISTEN *;",
        "\tRESET ALL;",
        f"{prefix} [202] postgres@gql_news_bench LOG:  execute <unnamed>: select to_json(1)",
        f"{prefix} [202] postgres@gql_news_bench LOG:  statement: BEGIN",
        f"{prefix} [303] postgres@other_db LOG:  statement: SELECT 1",
        f"{prefix} [404] postgres@gql_news_bench LOG:  statement: SELECT 'bench-marker-x'",
        f"{prefix} [202] postgres@gql_news_bench LOG:  duration: 0.1 ms",
    ]
    count = count_lines(lines, "gql_news_bench", requests=2, exclude_pids={404})
    assert (count.total, count.resets, count.transaction) == (4, 1, 1)
    assert count.per_request == 2.0
    assert count.as_json()["resets_per_request"] == 0.5


def test_import_statements_sum_the_server_time_of_one_database_per_statement() -> None:
    prefix = "2026-12-04 17:00:01.123 UTC [101] postgres@"
    fold = "WITH d AS (SELECT 1) INSERT INTO entity_pair_count (kind) SELECT 1 FROM d WHERE id = 12345"
    lines = [
        f"{prefix}imp LOG:  duration: 0.5 ms  parse <unnamed>: {fold}",
        f"{prefix}imp LOG:  duration: 10.0 ms  execute <unnamed>: {fold}",
        f"{prefix}imp LOG:  duration: 20.0 ms  execute __asyncpg_stmt_2__: {fold.replace('12345', '678')}",
        f"{prefix}imp LOG:  duration: 4.0 ms  statement: COMMIT;",
        f"{prefix}other LOG:  duration: 99.0 ms  statement: COMMIT;",
        f"{prefix}imp LOG:  statement: SELECT 'bench-marker-x'",
    ]
    rows = sum_durations(lines, "imp")
    assert [(row.label[:19], row.ms, row.executions) for row in rows] == [
        ("[entity_pair_count]", 30.5, 2),
        ("COMMIT;", 4.0, 1),
    ]
    assert rows[0].as_json(34.5)["share"] == 0.884


def test_table_has_one_line_per_query_with_the_ratio_to_the_faster_postgraphile() -> None:
    cell: dict[str, Any] = {
        "load": {"rps": 500.0, "p50_ms": 20.0, "p99_ms": 40.0, "non_2xx": 0, "errors": {}}
    }
    statements = {"statements_per_request": 8, "resets_per_request": 4}
    servers: dict[str, Any] = {
        "gql_news": {**cell, "statements": statements},
        "postgraphile4": {"load": {**cell["load"], "rps": 1000.0}, "statements": None},
        "postgraphile5": {"load": {**cell["load"], "rps": 400.0}, "statements": None},
    }
    ratio, versus = _ratio(servers)
    assert (ratio, versus) == (0.5, "postgraphile4")
    borrowed = {**servers, "postgraphile4": {**servers["postgraphile4"], "measured_in": "1 process"}}
    rows: list[dict[str, Any]] = [
        {"label": "Q1", "servers": servers, "ratio": ratio, "versus": versus},
        {"label": "Q1 cached", "servers": borrowed, "ratio": ratio, "versus": versus},
        {"label": "Q1 sqlite", "servers": {"gql_news": cell}, "ratio": None, "versus": None},
    ]
    lines = report.table(rows).splitlines()
    assert len(lines) == 5
    assert "PG4 req/s" in lines[0]
    assert "PG5 req/s" in lines[0]
    assert lines[2].split()[:5] == ["Q1", "500", "20.0", "40.0", "8"]
    assert "(4 reset)" in lines[2]
    assert lines[2].endswith("0.50x PG4")
    assert "1,000*" in lines[3]
    assert lines[4].split()[2:5] == ["500", "20.0", "40.0"]
    assert lines[4].endswith("-")


def test_machine_busy_share_reads_proc_stat_and_spins_towards_one() -> None:
    from bench.import_bench import busy_share, machine_jiffies

    busy, every = machine_jiffies()
    assert 0 < busy < every
    assert busy_share((busy, every), (busy, every)) == 0.0
    assert busy_share((0, 0), (50, 200)) == 0.25
    before = machine_jiffies()
    ends = time.perf_counter() + 0.5
    while time.perf_counter() < ends:  # one core kept busy: at least its share of the machine
        pass
    assert busy_share(before, machine_jiffies()) >= round(0.8 / (os.cpu_count() or 1), 2)


def test_process_counts_always_include_one() -> None:
    from bench.__main__ import options

    assert options(["--workers", "2"]).workers == (1, 2)
    assert options([]).workers == (1, 2)
    with pytest.raises(SystemExit):
        options(["--workers", "0"])


async def test_search_bench_runs_end_to_end_on_a_small_dataset(test_settings: Settings) -> None:
    """`python -m bench.search` at a tiny size: every kind of query timed, its database dropped."""
    import argparse
    import asyncio

    import asyncpg

    from bench.search import run
    from tests.conftest import BACKEND, PG_ADMIN_URL

    if BACKEND != "postgres":
        pytest.skip("the search bench runs on PostgreSQL")
    name = f"gql_news_bench_search_test_{id(test_settings)}"
    args = argparse.Namespace(
        articles=60, requests=16, seed=1, pg_url=PG_ADMIN_URL, db_name=name, keep=False, json=None
    )
    result = await asyncio.wait_for(run(args), timeout=300)
    rows = result["search"]
    assert set(rows) == {
        "person",
        "surname",
        "organisation",
        "country + surname",
        "phrase",
        "exclusion",
        "or",
        "common word",
        "all",
    }
    assert rows["all"]["requests"] == 16
    assert rows["person"]["mean_matches"] >= 1  # a full name drawn from the data finds its articles
    conn = await asyncpg.connect(PG_ADMIN_URL.replace("postgres://", "postgresql://", 1))
    try:
        assert await conn.fetchval("SELECT count(*) FROM pg_database WHERE datname = $1", name) == 0
    finally:
        await conn.close()


def test_load_sqlite_writes_the_same_dataset_into_a_fresh_file(tmp_path: Path) -> None:
    """The SQLite copy the bench's SQLite rows read: loaded by a child interpreter, same rows as generated."""
    import sqlite3

    from bench.database import load_sqlite

    path = tmp_path / "copy.sqlite3"
    lines: list[str] = []
    result = load_sqlite(f"sqlite://{path}", TINY, lines.append)
    assert result["articles"] == 30
    assert any("inserted" in line for line in lines)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM article").fetchone() == (30,)
        assert conn.execute("SELECT count(*) FROM person").fetchone() == (40,)
        slices = conn.execute(
            "SELECT count(*) FROM mention m JOIN article a ON a.id = m.article_id"
            ' WHERE substr(a.body, m.start + 1, m."end" - m.start) != m.text'
        ).fetchone()
    assert slices == (0,)


def test_zipf_options_skew_words_and_entities_and_chunks_concatenate() -> None:
    from bench.dataset import CountryRef, Dataset, expected_documents, generate_chunks, word

    countries = [CountryRef(10 + i, f"C{i:02}", f"Country {i}") for i in range(30)]
    sizes = replace(TINY, articles=400, people=100, organisations=20, vocabulary=5_000, entity_zipf=0.8)
    data = generate(sizes, countries)
    merged = Dataset()
    chunks = list(generate_chunks(sizes, countries, chunk=150))
    for chunk in chunks:
        merged.extend(chunk)
    assert [len(c.articles) for c in chunks] == [150, 150, 100]
    assert merged == data
    assert chunks[1].people == [], "entities come with the first chunk only"

    bodies = {a.id: a.body for a in data.articles}
    assert all(bodies[m.article_id][m.start : m.end] == m.text for m in data.mentions)
    assert len({word(r) for r in range(20_000)}) == 20_000
    documents = Counter(w for body in bodies.values() for w in set(body.lower().replace(".", " ").split()))
    expected = expected_documents(sizes)
    assert documents[word(0)] > 300
    assert expected[0] > 300
    assert documents[word(4_000)] <= 3
    assert expected[4_000] < 1
    people = Counter(m.person_id for m in data.mentions if m.person_id is not None)
    ranked = sorted(people.values(), reverse=True)
    assert people[data.people[0].id] > 5 * ranked[len(ranked) // 2], "the first person is the most named"
    # Off by default: no generated words in the default dataset.
    assert word(0) not in generate(TINY, countries).articles[0].body.lower()


async def test_scale_bench_runs_end_to_end_on_a_small_dataset(test_settings: Settings) -> None:
    """`python -m bench.scale` at a tiny size: every kind timed and answered, its database dropped."""
    import asyncio

    import asyncpg

    from bench.scale import GRAPH_KINDS, SEARCH_KINDS, options, run, table
    from tests.conftest import BACKEND, PG_ADMIN_URL

    if BACKEND != "postgres":
        pytest.skip("the scale bench runs on PostgreSQL")
    prefix = f"gql_news_bench_scale_test_{id(test_settings)}"
    args = options(
        [
            "--sizes",
            "500",
            "--requests",
            "3",
            "--chunk",
            "200",
            "--pg-url",
            PG_ADMIN_URL,
            "--db-prefix",
            prefix,
        ]
    )
    lines: list[str] = []
    result = await asyncio.wait_for(run(args, log=lines.append), timeout=300)
    (size,) = result["sizes"]
    assert size["load"]["articles"] == 500
    assert size["load"]["seconds"] > 0
    assert size["database_bytes"] > 1_000_000
    assert any("200 of 500 articles" in line for line in lines), "loaded in chunks"
    queries = size["queries"]
    assert set(queries) == {f"search: {k}" for k in SEARCH_KINDS} | set(GRAPH_KINDS)
    assert all(q["requests"] == 3 and q["p95_ms"] >= q["p50_ms"] > 0 for q in queries.values())
    rare, common = queries["search: rare word"], queries["search: common word"]
    assert 1 <= rare["mean_matches"] < common["mean_matches"] <= 500
    printed = table(result["sizes"])
    assert "| search: rare word p50 / p95 |" in printed
    assert "500 articles" in printed
    conn = await asyncpg.connect(PG_ADMIN_URL.replace("postgres://", "postgresql://", 1))
    try:
        assert (
            await conn.fetchval("SELECT count(*) FROM pg_database WHERE datname = $1", f"{prefix}_500") == 0
        )
    finally:
        await conn.close()
    with pytest.raises(SystemExit):
        options(["--sizes", "ten"])


def test_event_drill_options_keep_the_faults_in_their_order_and_refuse_unknown_ones() -> None:
    from bench.event_drill import FAULTS, options

    defaults = options([])
    assert (defaults.imports, defaults.faults) == (1000, FAULTS)
    assert options(["--imports", "50", "--faults", "redis, pg"]).faults == ("pg", "redis")
    for wrong in (["--faults", "disk"], ["--imports", "0"], ["--concurrency", "-1"]):
        with pytest.raises(SystemExit):
            options(wrong)


def test_event_drill_summary_counts_duplicates_and_missing_per_acknowledged_write() -> None:
    from bench.drill_clients import Log, Received, Subscriber, Write, Writers, article_text
    from bench.event_drill import summary
    from gql_news.ingest.parser import parse_article

    assert parse_article(article_text("r1", 3)).title != parse_article(article_text("r1", 4)).title
    log = Log()
    writers = Writers(["http://a", "http://b"], "token", "r1", log)
    writers.writes = [
        Write(-1, 1, "warm", 1.0),  # a warm-up write: not counted
        Write(1, 1, "A1", 1.0),
        Write(2, 3, "A2", 1.0),
        Write(3, 2, "A3", 1.0),  # acknowledged, never delivered
        Write(4, 5, None, None, "transport ConnectError"),
    ]
    subscriber = Subscriber(["ws://a"], log)
    subscriber.received = [
        Received("warm", 1, 1.1),
        Received("A1", 2, 1.2),
        Received("A2", 3, 1.5),
        Received("A1", 2, 1.6),  # replayed on resume: a duplicate
        Received("A2", 5, 1.7),  # the same article again, by a later event: not a duplicate
    ]
    figures = summary(writers, subscriber)
    assert figures["acknowledged_writes"] == 3
    assert figures["not_acknowledged"] == 1
    assert figures["write_attempts"] == 11
    assert figures["events_received"] == 4
    assert figures["distinct_events"] == 3
    assert figures["distinct_event_ids"] == 3
    assert figures["duplicates_dropped"] == 1
    assert (figures["missing"], figures["missing_articles"]) == (1, ["A3"])
    assert figures["warm_up_writes"] == 1
    assert figures["event_after_answer_ms_max"] == 500.0
