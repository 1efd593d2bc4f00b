"""The quote extractor on random bodies of quote marks, names, pronouns and punctuation.

Whatever the text, every quote keeps body[start:end] == text, a non-empty span, and a start no
other quote of the body has (the table's unique key); nothing raises.
"""

from __future__ import annotations

import random

from gql_news.ingest.linker import LinkedMention
from gql_news.ingest.quotes import find_quotes

_PIECES = (
    "“", "”", '"', "‘", "’", "'", " ", " ", " ", "\n", "\n\n", ".", ",", ":", "!", "?", "—",
    "we", "win", "he", "she", "said", "added", "according to", "that", "Ann Lee", "Bo Li",
)  # fmt: skip


def _mentions(body: str) -> list[LinkedMention]:
    found = []
    for person_id, name in enumerate(("Ann Lee", "Bo Li"), start=1):
        position = body.find(name)
        while position != -1:
            found.append(LinkedMention("person", person_id, name, position, position + len(name)))
            position = body.find(name, position + len(name))
    return sorted(found, key=lambda m: m.start)


def test_random_bodies_keep_the_offsets_invariant() -> None:
    rng = random.Random(20261128)
    quoted = 0
    for _ in range(3000):
        body = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 60)))
        quotes = find_quotes(body, _mentions(body))
        starts = [q.start for q in quotes]
        assert len(set(starts)) == len(starts), body
        assert starts == sorted(starts), body
        for quote in quotes:
            assert 0 <= quote.start < quote.end <= len(body), (body, quote)
            assert body[quote.start : quote.end] == quote.text, (body, quote)
            assert quote.person_id in (None, 1, 2)
        quoted += len(quotes)
    assert quoted > 100  # the generator does produce quotations
