"""Diagrams you can enlarge (issue 16), in Chromium on the built site: every diagram has an
Enlarge button named after it; it opens a full-screen dialog holding the diagram's own SVG (its
arrowheads still resolve, its colours still follow the scheme), which pans and zooms by keys,
mouse, wheel and touch, and goes back into its figure unchanged, with focus on the button. Also
on pages reached by instant navigation, in a rehearsal's revealed sections, and from the offline
copy; never on paper."""
from __future__ import annotations

from playwright.sync_api import expect

from blueprints.check import load_catalog
from families import practised
from families.rehearse import slug

from conftest import DOCS, serious_axe_violations
from test_browser import DIAGRAMS

TEMPLATES = sorted(url for url, count in DIAGRAMS.items() if url.startswith("blueprints/") and count)
TEMPLATE = TEMPLATES[0]

CONTROLS = """() => [...document.querySelectorAll("article figure.diagram")].map((figure) => {
  const bar = figure.previousElementSibling;
  const buttons = bar && bar.classList.contains("bp-enlarge-bar") ? bar.querySelectorAll("button") : [];
  const title = document.getElementById(figure.getAttribute("aria-labelledby"));
  return { title: title.textContent, buttons: buttons.length };
})"""

# The figure to enlarge: the biggest drawing on the page (a whole write path, say), or the first
# sequence diagram when asked, since those carry the most marker kinds.
PICK = """(kind) => {
  const figures = [...document.querySelectorAll("article figure.diagram")];
  const area = (f) => { const b = f.querySelector("svg").viewBox.baseVal; return b.width * b.height; };
  const sequence = figures.findIndex((f) => f.querySelector("svg").getAttribute("aria-roledescription") === "sequence");
  if (kind === "sequence" && sequence >= 0) return sequence;
  return figures.indexOf(figures.reduce((a, b) => (area(b) > area(a) ? b : a)));
}"""

BOX = """() => { const b = document.querySelector("dialog.bp-enlarge svg").getBoundingClientRect();
  return { x: b.x, y: b.y, width: b.width, height: b.height }; }"""

STAGE = """() => { const b = document.querySelector("dialog.bp-enlarge .bp-enlarge__stage").getBoundingClientRect();
  return { x: b.x, y: b.y, width: b.width, height: b.height }; }"""

# Every url(#id) the moved SVG uses must name an element that exists exactly once in the whole
# document, inside the dialog: a copy would have left a second set of ids behind in the page.
MARKERS = """() => {
  const dialog = document.querySelector("dialog.bp-enlarge");
  const used = new Set();
  dialog.querySelectorAll("*").forEach((el) => [...el.attributes].forEach((a) =>
    [...a.value.matchAll(/url\\(#([^)]+)\\)/g)].forEach((m) => used.add(m[1]))));
  const broken = [...used].filter((id) => {
    const found = document.querySelectorAll(`[id="${CSS.escape(id)}"]`);
    return found.length !== 1 || !dialog.contains(found[0]);
  });
  return { used: used.size, broken };
}"""

# What the scheme decides about a diagram: arrowhead and shape colours, label fonts.
LOOK = """(svg) => [...svg.querySelectorAll("marker path, marker circle, .node rect, rect.actor, text")]
  .slice(0, 80).map((el) => { const s = getComputedStyle(el); return [s.fill, s.stroke, s.fontFamily].join(" "); })"""


def open_figure(page, index: int):
    figure = page.locator("article figure.diagram").nth(index)
    return figure, figure.locator("xpath=preceding-sibling::div[1]/button")


def assert_put_back(figure, button, before: str):
    """The dialog's close event comes a task after Esc or close(): wait for it, then compare."""
    expect(figure.locator(":scope > svg")).to_have_count(1)
    assert figure.evaluate("(f) => f.outerHTML") == before, "the SVG is back exactly as it was"
    expect(button).to_be_focused()


