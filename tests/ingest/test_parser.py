"""The seed text format: the real seed, lenient meta lines, and refusals that name the line."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime

import pytest
from tortoise.models import Model

from gql_news.ingest import parser
from gql_news.ingest.parser import ArticleFormatError, ParsedArticle, normalise_body, parse_article
from gql_news.ingest.resources import data_file
from gql_news.models import Article, Topic

SEED = "seed/belarus-korea-blockchain.txt"


def _seed() -> ParsedArticle:
    return parse_article(data_file(SEED).read_text(encoding="utf-8"))


def test_seed_fields() -> None:
    article = _seed()
    assert article.title == "Belarus Encourages Korean Investors Interested In Blockchain"
    assert article.topics == ("Blockchain", "News")
    assert article.published_at == datetime(2018, 9, 7, tzinfo=UTC)
    assert article.published_at.utcoffset() is not None
    assert article.byline is None
    assert article.source_url is None


def test_seed_body_paragraphs() -> None:
    article = _seed()
    paragraphs = article.body.split("\n\n")
    # The seed has 8 body paragraphs (9 with the title): lines 5, 7, ..., 19 of the file.
    assert len(paragraphs) == 8
    assert all(p == p.strip() and p and "\n" not in p and "  " not in p for p in paragraphs)
    assert article.standfirst == paragraphs[0]
    assert article.standfirst.startswith("Andrei Dapkiunas, the deputy foreign minister of Belarus")
    assert article.standfirst.endswith("“fourth industrial revolution” technologies.")
    assert paragraphs[-1].endswith("including blockchain.")


# SHA-256 of the seed article as published (shared/seed/belarus-korea-blockchain.txt): the
# shipped copy must stay byte for byte that text, which the parser tests above describe.
SEED_SHA256 = "43d106772468bc25271ce6dda0a0a662f5bf4dd8e19119d03c649a8048dd6447"


def test_shipped_seed_is_the_published_seed_byte_for_byte() -> None:
    assert hashlib.sha256(data_file(SEED).read_bytes()).hexdigest() == SEED_SHA256


@pytest.mark.parametrize(
    ("meta", "topics", "day", "byline"),
    [
        ("Blockchain, News | September 7, 2018 By:", ("Blockchain", "News"), (2018, 9, 7), None),
        (
            "Blockchain ,News|Sept. 7 ,2018   By:   Jane  Doe ",
            ("Blockchain", "News"),
            (2018, 9, 7),
            "Jane Doe",
        ),
        ("Markets | Sep 7, 2018", ("Markets",), (2018, 9, 7), None),
        ("Markets | sept 7 2018 by: Ann Lee", ("Markets",), (2018, 9, 7), "Ann Lee"),
        ("Markets | May 1, 2020 By Ann Lee", ("Markets",), (2020, 5, 1), "Ann Lee"),
        ("Markets | Feb. 29, 2024 Byron Smith", ("Markets",), (2024, 2, 29), "Byron Smith"),
        ("A, B, A, , C | December 31st, 1999 By:", ("A", "B", "C"), (1999, 12, 31), None),
        (" | January 2, 2001", (), (2001, 1, 2), None),
        ("Energy | 3 March 2026 By: A. Writer", ("Energy",), (2026, 3, 3), "A. Writer"),
        ("Energy | 21st Sept. 2025", ("Energy",), (2025, 9, 21), None),
        ("Energy | 2018-09-07 By: Ann Lee", ("Energy",), (2018, 9, 7), "Ann Lee"),
    ],
)
def test_lenient_meta_line(
    meta: str, topics: tuple[str, ...], day: tuple[int, int, int], byline: str | None
) -> None:
    article = parse_article(f"Title\n\n{meta}\n\nBody.")
    assert article.topics == topics
    assert article.published_at == datetime(*day, tzinfo=UTC)
    assert article.byline == byline


def test_body_is_normalised() -> None:
    text = "\ufeff  A   title \r\n\r\nNews | June 3, 2021\r\n\r\n\r\n  First  line\r\n  wrapped\there. \r\n   \r\nSecond\u00a0para.\n\n\n"
    article = parse_article(text, source_url=" https://example.org/a ")
    assert article.title == "A title"
    assert article.body == "First line wrapped here.\n\nSecond para."
    assert article.standfirst == "First line wrapped here."
    assert article.source_url == "https://example.org/a"
    assert normalise_body(article.body) == article.body


def test_meta_line_need_not_be_separated_by_blank_lines() -> None:
    article = parse_article("Title\nNews | June 3, 2021\nBody.")
    assert (article.title, article.topics, article.body) == ("Title", ("News",), "Body.")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   \n\n \t\n", "empty"),
        ("Only a title\n\n", "line 2"),
        ("Title\n\nBlockchain, News September 7, 2018\n\nBody.", "line 3"),
        ("Title\n\nNews | Septembar 7, 2018\n\nBody.", "line 3"),
        ("Title\n\nNews | Se 7, 2018\n\nBody.", "line 3"),
        ("Title\n\nNews | February 30, 2018\n\nBody.", "is not a date"),
        ("Title\n\nNews | 2018-13-07\n\nBody.", "is not a date"),
        ("Title\n\nNews | 31 June 2018\n\nBody.", "is not a date"),
        ("Title\n\nNews | 2018-09-07T10:00\n\nBody.", "date like"),
        ("Title\n\nNews | September 2018\n\nBody.", "line 3"),
        ("Title\n\nNews | September 7, 2018 By:\n\n  \n", "no body"),
        ("Title\n\nNews, ?? | September 7, 2018\n\nBody.", "no letter or digit"),
        ("T" * 301 + "\n\nNews | September 7, 2018\n\nBody.", "line 1"),
    ],
)
def test_format_errors_name_the_problem(text: str, message: str) -> None:
    with pytest.raises(ArticleFormatError, match=message):
        parse_article(text)


def test_format_error_is_a_value_error() -> None:
    assert issubclass(ArticleFormatError, ValueError)


def test_length_limits_match_the_columns() -> None:
    def width(model: type[Model], field: str) -> int:
        max_length: int = getattr(model._meta.fields_map[field], "max_length")  # noqa: B009 - typed as Field
        return max_length

    assert width(Article, "title") == parser.TITLE_MAX
    assert width(Article, "byline") == parser.BYLINE_MAX
    assert width(Article, "source_url") == parser.SOURCE_URL_MAX
    assert width(Topic, "name") == parser.TOPIC_MAX


def test_the_date_is_read_from_the_meta_line_with_its_spaces_made_single(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A run of spaces in the meta line reaches the date patterns as one space: their "\\s*,?\\s*"
    would otherwise try every split of a long run before a failing match gave up (32 KB of
    spaces took seconds, growing with the square of the run)."""
    read: list[str] = []

    class Recorded:
        def __init__(self, pattern: re.Pattern[str]) -> None:
            self.pattern = pattern

        def match(self, text: str) -> re.Match[str] | None:
            read.append(text)
            return self.pattern.match(text)

    monkeypatch.setattr(parser, "_DATES", tuple(Recorded(p) for p in parser._DATES))
    assert parse_article("Title\n\nNews |  September   7 ,  2018   By:  Ann\n\nBody.").byline == "Ann"
    with pytest.raises(ArticleFormatError):
        parse_article("Title\n\nNews | Sep 7" + " " * 2_000 + "x\n\nBody.")
    assert read
    assert not any("  " in text for text in read)
