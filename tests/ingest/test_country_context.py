"""The context rules that decide whether a country form names the country (country_context.py)."""

from __future__ import annotations

import pytest

from gql_news.ingest.countries import desired_countries
from gql_news.ingest.country_context import shipped_country_context
from gql_news.ingest.linker import (
    Gazetteer,
    GazetteerEntry,
    _non_entities,
    country_forms,
    find_mentions,
    shipped_given_names,
)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    entries = []
    for pk, row in enumerate(desired_countries(), start=1):
        forms = country_forms(row.name, None, row.aliases, row.demonyms)
        entries.append(GazetteerEntry("country", pk, tuple(forms)))
    entries.append(GazetteerEntry("person", 10_000, ("Lydia Ireland",)))
    return Gazetteer(tuple(entries), _non_entities(), shipped_given_names(), shipped_country_context())


def _linked(body: str, gazetteer: Gazetteer) -> list[str]:
    return [m.text for m in find_mentions(body, gazetteer) if m.kind == "country"]


@pytest.mark.parametrize(
    ("body", "linked"),
    [
        # a given name before it, or the surname of someone named earlier
        ("Harold Chile, a banker, met officials. Chile said rates would rise.", []),
        ("Lydia Ireland spoke first. Ireland said the plan was late.", []),
        ("Lydia Ireland moved to the west of Ireland last year.", ["Ireland"]),
        # a hyphened surname ending with a form, and a middle name that is one
        ("The chief executive, Dani Reiss-Holland, said sales rose. Reiss-Holland left.", []),
        ("Joseph Tanzania Mwita spoke. Tanzania, which has a line, objected.", ["Tanzania"]),
        # a surname reused, listed next to the country it is set beside; "who" and a singular verb
        ("Ben Wales refereed. “Give us Italy or Wales,” he said.", ["Italy", "Wales"]),
        ("The last match in charge for England, who retires in May.", []),
        ("Yeshi Tadesse of Ethiopia, who lives in Syracuse, won.", ["Ethiopia"]),
        # nothing person-like around it: the country
        ("Neither Peru nor Bolivia signed. Only Peru objected. Landlocked Bolivia has no port.",
         ["Peru", "Bolivia", "Peru", "Bolivia"]),
        # compounds (WordNet), and a sentence-initial capital weighed against the body's own usage
        ("She served French toast and Irish stew; Dutch farmers sold Brazil nuts.", ["Dutch"]),
        ("Guinea pigs were weighed. Chinese officials came.", ["Chinese"]),
        # a demonym before a prepared dish or an illness (WordNet's "dish", "disease", "inflammation")
        ("Menus offer Thai green curry and a Spanish omelette; Japanese encephalitis is rare.", []),
        ("Moroccan tomatoes and Italian pasta makers gained; the Netherlands cold stores are full.",
         ["Moroccan", "Italian", "Netherlands"]),
        # an item of a list whose neighbour is a known compound is a thing of the same kind
        ("Plant Chinese lanterns and Mexican fleabane; Moroccan tomatoes and Peruvian asparagus sell.",
         ["Moroccan", "Peruvian"]),
        # an introduced species, set against the native one
        ("Spanish slugs ate the lettuce. Unlike native slugs, they are not eaten by birds.", []),
        ("Spanish growers sold slugs to native buyers.", ["Spanish"]),
        # a demonym before an animal's or plant's name, in a body that speaks of species
        ("Argentine ants and Chinese water deer are invasive species.", []),
        ("Dutch tulips sold well at the auction.", ["Dutch"]),
        ("Invasive species: New Zealand flatworms remain in Scotland.", ["Scotland"]),
        # a language, not the country: after a verb of speaking, "in" with no noun of its own, a
        # word of language after it, or listed after such a language; idioms ending with a form
        ("Films in Korean, Spanish and Japanese drew crowds; she speaks Danish or Norwegian.", []),
        ("Spanish-speaking students take French lessons and go Dutch on meals.", []),
        ("Investors in Spanish banks sold, and Korean films in cinemas sold out.", ["Spanish", "Korean"]),
        ("Funds bought stakes in Chinese, Japanese and Korean firms.", ["Chinese", "Japanese", "Korean"]),
        # a WordNet compound that begins with a form of several words
        ("Cooks grew New Zealand spinach; New Zealand farmers sold lamb.", ["New Zealand"]),
        # a word WordNet does not know after a demonym, in a body that speaks of species
        ("Japanese knotweed is an invasive species; Japanese researchers study it.", ["Japanese"]),
        ("Indian basmati sold well.", ["Indian"]),
        # a bank named after the country is a body
        ("The Swiss National Bank sold francs as the Swiss currency rose.", ["Swiss"]),
        ("China plates were sold at auction, and the china went quickly.", []),
        ("China said exports rose.", ["China"]),
        # ... and against the country named elsewhere: the lower-case word with the same next word
        ("Nuts from Turkey. A turkey sandwich costs more. Turkey sandwiches sell. Turkey grows nuts.",
         ["Turkey", "Turkey"]),
        ("Bone china is back. China makes plates; a Chinese firm bought one.", ["China", "Chinese"]),
        ("Frost split the swedes. Swedes left in the ground rot. A Swede from Sweden came.",
         ["Swede", "Sweden"]),
        ("Runners in the Buffalo Turkey Trot wore turkey costumes. Turkey hats were everywhere.", []),
        # a compound is the whole WordNet noun, holds for the country's other form, and for a
        # breed or crop followed by its kind; a noun may also end with the form
        ("American oil palm grows here; American oil output rose.", ["American"]),
        ("Canadian geese and Swedish turnips; Swedish farmers.", ["Swedish"]),
        ("A china cabinet was sold; the Chinese cabinet met.", ["Chinese"]),
        ("Dairies keep Jersey cows and Guernsey cattle; Jersey voters met.", ["Jersey"]),
        ("A Jersey cow, a Swiss-cheese plant and Brazil-nut cake; a Brazil-based firm.", ["Brazil"]),
        ("Two Great Danes and a Brown Swiss won; Danes voted.", ["Danes"]),
        # a compound whose words are joined by hyphens or apostrophes, in either number
        ("A Portuguese man-of-war drifted in; two Portuguese men-of-war followed.", []),
        ("Her German short-haired pointer ran off; German short-term rates rose.", ["German"]),
        ("Dutch-processed cocoa sold well; Dutch-owned mills did not.", ["Dutch"]),
        # a noun that is first of all a cloth or a toy names a kind of thing, unless the body
        # names the country otherwise, speaks of trade or sets origins side by side
        ("Collectors prize Finnish dolls, and the tailor cuts Icelandic satin.", []),
        ("Finnish dolls were sold at a fair in Finland last week.", ["Finnish", "Finland"]),
        ("Exports of Icelandic satin doubled last year.", ["Icelandic"]),
        ("Austrian and Hungarian dolls were shown at the fair.", ["Austrian", "Hungarian"]),
        ("Finnish doll makers met at the fair.", ["Finnish"]),
        # a demonym with no noun of its own reads the noun it shares with the next one as that one does
        ("Evening Spanish and German lessons are full; Spanish and German firms are hiring.",
         ["Spanish", "German"]),
        ("She keeps Burmese or Siamese cats, and Burmese or Thai officials visit.", ["Burmese", "Thai"]),
        # after "in", a language's name before a verb and its object; a noun after it is the country's
        ("A pun in Korean takes a while to land; shares in Korean banks rose.", ["Korean"]),
        # a demonym WordNet also gives an American sense, in a story of US places that names the
        # country nowhere else
        ("Tribal leaders in Arizona and New Mexico said Indian casinos were busy.", []),
        ("Officials from India met leaders in Arizona and New Mexico; Indian casinos were busy.",
         ["India", "Indian"]),
        ("Indian casinos were busy, said a trader in Mumbai.", ["Indian"]),
        # a given name: after a title, or of someone named by it and a surname earlier
        ("Dr Jordan spoke, then Kenya Moore, the coach, said “Kenya never gives up.”", []),
        ("Georgia Lindqvist runs the firm. Lindqvist said Georgia, as staff call her, is fine.", []),
        # any country form after a title is a surname; at a sentence start only a courtesy title counts
        ("The vet, Dr. Jordan, was out. Mrs Holland agreed, and Mr Holland flew to Holland.", ["Holland"]),
        ("Senior Chinese officials met, and the coach, Coach Wales, said so.", ["Chinese"]),
        ("Jordan, 19, scored twice against Chad, and Jordan won.", ["Chad", "Jordan"]),
        # a name set off as a person's by a role, "who" or an age, whatever its given name
        ("Nkechi Holland, a trader in Lagos, spoke. Holland said prices rose in Holland.", ["Holland"]),
        ("The chief executive, Siobhán Wales, quit; Wales said so. Aiyana Chad, 22, won.", []),
        ("Visiting Jordan, the minister said the talks, which were long, went well.", ["Jordan"]),
        ("In Jordan, the health minister, Ali Nasser, said so.", ["Jordan"]),
        ("Georgia Lindqvist runs the firm. Exports to Georgia rose.", ["Georgia"]),
        ("Jordan Okoro scored. Okoro plays for Jordan, and Jordan play Oman.", ["Jordan", "Jordan", "Oman"]),
        ("India Marsh, a botanist, went to India. A student said: “India taught me.”", ["India"]),
        ("The Jordan Valley is dry. Jordan imports water.", ["Jordan"]),
        # a national side takes a plural verb, or a result against a named side; a person does not
        ("Marcus Wales signed. Wales said he was happy. Wales play Scotland next.", ["Wales", "Scotland"]),
        ("Lydia Ireland ran. Ireland beat her rival, and Ireland beat Peru.", ["Ireland", "Peru"]),
        # the first word of a proper name, unless the name holds a title or a person's full name follows
        ("Saudi Aramco and Korea Zinc reported profits; a Turkish Van swam.", []),
        ("The Saudi Crown Prince met the Kenyan William Ruto.", ["Saudi", "Kenyan"]),
        ("Talks opened in Ghana Monday, and in Peru In March.", ["Ghana", "Peru"]),
        # places and institutions named after a country; organisations that contain one
        ("Buses run from Panama City to the Chile River, past the University of Peru.", []),
        ("The Bank of Japan and Air Canada said Kenya Electricity Generating was late.", []),
        ("Fishermen on the river Congo met Egypt Telecom Holdings staff.", []),
        ("Rice grows in the inner delta of the Niger and on the banks of the Jordan.", []),
        ("Aid reached the south of the Niger; the National Gallery of Ireland reopened.", ["Niger"]),
        ("Farms in Georgia, near Atlanta and Savannah, lost power; Georgia exports nuts.", []),
        ("Georgia and Armenia met in Tbilisi.", ["Georgia", "Armenia"]),
        # a body about the country and the state: the capital names the country, the words the state
        ("Wine from Georgia came to Atlanta and Savannah from Tbilisi; the state of Georgia and north"
         " Georgia grow peaches.", ["Georgia"]),
    ],
)  # fmt: skip
def test_context_decides(body: str, linked: list[str], gazetteer: Gazetteer) -> None:
    assert _linked(body, gazetteer) == linked


