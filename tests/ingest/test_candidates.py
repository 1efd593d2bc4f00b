"""Entity candidates: which capitalised names are suggested, with which kind and cue (no database)."""

from __future__ import annotations

import pytest

from gql_news.ingest.candidates import find_candidates
from gql_news.ingest.country_context import shipped_country_context
from gql_news.ingest.linker import Gazetteer, GazetteerEntry, find_mentions, shipped_given_names
from gql_news.models import CandidateKind

GAZETTEER = Gazetteer(
    (
        GazetteerEntry("country", 1, ("Belarus", "Belarusian")),
        GazetteerEntry("country", 2, ("South Korea", "South Korean", "Korean", "Korea")),
        GazetteerEntry("person", 3, ("Aleksandr Lukashenko",)),
        GazetteerEntry("organisation", 4, ("SK Hynix",)),
        GazetteerEntry("person", 5, ("Jan Novak",)),
        GazetteerEntry("organisation", 6, ("Jan Novak",)),  # ambiguous: links nothing
    ),
    non_entities=("Latin America",),
)


def found(text: str) -> list[tuple[str, str, str]]:
    candidates = find_candidates(text, find_mentions(text, GAZETTEER), GAZETTEER)
    for c in candidates:
        assert text[c.start : c.end] == c.text
    return [(c.text, c.kind.value, c.cue) for c in candidates]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prime Minister Kiri Tane said yes.", [("Kiri Tane", "person", "minister")]),
        ("The energy minister Ana Petrova resigned.", [("Ana Petrova", "person", "minister")]),
        ("Ana Petrova, the deputy finance minister, resigned.", [("Ana Petrova", "person", "deputy")]),
        ("Ana Petrova said prices fall.", [("Ana Petrova", "person", "said")]),
        ("He beat his training partner Wilson Cheruiyot.", [("Wilson Cheruiyot", "person", "partner")]),
        ("“No,” said Ana Petrova.", [("Ana Petrova", "person", "said")]),
        ("Lars Berg told reporters.", [("Lars Berg", "person", "told")]),
        ("According to Nordvik Energy, profits rose.", [("Nordvik Energy", "organisation", "according to")]),
        ("The CEO of Acme Group spoke.", [("Acme Group", "organisation", "ceo")]),
        ("A spokesperson for Acme declined.", [("Acme", "organisation", "spokesperson")]),
        ("Acme’s chief executive left.", [("Acme", "organisation", "chief")]),
        ("NATO said it would respond.", [("NATO", "organisation", "said")]),
        (
            "The Finance Ministry spokesperson declined.",
            [("Finance Ministry", "organisation", "spokesperson")],
        ),
        ("South Korean President Moon Jae-in said.", [("Moon Jae-in", "person", "president")]),
        ("Helen Tremayne, who milks cows, agreed.", [("Helen Tremayne", "person", "who")]),
        ("The Kennel Club said entries rose.", [("Kennel Club", "organisation", "said")]),
        ("Chad Whitfield kicked a goal. Whitfield came on late.", [("Chad Whitfield", "person", "surname")]),
        # a name a point of the compass opens is a place's, whatever speaks after it
        ("The mayor of East Samos said the site could be a school.", []),
        ("North Yorkshire said roads were closed.", []),
        ("Anna West said she would appeal.", [("Anna West", "person", "said")]),
        # an age written as one word before a name of given or unknown words; not a hall's age
        ("Every day 12-year-old Sofiia Bondarenko logs on.", [("Sofiia Bondarenko", "person", "age")]),
        ("A six-year-old Tigist Bekele ran.", [("Tigist Bekele", "person", "age")]),
        ("The 40-year-old Royal Albert Hall needs repairs.", []),
        ("The 150-year-old Gaelscoil Bhoston needs repairs.", []),
        # a nationality between the role's comma and the name; an affiliation after the name
        ("Minsk's coach, the Belarusian Anna Petrova, said no.", [("Anna Petrova", "person", "coach")]),
        (
            "Her co-author, Daniel de Vries of Leiden University, said so.",
            [("Daniel de Vries", "person", "co-author")],
        ),
        # a country's own, or a name and where from, when the name opens with a given name
        ("Korea's Anna Schmidt was second.", [("Anna Schmidt", "person", "nationality")]),
        (
            "It was won by Daniel Moreau of Belarus in record time.",
            [("Daniel Moreau", "person", "nationality")],
        ),
        # two people joined by "and", each named again alone
        (
            "Lena Hoffmann and Sarah Klein started it. Hoffmann left; Klein stayed.",
            [("Lena Hoffmann", "person", "surname"), ("Sarah Klein", "person", "surname")],
        ),
    ],
)
def test_suggested(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "He said that the plan works.",  # a pronoun
        "The Minister said this.",  # a role without a name
        "Novak said he agreed.",  # one word: a surname, or a pronoun at a sentence start
        "In South Hamland, the foreign minister said.",  # a place after a preposition
        "Belarus President Aleksandr Lukashenko said.",  # known: linked
        "SK Hynix said profits rose.",  # known organisation
        "Jan Novak said so.",  # ambiguous catalogue form: known, not a candidate
        "Latin America said nothing.",  # a non-entity phrase
        "Energy Minister Ana",  # one-word name after the role
        "Ana Petrova visited Minsk.",  # no role word, no speech verb
        "ana petrova said so.",  # lower case
        "Georgia Power raised prices. Power cuts followed.",  # a word that ends a body's name
        "Air Lanoria said bookings rose.",  # a name that opens with a company's word
        "Marks and Spencer raised prices. Spencer stores were busy.",  # "and" before one word
    ],
)
def test_not_suggested(text: str) -> None:
    assert found(text) == []


