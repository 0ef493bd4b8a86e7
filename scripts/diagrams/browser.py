"""Debian's Chromium, started the way this machine allows: no sandbox as root, and no background
traffic to outside hosts. Playwright cannot download a browser of its own here."""
from __future__ import annotations

import os

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-gpu"]


class BrowserMissing(RuntimeError):
    pass


def launch(playwright):
    if not os.access(CHROMIUM, os.X_OK):
        raise BrowserMissing(f"Chromium not found at {CHROMIUM}. Run `make test` once as root to install "
                             "Debian's chromium, or `sudo apt-get install chromium`, or set CHROMIUM.")
    args = ARGS + (["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else [])
    return playwright.chromium.launch(executable_path=CHROMIUM, args=args)
