"""The one definition of what a template page must contain.

Everything that knows about fields or sections reads it from here: the checker, the generated
tables and the README's instructions (which point at this file)."""
from __future__ import annotations

from dataclasses import dataclass
import datetime
import re

# Template pages live here, relative to docs/. Not "templates/": MkDocs 1.6 excludes a folder of
# that name from the build by default, and its pages would vanish without an error.
BLUEPRINT_DIR = "blueprints"

# The six steps of an interview answer, in the order a candidate walks through them.
SECTIONS: tuple[str, ...] = (
    "Recognize the Pattern",
    "Clarify Requirements",
    "Estimate Scale",
    "High-Level Design",
    "Deep Dive",
    "Trade-offs",
)

# How long each step gets in a 45-minute interview. The rehearsal timer and the home page's budget
# table both read this: (step, minutes, what the candidate does). The untimed rows frame the
# interview; only the six steps are timed (39 minutes).
UNTIMED_OPENING = ("(Introductions)", 3, "Names, the question, a first sentence about your background.")
UNTIMED_CLOSING = ("(Your questions)", 3, "Ask the interviewer something about their system.")
STEP_BUDGET: tuple[tuple[str, int, str], ...] = (
    ("Recognize the Pattern", 1, "Say which template the question maps to and the one-line pitch."),
    ("Clarify Requirements", 5, "Ask the functional and non-functional questions; write the answers down."),
    ("Estimate Scale", 5, "Turn the answers into requests per second, storage per year and cache size, on the board."),
    ("High-Level Design", 10, "Draw the components and the write and read paths; name a technology for each box."),
    ("Deep Dive", 15, "Take the two or three hardest parts one at a time: what fails, how the design survives."),
    ("Trade-offs", 3, "Sum up each decision as \"we chose X, at the cost of Y\". Say them as you go, too."),
)

# Study aids follow the six steps, in this order, before the optional trailing sections. They are
# not steps: the "six sections" messages and the handbook's bookmarks leave them out.
LEVELS_SECTION = "What Each Level Shows"
RED_FLAGS_SECTION = "Red Flags"
STUDY_SECTIONS: tuple[str, ...] = (LEVELS_SECTION, RED_FLAGS_SECTION)
LEVELS: tuple[str, ...] = ("Mid-level", "Senior", "Staff")
LEVEL_ITEMS = (4, 8)  # observable behaviours per level, at least and at most
RED_FLAG_ITEMS = (5, 8)
# A level item names its step first, in italics: "- *Estimate Scale:* sizes the registry by ...".
# A red flag is "- **The mistake.** Why it fails. *Better:* the better move."
TRAILING_SECTIONS: tuple[str, ...] = ("Follow-up Questions", "See Also")

# A write path and a read path at the least.
MIN_DIAGRAMS = 2

# Diagrams take their colours from the theme (light, dark and print) and their shapes from the
# legend page, so no diagram may style itself. Flowcharts run top-down: they read on paper.
FORBIDDEN_DIAGRAM_LINES = ("style ", "classDef ", "class ", "linkStyle ", "%%{")
FLOWCHART_DIRECTIONS = ("TD", "TB")

# The Trade-offs section opens with a table whose header names these columns (matched
# case-insensitively by word stem), with at least this many decisions in it.
TRADEOFF_SECTION = "Trade-offs"
TRADEOFF_COLUMNS: tuple[str, ...] = ("Decision", "Option", "Choice", "Cost")
MIN_TRADEOFF_ROWS = 4


@dataclass(frozen=True)
class Field:
    name: str
    kind: type  # int, str or list (a list of non-empty strings)
    meaning: str
    example: str
    min_items: int = 1
    required: bool = True
    max_items: int | None = None


FIELDS: tuple[Field, ...] = (
    Field("number", int, "the template's number, unique across templates; orders the nav and tables", "5"),
    Field("title", str, "the page title (the page has no H1 of its own)", "URL Shortener"),
    Field("pitch", str, "the one sentence a candidate opens with", "A read-heavy key-value lookup ..."),
    Field("core_challenge", str, "the hardest problem, in one line, for the routing table", "Unique short codes, redirects from cache"),
    Field("products", list, "products a candidate may be asked to design with this template", "[TinyURL, Bitly, ...]", min_items=6),
    Field("cues", list, "words in an interview question that route to this template", "[short links, tiny url, ...]"),
    Field("reviewed", datetime.date, "the date of the page's last adversarial review, an unquoted YAML date",
          "2026-12-07"),
    Field("questions", list, "interview prompts as an interviewer says them; they never feed the router",
          "[Design a service that lets users share a short link to any web page, ...]", min_items=3, max_items=5),
    Field("aliases", list, "other spellings readers search for, of products listed above", "[Bit.ly, TinyURL.com]",
          required=False),
)

FIELDS_BY_NAME = {f.name: f for f in FIELDS}


# Deep Dive ends its promises in one table: what is promised, how, what could break it, and the
# worst case added up stage by stage.
GUARANTEES_SECTION = "Deep Dive"
GUARANTEES_HEADING = "Guarantees and how they fail"
GUARANTEES_COLUMNS: tuple[str, ...] = ("Promise", "Mechanism", "What could break it", "Bound")
MIN_GUARANTEES_ROWS = 3

# Every row of the High-Level Design component table is drawn; a row whose name is in italics sits
# on no data path (a dashboard, an autoscaler) and is exempt.
COMPONENTS_SECTION = "High-Level Design"
COMPONENT_COLUMN = "Component"
TECHNOLOGY_COLUMN = "Technology"

# The errata page: a template's reviewed date may not be newer than the newest entry naming it.
CHANGELOG = "changelog.md"

# Study aids repeat the page in another form, so they do not count against its length.
STUDY_AID_SECTIONS: tuple[str, ...] = ("What Each Level Shows", "Red Flags")
MAX_WORDS = 6000
_TABLE_RULE = re.compile(r"^[|:-]+$")
_MERMAID_OPEN = re.compile(r"^\s*(```+|~~~+)\s*mermaid\b")


def count_words(text: str) -> int:
    """Words of a page body: whitespace-separated tokens outside the front matter, Mermaid fences
    and study-aid sections; a token made only of '|', '-' or ':' (table rules) is not a word."""
    lines = text.splitlines()
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
        lines = lines[end + 1:] if end is not None else lines
    words, fence, skipping = 0, None, False
    for line in lines:
        if fence:
            if line.strip().startswith(fence):
                fence = None
            continue
        if m := _MERMAID_OPEN.match(line):
            fence = m.group(1)
            continue
        if line.startswith("## "):
            skipping = re.sub(r"\s*\{[^}]*\}\s*$", "", line[3:]).strip() in STUDY_AID_SECTIONS
        if not skipping:
            words += sum(1 for token in line.split() if not _TABLE_RULE.match(token))
    return words
