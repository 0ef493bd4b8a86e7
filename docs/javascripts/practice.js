/* The last rehearsal's date and score beside each template (home page and Practice page), and
   the interviewer kit's "Copy as chatbot prompt". Reads only this browser's storage. */
(function () {
  "use strict";

  function lastRehearsals() {
    const store = window.SdbRehearse;
    if (!store) return;
    let any = false;
    document.querySelectorAll("[data-bp-last]").forEach((cell) => {
      const last = store.last(cell.dataset.bpLast);
      if (!last) return;
      any = true;
      cell.textContent = `${store.dateText(last.date)}: ${store.scoreText(last.score)}`;
      const item = cell.closest("[data-bp-last-item]");
      if (item) item.hidden = false;
    });
    const home = document.querySelector("[data-bp-home-rehearsals]");
    if (home) home.hidden = !any;
  }

  function copyKit() {
    const button = document.querySelector("[data-bp-copy-kit]");
    if (!button || button.dataset.started) return;
    button.dataset.started = "true";
    const text = document.querySelector("[data-bp-kit-prompt]");
    const status = document.querySelector("[data-bp-copy-status]");
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(text.value);
        status.textContent = "Copied. Paste it into any chatbot.";
      } catch (error) {
        // No clipboard permission: select the text so one keystroke copies it.
        text.focus();
        text.select();
        status.textContent = "Press Ctrl+C (or ⌘C) to copy the selected prompt.";
      }
    });
  }

  function start() { lastRehearsals(); copyKit(); }

  if (window.document$) window.document$.subscribe(start);
  else document.addEventListener("DOMContentLoaded", start);
})();
