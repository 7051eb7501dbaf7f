"""Speakers through publish: names in the memory, spelled per language; byline
and round-table names on the pages in all three languages; Word files in
transcripts/."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest

from tests.conftest import SAMPLE_SLUG, Cli, sample_corpus
from tests.modelkit import PackageSpec, build_package, train_sentencepiece
from tests.test_layout import CASES_DIR, _paragraphs, _write_docx

PERSON = """
  - id: amrebekov
    kind: person
    ru:
      name: Айдар Амребеков
    en:
      name: Aidar Amrebekov
    kk:
      name: Айдар Әмребеков
"""


@pytest.fixture(scope="session")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two versions of a ru→en copy model (tests/modelkit.py)."""
    text = [line for line in (CASES_DIR / "round-table-unlabelled.txt").read_text().splitlines()]
    tokenizer = train_sentencepiece(sample_corpus() + [t for t in text if t], ["ЕАЭС", "EAEU"])
    folder = tmp_path_factory.mktemp("argosmodels")
    specs = {
        "ru_en": PackageSpec("ru", "en", token_map={"ЕАЭС": "EAEU"}),
        "ru_en_2": PackageSpec("ru", "en", version="2.0", token_map={"ЕАЭС": "EAEU"}),
    }
    return {n: build_package(folder / f"{n}.argosmodel", s, tokenizer) for n, s in specs.items()}


def _add(project: Path, case: str) -> None:
    shutil.copy(CASES_DIR / f"{case}.txt", project / "transcripts" / f"{case}.txt")


def _po(project: Path, language: str, slug: str) -> dict[str, polib.POEntry]:
    po = polib.pofile(str(project / "translations" / language / f"{slug}.po"))
    return {e.msgctxt: e for e in po if not e.obsolete}


def _page(project: Path, language: str, slug: str) -> str:
    return (project / "docs" / language / "interviews" / f"{slug}.md").read_text(encoding="utf-8")


def test_names_are_spelled_not_translated_and_shown_in_three_languages(
    project: Path, cli: Cli
) -> None:
    shipped = {p: p.read_bytes() for p in (project / "translations").rglob("*.po")}
    _add(project, "round-table-unlabelled")
    _add(project, "caps-name-period")
    with (project / "glossary.yaml").open("a", encoding="utf-8") as f:
        f.write(PERSON)
    code, _, err = cli("-C", project, "publish", "--no-site")
    assert code == 0, err
    # The sample interview's memory is untouched: no new ids, nothing un-reviewed.
    assert {p: p.read_bytes() for p in shipped} == shipped
    assert SAMPLE_SLUG in str(next(iter(shipped)))

    en = _po(project, "en", "round-table-unlabelled")
    kk = _po(project, "kk", "round-table-unlabelled")
    assert [en[f"speaker{n}"].msgid for n in (1, 2, 3)] == [
        "Медет Тулегенов",
        "Айдар Амребеков",
        "Салтанат Рахимова",
    ]
    assert [en[f"speaker{n}"].msgstr for n in (1, 2, 3)] == [
        "Medet Tulegenov",
        "Aidar Amrebekov",  # the glossary's spelling, not the transliteration
        "Saltanat Rakhimova",
    ]
    assert [kk[f"speaker{n}"].msgstr for n in (1, 2, 3)] == [
        "Медет Тулегенов",
        "Айдар Әмребеков",
        "Салтанат Рахимова",
    ]
    for entry in (*en.values(), *kk.values()):
        if entry.msgctxt.startswith("speaker"):
            assert "fuzzy" in entry.flags  # for a translator to confirm
    assert "machine: transliteration" in en["speaker1"].comment
    assert "machine: glossary person amrebekov" in kk["speaker2"].comment
    assert "machine: the Russian spelling" in kk["speaker1"].comment

    for language, names in {
        "ru": ["Медет Тулегенов", "Айдар Амребеков"],
        "kk": ["Медет Тулегенов", "Айдар Әмребеков"],
        "en": ["Medet Tulegenov", "Aidar Amrebekov", "Saltanat Rakhimova"],
    }.items():
        page = _page(project, language, "round-table-unlabelled")
        for name in names:
            assert page.count(f"**{name}**\n{{.speaker}}") == 2  # one answer to each question
    bylines = {
        "ru": "Беседовал(а): Марат Жумабаев",
        "kk": "Сұхбаттасқан: Марат Жумабаев",
        "en": "Interviewed by Marat Zhumabayev",
    }
    interviewee = {
        "ru": "Ольга Лисицына",
        "kk": "Ольга Лисицына",
        "en": "Olga Lisitsyna (Ольга Лисицына)",
    }
    for language, byline in bylines.items():
        page = _page(project, language, "caps-name-period")
        assert f"{byline}\n{{.interview-byline}}" in page
        assert f"\n{interviewee[language]}\n{{.interview-meta}}" in page


