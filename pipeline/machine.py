"""The machine-translation stage: fill the memory's gaps with installed models.

All missing sentences of all documents for one language go to the engine in
one call, so CTranslate2 batches them together; a publish with nothing
missing makes no call and does not even load Argos.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import polib

from pipeline.document import Document, Segment
from pipeline.engine import Engine
from pipeline.languages import SOURCE
from pipeline.memory import SegmentTranslation, Status, engine_of, record_machine


@dataclass
class DocumentMemory:
    """One document's memory for one language, as the publish plan holds it."""

    document: Document
    language: str
    segments: list[Segment]
    po: polib.POFile
    translations: dict[str, SegmentTranslation]


@dataclass
class MachineReport:
    translated: dict[str, int] = field(default_factory=dict)  # language → sentences
    routes: dict[str, str] = field(default_factory=dict)  # language → route label
    no_model: list[str] = field(default_factory=list)  # languages with gaps, no model
    # language → machine entries made by other models than the installed ones
    outdated: dict[str, int] = field(default_factory=dict)
    calls: int = 0


def fill_gaps(
    memories: list[DocumentMemory],
    engine_factory: Callable[[], Engine],
    retranslate_machine: bool = False,
) -> MachineReport:
    report = MachineReport()
    wanted = {Status.MISSING, Status.MACHINE} if retranslate_machine else {Status.MISSING}
    engine: Engine | None = None
    for language in sorted({m.language for m in memories}):
        todo = [
            (memory, seg)
            for memory in memories
            if memory.language == language
            for seg in memory.segments
            if memory.translations[seg.id].status in wanted
        ]
        machine = [
            e
            for m in memories
            if m.language == language
            for e in m.po
            if not e.obsolete
            and m.translations.get(e.msgctxt) is not None
            and m.translations[e.msgctxt].status is Status.MACHINE
        ]
        if not todo and not machine:
            continue
        engine = engine or engine_factory()
        route = engine.route(SOURCE, language)
        if route is None:
            if todo:
                report.no_model.append(language)
            continue
        report.routes[language] = route.label
        if not retranslate_machine:
            outdated = sum(1 for e in machine if engine_of(e) != route.label)
            if outdated:
                report.outdated[language] = outdated
        if not todo:
            continue
        texts = engine.translate(route, [seg.text for _, seg in todo])
        for memory in {id(m): m for m, _ in todo}.values():
            results = {
                seg.id: text for (m, seg), text in zip(todo, texts, strict=True) if m is memory
            }
            record_machine(memory.po, results, route.label)
            for seg_id, text in results.items():
                memory.translations[seg_id] = SegmentTranslation(text, Status.MACHINE)
        report.translated[language] = len(todo)
    report.calls = engine.calls if engine is not None else 0
    return report
