"""The glossary: loading, matching Russian forms, Kazakh endings, edits, export."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pymorphy3
import pytest

from pipeline.errors import InputError
from pipeline.glossary.kazakh import decline
from pipeline.glossary.load import load_glossary
from pipeline.glossary.match import TermMatcher
from tests.conftest import ROOT, Cli, snapshot

GLOSSARY = load_glossary(ROOT / "glossary.yaml")
MATCHER = TermMatcher(GLOSSARY)
MORPH = pymorphy3.MorphAnalyzer()
CASES = ["nomn", "gent", "datv", "accs", "ablt", "loct"]


def inflect(phrase: str, case: str, number: str) -> str | None:
    """The phrase in another case and number, every word agreeing."""
    words = []
    for word in phrase.split():
        parse = MORPH.parse(word)[0]
        form = parse.inflect({case, number})
        if form is None:
            return None
        words.append(form.word if not word[0].isupper() else form.word.capitalize())
    return " ".join(words)


def declinable_forms() -> list[tuple[str, str]]:
    out = []
    for term in GLOSSARY.terms:
        for form in (term.ru.name, *term.ru.variants):
            for case in CASES:
                for number in ("sing", "plur"):
                    text = inflect(form, case, number)
                    if text and (number == "sing" or term.kind != "keep"):
                        out.append((term.id, text))
    return out


@pytest.mark.parametrize(("term", "text"), declinable_forms())
def test_every_entry_matches_in_every_case_and_number(term: str, text: str) -> None:
    sentence = f"Эксперты говорят, что {text} важен."
    found = MATCHER.find(sentence)
    assert [(m.term.id, m.text) for m in found] == [(term, text)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "значение «Трансалтайского диалога» велико",
            [("trans-altai-dialogue", "«Трансалтайского диалога»")],
        ),
        (
            "решение Евразийской экономической комиссии",
            [("eec", "Евразийской экономической комиссии")],
        ),
        (
            "саммит Шанхайской организации сотрудничества",
            [("sco", "Шанхайской организации сотрудничества")],
        ),
        ("в рамках ЕАЭС и ЕЭК, на саммите ШОС", [("eaeu", "ЕАЭС"), ("eec", "ЕЭК"), ("sco", "ШОС")]),
        ("статья в «Российской газете»", [("rossiyskaya-gazeta", "«Российской газете»")]),
        ('в "Российской газете"', [("rossiyskaya-gazeta", '"Российской газете"')]),
        ("Российская Федерация и РФ", [("russia", "Российская Федерация"), ("russia", "РФ")]),
    ],
)
def test_real_phrases_match_with_quotes_and_longest_form(sentence: str, expected: list) -> None:
    assert [(m.term.id, m.text) for m in MATCHER.find(sentence)] == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "экономический союз двух компаний",
        "евразийский экономический союз фермеров",  # not the proper name: lower case
        "российский бизнес и казахстанские компании",
        "диалог культур и организация сотрудничества",
        "Шанхайская кухня",
        "шос и еаэс в нижнем регистре",
        "ЕАЭСовский",
    ],
)
def test_ordinary_phrases_that_share_a_word_do_not_match(sentence: str) -> None:
    assert MATCHER.find(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "case", "after"),
    [
        # Was "genitive" (ЕАЭО-ның): Kazakh says «ЕАЭО аясында», a postposition.
        ("в рамках ЕАЭС", None, "аясында"),
        ("к ЕЭК", "dative", ""),
        ("из ЕАЭС", "ablative", ""),
        ("в ЕАЭС", "locative", ""),
        ("с Евразийской экономической комиссией", "instrumental", ""),
        # Was "locative": «о X» is «X туралы», the nominative and a postposition.
        ("о Шанхайской организации сотрудничества", None, "туралы"),
        ("Евразийский экономический союз растёт", None, ""),
        ("инициатива «Трансалтайский диалог»", None, ""),
        # тенге does not decline; pymorphy3 reads it as a locative of «тенг»
        ("Курс тенге укрепился", None, ""),
        ("доклад Шанхайской организации сотрудничества", "genitive", ""),
        ("поддерживает Казахстан", "accusative", ""),
    ],
)
def test_case_of_a_match(sentence: str, case: str | None, after: str) -> None:
    [match] = MATCHER.find(sentence)
    assert (match.case, match.after) == (case, after)


def test_match_command_prints_json_lines_with_offsets(tmp_path: Path, cli: Cli) -> None:
    source = tmp_path / "t.txt"
    text = "— Роль ЕАЭС?\n— В рамках ЕАЭС и «Трансалтайского диалога».\n"
    source.write_bytes(text.encode("cp1251"))
    code, out, err = cli("-C", ROOT, "glossary", "match", source)
    assert (code, err) == (0, "")
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows == [
        # «Роль ЕАЭС»: a noun before an indeclinable one governs the genitive
        {"start": 7, "end": 11, "text": "ЕАЭС", "term": "eaeu", "en": "EAEU", "kk": "ЕАЭО-ның"},
        # Was "ЕАЭО-ның": «в рамках X» is «X аясында», the preposition replaced too;
        # «в рамках X и Y» is «X мен Y аясында» (was «X аясында» and a genitive Y).
        {
            "start": 24,
            "end": 28,
            "text": "ЕАЭС",
            "term": "eaeu",
            "en": "EAEU",
            "kk": "ЕАЭО мен",
            "kk_replaces": "В рамках ЕАЭС и",
        },
        {
            "start": 31,
            "end": 56,
            "text": "«Трансалтайского диалога»",
            "term": "trans-altai-dialogue",
            "en": "Trans-Altai Dialogue",
            "kk": "«Трансалтай диалогы» аясында",
        },
    ]
    assert all(text[r["start"] : r["end"]] == r["text"] for r in rows)


KAZAKH = [
    # abbreviations after a hyphen, by how they are read
    ("ЕАЭО", True, ["ЕАЭО-ның", "ЕАЭО-ға", "ЕАЭО-ны", "ЕАЭО-да", "ЕАЭО-дан", "ЕАЭО-мен"]),
    ("ШЫҰ", True, ["ШЫҰ-ның", "ШЫҰ-ға", "ШЫҰ-ны", "ШЫҰ-да", "ШЫҰ-дан", "ШЫҰ-мен"]),
    ("ЕЭК", True, ["ЕЭК-тің", "ЕЭК-ке", "ЕЭК-ті", "ЕЭК-те", "ЕЭК-тен", "ЕЭК-пен"]),
    ("ТМД", True, ["ТМД-ның", "ТМД-ға", "ТМД-ны", "ТМД-да", "ТМД-дан", "ТМД-мен"]),
    ("НАТО", True, ["НАТО-ның", "НАТО-ға", "НАТО-ны", "НАТО-да", "НАТО-дан", "НАТО-мен"]),
    # back vowel, nasal / sonorant / voiceless / voiced sibilant finals
    (
        "Қазақстан",
        False,
        [
            "Қазақстанның",
            "Қазақстанға",
            "Қазақстанды",
            "Қазақстанда",
            "Қазақстаннан",
            "Қазақстанмен",
        ],
    ),
    ("Ресей", False, ["Ресейдің", "Ресейге", "Ресейді", "Ресейде", "Ресейден", "Ресеймен"]),
    ("кітап", False, ["кітаптың", "кітапқа", "кітапты", "кітапта", "кітаптан", "кітаппен"]),
    ("қыз", False, ["қыздың", "қызға", "қызды", "қызда", "қыздан", "қызбен"]),
    ("тілек", False, ["тілектің", "тілекке", "тілекті", "тілекте", "тілектен", "тілекпен"]),
    ("теңге", False, ["теңгенің", "теңгеге", "теңгені", "теңгеде", "теңгеден", "теңгемен"]),
    ("жер", False, ["жердің", "жерге", "жерді", "жерде", "жерден", "жермен"]),
]
ORDER = ["genitive", "dative", "accusative", "locative", "ablative", "instrumental"]


@pytest.mark.parametrize(("word", "abbreviation", "forms"), KAZAKH, ids=[k[0] for k in KAZAKH])
def test_kazakh_case_endings(word: str, abbreviation: bool, forms: list[str]) -> None:
    assert [decline(word, case, abbreviation=abbreviation) for case in ORDER] == forms
    assert decline(word, None, abbreviation=abbreviation) == word


def test_only_noun_noun_names_take_the_n_forms() -> None:
    # This test used to teach the opposite (одағының, комиссиясына for
    # adjective-headed names): an adjective-headed name takes plain endings.
    union = "Еуразиялық экономикалық одақ"
    assert [decline(union, c) for c in ORDER] == [
        f"Еуразиялық экономикалық {w}"
        for w in ("одақтың", "одаққа", "одақты", "одақта", "одақтан", "одақпен")
    ]
    assert decline("Еуразиялық экономикалық комиссия", "dative") == (
        "Еуразиялық экономикалық комиссияға"
    )
    # A noun + noun name already carries the possessive: n-forms, detected.
    assert [decline("Шанхай ынтымақтастық ұйымы", c) for c in ORDER] == [
        f"Шанхай ынтымақтастық {w}"
        for w in ("ұйымының", "ұйымына", "ұйымын", "ұйымында", "ұйымынан", "ұйымымен")
    ]
    # Declared in the glossary: the same n-forms; declared false: plain endings.
    assert decline("Кеден одағы", "dative", possessive_head=True) == "Кеден одағына"
    assert decline("Мемлекеттік хатшы", "dative") == "Мемлекеттік хатшыға"
    assert decline("Мемлекеттік хатшы", "dative", possessive_head=False) == ("Мемлекеттік хатшыға")


def test_an_entry_can_override_its_abbreviation_ending() -> None:
    # АҚШ is read as a word [ақш]: the rule gives АҚШ-тың (it gave АҚШ-ның before).
    assert decline("АҚШ", "genitive", abbreviation=True) == "АҚШ-тың"
    # An entry overrides the reading, or one case's ending.
    assert decline("ҚР", "dative", abbreviation=True) == "ҚР-ға"
    assert decline("ҚР", "genitive", abbreviation=True, read_as="қар") == "ҚР-дың"
    assert (
        decline("АҚШ", "genitive", abbreviation=True, overrides={"genitive": "-ның"}) == "АҚШ-ның"
    )


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "glossary.yaml"
    path.write_text(text, encoding="utf-8")
    return path


ENTRY = """\
  - id: {id}
    kind: abbreviation
    ru: {{name: {ru}, abbreviation: {abbr}}}
    en: {{name: Name, abbreviation: NM, use: first-expanded}}
    kk: {{name: Атау, abbreviation: АТ, use: abbreviation}}
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("terms:\n  - id: x\n    ru: [unclosed\n", ":4:1: invalid YAML: expected ',' or ']'"),
        (
            "terms:\n"
            + ENTRY.format(id="a", ru="Союз", abbr="СЗ").replace(
                "    kk: {name: Атау, abbreviation: АТ, use: abbreviation}\n", ""
            ),
            ":2:5: term 'a' has no 'kk' section",
        ),
        (
            "terms:\n"
            + ENTRY.format(id="a", ru="Союз", abbr="СЗ")
            + ENTRY.format(id="a", ru="Комиссия", abbr="КМ"),
            ":7:5: duplicate id 'a' (first at line 2)",
        ),
        (
            "terms:\n"
            + ENTRY.format(id="a", ru="Большой союз", abbr="СЗ")
            + ENTRY.format(id="b", ru="Большого союза", abbr="КМ"),
            ":7: 'b' claims the Russian form 'Большого союза', already claimed by 'a' (line 2)",
        ),
        (
            "terms:\n" + ENTRY.format(id="a", ru="Союз", abbr="СЗ").replace("kind:", "knd:"),
            ":3:5: unknown key 'knd'",
        ),
    ],
    ids=["bad-yaml", "missing-language", "duplicate-id", "same-russian-form", "unknown-key"],
)
def test_glossary_errors_name_line_and_column(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(InputError) as raised:
        load_glossary(path)
    assert f"{path}{expected}" in str(raised.value)


def test_all_glossary_errors_are_reported_at_once(tmp_path: Path) -> None:
    text = (
        "terms:\n"
        + ENTRY.format(id="a", ru="Союз", abbr="СЗ").replace("kind:", "knd:")
        + ENTRY.format(id="B!", ru="Комиссия", abbr="КМ")
    )
    with pytest.raises(InputError) as raised:
        load_glossary(write(tmp_path, text))
    message = str(raised.value)
    assert "unknown key 'knd'" in message and "id 'B!' must be" in message


def test_a_broken_glossary_stops_publish_before_anything_is_written(
    project: Path, cli: Cli
) -> None:
    path = project / "glossary.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("  - id: sco\n", "  - id: eec\n"), encoding="utf-8"
    )
    before = snapshot(project)
    code, _, err = cli("-C", project, "publish")
    assert code == 1
    assert f"{path}:" in err and "duplicate id 'eec'" in err
    assert snapshot(project) == before