def test_a_catalogued_persons_surname_that_is_a_country_links_to_the_person() -> None:
    entries = [
        GazetteerEntry("country", 1, ("Sudan", "Sudanese")),
        GazetteerEntry("person", 7, ("Emeka Sudan",)),
    ]
    gazetteer = Gazetteer(tuple(entries), (), shipped_given_names(), shipped_country_context())
    body = "Emeka Sudan met the minister. Sudan told reporters the talks went well. Aid to Sudan rose."
    assert [(m.kind, m.entity_id, m.start) for m in find_mentions(body, gazetteer)] == [
        ("person", 7, 0), ("person", 7, 30), ("country", 1, 79),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "linked"),
    [
        # a country's name before an animal, in a body about species; not where it opens a clause
        ("A survey of invasive species found Greenland halibut this winter.", []),
        # elsewhere a country's name before an animal is the country's: its politics, its produce
        ("Washington's China hawks pushed for tariffs.", ["China"]),
        ("All China hawks agreed, and the Iran doves lost.", ["China", "Iran"]),
        ("Exports of Australia lamb rose.", ["Australia"]),
        ("Prices of Argentina cattle fell.", ["Argentina"]),
        ("Samoa fly on to Bucharest to face Romania.", ["Samoa", "Romania"]),
        # a demonym before a noun and an animal or a plant; not in a story of trade, nor a verb
        ("Researchers are studying Egyptian fruit bats in caves.", []),
        ("Egyptian fruit bats exports rose as imports fell.", ["Egyptian"]),
        ("The Swiss franc rose to a record.", ["Swiss"]),
        # a plant or a crop after a demonym and a noun is the country's produce
        ("Drought hurt the Russian wheat crop.", ["Russian"]),
        ("Brazilian coffee trees were damaged by frost.", ["Brazilian"]),
        ("The Jordanian federation hopes to grow.", ["Jordanian"]),
        # in a body about wildlife (not gardens), a demonym before an animal or a plant
        ("A wildlife survey found Egyptian geese on lakes.", []),
        ("She recommends Greek oregano for dry gardens.", ["Greek"]),
        ("British herds may now make up a tenth of the wildlife.", ["British"]),
        # in a body about cooking, a prepared food, a fried one, a word WordNet lacks
        ("Turkish eggs and Peruvian ceviche are on restaurant menus.", []),
        ("Korean fried chicken was the dish of the year for chefs.", []),
        ("Chefs are cooking more Chilean mussels. Norwegian cod prices rose.", ["Chilean", "Norwegian"]),
        ("Two Indian restaurants opened, and Thai cooking is popular.", []),
        ("Kenyan food prices rose.", ["Kenyan"]),
        # a relative's name set off by commas; a word WordNet lacks in a body about crafts
        ("She is survived by two sons and a daughter, India, named after the country.", []),
        ("Its largest trading partner, China, objected.", ["China"]),
        ("She wrote a book on Japanese raku for potters.", []),
        ("The fund bought a stake in a Nigerian fintech.", ["Nigerian"]),
        # in a story of translation, a language before a word for a text or a version
        ("She translated it from the German original.", []),
        ("The German edition of the magazine sold well.", ["German"]),
    ],
)
def test_species_dishes_crafts_languages_and_relatives(
    body: str, linked: list[str], gazetteer: Gazetteer
) -> None:
    assert _linked(body, gazetteer) == linked


