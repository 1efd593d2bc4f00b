"""Languages under a list's head, local governments and bodies named after a country, titles in
quotation marks, a sovereign's things beside a namesake town, and ships listed with "the"
(country_context.py, namesakes.py)."""

from __future__ import annotations

import pytest

from gql_news.ingest import country_context, namesakes
from gql_news.ingest.country_context import CountryContext
from tests.ingest.spans import span_of


@pytest.mark.parametrize(
    ("body", "form", "language"),
    [
        ("It handles 31 languages, including Estonian, Ukrainian and Finnish.", "Estonian", True),
        ("It handles 31 languages, including Estonian, Ukrainian and Finnish.", "Finnish", True),
        ("The app covers languages such as Thai and Vietnamese.", "Thai", True),
        ("Subtitles come in three languages: Polish and Czech among them.", "Polish", True),
        ("Firms from several countries, including Polish builders, bid.", "Polish", False),
        ("It handles languages, including Polish workers' slang.", "Polish", False),
    ],
)
def test_a_list_headed_by_languages(body: str, form: str, language: bool, context: CountryContext) -> None:
    start, end = span_of(body, form)
    before = country_context._word_before(body, start)
    assert country_context._a_language(body, start, end, context, before) is language


@pytest.mark.parametrize(
    ("body", "quoted"),
    [
        ('The best documentary went to "Dear Zambia", a portrait of a miner.', True),
        ("The best documentary went to “Dear Zambia”, a portrait of a miner.", True),
        ('Her film "Letters From Zambia." opened the festival.', True),
        ('"Zambia will win," the film\'s director said.', False),
        ("“We love Zambia,” said the film's director.", False),
        ('The documentary was shot in "Zambia" itself.', False),
    ],
)
def test_a_title_in_quotation_marks(body: str, quoted: bool, context: CountryContext) -> None:
    start, end = span_of(body, "Zambia")
    assert country_context._a_quoted_title(body, start, end, context) is quoted


@pytest.mark.parametrize(
    ("body", "form", "body_name"),
    [
        ("The plan was drawn up by Natural Resources Wales, the regulator.", "Wales", True),
        ("Public Health England warned of flu.", "England", True),
        ("Arts Council England said it would help.", "England", True),
        ("The Natural Resources Wales officers came.", "Wales", False),
        ("In Victorian England, railways spread.", "England", False),
        ("Last Monday Britain voted.", "Britain", False),
        ("Farmers in Northern Cape Kenya said so.", "Kenya", False),
        ("She met Prime Minister Modi in India.", "India", False),
    ],
)
def test_two_words_of_a_name_before_a_country(
    body: str, form: str, body_name: bool, context: CountryContext
) -> None:
    start, end = span_of(body, form)
    assert country_context._after_two_words_of_a_name(body, start, end, context) is body_name


@pytest.mark.parametrize(
    ("lead", "marked"),
    [
        ("The red-and-white flag of ", True),
        ("a letter from the embassy of ", True),
        ("the prime minister of ", True),
        ("the people of ", False),
        ("the main street of ", False),
    ],
)
def test_a_sovereigns_thing_before_of(lead: str, marked: bool) -> None:
    assert (namesakes._A_SOVEREIGNS_OF.search(lead) is not None) is marked


@pytest.mark.parametrize(
    ("body", "form", "ship"),
    [
        ("Her sister ships, the Chile and the Peru, were broken up.", "Chile", True),
        ("Her sister ships, the Chile and the Peru, were broken up.", "Peru", True),
        ("The company's tugs, the Chile, the Peru or the Brazil, towed it.", "Brazil", True),
        ("For years the steam tug Brazil sat in a dry dock.", "Brazil", True),
        ("Ships from Chile and Peru docked on Monday.", "Peru", False),
    ],
)
def test_ships_named_by_their_kind(body: str, form: str, ship: bool) -> None:
    assert namesakes._names_one(body, form) is ship


@pytest.mark.parametrize(
    ("body", "form", "nth", "marked"),
    [
        ("The schooner Jamaica won. Jamaica's sailing association hopes to go.", "Jamaica", 1, True),
        ("Jordan Pike works there. Jordan has taken in more refugees for its size.", "Jordan", 1, True),
        ("The couple named the dog after Chile, where they had their honeymoon.", "Chile", 0, True),
        ("The ferry Latvia left Riga. Latvia sails to Tallinn on Tuesday.", "Latvia", 1, False),
        ("The mare Chile won. Chile's owner was delighted.", "Chile", 1, False),
    ],
)
def test_a_countrys_marks_in_a_namesakes_story(
    body: str, form: str, nth: int, marked: bool, context: CountryContext
) -> None:
    start, _ = span_of(body, form, nth)
    previous = country_context._word_before(body, start)
    assert country_context._marked_as_the_country(body, start, form, previous, context) is marked