def test_a_company_named_after_a_country_is_no_person() -> None:
    gazetteer = Gazetteer(
        (GazetteerEntry("country", 1, ("Kenya", "Kenyan")),),
        given_names=shipped_given_names(),
        context=shipped_country_context(),
    )
    text = "Kenya Power, the electricity distributor, rose. Wanjiru Power, the economist, spoke."
    people = [c.text for c in find_candidates(text, find_mentions(text, gazetteer), gazetteer)]
    assert people == ["Wanjiru Power"]
    gazetteer = Gazetteer(
        (GazetteerEntry("country", 1, ("China", "Chinese")), GazetteerEntry("country", 2, ("Jordan",))),
        given_names=shipped_given_names(),
        context=shipped_country_context(),
    )
    text = "China Southern said it would wait. Marcy Jordan, an economist, said so. Jordan Haddad said no."
    people = [c.text for c in find_candidates(text, find_mentions(text, gazetteer), gazetteer)]
    assert people == ["Marcy Jordan", "Jordan Haddad"]  # opened by given names


def test_a_title_set_off_by_commas_makes_a_name_holding_a_country_a_person() -> None:
    gazetteer = Gazetteer(
        (GazetteerEntry("country", 1, ("Netherlands", "Holland")), GazetteerEntry("country", 2, ("China",))),
        given_names=shipped_given_names(),
        context=shipped_country_context(),
    )
    text = (
        "The chief executive of Island Bakeries, Holland Price, said sales rose. "
        "Shares of the property developer China Evergrande fell."
    )
    people = [
        c.text
        for c in find_candidates(text, find_mentions(text, gazetteer), gazetteer)
        if c.kind.value == "person"
    ]
    assert people == ["Holland Price"]


def test_who_after_a_name_holding_a_country_makes_it_a_person() -> None:
    gazetteer = Gazetteer(
        (GazetteerEntry("country", 1, ("China", "Chinese")), GazetteerEntry("country", 2, ("Jamaica",))),
        given_names=shipped_given_names(),
        context=shipped_country_context(),
    )
    for text, expected in (
        ("China Miller, who owns a takeaway in Leicester, said fees were high.", ["China Miller"]),
        ("The bartender Jamaica Okonkwo, who runs a bar in Shoreditch, agreed.", ["Jamaica Okonkwo"]),
        ("China Southern, which flies to London, said nothing.", []),  # a firm takes "which"
    ):
        people = [
            c.text
            for c in find_candidates(text, find_mentions(text, gazetteer), gazetteer)
            if c.kind.value == "person"
        ]
        assert people == expected


def test_a_natural_feature_s_name_is_no_person() -> None:
    gazetteer = Gazetteer((), given_names=shipped_given_names(), context=shipped_country_context())
    text = "Scientists at a lab on the Caspian Sea said sturgeon had not recovered."
    assert find_candidates(text, find_mentions(text, gazetteer), gazetteer) == []


def test_a_title_word_after_a_given_name_ends_the_name() -> None:
    gazetteer = Gazetteer((), given_names=shipped_given_names(), context=shipped_country_context())
    text = "The Leeds baker Sarah English said she had held her prices."
    people = [c.text for c in find_candidates(text, find_mentions(text, gazetteer), gazetteer)]
    assert people == ["Sarah English"]


