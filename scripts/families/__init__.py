"""Families of pages generated from the catalogue of templates: cheat sheets, rehearsals,
interviewer kits and the practice index. Each family is one module that turns the catalogue into
virtual pages (and, where it needs the built site, finishes them after the build); each is
registered once, in FAMILIES. The MkDocs hook only walks this list."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from blueprints.page import Page

# (catalogue, docs folder) -> {src_uri: Markdown}
Pages = Callable[[list[Page], Path], dict[str, str]]
# (built site folder, catalogue, published URL of every page by src_uri) -> None
Finish = Callable[[Path, list[Page], dict[str, str]], None]


@dataclass(frozen=True)
class Family:
    name: str  # the nav section, if the family's pages are listed in the nav
    folder: str  # where its pages live, relative to docs/
    pages: Pages
    in_nav: bool = True  # False: reached from an index page, not listed one by one
    finish: Finish | None = None


def practised(catalog: list[Page]) -> list[Page]:
    """Templates with the study aids a rehearsal and a kit are built from."""
    return [p for p in catalog if p.meta.get("questions")]


def _registry() -> tuple[Family, ...]:
    from . import cheatsheets, flashcards, interviewer, practice, rehearse
    return (cheatsheets.FAMILY, rehearse.FAMILY, interviewer.FAMILY, practice.FAMILY, flashcards.FAMILY)


FAMILIES: tuple[Family, ...] = _registry()
