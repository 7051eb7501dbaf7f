"""Speakers' names in the translation memory: spelled, not machine-translated.

A translation model would translate "Айдар" or "Познер" as words. Names are
therefore written by rule and kept as fuzzy (unreviewed) machine entries that
a translator confirms: English gets a transliteration (iuliia's "Wikipedia"
schema, the BGN/PCGN system without its apostrophes, as English-language
media spell Russian and Kazakh names), Kazakh keeps the Russian spelling;
a person in the glossary (kind: person) is spelled as the glossary says.
"""

from __future__ import annotations

from functools import lru_cache

from pipeline.glossary.model import Glossary, Term
from pipeline.languages import REGISTRY
from pipeline.memory.changes import DocumentMemory, MachineEntry, MemoryChanges
from pipeline.memory.store import MemoryKey, Status, engine_of
from pipeline.source.document import Segment
from pipeline.source.labels import key_of

TRANSLITERATION = "transliteration (iuliia wikipedia, BGN/PCGN style)"
SAME_SPELLING = "the Russian spelling"


def spell(name: str, language: str, glossary: Glossary | None) -> tuple[str, str]:
    """A name in a target language, and how it was made (for the PO comment)."""
    person = _person(name, glossary)
    if person is not None and language in person.renderings:
        return person.renderings[language].name, f"glossary person {person.id}"
    if REGISTRY[language].transliterate_names:
        import iuliia

        return iuliia.WIKIPEDIA.translate(name), TRANSLITERATION
    return name, SAME_SPELLING


def _person(name: str, glossary: Glossary | None) -> Term | None:
    return _persons(glossary).get(key_of(name)) if glossary is not None else None


@lru_cache(maxsize=4)
def _persons(glossary: Glossary) -> dict[str, Term]:
    """The glossary's people under each of their Russian forms (the first entry
    that has a form wins): a name is looked up, not compared with every term."""
    out: dict[str, Term] = {}
    for term in glossary.terms:
        if term.kind == "person":
            for form, _ in term.ru.forms():
                out.setdefault(key_of(form), term)
    return out


def name_segments(memory: DocumentMemory) -> list[Segment]:
    ids = {s.id for s in memory.document.speakers}
    return [s for s in memory.segments if s.id in ids]


def fill_names(
    memories: list[DocumentMemory], glossary: Glossary | None
) -> dict[MemoryKey, MemoryChanges]:
    """Spell every name without a reviewed translation; a fuzzy one is refreshed
    when the rule or the glossary now spells it otherwise. Returns the new
    spellings, to record (pipeline.memory.changes.record)."""
    out = {}
    for m in memories:
        entries = {e.msgctxt: e for e in m.po if not e.obsolete}
        spelled = {}
        for seg in name_segments(m):
            current = m.translations[seg.id]
            if current.status not in (Status.MISSING, Status.MACHINE):
                continue
            text, how = spell(seg.text, m.language, glossary)
            if current.text == text and engine_of(entries[seg.id]) == how:
                continue
            spelled[seg.id] = MachineEntry(text, how)
        if spelled:
            out[m.key] = MemoryChanges(machine=spelled)
    return out


def without_names(memories: list[DocumentMemory]) -> list[DocumentMemory]:
    """Views of the memories for the translation models: names are not theirs.

    The views share each PO file (read, not changed: pipeline.mt.fill returns
    what to change)."""
    views = []
    for m in memories:
        names = {s.id for s in name_segments(m)}
        views.append(
            DocumentMemory(
                m.document,
                m.language,
                [s for s in m.segments if s.id not in names],
                m.po,
                {k: v for k, v in m.translations.items() if k not in names},
            )
        )
    return views