def test_first_occurrence_of_each_text_once() -> None:
    text = "Ana Petrova said yes. Later Ana Petrova said no. Energy Minister Ana Petrova left."
    assert found(text) == [("Ana Petrova", "person", "said")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a role set off by commas before the name, with what it is a role of
        ("The agency's auditor, Mirela Dobre, said no.", [("Mirela Dobre", "person", "auditor")]),
        ("A dentist from Tallinn, Kadri Tamm, agreed.", [("Kadri Tamm", "person", "dentist")]),
        # a plural's possessive inside what the role is of: the plural is whose, not the role
        ("The head of a sheep farmers' union in Thessaly, Yannis Papadakis, said no.",
         [("Yannis Papadakis", "person", "head")]),
        ("A spokesman for the nurses’ union, Tom Webb, said no.", [("Tom Webb", "person", "spokesman")]),
        # roles outside the short list, hyphenated roles, abbreviated titles
        ("Undersecretary Hamid Rahimi left.", [("Hamid Rahimi", "person", "undersecretary")]),
        ("Ines Duarte, the vice-chancellor, left.", [("Ines Duarte", "person", "vice-chancellor")]),
        ("Prof Tomasz Zieliński said no.", [("Tomasz Zieliński", "person", "prof")]),
        # offices WordNet gives no title sense
        ("Justice Helen Marsh said no.", [("Helen Marsh", "person", "justice")]),
        ("Congresswoman Ana Reyes said no.", [("Ana Reyes", "person", "congresswoman")]),
        # one of a people before a full name, whose noun is a given name too
        ("He has been coached by the Finn Kari Hakkarainen, who moved to Aarhus.",
         [("Kari Hakkarainen", "person", "who")]),
        ("The vote was 4-1, said Town Supervisor Peter Caldwell, who chairs the board.",
         [("Peter Caldwell", "person", "supervisor")]),
        # two nouns for people closed up into one; a short word that is no title opens the name
        ("Headteacher Amina Rashid said no.", [("Amina Rashid", "person", "headteacher")]),
        ("Pa Houa Xiong, who represents the ward, said no.", [("Pa Houa Xiong", "person", "who")]),
        # a capitalised particle opening a name of three words is its surname ("Le", Vietnamese)
        ("The economist Le Thi Thu said prices would fall.", [("Le Thi Thu", "person", "economist")]),
        # particles, hyphens and accents inside the name; the surname alone is the same person
        ("The judge, Pieter van der Westhuizen, ruled. Van der Westhuizen said it was late.",
         [("Pieter van der Westhuizen", "person", "judge")]),
        ("Its mayor, Aïcha Ben-Ammar, spoke.", [("Aïcha Ben-Ammar", "person", "mayor")]),
        ("The envoy, Maria do Carmo Alves, said no.", [("Maria do Carmo Alves", "person", "envoy")]),
        # "Abu" ("father of") opens an Arabic name: no particle before a surname
        ("A farmer, Abu Khaled al-Masri, said no.", [("Abu Khaled al-Masri", "person", "farmer")]),
        # two names joined by "and", or an acronym, are not one person
        ("Lisbon and Porto said yes.", []),
        ("Air Baltic-ABX said profits rose.", []),
    ],
)  # fmt: skip
def test_roles_particles_and_appositives(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tigist Bekele won the race in Valencia.\n\n“I wanted to run fast,” Bekele said.",
            [("Tigist Bekele", "person", "subject")],
        ),
        (
            "Ruan van der Berg won by three shots.\n\n“It means a lot,” van der Berg said.",
            [("Ruan van der Berg", "person", "subject")],
        ),
        (
            "Kemal Aydin, from Izmir, chose Britain.\n\n“Everyone learns it from films,” he said.",
            [("Kemal Aydin", "person", "subject")],
        ),
    ],
)
def test_a_sentence_subject_who_speaks_later(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Kenta Mori shared third place.",  # speaks nowhere
        "Kenta Mori shared third.\n\nLater on.\n\nAt the end.\n\n“We won,” she said.",  # too far
        "Cape Town hosted the race. “We won,” she said.",  # a place's word
        "Kenta Mori shared third. Lars Berg spoke next. “We won,” Berg said.",  # another's surname
        "Jersey Royal potatoes are in season.\n\nNadia Sueur, who runs a shop, agreed. “Good,” she said.",
    ],
)
def test_a_sentence_subject_who_does_not_speak(text: str) -> None:
    assert found(text) == [] or all(name != "Kenta Mori" for name, _, _ in found(text))


