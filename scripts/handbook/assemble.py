"""One HTML document for the handbook, assembled from the built site: a cover, a table of
contents, the routing table, every template in number order, the tensions and the numbers.

The chapters are the published pages' own <article> contents, so the PDF shows exactly what the
site shows (diagrams already drawn as SVG). Heading ids repeat across pages ("trade-offs" is on
every template), so each chapter's ids get the chapter's key as a prefix and links between pages
become links between chapters."""
from __future__ import annotations

from dataclasses import dataclass
import html
from pathlib import Path
import posixpath
import re
from urllib.parse import urljoin

from site_html import article, page_file, resolve  # noqa: F401  page_file: re-exported for the bench

STYLESHEETS = re.compile(r'<link href="([^"]+\.css)" rel="stylesheet"/?>')
ID = re.compile(r'(\sid=")((?!dgm-)[^"]+)(")')  # diagram ids are already unique site-wide
HREF = re.compile(r'(\shref=")([^"]+)(")')
FIRST_H1 = re.compile(r"<h1[^>]*>.*?</h1>", re.S)
SECTION = re.compile(r'(<h2 id="{id}">.*?)(?=<h2 |\Z)', re.S)
CHEATSHEET_LINK = re.compile(r'<p class="bp-cheatsheet-link">.*?</p>', re.S)


@dataclass(frozen=True)
class Chapter:
    key: str  # prefix for ids, and the chapter's own anchor
    title: str
    url: str  # the page's URL relative to the site root, e.g. "blueprints/location/"
    only_section: str = ""  # take one H2 section of the page instead of the whole article


def _stylesheets(site: Path) -> list[str]:
    return STYLESHEETS.findall(page_file(site, "").read_text(encoding="utf-8"))


def _body(site: Path, chapter: Chapter) -> str:
    body = CHEATSHEET_LINK.sub("", article(site, chapter.url))
    if chapter.only_section:
        section = re.compile(SECTION.pattern.replace("{id}", re.escape(chapter.only_section)), re.S).search(body)
        if not section:
            raise ValueError(f"{chapter.url}: no section #{chapter.only_section}")
        body = section.group(1)
        body = re.sub(r"<h2[^>]*>.*?</h2>", "", body, count=1, flags=re.S)
    return FIRST_H1.sub("", body, count=1)


def _rewrite(body: str, chapter: Chapter, chapters: dict[str, Chapter], site_url: str) -> str:
    body = ID.sub(lambda m: f"{m.group(1)}{chapter.key}--{m.group(2)}{m.group(3)}", body)

    def link(m: re.Match) -> str:
        href = html.unescape(m.group(2))
        if re.match(r"^[a-z]+:", href):
            return m.group(0)  # leaves the site: printed as it is
        path, _, fragment = href.partition("#")
        if not path:
            return f'{m.group(1)}#{chapter.key}--{fragment}{m.group(3)}'
        target = resolve(chapter.url, path)
        other = chapters.get(target)
        if other:
            anchor = f"{other.key}--{fragment}" if fragment else other.key
            return f'{m.group(1)}#{anchor}{m.group(3)}'
        # A page the handbook leaves out: point at it on the published site.
        return f'{m.group(1)}{html.escape(urljoin(site_url, target + ("#" + fragment if fragment else "")))}{m.group(3)}'

    return HREF.sub(link, body)


def assemble(site: Path, chapters: list[Chapter], *, title: str, subtitle: str, version: str, date: str,
             site_url: str, css: str, page_numbers: dict[str, int] | None = None) -> str:
    by_url = {c.url: c for c in chapters if not c.only_section}
    toc, parts = [], []
    for chapter in chapters:
        number = (page_numbers or {}).get(chapter.key, "")
        toc.append(f'<li><a href="#{chapter.key}">{html.escape(chapter.title)}</a>'
                   f'<span class="hb-toc__page" data-chapter="{chapter.key}">{number}</span></li>')
        body = _rewrite(_body(site, chapter), chapter, by_url, site_url)
        parts.append(f'<section class="hb-chapter" id="{chapter.key}">\n'
                     f"<h1>{html.escape(chapter.title)}</h1>\n{body}\n</section>")
    links = "\n".join(f'<link rel="stylesheet" href="{href}">' for href in _stylesheets(site))
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}</title>
{links}
<style>{css}</style>
</head>
<body data-md-color-scheme="default" data-md-color-primary="indigo" data-md-color-accent="indigo">
<article class="md-typeset hb">
<section class="hb-cover">
<p class="hb-cover__title">{html.escape(title)}</p>
<p class="hb-cover__subtitle">{html.escape(subtitle)}</p>
<p class="hb-cover__meta">Version {html.escape(version)} · {html.escape(date)}</p>
<p class="hb-cover__meta">Online, with search and the question router: <a href="{html.escape(site_url)}">{html.escape(site_url)}</a></p>
</section>
<nav class="hb-toc" aria-label="Contents">
<p class="hb-toc__title">Contents</p>
<ol>
{chr(10).join(toc)}
</ol>
</nav>
{chr(10).join(parts)}
</article>
</body>
</html>
"""
