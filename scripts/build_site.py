"""`make build`: build the site into a scratch folder and swap it in only when the build passed.

MkDocs empties site/ before it writes, and `--strict` fails only after every page is written; so a
plain failed build leaves a broken or empty site/. Building beside it and renaming keeps the last
good site/ until a new good one exists."""
from __future__ import annotations

from pathlib import Path
import shutil
import subprocess
import sys

ROOT = Path(__file__).resolve().parent.parent


def build(site: Path, extra: list[str]) -> int:
    scratch = site.with_name(f".{site.name}.building")
    previous = site.with_name(f".{site.name}.previous")
    for leftover in (scratch, previous):
        shutil.rmtree(leftover, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(scratch), *extra]
    result = subprocess.run(command, cwd=ROOT)
    if result.returncode != 0:
        shutil.rmtree(scratch, ignore_errors=True)
        kept = "kept the previous site/" if site.exists() else "no site/ written"
        print(f"build_site: build failed ({kept})", file=sys.stderr)
        return result.returncode
    if site.exists():
        site.rename(previous)
    scratch.rename(site)
    shutil.rmtree(previous, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(build(ROOT / "site", sys.argv[1:]))
