"""Import benchmark: N synthetic seed-format articles into PostgreSQL, linking on, big catalogue.

    uv run python -m bench.import_bench                      # 2,000 articles, 10k people, 2k organisations
    uv run python -m bench.import_bench --articles 5000 --cli

What it does, on a database it creates and drops (`gql_news_import_bench`):

1. applies gql_news's migrations and loads the ISO countries;
2. generates (seeded, deterministic) a catalogue of `--people` people and `--organisations`
   organisations and loads it with `load_catalogue`, and `--articles` articles in the seed's
   text format, each naming about eight catalogued people and organisations (in full, then by
   surname), four countries and an unknown "minister" (an entity candidate), ~350 words;
3. imports them through `gql_news.ingest.importer` (what `gql-news import` runs: parse, hash,
   store, link, candidates, one transaction per article) and reports articles/s;
   `--cli` also times the installed `gql-news import DIR` end to end (process start included);
4. times linking alone (`find_mentions`) over the first 200 bodies, against only the entities they
   name and against the whole catalogue (the same mentions either way; each warmed by one pass,
   then timed in turn, the fastest of three passes kept), to show that linking cost does not
   grow with catalogue size.

With `--scale N`, also in the same run (so the figures are ratios on one machine state):
`gql-news import` end to end with the write-announcing triggers of this release and with the
former `data_version` counter triggers put back (every write statement updating one row), each
as one process and as N concurrent processes on disjoint parts of the articles. With each
`gql-news import` run, the share of the machine's cores busy meanwhile (`..._machine_busy`, from
/proc/stat: whatever ran): near 1, the cores are the limit, and more processes cannot go faster.

The linker's derived data (`shipped_cache`) goes to a cache directory of the run's own, filled
before anything is timed, unless `GQL_NEWS_CACHE_DIR` is set.

Not a test: it prints one table and, with `--json PATH`, writes the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import json
import os
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import asyncpg


def _words(text: str) -> list[str]:
    return text.split()


_SYLLABLES = _words(
    "ka lo mi ra ten vo su del ar in ba ko ris sa val ne tor ul fa gen po lin mar es do hel ri wan "
    "zu be cas ti nor ev ol ru dan ke sim ta ber go li an mo vik"
)
_FIRST = _words(
    "Adam Alice Amara Ana Andrei Anika Arjun Astrid Ayesha Beatriz Bilal Camila Carlos Chiara Dario "
    "Dmitri Elena Emeka Erik Esther Farid Fatima Felix Freya Grace Hana Hamza Ibrahim Ines Ingrid Isaac "
    "Jamal Javier Johan Jonas Julia Kamala Karim Katarina Kenji Kofi Lars Layla Leila Lucas Lucia Maja "
    "Malik Marco Maria Mateo Mikhail Mina Nadia Naomi Nikolai Nina Noah Olga Omar Oscar Pablo Priya "
    "Rafael Rania Ravi Rosa Samuel Sara Sofia Sven Tariq Tomas Viktor Yara Yusuf Zainab Zofia"
)
_ORG_KIND = _words("Group Holdings Bank Energy Telecom Shipping Foundation Institute Council Agency Partners")
_ROLES = ("finance minister", "chief executive", "spokesperson", "central bank governor", "ambassador")
_COUNTRIES = (
    "Belarus", "South Korea", "Germany", "France", "Kenya", "Brazil", "Japan", "Canada", "Norway", "Peru",
    "Vietnam", "Poland", "Ghana", "Chile", "Turkey", "India", "Egypt", "Mexico", "Spain", "Italy",
)  # fmt: skip
_DEMONYMS = ("Belarusian", "South Korean", "German", "French", "Kenyan", "Japanese", "Norwegian", "Polish")
_TOPICS = ("Markets", "Energy", "Diplomacy", "Technology", "Trade", "Blockchain", "News", "Politics")
_MONTHS = _words("January February March April May June July August September October November December")


@dataclass(frozen=True)
class Catalogue:
    people: list[tuple[str, str]]  # (full name, surname)
    organisations: list[str]


def _surname(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def make_catalogue(people: int, organisations: int, seed: int = 7) -> Catalogue:
    rng = random.Random(seed)
    names: dict[str, str] = {}
    while len(names) < people:
        surname = _surname(rng)
        names.setdefault(f"{rng.choice(_FIRST)} {surname}", surname)
    orgs: dict[str, None] = {}
    while len(orgs) < organisations:
        orgs.setdefault(f"{_surname(rng)} {rng.choice(_ORG_KIND)}")
    return Catalogue(list(names.items()), list(orgs))


def catalogue_json(catalogue: Catalogue) -> dict[str, Any]:
    return {
        "organisations": [{"name": name} for name in catalogue.organisations],
        "people": [{"name": name} for name, _ in catalogue.people],
    }


def make_article(index: int, catalogue: Catalogue, rng: random.Random) -> str:
    people = rng.sample(catalogue.people, 5)
    orgs = rng.sample(catalogue.organisations, 3)
    countries = rng.sample(_COUNTRIES, 4)
    day = date(2020, 1, 1) + timedelta(days=index % 1500)
    unknown = f"{rng.choice(_FIRST)} {_surname(rng)}{_surname(rng)}"
    (p1, s1), (p2, s2), (p3, s3), (p4, _), (p5, _) = people
    paragraphs = [
        f"{p1}, the {rng.choice(_ROLES)} of {orgs[0]}, said on Monday that {countries[0]} and "
        f"{countries[1]} would deepen ties in {rng.choice(_TOPICS).lower()}, a move {rng.choice(_DEMONYMS)} "
        f"investors have long awaited.",
        f"Speaking in the capital, {s1} added that talks with {p2} had gone well. {s2} told reporters "
        f"that {orgs[1]} expected growth of {rng.randint(2, 9)} percent next year, while analysts at "
        f"{orgs[2]} were more cautious about the outlook for {countries[2]}.",
        f"Finance Minister {unknown} said the government of {countries[3]} would publish its budget "
        f"in {rng.choice(_MONTHS)}. {p3} and {p4} are expected to attend the signing, officials said.",
        f"{s3} said the agreement covered {rng.randint(3, 12)} sectors. According to {orgs[0]}, the "
        f"first projects could start within {rng.randint(2, 18)} months, and {p5} welcomed the plan.",
        f"Trade between the two countries reached {rng.randint(1, 90)} billion dollars last year. "
        f"{s1} said that was only the beginning, and that {countries[1]} remained a key partner "
        f"for {orgs[1]} and for the wider region.",
    ]
    topics = ", ".join(rng.sample(_TOPICS, 2))
    title = f"{p1} sees closer {countries[0]}-{countries[1]} ties ({index})"
    meta = f"{topics} | {_MONTHS[day.month - 1]} {day.day}, {day.year} By: Staff"
    return "\n\n".join([title, meta, *paragraphs]) + "\n"


async def _admin(url: str, *statements: str) -> None:
    connection = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
    try:
        for statement in statements:
            await connection.execute(statement)
    finally:
        await connection.close()


_TRIGGERS = """
SELECT c.relname AS tbl, t.tgname AS name FROM pg_trigger t
JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
WHERE p.proname = $1 AND NOT t.tgisinternal
"""


async def _swap_triggers(url: str, old: str, new: str, suffix: str) -> None:
    """Replace every trigger calling function `old` by one calling `new` (the bench's A/B)."""
    connection = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
    try:
        for row in await connection.fetch(_TRIGGERS, old):
            await connection.execute(f'DROP TRIGGER "{row["name"]}" ON "{row["tbl"]}"')
            await connection.execute(
                f'CREATE TRIGGER "{row["tbl"]}_{suffix}" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE'
                f' ON "{row["tbl"]}" FOR EACH STATEMENT EXECUTE FUNCTION {new}()'
            )
    finally:
        await connection.close()


_CONTENT = (
    "article, topic, entity_count, entity_pair_count, entity_timeline, entity_topic_count, topic_count,"
    " article_total"
)
"""What an import writes (the maintained counts have no foreign key to cascade from)."""


async def _counts_ab(items: list[Any], figures: dict[str, Any], rounds: int) -> None:
    """The in-process import with the maintained counts and without them (their statements made
    no-ops), interleaved `rounds` times on an emptied database, the order alternating; the best
    of each."""
    from tortoise import connections

    from gql_news.ingest.counts import CountChange
    from gql_news.ingest.importer import ImportReport, import_items

    async def nothing(*_args: Any) -> None:
        return None

    best: dict[str, float] = {}
    for round_ in range(rounds):
        labels = ("with_counts", "without_counts")
        for label in labels if round_ % 2 == 0 else labels[::-1]:  # neither always runs first
            await connections.get("default").execute_script(f"TRUNCATE {_CONTENT} RESTART IDENTITY CASCADE")
            saved = CountChange.before, CountChange.apply
            if label == "without_counts":
                CountChange.before, CountChange.apply = nothing, nothing  # type: ignore[method-assign,assignment]
            try:
                report = ImportReport()
                started = time.perf_counter()
                await import_items(items, report, lambda: None)
                elapsed = time.perf_counter() - started
            finally:
                CountChange.before, CountChange.apply = saved  # type: ignore[method-assign]
            assert report.ok, report.failures[:3]
            best[label] = min(best.get(label, elapsed), elapsed)
    for label, elapsed in best.items():
        figures[f"import_{label}_articles_per_s"] = round(len(items) / elapsed, 1)
    figures["import_counts_cost"] = round(best["with_counts"] / best["without_counts"] - 1, 3)


# what a gql_news process derives as it starts: the name particles (at import), the country
# context and the countries
_DERIVE_ALL = (
    "from gql_news.ingest.country_context import shipped_country_context\n"
    "from gql_news.ingest.countries import desired_countries\n"
    "shipped_country_context()\n"
    "desired_countries()\n"
)


async def _fill_cache() -> None:
    """Fill `GQL_NEWS_CACHE_DIR` in a process of its own: this one imported gql_news, deriving
    some of the data at import, before the run's directory was set."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", _DERIVE_ALL, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    out, err = await process.communicate()
    if process.returncode != 0:
        raise RuntimeError((out + err).decode())


def machine_jiffies() -> tuple[int, int]:
    """(busy, all) clock ticks of every core since boot, from /proc/stat's first line (idle and
    I/O wait are not busy)."""
    with open("/proc/stat") as f:
        ticks = [int(field) for field in f.readline().split()[1:]]
    return sum(ticks) - ticks[3] - ticks[4], sum(ticks)


def busy_share(before: tuple[int, int], after: tuple[int, int]) -> float:
    """The share of all cores the machine spent busy between two `machine_jiffies()` readings
    (whatever ran: near 1, more processes cannot go faster)."""
    return round((after[0] - before[0]) / max(1, after[1] - before[1]), 2)


@dataclass
class _CliRun:
    elapsed: float
    machine_busy: float
    outputs: list[str]


async def _cli_import(url: str, folders: list[Path]) -> _CliRun:
    """Wall time of one `gql-news import` process per folder, all running at once, the share of
    the machine busy meanwhile, and what each printed."""
    env = {**os.environ, "DATABASE_URL": url}
    gql_news = str(Path(sys.executable).with_name("gql-news"))
    before = machine_jiffies()
    started = time.perf_counter()
    processes = [
        await asyncio.create_subprocess_exec(
            gql_news,
            "import",
            str(folder),
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        for folder in folders
    ]
    outputs = [await process.communicate() for process in processes]
    elapsed = time.perf_counter() - started
    busy = busy_share(before, machine_jiffies())
    for process, (out, err) in zip(processes, outputs, strict=True):
        if process.returncode != 0:
            raise RuntimeError((out + err).decode())
    return _CliRun(elapsed, busy, [out.decode() for out, _ in outputs])


def _split(articles_dir: Path, count: int) -> tuple[list[Path], list[Path]]:
    """The article files, and `count` folders sharing them out."""
    files = sorted(articles_dir.iterdir())
    parts = [articles_dir.parent / f"part{k}" for k in range(count)]
    for k, folder in enumerate(parts):
        folder.mkdir()
        for path in files[k::count]:
            (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return files, parts


async def _scale(args: argparse.Namespace, url: str, articles_dir: Path, figures: dict[str, Any]) -> None:
    """One process against N, with this release's triggers and with the counter row, interleaved."""
    files, parts = _split(articles_dir, args.scale)
    modes = (
        ("notify", "gql_news_bump_data_version", "gql_news_data_changed", "announces_data"),
        ("counter", "gql_news_data_changed", "gql_news_bump_data_version", "bumps_data_version"),
    )
    for label, old, new, suffix in (modes[1], modes[0]):  # the counter first, this release last
        await _swap_triggers(url, old, new, suffix)
        for processes, folders in ((1, [articles_dir]), (args.scale, parts)):
            await _admin(url, f"TRUNCATE {_CONTENT}, event_outbox RESTART IDENTITY CASCADE")
            run = await _cli_import(url, folders)
            figures[f"scale_{label}_{processes}_process_articles_per_s"] = round(len(files) / run.elapsed, 1)
            figures[f"scale_{label}_{processes}_process_machine_busy"] = run.machine_busy
    for label in ("notify", "counter"):
        one = figures[f"scale_{label}_1_process_articles_per_s"]
        many = figures[f"scale_{label}_{args.scale}_process_articles_per_s"]
        figures[f"scale_{label}_{args.scale}_vs_1"] = round(many / one, 2)
    figures["scale_notify_vs_counter_1_process"] = round(
        figures["scale_notify_1_process_articles_per_s"] / figures["scale_counter_1_process_articles_per_s"],
        2,
    )
    figures[f"scale_notify_vs_counter_{args.scale}_processes"] = round(
        figures[f"scale_notify_{args.scale}_process_articles_per_s"]
        / figures[f"scale_counter_{args.scale}_process_articles_per_s"],
        2,
    )


