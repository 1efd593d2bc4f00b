"""Every article's neighbour list computed in memory, for a bulk load: the rows
`gql_news.ingest.neighbours.rebuild_neighbours` stores, without its statement per batch.

`rebuild_neighbours` walks, for every article, each of its entities' newest postings through the
mention indexes and reads its candidates' whole entity sets back from the table: about 8 ms per
article at a million articles on this 2-core machine (over two hours). Here the mention table is
read once (COPY), each entity's newest `related_posting_cap` articles are found once, and the
same selection runs over Python sets, in `workers` forked processes:

- candidates: for each of the article's distinct entities, the `cap` highest article ids naming
  it (the article itself left out), counted per candidate over those entities;
- the `neighbours.scored(top)` candidates counted most (ties: higher id) are scored exactly:
  shared distinct entities / (|A| + |B| - shared), as a double;
- the list is the `top` best by score, then shared entities, then newer publication, then higher
  id (`neighbours.scored_sql`'s order).

The rows are copied in after the old ones are deleted. `tests/test_bench_bulk.py` compares them
with the lists the store computes article by article.
"""

from __future__ import annotations

import asyncio
import io
import multiprocessing
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from operator import itemgetter
from typing import Any

import asyncpg

from gql_news.ingest.neighbours import ENTITY, scored
from gql_news.tuning import tuning

_COUNT_THEN_ID = itemgetter(1, 0)
"""Candidates most counted first, then the higher id (`reverse=True`)."""

_State = tuple[dict[int, frozenset[int]], dict[int, list[int]], dict[int, int], int, int]
_state: _State | None = None
"""What the forked workers read: entity sets, capped postings, publication times, top, scored."""


def _lists(ids: Sequence[int]) -> bytes:
    """The neighbour rows of `ids` as COPY text (article, neighbour, score, shared)."""
    assert _state is not None
    entities, postings, published, top, scoring = _state
    out = io.StringIO()
    for k in ids:
        mine = entities[k]
        counted: Counter[int] = Counter()
        for e in mine:
            counted.update(postings[e])
        counted.pop(k, None)
        if not counted:
            continue
        best = sorted(counted.items(), key=_COUNT_THEN_ID, reverse=True)[:scoring]
        ranked = []
        for other, _ in best:
            theirs = entities[other]
            shared = len(mine & theirs)
            score = shared / (len(mine) + len(theirs) - shared)
            ranked.append((-score, -shared, -published[other], -other, shared, score))
        ranked.sort()
        for row in ranked[:top]:
            out.write(f"{k}\t{-row[3]}\t{row[5]!r}\t{row[4]}\n")
    return out.getvalue().encode()


def _prepare(mentions: bytes, articles: bytes, size: int, cap: int) -> _State:
    """The workers' state from the COPY text of (article, entity) and (article, published)."""
    pairs = [int(value) for value in mentions.split()]
    times = [int(value) for value in articles.split()]
    sets: dict[int, set[int]] = {}
    for article, entity in zip(pairs[::2], pairs[1::2], strict=True):
        sets.setdefault(article, set()).add(entity)
    naming: dict[int, list[int]] = {}
    for article, found in sets.items():
        for entity in found:
            naming.setdefault(entity, []).append(article)
    postings = {entity: sorted(articles, reverse=True)[:cap] for entity, articles in naming.items()}
    entities = {article: frozenset(found) for article, found in sets.items()}
    published = dict(zip(times[::2], times[1::2], strict=True))
    return entities, postings, published, size, scored(size)


async def _read(conn: asyncpg.Connection, query: str) -> bytes:
    """A query's rows as COPY text (integers only)."""
    chunks: list[bytes] = []

    async def keep(chunk: bytes) -> None:
        chunks.append(chunk)

    await conn.copy_from_query(query, output=keep)
    return b"".join(chunks)


async def build_neighbour_lists(url: str, log: Callable[[str], Any], workers: int = 2) -> int:
    """Replace every neighbour list (see the module docstring); returns the articles listed."""
    global _state
    started = time.perf_counter()
    size, cap = tuning().related_neighbours, tuning().related_posting_cap
    conn = await asyncpg.connect(url)
    try:
        # Every mention row, repeats included (the sets drop them): no sort in the database.
        pairs = await _read(conn, f"SELECT article_id, {ENTITY} FROM mention")
        # Microseconds since the epoch: an exact order of the timestamps.
        times = await _read(
            conn, "SELECT id, CAST(EXTRACT(EPOCH FROM published_at) * 1000000 AS bigint) FROM article"
        )
        _state = await asyncio.to_thread(_prepare, pairs, times, size, cap)
        del pairs, times
        ids = sorted(_state[0])
        log(f"neighbour lists: {len(ids):,} articles' entities read in {time.perf_counter() - started:.1f} s")
        step = max(1, min(20_000, len(ids) // (4 * max(1, workers)) + 1))
        parts = [ids[first : first + step] for first in range(0, len(ids), step)]
        await conn.execute("SET synchronous_commit = off")
        async with conn.transaction():
            await conn.execute("DELETE FROM article_neighbour")
            with ProcessPoolExecutor(max(1, workers), mp_context=multiprocessing.get_context("fork")) as pool:
                results = pool.map(_lists, parts)
                for done in range(1, len(parts) + 1):
                    rows = await asyncio.to_thread(next, results)
                    await conn.copy_to_table(
                        "article_neighbour",
                        source=io.BytesIO(rows),
                        columns=["article_id", "neighbour_id", "score", "shared"],
                    )
                    if done % max(1, len(parts) // 10) == 0:
                        log(
                            f"neighbour lists of {min(done * step, len(ids)):,} articles"
                            f" in {time.perf_counter() - started:.1f} s"
                        )
    finally:
        _state = None
        await conn.close()
    return len(ids)
