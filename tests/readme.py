"""Tables of the README that tests keep equal to their cases."""

from __future__ import annotations

from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def table_rows(heading: str) -> list[tuple[str, ...]]:
    """The body rows of the first table under `heading` (a `### ` line), as tuples of cells."""
    section = README.read_text().split(heading, 1)[1].split("\n#", 1)[0]
    return [
        tuple(cell.strip() for cell in line.strip().strip("|").split("|"))
        for line in section.splitlines()
        if line.startswith("| ") and not line.startswith("| input")
    ]
