"""Tables that read as cards on a phone (issue 16): the build half.

Below about 600 px, docs/stylesheets/phone-tables.css lays each row of a wide table out as a
card. A card has no header row above it, so every body cell here gets its column's name as
`data-label`, which the stylesheet shows before the cell. WebKit stops exposing a table to
screen readers once CSS gives it `display: block`, so the table, its row groups, rows and cells
also get explicit ARIA roles: the accessibility tree keeps the table whatever the layout.

Only the start tags of those tables change, by inserting attributes at their end: every other
byte of the page stays as MkDocs wrote it, which the diagram step that runs after the pages are
written relies on when it finds the Mermaid sources."""
from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
import re

# Two columns fit a phone side by side; from three on, a row no longer does.
MIN_COLUMNS = 3
ROW_GROUPS = ("thead", "tbody", "tfoot")


@dataclass
class _Table:
    edits: list[tuple[int, str]] = field(default_factory=list)  # (offset in the page, attributes)
    headers: list[str] = field(default_factory=list)  # column names, one per column spanned
    rows: int = 0  # rows begun so far
    section: str = ""  # the row group being read: thead, tbody, tfoot or none
    saw_thead: bool = False
    column: int = 0  # column of the next cell in the current row
    header_text: list[str] | None = None  # text of the header cell being read, if one is
    header_span: int = 1


class _TableScanner(HTMLParser):
    """Finds the content tables of a page and decides what each of their start tags gains.
    Tables with a class (Pygments' line-number tables) are not content, and a table inside
    another is left alone with its parent, which would otherwise count its cells as its own."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._stack: list[_Table | None] = []  # None: a table that is not ours
        self.insertions: list[tuple[int, str]] = []

    def _tag_end(self) -> int:
        """Offset of the ">" (or "/>") that closes the start tag being handled: the parser's
        position is still the tag's "<" while its handler runs."""
        line, column = self.getpos()
        raw = self.get_starttag_text() or ""
        end = self._line_starts[line - 1] + column + len(raw) - 1
        return end - 1 if raw.endswith("/>") else end

    def _ours(self) -> _Table | None:
        return self._stack[-1] if len(self._stack) == 1 else None

    def _add(self, table: _Table, attrs, role: str, label: str | None = None) -> None:
        names = {name for name, _ in attrs}
        added = [] if "role" in names else [f'role="{role}"']
        if label and "data-label" not in names:
            added.append(f'data-label="{escape(label, quote=True)}"')
        if added:
            table.edits.append((self._tag_end(), " ".join(added)))

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            ours = not self._stack and not any(name == "class" for name, _ in attrs)
            self._stack.append(_Table() if ours else None)
            if ours:
                self._add(self._stack[-1], attrs, "table")
            return
        table = self._ours()
        if table is None or table.header_text is not None:
            return  # not in a table of ours, or markup inside a header cell: its text is read
        if tag in ROW_GROUPS:
            table.section = tag
            table.saw_thead |= tag == "thead"
            self._add(table, attrs, "rowgroup")
        elif tag == "tr":
            table.rows += 1
            table.column = 0
            self._add(table, attrs, "row")
        elif tag in ("th", "td"):
            span = _span(attrs)
            if table.section == "thead" or (not table.saw_thead and table.rows == 1 and tag == "th"):
                self._add(table, attrs, "columnheader")
                table.header_text, table.header_span = [], span
                return
            label = " / ".join(h for h in table.headers[table.column:table.column + span] if h)
            # A th among the body rows names its row.
            self._add(table, attrs, "rowheader" if tag == "th" else "cell", label)
            table.column += span

    def handle_data(self, data):
        table = self._ours()
        if table is not None and table.header_text is not None:
            table.header_text.append(data)

    def handle_endtag(self, tag):
        if tag == "table" and self._stack:
            table = self._stack.pop()
            if table is not None and len(table.headers) >= MIN_COLUMNS:
                self.insertions += table.edits
            return
        table = self._ours()
        if table is None:
            return
        if tag in ("th", "td") and table.header_text is not None:
            # The header's text, without its markup: what a reader sees in the column head.
            text = " ".join("".join(table.header_text).split())
            table.headers += [text] * table.header_span
            table.header_text = None
        elif tag in ROW_GROUPS:
            table.section = ""


def _span(attrs) -> int:
    value = (dict(attrs).get("colspan") or "1").strip()
    return int(value) if value.isdigit() and int(value) > 0 else 1


def label_tables(page_html: str) -> str:
    """The page with every content table of MIN_COLUMNS or more columns given ARIA table roles
    and, on each body cell, `data-label` holding its column header's text."""
    if "<table" not in page_html:
        return page_html
    scanner = _TableScanner(page_html)
    scanner.feed(page_html)
    scanner.close()
    out, last = [], 0
    for offset, attrs in sorted(scanner.insertions):
        out += [page_html[last:offset], " ", attrs]
        last = offset
    out.append(page_html[last:])
    return "".join(out)
