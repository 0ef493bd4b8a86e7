"""The question router's markup and data, generated from the templates' front matter.

The data is written into the home page itself, not fetched, so the router also works from a
copy opened straight from disk (browsers refuse fetch() on file://). It sits in an attribute, not
in a <script type="application/json">: Material's instant navigation re-creates every script in
the content it swaps in, drops the type, and runs the JSON as JavaScript."""
from __future__ import annotations

import html
import json

from .page import Page

FORM = """<div class="bp-router" data-bp-router data-templates="{data}">
<form class="bp-router__form" role="search" aria-label="Question router" action="#question-router">
<label class="bp-router__label" for="bp-router-question">Paste or type an interview question</label>
<textarea class="bp-router__input" id="bp-router-question" name="q" rows="2" autocomplete="off" spellcheck="false" placeholder="Design a ride-sharing app" aria-describedby="bp-router-hint"></textarea>
<p class="bp-router__hint" id="bp-router-hint">Results update as you type. Enter routes the question; the address bar keeps it, so the link can be shared.</p>
<button class="md-button md-button--primary bp-router__submit" type="submit">Find the template</button>
</form>
<p class="bp-router__status" role="status" aria-live="polite"></p>
<ol class="bp-router__results"></ol>
</div>"""


def router_data(pages: list[Page], urls: dict[str, str]) -> dict:
    """urls maps each page's src_uri to its URL relative to the page the router is on."""
    templates = []
    for page in sorted(pages, key=lambda p: p.number):
        templates.append({"number": page.number, "title": page.title, "url": urls[page.src_uri],
                          "challenge": page.meta["core_challenge"], "cues": page.meta["cues"],
                          "products": page.meta["products"] + (page.meta.get("aliases") or [])})
    return {"templates": templates}


def router_block(pages: list[Page], urls: dict[str, str]) -> str:
    data = json.dumps(router_data(pages, urls), ensure_ascii=False, separators=(",", ":"))
    return FORM.format(data=html.escape(data, quote=True))
