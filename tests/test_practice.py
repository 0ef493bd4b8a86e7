"""Practice in Chromium: a whole rehearsal run in seconds on Playwright's clock (steps change on
time, overruns are marked, a reload keeps everything, Reveal shows the right built section, ticks
score, export carries the typed text, clearing removes only this feature's keys, typed markup stays
text), the interviewer kit (two A4 pages at most, the chatbot prompt copied), and the last score on
the home and Practice pages."""
from __future__ import annotations

import io
import json
import re

import pytest
from pypdf import PdfReader

from blueprints.check import load_catalog
from blueprints.schema import LEVELS, STEP_BUDGET
from blueprints.study_aids import level_items
from families import practised
from families.rehearse import slug
from site_html import article, h2_sections

from conftest import DOCS, serious_axe_violations

PRACTISED = practised(load_catalog(DOCS))
FIRST = PRACTISED[0] if PRACTISED else None
STEPS = [name for name, _, _ in STEP_BUDGET]
MIN = 60_000


def rehearsal(base_url, new_page, page=None, **options):
    tab, watch = new_page(**options)
    tab.clock.install()
    tab.goto(f"{base_url}rehearse/{slug(page or FIRST)}/", wait_until="networkidle")
    return tab, watch


def reveal(tab, step: str):
    tab.get_by_role("button", name=f"Reveal {step}").click()


def test_every_practised_template_has_a_rehearsal_and_a_kit_kept_out_of_search(site):
    assert PRACTISED, "no template has a question bank yet"
    index = json.loads((site / "search/search_index.json").read_text())
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    for page in PRACTISED:
        assert (site / f"rehearse/{slug(page)}/index.html").exists()
        assert (site / f"interviewer/{slug(page)}/index.html").exists()
        assert f"rehearse/{slug(page)}/" not in locations and f"interviewer/{slug(page)}/" not in locations
    assert "practice/" in locations


def test_the_clock_moves_through_the_steps_on_time_and_marks_an_overrun(base_url, new_page):
    tab, watch = rehearsal(base_url, new_page)
    now, status = tab.locator("[data-bp-now]"), tab.locator("[data-bp-status]")
    assert now.inner_text() == "Not started"
    tab.get_by_role("button", name="Start the clock").click()
    assert now.inner_text() == f"Step 1 of 6: {STEPS[0]}"
    assert tab.locator("[data-bp-announce]").inner_text() == f"Now step 1: {STEPS[0]}, {STEP_BUDGET[0][1]} minutes."
    tab.clock.run_for(STEP_BUDGET[0][1] * MIN + 5_000)
    assert now.inner_text() == f"Step 2 of 6: {STEPS[1]}"
    assert tab.locator("[data-bp-announce]").inner_text().startswith(f"Now step 2: {STEPS[1]}")
    # Step 1 was never revealed: it is marked over time, without any dialog.
    assert status.nth(0).inner_text() == "Over time by 0:05"
    assert "bp-step--over" in tab.locator("[data-bp-step]").nth(0).get_attribute("class")
    assert status.nth(1).inner_text() == "Now"
    tab.clock.run_for(sum(m for _, m, _ in STEP_BUDGET) * MIN)
    assert now.inner_text() == "Time is up"
    assert watch.errors == []


def test_pause_stops_the_clock(base_url, new_page):
    tab, _ = rehearsal(base_url, new_page)
    tab.get_by_role("button", name="Start the clock").click()
    tab.clock.run_for(20_000)
    tab.get_by_role("button", name="Pause").click()
    left = tab.locator("[data-bp-left]").inner_text()
    tab.clock.run_for(5 * MIN)
    assert tab.locator("[data-bp-left]").inner_text() == left
    assert "paused" in left


def test_a_reload_mid_step_keeps_the_answers_ticks_and_clock(base_url, new_page):
    tab, _ = rehearsal(base_url, new_page)
    prompt = tab.locator("[data-bp-prompt]").inner_text()
    tab.get_by_role("button", name="Start the clock").click()
    tab.clock.run_for(2 * MIN)
    tab.get_by_label(f"Your answer for {STEPS[1]}").fill("Who uploads, and how big is a file?")
    reveal(tab, STEPS[0])
    first_box = tab.locator("[data-bp-tick]").first
    first_box.check()
    tab.reload(wait_until="networkidle")
    assert tab.locator("[data-bp-prompt]").inner_text() == prompt
    assert tab.get_by_label(f"Your answer for {STEPS[1]}").input_value() == "Who uploads, and how big is a file?"
    assert tab.locator("[data-bp-tick]").first.is_checked()
    assert tab.locator("#bp-reveal-1").is_visible()
    assert tab.locator("[data-bp-now]").inner_text() == f"Step 2 of 6: {STEPS[1]}"
    tab.clock.run_for(1_000)
    minutes, seconds = map(int, tab.locator("[data-bp-left]").inner_text().split()[0].split(":"))
    assert 2 * 60 <= minutes * 60 + seconds <= 4 * 60  # 6 min - 2 min elapsed, the clock kept running