def close_to(a: float, b: float, tolerance: float = 1.0) -> bool:
    return abs(a - b) <= tolerance


def test_controls_open_a_view_that_keys_mouse_and_wheel_move_and_it_puts_the_svg_back(base_url, new_page):
    page, watch = new_page(color_scheme="dark", viewport={"width": 1280, "height": 800})
    page.goto(base_url + TEMPLATE, wait_until="networkidle")

    controls = page.evaluate(CONTROLS)
    assert len(controls) == DIAGRAMS[TEMPLATE]
    assert all(c["buttons"] == 1 for c in controls), controls
    for control in controls:
        named = page.get_by_role("button", name=f"Enlarge diagram: {control['title']}", exact=True)
        assert named.count() == sum(c["title"] == control["title"] for c in controls)

    index = page.evaluate(PICK, "sequence")
    figure, button = open_figure(page, index)
    button.scroll_into_view_if_needed()
    before = figure.evaluate("(f) => f.outerHTML")
    svg_id = figure.locator("svg").get_attribute("id")
    look_in_page = figure.locator("svg").evaluate(LOOK)
    assert page.locator("dialog.bp-enlarge").count() == 0, "the view is made on first use, not at load"

    button.click()
    dialog = page.locator("dialog.bp-enlarge")
    assert dialog.is_visible() and dialog.evaluate("(d) => d.open && d.matches(':modal')")
    markers = page.evaluate(MARKERS)
    assert markers["used"] > 0 and markers["broken"] == [], markers
    assert dialog.locator(f"svg#{svg_id}").count() == 1, "the diagram's own SVG is in the view"
    assert figure.locator("svg").count() == 0, "and no longer in its figure"
    assert page.get_by_role("dialog", name=controls[index]["title"], exact=True).is_visible(), "named after its diagram"
    assert dialog.locator("svg").evaluate(LOOK) == look_in_page, "arrowheads and labels keep the scheme's colours"
    view = dialog.bounding_box()
    assert close_to(view["width"], 1280) and close_to(view["height"], 800), view

    stage, fitted = page.evaluate(STAGE), page.evaluate(BOX)
    assert fitted["x"] >= stage["x"] - 1 and fitted["y"] >= stage["y"] - 1
    assert fitted["x"] + fitted["width"] <= stage["x"] + stage["width"] + 1
    assert fitted["y"] + fitted["height"] <= stage["y"] + stage["height"] + 1
    assert fitted["width"] > 0.8 * stage["width"] or fitted["height"] > 0.8 * stage["height"], "fitted, not tiny"

    page.keyboard.press("+")
    zoomed = page.evaluate(BOX)
    assert close_to(zoomed["width"], fitted["width"] * 1.25, 2), (fitted, zoomed)
    page.keyboard.press("-")
    assert close_to(page.evaluate(BOX)["width"], fitted["width"], 2)
    page.keyboard.press("+")
    page.keyboard.press("+")
    start = page.evaluate(BOX)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowDown")
    moved = page.evaluate(BOX)
    assert moved["x"] < start["x"] - 10 and moved["y"] < start["y"] - 10, (start, moved)
    page.keyboard.press("0")
    assert page.evaluate(BOX) == fitted, "0 goes back to fit to screen"

    cx, cy = stage["x"] + stage["width"] / 2, stage["y"] + stage["height"] / 2
    page.mouse.move(cx, cy)
    page.mouse.down()
    page.mouse.move(cx + 120, cy + 80, steps=6)
    page.mouse.up()
    dragged = page.evaluate(BOX)
    assert close_to(dragged["x"], fitted["x"] + 120) and close_to(dragged["y"], fitted["y"] + 80), dragged

    mx, my = cx + 120, cy + 80  # where the drag left the mouse
    under = ((mx - dragged["x"]) / dragged["width"], (my - dragged["y"]) / dragged["height"])
    page.mouse.wheel(0, -300)
    page.wait_for_function(f"document.querySelector('dialog.bp-enlarge svg').getBoundingClientRect().width > {dragged['width'] * 1.2}")
    wheeled = page.evaluate(BOX)
    still = ((mx - wheeled["x"]) / wheeled["width"], (my - wheeled["y"]) / wheeled["height"])
    assert close_to(still[0], under[0], 0.01) and close_to(still[1], under[1], 0.01), "zoom keeps the point under the cursor"

    serious = serious_axe_violations(page)
    assert serious == [], serious

    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert_put_back(figure, button, before)

    assert page.locator("article .bp-enlarge-button").evaluate_all("(els) => els.every((el) => el.checkVisibility())")
    page.emulate_media(media="print")
    assert page.locator("article .bp-enlarge-button").evaluate_all("(els) => els.every((el) => !el.checkVisibility())"), \
        "no control on paper"
    assert watch.errors == [] and watch.outside == []


