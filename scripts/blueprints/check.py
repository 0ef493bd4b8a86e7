"""The rules every template page must follow, and the catalogue of pages that pass them."""
from __future__ import annotations

import datetime
from pathlib import Path
import re

from .cards import duplicate_keys
from .content_rules import (changelog_dates, check_changelog, check_components_drawn, check_guarantees,
                            check_reviewed_not_in_future, check_words, today_utc)
from .page import Page, read_page, shown_path
from .study_aids import check_level_items, check_red_flags, check_trailing_sections
from .problems import BlueprintError, Problem, too_few_rows
from .schema import (BLUEPRINT_DIR, FLOWCHART_DIRECTIONS, FORBIDDEN_DIAGRAM_LINES, FIELDS, FIELDS_BY_NAME, MIN_DIAGRAMS, MIN_TRADEOFF_ROWS, SECTIONS,
                     TRADEOFF_COLUMNS, TRADEOFF_SECTION)


def load_catalog(docs_dir: Path, shown_from: Path | None = None) -> list[Page]:
    """Read and check every template page under docs_dir; return them ordered by number.

    Raises BlueprintError listing every problem in every page, so one run shows them all."""
    folder = docs_dir / BLUEPRINT_DIR
    files = sorted(folder.rglob("*.md")) if folder.is_dir() else []
    base = shown_from or Path.cwd()
    pages, problems = [], []
    newest = changelog_dates(docs_dir)
    for file in files:
        page, found = read_page(file, shown_path(file, base), file.relative_to(docs_dir).as_posix())
        found += check_page(page, newest) if not found else []
        pages.append(page)
        problems += found
    if not files:
        problems.append(Problem(shown_path(folder, base), 1, "there are no template pages",
                                f"add Markdown pages under docs/{BLUEPRINT_DIR}/ (copy an existing one)"))
    if problems:
        raise BlueprintError(problems)
    problems += check_catalog(pages)
    if problems:
        raise BlueprintError(problems)
    return sorted(pages, key=lambda p: p.number)


def check_page(page: Page, changelog: dict | None = None, today=None) -> list[Problem]:
    problems = _check_fields(page) + _check_sections(page) + _check_diagrams(page) + _check_tradeoff_table(page)
    problems += check_trailing_sections(page) + check_level_items(page) + check_red_flags(page)
    problems += duplicate_keys(page) if not problems else []
    future = check_reviewed_not_in_future(page, today or today_utc())
    return (problems + future + check_guarantees(page) + check_components_drawn(page) + check_words(page, page.words)
            + ([] if future else check_changelog(page, changelog if changelog is not None else {})))


def _check_fields(page: Page) -> list[Problem]:
    problems = []
    first_line = min(page.meta_lines.values(), default=2)
    for name, line in page.meta_lines.items():
        if name not in FIELDS_BY_NAME:
            allowed = ", ".join(f.name for f in FIELDS)
            problems.append(Problem(page.path, line, f"unknown field '{name}'",
                                    f"remove it or rename it to one of: {allowed}"))
    for spec in FIELDS:
        if spec.name not in page.meta:
            if not spec.required:
                continue
            problems.append(Problem(page.path, first_line, f"field '{spec.name}' is missing",
                                    f"add '{spec.name}: {spec.example}' ({spec.meaning})"))
            continue
        problems += _check_value(page, spec.name, page.meta[spec.name])
    return problems


def _check_value(page: Page, name: str, value) -> list[Problem]:
    spec = FIELDS_BY_NAME[name]
    line = page.meta_lines[name]
    fail = lambda what, fix, at=line: [Problem(page.path, at, what, fix)]  # noqa: E731
    if value is None or value == "" or value == []:
        return fail(f"field '{name}' is empty", f"give it a value, for example '{name}: {spec.example}'")
    if spec.kind is int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            return fail(f"field '{name}' must be a whole number of 1 or more, not {value!r}",
                        f"write it as digits, for example '{name}: {spec.example}'")
        return []
    if spec.kind is datetime.date:
        if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
            return fail(f"field '{name}' must be a date written YYYY-MM-DD without quotes, not {value!r}",
                        f"write it as an unquoted date, for example '{name}: {spec.example}'")
        return []
    if spec.kind is str:
        if not isinstance(value, str):
            return fail(f"field '{name}' must be text, not {type(value).__name__} {value!r}",
                        f"put the value in quotes, for example '{name}: \"{value}\"'")
        if not value.strip():
            return fail(f"field '{name}' is empty", f"give it a value, for example '{name}: {spec.example}'")
        return []
    if not isinstance(value, list):
        return fail(f"field '{name}' must be a list, not {type(value).__name__}",
                    f"write one '- item' line per entry under '{name}:'")
    problems = []
    item_lines = page.item_lines.get(name, [])
    for i, item in enumerate(value):
        at = item_lines[i] if i < len(item_lines) else line
        if not isinstance(item, str) or not item.strip():
            problems += fail(f"entry {i + 1} of '{name}' must be non-empty text, not {item!r}",
                             "write the entry as text, in quotes if it looks like a number or yes/no", at)
    if spec.max_items is not None and len(value) > spec.max_items:
        problems += fail(f"field '{name}' lists {len(value)} entries; it takes at most {spec.max_items}",
                         f"keep the {spec.max_items} best and drop the rest")
    if len(value) < spec.min_items:
        problems += fail(f"field '{name}' lists {len(value)} entr{'y' if len(value) == 1 else 'ies'}; "
                         f"it needs at least {spec.min_items}",
                         f"add {spec.min_items - len(value)} more: {spec.meaning}")
    return problems


