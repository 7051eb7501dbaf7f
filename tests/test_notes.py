"""The pipeline's ``#. key: value`` notes read back at any wrap width (hypothesis).

PO tools built on polib rewrap comment lines with textwrap at their own width,
breaking at spaces and after hyphens; whatever the pipeline writes it must
read back, whichever width the file was last saved at.
"""

from __future__ import annotations

import polib
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline.memory.notes import KEYS, note, set_note
from pipeline.memory.store import engine_of, record_machine
from pipeline.mt.fill import term_versions

SETTINGS = settings(max_examples=200, deadline=None, database=None, derandomize=True)

# Glossary ids as glossary.yaml allows them: [a-z0-9]+(-[a-z0-9]+)*
ID = st.lists(
    st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=12), min_size=1, max_size=4
).map("-".join)
FINGERPRINT = st.text("0123456789abcdef", min_size=10, max_size=10)
TERMS = st.lists(st.tuples(ID, FINGERPRINT), max_size=12, unique_by=lambda t: t[0])
WIDTH = st.integers(min_value=3, max_value=120)  # polib needs 3 for a msgid
# Free text as engine labels and review reasons have it: words with hyphens,
# dashes, arrows, and words that read as keys.
WORD = st.one_of(
    st.text("abzабяәң09-—.,()→+@'?!", min_size=1, max_size=10),
    st.sampled_from([f"{k}:" for k in KEYS] + ["--", "a--b", "x-", "-y", "ab-cd-ef"]),
    ID,
)
TEXT = st.lists(WORD, min_size=1, max_size=12).map(" ".join)


def saved_at(entry: polib.POEntry, width: int) -> polib.POEntry:
    """The entry after a PO tool saved its file at ``width`` and it was read again."""
    po = polib.POFile(wrapwidth=width)
    po.append(entry)
    [read] = list(polib.pofile(str(po)))
    return read


@SETTINGS
@given(terms=TERMS, label=TEXT, reason=TEXT, widths=st.lists(WIDTH, min_size=1, max_size=3))
@example(
    terms=[
        ("declaration", "6b977ef001"),
        ("kazakhstan", "2685edbd15"),
        ("rossiyskaya-gazeta", "db6567cc3d"),
        ("russia", "0e6a81ffd4"),
    ],
    label="argos ru→en 1.9 + argos en→kk 1.0 (pivot)",
    reason="glossary: missing EEC, Trans-Altai Dialogue",
    widths=[78],
)
@example(terms=[("ab", "0123456789")], label="x- y", reason="glossary: x", widths=[10, 19])
def test_notes_read_back_whatever_width_a_tool_saved_them_at(
    terms: list[tuple[str, str]], label: str, reason: str, widths: list[int]
) -> None:
    fingerprints = " ".join(f"{i}@{f}" for i, f in terms)
    entry = polib.POEntry(msgctxt="a1.p1.s1", msgid="Да.", msgstr="")
    po = polib.POFile()
    po.append(entry)
    notes = {"a1.p1.s1": {"glossary": fingerprints or None, "review": reason}}
    record_machine(po, {"a1.p1.s1": "Yes."}, label, notes)
    for width in widths:
        entry = saved_at(entry, width)
        assert engine_of(entry) == label
        assert note(entry, "glossary") == (fingerprints or None)
        assert term_versions(note(entry, "glossary")) == dict(terms)
        assert note(entry, "review") == reason


@SETTINGS
@given(terms=TERMS, width=WIDTH)
def test_setting_a_note_to_its_value_changes_nothing(
    terms: list[tuple[str, str]], width: int
) -> None:
    entry = polib.POEntry(msgctxt="a1", msgid="Да.", msgstr="Yes.", comment="from xgettext")
    set_note(entry, "glossary", " ".join(f"{i}@{f}" for i, f in terms) or None)
    read = saved_at(entry, width)
    comment = read.comment
    set_note(read, "glossary", note(read, "glossary"))
    assert read.comment == comment  # not even rewrapped


def test_fingerprints_of_terms_read_back_asterm_versions() -> None:
    assert term_versions("a@1 b-c@2 junk @3 d@") == {"a": "1", "b-c": "2"}
