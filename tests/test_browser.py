"""The built site in Debian's Chromium, served on 127.0.0.1: what a reader sees and what the
browser fetches. Diagrams are drawn by Material into closed shadow roots, so a rendered diagram
is a `div.mermaid` element of real size, and its look is compared by screenshot."""
from __future__ import annotations

from pathlib import Path
import re

import pytest

from blueprints.page import outline

from conftest import DOCS, ROOT, mkdocs_build, serve

RENDER_TIMEOUT = 30_000


def page_url(src: Path) -> str:
    uri = src.relative_to(DOCS).as_posix()
    return "" if uri == "index.md" else uri.removesuffix("index.md").removesuffix(".md") + "/"


# Every page with the number of Mermaid fences in its source. products/ is generated at build time.
DIAGRAMS = {page_url(src): len(outline(src.read_text(encoding="utf-8"))[1]) for src in sorted(DOCS.rglob("*.md"))}
DIAGRAMS["products/"] = 0
WITH_DIAGRAMS = sorted(url for url, count in DIAGRAMS.items() if count)


def wait_for_diagrams(page, count: int) -> list[dict]:
    page.wait_for_function(f"document.querySelectorAll('div.mermaid').length === {count}",
                           timeout=RENDER_TIMEOUT)
    # Every <pre class="mermaid"> became a drawn diagram; none is left as source text.
    assert page.locator("pre.mermaid").count() == 0
    return [page.locator("div.mermaid").nth(i).bounding_box() for i in range(count)]


def assert_drawn(boxes: list[dict]):
    for i, box in enumerate(boxes):
        assert box and box["width"] > 80 and box["height"] > 40, f"diagram {i + 1} is {box}"


def test_every_built_page_is_tested(site):
    built = {str(p.parent.relative_to(site).as_posix()) + "/" for p in site.rglob("index.html")}
    built = {"" if u == "./" else u for u in built} - {"search/"}
    assert built == set(DIAGRAMS)


@pytest.mark.parametrize("url", sorted(DIAGRAMS))
def test_page_loads_cleanly_and_renders_every_fence(base_url, new_page, url):
    page, watch = new_page()
    page.goto(base_url + url, wait_until="networkidle")
    expected = DIAGRAMS[url]
    if expected:
        assert_drawn(wait_for_diagrams(page, expected))
    else:
        assert page.locator(".mermaid").count() == 0
    page.wait_for_load_state("networkidle")
    assert watch.errors == []
    assert watch.failed == []
    assert watch.outside == [], "requests left 127.0.0.1"


def test_diagrams_render_after_instant_navigation_from_a_page_without_any(base_url, new_page):
    target = WITH_DIAGRAMS[0]
    page, watch = new_page()
    page.goto(base_url, wait_until="networkidle")
    assert page.locator(".mermaid").count() == 0
    page.evaluate("window.__sameDocument = true")
    page.locator(f'nav.md-nav--primary a.md-nav__link[href$="/{target}"]').first.click()
    page.wait_for_url(base_url + target)
    assert_drawn(wait_for_diagrams(page, DIAGRAMS[target]))
    assert page.evaluate("window.__sameDocument === true"), "expected Material's instant navigation"
    assert watch.outside == [] and watch.errors == []


def scheme(page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def test_diagrams_render_in_dark_scheme_and_recolour_on_toggle(base_url, new_page):
    url = WITH_DIAGRAMS[0]
    page, watch = new_page(color_scheme="dark")
    page.goto(base_url + url, wait_until="networkidle")
    assert scheme(page) == "slate"
    assert_drawn(wait_for_diagrams(page, DIAGRAMS[url]))
    first = page.locator("div.mermaid").first
    first.scroll_into_view_if_needed()
    dark = first.screenshot()

    # The toggle cycles automatic -> light -> dark; click until the light scheme is on.
    for _ in range(3):
        if scheme(page) == "default":
            break
        page.locator("form[data-md-component=palette] label.md-header__button:visible").first.click()
    assert scheme(page) == "default"
    assert_drawn(wait_for_diagrams(page, DIAGRAMS[url]))
    page.wait_for_timeout(500)  # the redraw replaces the shadow content after the element exists
    light = first.screenshot()
    assert light != dark, "the diagram kept its dark colours after switching to light"
    assert watch.outside == [] and watch.errors == []


def test_diagrams_are_drawn_on_print(base_url, new_page):
    url = WITH_DIAGRAMS[0]
    page, _ = new_page(color_scheme="dark")
    page.goto(base_url + url, wait_until="networkidle")
    wait_for_diagrams(page, DIAGRAMS[url])
    page.emulate_media(media="print")
    assert_drawn([page.locator("div.mermaid").nth(i).bounding_box() for i in range(DIAGRAMS[url])])
    assert page.locator("nav.md-nav--primary").first.is_hidden(), "print hides the navigation"
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


@pytest.fixture(scope="module")
def sub_path_url(tmp_path_factory):
    """The site published under /blueprints/ on a host whose root holds something else, built as
    the README says to publish it: with SITE_URL set to the public address."""
    root = tmp_path_factory.mktemp("host")
    with serve(root) as url:
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
    assert_drawn(wait_for_diagrams(page, DIAGRAMS[WITH_DIAGRAMS[0]]))
    assert page.evaluate("window.__sameDocument === true"), "expected Material's instant navigation"
    page.goto(sub_path_url + "products/", wait_until="networkidle")
    assert page.locator("article a[href*='/blueprints/blueprints/']").count() >= 6
    # Search loads its index and worker by relative URL too.
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("websocket", delay=30)
    page.wait_for_selector(".md-search-result__item", timeout=RENDER_TIMEOUT)
    assert watch.failed == [] and watch.errors == [] and watch.outside == []
    assert all(re.match(r"http://127\.0\.0\.1:\d+/blueprints/", u) for u in watch.requested)
