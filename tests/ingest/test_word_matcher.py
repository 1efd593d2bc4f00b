"""The automaton matcher finds exactly what the regular expression of the same forms finds."""

from __future__ import annotations

import random

from gql_news.ingest.linker import WordMatcher, word_pattern

FORMS = ["Korea", "South Korea", "South Korean", "Korean", "Iran", "Iraq", "Côte d'Ivoire", "Jean-Marc Roux",
         "Roux", "US", "A", "Bank of Korea", "Korea Exchange", "Ko", "rea"]  # fmt: skip
PIECES = ["Korea", "South", " ", "  ", "\u00a0", "\n", "Korean", "n", "ian", "Iran", "-", "–", "Iraq", "'s",
          "’", "Côte d", "Ivoire", "Jean", "‑Marc", " Roux", "US", "us", "A", "Bank of ", "Exchange", ",", "é", "_"]  # fmt: skip


def test_same_matches_as_the_regular_expression() -> None:
    rng = random.Random(5)
    pattern = word_pattern(FORMS)
    assert pattern is not None
    matcher = WordMatcher(FORMS)
    for _ in range(3000):
        body = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 14)))
        expected = [(m.start(), m.end(), m.group()) for m in pattern.finditer(body)]
        assert [(m.start(), m.end(), m.group()) for m in matcher.finditer(body)] == expected, body
        start = rng.randint(0, len(body))
        end = rng.randint(start, len(body))
        spans = [(m.start(), m.end()) for m in pattern.finditer(body, start, end)]
        assert [(m.start(), m.end()) for m in matcher.finditer(body, start, end)] == spans, (
            body,
            start,
            end,
        )


def test_no_forms_find_nothing() -> None:
    assert WordMatcher([]).finditer("Korea") == []


def test_a_matcher_derived_after_edits_equals_one_compiled_afresh() -> None:
    from gql_news.ingest.linker import Gazetteer, GazetteerEntry, _compile, find_mentions

    rng = random.Random(9)
    surnames = ["Novak", "Berg", "Holm", "Petrov", "Jordan", "Okafor"]
    firsts = ["Ana", "Jan", "Lars", "Ivan", "Mary", "Tom"]
    entries = [
        GazetteerEntry("country", 1, ("Jordan", "Jordanian")),
        GazetteerEntry("organisation", 2, ("Berg",)),
    ]
    entries += [
        GazetteerEntry("person", 10 + i, (f"{rng.choice(firsts)} {rng.choice(surnames)}",)) for i in range(12)
    ]
    gazetteer = Gazetteer(tuple(entries), non_entities=("Jordan Valley",))
    body = " ".join(f"{f} {s} met {s}. Jordan and Berg, {s} said." for f in firsts for s in surnames)
    for _ in range(40):
        gazetteer.matcher  # noqa: B018  (built, so the next one derives from it)
        changed = list(gazetteer.entries)
        action = rng.choice(["alias", "delete", "create", "rename"])
        index = rng.randrange(len(changed))
        entry = changed[index]
        if action == "alias":
            changed[index] = GazetteerEntry(entry.kind, entry.entity_id, (*entry.forms, rng.choice(surnames)))
        elif action == "delete" and len(changed) > 3:
            del changed[index]
        elif action == "create":
            name = f"{rng.choice(firsts)} {rng.choice(surnames)}"
            changed.append(GazetteerEntry("person", 100 + len(changed) + rng.randrange(10**6), (name,)))
        else:
            changed[index] = GazetteerEntry(
                entry.kind, entry.entity_id, (f"{rng.choice(firsts)} {rng.choice(surnames)}",)
            )
        new = Gazetteer(tuple(changed), non_entities=gazetteer.non_entities).derive_from(gazetteer)
        derived, fresh = new.matcher, _compile(new)
        assert derived.targets == fresh.targets
        assert derived.bearers == fresh.bearers
        assert derived.surname_of == fresh.surname_of
        assert find_mentions(body, new) == list(fresh.find(body))
        assert find_mentions(body, gazetteer) == _compile(gazetteer).find(body)  # the base still links
        gazetteer = new
