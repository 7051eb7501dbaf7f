"""A publish in which nothing changed reuses what the last one computed, and
only that: whatever changed (a transcript, a translation, a page edited by hand,
a damaged cache) is computed again, and the files written are the same bytes
as without the cache."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import polib
import pytest

from pipeline import cache
from pipeline.memory import store
from pipeline.site import pages
from pipeline.source import segments, transcript
from tests.conftest import SAMPLE_SLUG, Cli, count_calls, publish_pages, published, snapshot

STEPS = {
    "read_transcript": (transcript, "read_transcript"),
    "segment": (segments, "segment"),
    "load_memory": (store, "load_memory"),
    "serialize": (store, "serialize"),
    "render_interview": (pages, "render_interview"),
}


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often each cached step really ran."""
    return count_calls(monkeypatch, [(name, m, a) for name, (m, a) in STEPS.items()])


outputs = published


publish = publish_pages


def test_a_second_publish_computes_nothing_again(
    project: Path, cli: Cli, calls: Counter[str]
) -> None:
    publish(project, cli)
    publish(project, cli)  # the first rewrote the shipped PO files in its own layout
    first = outputs(project)
    calls.clear()
    publish(project, cli)
    assert sum(calls.values()) == 0, calls
    assert outputs(project) == first


def test_what_changed_is_computed_again(project: Path, cli: Cli, calls: Counter[str]) -> None:
    publish(project, cli)
    publish(project, cli)
    path = project / "translations" / "en" / f"{SAMPLE_SLUG}.po"
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgstr and not e.obsolete)
    entry.msgstr = "A sentence the translator has just rewritten."
    po.save()
    calls.clear()
    publish(project, cli)
    # Only the English memory is read and written again, only the English page made.
    assert calls == Counter(load_memory=1, serialize=1, render_interview=1), calls
    page = project / "docs" / "en" / "interviews" / f"{SAMPLE_SLUG}.md"
    assert "A sentence the translator has just rewritten." in page.read_text(encoding="utf-8")


def test_a_page_edited_by_hand_is_made_again(project: Path, cli: Cli, calls: Counter[str]) -> None:
    publish(project, cli)
    publish(project, cli)
    page = project / "docs" / "kk" / "interviews" / f"{SAMPLE_SLUG}.md"
    made = page.read_bytes()
    page.write_bytes(made.replace(b"# ", b"# edited ", 1))
    calls.clear()
    publish(project, cli)
    assert calls["render_interview"] == 1
    assert page.read_bytes() == made


def test_a_damaged_cache_is_rebuilt(project: Path, cli: Cli, calls: Counter[str]) -> None:
    publish(project, cli)
    publish(project, cli)
    first = outputs(project)
    folder = project / cache.FOLDER
    for path in folder.iterdir():
        path.write_bytes(b"\x80\x05 not a pickle")
    publish(project, cli)
    assert outputs(project) == first
    calls.clear()
    publish(project, cli)
    assert sum(calls.values()) == 0, calls


def test_a_failed_publish_leaves_the_cache_as_it_was(project: Path, cli: Cli) -> None:
    publish(project, cli)
    (project / "transcripts" / "broken.txt").write_bytes(b"")
    before = snapshot(project)
    assert cli("-C", project, "publish", "--no-site")[0] != 0
    assert snapshot(project) == before


def test_the_cache_holds_only_the_current_archive(project: Path, cli: Cli) -> None:
    publish(project, cli)
    publish(project, cli)
    held = set((project / cache.FOLDER).iterdir())
    extra = project / "transcripts" / "second.txt"
    extra.write_text("---\ntitle: Второе\n---\n\n— Вопрос?\n— Ответ.\n", encoding="utf-8")
    publish(project, cli)
    assert len(set((project / cache.FOLDER).iterdir())) > len(held)
    extra.unlink()
    publish(project, cli)
    assert set((project / cache.FOLDER).iterdir()) == held
