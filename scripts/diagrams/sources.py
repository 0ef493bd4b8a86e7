"""Every Mermaid fence in the docs, with where it stands (file, line, heading) and its cache key."""
from __future__ import annotations

from dataclasses import dataclass
import hashlib
from pathlib import Path

from blueprints.page import body_outline, shown_path


@dataclass(frozen=True)
class SiteDiagram:
    path: str  # as shown in messages
    line: int
    heading: str
    source: str
    key: str

    @property
    def where(self) -> str:
        under = f' under "{self.heading}"' if self.heading else ""
        return f"the Mermaid diagram{under}"


def diagram_key(source: str, fingerprint: str) -> str:
    return hashlib.sha256(f"{fingerprint}\0{source.strip()}".encode()).hexdigest()


def site_diagrams(docs_dir: Path, fingerprint: str, shown_from: Path) -> list[SiteDiagram]:
    found = []
    for file in sorted(docs_dir.rglob("*.md")):
        shown = shown_path(file, shown_from)
        for d in body_outline(file.read_text(encoding="utf-8"))[1]:
            found.append(SiteDiagram(shown, d.line, d.heading, d.source, diagram_key(d.source, fingerprint)))
    return found
