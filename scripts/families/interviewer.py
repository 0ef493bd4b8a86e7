"""Interviewer kit: one page per template at interviewer/<name>/, for a friend with no system
design background to run a fair mock. It prints on two A4 pages at most, so it takes little: the
prompt, the facts to give only when asked, the clock, one list of what to listen for per step and
level, at most two probes per step, one-line red flags. A button copies a plain-text version that
makes any chatbot play the interviewer; the site sends nothing anywhere."""
from __future__ import annotations

import html
from pathlib import Path
import posixpath
import re

from blueprints.page import Page, tables
from blueprints.schema import LEVELS, STEP_BUDGET
from blueprints.study_aids import level_items, red_flags

from . import Family, practised
from .rehearse import slug

FOLDER = "interviewer"
PROBES_PER_STEP = 2
FACTS = 8


def kit_uri(page: Page) -> str:
    return f"{FOLDER}/{slug(page)}.md"


def _plain(markdown: str) -> str:
    """Markdown inline text as plain text: for the chatbot prompt."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"[*_`]", "", text).replace("\\|", "|").strip()


def facts(page: Page) -> list[tuple[str, str]]:
    """(question, the answer to give) from the Clarify Requirements table."""
    table = next((t for t in tables(page.text) if t.section == "Clarify Requirements" and t.header
                  and t.header[0].lower().startswith("question")), None)
    if table is None:
        return []
    answer = len(table.header) - 1
    return [(row[0], row[answer]) for row in table.cells[:FACTS] if len(row) > answer]


def probes(page: Page) -> dict[str, list[str]]:
    """At most two probes per step: the deep dives' own titles for Deep Dive, the follow-up
    questions for Trade-offs, and the page's trickiest level items (staff first) elsewhere."""
    h3 = [h for h in page.headings if h.level == 3]
    deep = next(h.line for h in page.headings if h.level == 2 and h.text == "Deep Dive")
    after = [h.line for h in page.headings if h.level == 2 and h.line > deep]
    end = min(after) if after else 10 ** 9
    dives = [re.sub(r"^\d+\.\s*", "", h.text) for h in h3 if deep < h.line < end
             and h.text not in ("Guarantees and how they fail", "Say it out loud")]
    follow = re.findall(r"^\*\*(.+?\?)\*\*", page.text.split("## Follow-up Questions", 1)[-1], re.M)
    out = {"Deep Dive": [f"Walk me through this: {d}" for d in dives[:PROBES_PER_STEP]],
           "Trade-offs": follow[:PROBES_PER_STEP]}
    return out


def kit_markdown(page: Page) -> str:
    prompts = page.meta["questions"]
    items = level_items(page)
    back = posixpath.relpath(page.src_uri, FOLDER)
    found = probes(page)
    out = ["---", f"title: 'Interviewer kit: {page.title.replace(chr(39), chr(39) * 2)}'", "search:", "  exclude: true",
           "hide:", "  - toc", "---", "", f"# Interviewer kit: {page.title}", "",
           '<div class="bp-kit" markdown>', "",
           f"For a friend running a mock interview: you need no system design background. Read the prompt, "
           f"keep time, answer only what the candidate asks, and tick what you hear. The answer key is the "
           f"[{page.title}]({back}) template; the candidate should not read it first.", "",
           "## Read this out", "", f"> {prompts[0]}", ""]
    if len(prompts) > 1:
        out += ["Other ways to ask it: " + " · ".join(f"*{q}*" for q in prompts[1:]), ""]
    rows = facts(page)
    if rows:
        out += ["## Give these only when asked", "", "| If they ask | Say |", "|---|---|"]
        out += [f"| {q} | {a} |" for q, a in rows]
        out += [""]
    total = sum(m for _, m, _ in STEP_BUDGET)
    out += ["## Keep time", "", " → ".join(f"{name} {m} min" for name, m, _ in STEP_BUDGET)
            + f" ({total} min, after 3 minutes of introductions).", "",
            "## Listen for, step by step", "",
            "Tick an item when you hear or see it. A candidate shows a level when they tick most of its items "
            "and none of the red flags below.", ""]
    for name, _, _ in STEP_BUDGET:
        mine = [i for i in items if i.step == name]
        asks = found.get(name, [])
        if not mine and not asks:
            continue
        out += [f"### {name}", ""]
        for level in LEVELS:
            for item in (i for i in mine if i.level == level):
                out.append(f"- ☐ **{level}:** {item.text}")
        for probe in asks:
            out.append(f"- *Probe:* {probe}")
        out.append("")
    flags = red_flags(page)
    if flags:
        out += ["## Red flags", ""] + [f"- {f.mistake}" for f in flags] + [""]
    out += ['<p class="bp-kit__copy"><button type="button" class="md-button" data-bp-copy-kit>'
            'Copy as chatbot prompt</button> <span role="status" aria-live="polite" data-bp-copy-status></span></p>',
            f'<textarea class="bp-kit__prompt" readonly aria-label="Chatbot prompt" data-bp-kit-prompt rows="6">'
            f"{html.escape(chatbot_prompt(page))}</textarea>", "", "</div>", ""]
    return "\n".join(out)


def chatbot_prompt(page: Page) -> str:
    """Plain text that makes a chatbot play a fair interviewer with this template's rubric."""
    items = level_items(page)
    lines = [f"You are interviewing me for a system design round. The question is: \"{page.meta['questions'][0]}\"",
             "Play the interviewer for 45 minutes. Ask one thing at a time and wait for my answer. Do not give me "
             "the design. Answer my clarifying questions with these facts, and only when I ask:"]
    lines += [f"- {_plain(q)} {_plain(a)}" for q, a in facts(page)]
    lines += ["Move me through these steps with their time budgets: "
              + "; ".join(f"{name} ({m} min)" for name, m, _ in STEP_BUDGET) + "."]
    found = probes(page)
    for probe in found.get("Deep Dive", []) + found.get("Trade-offs", []):
        lines.append(f"When we reach it, probe: {_plain(probe)}")
    lines.append("At the end, grade me per level. Say which of these I showed, step by step:")
    for level in LEVELS:
        lines += [f"{level}:"] + [f"- ({i.step}) {_plain(i.text)}" for i in items if i.level == level]
    lines.append("Also tell me if I fell into any of these traps:")
    lines += [f"- {_plain(f.mistake)} {_plain(f.why)}" for f in red_flags(page)]
    return "\n".join(lines)


def _pages(catalog: list[Page], docs: Path) -> dict[str, str]:
    return {kit_uri(p): kit_markdown(p) for p in practised(catalog)}


FAMILY = Family("Interviewer kits", FOLDER, _pages, in_nav=False)
