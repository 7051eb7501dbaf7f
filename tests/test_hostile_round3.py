"""Hostile inputs, third round: each test is a fault found by feeding the real
CLI what editors, PO tools and file systems produce (README, Reliability)."""

from __future__ import annotations

from pathlib import Path

import polib

from tests.conftest import SAMPLE_SLUG, Cli, snapshot


def po_path(project: Path, language: str = "kk") -> Path:
    return project / "translations" / language / f"{SAMPLE_SLUG}.po"


def refused_in_one_line(project: Path, cli: Cli, *args: str, words: str) -> str:
    """The command exits 1 with one ``error:`` line holding ``words``; nothing written."""
    before = snapshot(project)
    code, out, err = cli("-C", project, *(args or ("publish", "--no-site")))
    assert (code, out) == (1, ""), err
    assert err.count("\n") == 1 and err.startswith("error: ") and words in err, err
    assert "Traceback" not in err
    assert snapshot(project) == before
    return err


# -- PO files as other editors save them -------------------------------------------


def test_a_po_file_saved_with_cr_line_ends_keeps_every_reviewed_translation(
    project: Path, cli: Cli
) -> None:
    """Before: the whole file was one comment line; publish rewrote it empty and
    all 53 reviewed translations were gone."""
    path = po_path(project)
    shipped = path.read_bytes()
    path.write_bytes(shipped.replace(b"\n", b"\r"))
    code, _, err = cli("-C", project, "publish", "--no-site")
    assert code == 0, err
    assert "kk: 53 reviewed" in err
    assert path.read_bytes() == shipped


def test_a_live_plural_entry_is_refused_not_dropped(project: Path, cli: Cli) -> None:
    """Before: its msgstr[N] read as no translation, and the entry vanished."""
    path = po_path(project)
    text = path.read_text(encoding="utf-8")
    plural = 'msgctxt "zz.p1"\nmsgid "one"\nmsgid_plural "many"\nmsgstr[0] "A"\nmsgstr[1] "B"\n'
    path.write_text(f"{text}\n{plural}", encoding="utf-8")
    line = text.count("\n") + 2
    err = refused_in_one_line(project, cli, words="plural forms")
    assert f"{path}:{line}: " in err


def test_what_po_editors_add_to_entries_is_kept(project: Path, cli: Cli) -> None:
    """References (#:), an obsolete plural entry and msgmerge's ``#~|`` lines:
    before, the first two were dropped on rewrite, the last refused."""
    path = po_path(project)
    text = path.read_text(encoding="utf-8")
    text = text.replace('msgctxt "q1.p1.s2"', '#: interview.txt:12\nmsgctxt "q1.p1.s2"')
    text += (
        '\n#~ msgctxt "zz.p1"\n#~ msgid "one"\n#~ msgid_plural "many"\n'
        '#~ msgstr[0] "ONE-KEPT"\n#~ msgstr[1] "MANY-KEPT"\n'
        '\n#~| msgid "older"\n#~ msgctxt "zz.old"\n#~ msgid "Old"\n#~ msgstr "OLD-KEPT"\n'
    )
    path.write_text(text, encoding="utf-8")
    code, _, err = cli("-C", project, "publish", "--no-site")
    assert code == 0, err
    po = polib.pofile(str(path))
    [referenced] = [e for e in po if e.msgctxt == "q1.p1.s2"]
    assert referenced.occurrences == [("interview.txt", "12")]
    [plural] = [e for e in po.obsolete_entries() if e.msgctxt == "zz.p1"]
    assert plural.msgstr_plural == {0: "ONE-KEPT", 1: "MANY-KEPT"}
    assert [e.msgstr for e in po.obsolete_entries() if e.msgctxt == "zz.old"] == ["OLD-KEPT"]
    kept = path.read_bytes()
    code, _, err = cli("-C", project, "publish", "--no-site")
    assert (code, "0 file(s) written" in err, path.read_bytes() == kept) == (0, True, True), err
