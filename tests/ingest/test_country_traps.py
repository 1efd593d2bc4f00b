"""Short newsroom sentences in which a country's name or demonym is, or is not, the country.

Each row is one sentence (or two) and the set of countries (ISO alpha-2) it names, labelled by
the corpus's conventions (tests/ingest/corpus.py): a demonym describing people, firms or goods of
a country and a national team are the country; a person's name, a place or institution named
after a country, a brand, a breed, a dish, a language, an idiom or a compound is not.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from gql_news.ingest.countries import desired_countries
from gql_news.ingest.linker import Gazetteer, find_mentions
from tests.ingest.test_country_context import gazetteer

__all__ = ["gazetteer"]  # the fixture: every country's forms, the shipped context and given names


@pytest.fixture(scope="module")
def linked_codes(gazetteer: Gazetteer) -> Callable[[str], set[str]]:
    codes = {pk: row.code for pk, row in enumerate(desired_countries(), start=1)}

    def linked(body: str) -> set[str]:
        return {codes[m.entity_id] for m in find_mentions(body, gazetteer) if m.kind == "country"}

    return linked


# fmt: off
PEOPLE: list[tuple[str, set[str]]] = [
    # a person whose given name is a country's, in every position
    ("Chad Morris, the coach, said the team would rest its starters.", set()),
    ("The coach, Chad Morris, said the team would rest its starters.", set()),
    ("Troops from Chad and Niger patrolled the border on Tuesday.", {"TD", "NE"}),
    ("Kenya Barris wrote and produced the series, which returns in March.", set()),
    ("Kenya's tea exports rose 8% in the quarter, the tea board said.", {"KE"}),
    ("India Knight, the columnist, wrote that the budget was a muddle.", set()),
    ("India cut tariffs on almonds from the United States.", {"IN", "US"}),
    ("China Miéville's new novel is set in a city that moves.", set()),
    ("China raised its growth target, officials in Beijing said.", {"CN"}),
    ("Israel Adesanya defended his title in Perth on Saturday.", set()),
    ("Israel and Egypt reopened the crossing on Monday.", {"IL", "EG"}),
    ("Georgia Toffolo opened the charity shop in Chelsea.", set()),
    ("Georgia's wine exports to Russia fell by a third.", {"GE", "RU"}),
    ("Jamaica Kincaid, the novelist, will give the lecture.", set()),
    ("Nurses from Jamaica and Ghana make up a fifth of the ward's staff.", {"JM", "GH"}),
    ("Holland Taylor and Tom Hanks read the nominations.", set()),
    ("France Gall's songs were played at the festival in Lyon.", set()),
    ("France and Germany agreed the budget in Brussels.", {"FR", "DE"}),
    ("Iran Barkley, the former boxer, was in the crowd.", set()),
    ("Iran raised oil output, the ministry said.", {"IR"}),
    ("Argentina Brunetti's films were shown in a retrospective.", set()),
    ("Argentina beat Chile 2-0 in Buenos Aires.", {"AR", "CL"}),
    ("Denmark Vesey's house in Charleston is now a museum.", set()),
    ("Wales Bonner, the designer, showed her collection in Milan.", set()),
    ("Cuba Gooding Jr. will star in the play on Broadway.", set()),
    ("Cuba's sugar harvest was the smallest in a century.", {"CU"}),
    # a person whose surname is a country's
    ("Marcy Jordan, an economist at the bank, said prices would fall. Jordan expects two cuts.", set()),
    ("Prices will fall, said Marcy Jordan, an economist. Jordan expects two cuts this year.", set()),
    ("Michael Jordan bought a stake in the team.", set()),
    ("Jordan and Egypt signed a gas deal, Jordan's energy minister said.", {"JO", "EG"}),
    ("Jools Holland played the piano at the opening.", set()),
    ("The coach, Ian Holland, said the squad was tired. Holland wants two signings.", set()),
    ("Tulip growers in Holland expect a late season.", {"NL"}),
    ("Jimmy Wales, who founded the encyclopedia, spoke at the conference.", set()),
    ("Wales beat Scotland 24-13 in Cardiff.", {"GB"}),
    ("Kathy Ireland launched a furniture line. Ireland said it would be sold online.", set()),
    ("Ireland's unemployment rate fell to 4.1%.", {"IE"}),
    ("Dawn French and Jennifer Saunders will tour next year.", set()),
    ("The deal was signed by French and Italian ministers in Rome.", {"FR", "IT"}),
    ("Irvine Welsh's new novel returns to Leith.", set()),
    ("Welsh farmers protested outside the Senedd in Cardiff.", {"GB"}),
    ("Harry English, the club secretary, said tickets had sold out.", set()),
    ("Ruth England, the painter, died at 91. She was born in England in 1933.", {"GB"}),
    ("Chris England wrote the script with a friend from school.", set()),
    ("Angela Brazil's school stories sold millions of copies.", set()),
    ("Brazil's economy grew 2.9% last year, the statistics agency said.", {"BR"}),
    ("Samantha Kenya Okafor, a lawyer, won the seat.", set()),
    ("German Efromovich, the airline's former owner, lost his appeal.", set()),
    ("German carmakers cut prices in China.", {"DE", "CN"}),
    ("Paris Hilton opened a hotel in Dubai.", set()),
    ("Sydney Chad, a nurse from Leeds, ran the marathon. Chad finished in 3:40.", set()),
    ("Mr Jordan said the talks would resume after the holiday.", set()),
    ("Dr Israel, who runs the clinic, said waiting lists had grown.", set()),
    ("Coach Holland said the team needed a new striker.", set()),
    ("Detective Inspector Tom Wales said no arrest had been made.", set()),
    ("Rachel Jersey, a teacher, was elected mayor. Jersey thanked voters.", set()),
    ("Jordan Henderson captained England against Jordan in Amman.", {"GB", "JO"}),
    ("Chad, a landlocked country, has no port.", {"TD"}),
    ("Neither Chad nor the Central African Republic sent a delegate.", {"TD", "CF"}),
    ("Only Jordan objected to the resolution.", {"JO"}),
    ("Landlocked Mali depends on ports in Senegal and Ivory Coast.", {"ML", "SN", "CI"}),
    ("Marcus Norway, a fisherman, said catches were down. Norway, which sets the quotas, cut them.", {"NO"}),
]

PLACES: list[tuple[str, set[str]]] = [
    # US states, towns and districts named like a country
    ("New Mexico's governor signed the water bill in Santa Fe.", set()),
    ("Migrants crossed from Mexico into New Mexico near Columbus.", {"MX"}),
    ("Georgia's peach growers in Macon lost a third of the crop to frost.", set()),
    ("The University of Georgia in Athens raised tuition.", set()),
    ("Jersey City police arrested two men on Friday.", set()),
    ("New Jersey Transit cancelled trains to Trenton.", set()),
    ("Jersey's finance minister said the island's tax take rose.", {"JE"}),
    ("Restaurants in Little Italy in Manhattan closed early for the parade.", set()),
    ("Italy's restaurants reopened in May.", {"IT"}),
    ("Panama City Beach, Florida, braced for the hurricane.", set()),
    ("Panama raised canal fees for container ships.", {"PA"}),
    ("Police in Lebanon, Pennsylvania, closed the bridge.", set()),
    ("The county fair in Peru, Indiana, drew record crowds.", set()),
    ("Jamaica Plain residents in Boston opposed the tower.", set()),
    ("Traffic on Jamaica Avenue in Queens was halted.", set()),
    ("Holland Park in London hosts an opera season each summer.", set()),
    ("The Holland Tunnel was closed after a crash.", set()),
    ("Commuters at Canada Water station faced delays.", set()),
    ("Canada's central bank held rates at 5%.", {"CA"}),
    ("The river Jordan has shrunk to a trickle.", set()),
    ("Flooding on the Niger River cut roads in Mali.", {"ML"}),
    ("Villages along the river Niger in Niger were evacuated.", {"NE"}),
    ("The Congo River carries more water than any river but the Amazon.", set()),
    ("Fishing boats in the Irish Sea stayed in port.", set()),
    ("Ferries across the English Channel were cancelled.", set()),
    ("Oil rigs in the Gulf of Mexico were evacuated.", set()),
    ("The Indian Ocean tsunami struck in 2004.", set()),
    ("Chinese and Philippine vessels collided in the South China Sea.", {"CN", "PH"}),
    ("Turkey Creek burst its banks after the storm.", set()),
    ("Spain Park High School won the state title in Alabama.", set()),
    ("The Brazil Street bridge reopened after repairs.", set()),
    ("Armenia, Colombia, lies in the coffee region.", {"CO"}),
    ("The Swiss Cottage library in London reopened.", set()),
    ("The town of Denmark in South Carolina voted to build a pool.", set()),
    ("Shoppers in Korea Town in Los Angeles queued for the sale.", set()),
    ("Protests in Western Australia and Queensland grew.", set()),
    ("Greek and Cypriot officials met in Nicosia.", {"GR", "CY"}),
    ("The Mexican border wall was extended by 20 miles.", {"MX"}),
    ("Lorries queued at the Irish border for checks.", {"IE"}),
    ("The king visited Cardiff, the capital of Wales.", {"GB"}),
]

BODIES: list[tuple[str, set[str]]] = [
    # institutions, companies, teams, ships, horses, bands and brands named after a country
    ("Air France cancelled 200 flights because of the strike.", set()),
    ("Air Canada pilots voted to strike.", set()),
    ("Turkish Airlines ordered 50 jets; Turkish exporters cheered.", {"TR"}),
    ("Kenya Airways cut its loss as Kenyan tourism recovered.", {"KE"}),
    ("Singapore Airlines and Qatar Airways added flights to Singapore.", {"SG"}),
    ("The Bank of England raised rates to 5.25%.", set()),
    ("The Royal Bank of Canada lent to miners in Chile.", {"CL"}),
    ("Bank of China opened a branch in Kenya.", {"KE"}),
    ("China Mobile's profit rose 5%.", set()),
    ("Swiss Re said disaster claims would rise; Swiss voters backed the law.", {"CH"}),
    ("Korea Electric Power raised tariffs.", set()),
    ("Royal Dutch Shell sold its stake in a Nigerian field.", {"NG"}),
    ("Canada Goose jackets were the best sellers this winter.", set()),
    ("Canada Dry ginger ale was pulled from shelves.", set()),
    ("Irish Spring soap sales rose in the US.", {"US"}),
    ("A Swiss Army knife was found at the scene.", set()),
    ("American Express reported higher card spending.", set()),
    ("The brewery's India Pale Ale won a medal.", set()),
    ("The Irish Times reported the story first.", set()),
    ("The Japan Times cut its print run.", set()),
    ("The Portuguese band Madredeus played in Lisbon.", {"PT"}),
    ("The favourite, Chinese Whisper, won the 3.30 at Ascot.", set()),
    ("The liner Queen of Bermuda was broken up in 1966.", set()),
    ("Brazil beat Argentina 2-1 in the World Cup qualifier.", {"BR", "AR"}),
    ("Brazil's national team trained in Turin before playing Italy.", {"BR", "IT"}),
    ("Morocco's run to the semi-finals thrilled fans in Rabat.", {"MA"}),
    ("The Ghanaian striker scored twice for Chelsea.", {"GH"}),
    ("Japan's women won the World Cup in Germany in 2011.", {"JP", "DE"}),
    ("Real Madrid signed a Brazilian winger.", {"BR"}),
    ("The National Bank of Poland bought gold again.", set()),
    ("Poland's central bank bought gold again.", {"PL"}),
    ("Mexican Grill chain Chipotle raised prices.", set()),
]

THINGS: list[tuple[str, set[str]]] = [
    # dishes, breeds, plants, products, illnesses, languages, cuisines and idioms
    ("The shop sells Brazil nuts, Scotch eggs and French toast.", set()),
    ("Panama hats and Cuban heels were back in the shows.", set()),
    ("Turkish delight and Greek yoghurt sold out before Christmas.", set()),
    ("French fries and Danish pastries are the café's best sellers.", set()),
    ("The spa offers Swedish massage and Thai massage.", set()),
    ("The game was a kind of Russian roulette with savers' money.", set()),
    ("The Spanish flu of 1918 killed millions.", set()),
    ("German measles cases rose among children.", set()),
    ("A German shepherd and a Persian cat won their classes at the show.", set()),
    ("Irish setters and Afghan hounds were judged on Sunday.", set()),
    ("Chinese checkers and Chinese whispers are games for children.", set()),
    ("He had a glass of Dutch courage before the speech.", set()),
    ("Irish coffee and Belgian waffles were served after the dinner.", set()),
    ("An Indian summer kept the beaches full into October.", set()),
    ("The talks turned into a Mexican standoff.", set()),
    ("The Mexican wave went round the stadium twice.", set()),
    ("Brussels sprouts and French beans were cheap this week.", set()),
    ("Swiss chard and Dutch ovens are on the gift list.", set()),
    ("Guinea fowl and Jersey cows grazed on the farm.", set()),
    ("Turkey sandwiches were served after the carol service.", set()),
    ("Japanese knotweed and Spanish moss spread along the river.", set()),
    ("Norway spruce and Canada geese are common in the park.", set()),
    ("Chinese walls separate the bank's analysts from its dealers.", set()),
    ("Spanish practices on the docks were ended by the new owners.", set()),
    ("The French windows opened onto a Japanese garden.", set()),
    ("She plays the French horn in the orchestra.", set()),
    ("Russian dressing and French dressing are on the menu.", set()),
    ("She speaks fluent Portuguese and Japanese.", set()),
    ("The course teaches Mandarin, Arabic and Spanish to adults.", set()),
    ("The menu mixes Thai and Italian cooking.", set()),
    ("Egyptian cotton sheets and Persian rugs filled the window.", set()),
    ("Double Dutch is a skipping game played with two ropes.", set()),
    ("Turkish baths reopened in Harrogate.", set()),
    ("A Scotch egg and a pint cost 9 pounds.", set()),
    ("Mexican jumping beans are the larvae of a moth.", set()),
    ("The pub serves Irish stew on Fridays.", set()),
    ("Great Danes and Irish wolfhounds are the largest breeds.", set()),
    ("Siamese cats and Burmese cats drew crowds.", set()),
    ("Chinese lanterns lit the garden.", set()),
    ("Pass the French mustard, she said.", set()),
    ("The restaurant's Korean barbecue drew long queues.", set()),
    ("An Italian restaurant opened on the high street.", set()),
]

TRUE: list[tuple[str, set[str]]] = [
    # the country, next to such words
    ("Kenyan runners swept the podium in Boston.", {"KE"}),
    ("The Chadian army said it had retaken the town.", {"TD"}),
    ("Israeli and Jordanian officials met in Aqaba.", {"IL", "JO"}),
    ("Indian exporters of rice face a new duty.", {"IN"}),
    ("Chinese officials visited the port in Piraeus.", {"CN"}),
    ("French wine exports to China rose 10%.", {"FR", "CN"}),
    ("Brazilian farmers planted more soybeans than ever.", {"BR"}),
    ("Tourists returned to Cuba after the storm.", {"CU"}),
    ("Peru, Chile, Bolivia and Ecuador signed the water treaty.", {"PE", "CL", "BO", "EC"}),
    ("Mexican farmers blocked the highway to protest prices.", {"MX"}),
    ("Turkish farmers sold wheat to Egypt.", {"TR", "EG"}),
    ("Greek banks raised capital; Greek yoghurt makers were unaffected.", {"GR"}),
    ("Danish shipping group Maersk cut its outlook.", {"DK"}),
    ("Swiss voters rejected the plan on Sunday.", {"CH"}),
    ("Dutch farmers blocked roads; Dutch ovens sold well.", {"NL"}),
    ("Panama's canal authority limited transits.", {"PA"}),
    ("Norwegian salmon prices fell as Norway raised output.", {"NO"}),
    ("The Irish government and the British government met in London.", {"IE", "GB"}),
    ("Scottish fishermen landed less cod than in 2022.", {"GB"}),
    ("Nigeria and Ghana agreed a power deal.", {"NG", "GH"}),
    ("The Egyptian president met his Turkish counterpart.", {"EG", "TR"}),
    ("South Korea and Japan restored trade ties.", {"KR", "JP"}),
    ("Vietnamese coffee growers expect a bigger crop.", {"VN"}),
    ("Ethiopian and Eritrean leaders met in Asmara.", {"ET", "ER"}),
    ("Polish and Czech truckers blocked the border.", {"PL", "CZ"}),
    ("The Portuguese prime minister resigned on Tuesday.", {"PT"}),
    ("Russian gas flows to Hungary resumed.", {"RU", "HU"}),
    ("Spanish unemployment fell below 12%.", {"ES"}),
    ("Thai rice exports rose as India curbed sales.", {"TH", "IN"}),
    ("Belgian police searched the offices in Brussels.", {"BE"}),
    ("Austrian and Swiss banks tightened checks.", {"AT", "CH"}),
    ("Japanese investors bought more Australian bonds.", {"JP", "AU"}),
    ("Turkey's inflation rate rose to 65%.", {"TR"}),
    ("Turkey raised interest rates again, the central bank said.", {"TR"}),
    ("Georgia and Armenia signed a border deal in Tbilisi.", {"GE", "AM"}),
    ("Jordan's king met the US president in Washington.", {"JO", "US"}),
    ("Exports from Chad fell as oil prices slid.", {"TD"}),
    ("Guinea's bauxite mines were shut by the strike.", {"GN"}),
    ("Jersey and Guernsey raised their tax rates.", {"JE", "GG"}),
    ("Niger's junta expelled the French ambassador.", {"NE", "FR"}),
    ("The Irish economy grew faster than Britain's.", {"IE", "GB"}),
    ("Cuban doctors were sent to Italy during the pandemic.", {"CU", "IT"}),
    ("Israel's central bank left rates on hold.", {"IL"}),
    ("Argentine beef exports to China rose.", {"AR", "CN"}),
    ("Colombian coffee and Kenyan tea were the auction's top lots.", {"CO", "KE"}),
    ("Ukrainian grain shipments from Odesa resumed.", {"UA"}),
    ("The Indonesian and Malaysian palm oil boards met.", {"ID", "MY"}),
    ("Moroccan tomatoes flooded Spanish markets.", {"MA", "ES"}),
    ("The English Premier League's clubs spent a record sum.", set()),
    ("England's cricketers lost to India in Chennai.", {"GB", "IN"}),
    ("Holland's tulip exports hit a record.", {"NL"}),
    ("The Netherlands and Belgium share the port project.", {"NL", "BE"}),
    ("India and Pakistan's foreign ministers spoke by phone.", {"IN", "PK"}),
    ("Chile's copper output fell 3%.", {"CL"}),
    ("Sri Lankan tea and Indian spices were the main imports.", {"LK", "IN"}),
    ("Imports of Brazilian beef were suspended.", {"BR"}),
    ("Filipino nurses staff many of the hospital's wards.", {"PH"}),
    ("Senegalese fishermen said Chinese trawlers had emptied the sea.", {"SN", "CN"}),
    ("Chadian and Nigerien troops fought the insurgents near Lake Chad.", {"TD", "NE"}),
    ("Kenya's president met India's prime minister in Nairobi.", {"KE", "IN"}),
    ("Jamaican sprinters won three golds; Jamaica declared a holiday.", {"JM"}),
    ("Israeli exporters of dates sold more to Turkey.", {"IL", "TR"}),
    ("Brazil and Cuba signed a medical accord in Havana.", {"BR", "CU"}),
    ("Wales's first minister met Irish officials in Dublin.", {"GB", "IE"}),
    ("Jersey's growers shipped new potatoes to France.", {"JE", "FR"}),
    ("Georgian wine exports to Russia and Ukraine rose.", {"GE", "RU", "UA"}),
    ("Panamanian-flagged tankers were held off Iran.", {"PA", "IR"}),
    ("Danish and Swedish ministers met to discuss the bridge.", {"DK", "SE"}),
    ("Greek and Turkish coastguards met in Izmir.", {"GR", "TR"}),
    ("The Chinese embassy in Mexico issued a statement.", {"CN", "MX"}),
    ("Exports from Mexico, Canada and the United States rose.", {"MX", "CA", "US"}),
]
# fmt: on


# still read wrongly: idioms and foods WordNet lacks ("Mexican wave", "Chinese whispers", "Greek
# yoghurt", "Japanese garden", "French mustard"), a list of languages that are no country's demonym,
# a town named with its country after a comma, a common noun capitalised at a sentence's start
# before a compound WordNet lacks, and a country set beside a person of its name by "which"
KNOWN_MISREADINGS = frozenset(
    [
        "Marcus Norway, a fisherman, said catches were down. Norway, which sets the quotas, cut them.",
        "Armenia, Colombia, lies in the coffee region.",
        "Turkish delight and Greek yoghurt sold out before Christmas.",
        "Chinese checkers and Chinese whispers are games for children.",
        "The Mexican wave went round the stadium twice.",
        "Turkey sandwiches were served after the carol service.",
        "Spanish practices on the docks were ended by the new owners.",
        "The French windows opened onto a Japanese garden.",
        "The course teaches Mandarin, Arabic and Spanish to adults.",
        "Pass the French mustard, she said.",
    ]
)


@pytest.mark.parametrize(
    ("body", "codes"),
    [
        pytest.param(body, codes, marks=[pytest.mark.xfail(strict=True)] if body in KNOWN_MISREADINGS else [])
        for body, codes in PEOPLE + PLACES + BODIES + THINGS + TRUE
    ],
)
def test_country_traps(body: str, codes: set[str], linked_codes: Callable[[str], set[str]]) -> None:
    assert linked_codes(body) == codes


def test_the_table_is_broad_and_guards_recall() -> None:
    rows = PEOPLE + PLACES + BODIES + THINGS + TRUE
    assert len({body for body, _ in rows}) == len(rows) >= 150
    assert sum(1 for _, codes in rows if codes) >= sum(1 for _, codes in rows if not codes)
