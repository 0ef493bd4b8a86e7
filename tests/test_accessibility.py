"""Accessibility: axe-core on every page in both schemes, and a contrast check of every diagram
label (which axe cannot judge inside SVG) in both schemes, shown able to fail."""
from __future__ import annotations

import pytest

from conftest import copy_project, mkdocs_build, serious_axe_violations, serve
from contrast import WCAG_AA, low_contrast_labels, measured_labels
from test_browser import DIAGRAMS, WITH_DIAGRAMS

SCHEMES = ["light", "dark"]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("url", sorted(DIAGRAMS))
def test_axe_finds_no_serious_or_critical_violation(base_url, new_page, url, scheme):
    page, _ = new_page(color_scheme=scheme)
    page.goto(base_url + url, wait_until="networkidle")
    serious = serious_axe_violations(page)
    assert serious == [], serious


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("url", WITH_DIAGRAMS)
def test_every_diagram_label_has_aa_contrast(base_url, new_page, url, scheme):
    page, _ = new_page(color_scheme=scheme)
    page.goto(base_url + url, wait_until="networkidle")
    assert len(measured_labels(page)) >= 10 * DIAGRAMS[url] // 2
    failing = [(l["diagram"], l["text"], round(l["ratio"], 2), l["colour"], l["behind"])
               for l in low_contrast_labels(page)]
    assert failing == [], f"labels under {WCAG_AA}:1 in {scheme}: {failing}"


GREY_ON_GREY = """
```mermaid
flowchart TD
    G["grey on grey"] --> H["readable node"]
    style G fill:#777777,color:#888888
```
"""


def test_the_contrast_check_catches_grey_on_grey(tmp_path, new_page):
    project = copy_project(tmp_path / "project")
    # On a page that is not a template: the template check refuses diagrams that style themselves.
    (project / "docs/grey.md").write_text("# Grey\n\nA fixture page.\n" + GREY_ON_GREY)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    with serve(tmp_path / "site") as url:
        for scheme in SCHEMES:
            page, _ = new_page(color_scheme=scheme)
            page.goto(f"{url}/grey/", wait_until="networkidle")
            failing = {l["text"] for l in low_contrast_labels(page)}
            assert failing == {"grey on grey"}, (scheme, failing)
