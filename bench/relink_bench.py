"""Re-linking benchmark: how long a catalogue edit takes to show in the articles, with 12k entities.

    uv run python -m bench.relink_bench                 # 10k people, 2k organisations, ISO countries

A catalogue edit (an alias added, a person created, a candidate confirmed) changes the gazetteer,
so the matcher of every form is built again before the articles naming the edit are re-linked.
This prints, on the same synthetic catalogue as bench.import_bench:

1. in process, no database: the time to build the matcher from the gazetteer (the pyahocorasick
   automaton the linker uses, and for comparison the regular expression trie it replaced), and
   an edit (the next matcher derived from the last one) followed by re-linking the articles
   that name the edited person;
2. end to end on PostgreSQL (a database it creates and drops, `gql_news_relink_bench`):
   `add_alias` on a person named in `--articles` stored articles, which reads the catalogue
   again, builds the matcher and re-links those articles in one transaction.

Each timing is the median of `--repeat` runs. Not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from bench.import_bench import _admin, catalogue_json, make_article, make_catalogue


def _median_ms(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return round(statistics.median(times) * 1000, 1)


def in_process(people: int, organisations: int, articles: int, repeat: int) -> dict[str, Any]:
    from gql_news.ingest.countries import desired_countries
    from gql_news.ingest.country_context import shipped_country_context
    from gql_news.ingest.linker import (
        Gazetteer,
        GazetteerEntry,
        _compile,
        _non_entities,
        country_forms,
        find_mentions,
        shipped_given_names,
        word_pattern,
    )

    catalogue = make_catalogue(people, organisations)
    entries = []
    for pk, row in enumerate(desired_countries(), start=1):
        forms = country_forms(row.name, row.official_name, row.aliases, row.demonyms)
        entries.append(GazetteerEntry("country", pk, tuple(forms)))
    entries += [GazetteerEntry("person", 1000 + i, (name,)) for i, (name, _) in enumerate(catalogue.people)]
    entries += [
        GazetteerEntry("organisation", 100_000 + i, (n,)) for i, n in enumerate(catalogue.organisations)
    ]
    context = (_non_entities(), shipped_given_names(), shipped_country_context())
    gazetteer = Gazetteer(tuple(entries), *context)
    matcher = _compile(gazetteer)
    figures: dict[str, Any] = {"entities": len(entries), "forms": len(matcher.targets)}
    figures["build_matcher_automaton_ms"] = _median_ms(lambda: _compile(gazetteer), repeat)
    gazetteer.matcher  # noqa: B018  (built once: an edit derives the next matcher from it)
    figures["build_matcher_regex_trie_ms"] = _median_ms(
        lambda: (word_pattern(matcher.targets), word_pattern(matcher.bearers)), max(1, repeat // 3)
    )
    # An edit: one person gets an alias; the articles that name that person are linked again.
    rng = random.Random(3)
    bodies = [make_article(i, catalogue, rng).split("\n\n", 2)[2] for i in range(articles)]
    edited = next(e for e in entries if e.kind == "person" and e.forms[0].split()[-1] in bodies[0])
    index = entries.index(edited)

    state: dict[str, Any] = {"gazetteer": gazetteer, "edits": 0}

    def edit_and_relink() -> None:  # successive edits, each matcher derived from the last one
        state["edits"] += 1
        forms = (*edited.forms, *(f"{edited.forms[0]} {n}" for n in range(state["edits"])))
        changed = [*entries[:index], GazetteerEntry("person", edited.entity_id, forms), *entries[index + 1 :]]
        new = Gazetteer(tuple(changed), *context).derive_from(state["gazetteer"])
        for body in bodies:
            find_mentions(body, new)
        state["gazetteer"] = new

    figures[f"edit_then_relink_{articles}_articles_ms"] = _median_ms(edit_and_relink, repeat)
    return figures


async def end_to_end(args: argparse.Namespace) -> dict[str, Any]:
    import json
    import tempfile
    from pathlib import Path

    from gql_news.db import database, migrate
    from gql_news.ingest.catalogue import load_catalogue
    from gql_news.ingest.countries import load_countries
    from gql_news.ingest.entities import add_alias
    from gql_news.ingest.linker import build_gazetteer, current_gazetteer
    from gql_news.ingest.parser import parse_article
    from gql_news.ingest.store import store_articles
    from gql_news.models import Person
    from gql_news.settings import Settings

    url = f"{args.pg_url.rsplit('/', 1)[0]}/{args.db_name}"
    settings = Settings(database_url=url)
    catalogue = make_catalogue(args.people, args.organisations)
    name, _ = catalogue.people[0]
    rng = random.Random(5)
    texts = []
    for i in range(args.articles):  # every article names the person that will be edited
        title, meta, rest = make_article(i, catalogue, rng).split("\n\n", 2)
        also = ", ".join(f"{name}-{n}" for n in range(args.repeat))  # the aliases to come
        texts.append(f"{title}\n\n{meta}\n\n{name} was also there, as were {also}.\n\n{rest}")
    await _admin(
        args.pg_url,
        f'DROP DATABASE IF EXISTS "{args.db_name}" WITH (FORCE)',
        f'CREATE DATABASE "{args.db_name}"',
    )
    figures: dict[str, Any] = {}
    try:
        await migrate(settings)
        async with database(settings):
            await load_countries()
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / "catalogue.json"
                path.write_text(json.dumps(catalogue_json(catalogue)), encoding="utf-8")
                await load_catalogue(path)
            await store_articles([parse_article(t) for t in texts])
            await current_gazetteer()
            reads = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                await build_gazetteer()
                reads.append(time.perf_counter() - started)
            figures["read_catalogue_ms"] = round(statistics.median(reads) * 1000, 1)
            person = await Person.get(name=name)
            times, relinked = [], 0
            for n in range(args.repeat):
                started = time.perf_counter()
                result = await add_alias("person", person.id, f"{name}-{n}")
                times.append(time.perf_counter() - started)
                relinked = result.relinked_articles
            figures["add_alias_relinked_articles"] = relinked
            figures["add_alias_end_to_end_ms"] = round(statistics.median(times) * 1000, 1)
    finally:
        await _admin(args.pg_url, f'DROP DATABASE IF EXISTS "{args.db_name}" WITH (FORCE)')
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--organisations", type=int, default=2000)
    parser.add_argument("--articles", type=int, default=20, help="Articles naming the edited person.")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("GQL_NEWS_TEST_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
        help="Any database of the server (for CREATE/DROP DATABASE); 'none' skips the end-to-end part.",
    )
    parser.add_argument("--db-name", default="gql_news_relink_bench")
    args = parser.parse_args()
    figures = in_process(args.people, args.organisations, args.articles, args.repeat)
    if args.pg_url != "none":
        figures |= asyncio.run(end_to_end(args))
    width = max(len(key) for key in figures)
    for key, value in figures.items():
        print(f"{key:<{width}}  {value}")


if __name__ == "__main__":
    main()
