"""Hostile and broken input, as property-based tests (hypothesis).

Whatever bytes a transcript holds, the parser returns a document or one clear
InputError naming the file; text that goes in comes out as the same text;
segments reassemble to their paragraphs; the translation memory reads back what
it wrote; no transcript text becomes markup on the site; no name from a
transcript leads out of its folder.
"""

from __future__ import annotations

import os
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

import markdown
import polib
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from ruamel.yaml import YAML

from pipeline.errors import InputError
from pipeline.memory.store import Status, load_memory, serialize, status_of, update_memory
from pipeline.publish import Project
from pipeline.site.markdown import escape
from pipeline.site.pages import interview_path, render_interview
from pipeline.source.document import BlockKind, Segment
from pipeline.source.encoding import decode_transcript
from pipeline.source.segments import segment, split_sentences
from pipeline.source.transcript import SLUG, parse_transcript, read_transcript
from tests.conftest import ROOT

# How many examples, drawn how: the profiles in tests/conftest.py ("ci" by
# default, derandomized; "fuzz" for `make fuzz`).
SETTINGS = settings(
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
CONFIG = load_config(str(ROOT / "mkdocs.yml"))
PATH = Path("/newsroom/transcripts/interview.txt")

KAZAKH = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"
RTL = "שלום مرحبا \u200f\u200e\u202e"
COMBINING = "\u0301\u0308\u0327\u0306"
MARKUP = "<>&*_`{}[]()#!|\\-+.=~^\"':;%—–«»?"
# Any character a text can hold (no lone surrogates: they are not text), with
# the interesting ones drawn often.
CHARACTERS = st.one_of(
    st.characters(codec="utf-8"),
    st.sampled_from(KAZAKH + RTL + COMBINING + MARKUP + "ЕАЭС Казахстан \t"),
)
TEXT = st.text(CHARACTERS, max_size=60)


def normalised(text: str) -> str:
    """A paragraph as the parser gives it: NFC, whitespace runs as one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def printable(text: str) -> bool:
    return not any(unicodedata.category(c) in ("Cc", "Cs") for c in text)


def check_input_error(e: InputError) -> None:
    message = str(e)
    assert message.startswith(str(PATH)), message
    assert "\n" not in message and "Traceback" not in message


# -- the parser ---------------------------------------------------------------


@SETTINGS
@given(
    st.one_of(
        st.binary(max_size=3000),
        # Lone surrogates as an editor's broken UTF-8 or UTF-16 would hold them.
        st.text(st.characters(), max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.text(st.characters(), max_size=300).map(lambda t: t.encode("utf-16", "surrogatepass")),
        st.text(CHARACTERS, max_size=300).map(lambda t: ("— " + t).encode("cp1251", "replace")),
    )
)
@example(b"\x00\x00\x00")
@example("— вопрос\x00\n— ответ".encode())
@example(b"\xef\xbb\xbf\xed\xa0\x80")
@example(b"\xff\xfe\x00\xd8")
@example(b"---\nslug: ../../etc\n---\n- a\n- b\n")
@example("---\ntitle: \ufffe\n---\n— вопрос\n— ответ".encode())
def test_any_bytes_give_a_document_or_one_clear_error(data: bytes) -> None:
    try:
        document = parse_transcript(decode_transcript(data, PATH), PATH)
    except InputError as e:
        check_input_error(e)
        return
    assert SLUG.fullmatch(document.slug)
    for block in document.blocks:
        for paragraph in block.paragraphs:
            assert isinstance(paragraph, str) and printable(paragraph)


PARAGRAPH = st.text(CHARACTERS, min_size=1, max_size=200).filter(
    lambda t: printable(t) and bool(normalised(t))
)


def dash_transcript(paragraphs: list[str]) -> str:
    # "и " opens every paragraph, so that none reads as a speaker label.
    return "\n\n".join(f"— и {p}" for p in paragraphs)


@SETTINGS
@given(st.lists(PARAGRAPH, min_size=2, max_size=8))
# A CJK compatibility ideograph: NFC maps U+2F800 to U+4E3D.
@example(["0", "\U0002f800"])
def test_text_in_is_text_out_and_segments_reassemble(paragraphs: list[str]) -> None:
    # The way the pipeline reads a transcript file: decoded (and NFC-normalised), then parsed.
    text = decode_transcript(dash_transcript(paragraphs).encode("utf-8"), PATH)
    document = parse_transcript(text, PATH)
    body = [b for b in document.blocks if b.kind is not BlockKind.TITLE]
    assert [p for b in body for p in b.paragraphs] == [normalised(f"и {p}") for p in paragraphs]
    kinds = [b.kind for b in body]
    assert kinds == [BlockKind.QUESTION, BlockKind.ANSWER] * (len(paragraphs) // 2) + [
        BlockKind.QUESTION
    ] * (len(paragraphs) % 2)
    segments = segment(document)
    assert len({s.id for s in segments}) == len(segments)
    for block in document.blocks:
        for number, paragraph in enumerate(block.paragraphs, start=1):
            parts = [s.text for s in segments if s.block_id == block.id and s.paragraph == number]
            assert " ".join(parts) == paragraph


@SETTINGS
@given(PARAGRAPH.map(normalised))
@example("Он сказал: «Да.»Потом ушёл. И т. д. т.е. 2025 г. — ЕАЭС.Казахстан")
def test_sentences_join_back_into_their_paragraph(paragraph: str) -> None:
    sentences = split_sentences(paragraph)
    assert all(sentences) and " ".join(sentences) == paragraph


def test_a_ten_megabyte_transcript_with_long_lines_is_read(tmp_path: Path) -> None:
    answer = "Казахстан и Россия — ЕАЭС, ә ғ қ ң ө ұ ү һ і, مرحبا, e\u0301. " * 2000  # ~130 KB
    text = "\n\n".join(f"— Вопрос номер {n}?\n\n— {answer}" for n in range(80))
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size > 10_000_000
    document = read_transcript(path)
    assert len([b for b in document.blocks if b.kind is BlockKind.ANSWER]) == 80
    assert document.blocks[2].paragraphs == (normalised(answer),)


def test_a_ten_megabyte_binary_file_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "video.txt"
    path.write_bytes(bytes(range(256)) * 40_000)
    with pytest.raises(InputError) as e:
        read_transcript(path)
    assert str(e.value).startswith(f"{path}") and "\n" not in str(e.value)


# -- the translation memory ---------------------------------------------------

MSGSTR = st.text(st.characters(codec="utf-8"), max_size=80)


@SETTINGS
@given(
    st.lists(
        st.tuples(PARAGRAPH.map(normalised), MSGSTR, st.sampled_from(["reviewed", "fuzzy"])),
        min_size=1,
        max_size=8,
    )
)
def test_the_memory_reads_back_what_it_wrote(
    tmp_path_factory: pytest.TempPathFactory, rows: list[tuple[str, str, str]]
) -> None:
    segments = [Segment(f"a{n}.p1.s1", f"a{n}", 1, text) for n, (text, _, _) in enumerate(rows)]
    header = {"Project-Id-Version": "interview", "Language": "kk", "X-Source": "t.txt"}
    po = update_memory(segments, None, header).po
    for entry, (_, msgstr, kind) in zip(po, rows, strict=True):
        entry.msgstr = msgstr
        entry.flags = ["fuzzy"] if kind == "fuzzy" else []
    path = tmp_path_factory.mktemp("po") / "interview.po"
    path.write_bytes(serialize(po))
    try:
        loaded = load_memory(path, "kk")
    except InputError as e:
        pytest.fail(f"the pipeline cannot read its own file: {e}")
    assert loaded is not None
    assert [(e.msgctxt, e.msgid, e.msgstr, status_of(e)) for e in loaded] == [
        (e.msgctxt, e.msgid, e.msgstr, status_of(e)) for e in po
    ]
    # And again: reading and writing changes nothing, and no reviewed text is lost.
    update = update_memory(segments, loaded, header)
    again, translations = update.po, update.translations
    assert serialize(again) == serialize(po)
    for seg, (_, msgstr, kind) in zip(segments, rows, strict=True):
        if msgstr and kind == "reviewed":
            assert translations[seg.id].text == msgstr
            assert translations[seg.id].status is Status.REVIEWED
    # Other PO tools count what the pipeline counts: reviewed entries with a text.
    done = sum(1 for _, msgstr, kind in rows if msgstr and kind == "reviewed")
    assert polib.pofile(str(path)).percent_translated() == done * 100 // len(rows)


# -- nothing becomes markup -------------------------------------------------------


def rendered(source: str) -> str:
    return markdown.markdown(
        source, extensions=CONFIG.markdown_extensions, extension_configs=CONFIG.mdx_configs
    )


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@SETTINGS
@given(PARAGRAPH.map(normalised))
@example("<script>alert(1)</script> {{ config }} {% include x %} {#id} [x](javascript:1)")
def test_escaped_text_renders_as_exactly_that_text(text: str) -> None:
    source = escape(text)
    assert not re.search(r"[<>]|\{\{", source), source  # no tag, no Jinja expression
    out = rendered(f"{source}\n{{.answer}}")
    parser = Elements()
    parser.feed(out)
    assert [tag for tag, _ in parser.tags] == ["p"], out
    assert "".join(parser.text) == text


@SETTINGS
@given(st.lists(PARAGRAPH, min_size=2, max_size=6), TEXT, TEXT)
def test_no_transcript_text_becomes_markup_on_a_page(
    paragraphs: list[str], title: str, interviewee: str
) -> None:
    front = ["---"]
    for key, value in (("title", title), ("interviewee", interviewee)):
        if normalised(value) and printable(value):
            front.append(f"{key}: {_yaml_string(value)}")
    source = "\n".join([*front, "---", dash_transcript(paragraphs)])
    document = parse_transcript(source, PATH)
    page = render_interview(document, segment(document), "ru").markdown
    _, head, body = page.split("---\n", 2)
    assert set(YAML(typ="safe", pure=True).load(head)) == {"title"}
    parser = Elements()
    parser.feed(rendered(body))
    for tag, attrs in parser.tags:
        assert tag in ("h1", "h2", "p", "a"), (tag, body)
        if tag == "a":
            assert attrs.get("class") == "headerlink", (attrs, body)
    shown = "".join(parser.text)
    for block in document.blocks:
        for paragraph in block.paragraphs:
            assert paragraph in shown


def _yaml_string(value: str) -> str:
    # A double-quoted YAML scalar: JSON-style escapes for every special character.
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    return f'"{escaped}"'


# -- names from metadata stay in their folders --------------------------------


@SETTINGS
@given(st.text(st.characters(codec="utf-8", exclude_characters="/\x00"), max_size=60))
@example("..")
@example("...")
@example(" .. ")
@example("ЕАЭС")
def test_a_file_name_gives_a_slug_that_stays_in_its_folder(stem: str) -> None:
    path = PATH.with_name(f"{stem}.txt") if stem not in ("", ".", "..") else PATH
    try:
        slug = parse_transcript("— и вопрос\n— и ответ", path).slug
    except InputError as e:
        assert "page name" in str(e)
        return
    _check_slug(slug)


@SETTINGS
@given(st.text(st.characters(codec="utf-8"), max_size=60))
@example("../../../etc")
@example("a/b")
@example("~root")
@example(".hidden")
def test_a_slug_from_front_matter_stays_in_its_folder(value: str) -> None:
    source = f"---\nslug: {_yaml_string(value)}\n---\n— и вопрос\n— и ответ"
    try:
        slug = parse_transcript(source, PATH).slug
    except InputError as e:
        check_input_error(e)
        return
    _check_slug(slug)


def _check_slug(slug: str) -> None:
    assert SLUG.fullmatch(slug), slug
    for language in ("ru", "kk", "en"):
        page = interview_path(language, slug)
        assert page.parent == PurePosixPath(language, "interviews") and ".." not in page.parts
        # Where publish puts the slug's translation memory (the path it really uses).
        memory = Project(Path("/p")).memory(language, slug).resolve()
        assert memory.parent == Path("/p/translations", language)


# -- the runs themselves are reproducible ---------------------------------------


def test_the_default_profile_draws_the_same_examples_every_run(
    request: pytest.FixtureRequest,
) -> None:
    asked = request.config.getoption("hypothesis_profile", None)
    expected = "ci" if os.environ.get("CI") == "true" or not asked else asked
    assert settings.get_current_profile_name() == expected
    ci = settings.get_profile("ci")
    assert ci.derandomize and ci.database is None

    def draws() -> list[str]:
        seen: list[str] = []

        @settings(ci, max_examples=40)
        @given(TEXT)
        def record(text: str) -> None:
            seen.append(text)

        record()
        return seen

    first = draws()
    assert len(set(first)) > 10 and draws() == first