def test_a_given_name_alone_is_the_country_where_the_body_writes_it_as_a_side(gazetteer: Gazetteer) -> None:
    body = "Jordan Haddad will captain Jordan in the qualifiers. Jordan beat Kuwait last month."
    assert _linked(body, gazetteer) == ["Jordan", "Jordan", "Kuwait"]


@pytest.mark.parametrize(
    ("body", "linked"),
    [
        # a town written with its US state's name or abbreviation (not Washington, not Georgia)
        ("Orchards around Lebanon, Pennsylvania, and Peru, Ill., were spared.", []),
        ("Apple growers near Mexico, Missouri, sell to Canada.", ["Canada"]),
        ("He grew up in Mexico, Missouri. Later he moved.", []),
        # a state's name not closed off by a comma or the sentence's end: a list, or before a noun
        ("The company has plants in Mexico, Texas and Arizona.", ["Mexico"]),
        ("The migrants crossed from Mexico, California officials said.", ["Mexico"]),
        ("Talks between Mexico, Washington and Ottawa resumed.", ["Mexico"]),
        ("Ministers from Jordan, Georgia and Armenia met.", ["Jordan", "Georgia", "Armenia"]),
        # a body's name swallows the country it holds
        ("The Football Association of Wales watched him; the Scottish FA did not.", []),
        ("The Steel Authority of India and the Irish Football Association declined to comment.", []),
        ("He qualifies for Wales through his father.", ["Wales"]),
        # a river's land after its name and "the"
        ("Fish are vanishing from the Niger delta and the upper Jordan valley.", []),
        ("Shares in the Netherlands bank rose; Niger delta towns flooded.", ["Netherlands", "Niger"]),
        # a language listed after a word of degree
        ("She spoke French and some Italian, and a little Greek.", []),
        ("They bought French and some Italian wine.", ["French", "Italian"]),
        # a place of learning named after the country is the institution
        ("A scientist at the Australian National University said so.", []),
        ("The Korea Advanced Institute of Science hired an Australian chemist.", ["Australian"]),
        # an event named after the country it is held in
        ("He rode the Tour de France and the Tour of Turkey, then raced in Turkey.", ["Turkey"]),
        # an apposition calls the name a town; a city-state is still the country
        ("In Peru, a town of 11,000, the river rose.", []),
        ("Singapore, a city-state of six million, grew.", ["Singapore"]),
        # a state named like a city, closed off by a comma and the sentence's own words
        ("Residents of Cuba, New York, were told to leave.", []),
        ("Offices in Peru, New York and London shut.", ["Peru"]),
        # a vessel or horse named after its noun, there and where its name comes again
        ("The container ship Ever Jordan ran aground; tugs freed the Ever Jordan.", []),
        ("The tanker Iran seized was released.", ["Iran"]),
        # two demonyms sharing the head noun of a known compound
        ("Burmese and Siamese cats are prone to it.", []),
        ("Burmese and Thai troops met.", ["Burmese", "Thai"]),
    ],
)
def test_towns_bodies_rivers_and_languages(body: str, linked: list[str], gazetteer: Gazetteer) -> None:
    assert _linked(body, gazetteer) == linked


