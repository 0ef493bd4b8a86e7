"""The handbook (site/handbook.pdf), read back: pypdf for the bookmarks, poppler-utils for the
text and for the pixels of every page. And the one-page cheat sheets, printed by Chromium."""
from __future__ import annotations

import html
import io
from pathlib import Path
import re
import subprocess

import pytest
from pypdf import PdfReader

from blueprints.check import load_catalog
from blueprints.page import body_outline
from blueprints.schema import SECTIONS

from conftest import DOCS
from diagram_labels import expected_labels
from handbook.paper import HALF, Paper, inked_rows
from handbook.render import MARGIN_MM
from site_html import article, h2_sections

CATALOG = load_catalog(DOCS)


@pytest.fixture(scope="module")
def handbook(site) -> Path:
    pdf = site / "handbook.pdf"
    assert pdf.exists(), "the build writes site/handbook.pdf"
    return pdf


@pytest.fixture(scope="module")
def reader(handbook) -> PdfReader:
    return PdfReader(handbook)


@pytest.fixture(scope="module")
def paper(handbook) -> Paper:
    return Paper(handbook)


def page_text(pdf: Path, number: int) -> str:
    return subprocess.run(["pdftotext", "-layout", "-f", str(number), "-l", str(number), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def bookmarks(reader) -> dict[str, tuple[int, list[str]]]:
    """Top-level bookmark title -> (1-based page, titles of its children)."""
    found, outline = {}, reader.outline
    for i, entry in enumerate(outline):
        if isinstance(entry, list):
            continue
        children = outline[i + 1] if i + 1 < len(outline) and isinstance(outline[i + 1], list) else []
        found[entry.title.strip()] = (reader.get_destination_page_number(entry) + 1,
                                      [c.title.strip() for c in children if not isinstance(c, list)])
    return found


def test_cover_names_title_version_and_date(handbook):
    cover = page_text(handbook, 1)
    assert "System Design Blueprints" in cover
    assert "Version" in cover
    import re
    assert re.search(r"\d{4}-\d{2}-\d{2}", cover), "the cover dates the edition"


def test_contents_lists_every_chapter_with_its_page(handbook, reader):
    contents = page_text(handbook, 2)
    marks = bookmarks(reader)
    assert "Contents" in contents
    for title, (page, _) in marks.items():
        line = next((l for l in contents.splitlines() if title in l), None)
        assert line is not None, f"contents has no line for {title}"
        assert line.rstrip().endswith(str(page)), f"contents gives the wrong page for {title}: {line!r}"


def test_every_template_has_a_bookmark_with_its_sections_and_starts_a_page(handbook, reader):
    marks = bookmarks(reader)
    for p in CATALOG:
        title = f"{p.number}. {p.title}"
        assert title in marks, f"no bookmark for {title}"
        page, children = marks[title]
        assert [s for s in SECTIONS if s in children] == list(SECTIONS), f"{title}: sections {children}"
        first_line = next(l.strip() for l in page_text(handbook, page).splitlines() if l.strip())
        assert first_line == title, f"page {page} starts with {first_line!r}, not the chapter title"
    for other in ("Which template? The routing table", "Cross-cutting Tensions"):
        assert other in marks


def test_diagram_labels_are_text_and_there_are_no_pictures(handbook, reader):
    # -raw keeps the content stream's order: a wrapped label in a busy diagram stays in one piece
    # instead of being interleaved with its neighbours' lines by the layout reader.
    text = subprocess.run(["pdftotext", "-raw", str(handbook), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    for p in CATALOG:
        source = body_outline((DOCS / p.src_uri).read_text(encoding="utf-8"))[1][0].source
        labels = [l for l in expected_labels(source) if len(l) > 3 and "<br" not in l]
        missing = [l for l in labels if " ".join(l.split()) not in flat]
        assert len(missing) <= len(labels) // 5, f"{p.title}: labels not found as text: {missing}"
    images = subprocess.run(["pdfimages", "-list", str(handbook)], capture_output=True, text=True, check=True)
    assert len(images.stdout.strip().splitlines()) == 2, "diagrams must be vector graphics, not images"


def ink(pgm: bytes) -> float:
    """Share of dark pixels in a binary PGM, leaving out the bottom 8% (the page number)."""
    parts = pgm.split(maxsplit=4)
    width, height, pixels = int(parts[1]), int(parts[2]), parts[4]
    body = pixels[: width * int(height * 0.92)]
    return sum(1 for value in body if value < 200) / len(body)


def test_every_reviewed_template_shows_its_date(handbook):
    text = " ".join(subprocess.run(["pdftotext", str(handbook), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    dated = [p for p in load_catalog(DOCS) if p.meta.get("reviewed")]
    assert dated, "no template carries a reviewed date"
    for page in dated:
        date = page.meta["reviewed"]
        # Right under the chapter's title: the handbook drops the cheat-sheet line, not this one.
        assert f"{page.title} Reviewed {date.day} {date:%B %Y} · what changed" in text, page.title


def test_every_page_carries_its_number(handbook, reader):
    text = subprocess.run(["pdftotext", "-layout", str(handbook), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = text.split("\f")[: len(reader.pages)]
    total = len(reader.pages)
    unnumbered = [i for i, t in enumerate(pages, 1) if f"{i} / {total}" not in t]
    assert unnumbered == []


def test_no_page_is_blank(handbook, reader, tmp_path):
    subprocess.run(["pdftoppm", "-r", "20", "-gray", str(handbook), str(tmp_path / "p")], check=True)
    pages = sorted(tmp_path.glob("p-*.pgm"))
    assert len(pages) == len(reader.pages)
    blank = [i + 1 for i, f in enumerate(pages) if ink(f.read_bytes()) < 0.002]
    assert blank == []


def test_blank_page_detection_sees_a_page_number_alone_as_blank(tmp_path):
    # A white A4 page at 20 dpi with a little grey "page number" at the foot.
    width, height = 165, 234
    pixels = bytearray([255] * width * height)
    for x in range(75, 90):
        for y in range(225, 230):
            pixels[y * width + x] = 0
    assert ink(b"P5\n%d %d\n255\n" % (width, height) + bytes(pixels)) == 0


def test_footer_link_downloads_the_handbook(base_url, new_page):
    page, watch = new_page()
    page.goto(base_url + "blueprints/" + CATALOG[0].src_uri.split("/")[-1].removesuffix(".md") + "/")
    link = page.locator(".bp-handbook-link a")
    with page.expect_download() as download:
        link.click()
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(b"%PDF") and len(PdfReader(io.BytesIO(data)).pages) > len(CATALOG)
    assert watch.outside == []


def test_no_page_inside_a_chapter_is_under_half_full(paper):
    # Allowed: the cover and contents, a chapter's last page, and a page the next one shows could
    # not take its first block (a code block or diagram taller than half a page, read off the paper).
    under = paper.underfilled()
    assert [u.page for u in under if not u.excuse] == [], "\n".join(str(u) for u in under)


def test_no_page_ends_with_a_heading(paper):
    stranded = [page for page in range(1, paper.pages + 1)
                if (lines := paper.lines(page)) and lines[-1].kind == "heading"]
    assert stranded == [], f"a heading is the last line of pages {stranded}"


def test_a_table_that_breaks_repeats_its_header_row(site, paper):
    # The routing table is the longest: it fills its chapter and runs over several pages.
    _, section = next(v for v in h2_sections(article(site, "")).values() if v[0] == "routing-table")
    first_header = html.unescape(re.sub(r"<[^>]+>", "", re.search(r"<th[^>]*>(.*?)</th>", section, re.S).group(1)))
    chapter = next(c for c in paper.chapters if "routing table" in c.title)
    assert chapter.last > chapter.first, "the routing table no longer needs a second page"
    for page in range(chapter.first + 1, chapter.last + 1):
        first = next(l for l in paper.lines(page) if l.kind != "heading")
        assert first.text.startswith(first_header.strip()), f"page {page} opens with {first.text[:60]!r}"


def test_fill_counts_light_ink_and_not_white():
    # Three rows: white, a code block's #f5f5f5 background, black text.
    row = 10
    pgm = b"P5\n%d 3\n255\n" % row + bytes([255] * row) + bytes([255] * 9 + [0xF5]) + bytes([0] * row)
    assert inked_rows(pgm) == [False, True, True]


def test_an_under_half_page_is_excused_only_by_a_tall_block_that_opens_the_next(base_url, new_page, tmp_path):
    """Printed by Chromium: pages left short by a tall code block, by a tall diagram, and by a
    forced break. Only the first two are allowed, and each for what it is."""
    page, _ = new_page()
    short = '<div style="height:350px;border-bottom:2px solid #000"></div>'  # 350 px: a third of a page
    tall = 700  # px, two thirds of a page: it cannot follow the third above
    code = "\n".join(f"step_{i} = {i}" for i in range(tall // 20))
    prose = "<p>" + " ".join(["A paragraph of ordinary prose fills the body font."] * 60) + "</p>"
    # On the site's origin, so the diagram font (a web font) may load.
    page.goto(base_url + "stylesheets/extra.css")
    page.set_content(f"""<!doctype html><html><head>
<link rel="stylesheet" href="{base_url}stylesheets/extra.css">
<style>h1 {{ break-before: page; margin: 0; }} pre, svg {{ break-inside: avoid; display: block; }}
pre {{ font: 16px/20px monospace; height: {tall}px; margin: 0; }}</style></head><body>
<h1>Code</h1>{short}<pre>{code}</pre>{prose}
<h1>Diagram</h1>{short}<svg width="600" height="{tall}" font-family="Blueprints Diagram" font-size="16">
<rect x="1" y="1" width="598" height="{tall - 2}" fill="none" stroke="#000"/><text x="20" y="40">Load balancer</text>
<text x="20" y="{tall - 40}">Database</text></svg>{prose}
<h1>Forced break</h1>{short}<p style="break-before:page">After the break.</p>{prose}
</body></html>""", wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    pdf = tmp_path / "short-pages.pdf"
    pdf.write_bytes(page.pdf(format="A4", outline=True, tagged=True,
                             margin={side: f"{mm}mm" for side, mm in MARGIN_MM.items()}))
    paper = Paper(pdf)
    under = {u.chapter: u for u in paper.underfilled() if u.page != paper.chapter(u.page).last}
    assert set(under) == {"Code", "Diagram", "Forced break"}, under
    assert "code" in under["Code"].excuse
    assert "diagram" in under["Diagram"].excuse
    assert under["Forced break"].excuse == ""
    assert all(u.fill < HALF for u in under.values())


@pytest.mark.parametrize("p", CATALOG, ids=lambda p: p.src_uri)
def test_cheat_sheet_prints_on_one_page_with_its_parts(base_url, new_page, p):
    page, watch = new_page()
    page.goto(base_url + "cheatsheets/" + p.src_uri.split("/")[-1].removesuffix(".md") + "/", wait_until="networkidle")
    article = page.locator("article")
    assert p.meta["core_challenge"].split()[0] in article.inner_text()
    assert article.locator("figure.diagram svg").count() == 1
    headings = article.locator("h2").all_inner_texts()
    assert [h.strip().rstrip("¶").strip() for h in headings] == ["Key figures", "Main diagram", "Top trade-offs"]
    # Cut from the template, not copied: its first trade-off decision is on the sheet.
    source = (DOCS / p.src_uri).read_text(encoding="utf-8")
    first_row = source[source.index("| Decision |"):].splitlines()[2]
    decision = first_row.strip("| ").split(" | ")[0].replace("`", "").replace("**", "")
    # textContent, not innerText: tables are laid out lazily (content-visibility) until scrolled to.
    assert decision in article.text_content()
    page.emulate_media(media="print")
    assert len(PdfReader(io.BytesIO(page.pdf(format="A4"))).pages) == 1
    assert watch.errors == [] and watch.outside == []
