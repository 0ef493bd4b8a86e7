"""Every link inside the built site lands somewhere real: the file exists and, when the link names
an anchor, an element with that id exists on the target page. MkDocs' own validation sees the
Markdown; this reads the HTML a reader gets, generated pages and theme links included."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
import re
from urllib.parse import unquote, urldefrag, urlsplit

import pytest

from blueprints.page import body_outline

from conftest import DOCS


class LinksAndIds(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


def parsed(path: Path) -> LinksAndIds:
    parser = LinksAndIds()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def target_file(site: Path, page: Path, href: str) -> Path | None:
    """The file an internal href points at, or None for links that leave the site."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
        return None
    path = unquote(parts.path)
    # Absolute paths (MkDocs writes them into 404.html) are relative to the site root here.
    base = site if path.startswith("/") else page.parent
    target = (base / path.lstrip("/")).resolve() if path else page
    if target.is_dir() or path.endswith("/"):
        target = target / "index.html"
    return target


def broken_links(site: Path) -> list[str]:
    pages = {p.resolve(): parsed(p) for p in site.rglob("*.html")}
    broken = []
    for page, found in pages.items():
        for href in found.links:
            target = target_file(site, page, href)
            if target is None:
                continue
            shown = f"{page.relative_to(site.resolve())}: {href}"
            if not target.exists():
                broken.append(f"{shown} (no file {target.relative_to(site.resolve())})")
                continue
            fragment = unquote(urldefrag(href).fragment)
            if fragment and target.suffix == ".html" and fragment not in pages[target].ids:
                broken.append(f"{shown} (no element with id '{fragment}')")
    return broken


def test_every_internal_link_and_anchor_resolves(site):
    assert broken_links(site) == []


def test_the_link_check_catches_a_missing_page_and_a_missing_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">x</h2><a href="#here">ok</a>'
                                               '<a href="../b/">gone</a><a href="#nowhere">bad</a>'
                                               '<a href="https://example.org/">outside</a>')
    assert broken_links(tmp_path) == ["a/index.html: ../b/ (no file b/index.html)",
                                      "a/index.html: #nowhere (no element with id 'nowhere')"]


TEMPLATES = sorted((DOCS / "blueprints").glob("*.md"))


@pytest.mark.parametrize("src", TEMPLATES, ids=lambda p: p.stem)
def test_estimate_scale_links_to_the_numbers_page(src):
    """Issue 4: every estimate leans on the numbers page, so every Estimate Scale section links it."""
    text = src.read_text(encoding="utf-8")
    headings = body_outline(text)[0]
    lines = text.splitlines()
    start = next(h.line for h in headings if h.level == 2 and h.text == "Estimate Scale")
    end = next((h.line for h in headings if h.level == 2 and h.line > start), len(lines) + 1)
    section = "\n".join(lines[start - 1:end - 1])
    assert "](../numbers.md" in section, f"{src.name}: Estimate Scale has no link to ../numbers.md"


def constant_anchors() -> set[str]:
    """The anchors of the planning-constants table on the numbers page: one per kind of part."""
    text = (DOCS / "numbers.md").read_text(encoding="utf-8")
    table = text.split("{ #throughput }", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r'^\| <span id="([\w-]+)"></span>', table, re.M))


def test_the_constants_table_gives_every_row_an_anchor():
    anchors = constant_anchors()
    assert {"redis-node", "postgresql-primary", "kafka-partition", "api-server"} <= anchors


@pytest.mark.parametrize("src", TEMPLATES, ids=lambda p: p.stem)
def test_template_links_the_planning_constants_it_sizes_against(src):
    """Issue 12: a page sizes its stateful parts against the numbers page's rows, and links them."""
    linked = set(re.findall(r"\]\(\.\./numbers\.md#([\w-]+)\)", src.read_text(encoding="utf-8")))
    assert linked & constant_anchors(), f"{src.name} links no row of the planning constants"
