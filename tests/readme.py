"""Tables of the documentation (docs/) that tests keep equal to their cases."""

from __future__ import annotations

from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs"


def table_rows(heading: str, page: str) -> list[tuple[str, ...]]:
    """The body rows of the first table under `heading` (a `### ` line) in docs/`page`, as
    tuples of cells."""
    text = (DOCS / page).read_text(encoding="utf-8")
    assert heading in text, f"{heading!r} is not in docs/{page}"
    section = text.split(heading, 1)[1].split("\n#", 1)[0]
    return [
        tuple(cell.strip() for cell in line.strip().strip("|").split("|"))
        for line in section.splitlines()
        if line.startswith("| ") and not line.startswith("| input")
    ]
