"""The template check: each bad page is a fixture, and the exact message an author sees is asserted."""
from __future__ import annotations

from pathlib import Path
import shutil
import subprocess
import sys

import pytest

from blueprints.check import load_catalog
from blueprints.content_rules import today_utc
from blueprints.schema import count_words
from blueprints.study_aids import level_items, red_flags
from blueprints.problems import BlueprintError

from conftest import ROOT

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = FIXTURES / "pages"
ORDER = ("put the sections in this order: 'Recognize the Pattern', 'Clarify Requirements', "
         "'Estimate Scale', 'High-Level Design', 'Deep Dive', 'Trade-offs'")


def docs_with(tmp_path: Path, *pages: Path, changelog: str | None = None) -> Path:
    """A docs/ folder holding the pages and a changelog that names each of them on the day of
    the fixtures' review (2026-12-01), unless a test brings its own changelog."""
    folder = tmp_path / "docs" / "blueprints"
    folder.mkdir(parents=True)
    for page in pages:
        shutil.copy(page, folder / page.name)
    if changelog is None:
        changelog = "## 2026-12-01\n\n" + "".join(f"- [{p.stem}](blueprints/{p.name}): reviewed.\n" for p in pages)
    (tmp_path / "docs" / "changelog.md").write_text(changelog)
    return tmp_path / "docs"


def problems_for(tmp_path: Path, *pages: Path, changelog: str | None = None) -> list[str]:
    with pytest.raises(BlueprintError) as caught:
        load_catalog(docs_with(tmp_path, *pages, changelog=changelog), shown_from=tmp_path)
    return [str(p) for p in caught.value.problems]


def message(name: str, line: int, what: str, fix: str) -> str:
    return f"docs/blueprints/{name}:{line}: {what}\n    How to fix: {fix}"


GUARANTEES_TABLE_FIX = ("under it, put a table headed '| Promise | Mechanism | What could break it | Bound |' "
                        "with one row per promise the page makes (at least 3)")

