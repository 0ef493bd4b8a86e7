"""The printed handbook read back from its PDF: how full each page is, where each chapter runs,
and what each page opens with. The tests use it; from the command line it lists the pages under
half full with their excuse, before and after a layout change:

    python -m handbook.paper site/handbook.pdf

"Full" is the lowest inked row over the content height (the page-number footer sits in the bottom
margin, outside it). What a page opens with is read from the PDF's own text, by font: code is
set in a monospace font and diagram labels in the diagram font, so a tall block at the top of a
page is recognised from what is printed there, not guessed from the gap above it."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
import subprocess
import tempfile
import xml.etree.ElementTree as ET

from pypdf import PdfReader

from .render import MARGIN_MM

DPI = 30  # enough to find a row of ink within 1 mm; a 340-page handbook rasterises in seconds
WHITE = 250  # darker is ink: code backgrounds (#f5f5f5) and table rules belong to the block they frame
HALF = 0.5
HEADING_SCALE = 1.2  # a heading's font is this much larger than the body's (the "Reviewed" line is 1.14)
DIAGRAM_FONT = "Inter"  # "Blueprints Diagram" in docs/stylesheets/extra.css is Inter
MM_PER_INCH = 25.4


@dataclass(frozen=True)
class Chapter:
    title: str
    first: int  # 1-based pages
    last: int


@dataclass(frozen=True)
class Line:
    """One printed line: mm from the top of the page, and what it is by its fonts."""
    top: float
    bottom: float
    kind: str  # heading, prose, code, diagram or other
    text: str


@dataclass(frozen=True)
class Block:
    kind: str  # code or diagram
    height: float  # share of the content height
    text: str  # its first line, to name it in a report


@dataclass(frozen=True)
class Underfilled:
    page: int
    fill: float
    chapter: str  # "" before the first chapter
    excuse: str  # "" when nothing allows the gap

    def __str__(self) -> str:
        return f"page {self.page} ({self.chapter or 'front matter'}): {self.fill:.0%} full" + (
            f", {self.excuse}" if self.excuse else "")


class Paper:
    def __init__(self, pdf: Path):
        self.pdf = Path(pdf)
        self.reader = PdfReader(self.pdf)
        box = self.reader.pages[0].mediabox
        self.page_mm = float(box.height) * MM_PER_INCH / 72
        self.top_mm = MARGIN_MM["top"]
        self.bottom_mm = self.page_mm - MARGIN_MM["bottom"]

    @property
    def pages(self) -> int:
        return len(self.reader.pages)

    @property
    def content_mm(self) -> float:
        return self.bottom_mm - self.top_mm

    # --- ink -------------------------------------------------------------------------------------

    @cached_property
    def _ink(self) -> list[list[bool]]:
        """Per page, per pixel row: is any pixel in it darker than white."""
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", str(self.pdf), f"{tmp}/p"], check=True)
            files = sorted(Path(tmp).glob("p-*.pgm"))
            return [inked_rows(f.read_bytes()) for f in files]

    def _mm(self, row: int) -> float:
        return row * MM_PER_INCH / DPI

    def ink_between(self, page: int, top_mm: float, bottom_mm: float) -> tuple[float, float] | None:
        """The first and last inked mm within [top_mm, bottom_mm) on a page, or None."""
        rows = [r for r, inked in enumerate(self._ink[page - 1])
                if inked and self._mm(r + 1) > top_mm and self._mm(r) < bottom_mm]
        return (self._mm(rows[0]), self._mm(rows[-1] + 1)) if rows else None

    def fill(self, page: int) -> float:
        ink = self.ink_between(page, self.top_mm, self.bottom_mm)
        return 0.0 if ink is None else min(1.0, (ink[1] - self.top_mm) / self.content_mm)

    # --- chapters --------------------------------------------------------------------------------

    @cached_property
    def chapters(self) -> list[Chapter]:
        starts = [(self.reader.get_destination_page_number(e) + 1, e.title.strip())
                  for e in self.reader.outline if not isinstance(e, list)]
        ends = [first - 1 for first, _ in starts[1:]] + [self.pages]
        return [Chapter(title, first, last) for (first, title), last in zip(starts, ends)]

    def chapter(self, page: int) -> Chapter | None:
        return next((c for c in self.chapters if c.first <= page <= c.last), None)

    # --- text ------------------------------------------------------------------------------------

    @cached_property
    def _lines(self) -> list[list[Line]]:
        xml = subprocess.run(["pdftohtml", "-xml", "-i", "-q", "-stdout", str(self.pdf)],
                             capture_output=True, check=True).stdout
        return read_lines(ET.fromstring(xml), self.page_mm)

    def lines(self, page: int) -> list[Line]:
        """The lines printed in the content area, top to bottom (the footer left out)."""
        return [l for l in self._lines[page - 1] if l.top < self.bottom_mm]

    def opening_block(self, page: int) -> Block | None:
        """The code block or diagram a page opens with, under any headings, with its height."""
        lines = self.lines(page)
        start = self.top_mm
        while lines and lines[0].kind == "heading":
            start, lines = lines[0].bottom, lines[1:]
        if not lines or lines[0].kind not in ("code", "diagram"):
            return None
        after = next((l for l in lines if l.kind in ("heading", "prose")), None)
        ink = self.ink_between(page, start, after.top if after else self.bottom_mm)
        if ink is None:
            return None
        return Block(lines[0].kind, (ink[1] - ink[0]) / self.content_mm, lines[0].text)

    # --- the rule --------------------------------------------------------------------------------

    def excuse(self, page: int) -> str:
        """Why a page may be under half full, or "" if nothing allows it."""
        chapter = self.chapter(page)
        if chapter is None:
            return "cover or contents"
        if page == chapter.last:
            return "the chapter's last page"
        block = self.opening_block(page + 1) if page < self.pages else None
        if block and block.height > HALF:
            return f"the next page opens with a {block.kind} {block.height:.0%} of a page tall ({block.text[:40]!r})"
        return ""

    def underfilled(self) -> list[Underfilled]:
        found = []
        for page in range(1, self.pages + 1):
            fill = self.fill(page)
            if fill < HALF:
                chapter = self.chapter(page)
                found.append(Underfilled(page, fill, chapter.title if chapter else "", self.excuse(page)))
        return found


def inked_rows(pgm: bytes) -> list[bool]:
    """Rows of a binary greyscale PGM (pdftoppm -gray) holding any pixel darker than white."""
    magic, width, height, _maxval, pixels = pgm.split(maxsplit=4)
    assert magic == b"P5", "pdftoppm -gray writes binary PGM"
    w, h = int(width), int(height)
    return [min(pixels[y * w:(y + 1) * w]) < WHITE for y in range(h)]


def read_lines(root: ET.Element, page_mm: float) -> list[list[Line]]:
    """pdftohtml -xml's text pieces grouped into lines, each named by its fonts. The body font is
    the one most characters are set in; a heading is the body family, larger."""
    fonts = {f.get("id"): (f.get("family", "").split("+")[-1], float(f.get("size", "0")))
             for f in root.iter("fontspec")}
    pages = root.findall("page")
    used = Counter()
    for text in root.iter("text"):
        used[fonts[text.get("font")]] += len("".join(text.itertext()))
    body_family, body_size = used.most_common(1)[0][0]

    def kind(font: tuple[str, float]) -> str:
        family, size = font
        if "Mono" in family:
            return "code"
        if family == DIAGRAM_FONT:
            return "diagram"
        if family == body_family and size >= body_size * HEADING_SCALE:
            return "heading"
        if family == body_family:
            return "prose"
        return "other"

    result = []
    for page in pages:
        scale = page_mm / float(page.get("height"))
        pieces = sorted((float(t.get("top")) * scale, (float(t.get("top")) + float(t.get("height"))) * scale,
                         float(t.get("left")), kind(fonts[t.get("font")]), "".join(t.itertext()))
                        for t in page.iter("text"))
        lines: list[list] = []
        for top, bottom, left, what, text in pieces:
            # A piece belongs to the line above when it overlaps it by more than half its height.
            if lines and top < lines[-1][1] - (bottom - top) / 2:
                line = lines[-1]
                line[1], line[2] = max(line[1], bottom), line[2] | {what}
                line[3].append((left, text))
            else:
                lines.append([top, bottom, {what}, [(left, text)]])
        result.append([Line(top, bottom, _line_kind(kinds), "".join(t for _, t in sorted(texts)).strip())
                       for top, bottom, kinds, texts in lines])
    return result


def _line_kind(kinds: set[str]) -> str:
    # Inline code sits in prose; a wrapped diagram label with a fallback glyph is still the diagram.
    for name in ("heading", "prose", "code", "diagram"):
        if name in kinds:
            return name
    return "other"


if __name__ == "__main__":
    import sys

    paper = Paper(Path(sys.argv[1]))
    under = paper.underfilled()
    print(f"{paper.pages} pages; under half full: {len(under)}, "
          f"of which no excuse: {sum(1 for u in under if not u.excuse)}")
    for u in under:
        print(f"  {u}" if u.excuse else f"! {u}")
