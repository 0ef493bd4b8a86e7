"""The content rules that keep a corrected page corrected: a reviewed date no later than today, a
Guarantees table in Deep Dive, every component of the High-Level Design table drawn (and every
drawn store or queue in the table), a words ceiling, and a changelog entry for every review.

check.py runs them; each returns Problems with the file, the line, what is wrong and the fix."""
from __future__ import annotations

import datetime
from pathlib import Path
import re

from diagrams.labels import labels

from .page import Page
from .problems import Problem, too_few_rows
from .schema import (CHANGELOG, COMPONENT_COLUMN, COMPONENTS_SECTION, GUARANTEES_COLUMNS, GUARANTEES_HEADING,
                     GUARANTEES_SECTION, MAX_WORDS, MIN_GUARANTEES_ROWS, TECHNOLOGY_COLUMN)

# Labels that can name a component: shapes, participants and states; not arrows or messages.
COMPONENT_LABELS = ("store", "queue", "client", "external", "circle", "service", "rounded", "decision",
                    "participant", "state")
STORE_SHAPES = {"store": "store", "queue": "queue"}
FIRST_TECHNOLOGY = re.compile(r",|;|\(| or | with | on | over | behind | \+ ")


def today_utc() -> datetime.date:
    return datetime.datetime.now(datetime.timezone.utc).date()


def check_reviewed_not_in_future(page: Page, today: datetime.date) -> list[Problem]:
    date = page.meta.get("reviewed")
    if isinstance(date, datetime.date) and not isinstance(date, datetime.datetime) and date > today:
        return [Problem(page.path, page.meta_lines["reviewed"],
                        f"field 'reviewed' is {date.isoformat()}, after today ({today.isoformat()} UTC)",
                        "write the date the review was finished, today or earlier")]
    return []


def check_guarantees(page: Page) -> list[Problem]:
    section = _h2(page, GUARANTEES_SECTION)
    if section is None:
        return []  # already reported as a missing section
    columns = " | ".join(GUARANTEES_COLUMNS)
    table_fix = (f"under it, put a table headed '| {columns} |' with one row per promise the page makes "
                 f"(at least {MIN_GUARANTEES_ROWS})")
    heading = next((h for h in page.headings if h.level == 3 and h.text == GUARANTEES_HEADING
                    and _in_h2(page, h.line) == GUARANTEES_SECTION), None)
    if heading is None:
        return [Problem(page.path, section.line, f"the section '{GUARANTEES_SECTION}' has no "
                        f"'### {GUARANTEES_HEADING}'", f"add that heading inside '## {GUARANTEES_SECTION}'; "
                        + table_fix)]
    found = [t for t in page.tables if t.section == GUARANTEES_SECTION and t.subsection == GUARANTEES_HEADING]
    if not found:
        return [Problem(page.path, heading.line, f"'### {GUARANTEES_HEADING}' has no table", table_fix)]
    table = found[0]
    if tuple(_plain(c).lower() for c in table.header) != tuple(c.lower() for c in GUARANTEES_COLUMNS):
        return [Problem(page.path, table.line,
                        f"the guarantees table's columns are '{' | '.join(table.header)}'",
                        f"head it '| {columns} |'")]
    return too_few_rows(page.path, table, "guarantees", MIN_GUARANTEES_ROWS,
                        "promises the page makes (durability, uniqueness, ordering, freshness, exactly-once "
                        "effects, latency)")


def check_components_drawn(page: Page) -> list[Problem]:
    table = next((t for t in page.tables if t.section == COMPONENTS_SECTION and t.header
                  and _plain(t.header[0]) == COMPONENT_COLUMN), None)
    if table is None:
        return []
    tech = next((i for i, h in enumerate(table.header) if _plain(h).startswith(TECHNOLOGY_COLUMN)), None)
    drawn = [(d, l) for d in page.diagrams for l in labels(d.source) if l.kind in COMPONENT_LABELS]
    drawn_words = [_words(l.text) for _, l in drawn]
    rows = []  # (names a row answers to, its line)
    problems = []
    for cells, line in zip(table.cells, table.row_lines):
        name = cells[0].strip()
        names = [_words(name)]
        if tech is not None and tech < len(cells) and (first := _first_technology(cells[tech])):
            names.append(_words(first))
        names = [n for n in names if n]
        rows.append(names)
        if _italic(name):
            continue
        if not any(_contains(label, n) for label in drawn_words for n in names):
            also = f" or '{_plain(first)}'" if len(names) > 1 else ""
            problems.append(Problem(page.path, line,
                                    f"component '{_plain(name)}' is drawn in no diagram",
                                    f"draw it: a node, participant or state whose label names '{_plain(name)}'"
                                    f"{also}; or, if it sits on no data path, write its name in italics "
                                    f"('*{_plain(name)}*')"))
    for diagram, label in drawn:
        if label.kind not in STORE_SHAPES:
            continue
        words = _words(label.text)
        if any(_contains(words, n) or _contains(n, words) for names in rows for n in names):
            continue
        at = diagram.line + 1 + _line_of(diagram.source, label.text)
        problems.append(Problem(page.path, at,
                                f"the diagram draws the {STORE_SHAPES[label.kind]} '{label.text}', "
                                f"which is not a row of the component table (line {table.line})",
                                "add a row for it to the component table under '## High-Level Design', or "
                                "label it with the name a row already uses"))
    return problems


