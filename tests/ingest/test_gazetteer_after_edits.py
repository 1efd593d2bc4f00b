"""After a catalogue edit the cached gazetteer is the edited one, made without reading the whole
catalogue again, and equal to one built from the database."""

from __future__ import annotations

from pathlib import Path

import pytest

from gql_news.ingest import linker
from gql_news.ingest.catalogue import load_catalogue
from gql_news.ingest.entities import EntityInput, add_alias, create_entity, delete_entity, update_entity
from gql_news.ingest.linker import build_gazetteer, current_gazetteer, find_mentions
from gql_news.models import Person
from gql_news.settings import Settings


async def test_edits_are_filed_without_a_full_read(
    db_session: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    await load_catalogue()
    await current_gazetteer()  # the version before the edits is cached
    full_reads = 0
    real = linker.build_gazetteer

    async def counting() -> linker.Gazetteer:
        nonlocal full_reads
        full_reads += 1
        return await real()

    monkeypatch.setattr(linker, "build_gazetteer", counting)
    created = await create_entity("person", EntityInput(name="Kiri Tane", aliases=["K. Tane"]))
    await add_alias("person", created.entity_id, "Kiri T. Tane")
    await update_entity("person", created.entity_id, EntityInput(name="Kiri Tane-Ngata"))
    other = await create_entity("organisation", EntityInput(name="Nordvik Fisheries"))
    await delete_entity("organisation", other.entity_id)
    assert full_reads == 0
    cached = await current_gazetteer()
    assert full_reads == 0
    fresh = await real()
    assert set(cached.entries) == set(fresh.entries)
    body = "Kiri Tane-Ngata met Nordvik Fisheries. Tane-Ngata said no; Kiri Tane did not."
    assert find_mentions(body, cached) == find_mentions(body, fresh)
    person = await Person.get(id=created.entity_id)
    # the full name, its surname, and "Tane" (the surname of the alias "Kiri T. Tane")
    assert [m.entity_id for m in find_mentions(body, cached) if m.kind == "person"] == [person.id] * 3


async def test_an_unknown_base_version_reads_the_catalogue(db_session: Settings) -> None:
    await load_catalogue()
    linker._cached.clear()
    created = await create_entity("person", EntityInput(name="Ana Lopes-Duarte"))
    gazetteer = await current_gazetteer()
    assert set(gazetteer.entries) == set((await build_gazetteer()).entries)
    assert any(e.entity_id == created.entity_id for e in gazetteer.entries if e.kind == "person")


async def test_a_new_process_reads_the_compiled_gazetteer_kept_by_an_earlier_one(
    db_session: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The gazetteer of a catalogue version, compiled once, is read back from the cache directory
    by the next process (no catalogue read, no compile) and links the same; a new version, or a
    corrupt file, is built from the database again."""
    monkeypatch.setenv("GQL_NEWS_CACHE_DIR", str(tmp_path))
    await load_catalogue()
    linker._cached.clear()
    built = await current_gazetteer()
    body = "Kiri Tane met the Nordvik Fisheries board in Norway. Tane said Norwegian boats were welcome."
    expected = find_mentions(body, built)  # compiled here: kept
    (kept,) = _kept(tmp_path)

    async def no_read() -> linker.Gazetteer:
        raise AssertionError("the catalogue was read")

    linker._cached.clear()  # as a new process
    with monkeypatch.context() as patch:
        patch.setattr(linker, "build_gazetteer", no_read)
        patch.setattr(linker, "_compile", no_read)
        read = await current_gazetteer()
    assert read is not built
    assert read.entries == built.entries
    assert hash(read) == hash(built)
    assert read.matcher.targets == built.matcher.targets
    assert read.matcher.bearers == built.matcher.bearers
    assert find_mentions(body, read) == expected

    _truncate(kept, 1000)  # torn: built again, and kept again whole
    linker._cached.clear()
    again = await current_gazetteer()
    assert find_mentions(body, again) == expected
    assert _size(kept) > 1000

    created = await create_entity("person", EntityInput(name="Kiri Tane"))
    linker._cached.clear()
    edited = await current_gazetteer()  # another version: not the kept file's
    assert [m.entity_id for m in find_mentions(body, edited) if m.kind == "person"] == [created.entity_id] * 2
    assert len(_kept(tmp_path)) == 2  # the newer version's kept beside the older one
    assert kept in _kept(tmp_path)


def _kept(folder: Path) -> list[Path]:
    return list(folder.glob("gazetteer-*.bin"))


def _truncate(path: Path, size: int) -> None:
    path.write_bytes(path.read_bytes()[:size])


def _size(path: Path) -> int:
    return path.stat().st_size
