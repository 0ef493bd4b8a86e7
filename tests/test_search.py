"""Search by what the reader was asked about. Each product and alias in every template's front
matter, typed into the site's search box in Chromium, must put that template first, clearly
ahead of the second result; each glossary term must lead to the glossary or to a template that
the glossary names for it. The lists come from the pages, so a product added later is tested too.

Scores are read from Material's own search worker (its result messages), so a near-tie is caught
even when the order happens to come out right."""
from __future__ import annotations

import re

import pytest

from blueprints.check import load_catalog
from blueprints.search import search_tags

from conftest import DOCS

# Runs before Material's bundle: keeps every (query, results) pair its search worker answers.
RECORD_SEARCH = """(() => {
  const Native = window.Worker;
  window.__search = [];
  window.Worker = function (url, options) {
    const worker = new Native(url, options);
    // The worker answers queries in the order it gets them: typing "Pag" then "PagerDuty" sends
    // two, and the first answer must not be taken for the second.
    const pending = [];
    const post = worker.postMessage.bind(worker);
    worker.postMessage = (message, ...rest) => {
      if (message && message.type === 2) pending.push(message.data);  // QUERY
      return post(message, ...rest);
    };
    worker.addEventListener("message", (event) => {
      if (event.data && event.data.type === 3)  // RESULT
        window.__search.push({ query: pending.shift(), items: event.data.data.items });
    });
    return worker;
  };
})();"""

# The winner must beat the runner-up by this factor; Material's scores for two pages that both
# merely mention a word differ by a few parts per million (a tie, whatever the order).
CLEAR_LEAD = 1.5

CATALOG = load_catalog(DOCS)
PRODUCT_QUERIES = [(name, p.src_uri.removesuffix(".md") + "/")
                   for p in CATALOG for name in search_tags(p.meta)]


def glossary_terms() -> list[tuple[str, set[str]]]:
    """(term, pages that may come first): the glossary itself or a template its entry links."""
    text = (DOCS / "glossary.md").read_text(encoding="utf-8")
    terms = []
    for block in re.split(r"^### ", text, flags=re.M)[1:]:
        term = re.sub(r"\s*\{[^}]*\}\s*$", "", block.splitlines()[0]).strip()
        linked = {"blueprints/" + slug + "/" for slug in re.findall(r"\]\(blueprints/([\w-]+)\.md", block)}
        terms.append((term, {"glossary/"} | linked))
    return terms


@pytest.fixture(scope="module")
def search_box(browser, base_url):
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(RECORD_SEARCH)
    page.goto(base_url, wait_until="networkidle")
    page.keyboard.press("/")
    yield page
    context.close()


def search(page, query: str) -> list[tuple[str, float]]:
    """(page location, best score) per result group, best first, for the query typed by keys."""
    box = page.locator("input[data-md-component=search-query]")
    # Hundreds of queries run on one page: keep only this query's answers, or the recorded result
    # lists grow until the renderer runs out of memory.
    page.evaluate("window.__search.length = 0")
    # Material reads the box on keyup, and each key's query is answered on its own: typing the
    # name key by key ends in the same query as filling it and releasing one key, at a tenth of
    # the time over some 500 names.
    box.fill(query)
    box.press("End")
    page.wait_for_function("(q) => window.__search.some((r) => r.query === q)", arg=query)
    items = page.evaluate("(q) => window.__search.filter((r) => r.query === q).at(-1).items", query)
    groups = [(group[0]["location"].split("#")[0], max(d["score"] for d in group)) for group in items]
    return sorted(groups, key=lambda g: -g[1])


def first_rendered(page) -> str:
    href = page.locator(".md-search-result__link").first.get_attribute("href")
    return re.sub(r"^https?://[^/]+/", "", href).split("?")[0].split("#")[0]


FIRST_RESULT_IS = """(expected) => {
  const link = document.querySelector(".md-search-result__link");
  return link !== null && new URL(link.href).pathname.endsWith("/" + expected);
}"""


def shows_first(page, expected: str) -> bool:
    """The list is drawn a moment after the worker answers: give it that moment, not more."""
    try:
        page.wait_for_function(FIRST_RESULT_IS, arg=expected, timeout=3_000)
        return True
    except Exception:
        return False


def assert_clear_winner(results, allowed: set[str], query: str):
    assert results, f"'{query}' found nothing"
    (top, score), rest = results[0], results[1:]
    assert top in allowed, f"'{query}' ranks {top} first, not {sorted(allowed)}: {results[:3]}"
    runner_up = next((s for loc, s in rest if loc not in allowed), 0)
    assert score >= CLEAR_LEAD * runner_up, f"'{query}': {top} ({score}) barely beats {rest[:2]}"


def test_every_product_and_alias_puts_its_template_first(search_box):
    assert len(PRODUCT_QUERIES) >= 6 * len(CATALOG)
    failures = []
    for query, expected in PRODUCT_QUERIES:
        try:
            assert_clear_winner(search(search_box, query), {expected}, query)
            assert shows_first(search_box, expected), \
                f"'{query}': the list shows {first_rendered(search_box)} first"
        except AssertionError as e:
            failures.append(str(e).splitlines()[0])
    assert failures == []


def test_every_glossary_term_leads_to_the_page_that_explains_it(search_box):
    terms = glossary_terms()
    assert len(terms) >= 20, "the glossary should hold the building blocks the templates rely on"
    failures = []
    for term, allowed in terms:
        try:
            assert_clear_winner(search(search_box, term), allowed, term)
        except AssertionError as e:
            failures.append(str(e).splitlines()[0])
    assert failures == []


def test_the_tie_check_fails_a_near_tie():
    with pytest.raises(AssertionError, match="barely beats"):
        assert_clear_winner([("blueprints/a/", 1_324_748.64), ("blueprints/b/", 1_324_742.72)],
                            {"blueprints/a/"}, "Twitter")
