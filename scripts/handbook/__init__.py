"""The printable handbook (site/handbook.pdf): chapters cut from the built pages, laid out for
paper, and printed by the same headless Chromium that draws the diagrams."""
