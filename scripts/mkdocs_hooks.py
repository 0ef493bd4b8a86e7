"""MkDocs glue: check the template pages and the diagrams before anything is written, feed the
tables generated from the templates' front matter into the home page and the A-Z index, and
after the build replace every Mermaid source with its drawn SVG.

The logic lives in scripts/blueprints/ and scripts/diagrams/; this file only connects it to
MkDocs' events. Under `mkdocs serve` diagrams stay client-side (mermaid2 and Material), so an
edit shows at once without a browser on the writer's machine."""
from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.structure.files import file_sort_key
from mkdocs.utils import nest_paths
from pathspec.gitignore import GitIgnoreSpec

from blueprints.check import load_catalog
from blueprints.problems import BlueprintError
from blueprints.schema import BLUEPRINT_DIR
from families import FAMILIES, practised
from families.cheatsheets import CHEATSHEET_DIR, cheatsheet_link, reviewed_line
from families.practice import URI as PRACTICE_URI
from families.rehearse import rehearse_uri
from blueprints.router import router_block
from blueprints.search import glossary_tags, search_tags, without_diagram_source
from blueprints.tables import budget_table, numbers_usage, product_index, rehearsal_summary, routing_table
from code_blocks import focusable_code_blocks
from diagrams.build import DiagramBuild
from handbook.render import render_handbook
from phone_tables import label_tables

log = logging.getLogger("mkdocs.hooks.blueprints")

ROUTING_MARKER = "<!-- generated: routing table -->"
ROUTER_MARKER = "<!-- generated: question router -->"
BUDGET_MARKER = "<!-- generated: time budget -->"
REHEARSALS_MARKER = "<!-- generated: rehearsal summary -->"
NUMBERS = "numbers.md"
NUMBERS_MARKER = "<!-- generated: numbers used by -->"
HOME = "index.md"
GLOSSARY = "glossary.md"
TEMPLATES_SECTION = "Templates"
REFERENCE_SECTION = "Reference"
CHEATSHEETS_SECTION = "Cheat sheets"
# Study order: the numbers an estimate needs, what to say about trade-offs, the vocabulary.
REFERENCE_PAGES = ("numbers.md", "tensions.md", "glossary.md", "products.md", "diagram-legend.md", "changelog.md")
INDEX_URI = "products.md"
INDEX_PAGE = """---
title: Products A–Z
---

Every product a template covers, with the template that designs it. Asked to design something
that is not here? Use the [routing table](index.md#routing-table) to match the question instead.

{index}"""

_catalog: list = []
_command = "build"
_diagrams: DiagramBuild | None = None
_built_pages: dict[str, str] = {}
_page_urls: dict[str, str] = {}


IFRAME_WORKER = "assets/vendor/iframe-worker/shim.js"
HANDBOOK = "handbook.pdf"
_handbook = False


def on_config(config):
    global _handbook
    # The PDF is part of a published build (make build, make pdf). Under serve it is not written,
    # and builds of scratch copies in tests may skip it (BLUEPRINTS_PDF=false) to save time.
    _handbook = _command != "serve" and os.environ.get("BLUEPRINTS_PDF", "true") != "false"
    if _handbook:
        config.extra["handbook_pdf"] = HANDBOOK
    # Rehearsals and kits are reached from the Practice page, not listed one by one in the nav.
    config.not_in_nav = GitIgnoreSpec.from_lines([f"/{f.folder}/" for f in FAMILIES if not f.in_nav])
    return _offline_config(config)


def _offline_config(config):
    """The copy opened from disk (file://). Material's offline plugin, enabled by `make offline`,
    inlines the search index but would fetch its Worker shim from a CDN, and Material's instant
    navigation stops every page component on file://. Use our pinned shim and plain navigation."""
    offline = config.plugins.get("material/offline")
    if not (offline and offline.config.enabled):
        return config
    config.extra["polyfills"] = [IFRAME_WORKER if "iframe-worker" in p else p
                                 for p in config.extra.get("polyfills", [])]
    config.theme["features"] = [f for f in config.theme["features"] if f != "navigation.instant"]
    return config


def on_template_context(context, template_name, config):
    # MkDocs gives 404.html absolute URLs ("/assets/..."), right for a server that answers any
    # missing path with it, wrong from disk, where "/" is the root of the file system.
    offline = config.plugins.get("material/offline")
    if template_name == "404.html" and offline and offline.config.enabled:
        context["base_url"] = "."
    return context


def on_startup(command, dirty) -> None:
    global _command
    _command = command


def on_pre_build(config) -> None:
    # Runs before MkDocs empties site/, so a bad page stops the build with the old site intact.
    global _catalog, _diagrams
    docs, root = Path(config.docs_dir), Path(config.config_file_path).parent
    try:
        _catalog = load_catalog(docs, shown_from=root)
    except BlueprintError as e:
        raise PluginError(str(e)) from None
    _built_pages.clear()
    if _command != "serve":
        _diagrams = DiagramBuild(docs, root)
        try:
            _diagrams.check()
        except BlueprintError as e:
            _diagrams.close()
            raise PluginError(str(e)) from None
    home = docs / HOME
    for marker, what in ((ROUTING_MARKER, "the routing table"), (ROUTER_MARKER, "the question router"),
                         (BUDGET_MARKER, "the time budget"), (REHEARSALS_MARKER, "the rehearsal summary")):
        if marker not in home.read_text(encoding="utf-8"):
            raise PluginError(f"{home}: the marker {marker} is missing\n"
                              f"    How to fix: put it on a line of its own where {what} belongs")


