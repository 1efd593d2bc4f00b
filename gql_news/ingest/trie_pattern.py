"""Regular-expression source for a set of words in the shape of their character trie."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

_Trie = dict[str, "_Trie"]  # one node per character; the key "" marks the end of a form


def trie_source(forms: Iterable[str], atoms: Mapping[str, str] | None = None) -> str:
    """Regex source matching any of `forms`, the longest first: a form is tried only as far as
    the text agrees with it, however many forms share its start. `atoms` gives the source for
    characters matched by a class ("-" for any dash); others match themselves. Empty: no forms."""
    root: _Trie = {}
    for form in forms:
        node = root
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(root, atoms or {})


def _branches(node: _Trie, atoms: Mapping[str, str]) -> str:
    """Regex source for the subtree: deeper branches first, so the longest form is tried first.

    Runs of single-child nodes become one literal, so recursion goes only as deep as the branch
    points along a form, not as its length.
    """
    alternatives: list[str] = []
    for char, child in sorted(node.items()):
        if not char:
            continue
        run = [atoms.get(char, re.escape(char))]
        while len(child) == 1 and "" not in child:
            ((char, child),) = child.items()
            run.append(atoms.get(char, re.escape(char)))
        alternatives.append("".join(run) + _branches(child, atoms))
    if "" in node and alternatives:
        alternatives.append("")
    if len(alternatives) <= 1:
        return alternatives[0] if alternatives else ""
    return f"(?:{'|'.join(alternatives)})"
