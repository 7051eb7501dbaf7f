"""`models evaluate`: which installed route translates this newsroom's text best.

The reviewed entries of the translation memory are the reference: each
route into a language (direct, and the pivot through English) translates their
Russian sentences as publish would (glossary terms protected and checked), and
is scored against the reviewed translations with sacrebleu (chrF++ and BLEU),
by glossary compliance, by speed, and by its worst segments. Nothing is
written: the memory is only read.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.cache_glossary import load_glossary
from pipeline.errors import InputError, PipelineError
from pipeline.glossary.enforce import Occurrence, TermHooks, TermPolicy
from pipeline.languages import SOURCE, TARGETS
from pipeline.memory.store import Status, load_memory, status_of
from pipeline.mt.argos import ModelError
from pipeline.mt.trial import Trial

WORST = 5
ROUTE_KINDS = ("direct", "pivot")
_SPEAKER = re.compile(r"speaker\d+")  # names: spelled, never sent to a model


@dataclass(frozen=True)
class Reference:
    file: str  # translations/kk/NAME.po
    id: str
    source: str
    reviewed: str
    occurrences: list[Occurrence]


@dataclass
class RouteScore:
    language: str
    kind: str
    label: str
    sentences: int
    chrf: float
    bleu: float
    with_terms: int  # sentences that contain glossary terms
    compliant: int  # of those, how many follow the glossary
    per_second: float
    worst: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "route": self.kind,
            "label": self.label,
            "sentences": self.sentences,
            "chrf++": round(self.chrf, 2),
            "bleu": round(self.bleu, 2),
            "glossary": {
                "sentences_with_terms": self.with_terms,
                "compliant": self.compliant,
                "share": round(self.compliant / self.with_terms, 4) if self.with_terms else None,
            },
            "sentences_per_second": round(self.per_second, 1),
            "worst": self.worst,
        }


def references(root: Path, language: str, policy: TermPolicy | None) -> list[Reference]:
    """The reviewed entries of every translation file into ``language``, in order."""
    out = []
    for path in sorted((root / "translations" / language).glob("*.po")):
        po = load_memory(path, language)
        if po is None:
            continue
        entries = [e for e in po if not e.obsolete and not _SPEAKER.fullmatch(e.msgctxt or "")]
        # Terms as publish finds them on the page: the first mention is expanded.
        found = policy.occurrences([e.msgid for e in entries]) if policy else None
        shown = f"translations/{language}/{path.name}"
        for n, entry in enumerate(entries):
            if status_of(entry) is Status.REVIEWED:
                occurrences = found[n] if found is not None else []
                out.append(Reference(shown, entry.msgctxt, entry.msgid, entry.msgstr, occurrences))
    return out


def evaluate(
    root: Path,
    languages: Sequence[str] = TARGETS,
    kinds: tuple[str, ...] = ROUTE_KINDS,
    skipped: list[str] | None = None,
) -> list[RouteScore]:
    """Scores of every route into ``languages``. A language that has no route
    or no reviewed translation is an error, unless ``skipped`` collects why
    (then only when no language at all could be scored)."""
    import sacrebleu

    glossary = load_glossary(root / "glossary.yaml", sentences="")  # kept by a command's cache
    policy = TermPolicy(glossary) if glossary.terms else None
    trial = Trial()
    scores: list[RouteScore] = []
    problems: list[PipelineError] = []
    for language in languages:
        refs = references(root, language, policy)
        routes = {k: r for k, r in trial.routes(SOURCE, language).items() if k in kinds}
        problem: PipelineError | None = None
        if not routes:
            problem = ModelError(
                f"no {' or '.join(kinds)} route into {language} is installed: convert or"
                " install a model first (python -m pipeline models convert|install)"
            )
        elif not refs:
            problem = InputError(
                f"translations/{language}/: no reviewed translation to compare with"
            )
        if problem is not None:
            if skipped is None:
                raise problem
            problems.append(problem)
            skipped.append(f"{language}: not evaluated: {problem}")
            continue
        sources = [r.source for r in refs]
        reviewed = [r.reviewed for r in refs]
        occurrences = [r.occurrences for r in refs]
        for kind, route in routes.items():
            trial.translate(route, sources[:1], _hooks(policy, occurrences[:1]))  # loads
            start = time.perf_counter()
            outcomes = trial.translate(route, sources, _hooks(policy, occurrences))
            elapsed = time.perf_counter() - start
            texts = [o.text for o in outcomes]
            with_terms = [o for o in outcomes if o.terms]
            segment_scores = [
                sacrebleu.sentence_chrf(t, [r], word_order=2).score
                for t, r in zip(texts, reviewed, strict=True)
            ]
            order = sorted(range(len(refs)), key=lambda i: (segment_scores[i], i))[:WORST]
            scores.append(
                RouteScore(
                    language=language,
                    kind=kind,
                    label=route.label,
                    sentences=len(refs),
                    chrf=sacrebleu.corpus_chrf(texts, [reviewed], word_order=2).score,
                    bleu=sacrebleu.corpus_bleu(texts, [reviewed]).score,
                    with_terms=len(with_terms),
                    compliant=sum(1 for o in with_terms if not o.violations),
                    per_second=len(refs) / elapsed if elapsed > 0 else float("inf"),
                    worst=[
                        {
                            "file": refs[i].file,
                            "id": refs[i].id,
                            "chrf++": round(segment_scores[i], 2),
                            "source": refs[i].source,
                            "reviewed": refs[i].reviewed,
                            "machine": texts[i],
                            "glossary": list(outcomes[i].violations),
                        }
                        for i in order
                    ],
                )
            )
    if not scores and problems:
        raise problems[0]
    return scores


def table(scores: list[RouteScore]) -> str:
    """The scores as a terminal table, each route's worst segments below it."""
    head = ("to", "route", "sentences", "chrF++", "BLEU", "glossary", "sent/s", "models")
    rows = [head]
    for s in scores:
        share = f"{s.compliant}/{s.with_terms}" if s.with_terms else "no terms"
        rows.append(
            (
                s.language,
                s.kind,
                str(s.sentences),
                f"{s.chrf:.1f}",
                f"{s.bleu:.1f}",
                share,
                f"{s.per_second:.1f}",
                s.label,
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(head) - 1)]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)) + "  " + r[-1] for r in rows
    ]
    for s in scores:
        lines += ["", f"worst segments, {s.language} {s.kind} ({s.label}):"]
        for w in s.worst:
            lines.append(f"  {w['file']} {w['id']}  chrF++ {w['chrf++']:.1f}")
            lines.append(f"    source:   {w['source']}")
            lines.append(f"    reviewed: {w['reviewed']}")
            lines.append(f"    machine:  {w['machine']}")
            if w["glossary"]:
                lines.append(f"    glossary: {', '.join(w['glossary'])}")
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _hooks(policy: TermPolicy | None, occurrences: list[list[Occurrence]]) -> TermHooks | None:
    return policy.hooks(occurrences) if policy is not None else None