@pytest.mark.parametrize(
    ("body", "linked"),
    [
        # WordNet's people of a region whose gloss names no country ("a native of the West Indies")
        ("He played to the West Indian community and East Indian traders.", []),
        ("An East German and a French Canadian met Indian officials.", ["Canadian", "Indian"]),
        # a time's common noun after a form
        ("An Indian summer kept the terraces full in India.", ["India"]),
        # a food's name opening a sentence about cooking
        ("Turkey was on the menu at the lunch. Hazelnuts come from Turkey.", ["Turkey"]),
        ("Turkey's chefs cooked for the summit. Turkey raised tariffs.", ["Turkey", "Turkey"]),
        # garden plants listed by demonym, one of them no food, nothing said of trade or farming
        ("She recommends Turkish sage and Irish yew for dry gardens.", []),
        ("Turkish sage and Irish yew growers cut prices.", ["Turkish", "Irish"]),
        ("He drank Kenyan tea and Colombian coffee.", ["Kenyan", "Colombian"]),
        # a style of cooking before its noun, not before a food
        ("The school added Thai cooking classes.", []),
        ("Indonesian cooking oil prices rose.", ["Indonesian"]),
    ],
)
def test_regions_seasons_foods_and_garden_plants(body: str, linked: list[str], gazetteer: Gazetteer) -> None:
    assert _linked(body, gazetteer) == linked


def test_many_names_sharing_a_first_word_are_found_again_in_one_pass() -> None:
    """Vessels named "Spirit of ..." are each found again where the body repeats them, with work
    in proportion to the body: a body four times longer (four times the names and repeats) may
    run under six times the lines (a check of every name at each "Spirit" would run sixteen
    times as many)."""
    from gql_news.ingest import country_context
    from tests.ingest.work import lines_run

    def body(names: int) -> str:
        intros = " ".join(f"The ship Spirit of Vessel{i} sailed." for i in range(names))
        return f"{intros} The ship Spirit of Peru sailed." + " Spirit of Peru docked." * names

    sample = body(3)
    at = sample.rindex("Spirit of Peru")
    assert country_context._in_a_named_thing(sample, at + len("Spirit of "), at + len("Spirit of Peru"))
    assert not country_context._in_a_named_thing(sample, sample.index("sailed"), sample.index("sailed") + 6)
    small = lines_run(lambda: country_context._named_things(body(100)))
    large = lines_run(lambda: country_context._named_things(body(400)))
    assert large < 6 * small, (small, large)


def test_a_name_over_the_reach_is_not_looked_for_again() -> None:
    from gql_news.ingest import country_context

    long_name = "Spirit " + "Of" * country_context._NAME_REACH
    body = f"The ship {long_name} sailed. {long_name} docked."
    starts, _ = country_context._named_things(body)
    assert starts == [body.index(long_name)]


def test_a_given_name_pairs_surnames_are_looked_for_alone_in_one_pass() -> None:
    """Whether each "Jordan <surname>" has its surname written alone elsewhere is read from one
    pass over the body's words, not a search of the body per pair: a body four times longer may
    hand under six times the characters to the searches (a search per pair, sixteen times)."""
    from gql_news.ingest import country_context
    from tests.ingest.work import characters_searched

    def body(pairs: int) -> str:
        surnames = [f"Per{''.join(chr(ord('a') + int(d)) for d in f'{i:04d}')}" for i in range(pairs)]
        return " ".join(f"Jordan {surname} met Jordan." for surname in surnames) + " Peraaab spoke."

    sample = body(3)
    assert country_context._names_by(sample, "Jordan") == [sample.index(" met", 20)]

    def searched(pairs: int) -> int:
        country_context._given_name_then.cache_clear()  # its pattern compiled while counted
        return characters_searched(country_context, lambda: country_context._names_by(body(pairs), "Jordan"))

    small, large = searched(100), searched(400)
    assert large < 6 * small, (small, large)


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ("Jordan O'Neil-Smith won. O'Neil-Smith said so.", True),  # a hyphened surname alone after
        ("O'Neil-Smith spoke. Jordan O'Neil-Smith won.", True),  # or before
        ("Jordan O'Neil-Smith won. Jordan O'Neil-Smith said so.", False),  # only after the given name
        ("Jordan O'Neil-Smith won. O'Neil-Smithers said so.", False),  # not as part of a longer word
        ("Jordan Neil won. O'Neil said so.", True),  # a whole word after an apostrophe
        ("Jordan Marsh, a banker, won.", True),  # set off by a comma
    ],
)
def test_a_surname_written_alone(body: str, named: bool) -> None:
    from gql_news.ingest import country_context

    assert bool(country_context._names_by(body, "Jordan")) is named


