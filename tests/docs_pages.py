"""Reading the documentation (docs/) and the example operations (examples/) in tests."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graphql import OperationDefinitionNode, parse, print_ast

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
EXAMPLES = ROOT / "examples"
_GRAPHQL_BLOCK = re.compile(r"```graphql\n(.*?)```", re.DOTALL)
_ANSWERED = re.compile(
    r"```graphql\n(.*?)```\s*\n\s*answers, on the demo data:\s*\n\s*```json\n(.*?)```", re.DOTALL
)


@dataclass(frozen=True)
class Example:
    path: Path
    query: str
    variables: dict[str, Any]

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def kind(self) -> str:
        operations = [d for d in parse(self.query).definitions if isinstance(d, OperationDefinitionNode)]
        return operations[0].operation.value


def pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def examples() -> list[Example]:
    found = []
    for path in sorted(EXAMPLES.glob("*.graphql")):
        variables_file = path.with_suffix(".variables.json")
        variables = json.loads(variables_file.read_text()) if variables_file.exists() else {}
        found.append(Example(path, path.read_text(encoding="utf-8"), variables))
    return found


def operations(source: str) -> list[str]:
    """Each operation of a document, printed in graphql-core's canonical form."""
    return [print_ast(d) for d in parse(source).definitions if isinstance(d, OperationDefinitionNode)]


def documented_operations() -> list[tuple[str, str]]:
    """(page, operation) for every operation in a ```graphql block of the docs."""
    return [
        (str(page.relative_to(DOCS)), operation)
        for page in pages()
        for block in _GRAPHQL_BLOCK.findall(page.read_text(encoding="utf-8"))
        for operation in operations(block)
    ]


def documented_answers() -> list[tuple[str, str, Any]]:
    """(page, query, answer) for every query the docs follow with "answers, on the demo data:"."""
    return [
        (str(page.relative_to(DOCS)), query, json.loads(answer))
        for page in pages()
        for query, answer in _ANSWERED.findall(page.read_text(encoding="utf-8"))
    ]
