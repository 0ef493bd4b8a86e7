"""Rendered SVGs, kept under .cache/diagrams/ by a hash of everything that shapes them, so a
rebuild after a prose edit draws nothing and starts no browser."""
from __future__ import annotations

import hashlib
from importlib.metadata import version
import os
from pathlib import Path

# Bump to invalidate every entry when drawing changes in a way no hashed file shows.
RENDERER_VERSION = "1"


def fingerprint(theme_files: list[Path]) -> str:
    """Everything besides a diagram's own source that changes how it is drawn: the mermaid
    library, Material (whose mermaid settings and CSS we use), our CSS, the label font and the
    drawing code's settings."""
    digest = hashlib.sha256(f"renderer {RENDERER_VERSION}; material {version('mkdocs-material')}".encode())
    for path in sorted(theme_files):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class DiagramCache:
    def __init__(self, folder: Path):
        self.folder = folder

    @classmethod
    def for_project(cls, project_root: Path) -> "DiagramCache":
        return cls(Path(os.environ.get("BLUEPRINTS_DIAGRAM_CACHE", project_root / ".cache/diagrams")))

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.svg"

    def has(self, key: str) -> bool:
        return self._path(key).exists()

    def get(self, key: str) -> str | None:
        path = self._path(key)
        return path.read_text(encoding="utf-8") if path.exists() else None

    def put(self, key: str, svg: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self._path(key).with_suffix(".tmp")
        temporary.write_text(svg, encoding="utf-8")
        temporary.replace(self._path(key))  # a crash mid-write never leaves a truncated entry