def test_the_body_is_read_for_native_once(gazetteer: Gazetteer) -> None:
    """Whether "native" comes before a demonym's noun is read from the body once, not searched for
    in the whole body at each demonym: a body four times longer (four times the demonyms) may have
    under six times the characters searched (a search per demonym, sixteen times)."""

    class Counted(str):
        searched = 0

        def __contains__(self, part: object) -> bool:
            Counted.searched += len(self)
            return super().__contains__(part)  # type: ignore[operator]

    def searched(repeats: int) -> int:
        Counted.searched = 0
        body = Counted("Spanish officials met Kenyan farmers. " * repeats)
        assert len(_linked(body, gazetteer)) == 2 * repeats
        return Counted.searched

    assert _linked("Spanish slugs eat lettuce. Unlike native slugs, they thrive.", gazetteer) == []
    small, large = searched(50), searched(200)
    assert large <= 6 * small, (small, large)


def test_each_form_is_read_only_where_the_body_writes_it(gazetteer: Gazetteer) -> None:
    """The rules that read the whole body for one form ("Marcy Jordan" before "Jordan said", "plays
    for Jordan", "a jordan almond") try their patterns only where a plain text search finds the
    form: a body with four times the forms (and four times as long) may hand under six times the
    characters to those patterns (each pattern run over the whole body, sixteen times)."""
    from gql_news.ingest import country_context
    from tests.ingest.work import characters_searched

    names = [row.name for row in desired_countries() if " " not in row.name]

    def body(forms: int) -> str:
        return " ".join(
            f"{name} said. Later Marcy {name} and the {name.lower()} met {name}." for name in names[:forms]
        )

    def searched(forms: int) -> int:
        for made_per_form in (
            country_context._name_then,
            country_context._given_name_then,
            country_context._a_word_then,
            country_context._form_then_a_lower_word,
            country_context._lower_case_word,
            country_context.whole_word_pattern,
        ):
            made_per_form.cache_clear()  # their patterns compiled while counted
        text = body(forms)
        return characters_searched(country_context, lambda: find_mentions(text, gazetteer))

    assert "Chad" not in _linked("Marcy Chad met officials. Chad said no.", gazetteer)
    small, large = searched(30), searched(120)
    assert large < 6 * small, (small, large)


@pytest.mark.parametrize(
    "body",
    [
        # people or things of the country, in a story of US places
        "Indian students at universities in Texas and California face visa delays.",
        "Indian engineers in Seattle and Austin fear the new visa fee.",
        "The Indian embassy in Washington said consulates in Houston and Chicago stay open.",
        # a cloth's name said of a society
        "The war has torn apart the Ukrainian social fabric, the report said.",
    ],
)
def test_a_demonym_before_what_a_country_has_is_the_country(body: str, gazetteer: Gazetteer) -> None:
    assert len(_linked(body, gazetteer)) == 1


@pytest.mark.parametrize(
    ("body", "linked"),
    [
        # a demonym that is also an adjective of named people (the Georges) before a structure or a time
        ("The street keeps its Georgian houses and a Georgian chapel.", []),
        ("Prices of Georgian terraces rose in Edinburgh, built in the Georgian era.", []),
        # the same words where the body names the country, or before what a country has
        ("Georgian houses in Tbilisi were restored. Georgia paid for the work.", ["Georgian", "Georgia"]),
        ("The Georgian embassy in London said visas stay open.", ["Georgian"]),
        # before a noun that is no structure or time
        ("Georgian wine exports rose by a fifth.", ["Georgian"]),
        ("The Georgian government cut the tax on grain.", ["Georgian"]),
        ("Georgian farmers sold more hazelnuts.", ["Georgian"]),
        # other demonyms before a structure: WordNet lists no such sense of them
        ("The Thai bridge and the Greek hotel were rebuilt.", ["Thai", "Greek"]),
    ],
)
def test_a_demonym_of_a_period_before_a_building_or_time(
    body: str, linked: list[str], gazetteer: Gazetteer
) -> None:
    assert _linked(body, gazetteer) == linked


@pytest.mark.parametrize(
    ("body", "linked"),
    [
        # a list of demonyms and plants, one of them no food anywhere in the list: garden plants
        ("She recommends Greek oregano, Turkish sage and Irish yew for dry gardens.", []),
        # all of them foods, or a sentence of farming: the countries' produce
        ("She bought Greek oregano, Turkish sage and Kenyan tea.", ["Greek", "Turkish", "Kenyan"]),
        ("Greek oregano, Turkish sage and Irish yew growers cut prices.", ["Greek", "Turkish", "Irish"]),
    ],
)
def test_a_list_of_garden_plants_is_read_whole(body: str, linked: list[str], gazetteer: Gazetteer) -> None:
    assert _linked(body, gazetteer) == linked


@pytest.mark.parametrize(
    ("body", "linked"),
    [
        # on a menu, a demonym before a prepared food and the noun it makes
        ("Greek yoghurt bowls and Turkish eggs were on restaurant menus.", []),
        # a plant or an animal, or a body that speaks of trade: the country's produce
        ("The chef buys Kenyan tea leaves and Chilean mussels for the menu.", ["Kenyan", "Chilean"]),
        ("Greek yoghurt exports rose as restaurant menus changed.", ["Greek"]),
        ("Greek olive oil exports rose.", ["Greek"]),
    ],
)
def test_a_prepared_food_on_a_menu(body: str, linked: list[str], gazetteer: Gazetteer) -> None:
    assert _linked(body, gazetteer) == linked


@pytest.mark.parametrize(
    ("body", "linked"),
    [
        # a predicate or an apposition that says the name is a river or a lake
        ("“The Niger is a different river,” she said. Niger signed the deal.", ["Niger"]),
        ("The Jordan, a narrow river, runs low. Jordan objected.", ["Jordan"]),
        # what it says is no river: the country
        ("Niger is a landlocked country. Chad is a member of the commission.", ["Niger", "Chad"]),
        ("Jordan is the river's largest user.", ["Jordan"]),
    ],
)
def test_a_name_said_to_be_a_river(body: str, linked: list[str], gazetteer: Gazetteer) -> None:
    assert _linked(body, gazetteer) == linked


