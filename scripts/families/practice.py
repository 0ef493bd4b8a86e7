"""The one Practice page in the nav: every template with a link to its rehearsal and its
interviewer kit, and, filled in by the browser, the last rehearsal's date and score."""
from __future__ import annotations

from pathlib import Path

from blueprints.page import Page
from blueprints.schema import STEP_BUDGET

from . import Family, practised
from .interviewer import kit_uri
from .rehearse import rehearse_uri, slug

URI = "practice.md"


def practice_markdown(catalog: list[Page]) -> str:
    total = sum(m for _, m, _ in STEP_BUDGET)
    rows = ["| Template | Rehearse alone | Mock with a friend | Your last rehearsal |", "|---|---|---|---|"]
    for page in practised(catalog):
        rows.append(f"| [{page.number}. {page.title}]({page.src_uri}) | [Rehearse]({rehearse_uri(page)}) "
                    f"| [Interviewer kit]({kit_uri(page)}) "
                    f'| <span data-bp-last="{slug(page)}">none yet</span> |')
    return "\n".join([
        "---", "title: Practice", "---", "", "# Practice", "",
        f"Reading a template is not rehearsing it. **Rehearse** hides the answer, gives you an interviewer's "
        f"prompt and a {total}-minute clock for the six steps, and reveals each step of the template only "
        "after you have written yours, with what a mid-level, senior and staff answer would have said. "
        "**Interviewer kit** is a two-page sheet a friend can run a mock from, or a prompt that makes any "
        "chatbot play the interviewer. Your answers and scores stay in this browser. To keep the "
        "decisions and figures in your head for weeks, review the [flashcards](flashcards/index.md).", "",
        *rows, ""])


def _pages(catalog: list[Page], docs: Path) -> dict[str, str]:
    return {URI: practice_markdown(catalog)}


FAMILY = Family("Practice", "", _pages)
