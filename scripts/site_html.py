"""Reading the built site: a page's file for its URL, its article, its H2 sections, and links
moved from one page's URL to another's. The handbook and the rehearsal pages both take content
from the published pages this way, so they show exactly what the site shows (diagrams drawn)."""
from __future__ import annotations

import html
from pathlib import Path
import posixpath
import re

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
H2 = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.S)
LINK = re.compile(r'(\s(?:href|src)=")([^"]+)(")')


def page_file(site: Path, url: str) -> Path:
    """The built file for a page URL: "blueprints/x/" (directory URLs) or "blueprints/x.html"."""
    return site / url / "index.html" if url.endswith("/") or not url else site / url


def article(site: Path, url: str) -> str:
    found = ARTICLE.search(page_file(site, url).read_text(encoding="utf-8"))
    if not found:
        raise ValueError(f"{url}: no article in the built page")
    return HEADERLINK.sub("", found.group(1))


def h2_sections(body: str) -> dict[str, tuple[str, str]]:
    """Heading text -> (its id, the HTML after the heading up to the next H2)."""
    marks = list(H2.finditer(body))
    out = {}
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(body)
        text = html.unescape(re.sub(r"<[^>]+>", "", m.group(2))).strip()
        out[text] = (m.group(1), body[m.end():end])
    return out


def _base(url: str) -> str:
    return url if url.endswith("/") or not url else posixpath.dirname(url) + "/"


def resolve(page_url: str, path: str) -> str:
    """A relative link's target as a site URL in the same style as the page's own URL."""
    target = posixpath.normpath(posixpath.join(_base(page_url), path))
    if target == ".":
        return ""
    return target + "/" if path.endswith("/") else target


def rebase_links(body: str, from_url: str, to_url: str) -> str:
    """Links written for the page at from_url, rewritten to work from the page at to_url. A bare
    #fragment points into from_url's page, where its target lives."""
    def move(m: re.Match) -> str:
        href = html.unescape(m.group(2))
        if re.match(r"^[a-z][a-z0-9+.-]*:", href) or href.startswith("/"):
            return m.group(0)
        path, hash_, fragment = href.partition("#")
        target = resolve(from_url, path) if path else from_url
        if not path and not target:
            target = "./"
        moved = posixpath.relpath(target or ".", _base(to_url).rstrip("/") or ".")
        if (target.endswith("/") or not target) and not moved.endswith("/"):
            moved += "/"
        if moved == "./" and not path and from_url != to_url:
            moved = "./"
        return f"{m.group(1)}{html.escape(moved + (hash_ + fragment if hash_ else ''), quote=True)}{m.group(3)}"
    return LINK.sub(move, body)
