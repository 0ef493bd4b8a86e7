/* What the practice features keep in this browser, and nothing else: every key starts with
   "sdb.rehearse.", so clearing them leaves Material's own settings (the colour scheme) and other
   features' data alone. Nothing is ever sent anywhere. */
(function () {
  "use strict";

  const PREFIX = "sdb.rehearse.";
  const ATTEMPTS = PREFIX + "attempts";
  const LEVELS = ["Mid-level", "Senior", "Staff"];

  function read(key, fallback) {
    try {
      const value = window.localStorage.getItem(key);
      return value ? JSON.parse(value) : fallback;
    } catch (error) {
      return fallback;  // storage off (private mode) or a hand-edited value: start clean
    }
  }

  function write(key, value) {
    try { window.localStorage.setItem(key, JSON.stringify(value)); } catch (error) { /* storage full or off */ }
  }

  function keys() {
    const found = [];
    try {
      for (let i = 0; i < window.localStorage.length; i++) {
        const key = window.localStorage.key(i);
        if (key && key.startsWith(PREFIX)) found.push(key);
      }
    } catch (error) { /* storage off */ }
    return found;
  }

  function minutes(ms) {
    const total = Math.max(0, Math.round(ms / 1000));
    return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
  }

  function scoreText(score) {
    return LEVELS.filter((level) => score[level] && score[level][1])
      .map((level) => `${level} ${score[level][0]} of ${score[level][1]}`).join(" · ");
  }

  function dateText(iso) {
    return new Date(iso).toLocaleDateString(undefined, { day: "numeric", month: "short", year: "numeric" });
  }

  function toMarkdown(attempt) {
    const lines = [`# Rehearsal: ${attempt.title}`, "", `- Prompt: ${attempt.prompt}`,
      `- Date: ${attempt.date}`, `- Score: ${scoreText(attempt.score)}`, ""];
    attempt.steps.forEach((step, i) => {
      lines.push(`## ${i + 1}. ${step.name} (${minutes(step.ms)} of ${step.minutes} min)`, "");
      lines.push(step.answer.trim() || "(no written answer)", "");
      if (step.ticked.length) lines.push("Ticked:", "", ...step.ticked.map((t) => `- ${t}`), "");
    });
    return lines.join("\n");
  }

  window.SdbRehearse = {
    PREFIX, LEVELS,
    current: (slug) => read(PREFIX + "current." + slug, null),
    saveCurrent: (slug, state) => write(PREFIX + "current." + slug, state),
    dropCurrent: (slug) => { try { window.localStorage.removeItem(PREFIX + "current." + slug); } catch (e) { /* off */ } },
    attempts: () => read(ATTEMPTS, []),
    addAttempt: (attempt) => write(ATTEMPTS, [...read(ATTEMPTS, []), attempt]),
    last: (slug) => read(ATTEMPTS, []).filter((a) => a.template === slug).pop() || null,
    clearAll: () => { const found = keys(); found.forEach((k) => window.localStorage.removeItem(k)); return found.length; },
    minutes, scoreText, dateText, toMarkdown,
  };
})();
