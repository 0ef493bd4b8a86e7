"""The built site in Debian's Chromium, served on 127.0.0.1: what a reader sees and what the
browser fetches. Diagrams are drawn at build time, so each Mermaid fence must arrive as an inline
SVG of real size whose labels are text, with no diagram script on the page."""
from __future__ import annotations

from pathlib import Path
import re

import pytest

from blueprints.check import load_catalog
from families import practised
from families.cheatsheets import cheatsheet_markdown, cheatsheet_uri
from families.interviewer import kit_uri
from families.rehearse import rehearse_uri
from blueprints.page import body_outline

from conftest import DOCS, PHONE, ROOT, at_first_paragraph, mkdocs_build, serve
from diagram_labels import expected_labels


def page_url(src: Path) -> str:
    uri = src.relative_to(DOCS).as_posix()
    if uri == "index.md":
        return ""
    # "crawl-and-index.md" is a page of its own, not the index of a folder "crawl-and-".
    return uri.removesuffix("/index.md") + "/" if uri.endswith("/index.md") else uri.removesuffix(".md") + "/"


# Every page with the Mermaid fences in its source. products/ is generated at build time.
FENCES = {page_url(src): [d.source for d in body_outline(src.read_text(encoding="utf-8"))[1]]
          for src in sorted(DOCS.rglob("*.md"))}
FENCES["products/"] = []
# Cheat sheets are generated from their templates at build time, each with one diagram.
for _page in load_catalog(DOCS):
    _sheet = cheatsheet_markdown(_page, DOCS / _page.src_uri)
    FENCES[cheatsheet_uri(_page).removesuffix(".md") + "/"] = [d.source for d in body_outline(_sheet)[1]]
# Practice pages are generated too, every one from the same code: one rehearsal and one kit stand
# for the rest (test_practice.py runs every kit and a fully revealed rehearsal). A rehearsal's
# diagrams stay inert until a step is revealed.
FENCES["practice/"] = []
FENCES["flashcards/"] = []
_PRACTICE = [(rehearse_uri(p).removesuffix(".md") + "/", kit_uri(p).removesuffix(".md") + "/")
             for p in practised(load_catalog(DOCS))]
for _pages in _PRACTICE[:1]:
    FENCES.update({url: [] for url in _pages})
# The other rehearsals and kits, built by the same code, stand behind the first.
REPRESENTED = {url for _pages in _PRACTICE[1:] for url in _pages}
DIAGRAMS = {url: len(sources) for url, sources in FENCES.items()}
WITH_DIAGRAMS = sorted(url for url, count in DIAGRAMS.items() if count)

FIGURES = """() => [...document.querySelectorAll("article figure.diagram > svg")].map((svg) => {
  const box = svg.getBoundingClientRect();
  const title = document.getElementById(svg.getAttribute("aria-labelledby") || "-");
  const desc = document.getElementById(svg.getAttribute("aria-describedby") || "-");
  return { width: box.width, height: box.height, text: svg.textContent.replace(/\\s+/g, " "),
           name: title ? title.textContent : "", description: desc ? desc.textContent : "" };
})"""


def figures(page) -> list[dict]:
    return page.evaluate(FIGURES)


def assert_drawn(found: list[dict], count: int):
    assert len(found) == count, f"expected {count} diagrams, found {len(found)}"
    for i, figure in enumerate(found):
        assert figure["width"] > 80 and figure["height"] > 40, f"diagram {i + 1} is {figure}"


def test_every_built_page_is_tested(site):
    built = {str(p.parent.relative_to(site).as_posix()) + "/" for p in site.rglob("index.html")}
    built = {"" if u == "./" else u for u in built} - {"search/"}
    assert built == set(DIAGRAMS) | REPRESENTED