BAD_PAGES = {
    "no-front-matter.md": [(1, "the page has no front matter",
                            "start the file with a line '---', the template's fields (see "
                            "scripts/blueprints/schema.py), and a closing line '---'")],
    "unclosed-front-matter.md": [(1, "the front matter is never closed", "add a line '---' after the last field")],
    "invalid-yaml.md": [(3, "the front matter is not valid YAML: mapping values are not allowed here",
                         "check the indentation and quote any value that contains ': ' or starts with a "
                         "special character such as '[', '{', '*', '&' or '#'")],
    "missing-field.md": [(2, "field 'core_challenge' is missing",
                          "add 'core_challenge: Unique short codes, redirects from cache' "
                          "(the hardest problem, in one line, for the routing table)")],
    "unknown-field.md": [(15, "unknown field 'author'",
                          "remove it or rename it to one of: number, title, pitch, core_challenge, products, cues, "
                          "reviewed, questions, aliases")],
    "empty-field.md": [(7, "field 'core_challenge' is empty",
                        "give it a value, for example 'core_challenge: Unique short codes, redirects from cache'")],
    "too-few-products.md": [(8, "field 'products' lists 4 entries; it needs at least 6",
                             "add 2 more: products a candidate may be asked to design with this template")],
    "number-not-a-number.md": [(2, "field 'number' must be a whole number of 1 or more, not 'ninety-nine'",
                                "write it as digits, for example 'number: 5'")],
    "missing-section.md": [(42, "section 'Deep Dive' is missing",
                            "add a heading '## Deep Dive' after the section 'High-Level Design'")],
    "duplicate-section.md": [(74, "section 'Deep Dive' appears twice (first at line 61)",
                              "merge the two into one section")],
    "sections-out-of-order.md": [(57, "section 'Estimate Scale' is out of order: it comes after "
                                      "'High-Level Design'", ORDER)],
    "misspelt-section.md": [(74, "heading '## Tradeoffs' is not spelt like the section",
                             "spell it exactly '## Trade-offs'")],
    "own-h1.md": [(24, "the page has its own H1 '# Fixture Pattern'",
                   "remove it; the page title comes from the front matter field 'title'")],
    "no-diagram.md": [(23, "the page has no Mermaid diagram; it needs at least 2",
                       "add a ```mermaid fence that shows a data flow, for example the write path")],
    "no-tradeoff-table.md": [(74, "the section 'Trade-offs' has no table",
                              "start the section with a table headed '| Decision | Option | Choice | Cost |', "
                              "one row per decision")],
    "tradeoff-table-columns.md": [(76, "the tables under '## Trade-offs' do not have the columns "
                                       "Decision, Option, Choice, Cost",
                                   "start the section with a table headed '| Decision | Option | Choice | Cost |', "
                                   "one row per decision")],
    "too-few-tradeoffs.md": [(76, "the trade-off table has 2 rows; it needs at least 4",
                              "add 2 more decisions, each with its options, the choice and what it costs")],
    "styled-diagram.md": [(57, "the flowchart runs 'LR'",
                           "write 'flowchart TD': top-down flows read on paper and on a phone"),
                          (59, "the diagram styles itself ('style R fill:#f00')",
                           "remove it: colours come from the theme, shapes from the diagram legend "
                           "(docs/diagram-legend.md)")],
    "missing-reviewed.md": [(2, "field 'reviewed' is missing",
                             "add 'reviewed: 2026-12-07' (the date of the page's last adversarial review, "
                             "an unquoted YAML date)")],
    "reviewed-quoted.md": [(4, "field 'reviewed' must be a date written YYYY-MM-DD without quotes, not '2026-12-01'",
                            "write it as an unquoted date, for example 'reviewed: 2026-12-07'")],
    "reviewed-impossible.md": [(4, "the front matter has an impossible value: day is out of range for month",
                                "write a real date as YYYY-MM-DD, for example 2026-12-07")],
    "no-guarantees.md": [(61, "the section 'Deep Dive' has no '### Guarantees and how they fail'",
                          "add that heading inside '## Deep Dive'; " + GUARANTEES_TABLE_FIX)],
    "guarantees-no-table.md": [(63, "'### Guarantees and how they fail' has no table", GUARANTEES_TABLE_FIX)],
    "guarantees-columns.md": [(65, "the guarantees table's columns are 'Promise | How | Risk | Bound'",
                               "head it '| Promise | Mechanism | What could break it | Bound |'")],
    "too-few-guarantees.md": [(65, "the guarantees table has 1 row; it needs at least 3",
                               "add 2 more promises the page makes (durability, uniqueness, ordering, freshness, "
                               "exactly-once effects, latency)")],
    "component-not-drawn.md": [(48, "component 'Fixture cache' is drawn in no diagram",
                                "draw it: a node, participant or state whose label names 'Fixture cache' or 'Redis'; "
                                "or, if it sits on no data path, write its name in italics ('*Fixture cache*')")],
    "store-not-in-table.md": [(59, "the diagram draws the queue 'Fixture events', which is not a row of the "
                                   "component table (line 44)",
                               "add a row for it to the component table under '## High-Level Design', or label it "
                               "with the name a row already uses")],
    "too-many-words.md": [(23, "the page has 6,097 words; the ceiling is 6,000",
                           "cut 97 words of padding: repetition, long code blocks, vendor trivia (words are counted "
                           "by count_words in scripts/blueprints/schema.py)")],
    "missing-level-lists.md": [(74, "section 'What Each Level Shows' is missing",
                                "add '## What Each Level Shows' after '## Trade-offs' (see STUDY_SECTIONS in "
                                "scripts/blueprints/schema.py for what it holds)")],
    "too-few-level-items.md": [(92, "'### Senior' lists 3 behaviours; it needs 4 to 8",
                                "list observable behaviours an interviewer can tick, one per item")],
    "level-item-without-step.md": [(88, "a level item does not start with the step it belongs to",
                                    "start it with the step in italics and a colon, for example "
                                    "'- *Estimate Scale:* sizes the registry by lookups per second'")],
    "vague-level-item.md": [(90, "a level item grades a state of mind ('good')",
                             "say what the interviewer sees or hears the candidate do")],
    "too-few-red-flags.md": [(106, "'## Red Flags' lists 4 mistakes; it needs 5 to 8",
                              "list the traps candidates fall into on this problem")],
    "red-flag-shape.md": [(111, "a red flag is not written as mistake, why, better move",
                           "write '- **The mistake.** Why it fails. *Better:* the better move.'")],
    "study-aids-out-of-order.md": [(91, "section 'What Each Level Shows' is out of order",
                                    "after the six sections put, in this order: 'What Each Level Shows', 'Red Flags', "
                                    "'Follow-up Questions', 'See Also'")],
    "unknown-trailing-section.md": [(114, "heading '## Appendix' after '## Trade-offs' is not a known section",
                                     "name it one of: 'What Each Level Shows', 'Red Flags', 'Follow-up Questions', "
                                     "'See Also'; or make it an H3 inside one of them")],
    "missing-questions.md": [(2, "field 'questions' is missing",
                              "add 'questions: [Design a service that lets users share a short link to any web page, "
                              "...]' (interview prompts as an interviewer says them; they never feed the router)")],
    "too-many-questions.md": [(18, "field 'questions' lists 6 entries; it takes at most 5",
                               "keep the 5 best and drop the rest")],
    "duplicate-decision.md": [(81, "two decision sources share the key 'a' (also at line 78)",
                               "give each its own name: flashcards take their identity from it")],
    "semicolon-in-diagram.md": [(53, "a ';' ends a Mermaid statement: the rest of this line is never drawn",
                                 "use a comma or a dash, or put the label in double quotes")],
    "two-loops-on-a-state.md": [(65, "a second transition from Open to itself: Mermaid draws one loop and drops "
                                      "one of the two labels",
                                  "merge it into the first (line 64), e.g. 'label one, or label two'")],
    "empty-diagram.md": [(50, "this Mermaid diagram is empty",
                          "write the diagram between the fences, or remove the fence")],
}