@pytest.mark.parametrize(
    ("body", "animal"),
    [
        ("Chile, a four-year-old liver and white spaniel, bolted.", True),
        ("Peru, a two-year-old grey filly, won.", True),
        ("Chile, a 200-year-old republic, voted.", False),
        ("Chile, a country of 19 million, voted.", False),
    ],
)
def test_an_aged_animal_in_an_apposition(body: str, animal: bool, context: CountryContext) -> None:
    _, end = span_of(body, body.split(",")[0])
    assert country_context._an_aged_animal_after(body, end, context) is animal


@pytest.mark.parametrize(
    ("body", "form", "title"),
    [
        ("The pair wrote the comedy Lost in Poland together.", "Poland", True),
        ("A jury prize went to Made in China, a comedy by a Filipino director.", "China", True),
        ("The shortlist includes Dust of Argentina, a family saga set in Mendoza.", "Argentina", True),
        ("The novel was praised. Troops went to Poland, a country that had asked for help.", "Poland", False),
        ("The film opened. Her order book was full of plates stamped Made in England.", "England", False),
    ],
)
def test_a_works_title_by_a_genre_or_an_apposition(
    body: str, form: str, title: bool, context: CountryContext
) -> None:
    start, end = span_of(body, form)
    assert country_context._in_a_works_title(body, start, end, context) is title


@pytest.mark.parametrize(
    ("body", "form", "languages"),
    [
        ("Dialogue switches between Danish, German and English, often.", "Danish", True),
        ("Dialogue switches between Danish, German and English, often.", "German", True),
        ("Its songs, sung in Bambara, Tamasheq and French, move on.", "French", True),
        ("French, German and English troops landed.", "French", False),
        ("The Danish and the English fought.", "Danish", False),
        ("Talks between Danish, German and British officials stalled.", "Danish", False),
    ],
)
def test_a_list_with_a_language_of_no_country(
    body: str, form: str, languages: bool, context: CountryContext
) -> None:
    start, end = span_of(body, form)
    assert country_context._listed_with_a_language_of_no_country(body, start, end, context) is languages


@pytest.mark.parametrize(
    ("entry", "gender"),
    [
        ({"male": "  75  "}, "male"),
        ({"female": "  686 ", "mostly_female": " BB "}, "female"),
        ({"female": " 1 65 4 ", "mostly_female": " 1 2 ", "male": " 26 "}, None),  # "Janne"
        ({"mostly_female": "1 ", "male": " 143 1 9 72442 ", "mostly_male": " 5 "}, "male"),  # "Jordan"
        ({"female": "1 1", "male": " 2 "}, None),  # "Karan"
        ({"andy": " 4 "}, None),
    ],
)
def test_a_given_names_gender_is_one_only_where_its_countries_agree(
    entry: dict[str, str], gender: str | None
) -> None:
    assert country_context._one_gender(entry) == gender


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ("One matriarch, known to the team as Angola, walked far.", True),
        ("The mare, better known as Chile, won.", True),
        ("The region known as Kurdistan is rich.", False),
        ("A country known as Zaire until 1997.", False),
    ],
)
def test_known_as_names_one_of_a_kind(body: str, named: bool, context: CountryContext) -> None:
    form = body.split(" as ")[1].split()[0].strip(",.")
    start, end = span_of(body, form)
    assert country_context._called_by_its_kind(body, start, end, context) is named


@pytest.mark.parametrize(
    ("after", "name"),
    [(" II when it won", True), (" III.", True), (" IV,", True), (" V Fiji", False), (" I think", False)],
)
def test_a_roman_numeral_after_a_form(after: str, name: bool) -> None:
    assert (country_context._A_NUMERAL_AFTER.match(after) is not None) is name


@pytest.mark.parametrize(
    ("after", "event"),
    [("'s Cup in 1983", True), ("’s Trophy.", True), ("'s Cup hopes", True), ("'s cup of tea", False)],
)
def test_an_events_name_after_a_possessive(after: str, event: bool) -> None:
    assert (country_context._AN_EVENTS_NAME_AFTER.match(after) is not None) is event


@pytest.mark.parametrize(
    ("noun", "named"),
    [
        ("locomotive", True),
        ("pub", True),
        ("matriarch", True),
        ("country", False),
        ("nation", False),
        ("side", False),
    ],
)
def test_a_name_is_given_to_any_common_noun_but_a_states(
    noun: str, named: bool, context: CountryContext
) -> None:
    assert country_context._a_named_kind(noun, context) is named


@pytest.mark.parametrize(
    ("body", "form", "thing"),
    [
        ("A harbourside pub known as the Jamaica has reopened.", "Jamaica", True),
        ("A pub called the Jamaica opened.", "Jamaica", True),
        ("Trade with Jamaica grew.", "Jamaica", False),
    ],
)
def test_what_the_story_calls_the_name_with_the(body: str, form: str, thing: bool) -> None:
    assert namesakes._names_one(body, form) is thing