@pytest.mark.parametrize("url", sorted(DIAGRAMS))
def test_page_loads_cleanly_with_every_fence_drawn_and_labelled(base_url, new_page, url):
    page, watch = new_page()
    page.goto(base_url + url, wait_until="networkidle")
    found = figures(page)
    assert_drawn(found, DIAGRAMS[url])
    for i, (figure, source) in enumerate(zip(found, FENCES[url])):
        missing = [label for label in expected_labels(source) if label not in figure["text"]]
        assert not missing, f"diagram {i + 1}: labels not present as text: {missing}"
        assert figure["name"].strip() and figure["description"].strip(), f"diagram {i + 1} has no accessible name"
    assert page.locator("pre.mermaid, div.mermaid").count() == 0, "Mermaid source left on the page"
    scripts = page.evaluate("[...document.scripts].map((s) => s.src + s.textContent.slice(0, 200))")
    assert not [s for s in scripts if "mermaid" in s.lower()], "published pages carry no diagram script"
    assert watch.errors == []
    assert watch.failed == []
    assert watch.outside == [], "requests left 127.0.0.1"
    assert not [u for u in watch.requested if "mermaid" in u]


def test_diagram_labels_use_the_font_they_were_measured_with(base_url, new_page):
    page, _ = new_page()
    page.goto(base_url + WITH_DIAGRAMS[0], wait_until="networkidle")
    # Diagrams are styled only as they near the viewport (content-visibility), and the font is
    # fetched only then.
    page.locator("article figure.diagram").first.scroll_into_view_if_needed()
    assert page.evaluate("""async () => { await document.fonts.load('16px "Blueprints Diagram"');
        return document.fonts.check('16px "Blueprints Diagram"'); }""")
    families = page.evaluate("""() => [...document.querySelectorAll(
        "article figure.diagram .nodeLabel, article figure.diagram text")].map((e) => getComputedStyle(e).fontFamily)""")
    assert families and all(f.startswith('"Blueprints Diagram"') for f in families), set(families)


def test_no_element_id_repeats_on_any_page(site):
    for html_file in site.rglob("*.html"):
        ids = re.findall(r'\sid="([^"]+)"', html_file.read_text(encoding="utf-8"))
        repeated = {i for i in ids if ids.count(i) > 1}
        assert not repeated, f"{html_file}: duplicate ids {sorted(repeated)[:5]}"


def test_the_published_site_ships_no_mermaid_library(site):
    assert not list(site.rglob("mermaid*.js"))


def test_diagrams_render_after_instant_navigation_from_a_page_without_any(base_url, new_page):
    target = WITH_DIAGRAMS[0]
    page, watch = new_page()
    page.goto(base_url, wait_until="networkidle")
    assert figures(page) == []
    page.evaluate("window.__sameDocument = true")
    page.locator(f'nav.md-nav--primary a.md-nav__link[href$="/{target}"]').first.click()
    page.wait_for_url(base_url + target)
    page.wait_for_selector("article figure.diagram > svg")
    assert_drawn(figures(page), DIAGRAMS[target])
    assert page.evaluate("window.__sameDocument === true"), "expected Material's instant navigation"
    assert watch.outside == [] and watch.errors == []


