"""Parse the plain-text article format the seed and `importArticle` use.

    Title on the first non-empty line

    Topic1, Topic2 | Month D, YYYY By: author

    First paragraph (the standfirst).

    More paragraphs, separated by blank lines.

The format comes from copy-pasted web pages, so the meta line is read leniently (spacing,
"Sept."/"Sep"/"September", "7 September 2018" or "2018-09-07", an empty or missing "By:") while anything that would make a wrong
article (no title, no meta line, no body, no date) is refused with the line it is about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

# Column widths of the Article and Topic tables: refused here with a clear message rather
# than by the database (tests/ingest/test_parser.py checks they match the models).
TITLE_MAX = 300
BYLINE_MAX = 300
TOPIC_MAX = 100
SOURCE_URL_MAX = 2000

# The date after '|': "September 7, 2018" (the seed's), "7 September 2018" or "2018-09-07";
# months by full name or a 3+ letter abbreviation, "Sept." and "7th" allowed.
_DATES = (
    re.compile(
        r"(?P<month>[^\W\d_]+)\.?\s*(?P<day>\d{1,2})(?:st|nd|rd|th)?\s*,?\s*(?P<year>\d{4})(?P<rest>.*)",
        re.DOTALL,
    ),
    re.compile(
        r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[^\W\d_]+)\.?\s*,?\s*(?P<year>\d{4})(?P<rest>.*)",
        re.DOTALL,
    ),
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?![\dT:])(?P<rest>.*)", re.DOTALL),
)
_BY = re.compile(r"by\b\s*:?\s*", re.IGNORECASE)
_ALNUM = re.compile(r"[^\W_]")


class ArticleFormatError(ValueError):
    """The text is not an article in the seed format; the message names the offending line."""


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """An article as read from text, normalised and ready to store."""

    title: str
    topics: tuple[str, ...]
    published_at: datetime
    byline: str | None
    body: str
    standfirst: str
    source_url: str | None = None


def collapse(text: str) -> str:
    """`text` with every run of whitespace (any Unicode space, newlines) made one space, stripped."""
    return " ".join(text.split())


def paragraphs(text: str) -> list[str]:
    """The non-empty paragraphs of `text`: blank-line separated blocks, each collapsed to one line."""
    blocks = re.split(r"\n[^\S\n]*\n", _unify_newlines(text))
    return [p for p in (collapse(block) for block in blocks) if p]


def normalise_body(text: str) -> str:
    """The canonical body: collapsed paragraphs joined by exactly one blank line."""
    return "\n\n".join(paragraphs(text))


def parse_article(text: str, *, source_url: str | None = None) -> ParsedArticle:
    """Read one article in the seed format; raise ArticleFormatError when it is not one."""
    lines = _unify_newlines(text).split("\n")
    title_no = _next_non_empty(lines, 0)
    if title_no is None:
        raise ArticleFormatError("the text is empty: expected a title on the first non-empty line")
    title = collapse(lines[title_no])
    if len(title) > TITLE_MAX:
        raise ArticleFormatError(f"line {title_no + 1}: the title is longer than {TITLE_MAX} characters")
    meta_no = _next_non_empty(lines, title_no + 1)
    if meta_no is None:
        raise ArticleFormatError(
            f"line {title_no + 2}: expected the line 'Topic, Topic | Month D, YYYY By: author' after the title"
        )
    topics, published_at, byline = _parse_meta(lines[meta_no], meta_no + 1)
    body_paragraphs = paragraphs("\n".join(lines[meta_no + 1 :]))
    if not body_paragraphs:
        raise ArticleFormatError(
            f"line {meta_no + 2}: the article has no body after the topics and date line"
        )
    if source_url is not None:
        source_url = source_url.strip() or None
    if source_url is not None and len(source_url) > SOURCE_URL_MAX:
        raise ArticleFormatError(f"the source URL is longer than {SOURCE_URL_MAX} characters")
    return ParsedArticle(
        title=title,
        topics=topics,
        published_at=published_at,
        byline=byline,
        body="\n\n".join(body_paragraphs),
        standfirst=body_paragraphs[0],
        source_url=source_url,
    )


def _unify_newlines(text: str) -> str:
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _next_non_empty(lines: list[str], start: int) -> int | None:
    return next((i for i in range(start, len(lines)) if lines[i].strip()), None)


def _parse_meta(line: str, line_no: int) -> tuple[tuple[str, ...], datetime, str | None]:
    """Split 'Topics | Date By: author' into its parts; `line_no` (1-based) is for messages."""
    where = f"line {line_no} ({collapse(line)!r})"
    if "|" not in line:
        raise ArticleFormatError(
            f"{where}: expected 'Topic, Topic | Month D, YYYY By: author', with '|' after the topics"
        )
    topics_part, date_part = line.split("|", 1)
    topics = _parse_topics(topics_part, where)
    # Whitespace made single spaces first: a run of it between "\s*,?\s*" would be split every
    # way before a failing match gave up (32 KB of spaces: 9 s).
    date_text = collapse(date_part)
    match = next((m for pattern in _DATES if (m := pattern.match(date_text))), None)
    if match is None:
        raise ArticleFormatError(
            f"{where}: expected a date like 'September 7, 2018', '7 September 2018' or '2018-09-07' after '|'"
        )
    published_at = _parse_date(match["month"], int(match["day"]), int(match["year"]), where)
    rest = collapse(match["rest"])
    by = _BY.match(rest)
    byline = (rest[by.end() :] if by else rest).strip() or None
    if byline is not None and len(byline) > BYLINE_MAX:
        raise ArticleFormatError(f"{where}: the byline is longer than {BYLINE_MAX} characters")
    return topics, published_at, byline


def _parse_topics(part: str, where: str) -> tuple[str, ...]:
    topics: dict[str, None] = {}  # ordered and de-duplicated
    for raw in part.split(","):
        topic = collapse(raw)
        if not topic:
            continue
        if not _ALNUM.search(topic):
            raise ArticleFormatError(f"{where}: the topic {topic!r} has no letter or digit")
        if len(topic) > TOPIC_MAX:
            raise ArticleFormatError(
                f"{where}: the topic {topic[:20]!r}... is longer than {TOPIC_MAX} characters"
            )
        topics.setdefault(topic)
    return tuple(topics)


def _parse_date(month: str, day: int, year: int, where: str) -> datetime:
    """Midnight UTC of the date; the month by number, full name or any abbreviation of 3+ letters
    ("Sept")."""
    if month.isdigit():
        try:
            return datetime(year, int(month), day, tzinfo=UTC)
        except ValueError:
            raise ArticleFormatError(f"{where}: {year}-{month}-{day:02d} is not a date") from None
    for candidate, fmt in ((month, "%B"), (month[:3], "%b")):
        try:
            parsed = datetime.strptime(f"{candidate} {day} {year}", f"{fmt} %d %Y")
        except ValueError:
            continue
        # "%b" reads only three letters: "Sept" is accepted as a prefix of "September", "Sepx" is not.
        if len(month) >= 3 and parsed.strftime("%B").lower().startswith(month.lower()):
            return parsed.replace(tzinfo=UTC)
    raise ArticleFormatError(f"{where}: {month} {day}, {year} is not a date")
