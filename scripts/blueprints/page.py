"""Read one template page: its front matter (with the line of every field) and the outline of its
Markdown body (H1/H2 headings and Mermaid fences, with their lines).

The body is parsed with markdown-it-py rather than scanned with regular expressions so that a
heading inside a code fence or an indented block is not mistaken for a section."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
import re

import yaml
from markdown_it import MarkdownIt

from .problems import Problem
from .schema import count_words

FENCE = re.compile(r"^(---|\.\.\.)\s*$")
ATTR_LIST = re.compile(r"\s*\{[^}]*\}\s*$")  # "## Deep Dive { #deep }" is still "Deep Dive"


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int


@dataclass(frozen=True)
class Diagram:
    source: str
    line: int  # the line of the opening fence
    heading: str = ""  # the nearest heading above the fence


@dataclass(frozen=True)
class Table:
    line: int
    section: str  # the H2 above the table
    header: tuple[str, ...]
    rows: int  # body rows
    subsection: str = ""  # the H3 above the table, if it is inside the same H2
    cells: tuple[tuple[str, ...], ...] = ()  # body rows, each a tuple of cell sources
    row_lines: tuple[int, ...] = ()  # the file line of each body row


@dataclass
class Page:
    path: str  # as shown in messages, relative to the project
    src_uri: str  # relative to docs/, as MkDocs names it
    meta: dict = field(default_factory=dict)
    meta_lines: dict = field(default_factory=dict)  # field name -> line of its key
    item_lines: dict = field(default_factory=dict)  # field name -> lines of its list items
    body_line: int = 1  # file line of the body's first line
    headings: list[Heading] = field(default_factory=list)
    diagrams: list[Diagram] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    words: int = 0  # counted as schema.count_words counts them
    text: str = ""  # the whole file

    @property
    def number(self):
        return self.meta.get("number")

    @property
    def title(self):
        return self.meta.get("title")


def shown_path(path: Path, base: Path) -> str:
    """A path as messages show it: relative to the project when it is inside it."""
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def front_matter_end(lines: list[str]) -> int | None:
    """Index of the line that closes the front matter; None if there is none or it never closes."""
    if not lines or lines[0].strip() != "---":
        return None
    return next((i for i in range(1, len(lines)) if FENCE.match(lines[i])), None)


def body_outline(text: str) -> tuple[list[Heading], list[Diagram]]:
    """The outline of any page's body, with file line numbers: front matter is not Markdown."""
    lines = text.splitlines()
    end = front_matter_end(lines)
    start = 0 if end is None else end + 1
    return outline("\n".join(lines[start:]), start + 1)


def read_page(file: Path, shown_as: str, src_uri: str) -> tuple[Page, list[Problem]]:
    page = Page(path=shown_as, src_uri=src_uri)
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        return page, [Problem(shown_as, 1, f"the file is not valid UTF-8 ({e.reason} at byte {e.start})",
                              "save the file as UTF-8")]
    lines = text.splitlines()
    problems = _read_front_matter(page, lines)
    body = "\n".join(lines[page.body_line - 1:])
    _read_outline(page, body)
    page.words = count_words(text)
    page.text = text
    return page, problems


