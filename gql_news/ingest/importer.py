"""`gql-news import`: files, directories, globs or standard input, in the seed's text format or as
JSON / NDJSON records, each article stored through `store_article` (the importArticle path).

Articles are stored a hundred per transaction (`store_articles`); a batch the database refuses
is stored again article by article, so a bad one is reported and skipped and never leaves
anything half-written, nor stops the others. What goes in:

- a `.txt` file (or anything not JSON): one article in the seed's text format;
- a `.json` file: one record, or a list of records;
- a `.ndjson` / `.jsonl` file: one record per line (blank lines skipped);
- a directory: every such file below it, in name order; a glob: every file it matches;
- `-`: standard input, told apart by its first character (`{` or `[`: JSON, else text).

A record has `title`, `body`, `publishedAt` (ISO 8601 date or date-time), and optionally
`topics`, `byline`, `sourceUrl`, `standfirst` (snake_case names are accepted too).
"""

from __future__ import annotations

import asyncio
import contextlib
import glob
import json
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, ValidationError

from gql_news.ingest.article_rows import Prelinked, prelink
from gql_news.ingest.counts import counts_deferred, fold_counts
from gql_news.ingest.drafts import ArticleDraft, build_article, check_body_size
from gql_news.ingest.errors import InputError
from gql_news.ingest.linker import Gazetteer, current_gazetteer
from gql_news.ingest.neighbours import (
    drain_neighbours,
    importing,
    imports_running,
    neighbours_deferred,
    others_importing,
)
from gql_news.ingest.parser import ArticleFormatError, ParsedArticle, parse_article
from gql_news.ingest.store import StoreStatus, store_articles

TEXT_SUFFIXES = frozenset({".txt", ".text"})
JSON_SUFFIXES = frozenset({".json"})
LINES_SUFFIXES = frozenset({".ndjson", ".jsonl"})
_KNOWN = TEXT_SUFFIXES | JSON_SUFFIXES | LINES_SUFFIXES
_GLOB_CHARS = frozenset("*?[")

Format = Literal["text", "json", "lines"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)

    title: str
    body: str
    published_at: datetime = Field(validation_alias=AliasChoices("publishedAt", "published_at"))
    topics: list[str] = Field(default_factory=list)
    byline: str | None = None
    source_url: str | None = Field(default=None, validation_alias=AliasChoices("sourceUrl", "source_url"))
    standfirst: str | None = None


@dataclass(frozen=True, slots=True)
class Item:
    """One article to import: where it came from (`file`, `file:line`, `file[3]`) and how to read it."""

    label: str
    build: Callable[[], ParsedArticle]


@dataclass(frozen=True, slots=True)
class Failure:
    label: str
    reason: str


@dataclass
class ImportReport:
    """What an import did, article by article."""

    counts: dict[StoreStatus, int] = field(
        default_factory=lambda: {"created": 0, "updated": 0, "unchanged": 0}
    )
    failures: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def collect(arguments: Sequence[str], stdin: Callable[[], str]) -> tuple[list[Item], list[Failure]]:
    """Every article the arguments name, and what could not even be read (missing files, bad JSON)."""
    items: list[Item] = []
    failures: list[Failure] = []
    for argument in arguments:
        if argument == "-":
            _read("<stdin>", None, stdin, items, failures)
            continue
        for path in _expand(argument, failures):
            _read(str(path), _format_of(path), _reader(path), items, failures)
    return items, failures


def _reader(path: Path) -> Callable[[], str]:
    return lambda: path.read_text(encoding="utf-8")


def _expand(argument: str, failures: list[Failure]) -> list[Path]:
    path = Path(argument)
    if path.is_dir():
        found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in _KNOWN)
        if not found:
            failures.append(Failure(argument, "the directory holds no .txt, .json, .ndjson or .jsonl file"))
        return found
    if path.is_file():
        return [path]
    if _GLOB_CHARS & set(argument):
        matches = sorted(Path(p) for p in glob.glob(argument, recursive=True) if Path(p).is_file())
        if not matches:
            failures.append(Failure(argument, "no file matches this pattern"))
        return matches
    failures.append(Failure(argument, "no such file or directory"))
    return []


