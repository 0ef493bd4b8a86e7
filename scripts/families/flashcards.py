"""Flashcards: one page at flashcards/ that reviews every card in the browser (FSRS, through the
vendored ts-fsrs), and, written after the build beside it, the same cards for Anki (.apkg, one
subdeck per template plus the numbers deck) and as tab-separated text for other tools.

The cards come from blueprints/cards.py at every build, so a corrected page corrects its cards,
and a card keeps its id (and the reader's progress) while only its answer changes."""
from __future__ import annotations

import hashlib
import html
import json
import logging
from pathlib import Path
import time

from blueprints.cards import NUMBERS_DECK, Card, numbers_cards, template_cards
from blueprints.page import Page

from . import Family

log = logging.getLogger("mkdocs.hooks.blueprints")

FOLDER = "flashcards"
URI = f"{FOLDER}/index.md"
APKG = "system-design-blueprints.apkg"
TSV = "system-design-blueprints.tsv"
DECK_ROOT = "System Design Blueprints"
# Fixed ids: Anki identifies decks and note types by them, so a newer release updates in place.
MODEL_ID = 1_733_580_000_001


def all_cards(catalog: list[Page], docs: Path) -> list[Card]:
    cards = [c for page in catalog for c in template_cards(page)]
    return cards + numbers_cards((docs / "numbers.md").read_text(encoding="utf-8"))


def deck_id(name: str) -> int:
    return int(hashlib.sha256(f"{DECK_ROOT}::{name}".encode()).hexdigest()[:12], 16)


def _data(cards: list[Card]) -> dict:
    decks = list(dict.fromkeys(c.deck for c in cards))
    return {"decks": decks, "cards": [{"id": c.id, "deck": decks.index(c.deck), "front": c.front, "back": c.back,
                                        "source": c.source} for c in cards]}


def _page_links(cards: list[Card]) -> list[str]:
    """One link per source page, which MkDocs turns into the page's published URL (directory or
    .html style); the script builds each card's link from these."""
    pages = dict.fromkeys(c.source.split("#")[0] for c in cards)
    return ['<div hidden markdown>', ""] + [f'[{p}](../{p}){{ data-bp-page="{p}" }}' for p in pages] + ["", "</div>"]


def flashcards_markdown(cards: list[Card]) -> str:
    data = html.escape(json.dumps(_data(cards), ensure_ascii=False, separators=(",", ":")), quote=True)
    counts = {}
    for c in cards:
        counts[c.deck] = counts.get(c.deck, 0) + 1
    return "\n".join([
        "---", "title: Flashcards", "search:", "  exclude: true", "hide:", "  - toc", "---", "",
        "# Flashcards", "",
        f"{len(cards)} cards made from the templates and the numbers page at every build: decisions and their "
        "costs, figures, follow-up questions, red flags, what each level shows, and the planning constants. "
        "Reviews are scheduled with FSRS, the algorithm Anki uses, and kept in this browser only. "
        f'Prefer Anki? Download <a href="{APKG}" download>the Anki deck</a> (one subdeck per template; '
        f'importing a newer one updates your notes) or <a href="{TSV}" download>a tab-separated file</a>.', "",
        f'<div class="bp-cards" data-bp-cards="{data}">',
        '<fieldset class="bp-cards__decks"><legend>Decks</legend>',
        '<p><label><input type="checkbox" data-bp-deck-all checked> All decks</label></p>',
        # Drawn here, as the script draws it, so the page does not grow and shift when it runs.
        '<div data-bp-deck-list>' + "".join(
            f'<p class="bp-cards__deck"><label><input type="checkbox" data-bp-deck="{html.escape(deck, quote=True)}" '
            f'checked> {html.escape(deck)} ({n})</label></p>' for deck, n in counts.items()) + '</div></fieldset>',
        '<p class="bp-cards__due" role="status" aria-live="polite" data-bp-due></p>',
        '<section class="bp-card" aria-label="Card" data-bp-card hidden>',
        '<p class="bp-card__deck" data-bp-card-deck></p>',
        '<p class="bp-card__front" data-bp-front></p>',
        '<div class="bp-card__back" data-bp-back hidden><p data-bp-back-text></p>'
        '<p><a data-bp-source>Where this card comes from</a></p></div>',
        '<p class="bp-card__actions">',
        '<button type="button" class="md-button md-button--primary" data-bp-show>Show the answer (Space)</button>',
        '<span data-bp-grades hidden>'
        '<button type="button" class="md-button" data-bp-grade="1">Again (1)</button> '
        '<button type="button" class="md-button" data-bp-grade="2">Hard (2)</button> '
        '<button type="button" class="md-button" data-bp-grade="3">Good (3)</button> '
        '<button type="button" class="md-button" data-bp-grade="4">Easy (4)</button></span>',
        "</p>", "</section>",
        '<p class="bp-cards__done" data-bp-done hidden>Nothing is due in the chosen decks. Come back later.</p>',
        # Shown by the script once it runs, rather than pushed down the screen by the card it draws.
        '<details class="bp-cards__manage" hidden><summary>Move or clear your progress</summary>',
        '<p><button type="button" class="md-button" data-bp-export>Export my progress</button> '
        '<label class="md-button bp-cards__import">Import progress<input type="file" accept="application/json,.json" '
        'data-bp-import class="bp-visually-hidden"></label></p>',
        '<p><button type="button" class="md-button" data-bp-clear-cards>Clear my cards</button></p>',
        '<p data-bp-cards-confirm hidden role="group" aria-label="Confirm clearing cards">'
        '<span data-bp-cards-confirm-text></span> '
        '<button type="button" class="md-button" data-bp-cards-yes>Delete my progress</button> '
        '<button type="button" class="md-button" data-bp-cards-no>Keep it</button></p>',
        "</details>",
        "</div>",
        '<script src="../assets/vendor/ts-fsrs/index.umd.js" data-bp-fsrs></script>',
        "", *_page_links(cards),
        "",
        "Decks: " + ", ".join(f"{deck} ({n})" for deck, n in counts.items()) + ".",
        ""])


