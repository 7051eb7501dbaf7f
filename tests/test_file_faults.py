"""What publish does to the file system around it: modes, a linked site/, a mount point.

Each case runs the real command in a subprocess (its own umask), as an editor's
shell or a deploy job would, and then reads the files it could have touched.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import fileio
from tests.conftest import ROOT, SAMPLE_SLUG, copy_project


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def publish(root: Path, *args: str, umask: int = 0o022) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "0"}
    return subprocess.run(
        [sys.executable, "-m", "pipeline", "-C", str(root), "publish", *args],
        env=env,
        capture_output=True,
        text=True,
        umask=umask,
        timeout=300,
    )


def edit_transcript(root: Path) -> None:
    """One sentence changed: its PO files and pages are written again."""
    transcript = root / "transcripts" / f"{SAMPLE_SLUG}.txt"
    text = transcript.read_text(encoding="utf-8")
    transcript.write_text(
        text.replace("Мы видим четкие признаки", "Мы видим явные признаки"), encoding="utf-8"
    )


def test_written_files_keep_their_mode_and_new_ones_get_the_umasks(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    assert publish(root).returncode == 0
    kk = root / "translations" / "kk" / f"{SAMPLE_SLUG}.po"
    page = root / "docs" / "ru" / "interviews" / f"{SAMPLE_SLUG}.md"
    kk.chmod(0o640)  # the newsroom's choice: group-readable only
    page.chmod(0o604)
    (root / "site").chmod(0o751)
    shutil.rmtree(root / "translations" / "en")
    (root / "docs" / "en" / "interviews" / f"{SAMPLE_SLUG}.md").unlink()
    edit_transcript(root)
    before = {p: p.read_bytes() for p in (kk, page)}
    done = publish(root, umask=0o002)
    assert done.returncode == 0, done.stderr
    assert all(p.read_bytes() != content for p, content in before.items())  # rewritten
    assert (mode(kk), mode(page)) == (0o640, 0o604)
    # New files: 0666 less the umask, as any tool makes them, never mkstemp's 0600.
    assert mode(root / "translations" / "en" / f"{SAMPLE_SLUG}.po") == 0o664
    assert mode(root / "docs" / "en" / "interviews" / f"{SAMPLE_SLUG}.md") == 0o664
    # The new site takes the old one's place with its permissions.
    assert mode(root / "site") == 0o751
    assert mode(root / "site" / "index.html") == 0o664


def test_a_write_syncs_its_folder_after_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    replace, fsync = os.replace, os.fsync

    def replacing(a: str, b: str) -> None:
        events.append("rename")
        replace(a, b)

    def syncing(fd: int) -> None:
        events.append("sync folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "sync file")
        fsync(fd)

    monkeypatch.setattr(fileio.os, "replace", replacing)
    monkeypatch.setattr(fileio.os, "fsync", syncing)
    assert fileio.write_if_changed(tmp_path / "a.po", b"x")
    assert events == ["sync file", "rename", "sync folder"]


def linked_project(tmp_path: Path) -> tuple[Path, Path]:
    """A project whose site/ is a relative symlink to a web root elsewhere."""
    root = copy_project(tmp_path / "project")
    webroot = tmp_path / "www" / "html"
    webroot.mkdir(parents=True)
    webroot.chmod(0o755)
    (webroot / "stale.html").write_text("the last deploy")
    (root / "site").symlink_to(Path("..", "www", "html"))
    return root, webroot


def test_a_site_that_is_a_symlink_updates_what_it_points_to(tmp_path: Path) -> None:
    root, webroot = linked_project(tmp_path)
    done = publish(root, umask=0o077)
    assert done.returncode == 0, done.stderr
    site = root / "site"
    assert site.is_symlink() and os.readlink(site) == os.path.join("..", "www", "html")
    served = sorted(p.name for p in webroot.iterdir())
    assert "stale.html" not in served and "index.html" in served
    assert (webroot / "en" / "index.html").is_file()
    assert mode(webroot) == 0o755  # the web server still reads it
    assert sorted(p.name for p in webroot.parent.iterdir()) == ["html"]  # nothing left beside
    assert not [p for p in root.iterdir() if p.name.startswith(".site")]
    # Again, with the link in place: the content is swapped, not the link.
    (webroot / "stale.html").write_text("x")
    assert publish(root).returncode == 0
    assert not (webroot / "stale.html").exists() and site.is_symlink()


def test_a_site_that_cannot_be_replaced_is_refused_in_one_line(
    tmp_path: Path, namespace: list[str]
) -> None:
    root, webroot = linked_project(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    # The web root is a mount point (a volume): it cannot be renamed.
    script = f"""
set -u
mount -t tmpfs tmpfs {webroot}
echo 'the last deploy' > {webroot}/stale.html
PYTHONPATH={ROOT} SOURCE_DATE_EPOCH=0 {sys.executable} -m pipeline -C {root} publish 2> {out}/stderr
echo $? > {out}/code
ls -A {webroot} > {out}/served
ls -A {webroot.parent} > {out}/beside
"""
    done = subprocess.run([*namespace, "bash", "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (out / "code").read_text() == "5\n"
    err = (out / "stderr").read_text()
    assert err.endswith(
        f"\nerror: {webroot}: the new build cannot take its place (Device or resource busy);"
        " what is served there is unchanged\n"
    ), err
    assert [line for line in err.splitlines() if line.startswith("error")] == err.splitlines()[-1:]
    assert (out / "served").read_text() == "stale.html\n"
    assert (out / "beside").read_text() == "html\n"


def test_the_fallback_switch_puts_the_old_folder_back_when_the_new_one_cannot_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target, new = tmp_path / "site", tmp_path / ".site.new-1"
    target.mkdir()
    (target / "index.html").write_text("old")
    monkeypatch.setattr(fileio, "exchange", lambda a, b: False)
    with pytest.raises(FileNotFoundError):
        fileio.replace_folder(new, target, tmp_path / ".site.old-1")  # no build to put in
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert (target / "index.html").read_text() == "old"
