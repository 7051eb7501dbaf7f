"""A publish killed after some checkpoint groups resumes without redoing them.

README: "A job killed after hours resumes without redoing finished documents."
The real command (``python -m pipeline -C DIR publish``) translates an archive
of several interviews with copy-model Argos packages, one document per
checkpoint group (PIPELINE_CHECKPOINT_SENTENCES=1); it is killed (SIGKILL) as
soon as the first group's memories are on disk, then run again. The second run
translates only the documents whose memories were not saved, and the project
ends byte-identical to one publish that was never interrupted.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import polib
import pytest

from pipeline.languages import TARGETS
from pipeline.memory.store import engine_of, load_memory
from pipeline.plan import CHECKPOINT_VARIABLE
from tests.conftest import ROOT, SAMPLE, Cli, copy_project, sample_corpus, snapshot
from tests.modelkit import PackageSpec, build_package, train_sentencepiece

INTERVIEWS = 5
PAIRS = 2  # question/answer pairs in each: short interviews, a short test
HANG = 180  # a run is over well within this; only a hang reaches it


def _interviews(project: Path) -> list[str]:
    """INTERVIEWS different interviews: the sample's lede and PAIRS of its
    question/answer pairs drawn with a seed, under their own titles, with no
    memory yet."""
    head, _, body = SAMPLE.read_text(encoding="utf-8").partition("\n---\n")
    paragraphs = body.strip().split("\n\n")
    lede = [p for p in paragraphs if not p.startswith(("—", "–", "-"))]
    turns = [p for p in paragraphs if p.startswith(("—", "–", "-"))]
    pairs = [turns[i : i + 2] for i in range(0, len(turns), 2)]
    for folder in ("transcripts", "translations"):
        shutil.rmtree(project / folder)
    (project / "transcripts").mkdir()
    slugs = []
    for n in range(INTERVIEWS):
        order = [*lede, *(t for pair in random.Random(n).sample(pairs, PAIRS) for t in pair)]
        slug = f"interview-{n + 1:02d}"
        title = f"title: Интервью номер {n + 1}"
        front = re.sub(r"^title:.*$", title, head, count=1, flags=re.MULTILINE)
        text = front + "\n---\n\n" + "\n\n".join(order) + "\n"
        (project / "transcripts" / f"{slug}.txt").write_text(text, encoding="utf-8")
        slugs.append(slug)
    return slugs


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], list[str]]:
    base = tmp_path_factory.mktemp("resume")
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "ARGOS_PACKAGES_DIR": str(base / "packages"),
        "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/",
        "SOURCE_DATE_EPOCH": "0",
        CHECKPOINT_VARIABLE: "1",  # every document its own group
    }
    env.pop("RAY_ADDRESS", None)  # here, on the local backend
    tokenizer = train_sentencepiece(sample_corpus(), ["ЕАЭС", "EAEU", "ЕАЭО"])
    for spec in (
        PackageSpec("ru", "en", token_map={"ЕАЭС": "EAEU"}),
        PackageSpec("en", "kk", token_map={"EAEU": "ЕАЭО"}),
    ):
        package = build_package(
            base / f"{spec.from_code}_{spec.to_code}.argosmodel", spec, tokenizer
        )
        installed = subprocess.run(
            [*_pipeline(), "models", "install", str(package)], env=env, capture_output=True
        )
        assert installed.returncode == 0, installed.stderr
    template = copy_project(base / "template")
    return template, env, _interviews(template)


def _pipeline(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "pipeline", *map(str, args)]


def _outputs(root: Path) -> dict[str, bytes]:
    """What a publish makes: the memories and the pages, byte for byte."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for folder in ("translations", "docs")
        for p in sorted((root / folder).rglob("*"))
        if p.is_file()
    }


def _machine_entries(po_file: Path) -> int:
    return sum(1 for e in polib.pofile(str(po_file)) if engine_of(e) is not None)


def _translated(summary: str) -> dict[str, int]:
    found = re.findall(r"machine-translated (\d+) sentence\(s\) into (\w+)", summary)
    return {language: int(n) for n, language in found}


