"""Rehearse mode: one page per template at rehearse/<name>/. It shows one prompt from the
template's question bank and nothing of the answer; the candidate writes each of the six steps
against the clock, then reveals that step's section of the built template (diagrams drawn, taken
from the published page after the build, never copied by hand) beside the step's level items to
tick. docs/javascripts/rehearse.js runs it; everything it keeps stays in localStorage."""
from __future__ import annotations

import html
import json
from pathlib import Path
import posixpath
import re

from blueprints.page import Page
from blueprints.schema import LEVELS, SECTIONS, STEP_BUDGET
from blueprints.study_aids import level_items, red_flags
from site_html import article, h2_sections, rebase_links

from . import Family, practised

FOLDER = "rehearse"
SLOT = '<template data-bp-section="{name}"></template>'


def slug(page: Page) -> str:
    return posixpath.basename(page.src_uri).removesuffix(".md")


def rehearse_uri(page: Page) -> str:
    return f"{FOLDER}/{slug(page)}.md"


def _attr(value) -> str:
    return html.escape(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False), quote=True)


def rehearse_markdown(page: Page) -> str:
    back = posixpath.relpath(page.src_uri, FOLDER)
    items = level_items(page)
    data = {"template": slug(page), "title": page.title, "prompts": page.meta["questions"],
            "steps": [{"name": name, "minutes": minutes} for name, minutes, _ in STEP_BUDGET],
            "levels": {level: sum(1 for i in items if i.level == level) for level in LEVELS}}
    total = sum(m for _, m, _ in STEP_BUDGET)
    out = [
        "---",
        f"title: 'Rehearse: {page.title.replace(chr(39), chr(39) * 2)}'",
        "search:",
        "  exclude: true",
        "hide:",
        "  - toc",
        "---",
        "",
        f"# Rehearse: {page.title}",
        "",
        f'<div class="bp-rehearse" data-bp-rehearse data-rehearsal="{_attr(data)}" markdown>',
        "",
        f"Answer out loud or in the boxes, one step at a time, against the {total}-minute clock. Each "
        f"**Reveal** shows that step of the [{page.title}]({back}) template and what each level would have "
        "said; tick only what your answer did. Nothing leaves this browser.",
        "",
        '<div class="bp-rehearse__prompt">',
        '<p class="bp-rehearse__label">The interviewer asks</p>',
        '<blockquote class="bp-rehearse__question" data-bp-prompt></blockquote>',
        '<button type="button" class="md-button bp-rehearse__another" data-bp-another>Another prompt</button>',
        "</div>",
        "",
        '<div class="bp-rehearse__clock" role="group" aria-label="Timer">',
        '<p class="bp-rehearse__now"><span data-bp-now>Not started</span> '
        '<span class="bp-rehearse__left" data-bp-left></span></p>',
        '<button type="button" class="md-button md-button--primary" data-bp-start>Start the clock</button>',
        '<button type="button" class="md-button" data-bp-pause hidden>Pause</button>',
        '<button type="button" class="md-button" data-bp-finish>Finish and score</button>',
        '<button type="button" class="md-button" data-bp-restart>Start over</button>',
        "</div>",
        '<p class="bp-visually-hidden" role="status" aria-live="polite" data-bp-announce></p>',
        "",
    ]
    for n, (name, minutes, what) in enumerate(STEP_BUDGET, 1):
        mine = [i for i in items if i.step == name]
        out += [
            f'<section class="bp-step" data-bp-step="{n - 1}" aria-labelledby="bp-step-{n}">',
            f'<h2 id="bp-step-{n}">{n}. {html.escape(name)} '
            f'<span class="bp-step__budget">{minutes} min</span> '
            '<span class="bp-step__status" data-bp-status></span></h2>',
            f'<p class="bp-step__do">{html.escape(what)}</p>',
            f'<label class="bp-step__label" for="bp-answer-{n}">Your answer for {html.escape(name)}</label>',
            f'<textarea class="bp-step__answer" id="bp-answer-{n}" rows="5" data-bp-answer></textarea>',
            f'<button type="button" class="md-button bp-step__reveal" data-bp-reveal aria-expanded="false" '
            f'aria-controls="bp-reveal-{n}">Reveal {html.escape(name)}</button>',
            f'<div class="bp-step__revealed" id="bp-reveal-{n}" hidden markdown>',
            "",
            SLOT.format(name=html.escape(name, quote=True)),
            '<div class="bp-step__section" data-bp-content></div>',
            "",
            f'<fieldset class="bp-rubric" markdown><legend>Tick what your answer did in {html.escape(name)}</legend>',
            "",
        ]
        if not mine:
            out += ['<p class="bp-rubric__none">No level item belongs to this step.</p>', ""]
        for level in LEVELS:
            for item in (i for i in mine if i.level == level):
                out += [f'<p class="bp-rubric__item" markdown="span"><label><input type="checkbox" '
                        f'data-bp-tick="{item.key}" data-bp-level="{level}"> '
                        f'<span class="bp-rubric__level">{level}</span> {item.text}</label></p>', ""]
        out += ["</fieldset>", "", "</div>", "</section>", ""]
    out += [
        '<section class="bp-summary" data-bp-summary hidden aria-labelledby="bp-summary-title" markdown>',
        '<h2 id="bp-summary-title" tabindex="-1">Your score</h2>',
        '<ul class="bp-summary__levels" data-bp-scores></ul>',
        "",
        "**Check your answer against the red flags of this problem:**",
        "",
    ]
    out += [f"- **{f.mistake}** {f.why} *Better:* {f.better}" for f in red_flags(page)]
    out += ["", '<p class="bp-summary__reread-title">Reread the steps where you left items unticked:</p>', "",
            '<div class="bp-summary__reread" data-bp-reread markdown>', ""]
    for name in SECTIONS:
        anchor = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        out.append(f'- [{name}]({back}#{anchor}){{ data-bp-reread-step="{html.escape(name, quote=True)}" }}')
    out += ["", "</div>", "</section>", "",
            '<section class="bp-history" aria-labelledby="bp-history-title">',
            '<h2 id="bp-history-title">Your rehearsals</h2>',
            '<p data-bp-history-empty>None yet. Finished rehearsals are kept in this browser only.</p>',
            '<ol class="bp-history__list" data-bp-history></ol>',
            '<p><button type="button" class="md-button" data-bp-clear>Clear my rehearsals</button></p>',
            '<p class="bp-history__confirm" data-bp-confirm hidden role="group" aria-label="Confirm clearing">'
            '<span data-bp-confirm-text></span> '
            '<button type="button" class="md-button" data-bp-confirm-yes>Delete them</button> '
            '<button type="button" class="md-button" data-bp-confirm-no>Keep them</button></p>',
            "</section>", "", "</div>", ""]
    return "\n".join(out)


def _pages(catalog: list[Page], docs: Path) -> dict[str, str]:
    return {rehearse_uri(p): rehearse_markdown(p) for p in practised(catalog)}


def fill_sections(site: Path, catalog: list[Page], urls: dict[str, str]) -> None:
    """Put each step's section of the built template into its rehearsal page, inert until
    revealed, with links rewritten to work from the rehearsal's address."""
    for page in practised(catalog):
        source, target = urls[page.src_uri], urls[rehearse_uri(page)]
        sections = h2_sections(article(site, source))
        out = site / (target + "index.html" if target.endswith("/") else target)
        text = out.read_text(encoding="utf-8")
        for name in SECTIONS:
            slot = SLOT.format(name=html.escape(name, quote=True))
            if slot not in text or name not in sections:
                raise ValueError(f"{target}: no slot or no built section for '{name}'")
            body = rebase_links(sections[name][1], source, target)
            text = text.replace(slot, slot.replace("></template>", f">{body}</template>"), 1)
        out.write_text(text, encoding="utf-8")


FAMILY = Family("Rehearse", FOLDER, _pages, in_nav=False, finish=fill_sections)
