"""`publish` end to end: translation memory, pages and a real MkDocs build."""

from __future__ import annotations

import re
from pathlib import Path

import polib

from tests.conftest import SAMPLE_SLUG, Cli, snapshot

SITE_PAGES = {
    "index.html",
    "glossary/index.html",
    "kk/glossary/index.html",
    "en/glossary/index.html",
    "404.html",
    "kk/404.html",
    "en/404.html",
    f"interviews/{SAMPLE_SLUG}/index.html",
    "kk/index.html",
    f"kk/interviews/{SAMPLE_SLUG}/index.html",
    "en/index.html",
    f"en/interviews/{SAMPLE_SLUG}/index.html",
}


def po_path(project: Path, language: str) -> Path:
    return project / "translations" / language / f"{SAMPLE_SLUG}.po"


def page(project: Path, language: str) -> str:
    prefix = "" if language == "ru" else f"{language}/"
    return (project / "site" / prefix / "interviews" / SAMPLE_SLUG / "index.html").read_text()


def test_publish_builds_the_three_language_site(project: Path, cli: Cli) -> None:
    code, _, err = cli("-C", project, "publish")
    assert code == 0, err
    built = {p.relative_to(project / "site").as_posix() for p in (project / "site").rglob("*.html")}
    assert built == SITE_PAGES
    assert (project / "site" / "sitemap.xml").exists()
    assert "kk: 53 reviewed, 0 machine" in err
    assert "en: 53 reviewed, 0 machine" in err
    # The shipped memory is complete: publishing rewrote none of it.
    for language in ("kk", "en"):
        assert (
            po_path(project, language).read_bytes()
            == (
                Path(__file__).parent.parent / "translations" / language / f"{SAMPLE_SLUG}.po"
            ).read_bytes()
        )


def test_the_shipped_project_publishes_in_strict_mode(project: Path, cli: Cli) -> None:
    """`make publish STRICT=1` on the repository as shipped: the sample is dated
    and translated in full, so strict mode finds nothing to refuse."""
    code, _, err = cli("-C", project, "publish", "--strict")
    assert code == 0, err
    assert "no 'date:'" not in err
    assert '<time datetime="2025-11-11">' in page(project, "ru")


def test_second_publish_writes_nothing_and_check_passes(project: Path, cli: Cli) -> None:
    assert cli("-C", project, "publish")[0] == 0
    code, _, err = cli("-C", project, "publish", "--no-site")
    assert code == 0
    assert "0 file(s) written" in err
    assert cli("-C", project, "publish", "--check")[0] == 0


def test_check_fails_when_pages_are_out_of_date(project: Path, cli: Cli) -> None:
    assert cli("-C", project, "publish", "--no-site")[0] == 0
    po = polib.pofile(str(po_path(project, "en")))
    po[0].msgstr = "A different headline"
    po.save()
    code, _, err = cli("-C", project, "publish", "--check")
    assert code == 4
    assert f"docs/en/interviews/{SAMPLE_SLUG}.md" in err


def test_two_builds_are_byte_identical(project: Path, tmp_path: Path, cli: Cli) -> None:
    assert cli("-C", project, "publish")[0] == 0
    first = {p.relative_to(project): b for p, b in snapshot(project / "site").items()}
    (project / "docs" / "ru").rename(tmp_path / "moved-away")  # force a full rewrite
    assert cli("-C", project, "publish")[0] == 0
    second = {p.relative_to(project): b for p, b in snapshot(project / "site").items()}
    assert first == second


def test_missing_translations_show_the_original_with_a_marker(project: Path, cli: Cli) -> None:
    po_path(project, "en").unlink()
    code, _, err = cli("-C", project, "publish")
    assert code == 0, err
    html = page(project, "en")
    html = html[html.index("<article") : html.index("</article>")]  # not the TOC
    assert html.count('class="untranslated"') == 53
    assert html.count("[not yet translated]") == 53
    assert '<span lang="ru">' in html
    assert 'data-status="incomplete"' in html
    assert f"translations/en/{SAMPLE_SLUG}.po: 53 segment(s)" in err
    assert "STRICT=1" in err
    # The translator gets an entry to fill in for every sentence.
    created = polib.pofile(str(po_path(project, "en")))
    assert len(created) == 53 and not created.translated_entries()
    # Kazakh is unaffected.
    assert 'data-status="reviewed"' in page(project, "kk")


