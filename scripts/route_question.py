"""Rank the templates for an interview question with the site's own router (docs/javascripts/
router.js) in Chromium, and list any cue the question quotes. For writing question banks:

    .venv/bin/python scripts/route_question.py "Design a payment system like Stripe"
"""
from __future__ import annotations

from pathlib import Path
import re
import sys

sys.path.insert(0, str(Path(__file__).resolve().parent))

from blueprints.check import load_catalog  # noqa: E402
from blueprints.router import router_data  # noqa: E402
from diagrams.browser import launch  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def quoted_cues(question: str, catalog) -> list[str]:
    """Cues of any template that the question contains as whole words: a question bank must not
    lean on the router's own data."""
    return [cue for p in catalog for cue in p.meta["cues"] if f" {words(cue)} " in f" {words(question)} "]


def rank(questions: list[str], catalog) -> list[list[tuple[str, float]]]:
    from playwright.sync_api import sync_playwright
    data = router_data(catalog, {p.src_uri: p.src_uri for p in catalog})
    script = (ROOT / "docs/javascripts/router.js").read_text(encoding="utf-8")
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        page.set_content("<!doctype html><title>router</title>")
        page.add_script_tag(content=script)
        results = page.evaluate("""([qs, data]) => qs.map((q) => window.BlueprintsRouter.rank(q, data.templates)
            .map((r) => [r.template.url, Math.round(r.score * 100) / 100]))""", [questions, data])
        browser.close()
    return [[(url.split("/")[-1].removesuffix(".md"), score) for url, score in r] for r in results]


def main(argv: list[str]) -> int:
    catalog = load_catalog(ROOT / "docs")
    for question, ranked in zip(argv, rank(argv, catalog)):
        print(question)
        print("  quotes cues:", quoted_cues(question, catalog) or "none")
        print("  ranking:", ", ".join(f"{slug} {score}" for slug, score in ranked) or "no template matches")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
