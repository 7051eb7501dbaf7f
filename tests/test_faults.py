"""Faults: a publish killed at any moment, two at once, a full disk, a read-only folder.

Every test runs the real command (``python -m pipeline -C DIR publish``) as a
subprocess, with machine translation through real Argos packages (copy models
from tests/modelkit.py), and then reads every file the run could have touched.
"""

from __future__ import annotations

import fcntl
import os
import select
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polib
import pytest

from pipeline.lock import project_lock
from pipeline.memory.store import load_memory
from tests.conftest import ROOT, SAMPLE, copy_project, sample_corpus
from tests.modelkit import PackageSpec, build_package, train_sentencepiece

Files = dict[str, bytes]
# One run of the command, however it ends, is over well within this; only a
# hang reaches it.
HANG = 120


@dataclass(frozen=True)
class Setup:
    env: dict[str, str]
    template: Path  # the project before: English memory empty, site built
    template_files: Files
    expected: Files  # the project after an uninterrupted publish
    duration: float  # of that publish, in seconds
    writes: tuple[float, float]  # first and last file write, seconds after its start
    switch: float  # when its site/ was switched over


def files(root: Path) -> Files:
    """Every file under ``root`` by relative path: the whole project, byte for byte."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def publish_command(root: Path) -> list[str]:
    return [sys.executable, "-m", "pipeline", "-C", str(root), "publish"]


def run_publish(root: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        publish_command(root), env=env, capture_output=True, text=True, timeout=HANG
    )


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Setup:
    base = tmp_path_factory.mktemp("faults")
    packages, empty = base / "packages", base / "no-packages"
    empty.mkdir()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "ARGOS_PACKAGES_DIR": str(packages),
        "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/",
        "SOURCE_DATE_EPOCH": "0",
    }
    tokenizer = train_sentencepiece(sample_corpus(), ["ЕАЭС", "EAEU", "ЕАЭО"])
    for spec in (
        PackageSpec("ru", "en", token_map={"ЕАЭС": "EAEU"}),
        PackageSpec("en", "kk", token_map={"EAEU": "ЕАЭО"}),
    ):
        package = build_package(
            base / f"{spec.from_code}_{spec.to_code}.argosmodel", spec, tokenizer
        )
        subprocess.run(
            [sys.executable, "-m", "pipeline", "models", "install", str(package)],
            env=env,
            check=True,
            capture_output=True,
        )
    # Three interviews, the English memory emptied: the next publish machine-
    # translates 159 sentences into English and 106 into Kazakh (pivot), keeps
    # the 53 reviewed Kazakh ones, rewrites 16 files (12, and the Kazakh and
    # English feeds and glossary pages, which list the translated titles) and
    # rebuilds the site.
    template = copy_project(base / "template")
    shutil.rmtree(template / "translations" / "en")
    for n in (2, 3):
        shutil.copy(SAMPLE, template / "transcripts" / f"interview-{n}.txt")
    done = run_publish(template, {**env, "ARGOS_PACKAGES_DIR": str(empty)})
    assert done.returncode == 0, done.stderr
    clean = base / "clean"
    shutil.copytree(template, clean, symlinks=True)
    start = time.time()
    done = run_publish(clean, env)
    duration = time.time() - start
    assert done.returncode == 0, done.stderr
    assert "machine-translated 159 sentence(s) into en" in done.stderr
    before, after = files(template), files(clean)
    written = [
        (clean / name).stat().st_mtime - start
        for name, content in after.items()
        if not name.startswith("site/") and before.get(name) != content
    ]
    assert len(written) == 16
    return Setup(
        env,
        template,
        before,
        after,
        duration,
        (min(written), max(written)),
        (clean / "site").stat().st_ctime - start,
    )


def is_temporary(name: str) -> bool:
    """What a killed run may leave for the next one to remove."""
    leaf = name.rsplit("/", 1)[-1]
    return (leaf.startswith(".") and leaf.endswith(".tmp")) or name.startswith(".site.")


def reviewed(po: polib.POFile) -> dict[tuple[str, str], str]:
    return {
        (e.msgctxt, e.msgid): e.msgstr
        for e in po
        if e.msgstr and "fuzzy" not in e.flags and not e.obsolete
    }


def check_consistent(root: Path, setup: Setup) -> str:
    """Every file is complete: the version before the run or the one after it.

    Returns which state the project is in, to show how varied the kills were.
    """
    now = {k: v for k, v in files(root).items() if not is_temporary(k)}
    before, after = setup.template_files, setup.expected
    for name, content in now.items():
        assert content in (before.get(name), after.get(name)), f"{name} is half-written"
    lost = [n for n in before if n in after and n not in now and not n.startswith("site/")]
    assert not lost, f"files lost: {lost}"
    for po_file in sorted((root / "translations").rglob("*.po")):
        language = po_file.parent.name
        po = load_memory(po_file, language)  # the pipeline's own validation
        assert po is not None
        old = setup.template / po_file.relative_to(root)
        if old.exists():
            kept = reviewed(polib.pofile(str(po_file)))
            for key, msgstr in reviewed(polib.pofile(str(old))).items():
                assert kept.get(key) == msgstr, f"{po_file}: reviewed entry {key[0]} lost"
    site = {k: v for k, v in now.items() if k.startswith("site/")}
    site_before = {k: v for k, v in before.items() if k.startswith("site/")}
    site_after = {k: v for k, v in after.items() if k.startswith("site/")}
    assert site in ({}, site_before, site_after), "site/ is not a complete build"
    rest = {k: v for k, v in now.items() if not k.startswith("site/")}
    rest_before = {k: v for k, v in before.items() if not k.startswith("site/")}
    rest_after = {k: v for k, v in after.items() if not k.startswith("site/")}
    if rest == rest_before:
        written = "nothing written"
    elif rest == rest_after:
        written = "files written"
    else:
        written = "some files written"
    if site == site_after:
        return f"{written}, new site"
    return f"{written}, {'old' if site else 'no'} site"


def kill_points(setup: Setup) -> list[float]:
    """Spread over the whole run, and denser where files are written and switched."""
    even = [setup.duration * (0.05 + 1.0 * i / 8) for i in range(9)]
    first, last = setup.writes
    dense = [first - 0.1 + (last - first + 0.3) * i / 4 for i in range(5)]
    switch = [setup.switch - 0.03, setup.switch]
    return sorted(max(0.01, t) for t in [*even, *dense, *switch])


def test_a_publish_killed_at_any_moment_loses_nothing(setup: Setup, tmp_path: Path) -> None:
    states = []
    # Timed kills, and two more the moment the first translation file is
    # replaced: the 12 files are written within ~15 ms, which timing alone
    # rarely hits.
    points: list[float | None] = [*kill_points(setup), None, None]
    for n, delay in enumerate(points):
        root = tmp_path / f"run-{n}"
        shutil.copytree(setup.template, root, symlinks=True)
        memories = sorted((root / "translations").rglob("*.po"))
        inodes = [p.stat().st_ino for p in memories]
        # Every fourth is a Ctrl-C (SIGINT), the others SIGKILL.
        sig = signal.SIGINT if n % 4 == 3 else signal.SIGKILL
        proc = subprocess.Popen(
            publish_command(root),
            env=setup.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        if delay is None:
            while [p.stat().st_ino for p in memories] == inodes and proc.poll() is None:
                time.sleep(0.0005)
        else:
            time.sleep(delay)
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=HANG)
        if sig == signal.SIGINT and proc.returncode == 130:
            lines = err.splitlines()
            assert lines[-1].startswith("interrupted: "), err
            assert all(line == "building the site" for line in lines[:-1]), err
            # Ctrl-C cleans up after itself; only SIGKILL leaves temporaries.
            assert not [k for k in files(root) if is_temporary(k)]
        else:
            # 0: it had finished; -SIGINT: it was still starting, before Python
            # handles Ctrl-C (nothing written yet, which the checks below see).
            assert proc.returncode in (0, -signal.SIGKILL, -signal.SIGINT), err
        when = "first write" if delay is None else f"{delay:.2f}s"
        code = proc.returncode
        states.append(f"{when} {sig.name} → {code}: {check_consistent(root, setup)}")
        done = run_publish(root, setup.env)
        assert done.returncode == 0, done.stderr
        assert files(root) == setup.expected, f"after the kill at {states[-1]}"
        shutil.rmtree(root)
    summary = "\n".join(states)
    print(f"run {setup.duration:.2f}s, writes {setup.writes}, switch {setup.switch:.2f}s")
    print(summary)
    # The kills landed before anything was written and later, in other states.
    assert "nothing written, old site" in summary, summary
    assert len({state.split(": ", 1)[1] for state in states}) >= 2, summary
    assert "SIGINT → 130" in summary, summary


def wait_for_line(proc: subprocess.Popen[str], text: str) -> str:
    assert proc.stderr is not None
    deadline = time.monotonic() + HANG
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stderr], [], [], 1.0)
        if ready:
            line = proc.stderr.readline()
            assert line, "the publish ended without saying it waits"
            if text in line:
                return line
    raise AssertionError(f"no line with {text!r}")


def test_a_second_publish_waits_for_the_lock_and_writes_nothing_meanwhile(
    setup: Setup, tmp_path: Path
) -> None:
    root = tmp_path / "project"
    shutil.copytree(setup.template, root, symlinks=True)
    heard: list[str] = []
    with project_lock(root, waiting=heard.append):
        proc = subprocess.Popen(
            publish_command(root), env=setup.env, stderr=subprocess.PIPE, text=True
        )
        line = wait_for_line(proc, "waiting")
        assert line == f"waiting for another publish in {root} to finish\n"
        assert proc.poll() is None
        assert files(root) == setup.template_files
    _, err = proc.communicate(timeout=HANG)
    assert proc.returncode == 0, err
    assert heard == []
    assert files(root) == setup.expected


def locked(root: Path) -> bool:
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def test_two_publishes_at_once_run_one_after_the_other(setup: Setup, tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(setup.template, root, symlinks=True)
    first = subprocess.Popen(
        publish_command(root), env=setup.env, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + HANG
    while not locked(root):
        assert first.poll() is None and time.monotonic() < deadline, "never took the lock"
        time.sleep(0.005)
    second = subprocess.Popen(
        publish_command(root), env=setup.env, stderr=subprocess.PIPE, text=True
    )
    _, err_first = first.communicate(timeout=HANG)
    _, err_second = second.communicate(timeout=HANG)
    assert (first.returncode, second.returncode) == (0, 0), err_first + err_second
    assert "machine-translated 159 sentence(s) into en" in err_first
    # The second read what the first had finished writing: nothing left to do.
    assert err_second.startswith(f"waiting for another publish in {root} to finish\n")
    assert "0 file(s) written, 0 removed; 0 model call(s)" in err_second
    assert files(root) == setup.expected


def test_a_full_disk_stops_with_a_clear_error_and_corrupts_nothing(
    setup: Setup, tmp_path: Path, namespace: list[str]
) -> None:
    disk, out = tmp_path / "disk", tmp_path / "out"
    disk.mkdir()
    out.mkdir()
    size = sum(len(v) for v in setup.expected.values()) * 2
    # The project on a small disk, filled up but for 64 KiB: the first PO
    # files fit, the rest does not.
    script = f"""
