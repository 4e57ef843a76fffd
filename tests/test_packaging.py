"""The distributions as users get them: the wheel works with the runtime dependencies alone,
and the sdist carries everything `make test` needs.

Both are built with the venv's pinned hatchling, and the wheel is installed into a fresh venv
from the wheelhouse `make install` keeps in the venv (`<venv>/wheelhouse`): no registry is
reached.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import subprocess
import sys
import tarfile
import tomllib
import venv
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

from heymarket_typed import __version__

ROOT = Path(__file__).resolve().parents[1]
WHEELHOUSE = Path(sys.prefix) / "wheelhouse"

# The files `make test` reads beyond the packages and the test suite.
MAKE_TEST_NEEDS = (
    "Makefile",
    "pyproject.toml",
    "constraints.txt",
    "constraints-lowest.txt",
    "package.json",
    "package-lock.json",
    ".npmrc",
    ".spectral.yaml",
    "generator-config.yaml",
    "openapi/heymarket-contacts.yaml",
    "README.md",
    "LICENSE",
    "CHANGELOG.md",
    ".ci/run",
)
MAKE_TEST_FOLDERS = (
    "heymarket_typed/",
    "generated/heymarket_typed_api/",
    "templates/",
    "tests/",
    "cassettes/",
    "examples/",
    "bench/",
)
NOT_SHIPPED = (".git/", ".venv", "node_modules/", ".mypy_cache/", ".hypothesis/", "dist/")

# Installed, imported and called with nothing but the runtime dependencies.
SMOKE = """
import importlib.metadata, json, sys
from pathlib import Path

import httpx
import heymarket_typed, heymarket_typed_api
from heymarket_typed import Heymarket
from heymarket_typed.testing import SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY, FakeHeymarket

fake = FakeHeymarket()
fake.add_contact(phone="15105553344", first="Ada")
http = httpx.Client(transport=fake.transport(), base_url="https://api.heymarket.com")
with Heymarket(secret_id=SANDBOX_SECRET_ID, secret_key=SANDBOX_SECRET_KEY, http_client=http) as c:
    contact = c.contacts.find(phone="+1 (510) 555-3344")
print(json.dumps({
    "first": contact.first,
    "version": heymarket_typed.__version__,
    "metadata_version": importlib.metadata.version("heymarket-typed"),
    "user_agent": fake.requests[-1].headers["user-agent"],
    "files": [heymarket_typed.__file__, heymarket_typed_api.__file__],
    "typed": [(Path(m.__file__).parent / "py.typed").is_file()
              for m in (heymarket_typed, heymarket_typed_api)],
    "installed": sorted(d.metadata["Name"].lower() for d in importlib.metadata.distributions()),
}))
"""


@dataclass(frozen=True)
class Dists:
    wheel: Path
    sdist: Path


def offline_env() -> dict[str, str]:
    """The environment without pip's settings, so that nothing but the given paths is read."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PYTHON"))}
    env["PIP_CONFIG_FILE"] = os.devnull
    return env


