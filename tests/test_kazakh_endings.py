"""Properties every Kazakh case form of the pipeline has, over every noun of
the hand-checked table (tests/cases/kazakh/forms.tsv) and the site's Kazakh
words (tests/cases/kazakh/stemmer-words.tsv), in all seven cases.

The table says what each form is; these say why, independently of how
pipeline/glossary/kazakh.py computes it: one harmony per word, the ending's
first sound chosen by the word's last sound, the n-forms after a possessive
and nothing else there, abbreviations hyphenated."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.glossary.kazakh import (
    CASES,
    decline,
    has_possessive,
    is_back,
    is_compound,
    possessive,
)
from tests.test_kazakh import GOLDEN

WORDS = Path(__file__).parent / "cases" / "kazakh" / "stemmer-words.tsv"
TABLE = sorted({(text, kind) for text, kind, *_ in GOLDEN if kind != "declared"})
SITE_WORDS = sorted(
    {
        line.split("\t")[0]
        for line in WORDS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#") and "-" not in line.split("\t")[0]
    }
)
BACK, FRONT = set("аоұыя"), set("әөүіе")
# case → (the ending's first letters by the class of the last sound); harmony apart
FIRST = {
    "genitive": {"vowel": "н", "nasal": "н", "sonorant": "д", "voiced": "д", "voiceless": "т"},
    "dative": {"vowel": "гғ", "nasal": "гғ", "sonorant": "гғ", "voiced": "гғ", "voiceless": "кқ"},
    "accusative": {"vowel": "н", "nasal": "д", "sonorant": "д", "voiced": "д", "voiceless": "т"},
    "locative": {"vowel": "д", "nasal": "д", "sonorant": "д", "voiced": "д", "voiceless": "т"},
    "ablative": {"vowel": "д", "nasal": "н", "sonorant": "д", "voiced": "д", "voiceless": "т"},
    "instrumental": {"vowel": "м", "nasal": "м", "sonorant": "м", "voiced": "б", "voiceless": "п"},
}


# Final clusters no Kazakh word ends in: a loan takes і before its ending (the
# orthographic rule «-кт, -ск, -пт, -фт … і дәнекері арқылы»: фактіге, Минскіде).
LINKED = ("ск", "цк", "кт", "пт", "фт")


def foreign(word: str) -> bool:
    """Digits, %, Latin at the end: the ending goes after a hyphen."""
    return bool(re.search(r"[0-9%A-Za-z]$", word))


def sound_class(word: str) -> str:
    """The class of a word's last sound, from the notes' table (a soft sign is silent)."""
    last = word.lower().rstrip("ьъ")[-1]
    if last in "лрйиую":
        return "sonorant"  # и [ій], у [w]: бидің, судың
    if last in "аәеэоөұүыіяё":
        return "vowel"
    if last in "мнң":
        return "nasal"
    if last in "жз":
        return "voiced"
    return "voiceless"  # к қ п с т ф х ц ч ш щ, and final б в г д of loans


def harmonies(forms: dict[str, str], stem: str) -> set[bool]:
    """Back (True) or front (False), of each ending with a vowel in it (the
    instrumental has no harmony: мен, бен, пен)."""
    endings = [ending_of(f, stem) for c, f in forms.items() if c != "instrumental"]
    return {bool(set(e) & BACK) for e in endings if set(e) & (BACK | FRONT)}


def ending_of(form: str, stem: str) -> str:
    assert form.startswith(stem), (form, stem)
    return form[len(stem) :]


@pytest.mark.parametrize(("text", "kind"), TABLE, ids=[t for t, _ in TABLE])
def test_a_table_noun_in_all_seven_cases(text: str, kind: str) -> None:
    abbreviation = kind == "abbreviation"
    forms = {c: decline(text, c, abbreviation=abbreviation) for c in CASES}
    assert decline(text, None, abbreviation=abbreviation) == text  # the nominative
    assert len(set(forms.values())) == len(CASES)  # seven different forms
    if abbreviation:
        assert all(
            f.startswith(text + "-") and "-" not in f[len(text) + 1 :] for f in forms.values()
        )
        return
    head, _, last = text.rpartition(" ")
    assert all(f.startswith(head) for f in forms.values())
    if foreign(text):  # 2025-ке, Google-ға, COVID-19-ға: the word as written, a hyphen
        assert all(f.startswith(text + "-") for f in forms.values())
        assert len(harmonies(forms, text + "-")) == 1, forms
        return
    if last.lower().replace("ь", "").endswith(LINKED):  # Минскі-де, факті-ге
        assert all(f.startswith(text + "і") for f in forms.values()), forms
        text, last = text + "і", last + "і"
    assert len(harmonies(forms, text)) == 1, (
        forms
    )  # one harmony for the word: never одаққа … одақте
    if is_compound(text):
        # the n-forms after the possessive; never ұйымыға, диалогыда, Федерациясыда
        endings = {c: ending_of(f, text) for c, f in forms.items()}
        assert endings["accusative"] == "н"
        assert all(endings[c].startswith("н") for c in CASES if c != "instrumental")
        assert endings["instrumental"] == "мен"
        return
    kind_of = sound_class(last)
    for case, form in forms.items():
        first = ending_of(form, text)[0]
        if last.endswith("ст") and first in "іыеа":  # ст + т: журналистің, Бресте
            first = "т"
        assert first in FIRST[case][kind_of], (case, form, kind_of)


@pytest.mark.parametrize("word", SITE_WORDS)
def test_a_site_word_declines_by_the_same_rules(word: str) -> None:
    """Every lemma of the site's Kazakh text: one harmony, the first sound of
    each ending by the last sound of the word, possessives take n-forms."""
    forms = {c: decline(word, c) for c in CASES}
    assert decline(word, None) == word
    assert len(harmonies(forms, word)) == 1, forms
    if " " in word and has_possessive(word.split()[-1]):
        assert forms["dative"].endswith(("на", "не")), forms
        return
    for case, form in forms.items():
        assert ending_of(form, word)[0] in FIRST[case][sound_class(word)], (case, form)


@pytest.mark.parametrize(
    ("name", "dative", "locative"),
    [
        ("Шанхай ынтымақтастық ұйымы", "ұйымына", "ұйымында"),
        ("Трансалтай диалогы", "диалогына", "диалогында"),
        ("Ресей Федерациясы", "Федерациясына", "Федерациясында"),
        ("Еуразиялық даму банкі", "банкіне", "банкінде"),
        ("Еуразиялық экономикалық одақ", "одаққа", "одақта"),
        ("Еуразиялық экономикалық комиссия", "комиссияға", "комиссияда"),
    ],
)
def test_a_name_with_a_possessive_never_takes_a_plain_ending(
    name: str, dative: str, locative: str
) -> None:
    assert decline(name, "dative").split()[-1] == dative
    assert decline(name, "locative").split()[-1] == locative
    plain = re.compile(r"[ыі](?:ға|ге|да|де|дан|ден|ны|ні)$")
    assert not any(plain.search(decline(name, c)) for c in CASES)


@pytest.mark.parametrize(
    ("word", "owned"),
    [
        # к → г, қ → ғ, п → б between vowels
        ("одақ", "одағы"),
        ("тарақ", "тарағы"),
        ("жүрек", "жүрегі"),
        ("мектеп", "мектебі"),
        ("кітап", "кітабы"),
        # … not after a consonant (Ұлттық банкі, паркі)
        ("банк", "банкі"),
        ("парк", "паркі"),
        # after a vowel -сы/-сі
        ("комиссия", "комиссиясы"),
        ("бала", "баласы"),
        ("әке", "әкесі"),
        # consonants that do not alternate; и, у as consonant-final
        ("ұйым", "ұйымы"),
        ("кеңес", "кеңесі"),
        ("министрлік", "министрлігі"),
        ("би", "биі"),
        ("су", "суы"),
    ],
)
def test_the_possessive_a_declared_name_takes(word: str, owned: str) -> None:
    assert possessive(word) == owned
    declined = decline(f"Ұлттық {word}", "dative", possessive_head=True)
    assert declined == f"Ұлттық {owned}" + ("на" if is_back(owned) else "не")