def test_a_name_is_read_again_only_within_a_bounded_reach(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each name reads a bounded stretch after it (its surname alone, a quotation given to "he"),
    so a body costs work linear in its length however many names it holds."""
    from gql_news.ingest import candidates

    monkeypatch.setattr(candidates, "_LATER_REACH", 200)
    filler = "The rain kept on. " * 20  # 360 characters, past the reach
    near = "Chad Whitfield kicked a goal. Whitfield came on late."
    assert found(near) == [("Chad Whitfield", "person", "surname")]
    assert found(f"Chad Whitfield kicked a goal. {filler}Whitfield came on late.") == []
    spoken = "Ruan van der Berg won the race. “It was hard,” van der Berg said."
    assert found(spoken) == [("Ruan van der Berg", "person", "subject")]
    assert found(f"Ruan van der Berg won the race. {filler}“It was hard,” van der Berg said.") == []
    pronoun = "Kemal Aydin, from Izmir, won.\n\n“It was hard,” he said."
    assert found(pronoun) == [("Kemal Aydin", "person", "subject")]
    assert found(f"Kemal Aydin, from Izmir, won. {filler}\n\n“It was hard,” he said.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a role noun after a possessive, the name opening with no known given name
        (
            "Their goalkeeper Obinna Kwarteng Mensah saved twice.",
            [("Obinna Kwarteng Mensah", "person", "goalkeeper")],
        ),
        ("Minsk's striker Obinna Kwarteng scored.", [("Obinna Kwarteng", "person", "striker")]),
        # a noun phrase after a possessive, set off by commas before a given name
        ("Her Belarusian colleague, Tomas Vilkas, disagreed.", [("Tomas Vilkas", "person", "colleague")]),
        # a preposition before a name that opens with a given name
        ("The goal came from Peter Okonjo-Ade late on.", [("Peter Okonjo-Ade", "person", "from")]),
        ("The award went to Laura Stanek for her novel.", [("Laura Stanek", "person", "to")]),
        # led by a role, the name followed by an organisation
        (
            "The survey, led by the zoologist Laura Stanek of Charles University, ended.",
            [("Laura Stanek", "person", "zoologist")],
        ),
        # a scientist named by the science; a hyphenated noun after a possessive
        (
            "The dig, led by the palaeontologist Laura Stanek, ended.",
            [("Laura Stanek", "person", "palaeontologist")],
        ),
        ("Their scrum-half, Peter Okonjo, kicked well.", [("Peter Okonjo", "person", "scrum-half")]),
        # after a preposition and before "of", a name no dictionary knows, without a known given name
        ("The race was won by Zeritu Gebremariam of Belarus.", [("Zeritu Gebremariam", "person", "by")]),
        (
            "The survey was led by Wambui Njoroge of the University of Minsk.",
            [("Wambui Njoroge", "person", "by")],
        ),
        # a plural noun for people set off by commas before the name
        ("One of the drivers in the convoy, Tomas Vilkas, said no.", [("Tomas Vilkas", "person", "drivers")]),
        ("One of the fishermen, Tomas Vilkas, agreed.", [("Tomas Vilkas", "person", "fishermen")]),
        # an age or "whose" set off after the name
        ("Peter Okonjo, 52, denies the charge.", [("Peter Okonjo", "person", "age")]),
        ("Laura Stanek, whose farm flooded, left.", [("Laura Stanek", "person", "whose")]),
        # "and" after one capitalised word, before a given name and a surname
        ("Novak met Petrova and Laura Stanek, who runs a bakery.", [("Laura Stanek", "person", "who")]),
        # a surname led by a lower-case particle and a hyphen
        (
            "Its chairman, Sheikh Khalid bin Saud al-Mansouri, said so.",
            [("Khalid bin Saud al-Mansouri", "person", "sheikh")],
        ),
        # a first word WordNet has only as a named individual ("Collins", "Park", "Washington") is a
        # given name or a surname, no role before the name
        (
            "Kenya's Collins Kiptanui, the world indoor champion, faded to sixth.",
            [("Collins Kiptanui", "person", "champion")],
        ),
        (
            "Prices will fall, said Park Soo-min, an analyst at a Seoul brokerage.",
            [("Park Soo-min", "person", "said")],
        ),
        (
            "Washington Rivero, a bandoneon player, died on Sunday.",
            [("Washington Rivero", "person", "player")],
        ),
        # a church's title of a bishop before the name, no part of it
        (
            "The blessing was led by Abune Yohannes Gebremedhin, the archbishop of Gondar.",
            [("Yohannes Gebremedhin", "person", "abune")],
        ),
    ],
)
def test_suggested_by_grammar(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The ferry sails from Victoria Falls Bridge daily.",  # no given name's surname: a place
        "A loan from Georgia Power Group helped.",  # a body's words
        "Many Ways Bakery, the caterer, grew. Many Ways hired staff.",  # a company by its head word
        "Minsk's best-known baker, Plaza Harinas, expanded. Plaza's profits rose.",
        "In their report, Acme Group said so.",  # an organisation
        "Room 101, 5, is closed.",  # a number, no name
        "The cup was won by Manchester United of England.",  # dictionary and place words
        "The race was won by Zeritu Gebremariam in Minsk.",  # unknown words, no given name, no "of"
        # an apposition whose head is a body's word ("a volunteer group"), after any cue
        "The mural was paid for by Viva Cuba, a volunteer group that has commissioned most of them.",
        "Viva Cuba, the volunteer group, met. Cuba has never had an embassy here, Morales said.",
    ],
)
def test_not_suggested_as_a_person(text: str) -> None:
    assert all(kind != "person" for _, kind, _ in found(text))


def _letters(number: int) -> str:
    """A distinct capitalised word for each number ("Baab", "Baac", ...)."""
    return "Ba" + "".join(chr(ord("a") + int(digit)) for digit in f"{number:04d}")


def test_a_name_that_ends_a_longer_one_is_the_same_person() -> None:
    text = "Minister Luis Fernández de Córdoba spoke. Minister Fernández de Córdoba said no."
    assert [name for name, _, _ in found(text)] == ["Luis Fernández de Córdoba"]


def test_names_ending_longer_ones_are_found_with_work_in_proportion_to_the_body() -> None:
    """Each person's name is weighed against the others' by one binary search, not a comparison
    with every other name: a body four times longer (four times the names) may run under six
    times the lines (a comparison per pair of names, sixteen times as many)."""
    from tests.ingest.work import lines_run

    def body(names: int) -> str:
        return " ".join(f"{_letters(i)} {_letters(i + 5000)} said, and" for i in range(names))

    assert len(found(body(3))) == 3
    small = lines_run(lambda: found(body(200)))
    large = lines_run(lambda: found(body(800)))
    assert large < 6 * small, (small, large)


def _work(text: str) -> int:
    """Lines run plus characters searched to find the candidates of `text`."""
    from gql_news.ingest import candidates
    from tests.ingest.work import work_done

    return work_done(candidates, lambda: found(text))


def test_names_are_read_again_with_work_in_proportion_to_the_body(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where a name's surname comes again alone, or its family speaks, is read from indexes of
    the body's words and speech verbs made once, and what was read for a name is not read again
    for its repeats: with no reach at all, a body four times longer (four times the names) may
    cost under six times the work (lines run plus characters searched); reading the rest of the
    body for each name would cost sixteen times as much."""
    from gql_news.ingest import candidates

    monkeypatch.setattr(candidates, "_LATER_REACH", 10**9)
    spoken = "Ruan van der Berg won the race. “It was hard,” van der Berg said."
    assert found(spoken) == [("Ruan van der Berg", "person", "subject")]

    def body(names: int) -> str:
        return " ".join(f"Ruan van der Berg won. Kemal {_letters(i)} won the race." for i in range(names)) + (
            " “It was hard,” van der Berg said."
        )

    small, large = _work(body(100)), _work(body(400))
    assert large < 6 * small, (small, large)


def test_a_name_written_again_by_its_first_word_is_read_from_the_indexed_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Whether a name opening with no given name is later called by its first word alone is read
    from the body's words, indexed once, not by a search of the rest of the body per word: with no
    reach at all, a body four times longer (four times the names, each written twice) may cost
    under six times the work (lines run plus characters searched); a search per word after each
    name costs sixteen times as much."""
    from gql_news.ingest import candidates

    monkeypatch.setattr(candidates, "_LATER_REACH", 10**9)

    def body(names: int) -> str:
        return " ".join(
            f"{_letters(i)} {_letters(i + 5000)} said so. {_letters(i)} {_letters(i + 5000)} said no."
            for i in range(names)
        )

    assert [name for name, _, _ in found(body(2))] == ["Baaaaa Bafaaa", "Baaaab Bafaab"]

    small, large = _work(body(100)), _work(body(400))
    assert large < 6 * small, (small, large)


@pytest.mark.parametrize(
    ("text", "people"),
    [
        # a company is called by the head of its name
        ("Pampa Alimentos, the meatpacker, said it would buy. Pampa's shares rose.", []),
        ("Pampa Alimentos said it would buy. Shares in Pampa-based firms rose.", []),
        # a person by the surname, or by the whole name again
        ("Obinna Kwarteng said so. Obinna left, and Kwarteng spoke.", ["Obinna Kwarteng"]),
        ("Obinna Kwarteng said so. Later Obinna Kwarteng said no.", ["Obinna Kwarteng"]),
        # the whole name inside longer words is the name, not its first word alone
        (
            "Obinna Kwarteng said so. Obinna Kwarteng-Mensah said no.",
            ["Obinna Kwarteng", "Obinna Kwarteng-Mensah"],
        ),
    ],
)
def test_a_name_later_called_by_its_first_word_alone_is_no_person(text: str, people: list[str]) -> None:
    assert [name for name, kind, _ in found(text) if kind == "person"] == people


def test_a_name_written_again_at_the_reach_s_end_is_the_name(monkeypatch: pytest.MonkeyPatch) -> None:
    """A word counts within the reach when the body writes it whole and it ends there: the full
    name written again across the reach's end is the name, not its first word alone, and a
    first word cut by the reach's end is not written."""
    from gql_news.ingest import candidates

    text = "Obinna Kwarteng said so. Then Obinna Kwarteng said no."
    monkeypatch.setattr(candidates, "_LATER_REACH", len(" said so. Then Obinna Kwar"))
    assert [name for name, _, _ in found(text)] == ["Obinna Kwarteng"]
    text = "Pampa Alimentos said so. Then Pampanga said no."
    monkeypatch.setattr(candidates, "_LATER_REACH", len(" said so. Then Pampa"))
    assert [name for name, _, _ in found(text)] == ["Pampa Alimentos"]
    monkeypatch.setattr(candidates, "_LATER_REACH", 10**9)
    assert [name for name, _, _ in found("Pampa Alimentos said so. Then Pampa said no.")] == []


@pytest.mark.parametrize(
    "text",
    [
        "The unit was sold to Morgan Stanley last year.",  # a buyer: a company as often as a person
        "The chain was bought by Harvey Norman in 2019.",
        "The stake was acquired by Laura Ashley Holdings.",
        "The plant was financed by Morgan Stanley.",
    ],
)
def test_a_preposition_after_a_trade_verb_suggests_no_person(text: str) -> None:
    assert [c for c in found(text) if c[1] == "person"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Its partner Hyundai Rotem built the trains.",  # a party to business may be a company
        "The bank's client Glencore Xstrata paid late.",
        "Minsk's rival Dinamo Brest won.",
    ],
)
def test_a_possessive_before_a_party_to_business_suggests_no_person(text: str) -> None:
    assert [c for c in found(text) if c[1] == "person"] == []


