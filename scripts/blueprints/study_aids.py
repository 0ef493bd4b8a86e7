"""The study aids every template ends with, read and checked: "What Each Level Shows" (observable
behaviours per level, each tied to one of the six steps) and "Red Flags" (mistake, why it fails,
the better move). The rehearsal, the interviewer kit and the flashcards are built from these."""
from __future__ import annotations

from dataclasses import dataclass
import re

from markdown_it import MarkdownIt

from .page import ATTR_LIST, Page
from .problems import Problem
from .schema import (LEVEL_ITEMS, LEVELS, LEVELS_SECTION, RED_FLAG_ITEMS, RED_FLAGS_SECTION, SECTIONS,
                     STUDY_SECTIONS, TRADEOFF_SECTION, TRAILING_SECTIONS)

STEP_MARK = re.compile(r"^\*([^*]+?):\*\s+(\S.*)$", re.S)
RED_FLAG = re.compile(r"^\*\*(.+?)\*\*\s+(.+?)\s+\*Better:\*\s+(\S.*)$", re.S)
# Words that grade a candidate's mind instead of what they say or draw.
VAGUE = ("understand", "understanding", "understands", "good", "strong", "solid", "familiar", "familiarity",
         "knowledge", "knows", "aware", "awareness", "grasp", "appreciates")


@dataclass(frozen=True)
class LevelItem:
    level: str
    step: str
    text: str  # Markdown, without the step mark
    line: int
    key: str  # stable: level and position within the level


@dataclass(frozen=True)
class RedFlag:
    mistake: str
    why: str
    better: str
    line: int


def _items(page: Page, section: str) -> list[tuple[str, str, int]]:
    """(H3 above, first paragraph's Markdown, line) for every top-level list item of an H2 section."""
    found, h2, h3, heading, depth = [], "", "", None, 0
    body = "\n".join(page.text.splitlines()[page.body_line - 1:])
    tokens = MarkdownIt("commonmark").parse(body)
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            heading = token.tag
        elif token.type == "inline" and heading:
            text = ATTR_LIST.sub("", token.content).strip()
            h2, h3 = (text, "") if heading == "h2" else (h2, text if heading == "h3" else h3)
            heading = None
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif token.type == "list_item_open" and depth == 1 and h2 == section:
            inline = next(t for t in tokens[i + 1:] if t.type == "inline")
            found.append((h3, inline.content.strip(), token.map[0] + page.body_line))
    return found


def level_items(page: Page) -> list[LevelItem]:
    out, seen = [], {}
    for h3, text, line in _items(page, LEVELS_SECTION):
        m = STEP_MARK.match(text)
        if h3 in LEVELS and m and m.group(1) in SECTIONS:
            seen[h3] = seen.get(h3, 0) + 1
            out.append(LevelItem(h3, m.group(1), " ".join(m.group(2).split()), line,
                                 f"{h3.lower()}-{seen[h3]}"))
    return out


def red_flags(page: Page) -> list[RedFlag]:
    out = []
    for _, text, line in _items(page, RED_FLAGS_SECTION):
        if m := RED_FLAG.match(text):
            out.append(RedFlag(*(" ".join(g.split()) for g in m.groups()), line))
    return out


def check_trailing_sections(page: Page) -> list[Problem]:
    """After Trade-offs: the study aids, then the optional trailing sections, each in order."""
    h2 = [h for h in page.headings if h.level == 2]
    after = [h for h in h2 if h.text not in SECTIONS and _after_tradeoffs(h2, h)]
    order = STUDY_SECTIONS + TRAILING_SECTIONS
    problems, last = [], -1
    for h in after:
        if h.text not in order:
            problems.append(Problem(page.path, h.line, f"heading '## {h.text}' after '## {TRADEOFF_SECTION}' is "
                                    "not a known section", "name it one of: " + ", ".join(f"'{s}'" for s in order)
                                    + "; or make it an H3 inside one of them"))
            continue
        index = order.index(h.text)
        if index < last:
            problems.append(Problem(page.path, h.line, f"section '{h.text}' is out of order",
                                    "after the six sections put, in this order: "
                                    + ", ".join(f"'{s}'" for s in order)))
        last = max(last, index)
    if any(h.text == TRADEOFF_SECTION for h in h2):
        present = {h.text for h in after}
        for name in STUDY_SECTIONS:
            if name not in present:
                at = next((h.line for h in h2 if h.text == TRADEOFF_SECTION))
                problems.append(Problem(page.path, at, f"section '{name}' is missing",
                                        f"add '## {name}' after '## {TRADEOFF_SECTION}' (see STUDY_SECTIONS in "
                                        "scripts/blueprints/schema.py for what it holds)"))
    return problems


def _after_tradeoffs(h2, heading) -> bool:
    trade = next((h for h in h2 if h.text == TRADEOFF_SECTION), None)
    return trade is not None and heading.line > trade.line


def check_level_items(page: Page) -> list[Problem]:
    section = next((h for h in page.headings if h.level == 2 and h.text == LEVELS_SECTION), None)
    if section is None:
        return []
    problems = []
    h3 = [h for h in page.headings if h.level == 3 and h.line > section.line
          and not any(o.level == 2 and section.line < o.line < h.line for o in page.headings)]
    if [h.text for h in h3] != list(LEVELS):
        problems.append(Problem(page.path, section.line,
                                f"'## {LEVELS_SECTION}' has the lists {[h.text for h in h3]}",
                                "give it three H3 lists, in this order: " + ", ".join(f"'### {l}'" for l in LEVELS)))
    items = _items(page, LEVELS_SECTION)
    low, high = LEVEL_ITEMS
    for level in LEVELS:
        mine = [(text, line) for under, text, line in items if under == level]
        at = next((h.line for h in h3 if h.text == level), section.line)
        if not low <= len(mine) <= high:
            problems.append(Problem(page.path, at, f"'### {level}' lists {len(mine)} behaviours; it needs {low} to {high}",
                                    "list observable behaviours an interviewer can tick, one per item"))
        for text, line in mine:
            m = STEP_MARK.match(text)
            if not m or m.group(1) not in SECTIONS:
                problems.append(Problem(page.path, line, "a level item does not start with the step it belongs to",
                                        "start it with the step in italics and a colon, for example "
                                        "'- *Estimate Scale:* sizes the registry by lookups per second'"))
                continue
            vague = [w for w in re.findall(r"[a-z]+", m.group(2).lower()) if w in VAGUE]
            if vague:
                problems.append(Problem(page.path, line, f"a level item grades a state of mind ('{vague[0]}')",
                                        "say what the interviewer sees or hears the candidate do"))
    return problems


def check_red_flags(page: Page) -> list[Problem]:
    section = next((h for h in page.headings if h.level == 2 and h.text == RED_FLAGS_SECTION), None)
    if section is None:
        return []
    items = _items(page, RED_FLAGS_SECTION)
    low, high = RED_FLAG_ITEMS
    problems = []
    if not low <= len(items) <= high:
        problems.append(Problem(page.path, section.line, f"'## {RED_FLAGS_SECTION}' lists {len(items)} mistakes; "
                                f"it needs {low} to {high}", "list the traps candidates fall into on this problem"))
    for _, text, line in items:
        if not RED_FLAG.match(text):
            problems.append(Problem(page.path, line, "a red flag is not written as mistake, why, better move",
                                    "write '- **The mistake.** Why it fails. *Better:* the better move.'"))
    return problems