@pytest.mark.parametrize(
    ("body", "linked"),
    [
        # a musical instrument after a demonym is a kind of thing, as a cloth or a toy is
        ("A collection of Spanish guitars drew the largest crowd.", []),
        # trade is read in the paragraph of the form, not anywhere in the body
        (
            "A set of Russian dolls painted in Moscow went for more.\n\nThe painting's export will need a licence.",
            [],
        ),
        ("Spanish guitars are exported to Japan.", ["Spanish", "Japan"]),
        ("The Spanish guitar maker hired ten people.", ["Spanish"]),
    ],
)
def test_instruments_and_trade_in_the_paragraph(body: str, linked: list[str], gazetteer: Gazetteer) -> None:
    assert _linked(body, gazetteer) == linked


@pytest.mark.parametrize(
    ("body", "linked"),
    [
        # produce in a market report: each country before its animal is the country's
        ("Peru anchovies and Chile mussels were cheaper this week.", ["Peru", "Chile"]),
        ("Norway salmon and Canada lobster were cheaper this week.", ["Norway", "Canada"]),
    ],
)
def test_produce_named_by_countries_in_a_list(body: str, linked: list[str], gazetteer: Gazetteer) -> None:
    assert _linked(body, gazetteer) == linked


@pytest.mark.parametrize(
    ("body", "linked"),
    [
        # a body that calls the name a town reads it as the town wherever it is written
        ("Sweden, a hamlet of 300 near the lake, lost power. Later Sweden got it back.", []),
        ("Snow closed the road into the village of Chile. Chile's school shut early.", []),
        ("Talks with Jordan went on. Jordan, a country of ten million, has no oil.", ["Jordan", "Jordan"]),
        ("Peru anchovies and Chile mussels were cheaper this week.", ["Peru", "Chile"]),
    ],
)
def test_a_name_the_body_calls_a_town(body: str, linked: list[str], gazetteer: Gazetteer) -> None:
    assert _linked(body, gazetteer) == linked


@pytest.mark.parametrize(
    ("body", "linked"),
    [
        # a subdivision whose name ends with a country's (pycountry)
        ("Mining in Western Australia and South Australia slowed.", []),
        ("Flights from Port of Spain to Australia resumed.", ["Australia"]),
        ("Turkish farmers sold wheat to Australia.", ["Turkish", "Australia"]),
        # a US town of that name, in a body naming a US state it is in, not the country's capital
        ("Lebanon High beat Marion in Indiana, and fans drove home to Indianapolis.", []),
        ("Refugees from Lebanon settled in Dearborn and Detroit, Michigan.", ["Lebanon"]),
        ("Lebanon's exports to Ohio fell, officials in Beirut and Columbus said.", ["Lebanon"]),
        # a compound WordNet writes as one word, written with a hyphen
        ("The vote turned into a Mexican stand-off between the parties.", []),
        ("Mexican stand-up comedians toured Spain.", ["Mexican", "Spain"]),
    ],
)
def test_places_named_like_countries(body: str, linked: list[str], gazetteer: Gazetteer) -> None:
    assert _linked(body, gazetteer) == linked


@pytest.mark.parametrize(
    ("body", "linked"),
    [
        # a language after a copula and before "to" and a pronoun: the idiom, not the country
        ("The new pension rules are Dutch to most savers, the report said.", []),
        ("He was Greek to the core, and moved back to Athens.", ["Greek"]),
        ("The deal was sent to Greek banks.", ["Greek"]),
        # an island's parliament
        ("The States of Guernsey approved the budget; talks with Jordan went on.", ["Jordan"]),
    ],
)
def test_idioms_and_island_parliaments(body: str, linked: list[str], gazetteer: Gazetteer) -> None:
    assert _linked(body, gazetteer) == linked


@pytest.mark.parametrize(
    ("body", "linked"),
    [
        # a city-state or a country named like its capital called a city stays the country
        ("Singapore, a city of six million, raised taxes. Later Singapore cut fees.", ["Singapore"]),
        # a city's district named like a country is no town of the rule
        ("Nurses from Jamaica work in hospitals in Queens, New York, and Newark.", ["Jamaica"]),
    ],
)
def test_cities_and_districts_named_like_countries(
    body: str, linked: list[str], gazetteer: Gazetteer
) -> None:
    assert _linked(body, gazetteer) == linked


def test_towns_a_plural_names_before_or_after_their_list() -> None:
    from gql_news.ingest.word_senses import towns_introduced, towns_listed

    body = "The signpost points to Norway, Paris, Denmark, Naples, Sweden, Poland, Mexico, Peru and China, all of them towns."
    assert towns_listed(body, body.index("Norway") + len("Norway"))  # nine names before the apposition
    body = "In Sweden and Denmark, two small towns near the line, roads shut."
    assert towns_listed(body, body.index("Sweden") + len("Sweden"))
    body = "Talks between France and Germany, two of the largest economies, stalled."
    assert not towns_listed(body, body.index("France") + len("France"))
    body = "The hill towns of Oxford County, among them Norway, Paris, Mexico and Peru, lost power."
    assert towns_introduced(body, body.index("Norway"))
    assert towns_introduced(body, body.index("Peru"))
    body = "Asian cities such as Singapore and Hong Kong attract bankers."
    assert not towns_introduced(body, body.index("Singapore"))  # "cities": a city may be a country
    body = "Migrants reached towns in Mexico, including Tijuana, after crossing."
    assert not towns_introduced(body, body.index("Mexico"))


