"""What a page's start-up leaves alone, and that each part still works when the reader reaches it.

On a phone, Material's start-up reads the layout several times, and each read styled and laid out
everything rendered. Two things were rendered for nobody: the navigation drawer while closed, and
code blocks below the screen (Material set each one up, reading the layout once per block). These
tests hold both out of the start-up and prove the drawer, the contents in it and the copy buttons
still work once reached. Their cost is measured by `make bench`, not here.
"""
from urllib.parse import urlparse

import pytest

from code_blocks import focusable_code_blocks

from conftest import PHONE as PHONE_SIZE, at_first_paragraph

PHONE = {**PHONE_SIZE, "has_touch": True}  # the drawer and copy buttons on a touch phone
TEMPLATE = "blueprints/social-feed/"

DRAWER_LINKS = ".md-sidebar--primary a.md-nav__link"
SCROLLWRAP = ".md-sidebar--primary .md-sidebar__scrollwrap"


def rendered(page, selector: str) -> list[bool]:
    return page.eval_on_selector_all(selector, "els => els.map(el => el.checkVisibility())")


def test_the_closed_drawer_is_not_rendered_and_opens_whole(base_url, new_page):
    page, watch = new_page(**PHONE)
    page.goto(base_url + TEMPLATE)
    links = rendered(page, DRAWER_LINKS)
    assert len(links) > 50, "the drawer should hold the whole site's navigation and this page's contents"
    assert not any(links), "a closed drawer should not be rendered at start-up"

    page.click("label.md-header__button[for='__drawer']")
    page.wait_for_function(f"document.querySelector('{DRAWER_LINKS}').checkVisibility()")
    page.wait_for_timeout(400)  # the 250 ms slide-in
    # Open, the drawer draws exactly what Material draws without the rule: the site's pages and,
    # under this page's entry, its own contents.
    open_links = rendered(page, DRAWER_LINKS)
    assert sum(open_links) > 50
    rule = page.add_style_tag(content=f"{SCROLLWRAP} {{ content-visibility: visible !important; }}")
    assert rendered(page, DRAWER_LINKS) == open_links
    rule.evaluate("el => el.remove()")
    toc = page.locator(".md-sidebar--primary .md-nav--secondary a.md-nav__link")
    assert toc.count() > 10 and toc.first.is_visible()

    target = page.locator(".md-sidebar--primary a.md-nav__link[href$='location/']").first
    target.scroll_into_view_if_needed()
    target.click()
    page.wait_for_url("**/blueprints/location/")
    page.wait_for_function(f"!document.querySelector('{DRAWER_LINKS}').checkVisibility()")
    assert not any(rendered(page, DRAWER_LINKS)), "after instant navigation the drawer is closed again"
    assert watch.errors == []


def test_the_keyboard_skips_the_closed_drawer(base_url, new_page):
    # Off screen but rendered, the closed drawer's links were tab stops: 56 of the first 60 on
    # Social Feed at 390 px, none of them visible.
    page, _ = new_page(**PHONE)
    page.goto(base_url + TEMPLATE)
    in_drawer = 0
    for _ in range(40):
        page.keyboard.press("Tab")
        in_drawer += page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')")
    assert page.evaluate("!!document.activeElement.closest('.md-content')"), "Tab should reach the article"
    assert in_drawer == 0


def test_the_drawer_empties_only_after_it_has_slid_away(base_url, new_page):
    page, _ = new_page(**PHONE)
    page.goto(base_url + TEMPLATE)
    page.click("label.md-header__button[for='__drawer']")
    page.wait_for_timeout(400)
    # Closing starts a 250 ms slide-out: in the same task the contents must still be drawn,
    # or the reader would watch an empty panel slide away.
    during = page.evaluate(f"""() => {{
        document.getElementById('__drawer').click();
        return getComputedStyle(document.querySelector('{SCROLLWRAP}')).contentVisibility }}""")
    assert during == "visible"
    page.wait_for_function(
        f"getComputedStyle(document.querySelector('{SCROLLWRAP}')).contentVisibility === 'hidden'",
        timeout=5000)


