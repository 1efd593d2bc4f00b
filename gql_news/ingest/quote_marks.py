"""Where quotations open and close in an article body: the marks, not who is speaking.

Recognised marks (a quotation uses one style from its opening to its closing mark; marks of
another style inside it are its text, which is how nested quotations are written):

- curly double quotes “…”: the commonest in edited copy. A second “ before the first is
  closed means the first was never closed: the quotation starts again there;
- straight double quotes "…": a mark opens at the start of a paragraph or after a space,
  bracket or dash, when a non-space follows; the next mark after a non-space closes;
- curly single quotes ‘…’, only where they cannot be apostrophes: ‘ opens after a space,
  bracket, dash or paragraph start and before a letter (not a digit: "the ‘90s"); the first ’
  that is not between two letters or digits ("Korea’s") and follows a non-space closes.
  Straight single quotes are not recognised: they are apostrophes far more often.

A quotation still open at the end of its paragraph runs on when the next paragraph starts with
the same opening mark (the convention for quotes over several paragraphs: no closing mark until
the last one). Otherwise the opening mark was a typo and is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Style = Literal["double", "straight", "single"]

_OPENERS: dict[Style, str] = {"double": "“", "straight": '"', "single": "‘"}
_BEFORE_OPENING = frozenset("([{—–-/")
_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
_MARKS = re.compile('[“”"‘’]')  # the only characters that can open or close a quotation


@dataclass(frozen=True, slots=True)
class Quoted:
    """A quoted passage: body[mark] is the opening mark, body[close] the closing one.

    `inner_start`/`inner_end` bound the words between them; `first_paragraph` and
    `last_paragraph` are indexes into `paragraph_spans(body)` (equal unless it runs on).
    """

    mark: int
    close: int
    first_paragraph: int
    last_paragraph: int

    @property
    def inner_start(self) -> int:
        return self.mark + 1

    @property
    def inner_end(self) -> int:
        return self.close


def paragraph_spans(body: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: text between blank lines."""
    spans: list[tuple[int, int]] = []
    position = 0
    for match in _BREAK.finditer(body):
        if match.start() > position:
            spans.append((position, match.start()))
        position = match.end()
    if position < len(body) and body[position:].strip():
        spans.append((position, len(body.rstrip())))
    return spans


def find_quoted(body: str, paragraphs: list[tuple[int, int]] | None = None) -> list[Quoted]:
    """Every quoted passage of `body`, in text order, by the rules in the module docstring."""
    spans = paragraph_spans(body) if paragraphs is None else paragraphs
    found: list[Quoted] = []
    style: Style | None = None
    mark = first = 0
    for index, (start, end) in enumerate(spans):
        first_mark = start + 1 if style is not None else start  # a run-on skips its reopening mark
        for found_mark in _MARKS.finditer(body, first_mark, end):
            position = found_mark.start()
            char = found_mark.group()
            if style is None:
                style = _opening(body, position, start)
                if style is not None:
                    mark, first = position, index
            elif _closes(style, body, position, start):
                found.append(Quoted(mark, position, first, index))
                style = None
            elif style == "double" and char == "“":
                mark, first = position, index  # the earlier “ was never closed
        if style is not None:
            following = spans[index + 1][0] if index + 1 < len(spans) else None
            if following is None or body[following] != _OPENERS[style]:
                style = None  # never closed, not run on: not a quotation
    return found


def _opening(body: str, position: int, paragraph_start: int) -> Style | None:
    char = body[position]
    if char == "“":
        return "double"
    if char not in '"‘':
        return None
    after = body[position + 1] if position + 1 < len(body) else " "
    before = body[position - 1] if position > paragraph_start else " "
    if not (before.isspace() or before in _BEFORE_OPENING or before in '“"'):
        return None
    if char == '"':
        return "straight" if not after.isspace() else None
    return "single" if after.isalpha() else None


def _closes(style: Style, body: str, position: int, paragraph_start: int) -> bool:
    char = body[position]
    before = body[position - 1] if position > paragraph_start else " "
    if style == "double":
        return char == "”"
    if style == "straight":
        return char == '"' and not before.isspace()
    if char != "’" or before.isspace():
        return False
    after = body[position + 1] if position + 1 < len(body) else " "
    return not (before.isalnum() and after.isalnum())
