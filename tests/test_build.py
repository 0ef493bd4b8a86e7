"""The real MkDocs build: generated tables follow the pages, bad pages and links stop it, and a
failed build never replaces a good site/."""
from __future__ import annotations

from pathlib import Path
import re
import shutil
import subprocess
import sys

from blueprints.check import load_catalog
from blueprints.tables import product_index, routing_table

from conftest import ROOT, copy_project, mkdocs_build

FIXTURE = Path(__file__).parent / "fixtures/pages/valid.md"


def html_unescaped(text: str) -> str:
    import html
    return html.unescape(text)


def add_fixture(docs: Path) -> None:
    """The fixture template, with the changelog entry its review date needs."""
    shutil.copy(FIXTURE, docs / "blueprints/valid.md")
    changelog = docs / "changelog.md"
    before = changelog.read_text(encoding="utf-8") if changelog.exists() else ""
    changelog.write_text(before + "\n## 2026-12-01\n\n- [Fixture Pattern](blueprints/valid.md): reviewed.\n",
                         encoding="utf-8")


def text_of(html_file: Path) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html_file.read_text(encoding="utf-8")))


def nav_templates(html: str) -> list[str]:
    return list(dict.fromkeys(re.findall(r'class="md-nav__link[^"]*" href="(blueprints/[^"]+/)"', html)))


def test_routing_table_has_one_row_per_template_in_number_order(tmp_path):
    docs = tmp_path / "docs"
    (docs / "blueprints").mkdir(parents=True)
    add_fixture(docs)
    pages = load_catalog(docs)
    assert routing_table(pages, "index.md").splitlines() == [
        "| If the question mentions… | Template | Core challenge |",
        "| --- | --- | --- |",
        "| **Zebra Fixture, Alpha Fixture, 9Lives Fixture, Beta Fixture**; fixture question cue, another fixture cue "
        "| [99. Fixture Pattern](blueprints/valid.md) | "
        "Proving the generated tables follow the pages |",
    ]


def test_product_index_groups_by_letter_with_digits_first(tmp_path):
    docs = tmp_path / "docs"
    (docs / "blueprints").mkdir(parents=True)
    add_fixture(docs)
    index = product_index(load_catalog(docs), "products.md")
    headings = [line for line in index.splitlines() if line.startswith("## ")]
    assert headings == ["## 0–9", "## A", "## B", "## D", "## G", "## Z"]
    assert "- **Zebra Fixture** → [99. Fixture Pattern](blueprints/valid.md)" in index.splitlines()