def test_set_and_add_keep_comments_and_order_byte_for_byte(project: Path, cli: Cli) -> None:
    path = project / "glossary.yaml"
    before = path.read_text(encoding="utf-8")
    code, _, err = cli("-C", project, "glossary", "set", "sco", "en.forbidden=SCOrg, ShOS")
    assert code == 0, err
    after = path.read_text(encoding="utf-8")
    assert after == before.replace(
        "      forbidden: [Shanghai Cooperation Organization]\n", "      forbidden: [SCOrg, ShOS]\n"
    )
    code, _, err = cli(
        "-C",
        project,
        "glossary",
        "add",
        "brics",
        "kind=abbreviation",
        "ru.name=БРИКС",
        "en.name=BRICS",
        "kk.name=БРИКС",
    )
    assert code == 0, err
    added = path.read_text(encoding="utf-8")
    assert added.startswith(after)
    assert load_glossary(path).by_id()["brics"].renderings["kk"].name == "БРИКС"


def test_an_edit_that_breaks_the_glossary_is_refused(project: Path, cli: Cli) -> None:
    path = project / "glossary.yaml"
    before = path.read_bytes()
    code, _, err = cli("-C", project, "glossary", "set", "eaeu", "en.use=sometimes")
    assert code == 1
    assert "use must be one of" in err and str(path) in err
    assert path.read_bytes() == before