def _read_front_matter(page: Page, lines: list[str]) -> list[Problem]:
    path = page.path
    if not lines or lines[0].strip() != "---":
        return [Problem(path, 1, "the page has no front matter",
                        "start the file with a line '---', the template's fields (see "
                        "scripts/blueprints/schema.py), and a closing line '---'")]
    end = front_matter_end(lines)
    if end is None:
        return [Problem(path, 1, "the front matter is never closed",
                        "add a line '---' after the last field")]
    page.body_line = end + 2
    source = "\n".join(lines[1:end])
    try:
        node = yaml.compose(source, Loader=yaml.SafeLoader)
        data = yaml.safe_load(source)
    except ValueError as e:  # a well-formed scalar that is no real value, such as 2026-02-30
        line = _line_of_bad_value(node, str(e)) if "node" in locals() else 2
        return [Problem(path, line, f"the front matter has an impossible value: {e}",
                        "write a real date as YYYY-MM-DD, for example 2026-12-07")]
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        line = mark.line + 2 if mark else 2
        reason = getattr(e, "problem", None) or str(e).splitlines()[0]
        return [Problem(path, line, f"the front matter is not valid YAML: {reason}",
                        "check the indentation and quote any value that contains ': ' or starts with a "
                        "special character such as '[', '{', '*', '&' or '#'")]
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        return [Problem(path, 2, "the front matter is not a set of 'field: value' lines",
                        "write one 'field: value' per line, for example 'title: URL Shortener'")]
    problems = []
    seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        name, line = str(key_node.value), key_node.start_mark.line + 2
        if name in seen:
            problems.append(Problem(path, line, f"field '{name}' is given twice (also at line {seen[name]})",
                                    f"keep one '{name}:' line"))
        seen[name] = line
        if isinstance(value_node, yaml.SequenceNode):
            page.item_lines[name] = [item.start_mark.line + 2 for item in value_node.value]
    page.meta, page.meta_lines = data, seen
    return problems


def _line_of_bad_value(node, reason: str) -> int:
    """The line of the first date-like value that does not parse as a date (the YAML loader's
    ValueError names no position)."""
    import datetime
    for key_node, value_node in getattr(node, "value", []):
        if isinstance(value_node, yaml.ScalarNode) and re.fullmatch(r"\d{4}-\d\d?-\d\d?", str(value_node.value)):
            try:
                datetime.date.fromisoformat(str(value_node.value))
            except ValueError:
                return value_node.start_mark.line + 2
    return 2


def outline(markdown: str, first_line: int = 1) -> tuple[list[Heading], list[Diagram]]:
    """Headings and Mermaid fences of a Markdown text, with their line numbers."""
    headings, diagrams = [], []
    tokens = MarkdownIt("commonmark").parse(markdown)
    for i, token in enumerate(tokens):
        line = token.map[0] + first_line if token.map else first_line
        if token.type == "heading_open":
            text = ATTR_LIST.sub("", tokens[i + 1].content).strip()
            headings.append(Heading(int(token.tag[1]), text, line))
        elif token.type == "fence" and token.info.strip().split(" ")[0] == "mermaid":
            diagrams.append(Diagram(token.content, line, headings[-1].text if headings else ""))
    return headings, diagrams


def tables(markdown: str, first_line: int = 1) -> list[Table]:
    """Pipe tables with the H2 (and H3) they sit in, as Python-Markdown's tables extension reads them."""
    found, section, subsection, start = [], "", "", first_line
    heading = None  # the tag of a heading whose text is the next inline token
    in_head, header, row, body, lines = False, (), None, [], []
    for token in MarkdownIt("commonmark").enable("table").parse(markdown):
        if token.type == "heading_open" and token.tag in ("h2", "h3"):
            heading = token.tag
        elif token.type == "inline" and heading:
            text = ATTR_LIST.sub("", token.content).strip()
            section, subsection = (text, "") if heading == "h2" else (section, text)
            heading = None
        elif token.type == "table_open":
            start, header, body, lines = token.map[0] + first_line, (), [], []
        elif token.type == "thead_open":
            in_head = True
        elif token.type == "tr_open":
            row = []
            if not in_head:
                lines.append(token.map[0] + first_line)
        elif token.type == "inline" and row is not None and token.level >= 3:
            row.append(token.content.strip())
        elif token.type == "tr_close":
            if in_head:
                header = tuple(row)
            else:
                body.append(tuple(row))
            row = None
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "table_close":
            found.append(Table(start, section or "", header, len(body), subsection, tuple(body), tuple(lines)))
    return found


def _read_outline(page: Page, body: str) -> None:
    page.headings, page.diagrams = outline(body, page.body_line)
    page.tables = tables(body, page.body_line)