def test_a_name_opened_by_a_country_of_two_words_is_no_person_unless_a_title_is_set_off() -> None:
    """A given name ("Hong") opening a country's name of two words ("Hong Kong") is no person's;
    a title set off by commas before it still makes it a person (the ISO countries' forms)."""
    from tests.ingest.corpus import catalogue

    gazetteer = catalogue().gazetteer

    def people(text: str) -> list[str]:
        found = find_candidates(text, find_mentions(text, gazetteer), gazetteer)
        return [c.text for c in found if c.kind.value == "person"]

    assert people("The award went to Hong Kong Disneyland for its record.") == []
    assert people("The award went to Hong Lee for her record.") == ["Hong Lee"]
    assert people("The chief executive, Hong Kong Lee, said no.") == ["Hong Kong Lee"]


@pytest.mark.parametrize(
    "text",
    [
        # "to" and a name of unknown words from a country: a contract's other party, often a company
        "The order for the trams went to Talgo Vagonka of Belarus in May.",
        # "Team" opens a team's name, whatever cue follows it
        "Team Visma, 14, trailed by a minute.",
        "Team Jumbo said the rider would start.",
        # a name after a preposition of place is where the speakers are, not a speaker
        "Traders in Rio Grande said prices fell.",
        "Analysts at Goldman Sachs said the rally would fade.",
        # a name of given names only is no person by "by" or "whose" alone
        "The campaign was designed by John Lewis last year.",
        "The float was handled by Morgan Stanley, whose analysts had doubts.",
        # an appositive whose head is a body's word
        "Advised by Lazard Freres, the company raised 2 billion.",
        "Talgo Vagonka, the company behind the trams, said it would appeal.",
        # a thing's rival, partner or client
        "Its competitor Vestas Vind said orders fell.",
        "Its partner, Hyundai Rotem, said it would build the depot.",
    ],
)
def test_companies_and_places_in_a_person_s_shapes_are_no_people(text: str) -> None:
    assert [c for c in found(text) if c[1] == "person"] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The race was won by Tigist Bekele of Belarus.", "Tigist Bekele"),
        ("Officials said Maria Lopez would lead the talks.", "Maria Lopez"),
        ("The ward was helped by Anna Kelly, a nurse, who stayed all night.", "Anna Kelly"),
        ("Holland set up the equaliser, a low shot from Marcus Reid.", "Marcus Reid"),
        ("Lee Dickey, whose family grows peaches, agreed.", "Lee Dickey"),
        ("Its owner, Obinna Kwarteng, said it would reopen.", "Obinna Kwarteng"),
        ("Its partner, Jan Kowalski, said it would reopen.", "Jan Kowalski"),
        ("His rival Obinna Kwarteng said he would win.", "Obinna Kwarteng"),
        ("Team officials said Kemal Aydin would ride.", "Kemal Aydin"),
        # a body's word before the role is what the role is of
        ("Ana Petrova, the energy minister, resigned.", "Ana Petrova"),
        ("Kofi Mensah, the police chief, said the road was shut.", "Kofi Mensah"),
    ],
)
def test_people_in_the_same_shapes_stay_people(text: str, name: str) -> None:
    assert [c[0] for c in found(text) if c[1] == "person"] == [name]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Her counterpart, Ștefan Dumitrescu, agreed.", "Ștefan Dumitrescu"),  # "Stefan", accented
        ("The award went to Ștefania Lungu for her record.", "Ștefania Lungu"),
    ],
)
def test_a_given_name_written_with_accents_the_list_lacks_is_a_given_name(text: str, name: str) -> None:
    assert [c[0] for c in found(text) if c[1] == "person"] == [name]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # after a preposition of place: what commas set off after the name is said of it
        ("Speaking in London, Keir Starmer said taxes would rise.", "Keir Starmer"),
        ("Outside the court, Amber Heard said she was relieved.", "Amber Heard"),
        ("The criticism was aimed at Gareth Southgate, who said he would stay.", "Gareth Southgate"),
        ("Confidence in Gareth Southgate, whose side lost, is waning.", "Gareth Southgate"),
        ("Crowds gathered around Lionel Messi, who signed shirts.", "Lionel Messi"),
        ("He smiled at Serena Williams, who waved back.", "Serena Williams"),
        ("The spotlight fell on Marcus Rashford, 26, who scored twice.", "Marcus Rashford"),
        # "its" and a party to business or a contest, then a given name
        ("The club said its captain Harry Kane would start.", "Harry Kane"),
        ("The firm said its partner Warren Buffett had approved.", "Warren Buffett"),
        ("Its partner, Satya Nadella, said the deal was done.", "Satya Nadella"),
        ("Its rival, Bernard Arnault, said nothing.", "Bernard Arnault"),
        ("The team and its opponent Rafael Nadal met in Paris.", "Rafael Nadal"),
        # "by" after a noun names who did or made it, even in a name of given names only
        ("A goal by Harry Kane won it.", "Harry Kane"),
        ("A hat-trick by Harry Kane sank them.", "Harry Kane"),
        ("A novel by Sally Rooney topped the list.", "Sally Rooney"),
        ("A try by Owen Farrell sealed it.", "Owen Farrell"),
        ("Photographs by Annie Leibovitz hang in the hall.", "Annie Leibovitz"),
        ("The film was directed by Steven Spielberg.", "Steven Spielberg"),
        ("The role was played by Emma Thompson, whose mother acted.", "Emma Thompson"),
        ("He was coached by Gareth Southgate, whose side lost.", "Gareth Southgate"),
        # an appositive whose body's word is what its role is of
        ("The bank's chief executive, Jane Fraser, said profits rose.", "Jane Fraser"),
        ("Jane Fraser, the bank's chief executive, said profits rose.", "Jane Fraser"),
        ("Andrew Bailey, the Bank of England governor, said rates would hold.", "Andrew Bailey"),
        ("Andrew Bailey, the Bank of England's governor, said rates would hold.", "Andrew Bailey"),
        ("Sundar Pichai, the company chief executive, spoke.", "Sundar Pichai"),
        ("Jerome Powell, the Federal Reserve chair, said rates would stay.", "Jerome Powell"),
        ("Ben Stokes, the team captain, said so.", "Ben Stokes"),
        ("Jurgen Klopp, the club manager, said so.", "Jurgen Klopp"),
        # "team" before a role is the role's
        ("Team captain Joe Root said the pitch was flat.", "Joe Root"),
        ("Team principal Toto Wolff said the car was quick.", "Toto Wolff"),
        ("Team boss Christian Horner said he was pleased.", "Christian Horner"),
        ("England team doctor Sarah Smith said he was fit.", "Sarah Smith"),
        ("Team Sky rider Chris Froome said he was tired.", "Chris Froome"),
        ("The fund in southwest England hired Nova Scott, who said she was pleased.", "Nova Scott"),
        ("Officials in southern Iraq met Sarah Smith, who said the road was open.", "Sarah Smith"),
    ],
)
def test_newsroom_sentences_in_the_refused_shapes_keep_their_people(text: str, name: str) -> None:
    assert [c[0] for c in found(text) if c[1] == "person"] == [name]