def test_strict_fails_on_missing_translations_and_writes_nothing(project: Path, cli: Cli) -> None:
    po = polib.pofile(str(po_path(project, "kk")))
    po[5].msgstr = ""
    po.save()
    before = snapshot(project)
    code, _, err = cli("-C", project, "publish", "--strict")
    assert code == 3
    assert f"kk/{SAMPLE_SLUG}: 1" in err
    assert snapshot(project) == before


def test_malformed_po_stops_the_run_before_anything_is_written(project: Path, cli: Cli) -> None:
    assert cli("-C", project, "publish")[0] == 0
    path = po_path(project, "kk")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    broken = next(i for i, line in enumerate(lines) if line.startswith("msgstr") and i > 20)
    lines[broken] = lines[broken].rstrip('"\n') + "\n"  # drop the closing quote
    path.write_text("".join(lines), encoding="utf-8")
    (project / "transcripts" / "new.txt").write_text("— Новый вопрос?\n— Ответ.\n")
    before = snapshot(project)
    code, _, err = cli("-C", project, "publish")
    assert code == 1
    shown = repr(lines[broken].strip()[:40])
    assert err == (
        f"error: {path}:{broken + 1}: malformed PO file: cannot read {shown}"
        " (a missing quote or keyword?)\n"
    )
    assert snapshot(project) == before


def test_every_bad_transcript_is_reported_and_nothing_is_written(project: Path, cli: Cli) -> None:
    (project / "transcripts" / "empty.txt").write_bytes(b"")
    (project / "transcripts" / "prose.txt").write_text("Просто текст.\n", encoding="utf-8")
    before = snapshot(project)
    code, _, err = cli("-C", project, "publish")
    assert code == 1
    assert err.splitlines() == [
        f"error: {project / 'transcripts' / 'empty.txt'}: the file is empty",
        f"error: {project / 'transcripts' / 'prose.txt'}:1: no question/answer turns found:"
        " start each turn on a new line with a dash (— …) or a speaker label"
        " (Вопрос: …, Имя Фамилия: …)",
    ]
    assert snapshot(project) == before


def test_editing_one_answer_touches_only_its_segments(project: Path, cli: Cli) -> None:
    transcript = project / "transcripts" / f"{SAMPLE_SLUG}.txt"
    text = transcript.read_text(encoding="utf-8")
    old = "Мы видим четкие признаки диверсификации:"
    transcript.write_text(text.replace(old, "Мы видим явные признаки диверсификации:"))
    before = {
        e.msgctxt: (e.msgid, e.msgstr, e.flags) for e in polib.pofile(str(po_path(project, "en")))
    }
    assert cli("-C", project, "publish", "--no-site")[0] == 0
    after = polib.pofile(str(po_path(project, "en")))
    changed = [e.msgctxt for e in after if before[e.msgctxt] != (e.msgid, e.msgstr, e.flags)]
    assert changed == ["a3.p1.s2"]
    edited = next(e for e in after if e.msgctxt == "a3.p1.s2")
    assert edited.flags == ["fuzzy"]
    assert edited.previous_msgid.startswith(old)
    assert edited.msgstr == before["a3.p1.s2"][1]  # the reviewed translation is kept
    # The page says a sentence needs review.
    markdown = (project / "docs" / "en" / "interviews" / f"{SAMPLE_SLUG}.md").read_text()
    assert "not yet reviewed: 1 of 53 sentences" in markdown


def test_a_removed_transcript_takes_its_pages_but_not_its_translations(
    project: Path, cli: Cli
) -> None:
    extra = project / "transcripts" / "second.txt"
    extra.write_text("— Второй вопрос?\n— Второй ответ.\n", encoding="utf-8")
    assert cli("-C", project, "publish", "--no-site")[0] == 0
    assert (project / "docs" / "kk" / "interviews" / "second.md").exists()
    po = polib.pofile(str(project / "translations" / "kk" / "second.po"))
    po[0].msgstr = "Екінші сұрақ?"
    po.save()
    extra.unlink()
    code, _, err = cli("-C", project, "publish", "--no-site")
    assert code == 0
    assert "removed" in err
    assert not (project / "docs" / "kk" / "interviews" / "second.md").exists()
    assert re.search("Екінші сұрақ", (project / "translations" / "kk" / "second.po").read_text())