@pytest.mark.parametrize(
    ("body", "age"),
    [
        ("Brazil, now 38, played.", True),
        ("Brazil, now aged 38, played.", True),
        ("Chile, now a democracy, voted.", False),
    ],
)
def test_an_age_with_now(body: str, age: bool) -> None:
    assert (country_context._AGE_AFTER.match(body, body.index(",")) is not None) is age


@pytest.mark.parametrize(
    ("body", "animal"),
    [
        ("Malta, a three-year-old brindle bitch trained by Kath Doherty, won.", True),
        ("Chile, a 200-year-old republic founded by settlers, voted.", False),
    ],
)
def test_an_aged_one_with_its_trainer(body: str, animal: bool, context: CountryContext) -> None:
    assert country_context._an_aged_animal_after(body, body.index(","), context) is animal


@pytest.mark.parametrize(
    ("body", "marked"),
    [
        ("He did visit Brazil once.", True),
        ("They toured Brazil in May.", True),
        ("He has been Brazil since 2003.", False),
    ],
)
def test_a_verb_of_visiting_marks_the_country(body: str, marked: bool, context: CountryContext) -> None:
    start, _ = span_of(body, "Brazil")
    previous = country_context._word_before(body, start)
    assert country_context._marked_as_the_country(body, start, "Brazil", previous, context) is marked


@pytest.mark.parametrize(
    ("body", "runner"),
    [
        ("The colt beat Malta by a length and a half at Newmarket.", True),
        ("The colt won, with Oman a neck away in third.", True),
        ("The greyhound beat Chile by three lengths.", True),
        ("The jockey watched Ireland beat Malta by two goals.", False),
        ("Malta won by a length of the pitch.", False),
    ],
)
def test_a_runner_by_a_races_margin(body: str, runner: bool) -> None:
    form = "Oman" if "Oman" in body else "Chile" if "Chile" in body else "Malta"
    _, end = span_of(body, form)
    assert country_context.a_runner_by_a_margin(body, end) is runner


@pytest.mark.parametrize(
    ("body", "form", "named"),
    [
        ("On Friday the man known along the quay as Panama made his last crossing.", "Panama", True),
        ("Ferreira, the midfielder who is known around the ground as Peru, scored.", "Peru", True),
        ("The café, called Brazil, was opened in 1978.", "Brazil", True),
        ("A Spitfire that carries the name Uruguay will fly again.", "Uruguay", True),
        ("A country once called Zaire is now Congo.", "Zaire", False),
    ],
)
def test_more_shapes_of_a_name_given(body: str, form: str, named: bool, context: CountryContext) -> None:
    start, end = span_of(body, form)
    assert country_context._called_by_its_kind(body, start, end, context) is named


@pytest.mark.parametrize(
    ("body", "form", "title"),
    [
        ("Lebanon, the first full-length play by a Manchester playwright, opened.", "Lebanon", True),
        ("The film opened. Applications from India, the largest source of students, fell.", "India", False),
        (
            "The film opened. This is the hill country of Sri Lanka, the landscape that made it.",
            "Sri Lanka",
            False,
        ),
    ],
)
def test_a_bare_title_named_by_its_apposition(
    body: str, form: str, title: bool, context: CountryContext
) -> None:
    start, end = span_of(body, form)
    assert country_context._in_a_works_title(body, start, end, context) is title


@pytest.mark.parametrize(
    ("body", "marked"),
    [
        ("The play's author left Lebanon for Manchester in 1984.", True),
        ("Her family fled Lebanon in 1984.", True),
        ("The coach left Lebanon out of the side.", False),
    ],
)
def test_a_place_one_leaves(body: str, marked: bool, context: CountryContext) -> None:
    start, _ = span_of(body, "Lebanon")
    previous = country_context._word_before(body, start)
    assert country_context._marked_as_the_country(body, start, "Lebanon", previous, context) is marked


@pytest.mark.parametrize(
    ("paragraph", "trade"),
    [
        ("The sale included Chinese export porcelain, made in Jingdezhen.", False),
        ("Chinese porcelain exports rose 4%.", True),
        ("Tariffs on Chinese export porcelain rose.", True),
    ],
)
def test_export_before_a_kind_of_thing_is_no_trade(
    paragraph: str, trade: bool, context: CountryContext
) -> None:
    assert country_context._a_paragraph_of_trade(paragraph, context) is trade


@pytest.mark.parametrize(
    ("lead", "named"),
    [
        ("For most of the year, a four-year-old Finnish Lapphund called ", True),
        ("a Labrador called ", True),
        ("A Labour MP called ", False),
    ],
)
def test_a_breed_called_after_lower_case_modifiers(lead: str, named: bool) -> None:
    assert (country_context._A_NAMED_ONE_CALLED_BEFORE.search(lead) is not None) is named
