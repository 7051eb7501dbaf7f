"""`glossary check` reads the project as publish does, and returns typed values."""

from __future__ import annotations

from pathlib import Path

from pipeline.glossary.commands import check
from pipeline.glossary.load import load_glossary
from pipeline.project import Project
from tests.conftest import SAMPLE_SLUG, Cli, snapshot


def test_check_returns_each_violation_as_a_value(project: Path) -> None:
    po = project / "translations" / "en" / f"{SAMPLE_SLUG}.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(
        text.replace("Eurasian Economic Union (EAEU)", "Eurasian Union (EAEC)"), encoding="utf-8"
    )
    result = check(Project(project), load_glossary(project / "glossary.yaml"))
    [violation] = result.violations
    assert result.count == 1
    assert (violation.file, violation.slug, violation.segment) == (po, SAMPLE_SLUG, "a5.p1.s3")
    assert (violation.term, violation.language, violation.reviewed) == ("eaeu", "en", True)
    assert violation.problems[:3] == ("missing EAEU", "forbidden EAEC", "forbidden Eurasian Union")
    assert "Eurasian Union (EAEC)" in violation.translation
    [use] = [u for u in result.uses if (u.language, u.term) == ("en", "eaeu")]
    assert (use.source, use.reviewed, use.machine, use.violations) == (1, 0, 0, (violation,))


def test_check_refuses_two_transcripts_with_one_page_name(project: Path, cli: Cli) -> None:
    """The same reading as publish: a page name used twice is an error in both."""
    sample = project / "transcripts" / f"{SAMPLE_SLUG}.txt"
    copy = project / "transcripts" / "copy.txt"
    copy.write_text(
        f"---\nslug: {SAMPLE_SLUG}\n---\n" + sample.read_text(encoding="utf-8"), encoding="utf-8"
    )
    before = snapshot(project)
    results = [cli("-C", project, *command) for command in (["glossary", "check"], ["publish"])]
    for code, out, err in results:
        assert (code, out) == (1, "")
        assert err == (f"error: {sample}: page name '{SAMPLE_SLUG}' is also used by {copy}\n"), err
    assert snapshot(project) == before
