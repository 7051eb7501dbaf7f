"""The translation memory: one gettext PO file per language and document.

An entry's ``msgctxt`` is the segment id and its ``msgid`` the Russian sentence.
A non-fuzzy entry is reviewed: the pipeline never changes its translation. A
fuzzy entry is either machine output or, when it carries the previous source
(``#| msgid``), a reviewed translation whose source sentence has since changed.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import polib

from pipeline.errors import InputError, Location
from pipeline.memory.notes import note, set_note
from pipeline.memory.poread import WRAP_WIDTH, read_po
from pipeline.source.document import Segment

MACHINE = "machine"
_HEADER = """Translation memory of {source} into '{language}'.
Each entry's msgctxt is its segment id. An entry marked fuzzy is machine output
or needs review after its source changed (the old source is in '#| msgid');
remove the fuzzy flag once you have reviewed it. The pipeline never overwrites
entries that are not fuzzy."""


class Status(enum.Enum):
    REVIEWED = "reviewed"
    MACHINE = "machine"
    STALE = "stale"  # reviewed once, but the source sentence changed since
    MISSING = "missing"


@dataclass(frozen=True)
class SegmentTranslation:
    text: str | None
    status: Status


class MemoryKey(NamedTuple):
    """Which memory: one per target language and document (its slug)."""

    language: str
    slug: str


@dataclass(frozen=True)
class MemoryUpdate:
    """A memory brought up to date with a document's segments."""

    po: polib.POFile
    translations: dict[str, SegmentTranslation]  # segment id → its translation


def status_of(entry: polib.POEntry) -> Status:
    if not entry.msgstr:
        return Status.MISSING
    if "fuzzy" not in entry.flags:
        return Status.REVIEWED
    return Status.STALE if entry.previous_msgid else Status.MACHINE


def load_memory(path: Path, language: str) -> polib.POFile | None:
    """Read and validate a PO file; ``None`` when there is none yet."""
    if not path.exists() and not path.is_symlink():
        return None
    po = read_po(path)
    declared = po.metadata.get("Language")
    if declared and declared != language:
        raise InputError(
            f"header says Language: {declared}, but the file is in the '{language}' folder",
            Location(path),
        )
    seen: dict[str, int] = {}
    for entry in (e for e in po if not e.obsolete):
        entry.linenum = max(entry.linenum, 1)  # polib numbers the first entry 0
        where = Location(path, entry.linenum)
        if not entry.msgctxt:
            raise InputError("entry has no msgctxt (its segment id)", where)
        if entry.msgid_plural:  # its msgstr[N] would be read as no translation
            raise InputError(
                "entry has plural forms (msgid_plural, msgstr[N]): each entry translates"
                " one sentence; write the translation as its msgstr",
                where,
            )
        if entry.msgctxt in seen:
            raise InputError(
                f"segment id '{entry.msgctxt}' appears twice (first at line {seen[entry.msgctxt]})",
                where,
            )
        seen[entry.msgctxt] = entry.linenum
    return po


def update_memory(
    segments: list[Segment],
    existing: polib.POFile | None,
    header: dict[str, str],
) -> MemoryUpdate:
    """The memory for the current segments, and each segment's translation.

    Pure: ``existing`` is not modified. Nothing a translator wrote is dropped:
    reviewed entries whose segment is gone become obsolete (``#~``) entries.
    """
    old = [e for e in existing if not e.obsolete] if existing else []
    obsolete = list(existing.obsolete_entries()) if existing else []
    # Entries are named by their place in ``candidates``: the live ones first.
    candidates = [*old, *obsolete]
    by_id = {e.msgctxt: i for i, e in enumerate(old)}
    by_source: dict[str, int] = {}
    for i, e in enumerate(candidates):  # live entries win over obsolete ones
        if status_of(e) is Status.REVIEWED:
            by_source.setdefault(e.msgid, i)
    po = polib.POFile(wrapwidth=WRAP_WIDTH)
    po.metadata = {**_metadata(existing), **header}
    po.header = (existing.header if existing else "") or _HEADER.format(
        language=header.get("Language", ""), source=header.get("X-Source", "")
    )
    used: set[int] = set()  # places in ``candidates``
    translations = {}
    for seg in segments:
        same_id, same_source = by_id.get(seg.id), by_source.get(seg.text)
        place, entry = _entry_for(
            seg,
            (same_id, candidates[same_id]) if same_id is not None else None,
            (same_source, candidates[same_source]) if same_source is not None else None,
        )
        if place is not None:
            used.add(place)
        po.append(entry)
        translations[seg.id] = SegmentTranslation(entry.msgstr or None, status_of(entry))
    for i, e in enumerate(old):
        if i not in used and status_of(e) in (Status.REVIEWED, Status.STALE):
            obsolete.append(_copy(e, obsolete=True))
    for e in obsolete:
        if not any(e.msgid == live.msgid and e.msgstr == live.msgstr for live in po):
            po.append(_copy(e, obsolete=True))
    return MemoryUpdate(po, translations)


