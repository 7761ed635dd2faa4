"""Install a pinned npm package a test runs (Netlify's own redirect engine...), once per machine.

Node and npm come from Debian (``nodejs``, ``npm``) when missing, as the Hugo and nginx tests
install theirs; the package goes under the clone's git-ignored ``.cache/npm/``.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.support.debian import ensure_commands

CACHE = Path(__file__).resolve().parents[2] / ".cache" / "npm"


def npm_packages(packages: dict[str, str]) -> Path:
    """The ``node_modules`` folder holding these ``{name: version}`` packages (installed together
    if any is not there)."""
    ensure_commands({"node": "nodejs", "npm": "npm"})
    specs = [f"{name}@{version}" for name, version in sorted(packages.items())]
    prefix = CACHE / "+".join(spec.replace("/", "_") for spec in specs)
    modules = prefix / "node_modules"

    def installed(name: str, version: str) -> bool:
        manifest = modules / name / "package.json"
        return manifest.exists() and json.loads(manifest.read_text()).get("version") == version

    if not all(installed(name, version) for name, version in packages.items()):
        prefix.mkdir(parents=True, exist_ok=True)
        r = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(prefix),
                            *specs], capture_output=True, text=True, timeout=600)
        if r.returncode != 0:
            raise RuntimeError(f"npm install {' '.join(specs)} failed: {r.stderr.strip()[-500:]}")
    return modules
