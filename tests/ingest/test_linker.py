"""The matching rules of the linker, on hand-written gazetteers and texts (no database)."""

from __future__ import annotations

import functools
import itertools
import time
from typing import Any

import pytest

from gql_news.ingest.country_context import given_name_gender
from gql_news.ingest.linker import (
    EntityKind,
    Gazetteer,
    GazetteerEntry,
    LinkedMention,
    demonym_forms,
    find_mentions,
    surname,
)

US, IR, KR, BY, KP = 1, 2, 3, 4, 5
COUNTRIES = (
    GazetteerEntry(
        "country", US, ("United States", "United States of America", "US", "U.S.", "America", "American")
    ),
    GazetteerEntry("country", IR, ("Iran",)),
    GazetteerEntry("country", KR, ("South Korea", "Korea", "Korean", "South Korean", "South Koreans")),
    GazetteerEntry("country", BY, ("Belarus", "Belarusian")),
    GazetteerEntry("country", KP, ("North Korea", "North Korean")),
)
DAPKIUNAS, LUKASHENKO, POPKOV, OTHER_POPKOV = 10, 11, 12, 13
PEOPLE = (
    GazetteerEntry("person", DAPKIUNAS, ("Andrei Dapkiunas",)),
    GazetteerEntry("person", LUKASHENKO, ("Aleksandr Lukashenko", "Alexander Lukashenko")),
    GazetteerEntry("person", POPKOV, ("Sergey Popkov",)),
    GazetteerEntry("person", OTHER_POPKOV, ("Ivan Popkov",)),
)
CENTER, HYNIX = 20, 21
ORGANISATIONS = (
    GazetteerEntry("organisation", CENTER, ("Belarus-Korea IT Cooperation Center",)),
    GazetteerEntry("organisation", HYNIX, ("SK Hynix", "SK hynix")),
)
GAZETTEER = Gazetteer(COUNTRIES + PEOPLE + ORGANISATIONS, non_entities=("Latin America", "Korean War"))


def links(text: str, gazetteer: Gazetteer = GAZETTEER) -> list[tuple[str, EntityKind, int]]:
    mentions = find_mentions(text, gazetteer)
    _check_offsets(text, mentions)
    return [(m.text, m.kind, m.entity_id) for m in mentions]


def _check_offsets(text: str, mentions: list[LinkedMention]) -> None:
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    for before, after in itertools.pairwise(mentions):
        assert before.end <= after.start
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text


def test_all_caps_abbreviation_is_case_sensitive() -> None:
    assert links("The US told us that U.S. officials trust us.") == [
        ("US", "country", US),
        ("U.S.", "country", US),
    ]


def test_capitalised_names_need_the_same_capitals() -> None:
    assert links("korea and KOREA and belarus") == []
    assert links("sk hynix, SK HYNIX, SK hynix") == [("SK hynix", "organisation", HYNIX)]


def test_lower_case_form_matches_lower_case_text() -> None:
    gazetteer = Gazetteer((GazetteerEntry("person", 1, ("bell hooks",)),))
    assert links("Writer bell hooks, not Bell Hooks.", gazetteer) == [("bell hooks", "person", 1)]


def test_longest_match_wins() -> None:
    assert links("South Korean, Korean and North Korean firms; the United States of America.") == [
        ("South Korean", "country", KR),
        ("Korean", "country", KR),
        ("North Korean", "country", KP),
        ("United States of America", "country", US),
    ]


def test_a_country_whose_name_takes_an_article_is_linked_without_it() -> None:
    gazetteer = Gazetteer((GazetteerEntry("country", 1, ("Gambia", "The Gambia", "Gambian")),))
    text = "The Gambia voted no. Envoys from The Gambia and the Gambia's Gambian allies agreed."
    assert links(text, gazetteer) == [
        ("Gambia", "country", 1),
        ("Gambia", "country", 1),
        ("Gambia", "country", 1),
        ("Gambian", "country", 1),
    ]


def test_organisation_swallows_the_countries_in_its_name() -> None:
    text = "the Belarus-Korea IT Cooperation Center opened, and Belarus-Korea ties grew"
    assert links(text) == [
        ("Belarus-Korea IT Cooperation Center", "organisation", CENTER),
        ("Belarus", "country", BY),
        ("Korea", "country", KR),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iranian officials", []),
        ("Iran's officials", ["Iran"]),
        ("Iran’s officials", ["Iran"]),
        ("(Iran)", ["Iran"]),
        ("Iran-backed", ["Iran"]),
        ("Iran2 and 2Iran and _Iran_", ["Iran"]),
        ("Irania", []),
        ("AmericanAirlines", []),
        ("pro-American", ["American"]),
    ],
)
def test_word_boundaries(text: str, expected: list[str]) -> None:
    assert [found for found, _, _ in links(text)] == expected


