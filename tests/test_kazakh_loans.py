"""Kazakh endings of loans and of words not written in Kazakh letters: the
linking і after a final cluster no Kazakh word ends in (Минскіде), soft-sign
words by their last syllable, a loan's final п, and numbers and Latin names
read aloud (2025-ке, IT-ге, Google-ға). The exact forms are in
tests/cases/kazakh/forms.tsv; these tests pin the rules, and the glossary keys
that override them for one entry."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.glossary.enforce import TermPolicy
from pipeline.glossary.kazakh import CASES, decline, is_back, linking, possessive
from pipeline.glossary.load import load_glossary
from pipeline.glossary.model import Rendering
from pipeline.glossary.morphology import morphology
from pipeline.glossary.spoken import number, spoken


@pytest.mark.parametrize(
    ("word", "locative", "dative"),
    [
        ("Минск", "Минскіде", "Минскіге"),
        ("Томск", "Томскіде", "Томскіге"),
        ("Донецк", "Донецкіде", "Донецкіге"),
        ("акт", "актіде", "актіге"),  # нормативтік құқықтық актілер
        ("концепт", "концептіде", "концептіге"),
        # clusters Kazakh ends words in: no linking vowel
        ("банк", "банкте", "банкке"),
        ("спорт", "спортта", "спортқа"),
        ("концерт", "концертте", "концертке"),
        ("министр", "министрде", "министрге"),
    ],
)
def test_a_final_cluster_kazakh_does_not_end_in_takes_і(
    word: str, locative: str, dative: str
) -> None:
    assert decline(word, "locative") == locative
    assert decline(word, "dative") == dative
    assert decline(f"Ұлттық {word}", "locative") == f"Ұлттық {locative}"


def test_the_linking_vowel_stays_in_the_possessive() -> None:
    assert linking("Гданьск") == "і"
    assert possessive("факт") == "фактісі"
    assert decline("Ұлттық факт", "dative", possessive_head=True) == "Ұлттық фактісіне"


@pytest.mark.parametrize(
    ("word", "dative"),
    [
        ("рубль", "рубльге"),  # a consonant before the last: always front
        ("Кремль", "Кремльге"),
        ("ансамбль", "ансамбльге"),
        ("Тверь", "Тверьге"),  # one syllable: front
        ("лагерь", "лагерьге"),  # by the last syllable
        ("фестиваль", "фестивальға"),
        ("магистраль", "магистральға"),
        ("Казань", "Казаньға"),
        ("Беларусь", "Беларуське"),  # у before a soft consonant reads soft
        ("Брюссель", "Брюссельге"),
    ],
)
def test_a_soft_sign_word_takes_the_harmony_of_its_last_syllable(word: str, dative: str) -> None:
    assert decline(word, "dative") == dative


@pytest.mark.parametrize(
    ("word", "owned"),
    [
        ("рубль", "рублі"),  # Ресей рублі: after a soft sign always і
        ("фестиваль", "фестивалі"),
        ("принцип", "принципі"),  # a loan's п stays
        ("тип", "типі"),
        ("окоп", "окопы"),
        ("мектеп", "мектебі"),  # a Kazakh word's softens
        ("кітап", "кітабы"),
        ("блок", "блогы"),  # к softens in loans too
    ],
)
def test_the_possessive_of_loans(word: str, owned: str) -> None:
    assert possessive(word) == owned


@pytest.mark.parametrize(
    ("digits", "last"),
    [
        ("0", "нөл"),
        ("5", "бес"),
        ("10", "он"),
        ("19", "тоғыз"),
        ("40", "қырық"),
        ("100", "жүз"),
        ("300", "жүз"),
        ("1000", "мың"),
        ("2000", "мың"),
        ("1990", "тоқсан"),
        ("2025", "бес"),
        ("1000000", "миллион"),
        ("3000000000", "миллиард"),
    ],
)
def test_a_number_is_read_by_its_last_word(digits: str, last: str) -> None:
    assert number(digits) == last


@pytest.mark.parametrize(
    ("text", "case", "form"),
    [
        ("2025", "locative", "2025-те"),
        ("2025", "dative", "2025-ке"),
        ("1990", "ablative", "1990-нан"),
        ("2000", "dative", "2000-ға"),
        ("1 000 000", "dative", "1 000 000-ға"),  # one number, not 000
        ("2,5", "dative", "2,5-ке"),  # екі бүтін оннан бес
        ("5%", "dative", "5%-ға"),  # бес пайыз
        ("COVID-19", "instrumental", "COVID-19-бен"),
        ("ЭКСПО-2017", "locative", "ЭКСПО-2017-де"),
    ],
)
def test_numbers_take_the_ending_after_a_hyphen(text: str, case: str, form: str) -> None:
    assert decline(text, case) == form


@pytest.mark.parametrize(
    ("word", "sounds", "back"),
    [
        ("IT", "айти", False),  # letters by their English names
        ("IBM", "айбиэм", False),
        ("USA", "юэсэй", False),
        ("NATO", "нато", True),  # read as a word
        ("OPEC", "опек", False),
        ("iPhone", "ифон", True),  # a final e is silent
        ("Google", "гугл", True),
        ("YouTube", "йутуб", True),
        ("Twitter", "твиттер", False),
        ("Halyk", "халык", True),  # a Kazakh name in Latin: y between consonants
        ("Qazaq", "қазақ", True),
    ],
)
def test_latin_is_read_before_it_takes_an_ending(word: str, sounds: str, back: bool) -> None:
    assert spoken(word) == sounds
    assert is_back(word) is back
    assert spoken("Минск") is None


def test_a_latin_abbreviation_and_a_latin_name() -> None:
    assert decline("IT", "dative", abbreviation=True) == "IT-ге"
    assert decline("NATO", "genitive", abbreviation=True) == "NATO-ның"
    assert decline("Apple Pay", "locative") == "Apple Pay-де"
    assert decline("Astana Hub", "dative", read_as="хаб") == "Astana Hub-қа"
    assert decline("Kaspi.kz", "dative") == "Kaspi.kz-ке"  # [кей-зет]: no vowel to say


ENTRY = """\
terms:
  - id: minsk
    kind: proper-name
    ru: {{name: Минск}}
    en: {{name: Minsk}}
    kk: {{name: Минск{extra}}}