def _format_of(path: Path) -> Format | None:
    suffix = path.suffix.lower()
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in LINES_SUFFIXES:
        return "lines"
    if suffix in TEXT_SUFFIXES:
        return "text"
    return None  # sniffed from the content


def _sniff(text: str) -> Format:
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("["):
        return "json"
    if stripped.startswith("{"):
        lines = [line for line in stripped.splitlines() if line.strip()]
        return "lines" if len(lines) > 1 and all(line.lstrip().startswith("{") for line in lines) else "json"
    return "text"


def _read(
    label: str, fmt: Format | None, read: Callable[[], str], items: list[Item], failures: list[Failure]
) -> None:
    try:
        text = read()
    except (OSError, UnicodeDecodeError) as error:
        failures.append(Failure(label, f"cannot read it: {error}"))
        return
    fmt = fmt or _sniff(text)
    if fmt == "text":
        items.append(Item(label, lambda: _parse_text(text)))
        return
    try:
        records = list(_records(label, text, fmt))
    except ValueError as error:
        failures.append(Failure(label, str(error)))
        return
    items.extend(Item(record_label, _record_builder(record)) for record_label, record in records)


def _records(label: str, text: str, fmt: Format) -> Iterator[tuple[str, Any]]:
    if fmt == "lines":
        for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
            if line.strip():
                try:
                    yield f"{label}:{number}", json.loads(line)
                except json.JSONDecodeError as error:
                    yield f"{label}:{number}", _Broken(f"not JSON: {error.msg} (column {error.colno})")
        return
    try:
        data = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON: {error.msg} (line {error.lineno}, column {error.colno})") from None
    if isinstance(data, list):
        for index, record in enumerate(data):
            yield f"{label}[{index}]", record
    else:
        yield label, data


@dataclass(frozen=True, slots=True)
class _Broken:
    reason: str


def _record_builder(record: Any) -> Callable[[], ParsedArticle]:
    return lambda: _parse_record(record)


def _parse_text(text: str) -> ParsedArticle:
    check_body_size(text, "text")
    return parse_article(text)


def _parse_record(record: Any) -> ParsedArticle:
    if isinstance(record, _Broken):
        raise InputError("record", record.reason)
    if not isinstance(record, dict):
        raise InputError("record", f"a record must be a JSON object, not {type(record).__name__}")
    try:
        data = _Record.model_validate(record)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "record"
        raise InputError(where, f"{where}: {first['msg']}") from None
    return build_article(
        ArticleDraft(
            title=data.title,
            body=data.body,
            published_at=data.published_at,
            topics=data.topics,
            byline=data.byline,
            source_url=data.source_url,
            standfirst=data.standfirst,
        )
    )


async def import_items(
    items: Sequence[Item], report: ImportReport, advance: Callable[[], None], *, batch: int = 100
) -> None:
    """Parse every item and store them `batch` at a time (one transaction each, `store_articles`).

    An item that does not parse is recorded and skipped. A batch the database refuses is
    rolled back whole and its articles are stored again one by one, so a bad article is
    reported alone and never leaves anything half-written, nor stops the others. The related-
    article lists are not refreshed in the batches' transactions: the articles are queued and
    their lists refreshed by a background task every `DRAIN_ALONGSIDE` articles (PostgreSQL,
    while no other import runs) and after the last batch (`neighbours.drain_neighbours`), also
    when the import stops on an error (not when it is interrupted: the next import drains what
    is left). While another import runs (PostgreSQL: `neighbours.importing`), the drain is left
    to the last one to end, which finds every article queued by both. On PostgreSQL the
    maintained counts of new articles are queued too (`counts.counts_deferred`): folded in by a
    background task about every `FOLD_ALONGSIDE` articles stored (by all running imports: with n
    of them, each folds after storing 1/n of that), and by this import, after any other folder,
    before it returns (also when it stops on an error), so they are exact once it has returned.
    """
    alongside: list[asyncio.Task[int]] = []
    try:
        async with importing():
            await _store_all(items, report, advance, batch, alongside)
    except Exception:
        with contextlib.suppress(Exception):  # the import's own failure is the one to report
            await _finish(alongside)
        raise
    await _finish(alongside)


