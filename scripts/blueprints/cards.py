"""Flashcards, generated from what the pages already hold; never written by hand. A card's id
comes from its template and a stable key of its source (the decision's name, the figure's name,
the question's text), never from its position: editing an answer keeps the id and changes the
card; renaming the key retires the old card and makes a new one.

Card text is plain text: Markdown marks are taken out, and anything that looks like HTML stays
literal text, shown by the browser as text."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
import posixpath
import re

from markdown_it import MarkdownIt

from .page import Page, tables
from .problems import Problem
from .schema import LEVELS, SECTIONS, TRADEOFF_SECTION
from .study_aids import level_items, red_flags

NUMBERS_DECK = "Numbers"
FOLLOW_UPS = "Follow-up Questions"


@dataclass(frozen=True)
class Card:
    id: str  # "<template>/<kind>/<key>": stable across edits of the answer
    deck: str
    kind: str
    front: str
    back: str
    source: str  # the page and section it came from, relative to docs/: "blueprints/x.md#trade-offs"
    line: int = 0  # where its key is written, for duplicate-key messages


def plain(markdown: str) -> str:
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"<br\s*/?>", "; ", text, flags=re.I)
    text = re.sub(r"(\*\*|`)", "", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)([^*]+?)\*(?!\w)", r"\1", text)
    return " ".join(text.replace("\\|", "|").split())


def key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", plain(text).lower()).strip("-")[:80]


def slug(page: Page) -> str:
    return posixpath.basename(page.src_uri).removesuffix(".md")


def anchor(section: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", section.lower()).strip("-")


def _card(page: Page, kind: str, key_text: str, front: str, back: str, section: str, line: int = 0) -> Card:
    return Card(f"{slug(page)}/{kind}/{key(key_text)}", f"{page.number}. {page.title}", kind, plain(front),
                back, f"{page.src_uri}#{anchor(section)}", line)


def _lines(pairs) -> str:
    return "\n".join(f"{label}: {plain(value)}" for label, value in pairs if plain(value))


def _follow_ups(page: Page) -> list[tuple[str, str, int]]:
    body = page.text.splitlines()[page.body_line - 1:]
    found, section = [], ""
    tokens = MarkdownIt("commonmark").parse("\n".join(body))
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            section = tokens[i + 1].content.strip() if token.tag == "h2" else section
        elif token.type == "inline" and section == FOLLOW_UPS and tokens[i - 1].type == "paragraph_open":
            if m := re.match(r"^\*\*(.+?)\*\*\s*(.*)$", token.content, re.S):
                found.append((m.group(1), m.group(2), token.map[0] + page.body_line))
    return found


def template_cards(page: Page) -> list[Card]:
    cards = []
    all_tables = tables(page.text)
    for i, question in enumerate(page.meta.get("questions") or []):
        line = page.item_lines.get("questions", [0] * (i + 1))[i] if i < len(page.item_lines.get("questions", [])) else 0
        cards.append(_card(page, "recognition", question, question,
                           f"{page.title}: {plain(page.meta['pitch'])}", "Recognize the Pattern", line))
    trade = next((t for t in all_tables if t.section == TRADEOFF_SECTION), None)
    if trade:
        for row, line in zip(trade.cells, trade.row_lines):
            cards.append(_card(page, "decision", row[0], f"Decision: {row[0]}. What do we choose, and what does it cost?",
                               _lines(zip(trade.header[1:], row[1:])), TRADEOFF_SECTION, line))
    estimate = [t for t in all_tables if t.section == "Estimate Scale"]
    if estimate:
        summary = estimate[-1]
        for row, line in zip(summary.cells, summary.row_lines):
            cards.append(_card(page, "figure", row[0], f"{page.title}, estimate: {row[0]}?",
                               _lines(zip(summary.header[1:], row[1:])), "Estimate Scale", line))
    for question, answer, line in _follow_ups(page):
        cards.append(_card(page, "follow-up", question, question, plain(answer), FOLLOW_UPS, line))
    for flag in red_flags(page):
        cards.append(_card(page, "red-flag", flag.mistake, f"Red flag in {page.title}: {flag.mistake}",
                           _lines((("Why it fails", flag.why), ("Better", flag.better))), "Red Flags", flag.line))
    items = level_items(page)
    for level in LEVELS:
        for step in SECTIONS:
            mine = [i for i in items if i.level == level and i.step == step]
            if mine:
                cards.append(_card(page, "level", f"{level} {step}",
                                   f"{page.title}: what does a {level.lower()} answer show in {step}?",
                                   "\n".join(f"- {plain(i.text)}" for i in mine), "What Each Level Shows", mine[0].line))
    return cards


def heading_ids(text: str) -> dict[str, str]:
    """Headings that set their own id ('## Latency { #latency }'), by their text."""
    return {m.group(1).strip(): m.group(2) for m in re.finditer(r"^#{2,6} (.+?) \{ ?#([\w-]+) ?\}\s*$", text, re.M)}


def numbers_cards(text: str, src_uri: str = "numbers.md") -> list[Card]:
    """Each planning constant and rule of thumb on the numbers page, with its source and year."""
    cards = []
    ids = heading_ids(text)
    for table in tables(text):
        header = [plain(h) for h in table.header]
        if not header or header[0] not in ("Building block", "Figure", "Operation (around 2012)"):
            continue
        for row, line in zip(table.cells, table.row_lines):
            found = re.search(r'<span id="([\w-]+)"></span>', row[0])
            name = plain(re.sub(r"<span[^>]*></span>", "", row[0]))
            heading = table.subsection or table.section
            where = found.group(1) if found else ids.get(heading, anchor(heading))
            back = _lines(zip(header[1:], row[1:]))
            if header[0].startswith("Operation"):
                back += "\nAs of: around 2012 (orders of magnitude still hold)"
            cards.append(Card(f"numbers/constant/{key(name)}", NUMBERS_DECK, "constant", name, back,
                              f"{src_uri}#{where}", line))
    return cards


def duplicate_keys(page: Page) -> list[Problem]:
    """Two sources with one key in one template would give two cards one id."""
    cards = template_cards(page)
    counts = Counter(c.id for c in cards)
    problems, seen = [], set()
    for card in cards:
        if counts[card.id] > 1 and card.id not in seen:
            seen.add(card.id)
            lines = [c.line for c in cards if c.id == card.id]
            problems.append(Problem(page.path, lines[-1], f"two {card.kind} sources share the key "
                                    f"'{card.id.split('/', 2)[2]}' (also at line {lines[0]})",
                                    "give each its own name: flashcards take their identity from it"))
    return problems
