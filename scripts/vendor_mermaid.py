"""Fetch the pinned mermaid library from the npm registry and verify it (`make vendor-mermaid`).

The site serves its own copy so that no page asks a CDN for it. The pin (version, sha256,
licence) lives in docs/assets/vendor/mermaid/mermaid.vendor.json; to upgrade, change the
version there, run this with --update, and review how diagrams render in light and dark.
`--verify` only checks the committed copy against the pin."""
from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path
import subprocess
import sys
import tarfile
import tempfile

VENDOR = Path(__file__).resolve().parent.parent / "docs/assets/vendor/mermaid"
PIN = VENDOR / "mermaid.vendor.json"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fetch(pin: dict) -> tuple[bytes, bytes]:
    spec = f"{pin['package']}@{pin['version']}"
    with tempfile.TemporaryDirectory() as tmp:
        # npm pack verifies the tarball against the registry's integrity hash.
        result = subprocess.run(["npm", "pack", spec, "--silent", "--pack-destination", tmp],
                                capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"vendor-mermaid: npm pack {spec} failed:\n{result.stderr.strip()}")
        tarball = Path(tmp) / result.stdout.strip().splitlines()[-1]
        with tarfile.open(tarball) as tar:
            library = tar.extractfile(f"package/dist/{pin['file']}").read()
            licence = tar.extractfile("package/LICENSE").read()
    return library, licence


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--verify", action="store_true", help="only check the committed copy")
    ap.add_argument("--update", action="store_true", help="accept a new checksum (after a version change)")
    args = ap.parse_args(argv)
    pin = json.loads(PIN.read_text())
    target = VENDOR / pin["file"]
    if args.verify:
        actual = sha256(target.read_bytes()) if target.exists() else "(missing)"
        if actual != pin["sha256"]:
            print(f"vendor-mermaid: {target} has sha256 {actual}, pinned {pin['sha256']}; "
                  "run `make vendor-mermaid`", file=sys.stderr)
            return 1
        print(f"vendor-mermaid: {target.name} is mermaid {pin['version']} (sha256 matches)")
        return 0
    library, licence = fetch(pin)
    if sha256(library) != pin["sha256"]:
        if not args.update:
            print(f"vendor-mermaid: downloaded {pin['file']} has sha256 {sha256(library)}, pinned "
                  f"{pin['sha256']}. Nothing written. After a deliberate version change, rerun "
                  "with --update.", file=sys.stderr)
            return 1
        pin["sha256"] = sha256(library)
        PIN.write_text(json.dumps(pin, indent=2) + "\n")
    target.write_bytes(library)
    (VENDOR / pin["license_file"]).write_bytes(licence)
    print(f"vendor-mermaid: wrote {target.name} (mermaid {pin['version']}, {len(library):,} bytes, sha256 ok)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
