"""Print the handbook to PDF in headless Chromium: vector diagrams, selectable text, bookmarks
from the headings, page numbers in the footer.

Chromium cannot put page numbers into the contents (no target-counter), so the handbook is
printed twice: the first print's bookmarks tell on which page each chapter starts, and the
second print carries those numbers. Only digits change between the two, so the pages match."""
from __future__ import annotations

from datetime import date
import io
from pathlib import Path
import subprocess

from pypdf import PdfReader

from blueprints.page import Page
from diagrams.browser import launch
from static_server import serve

from .assemble import Chapter, assemble

CSS = Path(__file__).with_name("handbook.css")
FOOTER = ('<div style="font-size:8px;width:100%;text-align:center;color:#555;font-family:sans-serif">'
          '{title} · <span class="pageNumber"></span> / <span class="totalPages"></span></div>')
# Paper margins in mm; the footer (page number) is printed inside the bottom one.
MARGIN_MM = {"top": 16, "bottom": 18, "left": 15, "right": 15}
SCRATCH = "handbook.print.html"  # written into the site only while printing
TITLE = "System Design Blueprints"
NUMBER_WORDS = ("Zero One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Thirteen Fourteen Fifteen "
                "Sixteen Seventeen Eighteen Nineteen Twenty").split()


def subtitle(catalog: list[Page]) -> str:
    """The cover counts the templates the build found: a new one changes it with no edit."""
    count = len(catalog)
    return f"{NUMBER_WORDS[count] if count < len(NUMBER_WORDS) else count} templates for system design interviews"


def chapters(catalog: list[Page], urls: dict[str, str]) -> list[Chapter]:
    """urls maps a page's source (e.g. "tensions.md") to its URL as MkDocs publishes it."""
    templates = [Chapter(p.src_uri.removesuffix(".md").split("/")[-1], f"{p.number}. {p.title}", urls[p.src_uri])
                 for p in sorted(catalog, key=lambda p: p.number)]
    return ([Chapter("routing", "Which template? The routing table", urls["index.md"], only_section="routing-table")]
            + templates
            + [Chapter("tensions", "Cross-cutting Tensions", urls["tensions.md"]),
               Chapter("numbers", "Numbers Every Estimate Leans On", urls["numbers.md"])])


def version(project: Path) -> str:
    result = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=project, capture_output=True, text=True)
    return result.stdout.strip() if result.returncode == 0 else "unversioned"


def chapter_pages(pdf: bytes, chapters_: list[Chapter]) -> dict[str, int]:
    reader = PdfReader(io.BytesIO(pdf))
    by_title = {}
    for entry in reader.outline:
        if not isinstance(entry, list):
            by_title[entry.title.strip()] = reader.get_destination_page_number(entry) + 1
    missing = [c.title for c in chapters_ if c.title not in by_title]
    if missing:
        raise RuntimeError(f"the handbook has no bookmark for: {', '.join(missing)}")
    return {c.key: by_title[c.title] for c in chapters_}


def render_handbook(site: Path, catalog: list[Page], out: Path, *, urls: dict[str, str], site_url: str,
                    project: Path) -> int:
    """Writes the PDF to out; returns its page count."""
    parts = chapters(catalog, urls)
    options = dict(title=TITLE, subtitle=subtitle(catalog), version=version(project), date=date.today().isoformat(),
                   site_url=site_url, css=CSS.read_text(encoding="utf-8"))
    scratch = site / SCRATCH
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright, serve(site) as base:
            browser = launch(playwright)
            page = browser.new_page()
            pdf, numbers = b"", None
            for _ in range(2):
                scratch.write_text(assemble(site, parts, page_numbers=numbers, **options), encoding="utf-8")
                page.goto(f"{base}/{SCRATCH}", wait_until="load")
                page.evaluate("document.fonts.ready.then(() => true)")
                pdf = page.pdf(format="A4", outline=True, tagged=True, display_header_footer=True,
                               header_template="<span></span>", footer_template=FOOTER.format(title=TITLE),
                               margin={side: f"{mm}mm" for side, mm in MARGIN_MM.items()})
                numbers = chapter_pages(pdf, parts)
            browser.close()
    finally:
        scratch.unlink(missing_ok=True)
    out.write_bytes(pdf)
    return len(PdfReader(io.BytesIO(pdf)).pages)
