"""`make check`: run the build's template check without building. Exit 1 on any problem."""
from __future__ import annotations

from pathlib import Path
import sys

sys.path.insert(0, str(Path(__file__).resolve().parent))

from blueprints.check import load_catalog  # noqa: E402
from blueprints.problems import BlueprintError  # noqa: E402


def main(argv: list[str]) -> int:
    docs = Path(argv[0]) if argv else Path("docs")
    try:
        pages = load_catalog(docs)
    except BlueprintError as e:
        print(e, file=sys.stderr)
        return 1
    print(f"{len(pages)} template pages passed the check: " + ", ".join(p.title for p in pages))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
