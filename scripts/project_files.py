"""What a build reads, and a copy of it: tests break or extend a copy, the benchmark adds its
reference page to one, and neither touches the real tree."""
from __future__ import annotations

from pathlib import Path
import shutil

ROOT = Path(__file__).resolve().parent.parent
BUILD_INPUTS = ("mkdocs.yml", "docs", "scripts", "overrides")


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in BUILD_INPUTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / name)
    return dest