def test_a_new_template_appears_in_routing_table_index_and_nav(tmp_path):
    project = copy_project(tmp_path / "project")
    before = mkdocs_build(project, tmp_path / "before")
    assert before.returncode == 0, before.stderr
    assert "Zebra Fixture" not in (tmp_path / "before/products/index.html").read_text()

    add_fixture(project / "docs")
    after = mkdocs_build(project, tmp_path / "after", handbook=True)
    assert after.returncode == 0, after.stderr
    home = (tmp_path / "after/index.html").read_text()
    assert re.search(r'<td[^>]*><strong>Zebra Fixture, Alpha Fixture, 9Lives Fixture, Beta Fixture</strong>; fixture question cue, another fixture cue</td>\s*<td[^>]*><a href="blueprints/valid/">'
                     r'99\. Fixture Pattern</a></td>', home)
    products = (tmp_path / "after/products/index.html").read_text()
    assert re.search(r'<strong>Zebra Fixture</strong> → <a href="\.\./blueprints/valid/">', products)
    # The fixture has the highest number, so it closes the nav's template section.
    assert nav_templates(home)[-1] == "blueprints/valid/"
    # Every generated family picks it up with no hand edit: cheat sheet, rehearsal, interviewer kit,
    # practice page, flashcards (browser and Anki), the router, search, the handbook.
    out = tmp_path / "after"
    for page in ("cheatsheets/valid/", "rehearse/valid/", "interviewer/valid/"):
        assert (out / page / "index.html").exists(), page
    assert "Fixture Pattern" in (out / "practice/index.html").read_text()
    assert "valid/recognition/design-a-fixture-that-answers-fixture-questions" in (out / "flashcards/index.html").read_text()
    assert "99. Fixture Pattern" in (out / "flashcards/system-design-blueprints.tsv").read_text()
    assert "Fixture Pattern" in html_unescaped(home.split("data-templates=", 1)[1].split(">", 1)[0])
    index = (out / "search/search_index.json").read_text()
    assert "Zebra Fixture" in index
    pdf = subprocess.run(["pdftotext", str(out / "handbook.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert "99. Fixture Pattern" in pdf
    # Its review date shows under its title and on its cheat sheet, linking the changelog.
    for page, back in (("blueprints/valid/index.html", "../../changelog/"), ("cheatsheets/valid/index.html", "../../changelog/")):
        html = (tmp_path / "after" / page).read_text()
        assert re.search(r'<p class="bp-reviewed">Reviewed <time datetime="2026-12-01">1 December 2026</time> · '
                         rf'<a href="{re.escape(back)}">what changed</a></p>', html), page


def test_nav_lists_templates_by_number(site):
    numbers = {p.src_uri: p.number for p in load_catalog(ROOT / "docs")}
    home = (site / "index.html").read_text()
    expected = sorted(numbers, key=numbers.get)
    assert nav_templates(home) == [uri.removesuffix(".md") + "/" for uri in expected]


def test_removing_a_section_fails_the_build_naming_file_and_section(tmp_path):
    project = copy_project(tmp_path / "project")
    page = sorted((project / "docs/blueprints").glob("*.md"))[0]
    text = page.read_text()
    assert "\n## Deep Dive\n" in text
    page.write_text(text.replace("\n## Deep Dive\n", "\n"))
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert re.search(rf"docs/blueprints/{page.name}:\d+: section 'Deep Dive' is missing", result.stderr)
    assert not (tmp_path / "site").exists(), "nothing is written when the check fails"


def test_failed_build_keeps_the_previous_site(tmp_path):
    project = copy_project(tmp_path / "project")
    build = [sys.executable, "scripts/build_site.py"]
    assert subprocess.run(build, cwd=project, capture_output=True).returncode == 0
    home = project / "site/index.html"
    good = home.read_bytes()

    (project / "docs/index.md").write_text((project / "docs/index.md").read_text()
                                           + "\n[a link to nowhere](missing-page.md)\n")
    result = subprocess.run(build, cwd=project, capture_output=True, text=True)
    assert result.returncode != 0
    assert "missing-page.md" in result.stderr
    assert home.read_bytes() == good
    assert not (project / ".site.building").exists()


def test_broken_anchor_fails_the_strict_build(tmp_path):
    project = copy_project(tmp_path / "project")
    home = project / "docs/index.md"
    home.write_text(home.read_text() + "\n[see](products.md#no-such-letter)\n")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "no-such-letter" in result.stderr


def test_generated_index_cannot_be_hand_written(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "docs/products.md").write_text("# Products\n\nEdited by hand.\n")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/products.md is generated at build time" in result.stderr


def test_home_page_without_routing_marker_fails(tmp_path):
    project = copy_project(tmp_path / "project")
    home = project / "docs/index.md"
    home.write_text(home.read_text().replace("<!-- generated: routing table -->", ""))
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "the marker <!-- generated: routing table --> is missing" in result.stderr


def test_vendored_files_match_their_pins():
    result = subprocess.run([sys.executable, "scripts/vendor.py", "--verify"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_footer_states_both_licences_on_every_page(site):
    for page in site.rglob("index.html"):
        footer = text_of(page).split("Code: MIT")
        assert len(footer) == 2 and "Content: CC BY 4.0" in footer[1], page