def _pages(catalog: list[Page], docs: Path) -> dict[str, str]:
    return {URI: flashcards_markdown(all_cards(catalog, docs))}


def write_apkg(cards: list[Card], out: Path, timestamp: float | None = None) -> int:
    """The Anki package: one note per card, its GUID from the card's id, in subdecks per template."""
    import genanki

    model = genanki.Model(MODEL_ID, "System Design Blueprints card",
                          fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Source"}],
                          templates=[{"name": "Card", "qfmt": "{{Front}}",
                                      "afmt": "{{FrontSide}}<hr id=answer>{{Back}}<br><br><small>{{Source}}</small>"}])
    decks: dict[str, genanki.Deck] = {}
    for card in cards:
        name = f"{DECK_ROOT}::{card.deck}"
        deck = decks.setdefault(card.deck, genanki.Deck(deck_id(card.deck), name))
        # Anki renders fields as HTML: escape, so card text stays text there too.
        fields = [html.escape(card.front), html.escape(card.back).replace("\n", "<br>"), html.escape(card.source)]
        deck.add_note(genanki.Note(model=model, fields=fields, guid=genanki.guid_for(card.id)))
    # Notes carry the build time: Anki updates a note on import only when it is newer.
    genanki.Package(list(decks.values())).write_to_file(str(out), timestamp=timestamp or time.time())
    return len(cards)


def write_tsv(cards: list[Card], out: Path) -> None:
    clean = lambda s: s.replace("\t", " ").replace("\n", "<br>")  # noqa: E731
    lines = ["#separator:tab", "#html:false", "#columns:id\tdeck\tfront\tback\tsource"]
    lines += ["\t".join((c.id, c.deck, clean(c.front), clean(c.back), c.source)) for c in cards]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def finish(site: Path, catalog: list[Page], urls: dict[str, str]) -> None:
    folder = site / FOLDER
    folder.mkdir(exist_ok=True)
    docs = Path(__file__).resolve().parents[2] / "docs"
    cards = all_cards(catalog, docs)
    write_apkg(cards, folder / APKG)
    write_tsv(cards, folder / TSV)
    counts: dict[str, int] = {}
    for card in cards:
        counts[card.deck] = counts.get(card.deck, 0) + 1
    log.info(f"Flashcards: {len(cards)} cards, {APKG} and {TSV}; per deck: "
             + ", ".join(f"{deck} {n}" for deck, n in counts.items()))


FAMILY = Family("Flashcards", FOLDER, _pages, in_nav=False, finish=finish)
