"""The translation memory: reviewed work is never lost or overwritten."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from pipeline.errors import InputError
from pipeline.memory.store import Status, load_memory, serialize, update_memory
from pipeline.source.document import Segment

HEADER = {"Language": "en"}


def seg(id_: str, text: str) -> Segment:
    block, paragraph, _ = id_.split(".")
    return Segment(id_, block, int(paragraph[1:]), text)


def entry(id_: str, source: str, target: str = "", fuzzy: bool = False) -> polib.POEntry:
    return polib.POEntry(msgctxt=id_, msgid=source, msgstr=target, flags=["fuzzy"] if fuzzy else [])


def memory(*entries: polib.POEntry) -> polib.POFile:
    po = polib.POFile()
    for e in entries:
        po.append(e)
    return po


def by_id(po: polib.POFile) -> dict[str, polib.POEntry]:
    return {e.msgctxt: e for e in po if not e.obsolete}


def test_new_segments_get_empty_entries_and_are_missing() -> None:
    update = update_memory([seg("q1.p1.s1", "Вопрос?")], None, HEADER)
    po, translations = update.po, update.translations
    assert [(e.msgctxt, e.msgid, e.msgstr) for e in po] == [("q1.p1.s1", "Вопрос?", "")]
    assert translations["q1.p1.s1"].status is Status.MISSING
    assert po.metadata["Language"] == "en"


def test_reviewed_entry_is_kept_byte_for_byte() -> None:
    old = memory(entry("a1.p1.s1", "Да.", "Yes, indeed."))
    old[0].tcomment = "translator's note"
    update = update_memory([seg("a1.p1.s1", "Да.")], old, HEADER)
    po, translations = update.po, update.translations
    kept = by_id(po)["a1.p1.s1"]
    assert (kept.msgstr, kept.flags, kept.tcomment) == ("Yes, indeed.", [], "translator's note")
    assert translations["a1.p1.s1"].status is Status.REVIEWED


def test_changed_source_marks_reviewed_translation_fuzzy_with_previous_source() -> None:
    old = memory(entry("a1.p1.s1", "Рост составил 5%.", "Growth was 5%."))
    update = update_memory([seg("a1.p1.s1", "Рост составил 6%.")], old, HEADER)
    po, translations = update.po, update.translations
    e = by_id(po)["a1.p1.s1"]
    assert (e.msgid, e.msgstr, e.flags, e.previous_msgid) == (
        "Рост составил 6%.",
        "Growth was 5%.",
        ["fuzzy"],
        "Рост составил 5%.",
    )
    assert translations["a1.p1.s1"].status is Status.STALE


def test_changed_source_drops_machine_output() -> None:
    old = memory(entry("a1.p1.s1", "Старое.", "Old (machine).", fuzzy=True))
    update = update_memory([seg("a1.p1.s1", "Новое.")], old, HEADER)
    po, translations = update.po, update.translations
    assert by_id(po)["a1.p1.s1"].msgstr == ""
    assert translations["a1.p1.s1"].status is Status.MISSING
    assert not [e for e in po if e.obsolete]


def test_moved_sentence_keeps_its_reviewed_translation() -> None:
    old = memory(entry("a1.p1.s1", "Первое.", "First."), entry("a1.p1.s2", "Второе.", "Second."))
    segments = [seg("a1.p1.s1", "Вставка."), seg("a1.p1.s2", "Первое."), seg("a1.p1.s3", "Второе.")]
    update = update_memory(segments, old, HEADER)
    po, translations = update.po, update.translations
    assert translations["a1.p1.s2"].text == "First."
    assert translations["a1.p1.s3"].text == "Second."
    assert translations["a1.p1.s2"].status is Status.REVIEWED
    # The inserted sentence took an id whose old sentence lives on elsewhere.
    assert translations["a1.p1.s1"].status is Status.STALE
    assert not [e for e in po if e.obsolete]


def test_removed_reviewed_entry_becomes_obsolete_and_comes_back() -> None:
    old = memory(entry("a1.p1.s1", "Останется.", "Stays."), entry("a1.p1.s2", "Уйдёт.", "Goes."))
    po = update_memory([seg("a1.p1.s1", "Останется.")], old, HEADER).po
    obsolete = [e for e in po if e.obsolete]
    assert [(e.msgid, e.msgstr) for e in obsolete] == [("Уйдёт.", "Goes.")]
    assert "#~ msgid" in serialize(po).decode()
    # The editor restores the sentence: its translation is back, reviewed.
    update = update_memory(
        [seg("a1.p1.s1", "Останется."), seg("a1.p1.s2", "Уйдёт.")],
        polib.pofile(serialize(po).decode()),
        HEADER,
    )
    again, translations = update.po, update.translations
    assert translations["a1.p1.s2"].text == "Goes."
    assert translations["a1.p1.s2"].status is Status.REVIEWED
    assert not [e for e in again if e.obsolete]


def test_update_is_pure_and_idempotent() -> None:
    old = memory(entry("q1.p1.s1", "Вопрос?", "Question?"), entry("x.p1.s1", "Было.", "Was."))
    before = serialize(old)
    segments = [seg("q1.p1.s1", "Вопрос?")]
    first = update_memory(segments, old, HEADER).po
    assert serialize(old) == before
    second = update_memory(segments, polib.pofile(serialize(first).decode()), HEADER).po
    assert serialize(second) == serialize(first)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('msgctxt "a"\nmsgid "x"\nmsgstr "y\n', ":3: malformed PO file"),
        ('msgctxt "a"\nmsgid "x"\nmsgstr "y"\nfoo\n', ":4: malformed PO file"),
        ('msgid "x"\nmsgstr "y"\n', ":1: entry has no msgctxt"),
        (
            'msgctxt "a"\nmsgid "x"\nmsgstr ""\n\nmsgctxt "a"\nmsgid "z"\nmsgstr ""\n',
            ":5: segment id 'a' appears twice (first at line 1)",
        ),
        ('msgid ""\nmsgstr "Language: kk\\n"\n', "header says Language: kk"),
    ],
    ids=["unclosed-quote", "stray-line", "no-msgctxt", "duplicate-id", "wrong-language"],
)
def test_malformed_po_is_reported_with_file_and_line(
    text: str, expected: str, tmp_path: Path
) -> None:
    path = tmp_path / "x.po"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_memory(path, "en")
    assert str(raised.value).startswith(str(path))
    assert expected in str(raised.value)