@pytest.mark.parametrize("index", range(len(STEPS)))
def test_reveal_shows_that_step_of_the_built_template(base_url, new_page, site, index):
    tab, _ = rehearsal(base_url, new_page)
    assert not tab.locator(f"#bp-reveal-{index + 1}").is_visible(), "nothing of the answer shows before Reveal"
    reveal(tab, STEPS[index])
    shown = " ".join(tab.locator(f"#bp-reveal-{index + 1} [data-bp-content]").inner_text().split())
    built = h2_sections(article(site, f"blueprints/{slug(FIRST)}/"))[STEPS[index]][1]
    first_words = " ".join(re.sub(r"<[^>]+>", " ", built).split()[:6])
    assert first_words and first_words.split()[0] in shown
    other = STEPS[(index + 1) % len(STEPS)]
    other_words = " ".join(re.sub(r"<[^>]+>", " ", h2_sections(article(site, f"blueprints/{slug(FIRST)}/"))[other][1]).split()[:8])
    assert other_words not in shown, "only the revealed step's section is shown"
    if STEPS[index] == "High-Level Design":
        assert tab.locator("#bp-reveal-4 figure.diagram svg").count() >= 1, "its diagrams come drawn"


def test_ticks_give_the_score_and_the_history_keeps_it(base_url, new_page):
    tab, _ = rehearsal(base_url, new_page)
    items = level_items(FIRST)
    tab.get_by_role("button", name="Start the clock").click()
    for step in STEPS:
        reveal(tab, step)
    senior = tab.locator('[data-bp-level="Senior"]')
    for i in range(2):
        senior.nth(i).check()
    tab.locator('[data-bp-level="Staff"]').first.check()
    tab.get_by_role("button", name="Finish and score").click()
    expected = {level: sum(1 for i in items if i.level == level) for level in LEVELS}
    scores = tab.locator("[data-bp-scores] li").all_inner_texts()
    assert scores == [f"Mid-level: 0 of {expected['Mid-level']}", f"Senior: 2 of {expected['Senior']}",
                      f"Staff: 1 of {expected['Staff']}"]
    assert "Senior 2 of" in tab.locator("[data-bp-history]").inner_text()
    stored = tab.evaluate("JSON.parse(localStorage.getItem('sdb.rehearse.attempts'))")
    assert len(stored) == 1 and stored[0]["template"] == slug(FIRST) and len(stored[0]["steps"]) == 6
    assert tab.locator("[data-bp-summary] li").filter(has_text="Mid-level").count() == 1


def test_export_downloads_the_typed_text_as_markdown(base_url, new_page):
    tab, _ = rehearsal(base_url, new_page, accept_downloads=True)
    tab.get_by_role("button", name="Start the clock").click()
    tab.get_by_label(f"Your answer for {STEPS[2]}").fill("1,157 writes a second at peak")
    tab.get_by_role("button", name="Finish and score").click()
    with tab.expect_download() as caught:
        tab.get_by_role("button", name=re.compile("^Export the rehearsal")).click()
    text = caught.value.path().read_text()
    assert text.startswith(f"# Rehearsal: {FIRST.title}")
    assert "1,157 writes a second at peak" in text and f"## 3. {STEPS[2]}" in text


def test_typed_markup_is_shown_as_text(base_url, new_page):
    tab, watch = rehearsal(base_url, new_page, accept_downloads=True)
    markup = '<img src=x onerror="window.__injected=1"><b>bold</b>'
    tab.get_by_label(f"Your answer for {STEPS[0]}").fill(markup)
    tab.get_by_role("button", name="Finish and score").click()
    tab.reload(wait_until="networkidle")
    assert tab.evaluate("window.__injected") is None
    assert tab.locator(".bp-rehearse img, .bp-history b").count() == 0
    with tab.expect_download() as caught:
        tab.get_by_role("button", name=re.compile("^Export the rehearsal")).click()
    assert markup in caught.value.path().read_text()


