"""A deterministic synthetic news graph: the same seed and sizes always give the same rows.

Generation is pure (no database): `generate()` takes the sizes, the stored countries and the
first free id of each table, and returns plain rows with explicit ids, so the loader can bulk
insert them without reading ids back. Article bodies are built around the entity names, so
every mention's offsets slice its body to its text (`body[start:end] == text`).

Shape, per article by default: ~5 people (each named in full once, about half of them again by
surname later), 2 countries and 2 organisations named once each, 1-2 topics. Countries are drawn
from a skewed popularity list (a few countries carry many mentions, as in real news);
`published_at` values are distinct seconds spread over `years`, so "newest first" is one order.

Two options make the data news-like at scale (both off by default, which keeps the rows above):
`vocabulary` adds `words_per_article` words per article drawn from that many generated words
with Zipf popularity (`word_zipf`: weight 1/rank^s), so most words are rare and a few are in
nearly every article; `entity_zipf` draws people and organisations with Zipf popularity instead
of uniformly, so a few are named very often and most rarely. `generate_chunks()` yields the rows
in slices of articles, so a million articles never sit in memory at once.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from bench import words
from gql_news.ingest.slugs import make_slug

GENERATOR_VERSION = 1  # bump when a change makes the same sizes and seed give other rows
_EPOCH = datetime(2023, 1, 1, tzinfo=UTC)
_POPULAR_COUNTRIES = 100  # countries that get mentioned; the rest of the ISO set stays quiet


@dataclass(frozen=True, slots=True)
class Sizes:
    """How big the dataset is; every field is a CLI flag of `python -m bench`."""

    articles: int = 20_000
    people: int = 5_000
    organisations: int = 1_000
    topics: int = 8
    people_per_article: int = 5
    countries_per_article: int = 2
    organisations_per_article: int = 2
    years: int = 3
    seed: int = 1
    vocabulary: int = 0  # generated words drawn into each article; 0: none
    words_per_article: int = 40
    word_zipf: float = 1.0  # exponent s of the words' popularity, weight 1/rank^s
    entity_zipf: float = 0.0  # the same for people and organisations; 0: uniform

    def __post_init__(self) -> None:
        if min(self.articles, self.people, self.organisations, self.topics, self.years) < 1:
            raise ValueError("articles, people, organisations, topics and years must be at least 1")
        if min(self.vocabulary, self.words_per_article) < 0 or min(self.word_zipf, self.entity_zipf) < 0:
            raise ValueError("vocabulary, words_per_article and the Zipf exponents cannot be negative")
        if self.people_per_article > self.people or self.organisations_per_article > self.organisations:
            raise ValueError("cannot mention more distinct people/organisations than exist")
        if min(self.people_per_article, self.countries_per_article, self.organisations_per_article) < 0:
            raise ValueError("per-article counts cannot be negative")


@dataclass(frozen=True, slots=True)
class CountryRef:
    """A stored country the generator may mention."""

    id: int
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class FirstIds:
    """The first free primary key of each table the generator writes."""

    topic: int = 1
    person: int = 1
    organisation: int = 1
    membership: int = 1
    article: int = 1
    article_topic: int = 1
    mention: int = 1


@dataclass(frozen=True, slots=True)
class TopicRow:
    id: int
    slug: str
    name: str


@dataclass(frozen=True, slots=True)
class PersonRow:
    id: int
    slug: str
    name: str
    surname: str
    title: str
    country_id: int | None


@dataclass(frozen=True, slots=True)
class OrganisationRow:
    id: int
    slug: str
    name: str
    country_id: int | None


@dataclass(frozen=True, slots=True)
class MembershipRow:
    id: int
    person_id: int
    organisation_id: int
    role: str


@dataclass(frozen=True, slots=True)
class ArticleRow:
    id: int
    slug: str
    title: str
    standfirst: str
    body: str
    published_at: datetime
    byline: str
    source_url: str
    content_hash: str


@dataclass(frozen=True, slots=True)
class ArticleTopicRow:
    id: int
    article_id: int
    topic_id: int
    position: int


@dataclass(frozen=True, slots=True)
class MentionRow:
    id: int
    article_id: int
    text: str
    start: int
    end: int
    person_id: int | None = None
    organisation_id: int | None = None
    country_id: int | None = None
    published_at: datetime | None = None  # the article's, as the store writes it (migration 0019)


@dataclass(slots=True)
class Dataset:
    """Every row to insert, ids included, in insertion order."""

    topics: list[TopicRow] = field(default_factory=list)
    people: list[PersonRow] = field(default_factory=list)
    organisations: list[OrganisationRow] = field(default_factory=list)
    memberships: list[MembershipRow] = field(default_factory=list)
    articles: list[ArticleRow] = field(default_factory=list)
    article_topics: list[ArticleTopicRow] = field(default_factory=list)
    mentions: list[MentionRow] = field(default_factory=list)

    def extend(self, more: Dataset) -> None:
        for name in (f.name for f in dataclasses.fields(self)):
            getattr(self, name).extend(getattr(more, name))


class _Body:
    """An article body under construction that knows the offset of everything appended."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.spans: list[tuple[int, int, str, str, int]] = []  # start, end, text, kind, entity id

    def sentence(self, text: str) -> None:
        if self.parts and not self.parts[-1].endswith("\n\n"):
            self._add(" ")
        self._add(text)

    def mention(self, template: str, text: str, kind: str, entity_id: int, **extra: str) -> None:
        prefix, suffix = template.split("{}", 1)
        if self.parts and not self.parts[-1].endswith("\n\n"):
            self._add(" ")
        self._add(prefix.format(**extra))
        self.spans.append((self.length, self.length + len(text), text, kind, entity_id))
        self._add(text)
        self._add(suffix.format(**extra))

    def paragraph_break(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n\n"):
            self._add("\n\n")

    def _add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def text(self) -> str:
        return "".join(self.parts).rstrip("\n")


def _weights(n: int, exponent: float = 0.5) -> list[float]:
    """Cumulative 1/rank^exponent popularity weights for `n` items (1/sqrt(rank) by default)."""
    return list(itertools.accumulate(1 / (rank + 1) ** exponent for rank in range(n)))


_ONSETS = "bdfghjlmnprstvz"
_VOWELS = "aeiou"
_SYLLABLES = [c + v for c in _ONSETS for v in _VOWELS]


def word(rank: int) -> str:
    """The generated word of popularity `rank` (0 = the most common): distinct for every rank.

    Syllables then a final "k", so no two words share an English stem (nothing is stripped from
    a word ending in vowel + k) and none is an English stop word.
    """
    if rank < 0:
        raise ValueError("rank cannot be negative")
    n = rank + len(_SYLLABLES)  # two syllables at least
    parts: list[str] = []
    while n:
        n, digit = divmod(n, len(_SYLLABLES))
        parts.append(_SYLLABLES[digit])
    return "".join(reversed(parts)) + "k"


def expected_documents(sizes: Sizes) -> list[float]:
    """Per vocabulary rank, the expected number of articles containing that word."""
    weights = [1 / (rank + 1) ** sizes.word_zipf for rank in range(sizes.vocabulary)]
    total = sum(weights)
    return [sizes.articles * (1 - (1 - w / total) ** sizes.words_per_article) for w in weights]


def _distinct_weighted(rng: random.Random, items: Sequence[int], cum: list[float], k: int) -> list[int]:
    chosen: list[int] = []
    k = min(k, len(items))
    while len(chosen) < k:
        pick = rng.choices(items, cum_weights=cum)[0]
        if pick not in chosen:
            chosen.append(pick)
    return chosen


def generate(sizes: Sizes, countries: Sequence[CountryRef], first: FirstIds = FirstIds()) -> Dataset:
    """The dataset for these sizes: a pure function of its arguments."""
    return next(generate_chunks(sizes, countries, first))


def generate_chunks(
    sizes: Sizes, countries: Sequence[CountryRef], first: FirstIds = FirstIds(), chunk: int | None = None
) -> Iterator[Dataset]:
    """The rows of `generate()`, in the same order, as datasets of at most `chunk` articles each.

    The first one also holds the topics, people, organisations and memberships. Without `chunk`
    there is one dataset: everything.
    """
    if chunk is not None and chunk < 1:
        raise ValueError("chunk must be at least 1 article")
    if not countries:
        raise ValueError("load the country set first: the dataset mentions stored countries")
    rng = random.Random(sizes.seed)
    data = Dataset()

    by_code = sorted(countries, key=lambda c: c.code)
    popular = rng.sample(by_code, min(_POPULAR_COUNTRIES, len(by_code)))
    country_ids = [c.id for c in popular]
    country_cum = _weights(len(popular))
    country_name = {c.id: c.name for c in popular}

    def some_country(p: float) -> int | None:
        return rng.choices(country_ids, cum_weights=country_cum)[0] if rng.random() < p else None

    names = _sample_names(rng, sizes.people)
    for offset, (first_name, surname) in enumerate(names):
        pid = first.person + offset
        name = f"{first_name} {surname}"
        data.people.append(
            PersonRow(
                pid, f"{make_slug(name)}-{pid}", name, surname, rng.choice(words.TITLES), some_country(0.85)
            )
        )

    for offset, name in enumerate(_organisation_names(rng, sizes.organisations)):
        oid = first.organisation + offset
        data.organisations.append(OrganisationRow(oid, f"{make_slug(name)}-{oid}", name, some_country(0.8)))

    mid = first.membership
    for person in data.people:
        if rng.random() < 0.6:
            for org in rng.sample(data.organisations, rng.randint(1, min(2, len(data.organisations)))):
                data.memberships.append(MembershipRow(mid, person.id, org.id, rng.choice(words.ROLES)))
                mid += 1

    topic_names = [
        *words.TOPICS[: sizes.topics],
        *(f"Topic {i}" for i in range(len(words.TOPICS) + 1, sizes.topics + 1)),
    ]
    for offset, name in enumerate(topic_names):
        data.topics.append(TopicRow(first.topic + offset, make_slug(name), name))

    everyone, every_org, topics = data.people, data.organisations, data.topics
    span = sizes.years * 365 * 24 * 3600
    seconds = sorted(rng.sample(range(span), sizes.articles))
    people_ids = range(len(data.people))
    org_ids = range(len(data.organisations))
    if sizes.entity_zipf:
        people_cum = _weights(len(data.people), sizes.entity_zipf)
        org_cum = _weights(len(data.organisations), sizes.entity_zipf)
    ranks = range(sizes.vocabulary)
    vocabulary_words = [word(rank) for rank in ranks]
    vocabulary_cum = _weights(sizes.vocabulary, sizes.word_zipf) if sizes.vocabulary else []
    mention_id = first.mention
    link_id = first.article_topic
    for offset in range(sizes.articles):
        aid = first.article + offset
        spread = min(2, sizes.people_per_article)  # symmetric, so the mean is people_per_article
        k = sizes.people_per_article + rng.randint(-spread, spread)
        if sizes.entity_zipf:
            picked = _distinct_weighted(rng, people_ids, people_cum, k)
            picked_orgs = _distinct_weighted(rng, org_ids, org_cum, sizes.organisations_per_article)
        else:
            picked = rng.sample(people_ids, min(k, len(people_ids)))
            picked_orgs = rng.sample(org_ids, sizes.organisations_per_article)
        people = [everyone[i] for i in picked]
        orgs = [every_org[i] for i in picked_orgs]
        places = _distinct_weighted(rng, country_ids, country_cum, sizes.countries_per_article)
        vocabulary = (
            [
                vocabulary_words[r]
                for r in rng.choices(ranks, cum_weights=vocabulary_cum, k=sizes.words_per_article)
            ]
            if sizes.vocabulary
            else []
        )
        body = _body(rng, people, orgs, [(cid, country_name[cid]) for cid in places], vocabulary)
        lead = people[0].surname if people else orgs[0].name if orgs else "Officials"
        where = country_name[places[0]] if places else "talks"
        title = f"{lead} {rng.choice(words.VERBS)} {rng.choice(words.NOUNS)} in {where}"
        slug = f"{make_slug(title, max_length=280)}-{aid}"
        text = body.text()
        data.articles.append(
            ArticleRow(
                id=aid,
                slug=slug,
                title=title,
                standfirst=text.split("\n\n", 1)[0],
                body=text,
                published_at=_EPOCH + timedelta(seconds=seconds[offset]),
                byline=rng.choice(words.BYLINES),
                source_url=f"https://news.example/{slug}",
                content_hash=hashlib.sha256(f"{aid}:{text}".encode()).hexdigest(),
            )
        )
        for position, topic in enumerate(rng.sample(topics, min(rng.randint(1, 2), len(topics)))):
            data.article_topics.append(ArticleTopicRow(link_id, aid, topic.id, position))
            link_id += 1
        published = data.articles[-1].published_at
        for start, end, mention_text, kind, entity_id in body.spans:
            data.mentions.append(
                MentionRow(
                    mention_id,
                    aid,
                    mention_text,
                    start,
                    end,
                    published_at=published,
                    **{f"{kind}_id": entity_id},
                )
            )
            mention_id += 1
        if chunk is not None and len(data.articles) >= chunk and offset < sizes.articles - 1:
            yield data
            data = Dataset()
    yield data


def _sample_names(rng: random.Random, n: int) -> list[tuple[str, str]]:
    pairs = [(f, s) for f in words.FIRST for s in words.LAST]
    if n <= len(pairs):
        return rng.sample(pairs, n)
    # More people than combinations: add a middle initial to make names distinct again.
    extra = [(f"{f} {chr(65 + i % 26)}.", s) for i, (f, s) in enumerate(pairs * (n // len(pairs)))]
    return rng.sample(pairs + extra, n)


def _organisation_names(rng: random.Random, n: int) -> list[str]:
    names = [f"{a} {s} {k}" for a in words.ORG_ADJ for s in words.ORG_SECTOR for k in words.ORG_KIND]
    if n <= len(names):
        return rng.sample(names, n)
    return [f"{name} {i // len(names) + 1}" for i, name in enumerate(names * (n // len(names) + 1))][:n]


def _body(
    rng: random.Random,
    people: list[PersonRow],
    orgs: list[OrganisationRow],
    places: list[tuple[int, str]],
    vocabulary: Sequence[str] = (),
) -> _Body:
    """Paragraphs naming every entity once (people in full), then about half the people by surname.

    Generated words, if any, make a sentence of the first paragraph (up to 8 of them) and
    sentences of 10 closing the body.
    """
    first_mentions: list[tuple[str, int, str, str]] = [  # kind, id, text, title
        *(("person", p.id, p.name, p.title) for p in people),
        *(("organisation", o.id, o.name, "") for o in orgs),
        *(("country", cid, name, "") for cid, name in places),
    ]
    rng.shuffle(first_mentions)
    again = [p for p in people if rng.random() < 0.5]
    body = _Body()
    body.sentence(rng.choice(words.FILLER))
    if vocabulary:
        body.sentence(_sentence(vocabulary[:8]))
    for index, (kind, entity_id, text, title) in enumerate(first_mentions):
        if index and index % 3 == 0:
            body.paragraph_break()
        template = {
            "person": words.PERSON_FIRST,
            "organisation": words.ORGANISATION,
            "country": words.COUNTRY,
        }[kind]
        body.mention(rng.choice(template), text, kind, entity_id, title=title)
        if rng.random() < 0.3:
            body.sentence(rng.choice(words.FILLER))
    body.paragraph_break()
    for person in again:
        body.mention(rng.choice(words.PERSON_AGAIN), person.surname, "person", person.id)
    body.sentence(rng.choice(words.FILLER))
    for start in range(8, len(vocabulary), 10):
        body.sentence(_sentence(vocabulary[start : start + 10]))
    return body


def _sentence(some: Sequence[str]) -> str:
    text = " ".join(some)
    return text[:1].upper() + text[1:] + "."
