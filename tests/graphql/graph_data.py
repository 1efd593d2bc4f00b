"""A fixture graph for the facet and entity-graph tests, and the answers computed from it in
Python (from the fixture's own description, never from the database)."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from gql_news.models import Country, Organisation, Person
from tests import factories as f

Entity = Person | Organisation | Country
KIND_RANK = {"Person": 0, "Organisation": 1, "Country": 2}
FACET_TYPES: dict[str, type[Entity]] = {"people": Person, "organisations": Organisation, "countries": Country}


@dataclass
class Story:
    """One fixture article: what it names (in body order, repeats included), its topics and date."""

    id: int
    slug: str
    title: str
    published: datetime
    entities: list[Entity]
    topics: list[str]

    @property
    def distinct(self) -> list[Entity]:
        seen: dict[tuple[str, int], Entity] = {}
        for entity in self.entities:
            seen.setdefault(key(entity), entity)
        return list(seen.values())


@dataclass
class Graph:
    stories: list[Story] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    countries: list[Country] = field(default_factory=list)


def key(entity: Entity) -> tuple[str, int]:
    return (type(entity).__name__, entity.id)


def label(entity: Entity) -> str:
    return entity.code if isinstance(entity, Country) else entity.name


# Dates chosen around bucket edges: Sunday 23:30 and Monday 00:00 UTC, month and year ends.
_EDGES = [
    datetime(2023, 12, 31, 23, 30, tzinfo=UTC),  # a Sunday, last day of a year
    datetime(2024, 1, 1, 0, 0, tzinfo=UTC),  # the Monday after
    datetime(2024, 1, 7, 23, 59, 59, tzinfo=UTC),
    datetime(2024, 2, 29, 12, 0, tzinfo=UTC),
    datetime(2024, 3, 1, 0, 0, 1, tzinfo=UTC),
]


async def build(n: int = 36, seed: int = 7) -> Graph:
    """`n` articles naming a random few of 6 people, 4 organisations and 5 countries."""
    rng = random.Random(seed)
    graph = Graph()
    graph.countries = [await f.country(code) for code in ("BY", "KR", "FR", "DE", "JP")]
    graph.people = [await f.person(f"Person {c}", country_code="BY") for c in "ABCDEF"]
    graph.organisations = [await f.organisation(f"Org {c}", country_code="KR") for c in "WXYZ"]
    pool: list[Entity] = [*graph.people, *graph.organisations, *graph.countries]
    topics = ["Politics", "Tech", "Energy"]
    for i in range(n):
        chosen = rng.sample(pool, rng.randint(1, 5))
        if rng.random() < 0.3:
            chosen.append(chosen[0])  # a second mention of the same entity
        when = (
            _EDGES[i]
            if i < len(_EDGES)
            else datetime(2023, 6, 1, tzinfo=UTC) + timedelta(hours=rng.randint(0, 9000))
        )
        tags = rng.sample(topics, rng.randint(0, 2))
        art = await f.article(f"Story {i}", entities=chosen, topics=tags, published=when)
        graph.stories.append(Story(art.id, art.slug, art.title, when, chosen, tags))
    return graph


def facet(stories: list[Story], kind: str, first: int = 10) -> list[tuple[str, int]]:
    """(label, count) of one facet over these stories, by count then name."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for story in stories:
        if kind == "topics":
            for topic in story.topics:
                counts[topic] += 1
                names[topic] = topic
            continue
        for entity in story.distinct:
            if isinstance(entity, FACET_TYPES[kind]):
                counts[label(entity)] += 1
                names[label(entity)] = entity.name
    ranked = sorted(counts.items(), key=lambda item: (-item[1], names[item[0]]))
    return ranked[:first]


def co_mentioned(graph: Graph, entity: Entity) -> list[tuple[str, int, datetime]]:
    """(label, shared articles, last shared date) for every other entity, in the API's order."""
    shared: dict[tuple[str, int], list[datetime]] = {}
    objects: dict[tuple[str, int], Entity] = {}
    for story in graph.stories:
        keys = {key(e) for e in story.distinct}
        if key(entity) not in keys:
            continue
        for other in story.distinct:
            if key(other) != key(entity):
                shared.setdefault(key(other), []).append(story.published)
                objects[key(other)] = other
    ranked = sorted(
        shared, key=lambda k: (-len(shared[k]), -max(shared[k]).timestamp(), KIND_RANK[k[0]], k[1])
    )
    return [(label(objects[k]), len(shared[k]), max(shared[k])) for k in ranked]


def related(graph: Graph, story: Story) -> list[tuple[str, float, list[str]]]:
    """(title, Jaccard score, shared labels in the source's order) of every article sharing an
    entity, a country too (the fixture is far below the per-entity candidate cap: exact)."""
    mine = [key(e) for e in story.distinct]
    out: list[tuple[float, int, datetime, int, str, list[str]]] = []
    for other in graph.stories:
        if other.id == story.id:
            continue
        theirs = {key(e) for e in other.distinct}
        common = [e for e in story.distinct if key(e) in theirs]
        if not common:
            continue
        score = len(common) / len(set(mine) | theirs)
        out.append((score, len(common), other.published, other.id, other.title, [label(e) for e in common]))
    out.sort(key=lambda r: (-r[0], -r[1], -r[2].timestamp(), -r[3]))
    return [(title, score, labels) for score, _, _, _, title, labels in out]


def bucket_start(when: datetime, interval: str) -> date:
    """The bucket of a date, from the calendar (ISO weeks via isocalendar)."""
    day = when.astimezone(UTC).date()
    if interval == "DAY":
        return day
    if interval == "WEEK":
        year, week, _ = day.isocalendar()
        return date.fromisocalendar(year, week, 1)
    if interval == "MONTH":
        return date(day.year, day.month, 1)
    return date(day.year, 1, 1)


def next_bucket(start: date, interval: str) -> date:
    if interval == "DAY":
        return start + timedelta(days=1)
    if interval == "WEEK":
        return start + timedelta(weeks=1)
    if interval == "MONTH":
        return date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    return date(start.year + 1, 1, 1)


def timeline(dates: list[datetime], interval: str) -> list[tuple[date, int]]:
    """Article counts per bucket from the first to the last non-empty one, zeros included."""
    counts = Counter(bucket_start(d, interval) for d in dates)
    if not counts:
        return []
    out = []
    current, last = min(counts), max(counts)
    while current <= last:
        out.append((current, counts.get(current, 0)))
        current = next_bucket(current, interval)
    return out
