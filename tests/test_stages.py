"""The publish stages return values: nothing fills a shared report or changes its input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pipeline.memory.orphans import carry_over
from pipeline.memory.store import MemoryKey, Status
from pipeline.project import Project, read_documents, read_memories
from pipeline.publish import publish
from tests.conftest import ROOT, SAMPLE_SLUG, snapshot


def test_publish_imports_no_command_line_module() -> None:
    listed = subprocess.run(
        [sys.executable, "-c", "import sys, pipeline.publish; print(*sorted(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout.split()
    assert "pipeline.publish" in listed
    cli = [m for m in listed if m.startswith(("pipeline.cli", "pipeline.commands"))]
    assert cli + [m for m in listed if m == "pipeline.glossary.commands"] == []


def test_carry_over_returns_the_memories_and_leaves_its_input(project: Path) -> None:
    transcript = project / "transcripts" / f"{SAMPLE_SLUG}.txt"
    transcript.rename(transcript.with_name("renamed.txt"))
    documents = read_documents(Project(project)).documents
    memories = read_memories(Project(project), documents)
    assert memories == {MemoryKey("kk", "renamed"): None, MemoryKey("en", "renamed"): None}
    carried = carry_over(project / "translations", list(documents), memories)
    assert memories == {MemoryKey("kk", "renamed"): None, MemoryKey("en", "renamed"): None}
    assert all(po is not None for po in carried.memories.values())
    assert [(o.path.parent.name, o.path.stem, o.matched) for o in carried.orphans] == [
        ("en", SAMPLE_SLUG, (53, 53)),
        ("kk", SAMPLE_SLUG, (53, 53)),
    ]


def test_a_checking_publish_reports_per_memory_and_writes_nothing(project: Path) -> None:
    assert publish(Project(project), site=False).written  # the pages are generated
    before = snapshot(project)
    report = publish(Project(project), check=True)
    assert snapshot(project) == before
    assert (report.documents, report.written, report.removed) == (1, (), ())
    assert set(report.statuses) == {MemoryKey("kk", SAMPLE_SLUG), MemoryKey("en", SAMPLE_SLUG)}
    assert report.statuses[MemoryKey("en", SAMPLE_SLUG)][Status.REVIEWED] == 53
    assert report.count(Status.MISSING) == {}
    assert report.glossary is not None and report.glossary_violations == 0
    assert report.glossary.uses
