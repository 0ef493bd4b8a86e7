"""Markdown generated from the templates' front matter: the routing table and the A-Z index.

Both are rebuilt at every build, so a new template page appears in them with no other edit."""
from __future__ import annotations

from collections import defaultdict
import html
import posixpath
import re

from .page import Page
from .schema import STEP_BUDGET, UNTIMED_CLOSING, UNTIMED_OPENING


def _link(page: Page, from_uri: str) -> str:
    target = posixpath.relpath(page.src_uri, posixpath.dirname(from_uri) or ".")
    return f"[{page.number}. {page.title}]({target})"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ").strip()


ROUTING_PRODUCTS = 4  # the best-known few; the A-Z page lists them all


def routing_table(pages: list[Page], from_uri: str) -> str:
    rows = ["| If the question mentions… | Template | Core challenge |", "| --- | --- | --- |"]
    for page in sorted(pages, key=lambda p: p.number):
        products = ", ".join(_cell(p) for p in page.meta["products"][:ROUTING_PRODUCTS])
        cues = f"**{products}**; " + ", ".join(_cell(c) for c in page.meta["cues"])
        rows.append(f"| {cues} | {_link(page, from_uri)} | {_cell(page.meta['core_challenge'])} |")
    return "\n".join(rows) + "\n"


def _letter(name: str) -> str:
    first = name.strip()[0].upper()
    return first if first.isalpha() else "0–9"


def product_index(pages: list[Page], from_uri: str) -> str:
    by_letter: dict[str, list[tuple[str, Page]]] = defaultdict(list)
    for page in pages:
        for product in page.meta["products"]:
            by_letter[_letter(product)].append((product.strip(), page))
    out = []
    for letter in sorted(by_letter, key=lambda l: (l != "0–9", l)):
        out.append(f"## {letter}\n")
        for product, page in sorted(by_letter[letter], key=lambda e: e[0].casefold()):
            out.append(f"- **{product}** → {_link(page, from_uri)}")
        out.append("")
    return "\n".join(out)


def budget_table() -> str:
    """The home page's 45-minute budget, from the one definition the rehearsal timer also reads."""
    rows = ["| Minute | Step | What you do | Time |", "| --- | --- | --- | --- |"]
    start = 0
    for name, minutes, what in (UNTIMED_OPENING, *STEP_BUDGET, UNTIMED_CLOSING):
        step = name if name.startswith("(") else f"**{name}**"
        rows.append(f"| {start}–{start + minutes} | {step} | {_cell(what)} | {minutes} min |")
        start += minutes
    rows.append(f"| | | **Total** | **{start} min** |")
    return "\n".join(rows) + "\n"


def rehearsal_summary(pages: list[Page], urls: dict[str, str], practice_url: str) -> str:
    """Filled in by the browser from what the reader's rehearsals left in localStorage: shown
    only when there is at least one. urls: each template's rehearsal page, relative to home."""
    items = "".join(f'<li data-bp-last-item="{slug}" hidden><a href="{url}">{html.escape(title)}</a>: '
                    f'<span data-bp-last="{slug}"></span></li>' for slug, title, url in
                    ((posixpath.basename(p.src_uri).removesuffix(".md"), p.title, urls[p.src_uri]) for p in pages))
    return (f'<div class="bp-home-rehearsals" data-bp-home-rehearsals hidden>'
            f'<p><strong>Your last rehearsals</strong> (kept in this browser; all of them on the '
            f'<a href="{practice_url}">Practice</a> page):</p><ul>{items}</ul></div>\n')


def numbers_usage(pages: list[Page], numbers_text: str, from_uri: str) -> str:
    """Which figures of the numbers page each template links, read from the templates' links, so
    the table cannot claim a use that is not there."""
    labels = {}
    for m in re.finditer(r'^\| <span id="([\w-]+)"></span>([^|]+)\|', numbers_text, re.M):
        name = re.split(r",| \(", re.sub(r"[*_`]", "", m.group(2)).strip())[0]
        labels[m.group(1)] = re.sub(r"^(One|A) ", "", name)
    for m in re.finditer(r'<span id="([\w-]+)"></span>\*\*([^*]+)\*\*', numbers_text):
        labels.setdefault(m.group(1), m.group(2).strip().rstrip("."))
    for m in re.finditer(r"^#{2,3} (.+?) \{ ?#([\w-]+) ?\}", numbers_text, re.M):
        labels.setdefault(m.group(2), m.group(1).strip())
    rows = ["| Template | What it takes from this page |", "| --- | --- |"]
    for page in sorted(pages, key=lambda p: p.number):
        used = list(dict.fromkeys(re.findall(r"\]\(\.\./numbers\.md#([\w-]+)\)", page.text)))
        named = ", ".join(f"[{labels.get(a, a)}](#{a})" for a in used) or "the conversions"
        rows.append(f"| {_link(page, from_uri)} | {named} |")
    return "\n".join(rows) + "\n"
