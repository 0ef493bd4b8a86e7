"""`make offline`: a zip of the site that works opened straight from disk (file://), with no
server and no network: pages, diagrams (drawn at build time), search and the question router.

The build is the normal one with BLUEPRINTS_OFFLINE set, which turns on Material's offline plugin
(file-style URLs, search index inlined into a script) and makes the hook swap in our pinned Worker
shim and turn off instant navigation (see scripts/mkdocs_hooks.py)."""
from __future__ import annotations

import os
from pathlib import Path
import subprocess
import sys
import tempfile
import zipfile

ROOT = Path(__file__).resolve().parent.parent
ZIP = ROOT / "dist" / "system-design-blueprints-offline.zip"
FOLDER = "system-design-blueprints"  # the folder a reader gets when they unzip


def build_offline(zip_path: Path = ZIP, project: Path = ROOT) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / FOLDER
        env = {**os.environ, "BLUEPRINTS_OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1"}
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                                cwd=project, env=env)
        if result.returncode != 0:
            print("build_offline: build failed; no zip written", file=sys.stderr)
            return result.returncode
        # Written beside the target and renamed, so a failed run never leaves half a zip.
        zip_path.parent.mkdir(parents=True, exist_ok=True)
        partial = zip_path.with_suffix(".zip.partial")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for file in sorted(site.rglob("*")):
                if file.is_file():
                    archive.write(file, file.relative_to(site.parent).as_posix())
        partial.replace(zip_path)
    size = zip_path.stat().st_size
    print(f"build_offline: {zip_path.relative_to(project) if zip_path.is_relative_to(project) else zip_path} "
          f"({size / 1e6:.1f} MB); unzip it and open {FOLDER}/index.html")
    return 0


if __name__ == "__main__":
    sys.exit(build_offline(Path(sys.argv[1]) if len(sys.argv) > 1 else ZIP))
