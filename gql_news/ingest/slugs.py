"""One slug rule for everything the ingest package names: countries, people, organisations, topics, articles.

Slugs are part of the public API (stable, lower-case, hyphenated), so they are made in one place.
"""

from __future__ import annotations

import re
from functools import lru_cache

from slugify import slugify

# A dot that closes a one-letter abbreviation ("U.S.", "D.C."): dropped so that "U.S. Virgin Islands"
# slugs to "us-virgin-islands", not "u-s-virgin-islands". Decimal points ("4.4") are left alone.
_INITIAL_DOT = re.compile(r"(?<![^\W\d_])([^\W\d_])\.")


@lru_cache(maxsize=4096)  # an import slugs every article's topics, a handful of names again and again
def make_slug(text: str, *, max_length: int = 0) -> str:
    """The slug of `text`, cut at a word boundary to `max_length` characters (0: no limit).

    Returns "" for text without a letter or digit; callers decide what that means for them.
    """
    return slugify(_INITIAL_DOT.sub(r"\1", text), max_length=max_length, word_boundary=max_length > 0)