def test_export_tbx_and_csv(cli: Cli) -> None:
    code, tbx, _ = cli("-C", ROOT, "glossary", "export", "--format", "tbx")
    assert code == 0
    root = ET.fromstring(tbx)
    entries = root.findall("./text/body/termEntry")
    assert [e.get("id") for e in entries] == [t.id for t in GLOSSARY.terms]
    eaeu = entries[0]
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    terms = {ls.get(lang): [t.text for t in ls.iter("term")] for ls in eaeu.iter("langSet")}
    assert terms["ru"] == ["Евразийский экономический союз", "ЕАЭС"]
    assert terms["kk"][:2] == ["Еуразиялық экономикалық одақ", "ЕАЭО"]
    assert "EAEC" in terms["en"]
    code, csv_text, _ = cli("-C", ROOT, "glossary", "export", "--format", "csv")
    assert csv_text.splitlines()[1].startswith(
        "eaeu,abbreviation,Евразийский экономический союз,ЕАЭС"
    )


def test_shipped_translations_follow_the_glossary(cli: Cli) -> None:
    code, out, _ = cli("-C", ROOT, "glossary", "check", "--strict")
    assert code == 0, out
    assert "en\teaeu\t1 in source\t1 reviewed\t0 machine\t0 violation(s)" in out
    assert "kk\ttrans-altai-dialogue\t2 in source\t2 reviewed" in out


def test_check_reports_violations_and_strict_fails(project: Path, cli: Cli) -> None:
    po = project / "translations" / "en" / "kazakhstan-russia-healthy-pragmatism.po"
    text = po.read_text(encoding="utf-8")
    assert "Eurasian Economic Union (EAEU)" in text
    po.write_text(
        text.replace("Eurasian Economic Union (EAEU)", "Eurasian Union (EAEC)"), encoding="utf-8"
    )
    code, out, err = cli("-C", project, "glossary", "check", "--strict")
    assert code == 7
    assert err == "error: 1 glossary violation(s)\n"
    assert "en\teaeu\t1 in source\t0 reviewed\t0 machine\t1 violation(s)" in out
    assert (
        "en kazakhstan-russia-healthy-pragmatism a5.p1.s3 (reviewed): missing EAEU;"
        " forbidden EAEC; forbidden Eurasian Union;"
        # a5.p1.s3 is the EAEU's first mention on the page: now checked as well
        " first mention not expanded: Eurasian Economic Union (EAEU):"
    ) in out
