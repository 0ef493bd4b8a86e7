"""`make check`: run the build's template check without building. Exit 1 on any problem.

With page files as arguments (`make check PAGES=docs/blueprints/x.md`) it checks just those
pages, diagram syntax included, so a writer can check a draft while other drafts are unfinished."""
from __future__ import annotations

from pathlib import Path
import sys

sys.path.insert(0, str(Path(__file__).resolve().parent))

from blueprints.check import check_page, load_catalog  # noqa: E402
from blueprints.content_rules import changelog_dates  # noqa: E402
from blueprints.page import read_page, shown_path  # noqa: E402
from blueprints.problems import BlueprintError  # noqa: E402
from diagrams.build import MERMAID_JS, DiagramBuild  # noqa: E402
from diagrams.render import Renderer  # noqa: E402
from diagrams.sources import SiteDiagram  # noqa: E402


def check_catalog_dir(docs: Path) -> int:
    try:
        pages = load_catalog(docs)
    except BlueprintError as e:
        print(e, file=sys.stderr)
        return 1
    print(f"{len(pages)} template pages passed the check: " + ", ".join(p.title for p in pages))
    return 0


PROJECT = Path(__file__).resolve().parent.parent


def docs_folder(file: Path) -> Path:
    """The docs/ folder a page sits in, wherever the command runs from."""
    return next((d for d in file.resolve().parents if d.name == "docs"), Path("docs").resolve())


def check_files(files: list[Path]) -> int:
    problems, diagrams = [], []
    for file in files:
        shown = shown_path(file, Path.cwd())
        page, found = read_page(file, shown, file.resolve().relative_to(docs_folder(file)).as_posix())
        problems += found or check_page(page, changelog_dates(docs_folder(file)))
        diagrams += [SiteDiagram(shown, d.line, d.heading, d.source, "") for d in page.diagrams]
    renderer = Renderer()
    try:
        # The pinned library of this project, not of the folder the command runs in.
        messages = renderer.syntax_errors([d.source for d in diagrams], PROJECT / "docs" / MERMAID_JS)
    finally:
        renderer.close()
    problems += [DiagramBuild.syntax_problem(d, m) for d, m in zip(diagrams, messages) if m]
    if problems:
        print(BlueprintError(problems), file=sys.stderr)
        return 1
    print(f"{len(files)} page(s) passed, {len(diagrams)} diagram(s) parse: "
          + ", ".join(str(f) for f in files))
    return 0


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv if a.endswith(".md")]
    if files:
        return check_files(files)
    return check_catalog_dir(Path(argv[0]) if argv else Path("docs"))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
