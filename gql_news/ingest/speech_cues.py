"""Speech cues: the verbs (and "according to") that attribute a quotation to a speaker."""

from __future__ import annotations

import re
from dataclasses import dataclass

SPEECH_VERBS = (
    "said", "says", "say", "told", "tells", "added", "adds", "stated", "states", "explained",
    "explains", "noted", "notes", "warned", "warns", "argued", "argues", "insisted", "insists",
    "continued", "replied", "asked", "asks", "wrote", "writes", "declared", "announced", "recalled",
    "acknowledged", "conceded", "claimed", "claims", "remarked", "observed", "commented",
    "emphasised", "emphasized", "stressed", "suggested", "admitted", "predicted", "urged",
)  # fmt: skip
_CUE_FORMS = tuple(form for word in (*SPEECH_VERBS, "according") for form in (word, word.capitalize()))
_TO = re.compile(r"\s+to\b")


@dataclass(frozen=True, slots=True)
class Cue:
    """A speech verb, or "according to" (whose speaker follows it), at body[start:end]."""

    start: int
    end: int
    according: bool


def speech_cues(body: str) -> list[Cue]:
    """Every speech cue of the body, in text order.

    Each verb is looked for with `str.find`, lower-case and capitalised: a regular expression
    alternating over every verb, or a loop over every word, costs several times more.
    """
    found: list[Cue] = []
    for form in _CUE_FORMS:
        position = body.find(form)
        while position != -1:
            end = position + len(form)
            if not _alnum_at(body, position - 1) and not _alnum_at(body, end):
                if form.lower() != "according":
                    found.append(Cue(position, end, according=False))
                elif to := _TO.match(body, end):
                    found.append(Cue(position, to.end(), according=True))
            position = body.find(form, end)
    found.sort(key=lambda cue: cue.start)
    return found


def _alnum_at(body: str, position: int) -> bool:
    return 0 <= position < len(body) and body[position].isalnum()