@pytest.mark.parametrize("name", sorted(BAD_PAGES))
def test_bad_page_gets_exact_message(tmp_path, name):
    expected = [message(name, *problem) for problem in BAD_PAGES[name]]
    assert problems_for(tmp_path, PAGES / name) == expected


def test_every_bad_fixture_is_covered():
    on_disk = {p.name for p in PAGES.glob("*.md")} - {"valid.md", "reviewed-in-future.md"}
    assert on_disk == set(BAD_PAGES)


def test_a_review_date_after_today_is_refused(tmp_path):
    # Today moves, so the expected message is built from the date the check itself compares with.
    today = today_utc().isoformat()
    assert problems_for(tmp_path, PAGES / "reviewed-in-future.md") == [
        message("reviewed-in-future.md", 4, f"field 'reviewed' is 2999-01-01, after today ({today} UTC)",
                "write the date the review was finished, today or earlier")]


def test_words_are_counted_outside_front_matter_diagrams_and_study_aids():
    text = ("---\ntitle: not counted\n---\n\none two\n\n| a | b |\n|---|:-:|\n\n```mermaid\nflowchart TD\n"
            "    A[not counted] --> B\n```\n\n## Red Flags\n\nnot counted here\n\n## See Also\n\nthree\n")
    # one, two, a, b (the rule row and the pipes are not words), then "##", See, Also, three
    assert count_words(text) == 8


def test_a_review_needs_a_changelog_entry_at_least_as_new(tmp_path):
    page = PAGES / "valid.md"
    stale = "## 2026-11-30\n\n- [Fixture](blueprints/valid.md): first review.\n"
    assert problems_for(tmp_path, page, changelog=stale) == [
        message("valid.md", 4, "field 'reviewed' is 2026-12-01 but docs/changelog.md has no entry for it that "
                               "recent (the newest entry naming it is 2026-11-30)",
                "add, under '## 2026-12-01' in docs/changelog.md, a line that links [Fixture Pattern]"
                "(blueprints/valid.md) and says what changed and why")]


def test_a_review_no_changelog_entry_names_is_refused(tmp_path):
    other = "## 2026-12-05\n\n- [Another page](blueprints/other.md): reviewed.\n"
    assert problems_for(tmp_path, PAGES / "valid.md", changelog=other) == [
        message("valid.md", 4, "field 'reviewed' is 2026-12-01 but docs/changelog.md has no entry for it that "
                               "recent (no entry names it)",
                "add, under '## 2026-12-01' in docs/changelog.md, a line that links [Fixture Pattern]"
                "(blueprints/valid.md) and says what changed and why")]


def test_valid_page_passes_and_ignores_headings_inside_code(tmp_path):
    (page,) = load_catalog(docs_with(tmp_path, PAGES / "valid.md"))
    assert [h.text for h in page.headings if h.level == 2] == [
        "Recognize the Pattern", "Clarify Requirements", "Estimate Scale", "High-Level Design", "Deep Dive",
        "Trade-offs", "What Each Level Shows", "Red Flags"]
    assert [d.line for d in page.diagrams] == [50, 56]
    assert [(t.section, t.subsection, t.rows) for t in page.tables] == [
        ("High-Level Design", "", 2), ("Deep Dive", "Guarantees and how they fail", 3), ("Trade-offs", "", 4)]


def test_two_templates_cannot_share_a_number(tmp_path):
    pages = sorted((FIXTURES / "catalogs/shared-number").glob("*.md"))
    assert problems_for(tmp_path, *pages) == [
        message("second.md", 2, "number 99 is already used by docs/blueprints/first.md",
                "give each template its own number")]