def touch(cdp, kind: str, points: list[tuple[float, float]]):
    cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": [
        {"x": x, "y": y, "id": i, "radiusX": 1, "radiusY": 1, "force": 1} for i, (x, y) in enumerate(points)]})


def test_on_a_phone_the_whole_diagram_fits_and_touch_pans_and_pinches(base_url, new_page):
    page, watch = new_page(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page.goto(base_url + TEMPLATE, wait_until="networkidle")
    figure, button = open_figure(page, page.evaluate(PICK, "biggest"))
    before = figure.evaluate("(f) => f.outerHTML")
    button.scroll_into_view_if_needed()
    button.tap()

    stage, fitted = page.evaluate(STAGE), page.evaluate(BOX)
    assert stage["width"] == 390, stage
    assert fitted["x"] >= 0 and fitted["x"] + fitted["width"] <= 390 + 1, "the whole diagram on one screen"
    assert fitted["y"] >= stage["y"] - 1 and fitted["y"] + fitted["height"] <= 844 + 1, fitted
    markers = page.evaluate(MARKERS)
    assert markers["used"] > 0 and markers["broken"] == [], markers

    cdp = page.context.new_cdp_session(page)
    touch(cdp, "touchStart", [(200, 400)])
    for step in range(1, 6):
        touch(cdp, "touchMove", [(200 + 8 * step, 400 + 10 * step)])
    touch(cdp, "touchEnd", [])
    panned = page.evaluate(BOX)
    assert close_to(panned["x"], fitted["x"] + 40) and close_to(panned["y"], fitted["y"] + 50), (fitted, panned)

    touch(cdp, "touchStart", [(150, 400), (250, 400)])
    for step in range(1, 6):
        touch(cdp, "touchMove", [(150 - 10 * step, 400), (250 + 10 * step, 400)])
    touch(cdp, "touchEnd", [])
    pinched = page.evaluate(BOX)
    assert close_to(pinched["width"], panned["width"] * 2, 2), (panned, pinched)
    assert close_to((200 - pinched["x"]) / pinched["width"], (200 - panned["x"]) / panned["width"], 0.01), \
        "the pinch zooms about the fingers' midpoint"

    page.get_by_role("button", name="Close", exact=True).tap()
    expect(page.locator("dialog.bp-enlarge")).to_be_hidden()
    assert_put_back(figure, button, before)
    assert watch.errors == [] and watch.outside == []


def test_a_page_reached_by_instant_navigation_gets_its_controls_once(base_url, new_page):
    first, second = TEMPLATES[0], TEMPLATES[1]
    page, watch = new_page()
    page.goto(base_url, wait_until="networkidle")
    page.evaluate("window.__sameDocument = true")

    def follow(target):
        page.locator(f'nav.md-nav--primary a.md-nav__link[href$="/{target}"]').first.click()
        page.wait_for_url(base_url + target)
        page.wait_for_selector("article figure.diagram > svg")

    def controls_once(target):
        controls = page.evaluate(CONTROLS)
        assert len(controls) == DIAGRAMS[target]
        assert all(c["buttons"] == 1 for c in controls), controls
        assert page.locator(".bp-enlarge-bar").count() == DIAGRAMS[target], "one control per diagram"

    follow(first)
    controls_once(first)
    follow(second)
    controls_once(second)
    page.go_back()
    page.wait_for_url(base_url + first)
    page.wait_for_selector("article figure.diagram > svg")
    controls_once(first)
    assert page.evaluate("window.__sameDocument === true"), "expected Material's instant navigation"

    figure, button = open_figure(page, 0)
    before = figure.evaluate("(f) => f.outerHTML")
    button.click()
    assert page.locator("dialog.bp-enlarge svg").count() == 1 and figure.locator("svg").count() == 0
    page.keyboard.press("Escape")
    assert_put_back(figure, button, before)

    # Back while the view is open: the page is swapped under it, and the view must not stay.
    button.click()
    page.go_back()
    page.wait_for_url(base_url)
    page.wait_for_function("!document.querySelector('dialog.bp-enlarge').open")
    assert page.locator("dialog.bp-enlarge svg").count() == 0
    assert page.locator("dialog.bp-enlarge").count() == 1, "one view per document, however many pages"
    assert watch.errors == [] and watch.outside == []


def test_diagrams_revealed_in_a_rehearsal_get_controls_that_work(base_url, new_page):
    template = slug(practised(load_catalog(DOCS))[0])
    page, watch = new_page()
    page.goto(f"{base_url}rehearse/{template}/", wait_until="networkidle")
    section = page.locator("#bp-reveal-4")
    assert page.locator(".bp-enlarge-bar").count() == 0, "diagrams inside templates are inert until revealed"
    page.get_by_role("button", name="Reveal High-Level Design").click()
    figures = section.locator("figure.diagram")
    assert figures.count() >= 1
    assert section.locator(".bp-enlarge-bar + figure.diagram").count() == figures.count()
    assert section.locator(".bp-enlarge-bar").count() == figures.count()

    figure = figures.first
    before = figure.evaluate("(f) => f.outerHTML")
    button = section.locator(".bp-enlarge-bar button").first
    title = figure.evaluate("(f) => document.getElementById(f.getAttribute('aria-labelledby')).textContent")
    assert button.get_attribute("aria-label") == f"Enlarge diagram: {title}"
    button.click()
    assert page.locator("dialog.bp-enlarge svg").count() == 1 and figure.locator("svg").count() == 0
    markers = page.evaluate(MARKERS)
    assert markers["used"] > 0 and markers["broken"] == [], markers
    page.get_by_role("button", name="Close", exact=True).click()
    assert_put_back(figure, button, before)

    # A reload reveals the section again from saved state: still one control per diagram.
    page.reload(wait_until="networkidle")
    assert section.locator(".bp-enlarge-bar").count() == figures.count() >= 1
    assert watch.errors == [] and watch.outside == []


def test_enlarge_works_in_the_offline_copy(unpacked, disk_page):
    page, refused, errors = disk_page
    page.goto((unpacked / (TEMPLATE.rstrip("/") + ".html")).as_uri())
    assert len(page.evaluate(CONTROLS)) == DIAGRAMS[TEMPLATE]
    figure, button = open_figure(page, 0)
    before = figure.evaluate("(f) => f.outerHTML")
    button.click()
    assert page.locator("dialog.bp-enlarge").is_visible()
    assert page.locator("dialog.bp-enlarge svg").count() == 1 and figure.locator("svg").count() == 0
    markers = page.evaluate(MARKERS)
    assert markers["used"] > 0 and markers["broken"] == [], markers
    page.keyboard.press("+")
    page.keyboard.press("Escape")
    assert_put_back(figure, button, before)
    assert refused == [] and errors == []
