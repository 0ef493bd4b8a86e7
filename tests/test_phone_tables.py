"""Tables on a phone (issue 16): at 390 px every table of every page of the built site fits the
screen (wide ones read as cards of labelled cells), the accessibility tree still holds tables,
and at desktop width and on paper tables stay tables.

The detector, `measure_tables`, is shown able to fail on the site as it was before the change
(commit 85b3dc1), built from this repository's history: there it finds the 39 template tables
that scrolled sideways."""
from __future__ import annotations

from pathlib import Path
import re
import subprocess
import tarfile
import time

import pytest

from blueprints.check import load_catalog
from phone_tables import MIN_COLUMNS, label_tables

from conftest import DOCS, PHONE, ROOT, mkdocs_build, serious_axe_violations, serve
from test_browser import page_url

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
TEMPLATES = [page_url(DOCS / p.src_uri) for p in load_catalog(DOCS)]
# A content table too wide for a phone's row: the ones that become cards.
WIDE = f"article table:not([class]):has(> thead > tr > th:nth-child({MIN_COLUMNS}))"

BEFORE_CARDS = "85b3dc1"  # the last commit before issue 16: template tables scrolled on a phone
OVERFLOWING_BEFORE = 39  # template tables that scrolled sideways at 390 px there

MEASURE = r"""() => {
  const viewport = document.documentElement.clientWidth;
  const tables = [...document.querySelectorAll("table:not([class])")];
  // Tables sit under content-visibility: auto; one the browser has not laid out yet (off
  // screen) reports no overflow at all. Lay every one out before measuring.
  for (const table of tables) {
    for (let el = table; el; el = el.parentElement) el.style.contentVisibility = "visible";
  }
  const text = (el) => el.textContent.replace(/\s+/g, " ").trim();
  // The label as drawn: the first string of the ::before content, unescaped.
  const shown = (cell) => {
    const m = getComputedStyle(cell, "::before").content.match(/^"((?:[^"\\]|\\.)*)"/);
    return m ? m[1].replace(/\\(.)/g, "$1") : null;
  };
  const problems = (table, heads) => {
    const found = [];
    const want = (el, role) => el.getAttribute("role") !== role && found.push(`${el.tagName} without role=${role}`);
    want(table, "table");
    table.querySelectorAll(":scope > :is(thead, tbody, tfoot)").forEach((group) => want(group, "rowgroup"));
    table.querySelectorAll(":scope > * > tr").forEach((row) => want(row, "row"));
    table.querySelectorAll(":scope > thead > tr > th").forEach((th) => want(th, "columnheader"));
    table.querySelectorAll(":scope > :is(tbody, tfoot) > tr").forEach((row) => {
      let column = 0;
      for (const cell of row.cells) {
        want(cell, cell.tagName === "TH" ? "rowheader" : "cell");
        const label = heads[column] || "";
        if (label && cell.getAttribute("data-label") !== label) found.push(`data-label "${cell.getAttribute("data-label")}", header "${label}"`);
        if (label && text(cell) && shown(cell) !== label) found.push(`cell under "${label}" shows label ${JSON.stringify(shown(cell))}`);
        column += cell.colSpan;
      }
    });
    return found;
  };
  return {
    documentScrolls: document.documentElement.scrollWidth > viewport + 1,
    tables: tables.map((table) => {
      const heads = [...table.querySelectorAll(":scope > thead > tr > th")].flatMap((th) => Array(th.colSpan).fill(text(th)));
      const boxes = [table, table.closest(".md-typeset__table"), table.closest(".md-typeset__scrollwrap")];
      const firstCell = table.querySelector(":scope > tbody > tr > td[data-label]");
      return {
        header: heads.find(Boolean) || text(table).slice(0, 40),
        columns: heads.length,
        overflows: boxes.some((el) => el && el.scrollWidth > el.clientWidth + 1)
          || table.getBoundingClientRect().right > viewport + 1,
        display: getComputedStyle(table).display,
        labelShown: firstCell ? shown(firstCell) : null,
        problems: heads.length >= %d ? problems(table, heads) : [],
      };
    }),
  };
}""" % MIN_COLUMNS


def measure_tables(page) -> dict:
    """Every content table on the page, laid out first: whether it scrolls sideways (it, its
    Material wrappers, or its right edge past the viewport), its first header, its display, the
    label its first body cell shows, and what is missing from its roles and labels."""
    return page.evaluate(MEASURE)


def overflowing(found: dict, url: str) -> list[str]:
    """The tables of a measured page that scroll sideways, named by page and first header."""
    return [f"{url}: table '{t['header']}'" for t in found["tables"] if t["overflows"]]


