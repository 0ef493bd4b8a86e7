"""The question router on the home page, in Chromium: realistic interview questions, phrased
differently from every template's cues, must rank the right template first; the question lives in
?q=; it works by keyboard alone, is announced to screen readers, and shows markup as text."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from blueprints.check import load_catalog

from conftest import DOCS

# Two or more questions per template, in the words an interviewer might use.
QUESTIONS = {
    "read-heavy-media": [
        "How would you build a platform where creators upload videos and millions of people watch them?",
        "Design Netflix's backend for streaming movies to TV apps around the world",
        "Design a cloud storage service that keeps a user's files in sync across their devices",
    ],
    "social-feed": [
        "Design the home page of Twitter where users see recent posts from accounts they follow",
        "How would you generate a personalised timeline for a billion users, including celebrities "
        "followed by 100 million people?",
    ],
    "real-time-chat": [
        "How would you build one-to-one and group messaging that still delivers when the recipient "
        "is offline?",
        "Design the backend of a messaging app like WhatsApp",
    ],
    "location": [
        "Design a ride-sharing app",
        "How would you find the closest available drivers to a rider in real time?",
        "Design Yelp: show restaurants within two kilometres of where the user stands",
    ],
    "url-shortener": [
        "Design a service that turns long links into seven-character codes",
        "How would you build something like bit.ly?",
    ],
    "rate-limiter": [
        "How do you stop one customer from sending more than 100 API calls a minute?",
        "Design a throttling layer in front of a public REST API",
    ],
    "monitoring": [
        "How would you collect CPU metrics from 100,000 servers and page someone when they spike?",
        "Design a system like Datadog that stores metrics and draws dashboards",
    ],
    "booking": [
        "How would you build the backend for a flash ticket sale?",
        "Design a system for reserving hotel rooms that never sells the same room twice",
    ],
    "ai-agent": [
        "Design an autonomous coding assistant that edits a repository and runs the tests",
        "How would you build a customer support bot that calls tools to issue refunds?",
    ],
    "typeahead": [
        "Design the suggestions that appear under the Google search box as a user types",
        "How would you suggest completions for a query after every keystroke?",
    ],
    "collaborative-editing": [
        "How would you let several people edit the same spreadsheet at once without losing changes?",
        "Design Google Docs",
    ],
    "code-execution": [
        "Design LeetCode's system for judging submitted solutions",
        "How would you safely run code that strangers submit on your servers?",
    ],
    "payments": [
        "Design the money movement behind a marketplace like Etsy, where buyers pay and sellers are paid out",
        "How would you keep a customer from being charged twice when the card processor times out?",
        "How would you build an app where friends keep a balance and send each other money?",
    ],
    "counting-at-scale": [
        "How would you show each of fifty million players their global rank after every match?",
        "How would you compute the hundred most popular hashtags of the last hour from billions of events?",
        "Design an ad click aggregator that advertisers are billed from",
    ],
    "jobs-and-notifications": [
        "How would you send a billion push messages, emails and SMS a day without reaching anyone twice?",
        "How would you run millions of tasks, each at its own set time and exactly once, across a fleet of workers?",
        "How would you deliver webhooks to customer endpoints that are sometimes down?",
    ],
    "crawl-and-index": [
        "How would you download a billion web pages a day without hammering any single site?",
        "How would you build the index behind a search engine over billions of pages?",
        "Design search over every post on a social network, fresh within seconds",
    ],
}

CATALOG = load_catalog(DOCS)
SLUGS = {p.src_uri.split("/")[-1].removesuffix(".md"): p for p in CATALOG}


def words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def test_every_template_has_at_least_two_questions_none_quoting_a_cue():
    assert set(QUESTIONS) == set(SLUGS), "add questions for every template (and only for templates)"
    for slug, questions in QUESTIONS.items():
        assert len(questions) >= 2
        for question in questions:
            quoted = [cue for p in CATALOG for cue in p.meta["cues"] if f" {words(cue)} " in f" {words(question)} "]
            assert quoted == [], f"{question!r} quotes cues {quoted}: write it differently"


def routed(page) -> list[str]:
    page.locator(".bp-router__result").first.wait_for()
    hrefs = page.locator(".bp-router__result a.bp-router__title").evaluate_all("els => els.map(e => e.href)")
    return [urlsplit(h).path.rstrip("/").split("/")[-1] for h in hrefs]


@pytest.mark.parametrize("slug,question", [(s, q) for s, qs in QUESTIONS.items() for q in qs])
def test_a_shared_question_routes_to_its_template_first(base_url, new_page, slug, question):
    page, watch = new_page()
    page.goto(f"{base_url}?q={quote(question)}", wait_until="networkidle")
    assert routed(page)[0] == slug, f"{question!r} -> {routed(page)}"
    first = page.locator(".bp-router__result").first
    assert first.locator(".bp-router__cues mark").count() >= 1, "the matched cues are shown"
    assert parse_qs(urlsplit(page.url).query)["q"] == [question], "the question stays in the address"
    assert page.locator("#__search").is_checked() is False, "Material's search must not open over the router"
    assert watch.errors == []


def test_keyboard_alone_routes_and_the_result_is_announced(base_url, new_page):
    page, watch = new_page()
    page.goto(base_url, wait_until="networkidle")
    box = page.get_by_label("Paste or type an interview question")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "bp-router-question":
            break
    assert page.evaluate("document.activeElement.id") == "bp-router-question", "Tab reaches the box"
    page.keyboard.type("Design a ride-sharing app")
    page.keyboard.press("Enter")
    assert routed(page)[0] == "location"
    status = page.locator(".bp-router__status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    assert "ride-sharing" in status.inner_text()
    assert parse_qs(urlsplit(page.url).query)["q"] == ["Design a ride-sharing app"]
    assert box.input_value() == "Design a ride-sharing app"
    assert watch.errors == []


def test_markup_typed_into_the_box_is_shown_as_text(base_url, new_page):
    page, watch = new_page()
    page.goto(base_url, wait_until="networkidle")
    markup = '<img src=x onerror="window.__injected=1"><b>chat</b>'
    page.get_by_label("Paste or type an interview question").fill(markup)
    page.keyboard.press("Enter")
    status = page.locator(".bp-router__status")
    status.wait_for()
    page.wait_for_function("document.querySelector('.bp-router__status').textContent.length > 0")
    assert markup in status.inner_text()
    assert page.locator(".bp-router img, .bp-router b").count() == 0
    assert page.evaluate("window.__injected") is None
    assert watch.errors == []


def test_a_question_that_matches_nothing_says_so_and_points_to_the_table(base_url, new_page):
    page, _ = new_page()
    page.goto(f"{base_url}?q={quote('Design a parking lot')}", wait_until="networkidle")
    status = page.locator(".bp-router__status")
    page.wait_for_function("document.querySelector('.bp-router__status').textContent.length > 0")
    assert "No template matches" in status.inner_text()
    assert page.locator(".bp-router__result").count() == 0
    status.get_by_role("link").click()
    assert page.url.endswith("#routing-table")
    assert page.locator("#routing-table").is_visible()


def test_the_router_works_after_instant_navigation_to_the_home_page(base_url, new_page):
    # Material swaps pages in without a reload and re-runs the scripts inside the new content.
    page, watch = new_page()
    page.goto(base_url + "numbers/", wait_until="networkidle")
    page.evaluate("window.__sameDocument = true")
    page.locator("a.md-header__button.md-logo").click()
    page.get_by_label("Paste or type an interview question").fill("Design a ride-sharing app")
    page.keyboard.press("Enter")
    assert routed(page)[0] == "location"
    assert page.evaluate("window.__sameDocument === true"), "expected Material's instant navigation"
    assert watch.errors == []


# The question banks feed the rehearsals and the flashcards, never the router: each prompt is a
# real test of the router, in the interviewer's words.
BANK = [(slug, q) for slug, page in SLUGS.items() for q in page.meta.get("questions") or []]


def test_every_template_has_a_question_bank_quoting_no_cue():
    assert {slug for slug, _ in BANK} == set(SLUGS)
    for slug, question in BANK:
        quoted = [cue for p in CATALOG for cue in p.meta["cues"] if f" {words(cue)} " in f" {words(question)} "]
        assert quoted == [], f"{slug}: {question!r} quotes cues {quoted}"


@pytest.mark.parametrize("slug,question", BANK)
def test_a_question_bank_prompt_routes_to_its_template_first(base_url, new_page, slug, question):
    page, watch = new_page()
    page.goto(f"{base_url}?q={quote(question)}", wait_until="networkidle")
    assert routed(page)[0] == slug, f"{question!r} -> {routed(page)}"
    assert watch.errors == []