def normalise(name: str) -> str:
    """A distribution's name as indexes compare it (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def run(*args: str | Path, cwd: Path) -> str:
    done = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=offline_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"{args} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> Dists:
    out = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "hatchling", "build", "-d", out, cwd=ROOT)
    wheels, sdists = sorted(out.glob("*.whl")), sorted(out.glob("*.tar.gz"))
    assert len(wheels) == 1
    assert len(sdists) == 1
    return Dists(wheels[0], sdists[0])


def project_files() -> set[str]:
    """What the project is made of: the files git tracks, or in an unpacked sdist every file."""
    if (ROOT / ".git").exists():
        return set(run("git", "ls-files", "-z", cwd=ROOT).strip("\0").split("\0"))
    return {
        p.relative_to(ROOT).as_posix()
        for p in ROOT.rglob("*")
        if p.is_file()
        and not p.relative_to(ROOT).as_posix().startswith(NOT_SHIPPED)
        and "__pycache__" not in p.parts
    }


def test_wheel_installs_and_runs_with_runtime_dependencies_only(
    dists: Dists, tmp_path: Path
) -> None:
    assert WHEELHOUSE.is_dir(), f"no wheelhouse at {WHEELHOUSE}: run `make install`"
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)  # the running pip installs into it
    python = env_dir / "bin" / "python"
    pip = (sys.executable, "-m", "pip", "--python", python)
    run(
        *pip,
        "install",
        "--quiet",
        "--no-index",
        "--find-links",
        WHEELHOUSE,
        dists.wheel,
        cwd=tmp_path,
    )
    script = tmp_path / "smoke.py"
    script.write_text(SMOKE)

    # -I: neither the checkout nor the environment's PYTHONPATH can supply a module.
    report: dict[str, Any] = json.loads(run(python, "-I", script, cwd=tmp_path))

    assert report["first"] == "Ada"
    assert report["version"] == report["metadata_version"] == __version__
    assert report["user_agent"].startswith(f"heymarket-typed/{__version__} ")
    assert all(Path(f).is_relative_to(env_dir) for f in report["files"])
    assert report["typed"] == [True, True]
    runtime = {normalise(wheel.name.split("-")[0]) for wheel in WHEELHOUSE.glob("*.whl")}
    installed = {normalise(name) for name in report["installed"]} - {"pip", "setuptools"}
    assert installed == runtime | {"heymarket-typed"}


def pins(path: Path) -> dict[str, str]:
    """The `name==version` lines of a constraints file, by normalised name."""
    lines = (line.split("#")[0].strip() for line in path.read_text().splitlines())
    return {normalise(n): v for n, _, v in (line.partition("==") for line in lines if line)}


def test_constraints_pin_every_package_of_the_dev_environment() -> None:
    # A dependency added without `make lock` would install unpinned, its own deps too.
    installed = {normalise(d.metadata["Name"]) for d in importlib.metadata.distributions()}
    installed.discard("heymarket-typed")
    for constraints in ("constraints.txt", "constraints-lowest.txt"):
        unpinned = sorted(installed - set(pins(ROOT / constraints)))
        assert not unpinned, f"not in {constraints}: {unpinned}; run `make lock`"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    newest = pins(ROOT / "constraints.txt")
    for requirement in project["optional-dependencies"]["dev"]:
        name, _, version = requirement.partition("==")
        assert newest[normalise(name)] == version, f"{requirement}: run `make lock`"


def test_wheel_metadata_names_license_python_versions_and_typing(dists: Dists) -> None:
    with zipfile.ZipFile(dists.wheel) as wheel:
        names = wheel.namelist()
        info = next(n.split("/")[0] for n in names if n.endswith(".dist-info/METADATA"))
        metadata = wheel.read(f"{info}/METADATA").decode()
    assert f"{info}/licenses/LICENSE" in names
    assert {n.split("/")[0] for n in names} == {"heymarket_typed", "heymarket_typed_api", info}
    for line in (
        f"Version: {__version__}",
        "License-Expression: MIT",
        "Requires-Python: >=3.11",
        "Classifier: Typing :: Typed",
        "Classifier: Programming Language :: Python :: 3.11",
        "Classifier: Programming Language :: Python :: 3.13",
    ):
        assert line in metadata.splitlines(), line
    # PEP 639: the expression replaces the deprecated `License ::` classifiers.
    assert "Classifier: License ::" not in metadata
    assert any(line.startswith("Project-URL: Source, ") for line in metadata.splitlines())


def test_sdist_has_everything_make_test_needs(dists: Dists) -> None:
    with tarfile.open(dists.sdist) as sdist:
        members = {
            PurePosixPath(*PurePosixPath(m.name).parts[1:]).as_posix()
            for m in sdist.getmembers()
            if m.isfile()
        }
    assert set(MAKE_TEST_NEEDS) <= members
    for folder in MAKE_TEST_FOLDERS:
        assert any(m.startswith(folder) for m in members), folder
    missing = project_files() - members
    assert not missing, f"left out of the sdist: {sorted(missing)}"
    junk = sorted(m for m in members if m.startswith(NOT_SHIPPED) or "__pycache__" in m)
    assert not junk, f"the sdist carries {junk}"