def test_on_a_desktop_the_sidebar_is_always_rendered(base_url, new_page):
    page, _ = new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + TEMPLATE)
    assert all(rendered(page, ".md-sidebar--primary .md-nav--primary > .md-nav__list > li > a.md-nav__link"))
    assert page.locator(".md-sidebar--secondary .md-nav__link").first.is_visible()


def test_a_code_block_gets_its_copy_button_as_it_nears_the_screen(base_url, new_page):
    page, watch = new_page(permissions=["clipboard-read", "clipboard-write"], **PHONE)
    page.goto(base_url + TEMPLATE)
    page.wait_for_timeout(500)
    blocks = page.locator(".md-content pre:has(> code)")
    total = blocks.count()
    assert total >= 5
    set_up = page.locator(".md-content pre:has(> nav.md-code__nav)").count()
    assert set_up < total, f"all {total} code blocks were set up at start-up, on screen or not"

    last = blocks.last
    assert last.locator("button.md-code__button").count() == 0
    last.scroll_into_view_if_needed()
    button = last.locator("button.md-code__button")
    button.wait_for(state="visible")
    button.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.strip() == last.locator("code").inner_text().strip()
    assert urlparse(page.url).path.endswith(TEMPLATE)
    assert watch.errors == []


def test_transitions_are_off_while_the_page_starts_and_back_once_it_has(base_url, new_page):
    # Material's bundle turns transitions off (data-md-color-switching) while it applies the
    # palette; the early palette script turns them off before the content is parsed, so the
    # bundle's own switch does not restyle the page. Material must still turn them back on.
    page, watch = new_page(**PHONE)
    page.add_init_script(at_first_paragraph("document.body.hasAttribute('data-md-color-switching')"))
    page.goto(base_url + TEMPLATE, wait_until="load")
    assert page.evaluate("window.__atFirstParagraph") is True
    page.wait_for_function("!document.body.hasAttribute('data-md-color-switching')", timeout=5000)
    assert page.evaluate("getComputedStyle(document.querySelector('.md-sidebar--primary')).transitionDuration").startswith("0.25s")
    assert watch.errors == []


def test_a_code_block_is_a_tab_stop_until_material_has_measured_it(base_url, new_page):
    # Material makes a block focusable only if its lines overflow (so the keyboard can scroll
    # it), and decides as the block nears the screen; the build makes every block a tab stop
    # until then, or a wide block further down could not be reached (axe:
    # scrollable-region-focusable).
    page, _ = new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + TEMPLATE)
    codes = page.locator(".md-content pre > code")
    assert codes.count() >= 5
    assert codes.evaluate_all("els => els.every(el => el.getAttribute('tabindex') === '0')")
    for index in range(codes.count()):
        code = codes.nth(index)
        code.scroll_into_view_if_needed()
        page.wait_for_function("el => el.parentElement.querySelector('nav.md-code__nav')", arg=code.element_handle())
        overflows = code.evaluate("el => el.scrollWidth > el.offsetWidth")
        assert (code.get_attribute("tabindex") == "0") == overflows, f"code block {index}"


@pytest.mark.parametrize("html, expected", [
    ('<pre><span></span><code><a href="#l1">', '<pre><span></span><code tabindex="0"><a href="#l1">'),
    ('<pre class="x"><code class="language-py">', '<pre class="x"><code tabindex="0" class="language-py">'),
    ('<pre class="mermaid"><code>graph TD', '<pre class="mermaid"><code>graph TD'),  # Material skips these
    ('<pre><code tabindex="-1">', '<pre><code tabindex="-1">'),  # an author's choice stands
    ('<p>run <code>make test</code></p>', '<p>run <code>make test</code></p>'),  # inline code
])
def test_the_build_makes_block_code_a_tab_stop_and_nothing_else(html, expected):
    assert focusable_code_blocks(html) == expected