def scheme(page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


@pytest.mark.parametrize("system, expected", [("dark", "slate"), ("light", "default")])
def test_a_first_visit_is_drawn_in_the_system_scheme_from_the_start(base_url, new_page, system, expected):
    page, _ = new_page(color_scheme=system)
    page.add_init_script(at_first_paragraph("document.body.getAttribute('data-md-color-scheme')"))
    page.goto(base_url + WITH_DIAGRAMS[0], wait_until="load")
    assert page.evaluate("window.__atFirstParagraph") == expected
    assert scheme(page) == expected


@pytest.mark.parametrize("url", WITH_DIAGRAMS)
def test_diagrams_follow_the_dark_scheme_and_the_toggle(base_url, new_page, url):
    page, watch = new_page(color_scheme="dark")
    page.goto(base_url + url, wait_until="networkidle")
    assert scheme(page) == "slate"
    assert_drawn(figures(page), DIAGRAMS[url])
    dark_figures = figures(page)
    first = page.locator("article figure.diagram").first
    first.scroll_into_view_if_needed()
    dark, dark_fill = first.screenshot(), node_fill(page)

    # The toggle cycles automatic -> light -> dark; click until the light scheme is on.
    for _ in range(3):
        if scheme(page) == "default":
            break
        page.locator("form[data-md-component=palette] label.md-header__button:visible").first.click()
    assert scheme(page) == "default"
    light, light_fill = first.screenshot(), node_fill(page)
    assert light != dark and light_fill > dark_fill, (light_fill, dark_fill)
    # Sizes are not compared: off-screen figures are laid out lazily (content-visibility).
    words = lambda found: [(f["name"], f["text"]) for f in found]  # noqa: E731
    assert words(figures(page)) == words(dark_figures), "every diagram is drawn, with its words, in both schemes"
    assert watch.outside == [] and watch.errors == []


# Node fills are translucent in Material's palette, so what the reader sees is the fill laid over
# the page background: return both.
NODE_FILL = """() => {
  const shape = document.querySelector("article figure.diagram svg .node rect, article figure.diagram svg .node path, article figure.diagram svg rect.actor");
  return [getComputedStyle(shape).fill, getComputedStyle(document.body).backgroundColor];
}"""
BACKGROUND = "() => getComputedStyle(document.body).backgroundColor"


def node_fill(page) -> float:
    """Luminance of the first node's fill as seen on the page."""
    fill, background = page.evaluate(NODE_FILL)
    return luminance(fill, on=background)


def luminance(css_colour: str, on: str = "rgb(255, 255, 255)") -> float:
    """Relative luminance of an rgb()/rgba() colour, composited on `on` if translucent."""
    parts = [float(x) for x in re.findall(r"[\d.]+", css_colour)]
    under = [float(x) for x in re.findall(r"[\d.]+", on)][:3]
    r, g, b = parts[:3]
    a = parts[3] if len(parts) > 3 else 1.0
    r, g, b = (c * a + u * (1 - a) for c, u in zip((r, g, b), under))
    lin = [(c / 255 / 12.92) if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def test_diagrams_print_light_and_whole_even_from_the_dark_scheme(base_url, new_page):
    url = WITH_DIAGRAMS[0]
    page, _ = new_page(color_scheme="dark", viewport={"width": 800, "height": 1000})
    page.goto(base_url + url, wait_until="networkidle")
    screen_fill = node_fill(page)
    page.emulate_media(media="print")
    assert page.locator("nav.md-nav--primary").first.is_hidden(), "print hides the navigation"
    assert luminance(page.evaluate(BACKGROUND)) > 0.9, "Material prints the light scheme"
    assert node_fill(page) > screen_fill, "diagram kept its dark colours on paper"
    article = page.locator("article").bounding_box()
    for figure in figures(page):
        assert 0 < figure["width"] <= article["width"] + 1, "a printed diagram must fit the page width"
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def test_a_wide_diagram_scrolls_on_a_phone_instead_of_shrinking(base_url, new_page):
    page, _ = new_page(**PHONE)
    widest = None
    for url in WITH_DIAGRAMS:
        page.goto(base_url + url, wait_until="networkidle")
        sizes = page.evaluate("""() => [...document.querySelectorAll("article figure.diagram")].map((f) => ({
            shown: f.querySelector("svg").getBoundingClientRect().width, frame: f.clientWidth,
            scroll: f.scrollWidth, drawn: f.querySelector("svg").viewBox.baseVal.width }))""")
        for size in sizes:
            assert size["shown"] >= 0.75 * size["drawn"] - 1, f"{url}: diagram shrunk below 75%: {size}"
            if size["drawn"] * 0.75 > size["frame"] + 1:
                assert size["scroll"] > size["frame"], f"{url}: a wide diagram must scroll: {size}"
                widest = size
    assert widest, "expected at least one diagram wider than a phone"


@pytest.fixture(scope="module")
def sub_path_url(tmp_path_factory):
    """The site published under /blueprints/ on a host whose root holds something else, built as
    the README says to publish it: with SITE_URL set to the public address."""
    root = tmp_path_factory.mktemp("host")
    # Like GitHub Pages or Netlify, the host answers a missing path with the site's 404 page.
    with serve(root, not_found="blueprints/404.html") as url:
        result = mkdocs_build(ROOT, root / "blueprints", site_url=url + "/blueprints/")
        assert result.returncode == 0, result.stderr
        yield url + "/blueprints/"


def test_site_works_from_a_sub_path(sub_path_url, new_page):
    page, watch = new_page()
    page.goto(sub_path_url, wait_until="networkidle")
    assert page.locator("table a[href*='/blueprints/blueprints/']").count() >= 1, "the routing table links templates"
    page.evaluate("window.__sameDocument = true")
    page.locator(f'nav.md-nav--primary a.md-nav__link[href$="/{WITH_DIAGRAMS[0]}"]').first.click()
    page.wait_for_url(sub_path_url + WITH_DIAGRAMS[0])
    page.wait_for_selector("article figure.diagram > svg")
    assert_drawn(figures(page), DIAGRAMS[WITH_DIAGRAMS[0]])
    assert page.evaluate("window.__sameDocument === true"), "expected Material's instant navigation"
    page.goto(sub_path_url + "products/", wait_until="networkidle")
    assert page.locator("article a[href*='/blueprints/blueprints/']").count() >= 6
    # Search loads its index and worker by relative URL too.
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("websocket", delay=30)
    page.wait_for_selector(".md-search-result__item", timeout=30_000)
    assert watch.failed == [] and watch.errors == [] and watch.outside == []
    assert all(re.match(r"http://127\.0\.0\.1:\d+/blueprints/", u) for u in watch.requested)


def test_the_404_page_works_under_a_sub_path(sub_path_url, new_page):
    page, watch = new_page()
    response = page.goto(sub_path_url + "no/such/page/", wait_until="networkidle")
    assert response.status == 404
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky", \
        "the 404 page's stylesheets load from a nested missing path"
    assert "404" in page.locator("article").inner_text()
    page.locator("a.md-header__button.md-logo").click()
    page.wait_for_load_state("networkidle")
    assert page.url == sub_path_url
    assert [u for u in watch.failed if not u.endswith("/no/such/page/ (404)")] == []
    # Chromium logs the page's own 404 status as a console error; nothing else may fail.
    assert [e for e in watch.errors if "status of 404" not in e] == []
    assert watch.outside == []


PRINT_LAYOUT = """() => {
  const article = document.querySelector("article").getBoundingClientRect();
  const wide = [...document.querySelectorAll("article table, article figure.diagram svg, article pre")]
    .filter((el) => el.getBoundingClientRect().width > article.width + 1).map((el) => el.outerHTML.slice(0, 80));
  const clipped = [...document.querySelectorAll("article .md-typeset__scrollwrap, article .md-typeset__table")]
    .filter((el) => el.scrollWidth > el.clientWidth + 1).length;
  const whole = (sel) => [...document.querySelectorAll(sel)].every((el) => getComputedStyle(el).breakInside === "avoid");
  const external = document.querySelector("article p a[href^='http']");
  return { wide, clipped, figures: whole("article figure.diagram"), rows: whole("article tr"),
           linkShown: external ? getComputedStyle(external, "::after").content.includes("http") : null };
}"""


@pytest.mark.parametrize("url", [u for u in WITH_DIAGRAMS if u.startswith("blueprints/")])
def test_a_template_prints_whole_tables_and_diagrams_and_shows_where_links_go(base_url, new_page, url):
    page, _ = new_page(viewport={"width": 800, "height": 1000})
    page.goto(base_url + url, wait_until="networkidle")
    page.emulate_media(media="print")
    layout = page.evaluate(PRINT_LAYOUT)
    assert layout["wide"] == [] and layout["clipped"] == 0, "nothing is cut at the page edge"
    assert layout["figures"] and layout["rows"], "diagrams and table rows are never split across pages"
    assert layout["linkShown"] in (True, None), "an external link prints its address"
    assert page.locator("nav.md-nav--primary, .md-header, .md-footer").evaluate_all(
        "els => els.every((el) => !el.checkVisibility())"), "no navigation on paper"