def test_clear_removes_only_the_rehearsal_keys_after_a_confirmation(base_url, new_page):
    tab, _ = rehearsal(base_url, new_page)
    tab.get_by_role("button", name="Finish and score").click()
    tab.evaluate("""() => { localStorage.setItem('/.__palette', '{"index":2}');
                            localStorage.setItem('sdb.cards.state', '{}'); }""")
    tab.get_by_role("button", name="Clear my rehearsals").click()
    assert tab.get_by_role("group", name="Confirm clearing").is_visible()
    tab.get_by_role("button", name="Keep them").click()
    assert tab.evaluate("localStorage.getItem('sdb.rehearse.attempts')") is not None
    tab.get_by_role("button", name="Clear my rehearsals").click()
    tab.get_by_role("button", name="Delete them").click()
    keys = tab.evaluate("Object.keys(localStorage)")
    assert not [k for k in keys if k.startswith("sdb.rehearse.")]
    assert "/.__palette" in keys and "sdb.cards.state" in keys
    assert tab.locator("[data-bp-history] li").count() == 0


def test_home_and_practice_pages_show_the_last_rehearsal(base_url, new_page):
    tab, _ = rehearsal(base_url, new_page)
    tab.get_by_role("button", name="Start the clock").click()
    reveal(tab, STEPS[0])
    tab.locator("[data-bp-tick]").first.check()
    tab.get_by_role("button", name="Finish and score").click()
    tab.goto(base_url, wait_until="networkidle")
    assert tab.locator("[data-bp-home-rehearsals]").is_visible()
    assert re.search(r"\d{4}: .*of \d", tab.locator(f'[data-bp-last="{slug(FIRST)}"]').inner_text())
    tab.goto(base_url + "practice/", wait_until="networkidle")
    assert "of" in tab.locator(f'[data-bp-last="{slug(FIRST)}"]').inner_text()
    others = [p for p in PRACTISED if p is not FIRST]
    if others:
        assert tab.locator(f'[data-bp-last="{slug(others[0])}"]').inner_text() == "none yet"


def test_a_fresh_home_page_shows_no_rehearsal_block(base_url, new_page):
    tab, _ = new_page()
    tab.goto(base_url, wait_until="networkidle")
    assert not tab.locator("[data-bp-home-rehearsals]").is_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_rehearsal_with_every_step_revealed_passes_axe(base_url, new_page, scheme):
    tab, _ = rehearsal(base_url, new_page, color_scheme=scheme)
    tab.get_by_role("button", name="Start the clock").click()
    tab.clock.run_for(3 * MIN)
    for step in STEPS:
        reveal(tab, step)
    tab.get_by_role("button", name="Finish and score").click()
    serious = serious_axe_violations(tab)
    assert serious == [], serious


def test_every_control_is_reachable_by_keyboard(base_url, new_page):
    tab, _ = rehearsal(base_url, new_page)
    reached = set()
    for _ in range(80):
        tab.keyboard.press("Tab")
        reached.add(tab.evaluate("document.activeElement.dataset ? Object.keys(document.activeElement.dataset).join(',') : ''"))
    for control in ("bpAnother", "bpStart", "bpFinish", "bpRestart", "bpAnswer", "bpReveal"):
        assert any(control in r for r in reached), control


@pytest.mark.parametrize("page", PRACTISED, ids=slug)
def test_the_interviewer_kit_prints_on_two_a4_pages_at_most(base_url, new_page, page):
    tab, _ = new_page()
    tab.goto(f"{base_url}interviewer/{slug(page)}/", wait_until="networkidle")
    pdf = tab.pdf(format="A4", print_background=True)
    assert len(PdfReader(io.BytesIO(pdf)).pages) <= 2
    assert tab.locator("blockquote").first.inner_text().strip() == page.meta["questions"][0]


def test_copy_as_chatbot_prompt_copies_plain_text(base_url, new_page):
    tab, watch = new_page(permissions=["clipboard-read", "clipboard-write"])
    tab.goto(f"{base_url}interviewer/{slug(FIRST)}/", wait_until="networkidle")
    tab.get_by_role("button", name="Copy as chatbot prompt").click()
    tab.wait_for_function("document.querySelector('[data-bp-copy-status]').textContent.length > 0")
    copied = tab.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("You are interviewing me") and FIRST.meta["questions"][0] in copied
    assert "<" not in copied and "**" not in copied
    assert watch.outside == []