def _calls(summary: str) -> int:
    found = re.search(r"(\d+) model call\(s\)", summary)
    assert found, summary
    return int(found.group(1))


def _kill_after_first_group(root: Path, env: dict[str, str], first: str) -> None:
    """Start a publish; SIGKILL it the moment the first document's memories
    (every target language) have been saved."""
    saved = [root / "translations" / language / f"{first}.po" for language in TARGETS]
    with subprocess.Popen(
        _pipeline("-C", root, "publish", "--no-site"),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        deadline = time.monotonic() + HANG
        while not all(p.exists() for p in saved):
            assert process.poll() is None, f"the publish ended first: {process.stderr.read()}"
            assert time.monotonic() < deadline, "no memory was saved"
            time.sleep(0.002)
        process.send_signal(signal.SIGKILL)
        assert process.wait(HANG) == -signal.SIGKILL


def test_a_killed_publish_resumes_without_translating_finished_documents_again(
    archive: tuple[Path, dict[str, str], list[str]], tmp_path: Path
) -> None:
    template, env, slugs = archive
    whole = tmp_path / "uninterrupted"
    shutil.copytree(template, whole)
    done = subprocess.run(
        _pipeline("-C", whole, "publish", "--no-site"),
        env=env,
        capture_output=True,
        text=True,
        timeout=HANG,
    )
    assert done.returncode == 0, done.stderr
    full = _translated(done.stderr)
    assert set(full) == set(TARGETS) and all(n > 0 for n in full.values()), done.stderr

    resumed = tmp_path / "resumed"
    shutil.copytree(template, resumed)
    _kill_after_first_group(resumed, env, slugs[0])
    # Nothing half-written: each memory on disk is complete, and is the one the
    # uninterrupted run made (each group is saved whole, atomically).
    on_disk = sorted((resumed / "translations").rglob("*.po"))
    assert on_disk, "the first group's memories were not saved"
    for po_file in on_disk:
        name = po_file.relative_to(resumed)
        assert load_memory(po_file, po_file.parent.name) is not None
        assert po_file.read_bytes() == (whole / name).read_bytes(), f"{name} is half-written"
    saved = [p.stem for p in on_disk]
    finished = {s for s in saved if saved.count(s) == len(TARGETS)}
    assert slugs[0] in finished
    untouched = [s for s in slugs if s not in saved]  # a kill between two languages
    partly = [s for s in slugs if s in saved and s not in finished]  # leaves one partly saved
    assert untouched, "the kill came after every group was saved: nothing left to resume"
    saved_entries = {
        language: sum(_machine_entries(p) for p in on_disk if p.parent.name == language)
        for language in TARGETS
    }

    again = subprocess.run(
        _pipeline("-C", resumed, "publish", "--no-site"),
        env=env,
        capture_output=True,
        text=True,
        timeout=HANG,
    )
    assert again.returncode == 0, again.stderr
    # Only what was not saved is translated again: per language, the whole
    # run's sentences less those in the saved memories; model calls only for
    # the groups (documents) left.
    second = _translated(again.stderr)
    assert second == {lang: full[lang] - saved_entries[lang] for lang in TARGETS}, again.stderr
    per_document = _calls(done.stderr) // len(slugs)
    assert _calls(done.stderr) == per_document * len(slugs)
    calls = _calls(again.stderr)
    assert per_document * len(untouched) <= calls <= per_document * (len(untouched) + len(partly))
    assert _outputs(resumed) == _outputs(whole)


@pytest.mark.parametrize("size", ["0", "-5", "2k", "１０", "\x1b[31m"])
def test_a_group_size_that_is_not_a_number_stops_before_anything_is_written(
    project: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch, size: str
) -> None:
    monkeypatch.setenv(CHECKPOINT_VARIABLE, size)
    before = snapshot(project)
    code, _, err = cli("-C", project, "publish", "--no-site")
    assert code == 2
    assert err.startswith(f"error: {CHECKPOINT_VARIABLE}=") and err.count("\n") == 1, err
    assert "\x1b" not in err
    assert snapshot(project) == before