async def run(args: argparse.Namespace) -> dict[str, Any]:
    import gql_news
    from gql_news.db import database, migrate
    from gql_news.ingest.catalogue import load_catalogue
    from gql_news.ingest.countries import load_countries
    from gql_news.ingest.importer import ImportReport, collect, import_items
    from gql_news.ingest.linker import Gazetteer, build_gazetteer, find_mentions
    from gql_news.models import Article, EntityCandidate, Mention
    from gql_news.settings import Settings

    url = f"{args.pg_url.rsplit('/', 1)[0]}/{args.db_name}"
    settings = Settings(database_url=url)
    figures: dict[str, Any] = {
        "articles": args.articles,
        "people": args.people,
        "organisations": args.organisations,
    }
    catalogue = make_catalogue(args.people, args.organisations)
    rng = random.Random(11)
    texts = [make_article(i, catalogue, rng) for i in range(args.articles)]
    await _admin(
        args.pg_url,
        f'DROP DATABASE IF EXISTS "{args.db_name}" WITH (FORCE)',
        f'CREATE DATABASE "{args.db_name}"',
    )
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            # The linker's derived data in a cache directory of the run's own (unless one is set),
            # filled before anything is timed: the user's directory keeps one file per name, so
            # another checkout with other linker code replaces it and every `gql-news` process
            # of the run would derive it again (about 1 s of CPU each).
            os.environ.setdefault("GQL_NEWS_CACHE_DIR", str(folder / "cache"))
            await _fill_cache()
            (folder / "catalogue.json").write_text(json.dumps(catalogue_json(catalogue)), encoding="utf-8")
            articles_dir = folder / "articles"
            articles_dir.mkdir()
            for i, text in enumerate(texts):
                (articles_dir / f"{i:06d}.txt").write_text(text, encoding="utf-8")
            await migrate(settings)
            async with database(settings):
                await load_countries()
                started = time.perf_counter()
                await load_catalogue(folder / "catalogue.json")
                figures["catalogue_load_s"] = round(time.perf_counter() - started, 2)

                items, unreadable = collect([str(articles_dir)], lambda: "")
                assert not unreadable, unreadable
                report = ImportReport()
                started = time.perf_counter()
                await import_items(items, report, lambda: None)
                elapsed = time.perf_counter() - started
                assert report.ok, report.failures[:3]
                figures["import_s"] = round(elapsed, 2)
                figures["import_articles_per_s"] = round(args.articles / elapsed, 1)
                figures["stored_articles"] = await Article.all().count()
                figures["mentions"] = await Mention.all().count()
                figures["candidates"] = await EntityCandidate.all().count()

                again = ImportReport()
                started = time.perf_counter()
                await import_items(items, again, lambda: None)
                figures["reimport_unchanged_articles_per_s"] = round(
                    args.articles / (time.perf_counter() - started), 1
                )
                assert again.counts["unchanged"] == args.articles

                # Linking cost against catalogue size: the same bodies (the first 200 articles),
                # once against only what they name (plus the countries) and once against all of
                # it; both find exactly the same mentions.
                full = await build_gazetteer()
                sample = [text.split("\n\n", 2)[2] for text in texts[:200]]
                named = {(m.kind, m.entity_id) for body in sample for m in find_mentions(body, full)}
                small = Gazetteer(
                    tuple(e for e in full.entries if e.kind == "country" or (e.kind, e.entity_id) in named),
                    full.non_entities,
                    full.given_names,
                    full.context,
                )
                # Each gazetteer links the sample once before any timing (its matcher built, the
                # linker's caches warm: a first pass is ~15% slower whichever goes first), then
                # the two are timed in turn, three times each, and the fastest pass of each kept.
                best: dict[str, float] = {}
                for name, gazetteer in (("small", small), ("full", full)):
                    figures[f"catalogue_entries_{name}"] = len(gazetteer.entries)
                    figures[f"mentions_found_{name}_catalogue"] = sum(
                        len(find_mentions(body, gazetteer)) for body in sample
                    )
                for _round in range(3):
                    for name, gazetteer in (("small", small), ("full", full)):
                        started = time.perf_counter()
                        for body in sample:
                            find_mentions(body, gazetteer)
                        per = (time.perf_counter() - started) / len(sample)
                        best[name] = min(best.get(name, per), per)
                for name, per in best.items():
                    figures[f"linking_us_per_article_{name}_catalogue"] = round(per * 1e6, 1)
                if args.counts_ab:
                    await _counts_ab(items, figures, args.counts_ab)

            if args.cli or args.scale:
                # As installed in the image: the package's bytecode compiled once, not by every
                # process (with PYTHONDONTWRITEBYTECODE set, each would compile it again).
                compileall.compile_dir(Path(gql_news.__file__).parent, quiet=1)
            if args.cli:
                await _admin(url, f"TRUNCATE {_CONTENT} RESTART IDENTITY CASCADE")
                run = await _cli_import(url, [articles_dir])
                figures["cli_import_s"] = round(run.elapsed, 2)
                figures["cli_articles_per_s"] = round(args.articles / run.elapsed, 1)
                figures["cli_machine_busy"] = run.machine_busy
                figures["cli_summary"] = run.outputs[0].strip().splitlines()[0]
            if args.scale:
                await _scale(args, url, articles_dir, figures)
    finally:
        if not args.keep:
            await _admin(args.pg_url, f'DROP DATABASE IF EXISTS "{args.db_name}" WITH (FORCE)')
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--organisations", type=int, default=2000)
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("GQL_NEWS_TEST_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
        help="Any database of the server (for CREATE/DROP DATABASE).",
    )
    parser.add_argument("--db-name", default="gql_news_import_bench")
    parser.add_argument("--cli", action="store_true", help="Also time the installed `gql-news import`.")
    parser.add_argument(
        "--scale",
        type=int,
        default=0,
        metavar="N",
        help="Also time `gql-news import` as 1 and as N concurrent processes, with this release's "
        "write-announcing triggers and with the former counter-row triggers.",
    )
    parser.add_argument(
        "--counts-ab",
        type=int,
        default=0,
        metavar="ROUNDS",
        help="Also time the in-process import with the maintained counts and without them, "
        "interleaved ROUNDS times (the best of each).",
    )
    parser.add_argument("--keep", action="store_true", help="Keep the database afterwards.")
    parser.add_argument("--json", type=Path, help="Write the figures here as JSON.")
    args = parser.parse_args()
    figures = asyncio.run(run(args))
    width = max(len(key) for key in figures)
    for key, value in figures.items():
        print(f"{key:<{width}}  {value}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
