"""MkDocs glue: check the template pages before anything is written, then feed the tables
generated from their front matter into the home page and the A-Z index.

The logic lives in scripts/blueprints/; this file only connects it to MkDocs' events."""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.structure.files import file_sort_key
from mkdocs.utils import nest_paths

from blueprints.check import load_catalog
from blueprints.problems import BlueprintError
from blueprints.schema import BLUEPRINT_DIR
from blueprints.tables import product_index, routing_table

ROUTING_MARKER = "<!-- generated: routing table -->"
HOME = "index.md"
TEMPLATES_SECTION = "Templates"
INDEX_URI = "products.md"
INDEX_PAGE = """---
title: Products A–Z
---

Every product a template covers, with the template that designs it. Asked to design something
that is not here? Use the [routing table](index.md#routing-table) to match the question instead.

{index}"""

_catalog: list = []


def on_pre_build(config) -> None:
    # Runs before MkDocs empties site/, so a bad page stops the build with the old site intact.
    global _catalog
    docs = Path(config.docs_dir)
    try:
        _catalog = load_catalog(docs, shown_from=Path(config.config_file_path).parent)
    except BlueprintError as e:
        raise PluginError(str(e)) from None
    home = docs / HOME
    if ROUTING_MARKER not in home.read_text(encoding="utf-8"):
        raise PluginError(f"{home}: the marker {ROUTING_MARKER} is missing\n"
                          "    How to fix: put it on a line of its own where the routing table belongs")


def on_files(files, config):
    if files.get_file_from_path(INDEX_URI):
        raise PluginError(f"docs/{INDEX_URI} is generated at build time; delete the hand-written copy")
    files.append(File.generated(config, INDEX_URI,
                                content=INDEX_PAGE.format(index=product_index(_catalog, INDEX_URI))))
    config.nav = site_nav(files)
    return files


def site_nav(files) -> list:
    """MkDocs' automatic nav, except that templates follow their numbers, not their file names,
    under one section; so a new page needs no nav edit either."""
    pages = sorted(files.documentation_pages(), key=file_sort_key)
    others = nest_paths(f.src_uri for f in pages if not f.src_uri.startswith(BLUEPRINT_DIR + "/"))
    templates = {TEMPLATES_SECTION: [{p.title: p.src_uri} for p in _catalog]}
    return others[:1] + [templates] + others[1:]


def on_page_markdown(markdown: str, page, config, files) -> str:
    if page.file.src_uri == HOME:
        return markdown.replace(ROUTING_MARKER, routing_table(_catalog, HOME))
    return markdown
