"""Progress of a publish: a bar per stage on a terminal, nothing in CI or when piped.

The CLI runs as editors run it, in a subprocess, its stderr a pseudo-terminal
(as in a shell) or a pipe (as in a log or CI job). No times are asserted.
"""

from __future__ import annotations

import fcntl
import io
import os
import re
import shutil
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from pipeline.progress import hidden, shown_on, terminal_bars
from tests.conftest import ROOT, sample_corpus
from tests.modelkit import PackageSpec, build_package, train_sentencepiece

STAGES = ("reading transcripts", "translating ru→en", "writing", "building the site:")


@pytest.fixture(scope="module")
def ru_en(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tokenizer = train_sentencepiece(sample_corpus(), ["ЕАЭС", "EAEU"])
    folder = tmp_path_factory.mktemp("argosmodel")
    return build_package(folder / "ru_en.argosmodel", PackageSpec("ru", "en"), tokenizer)


def environment(ci: bool = False) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["PYTHONPATH"] = str(ROOT)
    if ci:
        env["CI"] = "true"
    return env


def pipeline(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "pipeline", *map(str, args)]


def on_terminal(command: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run ``command`` with stderr on a pseudo-terminal: its exit code and what it showed."""
    leader, follower = os.openpty()
    # A terminal of 24 lines of 120 columns (a new pseudo-terminal has none).
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))
    with subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=follower, env=env
    ) as process:
        os.close(follower)
        shown = bytearray()
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed: the process has exited
                break
            if not chunk:
                break
            shown += chunk
        code = process.wait()
    os.close(leader)
    return code, shown.decode("utf-8", "replace")


@pytest.fixture
def untranslated(project: Path, ru_en: Path, no_installed_models: Path) -> Path:
    """The sample without its English memory, and a ru→en model installed."""
    shutil.rmtree(project / "translations" / "en")
    installed = subprocess.run(
        pipeline("models", "install", ru_en), env=environment(), capture_output=True, text=True
    )
    assert installed.returncode == 0, installed.stderr
    return project


def test_a_publish_on_a_terminal_shows_each_stage(untranslated: Path) -> None:
    code, shown = on_terminal(pipeline("-C", untranslated, "publish"), environment())
    assert code == 0, shown
    for stage in STAGES:
        assert stage in shown, stage
    assert re.search(r"translating ru→en: .*sentence/s", shown)
    assert re.search(r"reading transcripts: .*\d+/1 ", shown)
    assert re.search(r"building the site: \d\d:\d\d", shown)  # the time it has taken
    # The summary is still there, after the bars.
    assert "machine-translated 53 sentence(s) into en with argos ru→en 1.0" in shown
    assert (untranslated / "site" / "en" / "index.html").exists()


def test_a_piped_publish_shows_no_progress(untranslated: Path) -> None:
    done = subprocess.run(
        pipeline("-C", untranslated, "publish"), env=environment(), capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "machine-translated 53 sentence(s) into en" in done.stderr
    assert "building the site\n" in done.stderr  # the log line, not a bar
    assert "\r" not in done.stderr
    for stage in STAGES:
        assert stage not in done.stderr


def test_a_publish_in_ci_shows_no_progress_even_on_a_terminal(untranslated: Path) -> None:
    code, shown = on_terminal(
        pipeline("-C", untranslated, "publish", "--no-site"), environment(ci=True)
    )
    assert code == 0, shown
    assert "machine-translated 53 sentence(s) into en" in shown
    assert "\r" not in shown.replace("\r\n", "\n")  # a terminal ends lines with \r\n
    for stage in STAGES:
        assert stage not in shown


def test_progress_is_for_terminals_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert not shown_on(io.StringIO())
    assert terminal_bars(io.StringIO()) is hidden
    leader, follower = os.openpty()
    try:
        with os.fdopen(follower, "w", closefd=False) as terminal:
            assert shown_on(terminal)
            assert terminal_bars(terminal) is not hidden
            for value in ("true", "1", "yes"):
                monkeypatch.setenv("CI", value)
                assert not shown_on(terminal)
            monkeypatch.setenv("CI", "false")
            assert shown_on(terminal)
    finally:
        os.close(leader)
        os.close(follower)