def test_two_templates_cannot_claim_one_product_even_spelt_differently(tmp_path):
    pages = sorted((FIXTURES / "catalogs/shared-product").glob("*.md"))
    assert problems_for(tmp_path, *pages) == [
        message("second.md", 12, "product 'beta-fixture' is already listed by docs/blueprints/first.md "
                                 "(as 'Beta Fixture')",
                "list each product or alias under one template only; mention it on the other page and link to "
                "the template that owns it")]


def test_an_alias_cannot_name_another_templates_product(tmp_path):
    # An alias is a search term: if it named another template's product, search would split.
    pages = sorted((FIXTURES / "catalogs/shared-alias").glob("*.md"))
    assert problems_for(tmp_path, *pages) == [
        message("second.md", 17, "alias 'ALPHA fixture' is already listed by docs/blueprints/first.md "
                                 "(as 'Alpha Fixture')",
                "list each product or alias under one template only; mention it on the other page and link to "
                "the template that owns it")]


def test_all_problems_of_all_pages_are_reported_together(tmp_path):
    found = problems_for(tmp_path, PAGES / "missing-field.md", PAGES / "own-h1.md")
    assert [f.split(":")[0] for f in found] == ["docs/blueprints/missing-field.md", "docs/blueprints/own-h1.md"]


def test_site_pages_pass_the_check():
    pages = load_catalog(ROOT / "docs")
    assert len(pages) >= 1
    assert sorted(p.number for p in pages) == [p.number for p in pages]


def test_command_line_check_prints_the_same_messages_and_exits_1(tmp_path):
    docs = docs_with(tmp_path, PAGES / "missing-section.md")
    result = subprocess.run([sys.executable, str(ROOT / "scripts/check_blueprints.py"), str(docs)],
                            cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1
    assert message("missing-section.md", 42, "section 'Deep Dive' is missing",
                   "add a heading '## Deep Dive' after the section 'High-Level Design'") in result.stderr


def test_command_line_check_passes_on_the_site():
    result = subprocess.run([sys.executable, "scripts/check_blueprints.py", "docs"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "template pages passed the check" in result.stdout


def test_checking_one_draft_parses_its_diagrams_too(tmp_path):
    # `make check PAGES=...`: one page, with the real mermaid, while other drafts are unfinished.
    docs = docs_with(tmp_path, PAGES / "valid.md")
    (docs / "blueprints" / "unfinished.md").write_text("---\nnumber: 1\n---\n")  # not checked
    draft = docs / "blueprints" / "valid.md"
    draft.write_text(draft.read_text().replace("    S --> D[(Fixture store)]", "    S --> D[(Fixture store", 1))
    result = subprocess.run([sys.executable, str(ROOT / "scripts/check_blueprints.py"), "docs/blueprints/valid.md"],
                            cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1
    assert "docs/blueprints/valid.md:" in result.stderr and "does not parse" in result.stderr
    draft.write_text((PAGES / "valid.md").read_text())
    result = subprocess.run([sys.executable, str(ROOT / "scripts/check_blueprints.py"), "docs/blueprints/valid.md"],
                            cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "1 page(s) passed, 2 diagram(s) parse" in result.stdout


def test_study_aids_are_read_with_their_step_and_parts(tmp_path):
    (page,) = load_catalog(docs_with(tmp_path, PAGES / "valid.md"))
    items = level_items(page)
    assert [(i.level, i.step) for i in items][:4] == [("Mid-level", "Recognize the Pattern"),
                                                      ("Mid-level", "Estimate Scale"),
                                                      ("Mid-level", "High-Level Design"), ("Mid-level", "Trade-offs")]
    assert items[4].key == "senior-1" and items[4].text == "asks how fresh a read must be."
    assert len(items) == 12
    flags = red_flags(page)
    assert len(flags) == 5
    assert (flags[0].mistake, flags[0].why, flags[0].better) == (
        "Skipping the estimate.", "Nothing then sizes the store.", "derive writes a second first.")


def test_a_product_may_not_contain_another_templates_product(tmp_path):
    # "Twitter Trends" beside "Twitter" passes the same-name rule but splits a search for Twitter.
    pages = sorted((FIXTURES / "catalogs/product-inside-product").glob("*.md"))
    assert problems_for(tmp_path, *pages) == [
        message("second.md", 12, "product 'Beta Fixture Trends' contains 'Beta Fixture', a product of "
                                 "docs/blueprints/first.md",
                "rename it, or list it under the template that owns 'Beta Fixture': a search for "
                "'Beta Fixture' would split between two pages")]
