"""A one-page cheat sheet per template, cut from the template's own Markdown at build time:
its pitch, its summary of figures, its first design diagram and its top trade-offs. Nothing is
written twice: edit the template and the sheet follows.

Which parts are taken is fixed here, so every template must have them: the last table under
"Estimate Scale" (the summary), the first diagram under "High-Level Design", and the trade-off
table. The checker already requires the last two; a missing summary leaves that part out."""
from __future__ import annotations

from pathlib import Path
import posixpath

from blueprints.page import Page, body_outline, tables
from blueprints.schema import CHANGELOG, TRADEOFF_SECTION

from . import Family

CHEATSHEET_DIR = "cheatsheets"
TOP_TRADEOFFS = 4


def cheatsheet_uri(page: Page) -> str:
    return f"{CHEATSHEET_DIR}/{posixpath.basename(page.src_uri)}"


def _section_lines(lines: list[str], headings, name: str) -> tuple[int, int]:
    h2 = [h for h in headings if h.level == 2]
    start = next(h.line for h in h2 if h.text == name)
    end = next((h.line for h in h2 if h.line > start), len(lines) + 1)
    return start, end


def _table_text(lines: list[str], first_line: int) -> list[str]:
    out = []
    for line in lines[first_line - 1:]:
        if not line.strip().startswith("|"):
            break
        out.append(line)
    return out


def _cells(row: str) -> list[str]:
    return [c.strip() for c in row.strip().strip("|").split(" | ")]


def _tradeoffs(rows: list[str]) -> list[str]:
    """Decision, choice and cost: the options column is what a one-pager leaves out."""
    header = _cells(rows[0])
    keep = [i for i, name in enumerate(header) if not name.lower().startswith("option")]
    pick = lambda row: "| " + " | ".join(_cells(row)[i] for i in keep) + " |"  # noqa: E731
    return [pick(rows[0]), "|" + "---|" * len(keep)] + [pick(r) for r in rows[2:2 + TOP_TRADEOFFS]]


def cheatsheet_markdown(page: Page, source: Path) -> str:
    text = source.read_text(encoding="utf-8")
    lines = text.splitlines()
    headings, diagrams = body_outline(text)
    found = tables(text)
    back = posixpath.relpath(page.src_uri, CHEATSHEET_DIR)
    parts = [
        "---",
        f"title: 'Cheat sheet: {page.title.replace(chr(39), chr(39) * 2)}'",
        "search:",
        "  exclude: true",  # its words are the template's; search should find the template
        "---",
        "",
        f"# Cheat sheet: {page.title}",
        "",
        reviewed_line(page, cheatsheet_uri(page)),
        f'<p class="bp-cheatsheet__lead" markdown>**{page.meta["core_challenge"]}.** {page.meta["pitch"]}</p>',
        "",
    ]
    start, end = _section_lines(lines, headings, "Estimate Scale")
    summary = [t for t in found if t.section == "Estimate Scale" and start <= t.line < end]
    if summary:
        parts += ["## Key figures", "", *_table_text(lines, summary[-1].line), ""]
    design = [d for d in diagrams if d.heading and _in_section(d.line, lines, headings, "High-Level Design")]
    if design:
        parts += ["## Main diagram", "", "```mermaid", design[0].source.rstrip("\n"), "```", ""]
    trade = [t for t in found if t.section == TRADEOFF_SECTION]
    if trade:
        parts += ["## Top trade-offs", "", *_tradeoffs(_table_text(lines, trade[0].line)), ""]
    parts += [f"The whole template, with the arithmetic and the deep dives: [{page.title}]({back}).", ""]
    return "\n".join(parts)


def _in_section(line: int, lines, headings, name: str) -> bool:
    start, end = _section_lines(lines, headings, name)
    return start < line < end


def reviewed_line(page: Page, from_uri: str) -> str:
    """The review date with a link to the errata, under a template's title and on its sheet.
    A paragraph of its own: the handbook drops the cheat-sheet link but keeps this."""
    date = page.meta.get("reviewed")
    if date is None:
        return ""
    changelog = posixpath.relpath(CHANGELOG, posixpath.dirname(from_uri))
    return (f'<p class="bp-reviewed" markdown>Reviewed <time datetime="{date.isoformat()}">'
            f"{date.day} {date:%B %Y}</time> · [what changed]({changelog})</p>\n\n")


def cheatsheet_link(page: Page) -> str:
    """The line a template page shows under its title."""
    target = posixpath.relpath(cheatsheet_uri(page), posixpath.dirname(page.src_uri))
    return (f'<p class="bp-cheatsheet-link" markdown>Studying on paper? Print the '
            f"[one-page cheat sheet]({target}).</p>\n\n")


def _pages(catalog: list[Page], docs: Path) -> dict[str, str]:
    return {cheatsheet_uri(p): cheatsheet_markdown(p, docs / p.src_uri) for p in catalog}


FAMILY = Family("Cheat sheets", CHEATSHEET_DIR, _pages)
