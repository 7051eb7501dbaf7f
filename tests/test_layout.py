"""Layout inference on the corpus: families, questions, speakers, every word kept,
Word/OpenDocument/Markdown sources, --explain, and errors on weak evidence."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from pipeline.source.document import BlockKind
from pipeline.source.formats import read_source
from pipeline.source.transcript import read_layout
from tests.conftest import Cli

CASES_DIR = Path(__file__).parent / "cases" / "convert"
TEXT_CASES = sorted(CASES_DIR.glob("*.txt"))  # in UTF-8, Windows-1251 or UTF-16
WORD_CASES = sorted(CASES_DIR.glob("*.docx"))  # as newsrooms send them: bold questions
CASES = sorted(TEXT_CASES + WORD_CASES)

# case → (layout family, questions, people answering by name, byline)
EXPECTED = {
    "abbreviation-initials": ("turns", 3, ["Д.К."], None),
    "alternating-plain": ("alternating", 4, [], None),
    "bold-headline-lede-word": ("marked-questions", 3, [], None),
    "bold-questions-word": ("marked-questions", 3, [], "Сауле Тулегенова"),
    "caps-labels-timestamps": ("turns", 3, ["Ахметов"], None),
    "dashes-lede-byline": ("dashes", 3, [], "Иван Петров"),
    "dashes-word-lines-utf16": ("dashes", 3, [], "Асель Оразбаева"),
    "host-guest-numbered-questions": ("turns", 3, [], None),
    "initials-korr-remarks": ("turns", 3, ["А. Иванов"], None),
    "korr-fullname-caps": ("turns", 3, ["Бекзат Сарсенов"], "Анна Ли"),
    "lede-interviewer-labels": ("turns", 3, ["Гульмира Сеитова"], "Даурен Абенов"),
    "letters-hard-wrapped-cp1251": ("turns", 3, [], "Ерлан Сапаров"),
    "name-dash-speech": ("turns", 3, ["Ерлан Нурпеисов"], "Марина Ковалёва"),
    "numbered-speakers-timecodes": ("turns", 3, [], None),
    "question-answer-words": ("turns", 3, [], None),
    "radio-roles-named": ("turns", 3, ["Мадина Ахметова"], "Арман Ким"),
    "role-dash": ("turns", 3, [], None),
    "round-table-experts-unlabelled-questions": (
        "marked-answers",
        2,
        ["Жанна Касымова, энергетик", "Ерболат Мухамеджанов, эколог", "Олег Ким, физик"],
        None,
    ),
    "round-table-positions": (
        "turns",
        3,
        ["Тимур Исмаилов (экономист, Алматы)", "Сауле Бекмуратова (риелтор)"],
        "Алия Жаксыбекова (модератор)",
    ),
    "speaker-headings-time-codes": ("turns", 2, ["Тимур Бекетов"], "Анна Ким"),
    "surname-dash-speech": ("turns", 3, ["Бахыт Ержанов"], "Анна Ли"),
    "vopros-otvet-preamble": ("turns", 3, [], None),
    # Credits after the interview name who asked.
    "closing-credit-outlet": ("turns", 2, ["Марат Сулейменов"], "Анна Иванова"),
    "closing-credit-hard-wrapped": ("dashes", 2, [], "Дина Сапарова"),
    "closing-credit-last-sentence": ("marked-questions", 2, [], "Ержан Бекмаханов"),
    # A headline line before the lede is the page's title.
    "headline-quote-caption": ("turns", 2, ["Айгуль Сатпаева"], None),
    "headline-word-lines": ("dashes", 2, [], None),
    "headline-heading-style-word": ("marked-questions", 3, [], None),
    "questions-heading-style-word": ("marked-questions", 3, [], None),
    "questions-italic-word": ("marked-questions", 3, [], None),
    # A dash question in two paragraphs: a remark, then what it asks.
    "dashes-question-two-paragraphs": ("dashes", 4, [], None),
    # Outlets' own shapes: "Имя: «цитата»" headline and "СПРАВКА"; a site's name or
    # an agency asking; photo captions and credits between and after the turns.
    "headline-name-quote-reference": ("dashes", 2, ["Айгуль Сатпаева"], None),
    "outlet-site-name-captions": ("turns", 3, ["Ерлан Карин"], None),
    "outlet-agency-quotes": ("turns", 2, ["Асхат Оралов"], "Дана Ермекова"),
    # A news agency's page: headline, dateline lede, two "Фото:" credits, a
    # remark and a question in two dash paragraphs, the credit, "Читайте также".
    "agency-headline-dateline-credits": ("dashes", 3, [], "Динара Ахметова"),
    # A surname alone as the label; the lede gives the first name.
    "surname-labels-lede-name": ("turns", 3, ["Ержан Казыханов"], "Арман Сеитов"),
    # A round table's question preamble: it recalls what was said or names who answers.
    "round-table-preamble": (
        "marked-answers",
        3,
        ["Алия Нуржанова, архитектор", "Данияр Сейтказиев, урбанист", "Марат Оспанов, девелопер"],
        None,
    ),
    "answer-with-question": ("turns", 3, ["Бауыржан Исаев"], "Алия Кенжебаева"),
    "caps-name-period": ("turns", 3, ["Ольга Лисицына"], "Марат Жумабаев"),
    "caps-role-abbreviation": ("turns", 2, ["Иванова"], "Пётр Сидоров"),
    "dash-before-label": ("turns", 3, ["Ерлан Сапаров"], None),
    "dash-em": ("dashes", 2, [], None),
    "dash-en-hyphen": ("dashes", 2, [], None),
    "dashes-mixed-statements": ("dashes", 4, [], None),
    "derived-title": ("dashes", 1, [], None),
    "empty-last-turn": ("dashes", 2, [], None),
    "front-matter-interviewer": ("dashes", 2, ["Серик Оспанов"], "Жанна Абишева"),
    "front-matter-lede": ("dashes", 1, ["Иван Петров"], None),
    "front-matter-speakers": ("marked-answers", 2, ["Бекова", "Ли"], None),
    "hard-wrapped": ("dashes", 1, [], None),
    "hard-wrapped-round-table": ("turns", 2, ["Олжас Мусин", "Жанар Тлеубаева"], None),
    "initial-caps-colon": ("turns", 3, ["Н. Ермекова"], "Т. Ахметов"),
    "label-own-line": ("turns", 2, [], None),
    "labelled-question-unlabelled-answer": ("marked-questions", 3, [], None),
    "labelled-question-dash-answer": ("turns", 3, [], None),
    "labels-caps": ("turns", 2, ["Петров"], None),
    "labels-names": ("turns", 2, ["Иван Петров"], "Алия Сарсенова"),
    "labels-outlet": ("turns", 2, [], None),
    "labels-question-answer": ("turns", 2, [], None),
    "labels-with-descriptions": (
        "turns",
        3,
        ["Арман Сеитов, инженер-мостостроитель"],
        "Дарья Ким, корреспондент",
    ),
    "layout-override-alternating": ("alternating", 3, [], None),
    "lede-caption-trailer": ("dashes", 2, [], "Айгерим Сейткали"),
    "markup-is-text": ("dashes", 2, [], None),
    "one-letter-label": ("turns", 3, ["Асель Нурланова"], None),
    "outlet-guillemets-caps-respondent": ("turns", 3, ["Ермек Тастанов"], None),
    "outlet-caps-word": ("turns", 3, ["Камила Жансугурова"], None),
    "outlet-quotes-period": ("turns", 3, ["Гульнара Омарова"], None),
    "question-answer-letters": ("turns", 3, [], None),
    "round-table-moderator": ("turns", 3, ["Ильяс Бекетов", "Дина Каримова"], None),
    "round-table-unlabelled": (
        "marked-answers",
        2,
        ["Медет Тулегенов", "Айдар Амребеков", "Салтанат Рахимова"],
        None,
    ),
    "surname-alone": ("turns", 3, ["Смагулова"], "Ержанов"),
    "trailer-reference": ("dashes", 2, [], None),
    "unlabelled-question-dash-answer": ("marked-answers", 4, [], None),
    "unlabelled-question-labelled-answer": ("marked-answers", 3, ["Нурлан Абенов"], None),
}
# Markers that say what a turn is, not who speaks: structure, like a dash; and
# a recording's time codes, which are not what was said.
_ROLE_MARKER = re.compile(
    r"^(?:\[?\d\d:\d\d:\d\d\]?\s*)?"
    r"(?:(?:[—–-]\s*)?(?:Вопрос|Ответ|Корреспондент|Корр\.|Модератор|Ведущий|Гость|Спикер"
    r"|В\.?|О\.?|Р)(?:\s+\d+)?(?:\s*\([^()]*\))?\s*(?:[:.]|[—–]\s))?",
    re.M | re.IGNORECASE,
)


# A recording's time codes, wherever a label has them: not words of the interview.
_TIME_CODE = re.compile(r"[\[(]?\b\d\d:\d\d:\d\d\b[\])]?")


def test_the_corpus_has_every_case_in_the_table() -> None:
    assert len(CASES) >= 58 and WORD_CASES
    assert {c.stem for c in CASES} == set(EXPECTED)


def _transcript_text(case: Path) -> str:
    """The text of a golden transcript as the pipeline reads it (any encoding, Word)."""
    return read_source(case).text


@pytest.mark.parametrize("case", WORD_CASES, ids=[c.stem for c in WORD_CASES])
def test_a_word_transcript_gives_its_golden_markdown(case: Path, cli: Cli) -> None:
    code, out, err = cli("convert", case)
    assert (code, err) == (0, "")
    assert out == case.with_suffix(".md").read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_layout_questions_and_speakers(case: Path) -> None:
    family, questions, respondents, byline = EXPECTED[case.stem]
    document, layout = read_layout(case)
    assert layout.family.value == family
    assert layout.questions == questions
    assert sum(1 for b in document.blocks if b.kind is BlockKind.QUESTION) == questions
    assert [s.name for s in document.respondents] == respondents
    assert (document.interviewer.name if document.interviewer else None) == byline
    answers = [b for b in document.blocks if b.kind is BlockKind.ANSWER]
    if respondents:  # every answer knows its speaker
        speakers = {s.id: s.name for s in document.respondents}
        assert all(speakers[b.speaker or ""] in respondents for b in answers)


def _words(text: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"\w+", text)}


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_every_word_of_the_transcript_is_on_the_page(case: Path, cli: Cli) -> None:
    text = _transcript_text(case)
    if text.startswith("---\n"):
        front, body = text[4:].split("\n---\n", 1)
        kept = [v for k, v in (line.split(":", 1) for line in front.splitlines())]
        kept = [v for v in kept if not re.fullmatch(r"\s*(?:alternating|\S+-\S+|https?:.*)", v)]
    else:
        body, kept = text, []
    code, out, _ = cli("convert", case)
    assert code == 0
    page = _words(out.replace("\\", ""))
    body = _TIME_CODE.sub("", _ROLE_MARKER.sub("", body))
    missing = (_words(body) | _words(" ".join(kept))) - page
    assert not missing


@pytest.mark.parametrize(
    ("case", "lines"),
    [
        (
            "round-table-unlabelled",
            [
                "layout: marked-answers (questions are unmarked paragraphs;",
                "round table: 3 people answer",
                "speaker: Медет Тулегенов (2 answer(s), first at line 5)",
                "questions: 2 (at lines 3, 13)",
                "lede: lines 1",
            ],
        ),
        ("lede-caption-trailer", ["caption: lines 3", "trailer: lines 13, 15", "lede: lines 1"]),
        ("caps-name-period", ["interviewer: Марат Жумабаев (byline, first asks at line 1)"]),
        ("outlet-quotes-period", ["interviewer: the outlet «ВЕСТНИК СТЕПИ"]),
        ("alternating-plain", ["layout: alternating", "questions: 4 (at lines 1, 5, 9, 13)"]),
        ("dashes-mixed-statements", ["layout: dashes", "questions: 4"]),
    ],
)
def test_explain_tells_an_editor_what_was_found(case: str, lines: list[str], cli: Cli) -> None:
    code, out, err = cli("convert", CASES_DIR / f"{case}.txt", "--explain")
    assert (code, err) == (0, "")
    for line in lines:
        assert any(o.startswith(line) for o in out.splitlines()), (line, out)
    assert "overrides (front matter): interviewer: NAME, speakers:" in out


# --- Word, OpenDocument and Markdown files -------------------------------------


def _paragraphs(case: Path) -> list[str]:
    """The transcript as Word paragraphs: one per front matter line, one per paragraph."""
    text = _transcript_text(case)
    front: list[str] = []
    if text.startswith("---\n"):
        head, text = text[4:].split("\n---\n", 1)
        front = ["---", *head.split("\n"), "---"]
    if "\n\n" not in text.strip():
        return front + text.strip().split("\n")
    return front + [" ".join(p.split("\n")) for p in text.strip().split("\n\n")]


def _write_docx(path: Path, paragraphs: list[str], bold: set[int]) -> Path:
    import docx

    document = docx.Document()
    for n, text in enumerate(paragraphs):
        paragraph = document.add_paragraph()
        label = re.match(r"(?:[—–-] ?)?[^:.?]{1,30}: ", text) if n in bold else None
        if label:  # a bold label before plain text is how Word users write it
            paragraph.add_run(label.group(0)).bold = True
            paragraph.add_run(text[label.end() :])
        else:
            paragraph.add_run(text).bold = n in bold
    document.save(str(path))
    return path


@pytest.mark.parametrize("case", TEXT_CASES, ids=[c.stem for c in TEXT_CASES])
def test_the_same_interview_as_docx_gives_the_same_markdown(
    case: Path, tmp_path: Path, cli: Cli
) -> None:
    paragraphs = _paragraphs(case)
    _, layout = read_layout(case)
    questions = {
        p.full
        for p in layout.paragraphs
        for it in layout.items
        if it.kind is BlockKind.QUESTION and layout.paragraphs[it.paragraphs[0]] is p
    }
    bold = {n for n, text in enumerate(paragraphs) if " ".join(text.split()) in questions}
    path = _write_docx(tmp_path / f"{case.stem}.docx", paragraphs, bold)
    code, out, err = cli("convert", path)
    assert (code, err) == (0, "")
    assert out == case.with_suffix(".md").read_text(encoding="utf-8")


BOLD_INTERVIEW = [
    "Руководитель городского зоопарка рассказала о новых жильцах.",
    "Кто появился в зоопарке этой весной",
    "Два детёныша снежного барса. Они родились в апреле и уже выходят в вольер.",
    "Посетители их увидят?",
    "Да, с июня, по утрам. Днём малыши спят.",
    "Их мать тоже родилась здесь, в 2015 году.",
    "Сколько стоит содержание барса",
    "Около трёх миллионов тенге в год: мясо, ветеринары, обогрев.",
]


def _odt(path: Path, paragraphs: list[str], bold: set[int]) -> Path:
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"'
    )
    body = "".join(
        f'<text:p text:style-name="P1"><text:span text:style-name="{"B" if n in bold else "N"}">'
        f"{text}</text:span></text:p>"
        for n, text in enumerate(paragraphs)
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns}>'
        '<office:automatic-styles><style:style style:name="B" style:family="text">'
        '<style:text-properties fo:font-weight="bold"/></style:style>'
        '<style:style style:name="N" style:family="text"/></office:automatic-styles>'
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    return path


def test_bold_is_the_only_marker_in_word_odt_and_markdown(tmp_path: Path, cli: Cli) -> None:
    bold = {1, 3, 6}
    docx_out = cli("convert", _write_docx(tmp_path / "zoo.docx", BOLD_INTERVIEW, bold))
    odt_out = cli("convert", _odt(tmp_path / "zoo.odt", BOLD_INTERVIEW, bold))
    md = tmp_path / "zoo.md"
    md.write_text(
        "\n\n".join(f"**{t}**" if n in bold else t for n, t in enumerate(BOLD_INTERVIEW)) + "\n",
        encoding="utf-8",
    )
    md_out = cli("convert", md)
    assert docx_out == odt_out == md_out
    code, out, err = docx_out
    assert (code, err) == (0, "")
    assert len(re.findall(r"\{#q\d+ \.question ", out)) == 3
    assert "Кто появился в зоопарке этой весной {#q1" in out
    assert "Их мать тоже родилась здесь, в 2015 году.\n{.answer}" in out
    assert "Руководитель городского зоопарка рассказала о новых жильцах.\n{.lede}" in out
    explained = cli("convert", tmp_path / "zoo.docx", "--explain")[1]
    assert "layout: marked-questions (questions open with bold;" in explained


def test_a_file_that_is_not_really_a_word_file_is_one_clear_error(tmp_path: Path, cli: Cli) -> None:
    path = tmp_path / "broken.docx"
    path.write_text("— Вопрос?\n— Ответ.\n", encoding="utf-8")
    code, out, err = cli("convert", path)
    assert (code, out) == (1, "")
    assert err == f"error: {path}: not a Word .docx file (save it again as .docx)\n"


# --- Weak evidence is an error that names the line and the override -------------

WEAK = {
    "two-askers": (
        "Анна Ким: Вы были в горах?\n\nБорис Ли: А вы?\n\nАнна Ким: Была. А вы?\n\n"
        "Борис Ли: Нет. Почему вы спрашиваете?\n",
        ":3: cannot tell who asks the questions",
        "interviewer: Анна Ким",
    ),
    "plain-text-not-alternating": (
        "Зачем городу парк?\n\nЗатем что людям нужен воздух.\n\nЛетом там тень.\n\n"
        "Осенью листья?\n\nЗимой каток.\n",
        "do not alternate question and answer clearly",
        "layout: alternating",
    ),
    # A long answer without markers: its second paragraph is no question.
    "a-long-answer-without-markers": (
        "Как вы стали реставратором?\n\nСлучайно. Пришёл в музей на практику.\n\n"
        "Там мне дали отмыть икону.\n\nСколько длится одна работа?\n\nДо четырёх лет.\n\n"
        "Что вы сейчас реставрируете?\n\nПортрет купца.\n",
        ":5: unmarked paragraphs do not alternate question and answer clearly",
        "layout: alternating",
    ),
    "one-label-that-asks-and-answers": (
        "Вступление редакции.\n\nАсель Ким: Как вы пришли в науку? Через кружок.\n\n"
        "Почему именно химия?\n\nАсель Ким: Почему? Из-за учителя. А вы как думаете?\n",
        ":3: cannot tell whether 'Асель Ким' asks or answers",
        "speakers: [Асель Ким]",
    ),
}


@pytest.mark.parametrize("name", list(WEAK))
def test_weak_evidence_names_the_line_and_the_override(name: str, tmp_path: Path, cli: Cli) -> None:
    text, message, override = WEAK[name]
    path = tmp_path / "weak.txt"
    path.write_text(text, encoding="utf-8")
    code, out, err = cli("convert", path)
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and err.startswith(f"error: {path}")
    assert message in err
    assert override.split(":")[0] + ":" in err
    path.write_text(f"---\n{override}\n---\n{text}", encoding="utf-8")
    code, out, err = cli("convert", path)
    assert (code, err) == (0, "")


@pytest.mark.parametrize(
    ("front", "message"),
    [
        ("layout: columns", ":2: 'layout' must be one of turns, dashes,"),
        ("speakers: 3", ":2: 'speakers' must be a list of names"),
        ("speakers: [Анна, '']", ":2: 'speakers' must be a list of names"),
    ],
)
def test_bad_overrides_are_one_clear_line(
    front: str, message: str, tmp_path: Path, cli: Cli
) -> None:
    path = tmp_path / "t.txt"
    path.write_text(f"---\n{front}\n---\n— Вопрос?\n— Ответ.\n", encoding="utf-8")
    code, _, err = cli("convert", path)
    assert code == 1
    assert message in err


def test_label_text_in_any_encoding_and_line_ending_gives_the_same_page(
    tmp_path: Path, cli: Cli
) -> None:
    case = CASES_DIR / "round-table-unlabelled.txt"
    text = case.read_text(encoding="utf-8")
    path = tmp_path / "r" / case.name
    path.parent.mkdir()
    path.write_bytes(text.replace("\n", "\r\n").encode("cp1251"))
    assert cli("convert", path) == cli("convert", case)


def test_round_table_page_renders_names_over_answers_with_the_site_markdown(cli: Cli) -> None:
    import markdown

    from tests.test_markdown import CONFIG

    out = cli("convert", CASES_DIR / "round-table-unlabelled.txt")[1]
    body = out.split("\n---\n", 1)[1]
    html = markdown.markdown(
        body, extensions=CONFIG.markdown_extensions, extension_configs=CONFIG.mdx_configs
    )
    assert html.count('<p class="speaker"><strong>Медет Тулегенов</strong></p>') == 2
    assert '<p class="lede">Редакция собрала' in html
    byline = cli("convert", CASES_DIR / "caps-name-period.txt")[1].split("\n---\n", 1)[1]
    html = markdown.markdown(
        byline, extensions=CONFIG.markdown_extensions, extension_configs=CONFIG.mdx_configs
    )
    assert '<p class="interview-byline">Беседовал(а): Марат Жумабаев</p>' in html


def test_a_bold_title_in_a_word_file_with_dashes_is_not_a_question(
    tmp_path: Path, cli: Cli
) -> None:
    paragraphs = ["Музей шахтёрского быта", "Лид о музее.", "— Откуда экспонаты?", "— Принесли."]
    out = cli("convert", _write_docx(tmp_path / "museum.docx", paragraphs, {0}))[1]
    assert len(re.findall(r"\{#q\d+ \.question ", out)) == 1
    # A headline before the lede: the page's title.
    assert 'title: "Музей шахтёрского быта"' in out and "\n# Музей шахтёрского быта\n" in out
    assert "Лид о музее.\n{.lede}" in out


def test_an_odt_footnote_is_not_part_of_the_interview(tmp_path: Path, cli: Cli) -> None:
    plain = _odt(tmp_path / "zoo.odt", BOLD_INTERVIEW, {1, 3, 6})
    with zipfile.ZipFile(plain) as archive:
        content = archive.read("content.xml").decode("utf-8")
    note = (
        '<text:note text:note-class="footnote"><text:note-body>'
        "<text:p>Сноска редактора: проверено.</text:p></text:note-body></text:note>"
    )
    with_note = tmp_path / "with-note" / "zoo.odt"
    with_note.parent.mkdir()
    with zipfile.ZipFile(with_note, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content.replace("в 2015 году.", "в 2015 году." + note))
    code, out, err = cli("convert", with_note)
    assert (code, err) == (0, "")
    assert "Сноска" not in out
    assert out == cli("convert", plain)[1]


# --- Shapes close to a label that are text -------------------------------------

NOT_LABELS = {
    # One name before a dash, twice: the subject of sentences, not a voice.
    "a-subject-before-a-dash": (
        "— Как вы оцениваете визит?\n\n— Путин — опытный переговорщик. Визит прошёл спокойно.\n\n"
        "— А итоги?\n\n— Путин — прагматик, итоги будут экономическими.\n",
        "dashes",
        2,
        "Путин — прагматик, итоги будут экономическими.",
    ),
    # Two names before a dash, each twice, in an interview whose turns open with dashes.
    "names-before-a-dash-in-dash-turns": (
        "— Кто решает?\n\n— Комиссия.\n\nЕржанов — её глава.\n\nБижан — заместитель.\n\n"
        "— А кто подписывает?\n\n— Оба.\n\nЕржанов — первым.\n\nБижан — вторым.\n",
        "dashes",
        2,
        "Бижан — вторым.\n{.answer}",
    ),
    # A place before a dash is never a person's name.
    "a-place-before-a-dash": (
        "Москва — Астана: что дальше?\n\nАнна Ли — Что дальше?\n\nБахыт Ержанов — Рост.\n\n"
        "Анна Ли — Почему?\n\nБахыт Ержанов — Спрос.\n",
        "turns",
        2,
        "Москва — Астана: что дальше?\n{.lede}",
    ),
    # A time of day in the text is not a recording's time code.
    "a-time-of-day": (
        "— Когда начался митинг?\n\n— 12:30 — так было в объявлении. Пришли к часу.\n",
        "dashes",
        1,
        "12:30 — так было в объявлении.",
    ),
    # A time of day after a name is no transcription service's time code.
    "a-time-after-a-name": (
        "Иван Петров 12:30 пришёл на площадь.\n\n— Вы его видели?\n\n— Видел, в 12:35.\n",
        "dashes",
        1,
        "Иван Петров 12:30 пришёл на площадь.\n{.lede}",
    ),
    # A labelled question in two paragraphs, its answer unmarked.
    "a-question-in-two-paragraphs": (
        "Вопрос: Город закрыл улицу для машин.\n\nКак идут дела у кафе?\n\nЛучше прежнего.\n\n"
        "Выручка выросла.\n\nВопрос: А пробки?\n\nУшли за три месяца.\n",
        "marked-questions",
        2,
        "## Город закрыл улицу для машин. Как идут дела у кафе? {#q1",
    ),
}


@pytest.mark.parametrize("name", list(NOT_LABELS))
def test_text_that_looks_like_a_marker_stays_text(name: str, tmp_path: Path, cli: Cli) -> None:
    text, family, questions, shown = NOT_LABELS[name]
    path = tmp_path / "t.txt"
    path.write_text(text, encoding="utf-8")
    _, layout = read_layout(path)
    assert (layout.family.value, layout.questions) == (family, questions)
    code, out, err = cli("convert", path)
    assert (code, err) == (0, "")
    assert shown in out


def test_a_word_heading_before_bold_questions_is_the_title(tmp_path: Path, cli: Cli) -> None:
    """A headline in Word's heading style is bold by its style, not a question:
    the page's title."""
    import docx

    document = docx.Document()
    document.add_heading("Как выживает сельская школа", 1)
    document.add_paragraph("В селе осталась одна школа на три аула.")
    for text, bold in [("Сколько у вас учеников", True), ("Сто двенадцать.", False)]:
        document.add_paragraph().add_run(text).bold = bold
    for text, bold in [("Кто преподаёт?", True), ("Наши же выпускники.", False)]:
        document.add_paragraph().add_run(text).bold = bold
    path = tmp_path / "school.docx"
    document.save(str(path))
    code, out, err = cli("convert", path)
    assert (code, err) == (0, "")
    assert "\n# Как выживает сельская школа\n" in out
    assert "В селе осталась одна школа на три аула.\n{.lede}" in out
    assert len(re.findall(r"\{#q\d+ \.question ", out)) == 2
    assert "## Сколько у вас учеников {#q1" in out
