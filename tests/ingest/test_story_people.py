"""A given name that is a country's form, in a story that names both its bearer and the country.

Where a person was named by such a given name and a surname ("Georgia Hayes") and the body also
writes the form as the country ("learned the game in Georgia"), the body's usage no longer reads
every bare occurrence as the country: one that speaks a quotation or opens a sentence about him
or her is the person (story_people.py); so is a player named beside the side he plays for
("Wales for Wales, Holland for the Netherlands"); and a list one of whose items names the
country lists countries, though other items are surnames in the story. Each row gives the
country forms linked, in order.
"""

from __future__ import annotations

import pytest

from gql_news.ingest.linker import Gazetteer, find_mentions
from tests.ingest.test_country_context import gazetteer

__all__ = ["gazetteer"]

# fmt: off
SPANS: list[tuple[str, list[str]]] = [
    ('Georgia Hayes won in Dubai. Hayes, 29, birdied the last. Nino Beridze learned the game in Georgia. "I have been close so many times," Georgia said afterwards.', ["Georgia"]),
    ('Georgia Hayes won in Dubai. Hayes, 29, birdied the last. Nino Beridze learned the game in Georgia. “I have been close so many times,” said Georgia.', ["Georgia"]),
    ("Georgia Hayes won in Dubai. Hayes, 29, birdied the last. Nino Beridze learned the game in Georgia. Georgia said she would celebrate with a quiet dinner.", ["Georgia"]),
    ("Georgia Hayes won in Dubai. Hayes, 29, birdied the last. Nino Beridze learned the game in Georgia. Georgia said its golf federation would build two courses.", ["Georgia", "Georgia"]),
    ("Georgia Hayes won in Dubai. Hayes, 29, birdied the last. Nino Beridze learned the game in Georgia. Georgia's president said he was proud of her.", ["Georgia", "Georgia"]),
    ("Chad Bryant, 23, switched his allegiance to Chad in October. Bryant scored 11 goals. Chad trained with his new team-mates on Friday.", ["Chad"]),
    ("Chad Bryant, 23, switched his allegiance to Chad in October. Bryant scored 11 goals. Chad play Sudan next month.", ["Chad", "Chad", "Sudan"]),
    ('Chad Bryant, 23, has left Leicester. Bryant scored 11 goals. "Chad wanted to go and the offer was right," Rudkin said. He now plays for Chad.', ["Chad"]),
    ("Jordan Ogutu runs the school. Ogutu is survived by Jordan and by two daughters. Jordan said the school would stay open.", []),
    ("Montserrat Vidal sang at La Scala. Vidal was born in Girona and sang in Montserrat in 1995. Montserrat, as she was known to audiences, made her debut in 1958.", ["Montserrat"]),
    ("The striker Danny Wales and the winger Kai Holland are in squads this month: Wales for Wales, Holland for the Netherlands under-21s.", ["Wales", "Netherlands"]),
    ("The winger Kai Holland plays in Utrecht. Ministers of Italy, Holland and Spain met in Rome.", ["Italy", "Holland", "Spain"]),
    # a list read outward: one item that names the country makes the others countries
    ("Mr Jordan's lawyer, Sophie Israel, spoke first. The barrister Oliver Kenya replied. The programme took him to Jordan, Israel and Kenya.", ["Jordan", "Israel", "Kenya"]),
    ("Mr Jordan's lawyer, Sophie Israel, spoke first. The barrister Oliver Kenya replied. Israel and Kenya said nothing more.", []),
    ("The envoy Jordan Hale visited Amman. Hale said talks went well. Jordan said it would add staff at the crossing.", ["Jordan"]),
    ("The envoy Jordan Hale visited Amman. Hale flew to Jordan twice. Jordan said he was hopeful.", ["Jordan"]),
]
# fmt: on


@pytest.mark.parametrize(("body", "linked"), SPANS)
def test_given_name_beside_the_country(body: str, linked: list[str], gazetteer: Gazetteer) -> None:
    assert [m.text for m in find_mentions(body, gazetteer) if m.kind == "country"] == linked