@pytest.mark.parametrize(
    "text",
    [
        "The float was arranged by Morgan Stanley.",  # "by" after a participle: an agent
        "The deal was advised by Morgan Stanley and Lazard.",
        "Analysts at Morgan Stanley, who cut their forecast, said so.",  # given names only
        "Officials in Buenos Aires, who asked not to be named, said so.",  # no given name
        "Analysts at Goldman Sachs, 12, said so.",
        "Fishermen in southwest Nova Scotia said prices had held up.",  # a compass word between
        "Farmers across northern Victoria Hill said the rain came late.",
        "Residents in south-west Jersey Marsh said the road had flooded.",
    ],
)
def test_bodies_and_places_after_those_prepositions_stay_no_people(text: str) -> None:
    assert [c for c in found(text) if c[1] == "person"] == []


def test_to_a_name_of_unknown_words_of_a_country_is_a_person_when_its_last_word_comes_again() -> None:
    """A name of words no list knows after "to", then "of" a country: a contract's party as often as a
    winner; a person when the body later writes the name's last word alone (a company is called
    by its first)."""
    from tests.ingest.corpus import catalogue

    gazetteer = catalogue().gazetteer

    def people(text: str) -> list[str]:
        found = find_candidates(text, find_mentions(text, gazetteer), gazetteer)
        return [c.text for c in found if c.kind.value == "person"]

    assert people("The title went to Eliud Kipchoge of Kenya. Kipchoge said he was pleased.") == [
        "Eliud Kipchoge"
    ]
    assert people("The award went to Chimamanda Adichie of Nigeria. Adichie thanked her readers.") == [
        "Chimamanda Adichie"
    ]
    assert people("The order for the trams went to Talgo Vagonka of Belarus. Talgo will hire.") == []
    assert people("The order for the trams went to Talgo Vagonka of Belarus in May.") == []


