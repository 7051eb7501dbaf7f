"""Kazakh forms through the real command: `pipeline translate PAGE --to kk` with
a copy model (tests/modelkit.py), so what comes out is the Russian text with
every term in the Kazakh the enforcement put in.

tests/cases/kazakh/translate/<case>.md is a page whose every sentence puts a
term in one Russian context (доклад X, к X, поддерживают X, в X, из X, с X);
<case>.kk.md beside it is the expected output, and each term's form in the
case must be the hand-checked one of tests/cases/kazakh/forms.tsv.
prepositions.md has the example of every rule of pipeline/glossary/cases.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.glossary.kazakh import CASES as KAZAKH_CASES
from tests.conftest import Cli, sample_corpus
from tests.modelkit import PackageSpec, build_package, train_sentencepiece
from tests.test_kazakh import GOLDEN

CASES = Path(__file__).parent / "cases" / "kazakh" / "translate"
PAGES = sorted(p for p in CASES.glob("*.md") if not p.name.endswith(".kk.md"))
# The Kazakh of each page's terms, as forms.tsv spells them (the first mention
# of a name with an abbreviation is "Name-case (ABBR)", the next "ABBR-case").
TERMS = [
    ("Еуразиялық экономикалық одақ", "ЕАЭО"),
    ("Еуразиялық экономикалық комиссия", "ЕЭК"),
    ("Шанхай ынтымақтастық ұйымы", "ШЫҰ"),
    ("Тәуелсіз Мемлекеттер Достастығы", "ТМД"),
    ("Ұжымдық қауіпсіздік туралы шарт ұйымы", "ҰҚШҰ"),
    ("Біріккен Ұлттар Ұйымы", "БҰҰ"),
    ("Еуропалық одақ", "ЕО"),
    ("Трансалтай диалогы", None),
    ("Қазақстан Республикасы", None),
    ("Қазақстан", None),
    ("Ресей Федерациясы", None),
    ("Ресей", None),
    ("Кеден одағы", None),
    ("АҚШ", None),
    ("НАТО", None),
    ("ҚР", None),
    ("ЖОО", None),
    ("рубль", None),
    ("би", None),
    ("ми", None),
]


@pytest.fixture(scope="module")
def copy_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = sample_corpus() + [p.read_text(encoding="utf-8") for p in PAGES]
    corpus += [form for *_, form in GOLDEN]
    tokenizer = train_sentencepiece(corpus)
    folder = tmp_path_factory.mktemp("kazakh-models")
    return build_package(
        folder / "ru_kk.argosmodel", PackageSpec("ru", "kk", target_prefix="__kk__"), tokenizer
    )


def golden(text: str, case: str) -> str:
    [form] = [f for t, kind, c, f in GOLDEN if t == text and c == case and kind != "declared"]
    return form


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_translate_puts_every_form_of_the_tables(
    page: Path, copy_model: Path, cli: Cli, tmp_path: Path
) -> None:
    assert cli("models", "install", copy_model)[0] == 0
    shutil.copy(CASES / "glossary.yaml", tmp_path / "glossary.yaml")
    code, out, err = cli("-C", tmp_path, "translate", page, "--to", "kk")
    assert (code, err) == (0, "")
    case = page.stem
    sentences = out.split("\n\n")
    for name, abbreviation in TERMS if case in KAZAKH_CASES else ():
        expected = golden(name, case)
        if abbreviation:  # first mention, expanded; then the abbreviation alone
            expected = f"{expected} ({abbreviation})"
        assert any(expected in s for s in sentences), (case, expected)
        if abbreviation:
            assert any(golden(abbreviation, case) in s for s in sentences), (case, abbreviation)
    assert out == page.with_suffix(".kk.md").read_text(encoding="utf-8")
