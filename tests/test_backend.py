"""A second translation backend plugs into publish without touching pipeline code.

``WordBackend`` below is the whole backend: a word-for-word dictionary with a
direct ru→en step and ru→kk through English. Its Kazakh step is careless: its
best hypothesis uses a forbidden rendering (ЕАЭС), its second drops a term
(ЕЭК becomes «комиссия»), only its third is faithful. The glossary's hooks
must suppress the first and choose the third, on this backend as on Argos.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import polib

from pipeline.glossary.enforce import N_BEST
from pipeline.mt.backend import Route, Step
from pipeline.publish import Project, publish
from tests.conftest import SAMPLE_SLUG, copy_project

RU_EN = Step("ru", "en", "words ru→en 1")
EN_KK = Step("en", "kk", "words en→kk 1")
WORDS = {
    RU_EN: {
        "И": "And",
        "здесь": "here",
        "вновь": "again",
        "необходимо": "we must",
        "подчеркнуть": "stress",
        "важность": "the weight of",
    },
    EN_KK: {"And": "Және", "here": "мұнда", "again": "тағы", "we": "біз", "must": "керек"},
}


class WordBackend:
    """Translates word for word; words it does not know are copied."""

    def __init__(self) -> None:
        self.calls = 0
        self.asked: list[tuple[Step, int, tuple[str, ...]]] = []

    def route(self, source: str, target: str) -> Route | None:
        return {("ru", "en"): Route((RU_EN,)), ("ru", "kk"): Route((RU_EN, EN_KK))}.get(
            (source, target)
        )

    def translate(
        self, step: Step, sentences: Sequence[str], n_best: int = 1, suppress: Sequence[str] = ()
    ) -> list[list[str]]:
        self.calls += 1
        self.asked.append((step, n_best, tuple(suppress)))
        out = []
        for sentence in sentences:
            faithful = re.sub(r"\w+", lambda m: WORDS[step].get(m[0], m[0]), sentence)
            hypotheses = [faithful]
            if step == EN_KK:
                careless = [faithful.replace("ЕАЭО", "ЕАЭС"), faithful.replace("ЕЭК", "комиссия")]
                hypotheses = [*careless, faithful]
            kept = [h for h in dict.fromkeys(hypotheses) if not any(s in h for s in suppress)]
            out.append(kept[:n_best])
        return out


def machine_entry(project: Path, language: str, segment_id: str) -> polib.POEntry:
    po = polib.pofile(str(project / "translations" / language / f"{SAMPLE_SLUG}.po"))
    return next(e for e in po if e.msgctxt == segment_id)


def page(project: Path, language: str) -> str:
    return (project / "docs" / language / "interviews" / f"{SAMPLE_SLUG}.md").read_text()


def test_a_second_backend_plugs_into_publish_with_the_glossary_hooks(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    for po in (project / "translations").rglob("*.po"):
        po.unlink()
    backends: list[WordBackend] = []

    def make() -> WordBackend:
        backends.append(WordBackend())
        return backends[-1]

    report = publish(Project(project), site=False, engine=make)

    [backend] = backends
    assert report.machine.routes == {
        "en": "words ru→en 1",
        "kk": "words ru→en 1 + words en→kk 1 (pivot)",
    }
    assert report.machine.calls == backend.calls == 3  # en; kk through two steps
    # The last step of each route is asked for n-best and told what to avoid.
    [(en_step, en_n, en_suppress), pivot, (kk_step, kk_n, kk_suppress)] = backend.asked
    assert (en_step, en_n) == (RU_EN, N_BEST) and "EAEC" in en_suppress
    assert pivot == (RU_EN, 1, ())  # kk: the pivot's first step
    assert (kk_step, kk_n) == (EN_KK, N_BEST) and "ЕАЭС" in kk_suppress

    # Its words, the glossary's terms, the English article the hooks add.
    en = machine_entry(project, "en", "a5.p1.s4")
    assert en.msgstr == "And here again we must stress the weight of the EEC."
    assert en.comment.startswith("machine: words ru→en 1\nglossary: eec@")
    assert en.flags == ["fuzzy"]
    # Kazakh: through English, the term swapped for its declined Kazakh
    # rendering; the suppressed hypothesis (ЕАЭС) and the one that lost ЕЭК
    # were passed over.
    kk = machine_entry(project, "kk", "a5.p1.s4")
    assert kk.msgstr == "Және мұнда тағы біз керек stress the weight of ЕЭК-тің."
    assert kk.comment.startswith("machine: words ru→en 1 + words en→kk 1 (pivot)\n")
    assert "ЕАЭО" in machine_entry(project, "kk", "a5.p1.s3").msgstr
    po = polib.pofile(str(project / "translations" / "kk" / f"{SAMPLE_SLUG}.po"))
    assert not any("ЕАЭС" in e.msgstr for e in po)
    assert report.machine.violations == {"en": 0, "kk": 0}

    # The pages are made from its translations.
    assert en.msgstr in page(project, "en")
    assert kk.msgstr in page(project, "kk")
