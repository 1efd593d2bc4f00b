"""The labelled corpus: wire-style articles labelled by hand, in a development and a held-out half.

Each article is a file in tests/ingest/labelled/dev/ or tests/ingest/labelled/heldout/:

    section: business
    title: Airline group reports record summer

    Paragraph text with marks...

    Another paragraph...

Marks (everything unmarked must stay unlinked and unsuggested):
- ``[[text|c:XX]]`` a country (ISO alpha-2), ``[[text|p:slug]]`` a catalogued person,
  ``[[text|o:slug]]`` a catalogued organisation (tests/ingest/labelled/corpus_catalogue.json);
- ``[[text|n:role]]`` a person the catalogue does not know, who must be suggested as a person
  candidate with exactly this text; ``role`` is the role word the text names them by ("minister",
  "spokesman", "dr"), or ``-`` when they are named without one;
- ``{{text|speaker}}`` a quotation (exact text, marks and the comma before an attribution left
  out) and its speaker: ``p:slug`` (a catalogued person), ``n:Full Name`` (a person outside the
  catalogue: the quote's speaker must be null and its speaker candidate that name) or ``-``
  (attributed to no one). ``[[...]]`` marks may sit inside a quotation.

Which half an article belongs to is decided by its title alone (`half_of`): the first byte of the
SHA-256 of the title, odd for the held-out half. `python -m tests.ingest.corpus add FILE` files
new articles (separated by lines of ``---``, each starting with its ``section:`` and ``title:``
lines) into their halves; the suite fails if a file sits in the wrong half. The held-out half is
scored by the suite and never read to tune the rules: `python -m tests.ingest.corpus score dev`
lists every error of the development half; for the held-out half it prints the figures only.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from gql_news.ingest.candidates import find_candidates
from gql_news.ingest.countries import desired_countries
from gql_news.ingest.linker import Gazetteer, GazetteerEntry, country_forms, find_mentions
from gql_news.ingest.quotes import find_quotes
from gql_news.ingest.slugs import make_slug
from gql_news.models import CandidateKind

LABELLED = Path(__file__).parent / "labelled"
CATALOGUE = LABELLED / "corpus_catalogue.json"
Half = Literal["dev", "heldout"]
HALVES: tuple[Half, ...] = ("dev", "heldout")

Span = tuple[int, int, str]  # start, end, key (c:XX, p:slug, o:slug)


@dataclass(frozen=True)
class Article:
    path: Path
    section: str
    title: str
    body: str
    links: frozenset[Span]  # countries, catalogued people and organisations
    candidates: dict[str, str]  # person candidate text -> role ("-": named without one)
    quotes: frozenset[Span]  # start, end, speaker (p:slug, n:Name or "-")


def half_of(title: str) -> Half:
    """The half an article belongs to, from its title alone."""
    return "heldout" if hashlib.sha256(title.strip().encode("utf-8")).digest()[0] % 2 else "dev"


def parse(text: str, path: Path = Path("-")) -> Article:
    """One article file (format in the module docstring)."""
    head, _, rest = text.strip().partition("\n\n")
    meta = dict(line.split(":", 1) for line in head.splitlines())
    paragraphs = [p.strip() for p in rest.strip().split("\n\n") if p.strip()]
    plain, links, candidates, quotes = _unmark("\n\n".join(paragraphs))
    return Article(
        path, meta["section"].strip(), meta["title"].strip(), plain, frozenset(links), candidates,
        frozenset(quotes),
    )  # fmt: skip


def _unmark(marked: str) -> tuple[str, list[Span], dict[str, str], list[Span]]:
    out: list[str] = []
    length = 0
    stack: list[tuple[str, int]] = []  # ("[[" or "{{", start in the plain text)
    links: list[Span] = []
    quotes: list[Span] = []
    candidates: dict[str, str] = {}
    i = 0
    while i < len(marked):
        pair = marked[i : i + 2]
        if pair in ("[[", "{{"):
            stack.append((pair, length))
            i += 2
            continue
        if marked[i] == "|" and stack:
            opener, start = stack.pop()
            closer = "]]" if opener == "[[" else "}}"
            end = marked.index(closer, i)
            key = marked[i + 1 : end]
            text = "".join(out)[start:length]
            if opener == "{{":
                quotes.append((start, length, key))
            elif key.startswith("n:"):
                candidates.setdefault(text, key[2:])
            else:
                links.append((start, length, key))
            i = end + 2
            continue
        if pair in ("]]", "}}"):
            raise ValueError(f"unbalanced mark at {marked[max(0, i - 40) : i + 2]!r}")
        out.append(marked[i])
        length += 1
        i += 1
    if stack:
        raise ValueError("unclosed mark")
    return "".join(out), links, candidates, quotes


def load(half: Half) -> list[Article]:
    return [parse(p.read_text(encoding="utf-8"), p) for p in sorted((LABELLED / half).glob("*.txt"))]


def add(source: str) -> list[Path]:
    """File the articles of `source` (separated by lines of ``---``) into their halves."""
    written = []
    for block in source.split("\n---\n"):
        if not block.strip():
            continue
        article = parse(block)
        path = LABELLED / half_of(article.title) / f"{make_slug(article.title, max_length=80)}.txt"
        if path.exists():
            raise FileExistsError(path)
        path.write_text(block.strip() + "\n", encoding="utf-8")
        written.append(path)
    return written


# -- the gazetteer the corpus is linked against ---------------------------------------------


@dataclass(frozen=True)
class Catalogue:
    gazetteer: Gazetteer
    keys: dict[tuple[str, int], str]  # (kind, id) -> c:XX / p:slug / o:slug


def catalogue() -> Catalogue:
    """The ISO countries and corpus_catalogue.json, as `build_gazetteer` would build them."""
    data = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    entries: list[GazetteerEntry] = []
    keys: dict[tuple[str, int], str] = {}
    for pk, row in enumerate(desired_countries(), start=1):
        forms = country_forms(row.name, row.official_name, row.aliases, row.demonyms)
        entries.append(GazetteerEntry("country", pk, tuple(forms)))
        keys[("country", pk)] = f"c:{row.code}"
    for pk, person in enumerate(data["people"], start=1):
        entries.append(GazetteerEntry("person", pk, (person["name"], *person.get("aliases", ()))))
        keys[("person", pk)] = f"p:{make_slug(person['name'])}"
    for pk, organisation in enumerate(data["organisations"], start=1):
        names = (organisation["name"], *organisation.get("aliases", ()))
        entries.append(GazetteerEntry("organisation", pk, names))
        keys[("organisation", pk)] = f"o:{make_slug(organisation['name'])}"
    from gql_news.ingest.country_context import shipped_country_context
    from gql_news.ingest.linker import _non_entities, shipped_given_names

    gazetteer = Gazetteer(tuple(entries), _non_entities(), shipped_given_names(), shipped_country_context())
    return Catalogue(gazetteer, keys)


# -- scoring ----------------------------------------------------------------------------------


@dataclass
class Count:
    true: int = 0
    false: int = 0
    missed: int = 0

    @property
    def precision(self) -> float:
        return self.true / (self.true + self.false) if self.true + self.false else 1.0

    @property
    def recall(self) -> float:
        return self.true / (self.true + self.missed) if self.true + self.missed else 1.0

    def __str__(self) -> str:
        return f"P {self.precision:.3f} R {self.recall:.3f} ({self.true} right, {self.false} false, {self.missed} missed)"


@dataclass
class Score:
    articles: int = 0
    countries: Count = field(default_factory=Count)
    catalogued: Count = field(default_factory=Count)  # people and organisations of the catalogue
    role_candidates: Count = field(default_factory=Count)  # officials named next to a role
    all_candidates: Count = field(default_factory=Count)  # person candidates, any cue
    quotes: Count = field(default_factory=Count)  # quote spans
    speakers_right: int = 0
    speakers_wrong: int = 0  # a speaker (person or candidate) given, and not the right one
    speakers_missing: int = 0  # a speaker due and none given
    errors: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [
            f"articles {self.articles}",
            f"countries      {self.countries}",
            f"people/orgs    {self.catalogued}",
            f"candidates next to a role: recall {self.role_candidates.recall:.3f}"
            f" ({self.role_candidates.true}/{self.role_candidates.true + self.role_candidates.missed});"
            f" all person candidates {self.all_candidates}",
            f"quote spans    {self.quotes}",
            f"speakers       {self.speakers_right} right, {self.speakers_wrong} wrong,"
            f" {self.speakers_missing} not given",
        ]


def _count(count: Count, predicted: set[Span], gold: Iterable[Span]) -> tuple[set[Span], set[Span]]:
    gold = set(gold)
    count.true += len(predicted & gold)
    count.false += len(predicted - gold)
    count.missed += len(gold - predicted)
    return predicted - gold, gold - predicted


def score(articles: Iterable[Article], cat: Catalogue | None = None) -> Score:
    """Link, suggest and attribute every article with the import path's functions, and count."""
    cat = cat or catalogue()
    result = Score()
    for article in articles:
        result.articles += 1
        body, name = article.body, article.path.stem
        mentions = find_mentions(body, cat.gazetteer)
        linked = {(m.start, m.end, cat.keys[(m.kind, m.entity_id)]) for m in mentions}
        for kind, count in (("c:", result.countries), ("po", result.catalogued)):
            mine = {s for s in linked if s[2][:2] == kind or (kind == "po" and s[2][:2] in ("p:", "o:"))}
            gold = {
                s for s in article.links if s[2][:2] == kind or (kind == "po" and s[2][:2] in ("p:", "o:"))
            }
            false, missed = _count(count, mine, gold)
            result.errors += [f"{name}: linked {body[s:e]!r}@{s} as {k}" for s, e, k in sorted(false)]
            result.errors += [f"{name}: missed {body[s:e]!r}@{s} ({k})" for s, e, k in sorted(missed)]
        candidates = find_candidates(body, mentions, cat.gazetteer)
        people = {c.text for c in candidates if c.kind == CandidateKind.PERSON}
        for text, role in article.candidates.items():
            hit = text in people
            for count in [result.all_candidates] + ([result.role_candidates] if role != "-" else []):
                count.true += hit
                count.missed += not hit
            if not hit:
                result.errors += [f"{name}: candidate missed {text!r} ({role})"]
        extra = people - article.candidates.keys()
        result.all_candidates.false += len(extra)
        result.errors += [f"{name}: candidate suggested {text!r}" for text in sorted(extra)]
        found = find_quotes(body, mentions, candidates)
        spans = {(q.start, q.end, "") for q in found}
        gold_spans = {(s, e, "") for s, e, _ in article.quotes}
        false, missed = _count(result.quotes, spans, gold_spans)
        result.errors += [f"{name}: quote stored {body[s:e][:40]!r}" for s, e, _ in sorted(false)]
        result.errors += [f"{name}: quote missed {body[s:e][:40]!r}" for s, e, _ in sorted(missed)]
        speakers = {(q.start, q.end): _speaker(q.person_id, q.speaker_candidate, cat) for q in found}
        for start, end, who in sorted(article.quotes):
            if (start, end) not in speakers:
                continue
            given = speakers[(start, end)]
            if given == who:
                result.speakers_right += 1
            elif given == "-":
                result.speakers_missing += 1
                result.errors.append(f"{name}: no speaker for {body[start:end][:30]!r} (due {who})")
            else:
                result.speakers_wrong += 1
                result.errors.append(
                    f"{name}: WRONG speaker {given} for {body[start:end][:30]!r} (due {who})"
                )
    return result


def _speaker(person_id: int | None, candidate: str | None, cat: Catalogue) -> str:
    if person_id is not None:
        return cat.keys[("person", person_id)]
    return f"n:{candidate}" if candidate else "-"


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "add":
        for path in add(Path(argv[1]).read_text(encoding="utf-8")):
            print(path.relative_to(LABELLED))
        return 0
    if len(argv) == 2 and argv[0] == "score" and argv[1] in HALVES:
        result = score(load(argv[1]))
        print("\n".join(result.lines()))
        if argv[1] == "dev":
            print("\n".join(result.errors))
        return 0
    print("usage: python -m tests.ingest.corpus add FILE | score dev|heldout", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
