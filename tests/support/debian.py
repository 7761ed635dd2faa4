"""Install Debian packages a test needs, the way a user would (apt-get), once per machine."""

from __future__ import annotations

import os
import shutil
import subprocess


def ensure_commands(packages: dict[str, str]) -> None:
    """``{command: package}``: install the packages whose command is missing, or fail clearly."""
    missing = sorted({pkg for cmd, pkg in packages.items() if shutil.which(cmd) is None})
    if not missing:
        return
    if os.geteuid() != 0:
        raise RuntimeError(f"these tests need Debian packages {missing}; run as root or "
                           f"'apt-get install {' '.join(missing)}' first")
    apt = ["apt-get", "-o", "DPkg::Lock::Timeout=600", "-y", "--no-install-recommends"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    first = subprocess.run([*apt, "install", *missing], env=env, capture_output=True, text=True)
    if first.returncode != 0:  # package lists may be missing or stale on a fresh machine
        subprocess.run(["apt-get", "-o", "DPkg::Lock::Timeout=600", "update"], env=env,
                       check=True, capture_output=True)
        subprocess.run([*apt, "install", *missing], env=env, check=True, capture_output=True)
    still = sorted(cmd for cmd in packages if shutil.which(cmd) is None)
    if still:
        raise RuntimeError(f"installed {missing} but {still} are still not on PATH")
