"""`make offline`: the zip, unpacked, opened from file:// in Chromium with every request that is not
a file:// one refused. Pages, diagrams, search, the question router and the 404 page must work."""
from __future__ import annotations

from conftest import DOCS
from test_browser import DIAGRAMS


def test_pages_and_diagrams_work_from_disk(unpacked, disk_page):
    page, refused, errors = disk_page
    template = next(url for url, count in sorted(DIAGRAMS.items()) if url.startswith("blueprints/") and count)
    page.goto((unpacked / "index.html").as_uri())
    page.locator("nav.md-nav--primary a[href$='" + template.rstrip("/") + ".html']").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(template.rstrip("/") + ".html")
    figures = page.locator("article figure.diagram > svg")
    assert figures.count() == DIAGRAMS[template]
    assert figures.first.bounding_box()["height"] > 40
    stylesheet_ok = page.evaluate("getComputedStyle(document.querySelector('.md-header')).position")
    assert stylesheet_ok == "sticky", "Material's stylesheet did not load from disk"
    assert refused == [] and errors == []


def test_search_works_from_disk(unpacked, disk_page):
    from blueprints.check import load_catalog

    page, refused, errors = disk_page
    first = load_catalog(DOCS)[0]
    product = first.meta["products"][0]
    page.goto((unpacked / "index.html").as_uri())
    page.keyboard.press("/")
    page.locator("input[data-md-component=search-query]").press_sequentially(product)
    result = page.locator(".md-search-result__link").first
    result.wait_for(timeout=15_000)
    assert (first.src_uri.removesuffix(".md") + ".html") in result.get_attribute("href")
    assert refused == [] and errors == []


def test_question_router_works_from_disk(unpacked, disk_page):
    page, refused, errors = disk_page
    page.goto((unpacked / "index.html").as_uri() + "?q=" + "design%20a%20url%20shortener")
    link = page.locator(".bp-router__result a").first
    link.wait_for()
    link.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("blueprints/url-shortener.html")
    assert refused == [] and errors == []


def test_404_page_is_styled_and_links_home_from_disk(unpacked, disk_page):
    page, refused, errors = disk_page
    page.goto((unpacked / "404.html").as_uri())
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    page.locator("a.md-header__button.md-logo").click()
    page.wait_for_load_state("load")
    assert page.url == (unpacked / "index.html").as_uri()
    assert refused == [] and errors == []


def test_a_rehearsal_runs_from_disk(unpacked, disk_page):
    from blueprints.check import load_catalog
    from families import practised
    from families.rehearse import slug

    page, refused, errors = disk_page
    template = slug(practised(load_catalog(DOCS))[0])
    page.clock.install()
    page.goto((unpacked / "rehearse" / f"{template}.html").as_uri())
    page.get_by_role("button", name="Start the clock").click()
    page.clock.run_for(70_000)
    assert page.locator("[data-bp-now]").inner_text().startswith("Step 2 of 6")
    page.get_by_label("Your answer for Recognize the Pattern").fill("read from disk")
    page.get_by_role("button", name="Reveal High-Level Design").click()
    assert page.locator("#bp-reveal-4 figure.diagram svg").count() >= 1
    link = page.locator("#bp-reveal-4 a[href$='.html']").first
    if link.count():
        assert (unpacked / "rehearse" / link.get_attribute("href").split("#")[0]).resolve().exists()
    page.locator("#bp-reveal-4 [data-bp-tick]").first.check()
    page.get_by_role("button", name="Finish and score").click()
    assert "1 of" in page.locator("[data-bp-scores]").inner_text()
    page.reload()
    assert "read from disk" not in page.locator("[data-bp-history]").inner_text()
    assert page.locator("[data-bp-history] li").count() == 1
    assert refused == [] and errors == []


def test_flashcards_review_from_disk(unpacked, disk_page):
    page, refused, errors = disk_page
    page.clock.install()
    page.goto((unpacked / "flashcards" / "index.html").as_uri())
    page.locator("[data-bp-front]").wait_for()
    front = page.locator("[data-bp-front]").inner_text()
    page.keyboard.press("Space")
    assert page.locator("[data-bp-back]").is_visible()
    page.keyboard.press("3")
    assert page.locator("[data-bp-front]").inner_text() != front
    page.reload()
    assert page.evaluate("Object.keys(JSON.parse(localStorage.getItem('sdb.cards.state'))).length") == 1
    href = page.locator("[data-bp-source]").get_attribute("href")
    assert href.split("#")[0].endswith(".html")
    assert (unpacked / "flashcards" / href.split("#")[0]).resolve().exists()
    assert (unpacked / "flashcards" / "system-design-blueprints.apkg").exists()
    assert refused == [] and errors == []