def site_pages(site: Path, base_url: str) -> list[str]:
    """Every page the site publishes, as its sitemap lists them, relative to base_url."""
    locs = re.findall(r"<loc>(.*?)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    assert locs and all(loc.startswith(base_url) for loc in locs), locs[:3]
    return [loc.removeprefix(base_url) for loc in locs]


def open_page(page, url: str) -> None:
    page.goto(url, wait_until="load")
    # Material wraps each table in its scroll wrapper when its script has run; measure after.
    page.wait_for_function("""() => [...document.querySelectorAll("article table:not([class])")]
        .every((t) => t.parentElement.classList.contains("md-typeset__table"))""")


def reveal_every_step(page) -> None:
    """A rehearsal keeps each step's section, tables included, out of the page until revealed."""
    page.evaluate("""() => document.querySelectorAll("[data-bp-reveal]").forEach((b) => b.click())""")


def content_tables_in(html_file: Path) -> int:
    # Tables inside a rehearsal's <template> count too: every step is revealed before measuring.
    return len(re.findall(r"<table(?![^>]*\sclass=)[\s>]", html_file.read_text(encoding="utf-8")))


def test_no_table_scrolls_sideways_on_a_phone_on_any_page(site, base_url, new_page):
    pages = site_pages(site, base_url)
    assert set(TEMPLATES) <= set(pages), "every template page is in the sitemap"
    page, watch = new_page(**PHONE)
    offenders, not_cards, problems, scrolling, measured = [], [], [], [], 0
    for url in pages:
        open_page(page, base_url + url)
        reveal_every_step(page)
        found = measure_tables(page)
        expected = content_tables_in(site / url / "index.html")
        assert len(found["tables"]) == expected, f"{url}: measured {len(found['tables'])} of {expected} tables"
        measured += expected
        offenders += overflowing(found, url)
        not_cards += [f"{url}: '{t['header']}' is {t['display']}" for t in found["tables"]
                      if t["columns"] >= MIN_COLUMNS and t["display"] != "block"]
        problems += [f"{url}: '{t['header']}': {p}" for t in found["tables"] for p in t["problems"][:3]]
        if found["documentScrolls"]:
            scrolling.append(url)
    assert measured > 0 and any(url.startswith("rehearse/") for url in pages)
    assert offenders == [], f"{len(offenders)} tables scroll sideways at 390 px: {offenders}"
    assert scrolling == [], f"pages that scroll sideways at 390 px: {scrolling}"
    assert not_cards == [], f"tables of {MIN_COLUMNS}+ columns not laid out as cards: {not_cards}"
    assert problems == [], problems[:20]
    assert watch.errors == [] and watch.outside == []


def first_template_with_wide_table(page, base_url) -> str:
    for url in TEMPLATES:
        open_page(page, base_url + url)
        if page.locator(WIDE).count():
            return url
    pytest.fail("no template has a table of three or more columns")


def test_a_phone_table_is_still_a_table_in_the_accessibility_tree(base_url, new_page):
    page, _ = new_page(**PHONE)
    first_template_with_wide_table(page, base_url)
    tables = page.locator("article table:not([class])")
    assert page.locator("article").get_by_role("table").count() == tables.count() > 0
    card = page.locator(WIDE).first
    card.scroll_into_view_if_needed()
    assert card.evaluate("t => getComputedStyle(t).display") == "block", "laid out as cards"
    tree = card.aria_snapshot()
    assert tree.startswith("- table"), tree[:200]
    for role in ("rowgroup", "row", "columnheader", "cell"):
        assert f"- {role}" in tree, f"no {role} in {tree[:400]}"
    # The label drawn above a value is not read out as part of it: the column header says it.
    cell = card.locator("tbody td[data-label]").first
    value = " ".join(cell.text_content().split())
    label = cell.get_attribute("data-label")
    assert f'- cell "{value}"' in tree and f'- cell "{label} {value}"' not in tree, (label, value, tree[:600])


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_serious_on_a_phone(base_url, new_page, scheme):
    page, _ = new_page(color_scheme=scheme, **PHONE)
    url = first_template_with_wide_table(page, base_url)
    page.goto(base_url + url, wait_until="networkidle")
    serious = serious_axe_violations(page)
    assert serious == [], serious


LAYOUT = """(wide) => [...document.querySelectorAll(wide)].map((table) => {
  const row = table.querySelector(":scope > tbody > tr");
  const shown = (el) => el && [getComputedStyle(el).display, Math.round(el.getBoundingClientRect().width)];
  return { table: shown(table), head: shown(table.tHead), row: shown(row), cell: shown(row && row.cells[0]),
           label: row ? getComputedStyle(row.cells[0], "::before").content : null };
})"""
SHEET = """(off) => [...document.styleSheets].filter((s) => s.href && s.href.endsWith("/phone-tables.css"))
  .map((s) => { s.disabled = off; return s.href; }).length"""


@pytest.mark.parametrize("medium", ["desktop", "print"])
def test_tables_stay_tables_at_desktop_width_and_on_paper(base_url, new_page, medium):
    """Material's own table layout, unchanged: the same with the phone stylesheet as without."""
    # On paper even a phone prints a table: print is measured at the phone's width.
    page, _ = new_page(**(DESKTOP if medium == "desktop" else PHONE))
    url = first_template_with_wide_table(page, base_url)
    if medium == "print":
        page.emulate_media(media="print")
    measure_tables(page)  # lays every table out
    with_sheet = page.evaluate(LAYOUT, WIDE)
    assert page.evaluate(SHEET, True) == 1, "phone-tables.css is linked once"
    without_sheet = page.evaluate(LAYOUT, WIDE)
    page.evaluate(SHEET, False)
    assert with_sheet and with_sheet == without_sheet, f"{url} in {medium}"
    for table in with_sheet:
        assert table["row"][0] == "table-row" and table["head"][0] == "table-header-group", table
        assert table["label"] in ("none", "normal"), f"no card label in {medium}: {table}"
    if medium == "print":
        assert {t["table"][0] for t in with_sheet} == {"table"}


def test_labels_are_the_header_text_escaped_and_nothing_else_changes():
    page = ('<p>a <b>b</b></p>\n<table>\n<thead>\n<tr>\n<th>Cost &amp; <code>p&lt;99</code></th>\n'
            '<th align="right">"Q" <em>per</em> day</th>\n<th></th>\n</tr>\n</thead>\n<tbody>\n'
            '<tr>\n<td>1</td>\n<td align="right">2</td>\n<td>3</td>\n</tr>\n'
            '<tr><th>r</th><td colspan="2">w</td></tr>\n</tbody>\n</table>\n'
            '<table class="highlighttable"><tr><td>1</td><td>2</td><td>3</td></tr></table>\n'
            '<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>')
    out = label_tables(page)
    assert '<td role="cell" data-label="Cost &amp; p&lt;99">1</td>' in out
    assert '<td align="right" role="cell" data-label="&quot;Q&quot; per day">2</td>' in out
    assert "<td role=\"cell\">3</td>" in out, "an empty header gives no label"
    assert '<th role="rowheader" data-label="Cost &amp; p&lt;99">r</th>' in out
    assert '<td colspan="2" role="cell" data-label="&quot;Q&quot; per day">w</td>' in out
    assert out.count('role="columnheader"') == 3 and out.count('role="table"') == 1
    # Only attributes were added: taking them out gives back the page byte for byte.
    assert re.sub(r' (role|data-label)="[^"]*"', "", out) == page


def archive_of(commit: str, into: Path) -> Path:
    """The project as it was at commit, from this clone's history."""
    found = subprocess.run(["git", "-C", str(ROOT), "cat-file", "-e", f"{commit}^{{commit}}"], capture_output=True)
    if found.returncode != 0:
        pytest.fail(f"commit {commit} is not in this clone's history; this test needs a full clone "
                    f"(git fetch --unshallow)")
    into.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit], capture_output=True, check=True)
    tar = into.parent / "project.tar"
    tar.write_bytes(archive.stdout)
    with tarfile.open(tar) as t:
        t.extractall(into, filter="data")
    return into


def test_the_detector_finds_the_39_tables_that_scrolled_before_the_cards(tmp_path, new_page):
    started = time.monotonic()
    project = archive_of(BEFORE_CARDS, tmp_path / "project")
    with serve(tmp_path / "site") as url:
        # Its own diagram cache: diagrams of the old pages stay out of the real one.
        result = mkdocs_build(project, tmp_path / "site", site_url=url + "/", diagram_cache=tmp_path / "cache")
        assert result.returncode == 0, result.stderr[-3000:]
        base = url + "/"
        templates = [u for u in site_pages(tmp_path / "site", base) if u.startswith("blueprints/")]
        page, _ = new_page(**PHONE)
        found = []
        for template in templates:
            open_page(page, base + template)
            found += overflowing(measure_tables(page), template)
    assert len(found) == OVERFLOWING_BEFORE, f"{len(found)} in {len(templates)} templates: {found}"
    print(f"{BEFORE_CARDS}: {len(found)} overflowing tables, {time.monotonic() - started:.0f} s")
