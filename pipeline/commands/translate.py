"""`python -m pipeline translate FILE --to LANG`: a machine translation to stdout.

The translation memory is neither read nor written.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pipeline.cache_glossary import load_glossary
from pipeline.commands.glossary import cached
from pipeline.errors import PipelineError
from pipeline.languages import SOURCE
from pipeline.memory.store import SegmentTranslation, Status
from pipeline.mt.local import LocalBackend
from pipeline.mt.translate import translate as machine_translate
from pipeline.site.pages import render_interview
from pipeline.source.segments import segment
from pipeline.source.transcript import read_transcript


def translate(path: Path, language: str, root: Path, backend: LocalBackend) -> str:
    """The translation, the glossary found in the publish cache (kept there if it was not)."""
    with cached(root):
        return _translate(path, language, root, backend)


def _translate(path: Path, language: str, root: Path, backend: LocalBackend) -> str:
    from pipeline.glossary.enforce import TermPolicy
    from pipeline.glossary.names import spell

    route = backend.require_route(SOURCE, language)
    glossary = load_glossary(root / "glossary.yaml", sentences="")
    for warning in glossary.warnings:
        print(warning, file=sys.stderr)
    policy = TermPolicy(glossary) if glossary.terms else None

    def machine(sentences: list[str]) -> list[str]:
        if policy is None:
            return [o.text for o in machine_translate(backend, route, sentences)]
        hooks = policy.hooks(policy.occurrences(sentences))
        outcomes = machine_translate(backend, route, sentences, hooks)
        for sentence, outcome in zip(sentences, outcomes, strict=True):
            if outcome.violations:
                print(f"glossary: {', '.join(outcome.violations)}: {sentence}", file=sys.stderr)
        return [o.text for o in outcomes]

    if path.suffix.lower() in (".md", ".markdown"):
        from pipeline.mt.markdown import translate_markdown

        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise PipelineError(f"{path}: Markdown files must be UTF-8") from None
        return translate_markdown(text, machine)
    doc = read_transcript(path)
    segments = segment(doc)
    names = {s.id: s.name for s in doc.speakers}  # spelled, not machine-translated
    sentences = [s for s in segments if s.id not in names]
    texts = machine([s.text for s in sentences])
    translations = {
        s.id: SegmentTranslation(t, Status.MACHINE) for s, t in zip(sentences, texts, strict=True)
    }
    for speaker_id, name in names.items():
        spelled = spell(name, language, glossary)[0]
        translations[speaker_id] = SegmentTranslation(spelled, Status.MACHINE)
    return render_interview(doc, segments, language, translations, notice=False).markdown + "\n"
