"""The span of a form in a test body, for the unit tests of the linker's context rules."""

from __future__ import annotations

import re


def span_of(body: str, form: str, nth: int = 0) -> tuple[int, int]:
    """The start and end of the form's nth (from 0) whole-word occurrence in the body."""
    found = [match.span() for match in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", body)]
    assert len(found) > nth, f"{form!r} occurs {len(found)} times in {body!r}"
    return found[nth]