set -u
mount -t tmpfs -o size={size} tmpfs {disk}
cp -a {setup.template} {disk}/project
head -c $(( $(df --output=avail -B1 {disk} | tail -1) - 65536 )) /dev/zero > {disk}/filler
{" ".join(publish_command(disk / "project"))} 2> {out}/stderr
echo $? > {out}/code
cp -a {disk}/project {out}/after
"""
    done = subprocess.run(
        [*namespace, "bash", "-c", script], env=setup.env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert (out / "code").read_text() == "1\n"
    err = (out / "stderr").read_text()
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].endswith(": No space left on device"), err
    assert lines[0].startswith(f"error: {disk}/project/"), err
    after = out / "after"
    state = check_consistent(after, setup)
    assert state == "some files written, old site", state
    assert not [k for k in files(after) if is_temporary(k)]
    # Space again: the next run completes.
    done = run_publish(after, setup.env)
    assert done.returncode == 0, done.stderr
    assert files(after) == setup.expected


def test_a_read_only_folder_stops_with_a_clear_error_and_corrupts_nothing(
    setup: Setup, tmp_path: Path, namespace: list[str]
) -> None:
    root = tmp_path / "project"
    shutil.copytree(setup.template, root, symlinks=True)
    docs = root / "docs"
    script = f"""