_Candidate = tuple[int, polib.POEntry]  # an existing entry and its place


def _entry_for(
    seg: Segment, by_id: _Candidate | None, by_source: _Candidate | None
) -> tuple[int | None, polib.POEntry]:
    """The segment's entry, and the place of the existing entry it takes over."""
    if by_id is not None and by_id[1].msgid == seg.text:
        return by_id[0], _copy(by_id[1])
    if by_source is not None:
        # The sentence moved (a paragraph was inserted before it): its reviewed
        # translation moves with it.
        return by_source[0], _copy(by_source[1], msgctxt=seg.id, obsolete=False)
    entry = polib.POEntry(msgctxt=seg.id, msgid=seg.text, msgstr="")
    if by_id is not None and status_of(by_id[1]) in (Status.REVIEWED, Status.STALE):
        # The source sentence changed: keep the reviewed translation for the
        # translator to adjust, marked fuzzy with the old source beside it.
        place, same_id = by_id
        entry.msgstr = same_id.msgstr
        entry.flags = ["fuzzy"]
        entry.previous_msgid = same_id.previous_msgid or same_id.msgid
        entry.tcomment = same_id.tcomment
        return place, entry
    return None, entry


def _copy(entry: polib.POEntry, **changes: object) -> polib.POEntry:
    """The entry with every field a PO editor may have written (references,
    plural forms of an obsolete entry, the previous msgctxt), and ``changes``."""
    fields = {
        "msgctxt": entry.msgctxt,
        "msgid": entry.msgid,
        "msgstr": entry.msgstr,
        "msgid_plural": entry.msgid_plural,
        "msgstr_plural": dict(entry.msgstr_plural),
        "flags": list(entry.flags),
        "comment": entry.comment,
        "tcomment": entry.tcomment,
        "occurrences": list(entry.occurrences),
        "previous_msgctxt": entry.previous_msgctxt,
        "previous_msgid": entry.previous_msgid,
        "previous_msgid_plural": entry.previous_msgid_plural,
        "obsolete": entry.obsolete,
    }
    fields.update(changes)
    return polib.POEntry(**fields)


def _metadata(existing: polib.POFile | None) -> dict[str, str]:
    """The header: the file's own, but always saying UTF-8, as it is written."""
    utf8 = {"Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit"}
    return {"MIME-Version": "1.0", **utf8, **(existing.metadata if existing else {}), **utf8}


def engine_of(entry: polib.POEntry) -> str | None:
    """Which models made a machine entry (its ``#. machine: …`` comment)."""
    return note(entry, MACHINE)


def record_machine(
    po: polib.POFile,
    translated: dict[str, str],
    engine: str,
    notes: dict[str, dict[str, str | None]] | None = None,
) -> None:
    """Store machine output as fuzzy entries that name the models that made it.

    Only entries without a reviewed translation are touched: the callers pass
    missing and machine segments, and this refuses anything else. ``notes``
    adds ``#. key: value`` lines (glossary fingerprints, review reasons).
    """
    for entry in po:
        if entry.obsolete or entry.msgctxt not in translated:
            continue
        if status_of(entry) not in (Status.MISSING, Status.MACHINE):
            raise ValueError(f"refusing to overwrite {status_of(entry).value} {entry.msgctxt}")
        entry.msgstr = translated[entry.msgctxt]
        entry.flags = ["fuzzy"]
        entry.previous_msgid = None
        entry.comment = ""
        set_note(entry, MACHINE, engine)
        for key, value in (notes or {}).get(entry.msgctxt, {}).items():
            set_note(entry, key, value)


def flag_for_review(entry: polib.POEntry, reason: str) -> None:
    """Mark a reviewed entry as needing review again, keeping its translation.

    The source itself did not change, so the previous source shown to the
    translator is the current one; the reason is in a ``#. review:`` line.
    """
    entry.flags = ["fuzzy"]
    entry.previous_msgid = entry.msgid
    set_note(entry, "review", reason)


def serialize(po: polib.POFile) -> bytes:
    text = str(po)
    return (text if text.endswith("\n") else text + "\n").encode("utf-8")