async def _finish(alongside: Sequence[asyncio.Task[int]]) -> None:
    """The last fold of the counts and, unless another import runs, the drain of the lists: side
    by side, each on a connection of its own (they write different tables), started at once,
    not after the background fold or drain still running (`alongside`): the last fold waits for
    the folds in flight (`fold_counts`), the drain for the drain in flight (one at a time), each
    then finding what is left, so the drain's statements run while the fold in flight ends."""

    async def drain() -> None:
        if not await others_importing():
            await drain_neighbours()

    async def collected(task: asyncio.Task[int]) -> None:
        with contextlib.suppress(Exception):  # what it left is done by the last fold or drain
            await task

    outcomes = await asyncio.gather(
        fold_counts(), drain(), *(collected(task) for task in alongside), return_exceptions=True
    )
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            raise outcome


@dataclass
class _Batch:
    """Up to `batch` parsed articles, and the items before the next one that did not parse."""

    failures: list[Failure] = field(default_factory=list)
    pending: list[tuple[Item, ParsedArticle]] = field(default_factory=list)


def _batches(items: Sequence[Item], size: int, first: int | None = None) -> Iterator[_Batch]:
    """The items parsed, `size` articles a batch; the first batch `first` articles."""
    current = _Batch()
    limit = size if first is None else first
    for item in items:
        try:
            current.pending.append((item, item.build()))
        except (ArticleFormatError, InputError) as error:
            current.failures.append(Failure(item.label, _reason(error)))
        if len(current.pending) >= limit:
            yield current
            current = _Batch()
            limit = size
    if current.pending or current.failures:
        yield current


