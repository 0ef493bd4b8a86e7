"""`make vendor`: fetch the pinned third-party files the site serves itself, and verify them.

Each folder under docs/assets/vendor/ has a vendor.json: the npm package and exact version, and
for every file the path inside the package and its sha256. The site ships these copies so that no
page asks a CDN or a font service for anything. To upgrade, change the version in vendor.json, run
`python scripts/vendor.py --update`, and review the diagrams in light and dark.
`--verify` checks the committed copies against their pins without any network."""
from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path
import subprocess
import sys
import tarfile
import tempfile

VENDOR = Path(__file__).resolve().parent.parent / "docs/assets/vendor"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def pins() -> list[tuple[Path, dict]]:
    return [(pin.parent, json.loads(pin.read_text())) for pin in sorted(VENDOR.glob("*/vendor.json"))]


def verify(folder: Path, pin: dict) -> list[str]:
    problems = []
    for name, spec in pin["files"].items():
        path = folder / name
        if not path.exists():
            problems.append(f"{path} is missing")
        elif "sha256" in spec and sha256(path.read_bytes()) != spec["sha256"]:
            problems.append(f"{path} has sha256 {sha256(path.read_bytes())}, pinned {spec['sha256']}")
    return problems


def fetch(folder: Path, pin: dict, update: bool) -> list[str]:
    spec = f"{pin['package']}@{pin['version']}"
    with tempfile.TemporaryDirectory() as tmp:
        # npm pack checks the tarball against the registry's integrity hash.
        result = subprocess.run(["npm", "pack", spec, "--silent", "--pack-destination", tmp],
                                capture_output=True, text=True)
        if result.returncode != 0:
            return [f"npm pack {spec} failed: {result.stderr.strip()}"]
        with tarfile.open(Path(tmp) / result.stdout.strip().splitlines()[-1]) as tar:
            contents = {name: tar.extractfile(f["from"]).read() for name, f in pin["files"].items()}
    for name, data in contents.items():
        pinned = pin["files"][name].get("sha256")
        if pinned and sha256(data) != pinned:
            if not update:
                return [f"{spec}: {name} has sha256 {sha256(data)}, pinned {pinned}; nothing written. "
                        "After a deliberate version change, rerun with --update."]
            pin["files"][name]["sha256"] = sha256(data)
    for name, data in contents.items():
        (folder / name).write_bytes(data)
    (folder / "vendor.json").write_text(json.dumps(pin, indent=2) + "\n")
    print(f"vendor: {spec} -> {folder.relative_to(VENDOR.parent.parent.parent)} (sha256 ok)")
    return []


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--verify", action="store_true", help="check the committed copies only, offline")
    ap.add_argument("--update", action="store_true", help="accept new checksums after a version change")
    args = ap.parse_args(argv)
    problems = []
    for folder, pin in pins():
        problems += verify(folder, pin) if args.verify else fetch(folder, pin, args.update)
    for problem in problems:
        print(f"vendor: {problem}", file=sys.stderr)
    if args.verify and not problems:
        print("vendor: " + ", ".join(f"{p['package']} {p['version']}" for _, p in pins()) + " match their pins")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