def _check_sections(page: Page) -> list[Problem]:
    problems = []
    for h in page.headings:
        if h.level == 1:
            problems.append(Problem(page.path, h.line, f"the page has its own H1 '# {h.text}'",
                                    "remove it; the page title comes from the front matter field 'title'"))
    h2 = [h for h in page.headings if h.level == 2]
    seen: dict[str, int] = {}
    position = 0  # index in SECTIONS of the next section expected
    for h in h2:
        if h.text in seen:
            problems.append(Problem(page.path, h.line,
                                    f"section '{h.text}' appears twice (first at line {seen[h.text]})",
                                    "merge the two into one section"))
            continue
        if h.text in SECTIONS:
            seen[h.text] = h.line
            index = SECTIONS.index(h.text)
            if index < position:
                problems.append(Problem(page.path, h.line,
                                        f"section '{h.text}' is out of order: it comes after "
                                        f"'{SECTIONS[position - 1]}'", _order_fix()))
            position = max(position, index + 1)
        elif near := _near_miss(h.text):
            # Misspelt, not missing: one message that names the spelling, not two.
            seen.setdefault(near, h.line)
            position = max(position, SECTIONS.index(near) + 1)
            problems.append(Problem(page.path, h.line, f"heading '## {h.text}' is not spelt like the section",
                                    f"spell it exactly '## {near}'"))
        elif position < len(SECTIONS):
            problems.append(Problem(page.path, h.line,
                                    f"heading '## {h.text}' is not one of the six sections",
                                    "make it an H3 ('### ...') inside a section, or move it after '## Trade-offs'"))
    for i, name in enumerate(SECTIONS):
        if name not in seen:
            after = next((SECTIONS[j] for j in range(i - 1, -1, -1) if SECTIONS[j] in seen), None)
            line = seen[after] if after else page.body_line
            where = f"after the section '{after}'" if after else "before the other sections"
            problems.append(Problem(page.path, line,
                                    f"section '{name}' is missing",
                                    f"add a heading '## {name}' {where}"))
    return problems


def _order_fix() -> str:
    return "put the sections in this order: " + ", ".join(f"'{s}'" for s in SECTIONS)


def _near_miss(text: str) -> str | None:
    """A section spelled differently ('Tradeoffs', 'high level design') is most likely meant."""
    squash = lambda s: re.sub(r"[^a-z]", "", s.lower())  # noqa: E731
    return next((s for s in SECTIONS if squash(s) == squash(text)), None)


def _check_diagrams(page: Page) -> list[Problem]:
    problems = [Problem(page.path, d.line, "this Mermaid diagram is empty",
                        "write the diagram between the fences, or remove the fence")
                for d in page.diagrams if not d.source.strip()]
    for d in page.diagrams:
        problems += _diagram_style(page, d)
    if len(page.diagrams) < MIN_DIAGRAMS:
        count = f"{len(page.diagrams)} Mermaid diagrams" if page.diagrams else "no Mermaid diagram"
        problems.append(Problem(page.path, page.body_line, f"the page has {count}; it needs at least {MIN_DIAGRAMS}",
                                "add a ```mermaid fence that shows a data flow, for example the write path"))
    return problems