async def _store_all(
    items: Sequence[Item],
    report: ImportReport,
    advance: Callable[[], None],
    batch: int,
    alongside: list[asyncio.Task[int]],
) -> None:
    """Store the batches in order; while one is written, the next is parsed and linked in a worker
    thread (linking is Python, the write mostly waiting for the database). From the first batch on,
    which is a quarter of the others (linked in its transaction, before anything is written, so
    the first write waits for less); after a batch that stored nothing new, linking ahead stops
    (re-importing unchanged articles links nothing), and the linking started while it was
    written is cut short. The background fold and drain still running at the end are left in
    `alongside` for `_finish`. Interrupted (Ctrl-C cancels the import) or failed, the linking
    ahead is cut short too: leaving waits for the worker thread, no longer than a body's linking."""
    loop = asyncio.get_running_loop()
    folding: asyncio.Task[int] | None = None
    draining: asyncio.Task[int] | None = None
    undrained = unfolded = 0
    left = len(items)  # items not yet in a stored batch
    with (
        neighbours_deferred(),
        counts_deferred(),
        _prompt_switches(),
        ThreadPoolExecutor(1, thread_name_prefix="gql-news-link") as pool,
    ):
        batches = _batches(items, batch, max(1, batch // 4))
        current = next(batches, None)
        prelinked: Prelinked | None = None
        ahead = True
        stop = threading.Event()
        try:
            while current is not None:
                stop = threading.Event()
                gazetteer = await current_gazetteer() if ahead else None
                reading = loop.run_in_executor(pool, _read_ahead, batches, gazetteer, stop)
                stored = 0
                try:
                    for failure in current.failures:
                        report.failures.append(failure)
                        advance()
                    stored = await _store(current.pending, report, advance, prelinked)
                    left -= len(current.failures) + len(current.pending)
                    undrained += stored
                    unfolded += stored
                finally:
                    ahead = stored > 0
                    if not ahead:
                        stop.set()  # what is linked so far is used; the rest in its transaction
                    following, prelinked = await reading
                running = await imports_running() if stored > 0 and following is not None else 0
                ending = stored == 0 or following is None
                due = unfolded * running >= FOLD_ALONGSIDE or unfolded >= left
                if unfolded and _idle(folding) and (ending or due):
                    # The counts of what was committed, on a connection of their own while the
                    # next batches are written (the database's work on two cores), about a
                    # thousand articles at a time (a pair named in several is written once): with
                    # n importers running, each folds (what all of them queued) after storing
                    # 1/n of that (one folder at a time, whoever is free: what the others stored
                    # would otherwise wait for the end); and as soon as fewer articles are left
                    # than it would fold, so that the fold after the last batch is usually small
                    # (each background fold takes one set: when folds fall behind the batches, the
                    # last fold collects what is left).
                    unfolded = 0
                    folding = asyncio.create_task(fold_counts(wait=False, once=True))
                if undrained >= DRAIN_ALONGSIDE and running == 1 and _idle(draining):
                    # Likewise the related-article lists of what was committed, a few hundred
                    # articles at a time (a drain's statements cost less per article in larger
                    # sets), while no other import runs (else the last to end drains the lot).
                    undrained = 0
                    draining = asyncio.create_task(drain_neighbours(once=True))
                current = following
        finally:
            stop.set()  # the pool's exit waits for its thread: no more bodies linked for nothing
            for task in (folding, draining):
                if task is not None and not _idle(task):  # still running: awaited by `_finish`
                    alongside.append(task)


def _read_ahead(
    batches: Iterator[_Batch], gazetteer: Gazetteer | None, stop: threading.Event
) -> tuple[_Batch | None, Prelinked | None]:
    """The next batch, parsed, and its bodies linked against `gazetteer` unless it is None (in the
    worker thread, while the event loop's thread writes the batch before it)."""
    following = next(batches, None)
    if gazetteer is None or following is None or not following.pending:
        return following, None
    return following, prelink([parsed.body for _, parsed in following.pending], gazetteer, stop)


FOLD_ALONGSIDE = 1000
"""Articles stored since the last fold before an import folds the counts alongside its batches."""
DRAIN_ALONGSIDE = 500
"""Articles stored since the last drain before an import drains alongside its batches again."""


def _idle(task: asyncio.Task[int] | None) -> bool:
    """Whether no background task is running; a finished one is collected (a failed one left its
    articles queued for the next)."""
    if task is None:
        return True
    if not task.done():
        return False
    with contextlib.suppress(Exception):
        task.result()
    return True


_SWITCH_INTERVAL_S = 0.0005


@contextlib.contextmanager
def _prompt_switches() -> Iterator[None]:
    """While a worker thread links ahead, the event loop's thread gets the GIL back within 0.5 ms
    of asking (Python's default: 5 ms). Every statement the loop sends releases the GIL around
    the socket call; with the default, the linking thread then kept it for up to 5 ms each time
    (cProfile of 2,000 articles on a loaded machine: the loop's 561 `socket.send` calls took
    1.3-1.5 s, 0.9 s at 0.5 ms), so the database waited on linking."""
    previous = sys.getswitchinterval()
    sys.setswitchinterval(min(previous, _SWITCH_INTERVAL_S))
    try:
        yield
    finally:
        sys.setswitchinterval(previous)


def _reason(error: Exception) -> str:
    field_name = getattr(error, "field", None)
    prefix = f"{field_name}: " if field_name and not str(error).startswith(f"{field_name}:") else ""
    return f"{prefix}{error}"


async def _store(
    pending: Sequence[tuple[Item, ParsedArticle]],
    report: ImportReport,
    advance: Callable[[], None],
    prelinked: Prelinked | None = None,
) -> int:
    """Store a batch (one transaction, or one per article when it fails); returns how many were
    created or updated."""
    if not pending:
        return 0
    before = report.counts["created"] + report.counts["updated"]
    try:
        results = await store_articles([parsed for _, parsed in pending], prelinked=prelinked)
    except Exception:  # noqa: BLE001 - retried one by one below, where the failure is reported
        for item, parsed in pending:
            try:
                (result,) = await store_articles([parsed], prelinked=prelinked)
            except Exception as error:  # noqa: BLE001 - one bad article must not stop the import
                report.failures.append(Failure(item.label, f"{type(error).__name__}: {error}"))
            else:
                report.counts[result.status] = report.counts.get(result.status, 0) + 1
            advance()
        return report.counts["created"] + report.counts["updated"] - before
    for result in results:
        report.counts[result.status] = report.counts.get(result.status, 0) + 1
        advance()
    return report.counts["created"] + report.counts["updated"] - before
