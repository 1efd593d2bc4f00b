"""The ISO country set: all of it, newsroom names, idempotent and cheap to re-run."""

from __future__ import annotations

import re
from typing import Any

from gql_news.db import SQLITE_WRITE_LOCK
from gql_news.ingest.countries import desired_countries, load_countries
from gql_news.models import Country
from gql_news.settings import Settings
from tests.graphql.helpers import count_statements

NEWSROOM_NAMES = {
    "KR": "South Korea",
    "KP": "North Korea",
    "RU": "Russia",
    "IR": "Iran",
    "TW": "Taiwan",
    "VN": "Vietnam",
    "LA": "Laos",
    "BO": "Bolivia",
    "SY": "Syria",
    "TZ": "Tanzania",
    "VE": "Venezuela",
    "MD": "Moldova",
    "FM": "Micronesia",
    "BN": "Brunei",
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "CZ": "Czechia",
    "TR": "Turkey",
    "PS": "Palestine",
    "VA": "Vatican City",
    "GB": "United Kingdom",
    "US": "United States",
    "BY": "Belarus",
}


async def _snapshot() -> list[tuple[Any, ...]]:
    return [
        tuple(row)
        for row in await Country.all()
        .order_by("code")
        .values_list("id", "code", "alpha3", "slug", "name", "official_name", "aliases", "demonyms")
    ]


def test_names_are_short_names_not_inverted_iso_forms() -> None:
    rows = {row.code: row for row in desired_countries()}
    assert len(rows) == 249
    for code, name in NEWSROOM_NAMES.items():
        assert rows[code].name == name, code
    inverted = [r.name for r in rows.values() if re.search(r", (the |The )?[\w ]*\b(of|Republic)\b", r.name)]
    assert inverted == []
    assert rows["TR"].aliases[:1] == ("Türkiye",)
    assert rows["KR"].official_name == "Republic of Korea"
    assert rows["ER"].official_name == "State of Eritrea"
    assert len({r.slug for r in rows.values()}) == 249
    assert rows["VI"].slug == "us-virgin-islands"


def test_korea_and_korean_mean_south_korea() -> None:
    rows = {row.code: row for row in desired_countries()}
    assert "Korea" in rows["KR"].aliases
    assert {"Korean", "South Korean"} <= set(rows["KR"].demonyms)
    assert "Korea" not in rows["KP"].aliases
    assert "Korean" not in rows["KP"].demonyms


def test_only_small_territories_lack_a_demonym() -> None:
    """Every sovereign state has demonyms except two, deliberately; territories may have none."""
    without = {row.code for row in desired_countries() if not row.demonyms}
    sovereign_without = {"CF", "VA"}  # "Central African" reads as the region; the Vatican has none in use
    territories = {"AQ", "AX", "BL", "BQ", "BV", "CC", "GG", "GS", "HM", "IO", "JE", "MF", "MP", "PM"}
    territories |= {"RE", "SJ", "SX", "TC", "TF", "UM", "VG", "VI", "WF", "YT"}
    assert without == sovereign_without | territories


async def test_loaded_set_is_complete(db_session: Settings) -> None:
    assert await Country.all().count() == 249
    korea = await Country.get(code="KR")
    assert (korea.name, korea.alpha3, korea.slug) == ("South Korea", "KOR", "south-korea")
    assert korea.official_name == "Republic of Korea"
    assert "Korea" in korea.aliases
    assert "Korean" in korea.demonyms
    belarus = await Country.get(code="BY")
    assert belarus.demonyms[:2] == ["Belarusian", "Belarusan"]


async def test_second_run_changes_nothing_with_one_select(db_session: Settings) -> None:
    before = await _snapshot()
    with count_statements() as statements:
        assert await load_countries() == 0
    assert len(statements) == 1
    assert statements[0].lstrip().upper().startswith("SELECT")
    assert await _snapshot() == before


async def test_repairs_changed_and_missing_rows(db_session: Settings) -> None:
    before = {row[1]: row for row in await _snapshot()}
    await Country.filter(code="KR").update(name="Korea, Republic of", demonyms=[])
    await Country.filter(code="AQ").delete()
    with count_statements() as statements:
        assert await load_countries() == 2
    writes = [
        s
        for s in statements
        if not s.lstrip().upper().startswith("SELECT") and not s.strip().startswith(SQLITE_WRITE_LOCK)
    ]
    assert len(writes) == 2  # one bulk UPDATE, one bulk INSERT, whatever the number of rows
    after = {row[1]: row for row in await _snapshot()}
    assert after.keys() == before.keys()
    assert after["KR"] == before["KR"]
    assert after["AQ"][1:] == before["AQ"][1:]
    assert await load_countries() == 0