def check_words(page: Page, words: int) -> list[Problem]:
    if words <= MAX_WORDS:
        return []
    return [Problem(page.path, page.body_line, f"the page has {words:,} words; the ceiling is {MAX_WORDS:,}",
                    f"cut {words - MAX_WORDS:,} words of padding: repetition, long code blocks, vendor trivia "
                    "(words are counted by count_words in scripts/blueprints/schema.py)")]


def changelog_dates(docs_dir: Path) -> dict[str, datetime.date]:
    """For each page the changelog links (by its path under docs/), the newest entry's date.
    Entries are '## YYYY-MM-DD' headings; a page is named by a link to it under one."""
    file = docs_dir / CHANGELOG
    if not file.exists():
        return {}
    newest: dict[str, datetime.date] = {}
    date = None
    for line in file.read_text(encoding="utf-8").splitlines():
        if m := re.match(r"^##\s+(\d{4}-\d{2}-\d{2})\b", line):
            try:
                date = datetime.date.fromisoformat(m.group(1))
            except ValueError:
                date = None
            continue
        if date is None:
            continue
        for target in re.findall(r"\]\(([^)#\s]+\.md)(?:#[^)]*)?\)", line):
            key = target.removeprefix("./")
            newest[key] = max(newest.get(key, date), date)
    return newest


def check_changelog(page: Page, newest: dict[str, datetime.date]) -> list[Problem]:
    date = page.meta.get("reviewed")
    if not isinstance(date, datetime.date):
        return []
    entry = newest.get(page.src_uri)
    if entry is not None and entry >= date:
        return []
    said = f"the newest entry naming it is {entry.isoformat()}" if entry else "no entry names it"
    return [Problem(page.path, page.meta_lines["reviewed"],
                    f"field 'reviewed' is {date.isoformat()} but docs/{CHANGELOG} has no entry for it "
                    f"that recent ({said})",
                    f"add, under '## {date.isoformat()}' in docs/{CHANGELOG}, a line that links "
                    f"[{page.title}]({page.src_uri}) and says what changed and why")]


def _first_technology(cell: str) -> str:
    """The product a Technology cell names first: its text up to the first comma, parenthesis or
    'or', and of that the leading capitalised words ('Kafka topic run-events' is Kafka;
    'Firecracker microVMs on hosts' is Firecracker; 'pgvector on PostgreSQL' is pgvector)."""
    words = FIRST_TECHNOLOGY.split(_plain(cell))[0].split()
    lead = []
    for word in words:
        if not (word[0].isupper() or word[0].isdigit()):
            break
        lead.append(word)
    return " ".join(lead or words[:1])


def _h2(page: Page, name: str):
    return next((h for h in page.headings if h.level == 2 and h.text == name), None)


def _in_h2(page: Page, line: int) -> str:
    above = [h for h in page.headings if h.level == 2 and h.line < line]
    return above[-1].text if above else ""


def _plain(cell: str) -> str:
    """A table cell's text without Markdown emphasis, code marks or link targets."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", cell)
    return re.sub(r"[*_`]", "", text).strip()


def _italic(cell: str) -> bool:
    cell = cell.strip()
    return bool(re.fullmatch(r"(\*[^*].*\*|_[^_].*_)", cell)) and not cell.startswith("**")


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("es") and word[:-2].endswith(("s", "x", "z", "ch", "sh")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _words(text: str) -> tuple[str, ...]:
    text = re.sub(r"<[^>]+>", " ", _plain(text)).lower()
    return tuple(_singular(w) for w in re.findall(r"[a-z0-9]+(?:[.+#][a-z0-9]+)*", text))


def _contains(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return n > 0 and any(words[i:i + n] == phrase for i in range(len(words) - n + 1))


def _line_of(source: str, text: str) -> int:
    key = text.split("<")[0][:20]
    return next((i for i, line in enumerate(source.splitlines()) if key and key in line), 0)