def on_files(files, config):
    if files.get_file_from_path(INDEX_URI):
        raise PluginError(f"docs/{INDEX_URI} is generated at build time; delete the hand-written copy")
    files.append(File.generated(config, INDEX_URI,
                                content=INDEX_PAGE.format(index=product_index(_catalog, INDEX_URI))))
    docs = Path(config.docs_dir)
    for family in FAMILIES:
        for uri, content in family.pages(_catalog, docs).items():
            files.append(File.generated(config, uri, content=content))
    config.nav = site_nav(files)
    # Page URLs as published ("x/" or "x.html" in the offline copy), for the handbook's links.
    _page_urls.clear()
    _page_urls.update({f.src_uri: ("" if f.url in ("./", ".") else f.url) for f in files.documentation_pages()})
    return files


def site_nav(files) -> list:
    """The home page, the templates in number order, the Practice page, then the reference pages
    in study order with the cheat sheets; a new template needs no nav edit. Generated families
    other than the cheat sheets are reached from the Practice page. Any other page follows in
    MkDocs' own order."""
    pages = sorted(files.documentation_pages(), key=file_sort_key)
    generated = tuple(f.folder + "/" for f in FAMILIES if f.folder)
    rest = [f.src_uri for f in pages if not f.src_uri.startswith((BLUEPRINT_DIR + "/", *generated))
            and f.src_uri != PRACTICE_URI]
    reference = [uri for uri in REFERENCE_PAGES if uri in rest]
    others = nest_paths(uri for uri in rest if uri not in reference)
    templates = {TEMPLATES_SECTION: [{p.title: p.src_uri} for p in _catalog]}
    sheets = {CHEATSHEETS_SECTION: [{p.title: f"{CHEATSHEET_DIR}/{Path(p.src_uri).name}"} for p in _catalog]}
    return others[:1] + [templates, PRACTICE_URI, {REFERENCE_SECTION: reference + [sheets]}] + others[1:]


def on_post_page(output: str, page, config) -> str:
    # Material's search dialog has no accessible name (axe: aria-dialog-name).
    output = output.replace('data-md-component="search" role="dialog">',
                            'data-md-component="search" role="dialog" aria-label="Search">', 1)
    # Every page, generated ones too: wide tables become cards on a phone (phone-tables.css).
    output = label_tables(output)
    # Code blocks are set up lazily (content.lazy); until then each is a tab stop.
    output = focusable_code_blocks(output)
    root = Path(config.config_file_path).parent
    if page.file.abs_src_path:  # generated pages have no source and no diagrams
        _built_pages[Path(page.file.abs_src_path).relative_to(root).as_posix()] = page.file.abs_dest_path
    return output


def on_post_build(config) -> None:
    # Hooks run after plugins, so the search plugin has written its index by now.
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.exists():
        without_diagram_source(index)
    site = Path(config.site_dir)
    if _diagrams is not None:
        try:
            _diagrams.publish(site, _built_pages)
        except BlueprintError as e:
            raise PluginError(str(e)) from None
        finally:
            _diagrams.close()
    # Families that show parts of the built pages take them now, with the diagrams drawn.
    for family in FAMILIES:
        if family.finish:
            family.finish(site, _catalog, _page_urls)
    if _diagrams is None:
        return
    if _handbook:
        site = Path(config.site_dir)
        pages = render_handbook(site, _catalog, site / HANDBOOK, urls=_page_urls, site_url=config.site_url or "",
                                project=Path(config.config_file_path).parent)
        log.info(f"Handbook: {HANDBOOK}, {pages} pages")
    cached = len({d.key for d in _diagrams.diagrams}) - _diagrams.drawn
    log.info(f"Diagrams: {len(_diagrams.diagrams)} inlined as SVG; {_diagrams.drawn} drawn, "
             f"{cached} from cache; browser {'started' if _diagrams.renderer.started else 'not started'}")


def on_build_error(error) -> None:
    if _diagrams is not None:
        _diagrams.close()


def on_page_markdown(markdown: str, page, config, files) -> str:
    if page.file.src_uri.startswith(BLUEPRINT_DIR + "/"):
        page.meta["tags"] = search_tags(page.meta)  # read by the search plugin in on_page_context
        entry = next(p for p in _catalog if p.src_uri == page.file.src_uri)
        return reviewed_line(entry, entry.src_uri) + cheatsheet_link(entry) + markdown
    if page.file.src_uri == NUMBERS:
        return markdown.replace(NUMBERS_MARKER, numbers_usage(_catalog, markdown, NUMBERS))
    if page.file.src_uri == GLOSSARY:
        page.meta["tags"] = glossary_tags(markdown)
    if page.file.src_uri == HOME:
        # The home page sits at the site root, so site-relative URLs are relative to it.
        urls = {p.src_uri: files.get_file_from_path(p.src_uri).url for p in _catalog}
        rehearsals = {p.src_uri: files.get_file_from_path(rehearse_uri(p)).url for p in practised(_catalog)}
        practice = files.get_file_from_path(PRACTICE_URI).url
        return (markdown.replace(ROUTING_MARKER, routing_table(_catalog, HOME))
                .replace(ROUTER_MARKER, router_block(_catalog, urls))
                .replace(BUDGET_MARKER, budget_table())
                .replace(REHEARSALS_MARKER, rehearsal_summary(practised(_catalog), rehearsals, practice)))
    return markdown