@pytest.mark.parametrize(
    ("body", "linked"),
    [
        # a language taken or heard as a subject, and alone in a story of language teaching
        ("Pupils sat Spanish and took Polish; others dropped German.", []),
        ("They heard Russian artillery, and the army took Russian positions.", ["Russian", "Russian"]),
        ("Entries for French fell, while Spanish grew, the languages board said.", []),
        ("French fell to a low at GCSE.", []),
        ("French fell to a low, the ministry said.", ["French"]),
        ("The rise of Chinese exports worried the languages department.", ["Chinese"]),
        ("The decline of Spain's exports worried the languages department.", ["Spain"]),
        # a language ISO 639-1 names that WordNet does not
        ("A mass was said in Luxembourgish.", []),
        ("The Luxembourgish government met.", ["Luxembourgish"]),
        # a body's name: one foreign word hyphened to a country's name
        ("Météo-France placed Brittany on alert.", []),
        ("Ouest-France, the daily, sold more copies.", []),
        ("Radio-Canada, the broadcaster, cut jobs.", []),  # after "Radio", a known word (country_context.py)
        ("Météo-France's forecasters warned France.", ["France"]),
        ("The Batam-Singapore ferry sailed.", ["Singapore"]),
        ("The Kuala Lumpur-Singapore line closed.", ["Singapore"]),
        ("The Indo-Pakistan border closed.", ["Pakistan"]),
        ("Météo-Swiss reported snow.", []),
    ],
)  # fmt: skip
def test_school_subjects_and_hyphened_bodies(body: str, linked: list[str], gazetteer: Gazetteer) -> None:
    assert _linked(body, gazetteer) == linked


@pytest.mark.parametrize(
    ("body", "at", "inside"),
    [
        ("the musical An American in Paris", 12, True),
        ("Casablanca, An American in Paris", 12, True),
        ("An American official said", 0, False),
        ("It rained. A Kenyan won", 11, False),
        ("He said: A Kenyan won", 9, False),
        ("“A Spanish court will decide", 1, False),
    ],
)
def test_a_titles_article(body: str, at: int, inside: bool) -> None:
    from gql_news.ingest.country_context import _a_titles_article

    assert _a_titles_article(body, at) is inside


@pytest.mark.parametrize(
    ("body", "at", "noun"),
    [
        ("Horse Racing Ireland said", 6, True),  # "Horse" before "Racing"
        ("Greyhound Racing Ireland said", 10, True),
        ("Visiting Jordan, the minister", 0, False),  # nothing before the participle
        ("After Visiting Jordan, the minister", 6, False),  # a function word
        ("Mark Visiting Jordan", 5, False),  # a given name
        ("Speed Skating Canada said", 6, False),  # an adjective too
    ],
)
def test_a_names_noun_before_a_participle(body: str, at: int, noun: bool) -> None:
    from gql_news.ingest.named_bodies import _after_a_names_noun

    assert _after_a_names_noun(body, at, shipped_country_context()) is noun


@pytest.mark.parametrize(
    ("body", "relative"),
    [
        ("The film Japan is being re-released.", False),  # an auxiliary: the title's own verb
        ("The film Japan returns to cinemas in a restored print.", False),  # a present verb
        ("The film Japan submitted to the Oscars was a comedy.", True),  # a past verb, then another
        ("The song Japan chose for Eurovision came last.", True),
        ("The film Japan opened in London in 1985 and was cut.", False),  # "and": the title's own
    ],
)
def test_a_relative_of_the_work(body: str, relative: bool) -> None:
    from gql_news.ingest.country_context import _a_relative_of_the_work

    end = body.index("Japan") + len("Japan")
    assert _a_relative_of_the_work(body, end, shipped_country_context()) is relative


@pytest.mark.parametrize(
    ("after", "gigs"),
    [
        (" will play two nights at the Budokan", True),
        (" played three sold-out concerts", True),
        (" plays a show", True),
        (" is to play 12 gigs", True),
        (" played two nights ago", False),
        (" will play two nights in a row", False),
        (" played two matches", False),
        (" played a tight set", False),
    ],
)
def test_a_performers_engagements(after: str, gigs: bool) -> None:
    from gql_news.ingest.country_context import _GIGS_AFTER

    assert (_GIGS_AFTER.match(after) is not None) is gigs


@pytest.mark.parametrize(
    ("body", "runner"),
    [
        ("The greyhound beat Droopys Cuba by two lengths.", True),
        ("The dog beat Droopys Cuba by two lengths.", False),  # no racing word in the body
        ("The greyhound beat Romeo Cuba by two lengths.", False),  # a given name: the name rules' own
        ("The greyhound was sold, Cuba's farmers said.", False),  # no word before the form
        ("The greyhound beat Droopys  Cuba by two lengths.", False),  # two spaces: no one name
    ],
)
def test_a_runners_name(body: str, runner: bool) -> None:
    from gql_news.ingest.country_context import a_runners_name

    start = body.index("Cuba")
    before = body[:start].rstrip().rsplit(" ", 1)[-1]
    previous = before if before[:1].isupper() else None
    assert a_runners_name(body, start, previous, shipped_country_context()) is runner


@pytest.mark.parametrize(
    ("body", "linked"),
    [
        # a form two countries share is the one the body names by a form of its own
        (
            "Vaccines reached the Democratic Republic of the Congo. Children are half of the cases in Congo.",
            ["Democratic Republic of the Congo", "Congo"],
        ),
        ("The DRC's army retook the town. Congolese troops were cheered.", ["DRC", "Congolese"]),
        ("The Republic of Congo held elections. Congo's president won.", ["Republic of Congo", "Congo"]),
        ("Dominica's prime minister arrived. Dominican officials met him.", ["Dominica", "Dominican"]),
        # neither named nor placed: "Congo" in its usual sense (the Democratic Republic), but not
        # inside a longer name
        ("Congo exports copper and cobalt.", ["Congo"]),
        ("He was born in the Belgian Congo in 1950.", []),
        ("Congo red stains the samples.", []),
        # both named, beside its own form in a list, or another thing named after it
        (
            "The Democratic Republic of Congo and the Republic of Congo share a river. Congo exports copper.",
            ["Democratic Republic of Congo", "Republic of Congo"],
        ),
        ("Congo-Brazzaville and Congo signed a border pact.", ["Congo-Brazzaville"]),
        ("The DRC signed the deal. Fishermen on the Congo river were paid.", ["DRC"]),
    ],
)
def test_a_form_two_countries_share(body: str, linked: list[str], gazetteer: Gazetteer) -> None:
    assert _linked(body, gazetteer) == linked


