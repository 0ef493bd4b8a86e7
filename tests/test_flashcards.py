"""Flashcards: generated from the pages with stable ids (an edited answer changes one card and
moves no id), reviewed in Chromium with FSRS on Playwright's clock, exported and imported, kept to
their own storage keys, shown as text; and the Anki package, read back as Anki would."""
from __future__ import annotations

import json
import re
import sqlite3
import zipfile

import pytest

from blueprints.cards import numbers_cards, template_cards
from blueprints.check import load_catalog
from families.flashcards import APKG, TSV, all_cards, write_apkg

from conftest import DOCS, copy_project, serious_axe_violations

CATALOG = load_catalog(DOCS)
URL = "flashcards/"


def test_every_template_and_the_numbers_page_yield_a_deck_of_fifteen_cards_or_more():
    decks = {page.title: len(template_cards(page)) for page in CATALOG}
    decks["Numbers"] = len(numbers_cards((DOCS / "numbers.md").read_text()))
    print("cards per deck:", decks)
    assert all(count >= 15 for count in decks.values()), decks


def test_card_ids_are_unique_and_come_from_keys_not_positions():
    cards = all_cards(CATALOG, DOCS)
    assert len({c.id for c in cards}) == len(cards)
    for card in cards:
        assert re.fullmatch(r"[a-z0-9-]+/[a-z-]+/[a-z0-9-]+", card.id), card.id


def test_editing_one_trade_off_answer_changes_one_card_and_moves_no_id(tmp_path):
    project = copy_project(tmp_path / "project")
    docs = project / "docs"
    before = {c.id: c for c in all_cards(load_catalog(docs), docs)}
    page = docs / "blueprints/url-shortener.md"
    lines = page.read_text().splitlines()
    trade = next(t for t in load_catalog(docs)[4].tables if t.section == "Trade-offs")
    row = trade.row_lines[1] - 1
    cells = lines[row].split(" | ")
    cells[-1] = "A different cost, written for this test |"
    lines[row] = " | ".join(cells)
    page.write_text("\n".join(lines) + "\n")
    after = {c.id: c for c in all_cards(load_catalog(docs), docs)}
    assert list(after) == list(before), "no id appeared, vanished or moved"
    changed = [i for i in after if after[i] != before[i]]
    assert len(changed) == 1 and changed[0].startswith("url-shortener/decision/")
    assert "A different cost, written for this test" in after[changed[0]].back


def test_renaming_a_decision_retires_its_card_and_makes_a_new_one(tmp_path):
    project = copy_project(tmp_path / "project")
    docs = project / "docs"
    before = {c.id for c in all_cards(load_catalog(docs), docs)}
    page = docs / "blueprints/url-shortener.md"
    trade = next(t for t in load_catalog(docs)[4].tables if t.section == "Trade-offs")
    old = trade.cells[0][0]
    page.write_text(page.read_text().replace(f"| {old} |", "| Renamed decision for the test |", 1))
    after = {c.id for c in all_cards(load_catalog(docs), docs)}
    assert before - after == {f"url-shortener/decision/{re.sub(r'[^a-z0-9]+', '-', old.lower()).strip('-')}"}
    assert after - before == {"url-shortener/decision/renamed-decision-for-the-test"}


def test_markup_in_a_source_row_stays_text(tmp_path, browser):
    project = copy_project(tmp_path / "project")
    docs = project / "docs"
    page = docs / "blueprints/url-shortener.md"
    trade = next(t for t in load_catalog(docs)[4].tables if t.section == "Trade-offs")
    row = trade.row_lines[0] - 1
    lines = page.read_text().splitlines()
    cells = lines[row].split(" | ")
    cells[-1] = '<img src=x onerror="window.__injected=1"> <b>bold</b> |'
    lines[row] = " | ".join(cells)
    page.write_text("\n".join(lines) + "\n")
    card = next(c for c in all_cards(load_catalog(docs), docs) if c.line == trade.row_lines[0])
    assert '<img src=x onerror="window.__injected=1"> <b>bold</b>' in card.back
    from families.flashcards import flashcards_markdown
    markdown = flashcards_markdown([card])
    assert "<img" not in markdown.split("data-bp-cards=")[1].split(">", 1)[0], "escaped inside the data attribute"
    tab = browser.new_page()
    tab.set_content(f'<div class="md-typeset">{markdown.split("---", 2)[2]}</div>')
    tab.add_script_tag(path=str(DOCS / "assets/vendor/ts-fsrs/index.umd.js"))
    tab.add_script_tag(path=str(DOCS / "javascripts/flashcards.js"))
    tab.evaluate("document.dispatchEvent(new Event('DOMContentLoaded'))")
    tab.get_by_role("button", name="Show the answer (Space)").click()
    assert '<img src=x onerror="window.__injected=1">' in tab.locator("[data-bp-back-text]").inner_text()
    assert tab.locator(".bp-card img, .bp-card b").count() == 0
    assert tab.evaluate("window.__injected") is None
    tab.close()