set -eu
mount --bind {docs} {docs}
mount -o remount,bind,ro {docs}
{" ".join(publish_command(root))}
"""
    done = subprocess.run(
        [*namespace, "bash", "-c", script], env=setup.env, capture_output=True, text=True
    )
    assert done.returncode == 1, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {docs}/"), done.stderr
    assert lines[0].endswith(": Read-only file system"), done.stderr
    # The translation memory was written first and is kept; no page changed.
    assert check_consistent(root, setup) == "some files written, old site"
    pages = {k: v for k, v in setup.template_files.items() if k.startswith("docs/")}
    assert {f"docs/{k}": v for k, v in files(docs).items()} == pages
    done = run_publish(root, setup.env)
    assert done.returncode == 0, done.stderr
    assert files(root) == setup.expected


def test_site_switch_without_an_atomic_exchange_and_recovery_after_a_kill(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline import fileio
    from pipeline.site import build as site_module

    target = tmp_path / "site"
    target.mkdir()
    (target / "index.html").write_text("old")
    staging = tmp_path / ".site.new-1"
    staging.mkdir()
    (staging / "index.html").write_text("new")
    # Where renameat2 cannot swap (another OS, a file system without it): two renames.
    monkeypatch.setattr(fileio, "exchange", lambda a, b: False)
    site_module._switch(staging, target)
    assert files(tmp_path) == {"site/index.html": b"new"}
    # Killed between those renames: no site/, the old build beside it, maybe a
    # half-built new one. The next run puts the old build back, drops the rest.
    target.rename(tmp_path / ".site.old-2")
    (tmp_path / ".site.new-3").mkdir()
    (tmp_path / ".site.new-3" / "half.html").write_text("<ht")
    site_module.recover(target)
    assert files(tmp_path) == {"site/index.html": b"new"}
    # With site/ present, a leftover old build is simply removed.
    shutil.copytree(target, tmp_path / ".site.old-4")
    site_module.recover(target)
    assert files(tmp_path) == {"site/index.html": b"new"}


def test_temporaries_of_a_killed_publish_are_removed_under_the_lock(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    before = files(root)
    leftovers = [
        root / "translations" / "en" / ".x.po.pipeline-abc12_45.tmp",
        root / "docs" / "kk" / "interviews" / ".x.md.pipeline-k_9zzzzz.tmp",
        root / ".glossary.yaml.pipeline-q1q1q1q1.tmp",
    ]
    # An editor's own temporary files are not ours: they stay.
    theirs = [
        root / ".notes.tmp",
        root / "translations" / "kk" / ".x.po.abc123.tmp",
        root / "docs" / ".draft.pipeline.tmp",
        root / "docs" / ".x.md.pipeline-abc.tmp",
    ]
    for path in leftovers + theirs:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"half")
    before.update({p.relative_to(root).as_posix(): b"half" for p in theirs})
    with project_lock(root, waiting=pytest.fail):
        pass
    assert files(root) == before


def test_the_cleanup_matches_the_names_of_the_temporaries_it_cleans(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline import fileio

    made: list[str] = []
    mkstemp = fileio.tempfile.mkstemp

    def recording(*args: Any, **kwargs: Any) -> tuple[int, str]:
        fd, name = mkstemp(*args, **kwargs)
        made.append(Path(name).name)
        return fd, name

    monkeypatch.setattr(fileio.tempfile, "mkstemp", recording)
    fileio.write_if_changed(tmp_path / "interview.po", b"x")
    assert len(made) == 1 and fileio.TEMPORARY.fullmatch(made[0]), made
