"""Every Mermaid fence in the docs, with where it stands (file, line, heading) and its cache key."""
from __future__ import annotations

from dataclasses import dataclass
import hashlib
from pathlib import Path

from blueprints.page import FENCE, outline


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


def body_start(lines: list[str]) -> int:
    """Index of the first body line: front matter's '---' lines are not Markdown."""
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if FENCE.match(lines[i])), None)
        if end is not None:
            return end + 1
    return 0


def site_diagrams(docs_dir: Path, fingerprint: str, shown_from: Path) -> list[SiteDiagram]:
    found = []
    for file in sorted(docs_dir.rglob("*.md")):
        lines = file.read_text(encoding="utf-8").splitlines()
        start = body_start(lines)
        shown = file.resolve().relative_to(shown_from.resolve()).as_posix() \
            if file.resolve().is_relative_to(shown_from.resolve()) else file.as_posix()
        for d in outline("\n".join(lines[start:]), start + 1)[1]:
            found.append(SiteDiagram(shown, d.line, d.heading, d.source, diagram_key(d.source, fingerprint)))
    return found