# ordinary newsroom sentences: real people outside the catalogue in many shapes (sport, arts,
# courts, politics, obituaries, honorifics), each found once
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("A hat-trick from Erling Haaland sank Luton.", "Erling Haaland"),
        ("Bukayo Saka was replaced by Gabriel Martinelli at half-time.", "Gabriel Martinelli"),
        ("The ball was passed to Declan Rice, who shot wide.", "Declan Rice"),
        ("The equaliser was headed in by Virgil van Dijk.", "Virgil van Dijk"),
        ("The film was directed by Greta Gerwig.", "Greta Gerwig"),
        ("A film by Sofia Coppola opened the festival.", "Sofia Coppola"),
        ("The album was produced by Jack Antonoff.", "Jack Antonoff"),
        ("The novel was written by Hilary Mantel.", "Hilary Mantel"),
        ("The portrait was painted by Lucian Freud.", "Lucian Freud"),
        ("Judge Amanda Tipples sentenced him to six years.", "Amanda Tipples"),
        ("The judge, Sarah Whitehouse, said the offence was grave.", "Sarah Whitehouse"),
        ("The jury heard from Ruth Morgan, a pathologist.", "Ruth Morgan"),
        ("Defence lawyer Michael Mansfield said the case would be appealed.", "Michael Mansfield"),
        ("Grant Shapps, 54, a former minister, said so.", "Grant Shapps"),
        ("Mark Harper, a former transport secretary, resigned.", "Mark Harper"),
        ("According to Rachel Reeves, borrowing will fall.", "Rachel Reeves"),
        ("Keir Starmer told reporters that taxes would rise.", "Keir Starmer"),
        ("She spoke to Emily Maitlis about the deal.", "Emily Maitlis"),
        ("He is survived by his wife, Margaret Hodge, and two sons.", "Margaret Hodge"),
        ("She is survived by her husband, Roger Federer.", "Roger Federer"),
        ("Ms Angela Rayner said she would stand.", "Angela Rayner"),
        ("Mr Jeremy Hunt said the budget was fair.", "Jeremy Hunt"),
        ("Dr Tedros Ghebreyesus warned of a new wave.", "Tedros Ghebreyesus"),
        ("Dr Jenny Harries said cases were rising.", "Jenny Harries"),
        ("The bill was drafted by Jacob Rees-Mogg.", "Jacob Rees-Mogg"),
        ("The motion was tabled by Harriet Harman.", "Harriet Harman"),
        ("The record was broken by Faith Kipyegon.", "Faith Kipyegon"),
        ("The race was won by Mo Farah.", "Mo Farah"),
        ("The title went to Carlos Alcaraz.", "Carlos Alcaraz"),
        ("He lost to Novak Djokovic in the final.", "Novak Djokovic"),
        ("The try was scored by Marcus Smith.", "Marcus Smith"),
        ("The song was written by Adele Adkins.", "Adele Adkins"),
        ("The goal was scored by Harry Kane.", "Harry Kane"),
        ("The match was refereed by Michael Oliver.", "Michael Oliver"),
        ("The book was edited by Sarah Collins.", "Sarah Collins"),
        ("The symphony was conducted by Simon Rattle.", "Simon Rattle"),
        ("A documentary by David Attenborough aired last night.", "David Attenborough"),
        ("A statement from Jeremy Corbyn said he would run.", "Jeremy Corbyn"),
        ("A letter from Gordon Brown urged action.", "Gordon Brown"),
        ("The plan was backed by Andy Burnham, the mayor.", "Andy Burnham"),
        ("Support came from Sadiq Khan, who praised the scheme.", "Sadiq Khan"),
        ("Her coach, Patrick Mouratoglou, said she was ready.", "Patrick Mouratoglou"),
        ("His agent, Jorge Mendes, said talks were under way.", "Jorge Mendes"),
        ("Former striker Alan Shearer said the team lacked belief.", "Alan Shearer"),
        ("Veteran broadcaster John Simpson said the war would last.", "John Simpson"),
        ("Eddie Howe, the Newcastle manager, said his side deserved it.", "Eddie Howe"),
        ("The role of Hamlet went to Andrew Scott.", "Andrew Scott"),
        ("Tributes were paid to Terry Venables, who died aged 80.", "Terry Venables"),
        ("The new coach, Thomas Tuchel, said he was pleased.", "Thomas Tuchel"),
        ("The inquest heard evidence from Helen Milne, a nurse.", "Helen Milne"),
        ("The campaign is led by Marcus Rashford.", "Marcus Rashford"),
        ("The chair, Meg Hillier, said the report was damning.", "Meg Hillier"),
        ("The victim's mother, Esther Ghey, called for change.", "Esther Ghey"),
        ("The winner was set up by Kevin De Bruyne.", "Kevin De Bruyne"),
        ("The poem was read by Simon Armitage.", "Simon Armitage"),
        ("The opera was composed by Thomas Ades.", "Thomas Ades"),
        ("Ms Sturgeon was questioned by Mark Smith.", "Mark Smith"),
    ],
)
def test_newsroom_sentences_keep_their_people(text: str, name: str) -> None:
    assert [c[0] for c in found(text) if c[1] == "person"] == [name]


