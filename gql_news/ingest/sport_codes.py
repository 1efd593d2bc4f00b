"""The country codes a results list writes after a competitor's name.

"Jannik Sinner (ITA) bt Tallon Griekspoor (NED) 6-4 6-3", "Ugo Humbert (Fra)": a code of three
letters, in capitals or with only its first one capitalised, in brackets right after a
capitalised word, names the competitor's country. The codes are the IOC's where they differ from
ISO 3166-1 alpha-3 (data/sport_codes.json, kept by hand, with the codes football gives the four
home nations), and ISO's own otherwise; where the two disagree the IOC's wins ("BRN" is Bahrain).
A body must write two such codes or more: one alone in brackets is as often a share's ticker
("Marriott International (MAR)").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from gql_news.ingest.countries import desired_countries
from gql_news.ingest.resources import data_file, read_json

# a code in brackets after a capitalised word and one space, and before a space, a mark or the end
_A_COMPETITORS_CODE = re.compile(r"(?<=[^\W\d_])[^\S\n]\(([A-Z](?:[A-Z]{2}|[a-z]{2}))\)(?=[\s,;:.!?)]|\Z)")
# a capitalised word, a space and an opening bracket: "Conor Tierney ("
_A_NAME_AND_A_BRACKET_BEFORE = re.compile(r"(?<![^\W_])[A-ZÀ-ÖØ-Þ][\w'’.-]*[^\S\n]\(\Z")


def after_a_competitors_name(body: str, at: int) -> bool:
    """Whether a capitalised word, a space and an opening bracket end right before `at`, where a
    results list writes a competitor's country ("Conor Tierney (Ireland)", "Sinner (ITA)")."""
    return _A_NAME_AND_A_BRACKET_BEFORE.search(body, max(0, at - 42), at) is not None


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Each code, in capitals, with the name of the country it stands for."""
    rows = desired_countries()
    names = {row.code: row.name for row in rows}
    codes = {row.alpha3: row.code for row in rows}
    data = read_json(data_file("sport_codes.json"))
    for table in ("ioc", "football", "newsroom"):
        codes.update(data[table])
    return {code: names[alpha2] for code, alpha2 in codes.items() if alpha2 in names}


def competitors_codes(body: str) -> Iterator[tuple[int, int, str]]:
    """The start, end and country's name of every competitor's code in `body`, if it writes two
    or more (none otherwise)."""
    found: list[tuple[int, int, str]] = []
    names: dict[str, str] | None = None
    for match in _A_COMPETITORS_CODE.finditer(body):
        if not after_a_competitors_name(body, match.start(1)):
            continue
        names = names if names is not None else _country_names()
        name = names.get(match.group(1).upper())
        if name is not None:
            found.append((match.start(1), match.end(1), name))
    if len(found) > 1:
        yield from found