def cards_page(base_url, new_page, **options):
    tab, watch = new_page(**options)
    tab.clock.install()
    tab.goto(base_url + URL, wait_until="networkidle")
    tab.locator("[data-bp-due]").wait_for()
    return tab, watch


def only_deck(tab, name: str):
    tab.get_by_label("All decks").uncheck()
    tab.locator(f'[data-bp-deck="{name}"]').check()
    # Space on a focused checkbox is the checkbox's own: leave it, as a reader would, to review.
    tab.evaluate("document.activeElement.blur()")


def test_good_is_not_due_again_until_the_scheduled_date(base_url, new_page):
    tab, watch = cards_page(base_url, new_page)
    only_deck(tab, "Numbers")
    front = tab.locator("[data-bp-front]").inner_text()
    tab.keyboard.press("Space")
    assert tab.locator("[data-bp-back]").is_visible()
    tab.keyboard.press("3")
    state = tab.evaluate("JSON.parse(localStorage.getItem('sdb.cards.state'))")
    graded = next(v for v in state.values())
    due_ms = tab.evaluate("(d) => new Date(d).getTime() - Date.now()", graded["due"])
    assert due_ms > 0
    assert tab.locator("[data-bp-front]").inner_text() != front, "the next card is shown"
    # Until the scheduled date the card stays away, however many others are reviewed.
    tab.clock.run_for(max(0, due_ms - 2_000))
    tab.reload(wait_until="networkidle")
    seen = [tab.locator("[data-bp-front]").inner_text()]
    assert front not in seen
    tab.clock.run_for(3_000)
    tab.reload(wait_until="networkidle")
    assert tab.locator("[data-bp-front]").inner_text() == front, "due now: it comes first"
    assert watch.errors == []


def test_again_brings_the_card_back_in_the_same_session(base_url, new_page):
    tab, _ = cards_page(base_url, new_page)
    only_deck(tab, "Numbers")
    front = tab.locator("[data-bp-front]").inner_text()
    tab.get_by_role("button", name="Show the answer (Space)").click()
    tab.get_by_role("button", name="Again (1)").click()
    state = tab.evaluate("JSON.parse(localStorage.getItem('sdb.cards.state'))")
    due_ms = tab.evaluate("(d) => new Date(d).getTime() - Date.now()", next(iter(state.values()))["due"])
    assert 0 < due_ms <= 10 * 60_000, "a learning step of minutes"
    for _ in range(40):  # grade the rest of today's new cards Easy until nothing new is left
        if tab.locator("[data-bp-front]").inner_text() == front or not tab.locator("[data-bp-card]").is_visible():
            break
        tab.keyboard.press("Space")
        tab.keyboard.press("4")
    tab.clock.run_for(due_ms + 1_000)
    assert tab.locator("[data-bp-front]").inner_text() == front


def test_space_on_a_focused_button_keeps_its_own_meaning(base_url, new_page):
    tab, _ = cards_page(base_url, new_page)
    only_deck(tab, "Numbers")
    tab.locator("details.bp-cards__manage summary").click()
    tab.get_by_role("button", name="Export my progress").focus()
    tab.keyboard.press("Space")
    assert not tab.locator("[data-bp-back]").is_visible()


def test_progress_survives_a_reload_and_moves_by_export_and_import(base_url, new_page, tmp_path):
    tab, _ = cards_page(base_url, new_page, accept_downloads=True)
    only_deck(tab, "Numbers")
    for _ in range(3):
        tab.keyboard.press("Space")
        tab.keyboard.press("3")
    state = tab.evaluate("localStorage.getItem('sdb.cards.state')")
    tab.reload(wait_until="networkidle")
    assert tab.evaluate("localStorage.getItem('sdb.cards.state')") == state
    assert tab.locator('[data-bp-deck="Numbers"]').is_checked() and not tab.get_by_label("All decks").is_checked()
    tab.locator("details.bp-cards__manage summary").click()
    with tab.expect_download() as caught:
        tab.get_by_role("button", name="Export my progress").click()
    exported = tmp_path / "progress.json"
    caught.value.save_as(exported)
    assert len(json.loads(exported.read_text())["cards"]) == 3
    other, _ = cards_page(base_url, new_page)
    assert other.evaluate("localStorage.getItem('sdb.cards.state')") is None
    other.locator("details.bp-cards__manage summary").click()
    other.locator("[data-bp-import]").set_input_files(str(exported))
    other.wait_for_function("document.querySelector('[data-bp-due]').textContent.startsWith('Progress imported')")
    assert json.loads(other.evaluate("localStorage.getItem('sdb.cards.state')")) == json.loads(state)


