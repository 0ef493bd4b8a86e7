/* Flashcards (flashcards/): review the generated cards with FSRS (ts-fsrs, vendored, loaded only
   on that page). Progress is kept in this browser under "sdb.cards.", can be exported to a JSON
   file and imported elsewhere, and cleared after a confirmation. Card text is set as text. */
(function () {
  "use strict";

  const PREFIX = "sdb.cards.";
  const STATE = PREFIX + "state";
  const DECKS = PREFIX + "decks";
  const NEW_PER_DAY = 20;
  const SOON_MS = 20 * 60 * 1000;  // learning steps due within this come back in the same session
  let timer = null;

  function read(key, fallback) {
    try { const v = localStorage.getItem(key); return v ? JSON.parse(v) : fallback; } catch (e) { return fallback; }
  }
  function write(key, value) {
    try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* storage off or full */ }
  }

  function start() {
    clearTimeout(timer);
    const root = document.querySelector("[data-bp-cards]");
    if (!root || root.dataset.started) return;
    if (!window.FSRS) {
      const script = document.querySelector("script[data-bp-fsrs]");
      if (script) script.addEventListener("load", start, { once: true });
      return;
    }
    root.dataset.started = "true";
    const F = window.FSRS;
    // Fuzz off: the same grade always gives the same date, which the tests read back.
    const scheduler = F.fsrs(F.generatorParameters({ enable_fuzz: false }));
    const data = JSON.parse(root.dataset.bpCards);
    const $ = (s) => root.querySelector(s);
    const links = {};
    document.querySelectorAll("a[data-bp-page]").forEach((a) => { links[a.dataset.bpPage] = a.getAttribute("href"); });
    let progress = read(STATE, {});
    let chosen = new Set(read(DECKS, data.decks));
    let current = null;

    const now = () => new Date(Date.now());
    const toCard = (saved) => F.TypeConvert.card(saved);
    const today = () => now().toISOString().slice(0, 10);

    function inDecks(card) { return chosen.has(data.decks[card.deck]); }

    function queue() {
      const t = now().getTime();
      const due = data.cards.filter((c) => inDecks(c) && progress[c.id] && new Date(progress[c.id].due).getTime() <= t)
        .sort((a, b) => new Date(progress[a.id].due) - new Date(progress[b.id].due));
      const introduced = Object.values(progress).filter((p) => p.added === today()).length;
      const fresh = data.cards.filter((c) => inDecks(c) && !progress[c.id]).slice(0, Math.max(0, NEW_PER_DAY - introduced));
      const soon = data.cards.filter((c) => inDecks(c) && progress[c.id] && progress[c.id].state !== F.State.Review
        && new Date(progress[c.id].due).getTime() > t && new Date(progress[c.id].due).getTime() - t < SOON_MS)
        .map((c) => new Date(progress[c.id].due).getTime());
      return { due, fresh, next: soon.length ? Math.min(...soon) : null };
    }

    // The build draws one box per deck (scripts/families/flashcards.py); only the ticks are ours.
    function decksUi() {
      root.querySelectorAll("[data-bp-deck]").forEach((box) => { box.checked = chosen.has(box.dataset.bpDeck); });
      $("[data-bp-deck-all]").checked = chosen.size === data.decks.length;
    }

    function show() {
      clearTimeout(timer);
      const { due, fresh, next } = queue();
      $("[data-bp-due]").textContent = `${due.length} due now, ${fresh.length} new.`;
      current = due[0] || fresh[0] || null;
      $("[data-bp-card]").hidden = !current;
      $("[data-bp-done]").hidden = Boolean(current);
      if (!current) {
        if (next) {
          $("[data-bp-done]").textContent = "A card you are learning comes back in a few minutes.";
          timer = setTimeout(show, Math.max(1000, next - Date.now()));
        } else {
          $("[data-bp-done]").textContent = "Nothing is due in the chosen decks. Come back later.";
        }
        return;
      }
      $("[data-bp-card-deck]").textContent = data.decks[current.deck];
      $("[data-bp-front]").textContent = current.front;
      $("[data-bp-back-text]").textContent = current.back;
      const [page, fragment] = current.source.split("#");
      const link = $("[data-bp-source]");
      link.href = (links[page] || "../") + (fragment ? "#" + fragment : "");
      $("[data-bp-back]").hidden = true;
      $("[data-bp-grades]").hidden = true;
      $("[data-bp-show]").hidden = false;
    }

    function reveal() {
      if (!current || !$("[data-bp-back]").hidden) return;
      $("[data-bp-back]").hidden = false;
      $("[data-bp-grades]").hidden = false;
      $("[data-bp-show]").hidden = true;
      $('[data-bp-grade="3"]').focus();
    }

    function grade(rating) {
      if (!current || $("[data-bp-back]").hidden) return;
      const saved = progress[current.id];
      const card = saved ? toCard(saved) : F.createEmptyCard(now());
      const next = scheduler.next(card, now(), rating).card;
      progress[current.id] = { ...next, due: next.due.toISOString(),
        last_review: next.last_review ? next.last_review.toISOString() : null,
        added: saved ? saved.added : today() };
      write(STATE, progress);
      show();
      $("[data-bp-show]").focus();
    }

    function exportProgress() {
      const blob = new Blob([JSON.stringify({ format: "sdb.cards", version: 1, exported: now().toISOString(),
        decks: [...chosen], cards: progress }, null, 1)], { type: "application/json" });
      const a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = `flashcards-progress-${today()}.json`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    }

    async function importProgress(file) {
      try {
        const saved = JSON.parse(await file.text());
        if (saved.format !== "sdb.cards" || typeof saved.cards !== "object") throw new Error("not a progress file");
        progress = saved.cards;
        chosen = new Set(Array.isArray(saved.decks) ? saved.decks.filter((d) => data.decks.includes(d)) : data.decks);
        write(STATE, progress);
        write(DECKS, [...chosen]);
        decksUi();
        show();
        $("[data-bp-due]").textContent = `Progress imported. ${$("[data-bp-due]").textContent}`;
      } catch (error) {
        $("[data-bp-due]").textContent = "That file is not a progress file exported from this page.";
      }
    }

    $("[data-bp-show]").addEventListener("click", reveal);
    root.querySelectorAll("[data-bp-grade]").forEach((b) => b.addEventListener("click", () => grade(Number(b.dataset.bpGrade))));
    $("[data-bp-deck-list]").addEventListener("change", (event) => {
      const box = event.target.closest("[data-bp-deck]");
      if (!box) return;
      if (box.checked) chosen.add(box.dataset.bpDeck); else chosen.delete(box.dataset.bpDeck);
      write(DECKS, [...chosen]);
      $("[data-bp-deck-all]").checked = chosen.size === data.decks.length;
      show();
    });
    $("[data-bp-deck-all]").addEventListener("change", (event) => {
      chosen = new Set(event.target.checked ? data.decks : []);
      write(DECKS, [...chosen]);
      decksUi();
      show();
    });
    $(".bp-cards__manage").hidden = false;
    $("[data-bp-export]").addEventListener("click", exportProgress);
    $("[data-bp-import]").addEventListener("change", (event) => {
      if (event.target.files[0]) importProgress(event.target.files[0]);
      event.target.value = "";
    });
    $("[data-bp-clear-cards]").addEventListener("click", () => {
      $("[data-bp-cards-confirm-text]").textContent =
        `Delete the progress of ${Object.keys(progress).length} cards kept in this browser?`;
      $("[data-bp-cards-confirm]").hidden = false;
      $("[data-bp-cards-no]").focus();
    });
    $("[data-bp-cards-no]").addEventListener("click", () => { $("[data-bp-cards-confirm]").hidden = true; $("[data-bp-clear-cards]").focus(); });
    $("[data-bp-cards-yes]").addEventListener("click", () => {
      Object.keys(localStorage).filter((k) => k.startsWith(PREFIX)).forEach((k) => localStorage.removeItem(k));
      progress = {};
      chosen = new Set(data.decks);
      $("[data-bp-cards-confirm]").hidden = true;
      decksUi();
      show();
      $("[data-bp-due]").textContent = `Your card progress was deleted. ${$("[data-bp-due]").textContent}`;
    });
    document.addEventListener("keydown", onKey);

    function onKey(event) {
      if (!document.body.contains(root)) { document.removeEventListener("keydown", onKey); return; }
      if (event.altKey || event.ctrlKey || event.metaKey || !current) return;
      const focus = document.activeElement;
      if (focus && (focus.matches("input, textarea, select, summary") || focus.isContentEditable)) return;
      if (event.key === " " && !$("[data-bp-back]").hidden) return;
      if (event.key === " ") {
        if (focus && focus.matches("button, a")) return;  // a focused button keeps its own Space
        event.preventDefault();
        reveal();
      } else if (["1", "2", "3", "4"].includes(event.key)) {
        event.preventDefault();
        grade(Number(event.key));
      }
    }

    decksUi();
    show();
  }

  if (window.document$) window.document$.subscribe(start);
  else document.addEventListener("DOMContentLoaded", start);
})();
