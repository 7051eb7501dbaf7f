"""The Kazakh search stemmer strips the endings the glossary puts on
(pipeline/glossary/kazakh.py): every hand-checked case form of
tests/cases/kazakh/forms.tsv stems to its nominative's stem, so a search for
a term finds it in every case, and abbreviations after a hyphen (ЕАЭО-ның:
Material splits at the hyphen and the ending alone is a stop word)."""

from __future__ import annotations

import shutil

import pytest

from tests.test_kazakh import GOLDEN
from tests.test_kazakh_stemmer import stemmer, tokens

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")

# (a form, the stem it must have): possessive + case chains, hyphens, и and у,
# soft signs, the к/қ alternation, words that only look inflected
STEMS = [
    ("ЕАЭО-ның", "еаэо"),
    ("ЕЭК-тің", "еэк"),
    ("АҚШ-қа", "ақш"),
    ("НАТО-ға", "нато"),
    ("ТМД-дағы", "тмд"),
    ("ұйымының", "ұйым"),
    ("ұйымына", "ұйым"),
    ("ұйымын", "ұйым"),
    ("ұйымында", "ұйым"),
    ("ұйымынан", "ұйым"),
    ("ұйымымен", "ұйым"),
    ("одағының", "одақ"),
    ("одаққа", "одақ"),
    ("комиссиясына", "комиссия"),
    ("Федерациясында", "федерация"),
    ("бидің", "би"),
    ("таксиді", "такси"),
    ("судың", "су"),
    ("бастан", "бас"),
    ("ресурстан", "ресурс"),
    ("Қазақстаннан", "қазақстан"),
    ("Өзбекстан", "өзбекстан"),
    ("Беларуське", "беларус"),
    ("Беларусь", "беларус"),
    ("Қарағандыда", "қарағанды"),
    # the linking і (Минск-і-де), soft signs, the possessive after one, a hyphen
    # after digits and Latin
    ("Минскіде", "минск"),
    ("Минскінің", "минск"),
    ("Казаньға", "казан"),
    ("фестивальда", "фестивал"),
    ("рублінің", "рубл"),
    ("рубль", "рубл"),
    ("Google-ға", "google"),
    ("2025-ке", "2025"),
    ("COVID-19-бен", "19"),
]


def stems(words: list[str]) -> dict[str, list[str]]:
    """Each form's readings: the stems of its last word that is no stop word."""
    every = tuple(sorted({t for w in words for t in tokens(w)}))
    terms, stop = stemmer(every)
    return {w: terms[[t for t in tokens(w) if t not in stop][-1]]["readings"] for w in words}


@pytest.mark.parametrize(("form", "stem"), STEMS, ids=[s[0] for s in STEMS])
def test_stem(form: str, stem: str) -> None:
    assert stems([form])[form][0] == stem


def test_every_case_form_of_the_table_stems_to_its_nominative() -> None:
    pairs = [(text, form) for text, _, _, form in GOLDEN]
    found = stems(sorted({w for pair in pairs for w in pair}))
    wrong = [(form, found[form], text) for text, form in pairs if found[text][0] not in found[form]]
    assert wrong == []
    assert len(pairs) >= 750