def test_clear_removes_only_the_card_keys_after_a_confirmation(base_url, new_page):
    tab, _ = cards_page(base_url, new_page)
    tab.keyboard.press("Space")
    tab.keyboard.press("3")
    tab.evaluate("""() => { localStorage.setItem('/.__palette', '{"index":2}');
                            localStorage.setItem('sdb.rehearse.attempts', '[]'); }""")
    tab.locator("details.bp-cards__manage summary").click()
    tab.get_by_role("button", name="Clear my cards").click()
    tab.get_by_role("button", name="Keep it").click()
    assert tab.evaluate("localStorage.getItem('sdb.cards.state')") is not None
    tab.get_by_role("button", name="Clear my cards").click()
    tab.get_by_role("button", name="Delete my progress").click()
    keys = tab.evaluate("Object.keys(localStorage)")
    assert not [k for k in keys if k.startswith("sdb.cards.")]
    assert "/.__palette" in keys and "sdb.rehearse.attempts" in keys


def test_each_card_links_the_section_it_came_from(base_url, new_page):
    tab, _ = cards_page(base_url, new_page)
    tab.keyboard.press("Space")
    link = tab.locator("[data-bp-source]")
    href = link.evaluate("a => a.href")
    assert re.match(r"^http://127\.0\.0\.1:\d+/blueprints/[a-z-]+/#[a-z-]+$", href), href
    link.click()
    fragment = href.split("#")[1]
    tab.wait_for_url(href)
    tab.locator(f"#{fragment}").wait_for()
    assert tab.locator(f"#{fragment}").count() == 1


def test_every_cards_source_section_exists_in_the_built_site(site):
    missing = []
    for card in all_cards(CATALOG, DOCS):
        page, fragment = card.source.split("#")
        built = site / page.removesuffix(".md") / "index.html"
        if f'id="{fragment}"' not in built.read_text(encoding="utf-8"):
            missing.append(card.source)
    assert sorted(set(missing)) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_flashcards_page_passes_axe_with_the_answer_shown(base_url, new_page, scheme):
    tab, _ = cards_page(base_url, new_page, color_scheme=scheme)
    tab.keyboard.press("Space")
    tab.locator("details.bp-cards__manage summary").click()
    serious = serious_axe_violations(tab)
    assert serious == [], serious


def read_apkg(path):
    with zipfile.ZipFile(path) as z, z.open("collection.anki2") as db, open(str(path) + ".sqlite", "wb") as out:
        out.write(db.read())
    con = sqlite3.connect(str(path) + ".sqlite")
    notes = con.execute("select guid, flds, mod from notes").fetchall()
    decks = json.loads(con.execute("select decks from col").fetchone()[0])
    cards = con.execute("select did from cards").fetchall()
    con.close()
    return notes, {d["name"] for d in decks.values()}, cards


def test_the_anki_package_has_every_card_in_its_subdeck(site, tmp_path):
    cards = all_cards(CATALOG, DOCS)
    notes, decks, anki_cards = read_apkg(site / "flashcards" / APKG)
    assert len(notes) == len(cards) == len(anki_cards)
    assert {f"System Design Blueprints::{c.deck}" for c in cards} <= decks
    assert (site / "flashcards" / TSV).read_text().count("\n") == len(cards) + 3


def test_anki_guids_are_the_same_across_two_builds_and_notes_carry_the_build_time(tmp_path):
    cards = all_cards(CATALOG, DOCS)
    write_apkg(cards, tmp_path / "a.apkg", timestamp=1_800_000_000)
    write_apkg(cards, tmp_path / "b.apkg", timestamp=1_800_000_900)
    first, _, _ = read_apkg(tmp_path / "a.apkg")
    second, _, _ = read_apkg(tmp_path / "b.apkg")
    assert sorted(n[0] for n in first) == sorted(n[0] for n in second)
    assert {n[2] for n in first} == {1_800_000_000} and {n[2] for n in second} == {1_800_000_900}


def test_cards_stay_out_of_search_and_the_handbook(site):
    index = json.loads((site / "search/search_index.json").read_text())
    assert not [d for d in index["docs"] if d["location"].startswith("flashcards/")]
    import subprocess
    text = subprocess.run(["pdftotext", str(site / "handbook.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Show the answer" not in text and "Flashcards" not in text.split("Contents", 1)[1][:3000]
