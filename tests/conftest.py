from __future__ import annotations

import os
import shutil
import subprocess
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from pipeline.cli import run

ROOT = Path(__file__).resolve().parent.parent
# What a newsroom's repository holds; the tests publish a copy of it.
PROJECT_FILES = (
    "mkdocs.yml",
    "overrides",
    "docs/assets",
    "transcripts",
    "translations",
    "glossary.yaml",
)
SAMPLE = ROOT / "transcripts" / "kazakhstan-russia-healthy-pragmatism.txt"
SAMPLE_SLUG = "kazakhstan-russia-healthy-pragmatism"

Cli = Callable[..., tuple[int, str, str]]

# Property tests draw the same examples on every run unless asked otherwise: a
# red run can be re-run, a green one means the same every time. No example
# database (it would make a run depend on the runs before it). `make fuzz`
# asks for long random runs (--hypothesis-profile=fuzz); a failure there
# prints the @reproduce_failure blob to replay it.
settings.register_profile(
    "ci", derandomize=True, database=None, max_examples=150, deadline=None, print_blob=True
)
settings.register_profile(
    "fuzz", derandomize=False, database=None, max_examples=5000, deadline=None, print_blob=True
)
settings.load_profile("ci")


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    """On CI (CI=true), the reproducible profile whatever the command line asks."""
    if os.environ.get("CI") == "true":
        settings.load_profile("ci")


@pytest.fixture(autouse=True)
def no_installed_models(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test starts with no Argos package and no way to reach an index."""
    packages = tmp_path_factory.mktemp("argos-packages")
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://127.0.0.1:9/")
    return packages


def copy_project(root: Path) -> Path:
    """A newsroom's repository as a user's clone has it, at ``root``."""
    for name in PROJECT_FILES:
        source, target = ROOT / name, root / name
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return root


def sample_corpus() -> list[str]:
    """Text in all three languages, to train test tokenizers on."""
    import polib

    corpus = [line for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line]
    for language in ("kk", "en"):
        po = polib.pofile(str(ROOT / "translations" / language / f"{SAMPLE_SLUG}.po"))
        corpus += [e.msgstr for e in po]
    return corpus


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    """Run the CLI in-process: (exit code, stdout, stderr)."""

    def invoke(*args: str | Path) -> tuple[int, str, str]:
        code = run([str(a) for a in args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return invoke


def snapshot(root: Path) -> dict[Path, bytes]:
    """Every file under ``root`` with its bytes, to prove nothing was written."""
    return {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def published(project: Path) -> dict[Path, bytes]:
    """What a publish made in ``project``: its pages and PO files, with their bytes."""
    return {
        p: b
        for p, b in snapshot(project).items()
        if p.relative_to(project).parts[0] in ("docs", "translations")
    }


def publish_pages(project: Path, cli: Cli) -> str:
    """Publish ``project`` without building the site; its warnings."""
    code, _, err = cli("-C", project, "publish", "--no-site")
    assert code == 0, err
    return err


def count_calls(
    monkeypatch: pytest.MonkeyPatch, steps: Iterable[tuple[str, Any, str]]
) -> Counter[str]:
    """How often each (name, module, attribute) really runs from now on."""
    counted: Counter[str] = Counter()
    for name, module, attribute in steps:
        original = getattr(module, attribute)

        def wrapper(*args: Any, _original: Any = original, _name: str = name, **kw: Any) -> Any:
            counted[_name] += 1
            return _original(*args, **kw)

        monkeypatch.setattr(module, attribute, wrapper)
    return counted


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped project published once: its site/ folder."""
    root = copy_project(tmp_path_factory.mktemp("built-project"))
    assert run(["-C", str(root), "publish"]) == 0
    return root / "site"


@pytest.fixture
def namespace() -> Iterator[list[str]]:
    """A private mount namespace: the mounts a test makes vanish with its script."""
    command = ["unshare", "--mount", "--propagation", "private"]
    if os.geteuid() != 0:
        command.insert(1, "--map-root-user")
    probe = subprocess.run([*command, "mount", "-t", "tmpfs", "tmpfs", "/mnt"], capture_output=True)
    assert probe.returncode == 0, f"mounts are not permitted here: {probe.stderr!r}"
    yield command