def test_a_reviewed_name_is_never_respelled(project: Path, cli: Cli) -> None:
    _add(project, "round-table-unlabelled")
    assert cli("-C", project, "publish", "--no-site")[0] == 0
    path = project / "translations" / "en" / "round-table-unlabelled.po"
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgctxt == "speaker1")
    entry.msgstr = "Medet Tyulegenov"
    entry.flags = []
    po.save()
    assert cli("-C", project, "publish", "--no-site")[0] == 0
    assert _po(project, "en", "round-table-unlabelled")["speaker1"].msgstr == "Medet Tyulegenov"
    assert "**Medet Tyulegenov**" in _page(project, "en", "round-table-unlabelled")
    assert cli("-C", project, "publish", "--check", "--no-site")[0] == 0


def test_publish_reads_word_files_and_skips_word_lock_files(project: Path, cli: Cli) -> None:
    case = CASES_DIR / "round-table-unlabelled.txt"
    _write_docx(project / "transcripts" / "Round-Table.DOCX", _paragraphs(case), set())
    (project / "transcripts" / "~$und-Table.docx").write_bytes(b"\x00lock")
    code, _, err = cli("-C", project, "publish", "--no-site")
    assert code == 0, err
    page = _page(project, "ru", "round-table")
    expected = (CASES_DIR / "round-table-unlabelled.md").read_text(encoding="utf-8")
    assert page.split("\n---\n", 1)[1].rstrip() == expected.split("\n---\n", 1)[1].rstrip()


def test_models_translate_the_text_and_never_the_names(
    project: Path, cli: Cli, packages: dict[str, Path]
) -> None:
    _add(project, "round-table-unlabelled")
    assert cli("models", "install", packages["ru_en"])[0] == 0
    assert cli("-C", project, "publish", "--no-site")[0] == 0
    en = _po(project, "en", "round-table-unlabelled")
    names = {k: e for k, e in en.items() if k.startswith("speaker")}
    text = {k: e for k, e in en.items() if not k.startswith("speaker")}
    assert [e.msgstr for e in names.values()] == [
        "Medet Tulegenov",
        "Aydar Amrebekov",
        "Saltanat Rakhimova",
    ]
    assert all("machine: argos ru→en" in e.comment for e in text.values())
    code, out, _ = cli(
        "-C", project, "translate", CASES_DIR / "round-table-unlabelled.txt", "--to", "en"
    )
    assert code == 0
    assert out.count("**Medet Tulegenov**\n{.speaker}") == 2  # spelled, not translated
    # A newer model: only the sentences it made are out of date, not the names.
    assert cli("models", "install", packages["ru_en_2"])[0] == 0
    code, _, err = cli("-C", project, "publish", "--no-site")
    assert code == 0
    assert f"{len(text)} machine translation(s) into en were made by other models" in err
    assert cli("-C", project, "publish", "--no-site", "--retranslate-machine")[0] == 0
    again = _po(project, "en", "round-table-unlabelled")
    assert {k: again[k].msgstr for k in names} == {k: e.msgstr for k, e in names.items()}