def test_surname_alone_needs_an_earlier_full_mention() -> None:
    text = "Lukashenko spoke first. Later Aleksandr Lukashenko signed, and Lukashenko left."
    assert links(text) == [
        ("Aleksandr Lukashenko", "person", LUKASHENKO),
        ("Lukashenko", "person", LUKASHENKO),
    ]
    assert links(text)[-1] == ("Lukashenko", "person", LUKASHENKO)
    assert find_mentions(text, GAZETTEER)[-1].start == text.rindex("Lukashenko")


def test_surname_of_a_person_never_named_is_not_linked() -> None:
    assert links("Dapkiunas said that Belarus is open.") == [("Belarus", "country", BY)]


def test_surname_from_an_alias_and_possessive() -> None:
    assert links("Alexander Lukashenko arrived. Lukashenko’s decree followed.") == [
        ("Alexander Lukashenko", "person", LUKASHENKO),
        ("Lukashenko", "person", LUKASHENKO),
    ]


def test_shared_surname_links_the_most_recently_named_person() -> None:
    text = "Sergey Popkov met Ivan Popkov. Popkov said. Then Sergey Popkov spoke; Popkov agreed."
    assert [(t, pk) for t, _, pk in links(text)] == [
        ("Sergey Popkov", POPKOV),
        ("Ivan Popkov", OTHER_POPKOV),
        ("Popkov", OTHER_POPKOV),
        ("Sergey Popkov", POPKOV),
        ("Popkov", POPKOV),
    ]


def test_a_surname_the_body_also_gives_someone_uncatalogued_links_no_one() -> None:
    text = "Maria Lukashenko, a weaver, met Aleksandr Lukashenko. Lukashenko learned lace at nine."
    assert links(text) == [("Aleksandr Lukashenko", "person", LUKASHENKO)]
    text = "President Lukashenko met Aleksandr Lukashenko's rival. Lukashenko left."
    assert links(text)[-1] == ("Lukashenko", "person", LUKASHENKO)


def test_a_modal_verb_opening_a_question_before_a_surname_is_no_given_name() -> None:
    text = "Aleksandr Lukashenko spoke. Will Lukashenko cut taxes? Lukashenko said no."
    assert links(text) == [
        ("Aleksandr Lukashenko", "person", LUKASHENKO),
        ("Lukashenko", "person", LUKASHENKO),
        ("Lukashenko", "person", LUKASHENKO),
    ]
    text = "Aleksandr Lukashenko met his son, Will Lukashenko. Lukashenko left."
    assert links(text) == [("Aleksandr Lukashenko", "person", LUKASHENKO)]


def test_full_form_of_another_entity_beats_a_surname() -> None:
    gazetteer = Gazetteer(
        (GazetteerEntry("person", 1, ("Ann Jordan",)), GazetteerEntry("country", 2, ("Jordan",)))
    )
    assert links("Ann Jordan visited Jordan.", gazetteer) == [
        ("Ann Jordan", "person", 1),
        ("Jordan", "country", 2),
    ]


def test_ambiguous_form_and_non_entity_phrase_link_nothing() -> None:
    gazetteer = Gazetteer(
        (
            GazetteerEntry("country", 1, ("Congo", "Congolese")),
            GazetteerEntry("country", 2, ("Congo-Brazzaville", "Congolese")),
            GazetteerEntry("country", 3, ("America",)),
        ),
        non_entities=("Latin America",),
    )
    assert links("Congolese troops left Congo-Brazzaville for Latin America and America.", gazetteer) == [
        ("Congo-Brazzaville", "country", 2),
        ("America", "country", 3),
    ]


def test_non_entity_phrase_claims_its_span() -> None:
    assert links("After the Korean War, Korean firms grew.") == [("Korean", "country", KR)]


def test_dash_and_space_variants_match() -> None:
    text = "The Belarus‑Korea IT\u00a0Cooperation Center and SK\u00a0Hynix."
    assert [(t, pk) for t, _, pk in links(text)] == [
        ("Belarus‑Korea IT\u00a0Cooperation Center", CENTER),
        ("SK\u00a0Hynix", HYNIX),
    ]


def test_names_do_not_span_paragraphs() -> None:
    assert links("in South\n\nKorea") == [("Korea", "country", KR)]


def test_empty_inputs() -> None:
    assert find_mentions("", GAZETTEER) == []
    assert find_mentions("Korea", Gazetteer(())) == []