# companies and places in the same shapes: no person
@pytest.mark.parametrize(
    "text",
    [
        "A report by Morgan Stanley said growth would slow.",
        "A note from Goldman Sachs said rates would fall.",
        "A study by Deloitte found costs were rising.",
        "The float was arranged by Morgan Stanley.",
        "The bonds were underwritten by Morgan Stanley.",
        "The deal was advised by Lazard.",
        "The sale was handled by John Lewis.",
        "The stake was bought by Berkshire Hathaway.",
        "The unit was sold to Morgan Stanley.",
        "In an interview with Bloomberg, the minister denied it.",
        "A survey by Ipsos Mori found support had fallen.",
        "The plant was built by Balfour Beatty.",
        "The loan was provided by Barclays.",
        "Shares in John Lewis fell.",
        "The order went to Airbus.",
        "The show was produced by Working Title.",
        "The ship was built by Harland and Wolff.",
        "The game was developed by Rockstar Games.",
        "A report from Marks and Spencer said sales rose.",
        "The fund was launched by Legal and General.",
        "Talks between Airbus and Boeing ended.",
        "The campaign was funded by Procter and Gamble.",
        "The hotel was designed by Foster and Partners.",
        "The bid was backed by Morgan Stanley, the bank.",
        "The research was carried out by Ernst and Young.",
        "The tanker was chartered by Trafigura.",
        "The figures were compiled by Kantar.",
        "A forecast by Morgan Stanley said oil would rise.",
        "Analysts at Morgan Stanley said so.",
        "The loan was arranged by Lloyds.",
        "He moved to Leeds United in May.",
        "He was born in Buenos Aires.",
        "The firm was acquired by Morgan Stanley.",
    ],
)
def test_newsroom_sentences_with_companies_and_places_offer_no_person(text: str) -> None:
    assert [c for c in found(text) if c[1] == "person"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an apposition calling the name a place: a town's name, though it opens with a given name
        ("Take the bus to Colonia del Sacramento, a town founded in 1680.", []),
        ("The prize went to Santa Rosa de Lima, the old port on the coast.", []),
        # a person's apposition
        ("The prize went to Nadia Benjelloun, a teacher in Fez.", [("Nadia Benjelloun", "person", "to")]),
        # a place's noun before a noun for a person: the person's role
        ("Bimala Shahi, a district official in Jajarkot, said so.", [("Bimala Shahi", "person", "official")]),
        ("Aid went to Colonia del Sacramento, a town council said.", []),
    ],
)
def test_a_name_an_apposition_calls_a_place_is_no_person(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "people"),
    [
        # a name of common nouns (and a demonym) with no given name first: a body's or a thing's
        ("The World Food Programme said it was shipping food.", []),
        ("The cold has brought problems, and the German Weather Service warned of black ice.", []),
        ("Teams came from its National Disaster Response Force and said more would follow.", []),
        ("Network Rail closed the West Highland Line after trees fell.", []),
        # people: a given name first, a word no dictionary has, or "who" or a role set off
        ("Rose Hill said the garden would reopen.", ["Rose Hill"]),
        ("Bimala Shahi said whole settlements had been flattened.", ["Bimala Shahi"]),
        ("China Miller, who owns a takeaway, said the app took a third.", ["China Miller"]),
    ],
)
def test_a_name_of_common_nouns_only_is_no_person(text: str, people: list[str]) -> None:
    assert [c[0] for c in found(text) if c[1] == "person"] == people


def test_a_linked_nationality_before_a_full_name_is_its_cue() -> None:
    """With the shipped context the demonym is linked as the country, and the name after it is
    still a person's, its nationality the cue ("Briton Tom Smith", "Kenyan Mercy Jepkosgei")."""
    from tests.ingest.corpus import catalogue

    gazetteer = catalogue().gazetteer
    for text, name in (
        ("Briton Tom Smith won the heat.", "Tom Smith"),
        ("She beat Kenyan Mercy Jepkosgei in the final. Jepkosgei was second.", "Mercy Jepkosgei"),
    ):
        mentions = find_mentions(text, gazetteer)
        assert [m.kind for m in mentions] == ["country"]
        assert [(c.text, c.kind) for c in find_candidates(text, mentions, gazetteer)] == [
            (name, CandidateKind.PERSON)
        ]