@pytest.mark.parametrize(
    ("body", "linked"),
    [
        # goods of several origins in a story of their trade: "Indian rice" beside "Thai white rice"
        (
            "India lifted curbs on rice exports. Exporters in Thailand gained while Indian rice was held"
            " back. Thai white rice fell.",
            ["India", "Thailand", "Indian", "Thai"],
        ),
        # no other origin of the noun, no trade of it, or the country named nowhere else: the kind
        ("Kenya exports French beans to France; bean exports rose.", ["Kenya", "France"]),
        (
            "India grows wild rice too. Indian rice is a tall grass of lakes. Thai white rice is not.",
            ["India", "Thai"],
        ),
        ("Indian rice was held back as rice exports fell. Thai white rice gained.", ["Thai"]),
    ],
)
def test_goods_of_several_origins(body: str, linked: list[str], gazetteer: Gazetteer) -> None:
    assert _linked(body, gazetteer) == linked


@pytest.mark.parametrize(
    ("body", "linked"),
    [
        # a list called towns, and a name listed only beside one the body calls a town
        (
            "Lynchburg's signpost points to Norway, Denmark and Peru, all of them towns. A diner in Peru shut.",
            [],
        ),
        ("Poland, a town of 5,000, lost power. Crews worked in Poland and Mexico.", []),
        # the list says what its names are; "between"; the name also written on its own
        ("Peru, a town in Indiana, shut. Peru and Chile, both copper producers, grew.", ["Peru", "Chile"]),
        ("Peru, a town of 11,000, flooded. Trade between Peru and Chile rose.", ["Peru", "Chile"]),
        # (a list's items are of one kind: beside the country Mexico, Poland is read as the country)
        (
            "Poland, a town, lost power. Crews went to Poland and Mexico. Mexico sent aid.",
            ["Poland", "Mexico", "Mexico"],
        ),
    ],
)
def test_towns_listed_together(body: str, linked: list[str], gazetteer: Gazetteer) -> None:
    assert _linked(body, gazetteer) == linked


def test_a_demonym_side_needs_a_plural_of_its_own() -> None:
    from gql_news.ingest import country_context as cc

    context = shipped_country_context()
    side = "American have won five. American coach Ann Lee said so."
    assert cc._a_demonym_side(side, len("American"), "American", context)
    coach = side.index("American coach") + len("American")
    assert cc._a_demonym_side(side, coach, "American", context)  # the side's coach in such a body
    assert not cc._a_demonym_side("The Dutch have won.", len("The Dutch"), "Dutch", context)
    assert not cc._a_demonym_side("Peru have won.", len("Peru"), "Peru", context)
    national = "An American coach said so. American have won."
    assert not cc._a_demonym_side(national, len("An American"), "American", context)
    assert not cc._a_demonym_side("American coach Ann Lee said so.", len("American"), "American", context)


def test_a_plural_after_a_sibilant_keeps_its_e() -> None:
    from gql_news.ingest import country_context as cc

    assert "horse" in cc._sibilant_singulars("horses")
    assert "bus" in cc._sibilant_singulars("buses")
    assert cc._sibilant_singulars("glasses") == ("glasses", "glass")
    assert cc._sibilant_singulars("hopes") == ("hopes", "hope")


@pytest.mark.parametrize(
    ("body", "linked"),
    [
        ("The Georgia state Senate voted. Georgia's parliament did not.", ["Georgia"]),
        ("Angola, a city of about 9,000, lost power. Angola beat Garrett.", []),
        ("Angola, the largest prison in the state, held him. Angola sells oil.", []),
        ("Belgians, a breed from Belgium, pulled the sled.", ["Belgium"]),
        ("4-H exhibitors showed Polish hens. Polish farmers protested.", ["Polish"]),
    ],
)
def test_us_places_sides_and_breeds(body: str, linked: list[str], gazetteer: Gazetteer) -> None:
    assert _linked(body, gazetteer) == linked


@pytest.mark.parametrize(
    ("body", "own"),
    [
        (" raised its budget", True),
        (" has also cut its budget", True),
        (" joined the programme in April after raising its budget", True),
        (" said its depth was unknown", False),
        (" studied the rock before he measured its depth", False),
        (" said that its pitch was poor", False),
        (" raised her estimate", False),
        (" measured the crater, then its rim", False),
    ],
)
def test_its_own_act(body: str, own: bool) -> None:
    from gql_news.ingest import country_context as cc

    assert cc._its_own_act("Poland" + body, len("Poland")) is own


@pytest.mark.parametrize(
    ("words", "disease"),
    [
        (["haemorrhagic", "fever"], True),
        (["hemorrhagic", "fevers"], True),
        (["equine", "encephalitis"], True),
        (["flu"], True),
        (["health", "ministry"], False),
        (["hay", "fever", "sufferers"], False),
        ([], False),
    ],
)
def test_a_two_word_illness_after_a_demonym(words: list[str], disease: bool) -> None:
    from gql_news.ingest import country_context as cc

    assert cc._a_dish_or_disease(words, shipped_country_context()) is disease