def test_demonym_plurals() -> None:
    assert demonym_forms("Korean") == ("Korean", "Koreans")
    assert demonym_forms("Iraqi") == ("Iraqi", "Iraqis")
    assert demonym_forms("Dane") == ("Dane", "Danes")
    for invariant in ("Swiss", "Polish", "French", "Chinese", "Malagasy", "Basotho", "Batswana"):
        assert demonym_forms(invariant) == (invariant,)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Andrei Dapkiunas", "Dapkiunas"),
        ("Aleksandr Grigoryevich Lukashenko", "Lukashenko"),
        ("Charles de Gaulle", "de Gaulle"),
        ("Ursula von der Leyen", "von der Leyen"),
        ("Martin Luther King Jr.", "King"),
        ("Madonna", None),
        ("Prince II", None),
    ],
)
def test_surname(name: str, expected: str | None) -> None:
    assert surname(name) == expected


@functools.cache
def _big_gazetteer() -> Gazetteer:
    """GAZETTEER plus 20,000 organisations (built and compiled once for the tests below)."""
    crowd = tuple(GazetteerEntry("organisation", 1000 + i, (f"Org{i:05d} Holdings",)) for i in range(20_000))
    return Gazetteer(GAZETTEER.entries + crowd)


def test_a_large_gazetteer_links_the_same() -> None:
    big = _big_gazetteer()
    text = "Andrei Dapkiunas visited Korea; Org00042 Holdings and Org19999 Holdings paid."
    assert links(text, big)[:2] == links(text)
    assert [t for t, _, _ in links(text, big)[2:]] == ["Org00042 Holdings", "Org19999 Holdings"]


def test_linking_time_does_not_grow_with_the_number_of_names() -> None:
    """20,000 extra names may not slow matching down much: one trie-shaped pattern, not a list.

    An alternation tried name by name would be hundreds of times slower here; the bound is loose
    enough for a busy machine (best of three runs, 10x plus 50 ms).
    """
    big = _big_gazetteer()
    text = " ".join(["Andrei Dapkiunas said Belarus and South Korea, and the US, would trade more."] * 400)
    find_mentions(text, GAZETTEER), find_mentions(text, big)  # compile both first

    def best(gazetteer: Gazetteer) -> float:
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            find_mentions(text, gazetteer)
            timings.append(time.perf_counter() - started)
        return min(timings)

    small_time, big_time = best(GAZETTEER), best(big)
    assert big_time < small_time * 10 + 0.05, (small_time, big_time)


def test_surnames_alone_cost_work_in_proportion_to_the_body(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each surname alone is weighed against the body's "given name + surname" pairs found in one
    pass, not by a scan of the whole body per surname: a body four times longer may ask about
    given names under six times as often (a scan per surname would ask sixteen times as often)."""
    from gql_news.ingest import linker, quotes

    asked: list[str] = []

    def counted(name: str) -> str | None:
        asked.append(name)
        return given_name_gender(name)

    monkeypatch.setattr(linker, "given_name_gender", counted)
    monkeypatch.setattr(quotes, "given_name_gender", counted)
    unit = "Aleksandr Lukashenko spoke. In Minsk Lukashenko agreed. “We will wait,” Lukashenko said. "

    def work(repeats: int) -> int:
        asked.clear()
        body = unit * repeats
        mentions = find_mentions(body, GAZETTEER)
        assert [m.text for m in mentions].count("Lukashenko") == 2 * repeats
        assert len(quotes.find_quotes(body, mentions)) == repeats
        return len(asked)

    small, large = work(50), work(200)
    assert small > 0
    assert large < 6 * small, (small, large)


def test_the_gaps_between_names_are_read_in_proportion_to_the_body(monkeypatch: pytest.MonkeyPatch) -> None:
    """Surnames alone are looked for in each gap between full names by handing the automaton that
    gap, not the whole body with bounds (pyahocorasick reads all it is given at each call): a
    body four times longer (four times the gaps) may hand it under six times the characters."""
    matcher = GAZETTEER.matcher
    assert matcher.surnames is not None
    automaton = matcher.surnames._automaton
    read = 0

    class Counted:
        def iter(self, text: str, *bounds: int) -> Any:
            nonlocal read
            read += len(text)
            return automaton.iter(text, *bounds)

    monkeypatch.setattr(matcher.surnames, "_automaton", Counted())
    unit = "Andrei Dapkiunas said Belarus and South Korea would trade more. Dapkiunas agreed. "

    def characters(repeats: int) -> int:
        nonlocal read
        read = 0
        body = unit * repeats
        assert [m.text for m in find_mentions(body, GAZETTEER)].count("Dapkiunas") == repeats
        return read

    small, large = characters(50), characters(200)
    assert large < 6 * small, (small, large)
