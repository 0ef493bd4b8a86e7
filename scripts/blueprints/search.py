"""What Material's built-in search needs from our pages.

A reader types the product they were asked about ("Uber"), not the template's name. Material's
search gives a page's `tags` the strongest field boost (1e6 against 1e3 for titles), so each
template's products and aliases become its search tags: the owning template then outranks any
page that merely mentions the product. No search code of our own."""
from __future__ import annotations

import json
from pathlib import Path
import re

from .page import body_outline

# Diagrams reach the search index as their Mermaid source (the search plugin reads pages before
# they are drawn); a reader searching "flowchart" or "-->" should not land in a diagram's code.
DIAGRAM_SOURCE = re.compile(
    r"<pre><code>\s*(?:flowchart|graph|sequenceDiagram|stateDiagram(?:-v2)?|classDiagram|erDiagram)\b"
    r".*?</code></pre>", re.DOTALL)


def search_tags(meta: dict) -> list[str]:
    return [*meta.get("products", []), *(meta.get("aliases") or [])]


def glossary_tags(markdown: str) -> list[str]:
    """The glossary's terms (its H3 headings) as search tags, so a reader searching for a building
    block lands on its entry, not on whichever template mentions it most."""
    return [h.text for h in body_outline(markdown)[0] if h.level == 3]


def without_diagram_source(index_file: Path) -> int:
    """Remove diagram sources from a built search index; returns how many were removed."""
    index = json.loads(index_file.read_text(encoding="utf-8"))
    removed = 0
    for entry in index["docs"]:
        entry["text"], n = DIAGRAM_SOURCE.subn("", entry["text"])
        removed += n
    index_file.write_text(json.dumps(index, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
    return removed