"""


def _kazakh(tmp_path: Path, extra: str, russian: str) -> str:
    path = tmp_path / "glossary.yaml"
    path.write_text(ENTRY.format(extra=extra), encoding="utf-8")
    policy = TermPolicy(load_glossary(path))
    [[found]] = policy.occurrences([russian])
    return policy.protect(russian, [found], "kk")


def test_an_entry_turns_the_linking_vowel_off_or_sets_an_ending(tmp_path: Path) -> None:
    assert _kazakh(tmp_path, "", "в Минске") == "Минскіде"
    assert _kazakh(tmp_path, "", "из Минска") == "Минскіден"
    assert _kazakh(tmp_path, ", declines_as: Минск", "в Минске") == "Минскте"
    assert _kazakh(tmp_path, ", declines_as: Минск", "из Минска") == "Минсктен"
    assert _kazakh(tmp_path, ", endings: {locative: те}", "в Минске") == "Минскте"
    assert _kazakh(tmp_path, ", endings: {locative: те}", "из Минска") == "Минскіден"


@pytest.mark.parametrize(
    ("abbreviation", "genitive", "dative"),
    [
        ("ЕҚДБ", "ЕҚДБ-ның", "ЕҚДБ-ға"),  # three consonants: the last read [бы]
        ("ҰҚК", "ҰҚК-тың", "ҰҚК-қа"),  # қк keeps the back harmony of ұ (not банкке's)
        ("ІІМ", "ІІМ-нің", "ІІМ-ге"),
        ("ФСБ", "ФСБ-ның", "ФСБ-ға"),  # [фы-сы-бы]
    ],
)
def test_how_a_cyrillic_abbreviation_is_read(abbreviation: str, genitive: str, dative: str) -> None:
    assert decline(abbreviation, "genitive", abbreviation=True) == genitive
    assert decline(abbreviation, "dative", abbreviation=True) == dative


@pytest.mark.parametrize(
    ("name", "dative", "locative"),
    [
        ("Құнанбайұлы", "Құнанбайұлына", "Құнанбайұлында"),
        ("Абай Құнанбайұлы", "Абай Құнанбайұлына", "Абай Құнанбайұлында"),
        ("Әлия Бөкейқызы", "Әлия Бөкейқызына", "Әлия Бөкейқызында"),
        ("сұлы", "сұлыға", "сұлыда"),  # oats: a word, not a patronymic
    ],
)
def test_a_patronymic_surname_takes_the_n_forms(name: str, dative: str, locative: str) -> None:
    assert decline(name, "dative") == dative
    assert decline(name, "locative") == locative


def test_after_a_final_ст_a_т_ending_loses_its_т() -> None:
    assert decline("журналист", "genitive") == "журналистің"
    assert decline("Брест", "locative") == "Бресте"
    assert decline("Брест", "dative") == "Брестке"  # к, п endings stay whole
    assert decline("Брест", "instrumental") == "Брестпен"
    assert decline("спорт", "locative") == "спортта"  # рт: no such merging
    assert decline("Брест", "locative", declines_as="Брест") == "Брестте"


def test_declines_as_that_does_not_fit_the_name_is_warned_about(tmp_path: Path) -> None:
    path = tmp_path / "glossary.yaml"
    path.write_text(ENTRY.format(extra=", declines_as: Минскі"), encoding="utf-8")
    assert load_glossary(path).warnings == ()
    path.write_text(ENTRY.format(extra=", declines_as: Мінск"), encoding="utf-8")
    [warning] = load_glossary(path).warnings
    assert "glossary.yaml:" in warning and "declines_as 'Мінск'" in warning


def test_a_first_mention_declines_the_name_as_the_entry_says() -> None:
    kazakh = morphology("kk")
    r = Rendering(name="Минск", abbreviation="МН", use="first-expanded", declines_as="Минск")
    assert kazakh.inflect(r, "МН", "locative", True) == "Минскте (МН)"
    assert kazakh.inflect(r, "МН", "locative", False) == "МН-да"


BACK, FRONT = set("аоұыя"), set("әөүіе")
LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі"


@given(
    word=st.text(LETTERS, min_size=2, max_size=10)
    | st.from_regex(r"[A-Za-z]{1,8}|[0-9]{1,7}|[A-Z]{2,5}-[0-9]{1,4}", fullmatch=True)
)
def test_every_word_declines_with_one_harmony(word: str) -> None:
    """Any word, Kazakh, loan, Latin or number: six different forms, each the
    word as written then an ending (after a hyphen when not Cyrillic), and
    one harmony across the endings with a vowel (the instrumental has none)."""
    forms = {c: decline(word, c) for c in CASES}
    assert len(set(forms.values())) == len(CASES), forms
    cut = len(word) + 1 if word[-1].isascii() else len(word)
    endings = {c: f[cut:] for c, f in forms.items()}
    assert all(f.startswith(word) for f in forms.values())
    assert all("-" not in e for e in endings.values()), forms
    vowelled = [e for c, e in endings.items() if c != "instrumental" and set(e) & (BACK | FRONT)]
    harmonies = {bool(set(e) & BACK) for e in vowelled}
    assert len(harmonies) <= 1, forms