def _diagram_style(page: Page, diagram) -> list[Problem]:
    problems = []
    lines = diagram.source.splitlines()
    first = next((i for i, l in enumerate(lines) if l.strip() and not l.strip().startswith("%%")), None)
    words = lines[first].split() if first is not None else []
    if first is not None:
        if words[0] in ("flowchart", "graph") and (len(words) < 2 or words[1] not in FLOWCHART_DIRECTIONS):
            problems.append(Problem(page.path, diagram.line + 1 + first,
                                    f"the flowchart runs '{' '.join(words[1:]) or 'in the default direction'}'",
                                    "write 'flowchart TD': top-down flows read on paper and on a phone"))
    transitions: dict[str, int] = {}
    for i, line in enumerate(lines):
        text = line.strip()
        # Two loops on one state are drawn as one, and one label is lost (seen in Chromium).
        m = re.match(r"^(\S+)\s*-->\s*([^\s:]+)", text) if words and words[0].startswith("stateDiagram") else None
        if m and m.group(1) == m.group(2):
            if m.group(1) in transitions:
                problems.append(Problem(page.path, diagram.line + 1 + i,
                                        f"a second transition from {m.group(1)} to itself: Mermaid draws one loop "
                                        "and drops one of the two labels",
                                        f"merge it into the first (line {transitions[m.group(1)]}), "
                                        "e.g. 'label one, or label two'"))
            transitions.setdefault(m.group(1), diagram.line + 1 + i)
        if ";" in re.sub(r'"[^"]*"', "", text) and not text.startswith("%%"):
            problems.append(Problem(page.path, diagram.line + 1 + i,
                                    "a ';' ends a Mermaid statement: the rest of this line is never drawn",
                                    "use a comma or a dash, or put the label in double quotes"))
        if text.startswith(FORBIDDEN_DIAGRAM_LINES) or ":::" in text:
            problems.append(Problem(page.path, diagram.line + 1 + i,
                                    f"the diagram styles itself ('{text[:40]}')",
                                    "remove it: colours come from the theme, shapes from the diagram legend "
                                    "(docs/diagram-legend.md)"))
    return problems


def _check_tradeoff_table(page: Page) -> list[Problem]:
    section = next((h for h in page.headings if h.level == 2 and h.text == TRADEOFF_SECTION), None)
    if section is None:
        return []  # already reported as a missing section
    columns = " | ".join(TRADEOFF_COLUMNS)
    in_section = [t for t in page.tables if t.section == TRADEOFF_SECTION]
    decisions = [t for t in in_section if _names_columns(t.header)]
    if not decisions:
        what = (f"the tables under '## {TRADEOFF_SECTION}' do not have the columns {', '.join(TRADEOFF_COLUMNS)}"
                if in_section else f"the section '{TRADEOFF_SECTION}' has no table")
        at = in_section[0].line if in_section else section.line
        return [Problem(page.path, at, what,
                        f"start the section with a table headed '| {columns} |', one row per decision")]
    return too_few_rows(page.path, decisions[0], "trade-off", MIN_TRADEOFF_ROWS,
                        "decisions, each with its options, the choice and what it costs")


def _names_columns(header: tuple[str, ...]) -> bool:
    return all(any(stem.lower() in cell.lower() for cell in header) for stem in TRADEOFF_COLUMNS)


def product_key(name: str) -> str:
    """'Bit.ly', 'bitly' and 'Bit ly' are one product."""
    return re.sub(r"[^0-9a-z]", "", name.lower())


def check_catalog(pages: list[Page]) -> list[Problem]:
    problems = []
    numbers: dict[int, Page] = {}
    products: dict[str, tuple[Page, str]] = {}
    for page in sorted(pages, key=lambda p: p.path):
        other = numbers.setdefault(page.number, page)
        if other is not page:
            problems.append(Problem(page.path, page.meta_lines["number"],
                                    f"number {page.number} is already used by {other.path}",
                                    "give each template its own number"))
        for field, kind in (("products", "product"), ("aliases", "alias")):
            lines = page.item_lines.get(field, [])
            for i, name in enumerate(page.meta.get(field) or []):
                owner, first = products.setdefault(product_key(name), (page, name))
                # "Bit.ly" next to "Bitly" on the same page is the point of an alias: search
                # tokenises them differently. Only the same spelling twice is a slip.
                if owner is page and (first is name or (field == "aliases" and first != name)):
                    continue
                where = "this page" if owner is page else owner.path
                problems.append(Problem(page.path, lines[i] if i < len(lines) else page.meta_lines[field],
                                        f"{kind} '{name}' is already listed by {where} (as '{first}')",
                                        "list each product or alias under one template only; mention it on "
                                        "the other page and link to the template that owns it"))
    return problems + _names_inside_names(pages)


def _name_words(name: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[0-9a-z]+", name.lower()))


def _names_inside_names(pages: list[Page]) -> list[Problem]:
    """"Stripe API" on one page and "Stripe" on another pass the same-name rule but split a search
    for Stripe between two pages: no product or alias may contain another template's product."""
    owned = [(_name_words(name), name, page) for page in pages for name in page.meta.get("products") or []]
    problems = []
    for page in sorted(pages, key=lambda p: p.path):
        for field, kind in (("products", "product"), ("aliases", "alias")):
            lines = page.item_lines.get(field, [])
            for i, name in enumerate(page.meta.get(field) or []):
                words = _name_words(name)
                for other_words, other, owner in owned:
                    if owner is page or words == other_words or not other_words:
                        continue
                    n = len(other_words)
                    if any(words[j:j + n] == other_words for j in range(len(words) - n + 1)):
                        problems.append(Problem(page.path, lines[i] if i < len(lines) else page.meta_lines[field],
                                                f"{kind} '{name}' contains '{other}', a product of {owner.path}",
                                                "rename it, or list it under the template that owns "
                                                f"'{other}': a search for '{other}' would split between two pages"))
    return problems
