"""The real WordPress test peer (scripts/realwp), started the way a user would start it.

Fixtures:
  realwp           -- twentytwentyone, no plugins (session-scoped)
  realwp_plugins   -- twentytwentyone with the common-plugins mu-plugin (--plugins)
  realwp_factory   -- realwp_factory(theme=..., plugins=..., wxr=...) for any other configuration

Each configuration is started once per test run, even under pytest-xdist: workers share it
through a state dir in the temp directory, guarded by a file lock; every worker registers
itself there and the last one to leave runs down.sh. If the Debian packages are missing and
cannot be installed (not root, apt failing), the tests fail with the installer's message:
they are never skipped silently.
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import tempfile
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from tests.conftest import WXR_DIR

REPO = Path(__file__).resolve().parents[2]
SCRIPTS = REPO / "scripts" / "realwp"
WXR = WXR_DIR / "themeunittestdata.wordpress.xml"
RENDERED = WXR_DIR / "themeunittestdata.rendered.json"
BASE = Path(os.environ.get("REALWP_TEST_STATE", Path(tempfile.gettempdir()) / "mwmigrate-realwp"))
UP_TIMEOUT = 900  # first run may install packages


@dataclass
class RealWP:
    url: str
    state_dir: Path
    theme: str
    plugins: bool
    timing: str = ""
    _pids: dict[str, int] = field(default_factory=dict)

    def get(self, path: str, timeout: float = 60) -> tuple[int, dict[str, str], bytes]:
        """GET url+path; returns (status, headers, body) without raising on 4xx/5xx."""
        req = urllib.request.Request(self.url + path, headers={"User-Agent": "mwmigrate-tests"})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.status, dict(r.headers.items()), r.read()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers.items()), e.read()

    def get_json(self, path: str):  # type: ignore[no-untyped-def]
        status, headers, body = self.get(path)
        assert status == 200, f"{path}: HTTP {status}"
        return headers, json.loads(body)

    def pids(self) -> dict[str, int]:
        out = {}
        for name, fname in (("php", "php.pid"), ("mariadbd", "mariadb.pid.started")):
            f = self.state_dir / fname
            if f.exists() and f.read_text().strip().isdigit():
                out[name] = int(f.read_text())
        return out

    def export_wxr(self, out: Path) -> Path:
        run(["bash", str(SCRIPTS / "export.sh"), "--state", str(self.state_dir), str(out)], 120)
        return out


def run(cmd: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=REPO)
    if p.returncode != 0:
        pytest.fail(
            f"realwp: {' '.join(cmd)} failed (exit {p.returncode}).\n"
            "The real-WordPress tests need Debian's wordpress, php and mariadb packages; "
            "scripts/realwp/install.sh installs them as root (CI runs as root).\n"
            f"--- stderr ---\n{p.stderr[-4000:]}\n--- stdout ---\n{p.stdout[-2000:]}",
            pytrace=False,
        )
    return p


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _server_alive(state: Path) -> bool:
    try:
        pid = int((state / "php.pid").read_text())
        dbpid = int((state / "mariadb.pid.started").read_text())
    except (OSError, ValueError):
        return False
    return (state / "url").exists() and _alive(pid) and _alive(dbpid)


@contextmanager
def _locked(path: Path):  # type: ignore[no-untyped-def]
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _key(theme: str, plugins: bool, wxr: Path | None) -> str:
    return f"{theme}{'-plugins' if plugins else ''}{'-' + wxr.stem if wxr else ''}"


def start(theme: str = "twentytwentyone", plugins: bool = False, state: Path | None = None,
          wxr: Path | None = None) -> RealWP:
    """Run up.sh for a configuration (no sharing); returns the running instance, seeded with
    ``wxr`` (default: the theme unit test data)."""
    state = state or BASE / _key(theme, plugins, wxr)
    cmd = ["bash", str(SCRIPTS / "up.sh"), "--theme", theme, "--state", str(state)]
    if plugins:
        cmd.append("--plugins")
    if wxr:
        cmd += ["--wxr", str(wxr)]
    p = run(cmd, UP_TIMEOUT)
    url = p.stdout.strip().splitlines()[-1]
    timing = next((ln for ln in p.stderr.splitlines() if " up in " in ln), "")
    return RealWP(url=url, state_dir=state, theme=theme, plugins=plugins, timing=timing)


def stop(instance_or_state: RealWP | Path) -> None:
    state = instance_or_state.state_dir if isinstance(instance_or_state, RealWP) else instance_or_state
    run(["bash", str(SCRIPTS / "down.sh"), "--state", str(state)], 120)


class _Shared:
    """One instance per configuration for the whole run, shared by xdist workers."""

    def __init__(self) -> None:
        self.held: dict[str, RealWP] = {}
        self.me = f"{os.getpid()}"

    def acquire(self, theme: str, plugins: bool, wxr: Path | None = None) -> RealWP:
        key = _key(theme, plugins, wxr)
        if key in self.held:
            return self.held[key]
        state = BASE / key
        users = BASE / f"{key}.users"
        with _locked(BASE / f"{key}.lock"):
            users.mkdir(parents=True, exist_ok=True)
            for u in users.iterdir():  # drop registrations of dead test processes
                if not u.name.isdigit() or not _alive(int(u.name)):
                    u.unlink(missing_ok=True)
            if _server_alive(state) and any(users.iterdir()):
                inst = RealWP(url=(state / "url").read_text().strip(), state_dir=state,
                              theme=theme, plugins=plugins, timing="(shared)")
            else:
                inst = start(theme, plugins, state, wxr)
            (users / self.me).touch()
        self.held[key] = inst
        return inst

    def release_all(self) -> None:
        for key, inst in self.held.items():
            users = BASE / f"{key}.users"
            with _locked(BASE / f"{key}.lock"):
                (users / self.me).unlink(missing_ok=True)
                live = [u for u in users.iterdir() if u.name.isdigit() and _alive(int(u.name))]
                if not live:
                    stop(inst)
        self.held.clear()


@pytest.fixture(scope="session")
def _realwp_shared():  # type: ignore[no-untyped-def]
    shared = _Shared()
    yield shared
    shared.release_all()


@pytest.fixture(scope="session")
def realwp(_realwp_shared: _Shared) -> RealWP:
    """twentytwentyone, classic widgets and primary menu, no plugins."""
    return _realwp_shared.acquire("twentytwentyone", False)


@pytest.fixture(scope="session")
def realwp_plugins(_realwp_shared: _Shared) -> RealWP:
    """twentytwentyone plus the mu-plugin printing common plugins' markup (--plugins)."""
    return _realwp_shared.acquire("twentytwentyone", True)


@pytest.fixture(scope="session")
def realwp_factory(_realwp_shared: _Shared):  # type: ignore[no-untyped-def]
    """realwp_factory(theme="twentytwentythree", plugins=False, wxr=None) -> shared RealWP
    (``wxr``: the export it is seeded with, default the theme unit test data)."""
    return lambda theme="twentytwentyone", plugins=False, wxr=None: _realwp_shared.acquire(theme, plugins, wxr)


@pytest.fixture(scope="session")
def rendered_reference() -> dict[int, dict]:
    """What REST returned for the 77 published posts and pages of a correct seeding (WP 6.1)."""
    return {item["id"]: item for item in json.loads(RENDERED.read_text())}
