"""What editors put in transcripts/: encodings, file names and extensions, page
names, the source address, control characters in the front matter."""

from __future__ import annotations

import codecs
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

from pipeline.cli import run
from pipeline.errors import InputError
from pipeline.languages import LABELS
from pipeline.site.pages import render_interview
from pipeline.source.encoding import decode_transcript
from pipeline.source.frontmatter import RESERVED_SLUGS
from pipeline.source.segments import segment
from pipeline.source.transcript import parse_transcript
from pipeline.source.urls import link_target, source_url_problem
from tests.conftest import ROOT, SAMPLE, Cli, snapshot

DETERMINISTIC = settings(
    max_examples=150,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
CONFIG = load_config(str(ROOT / "mkdocs.yml"))
PATH = Path("/newsroom/transcripts/interview.txt")
CASES = sorted((ROOT / "tests" / "cases" / "convert").glob("*.txt"))
FRONT, BODY = re.fullmatch(
    r"(---\n.*?\n---\n)(.*)", SAMPLE.read_text(encoding="utf-8"), re.S
).groups()


def one_error(code: int, out: str, err: str) -> str:
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and err.startswith("error: ") and "Traceback" not in err, err
    return err


# -- encodings (item 5) ---------------------------------------------------------


def koi8_safe(text: str) -> str:
    # KOI8-R has no dashes or guillemets: an editor's KOI8-R file uses ASCII ones.
    for fancy, plain in (("—", "-"), ("–", "-"), ("«", '"'), ("»", '"'), ("…", "...")):
        text = text.replace(fancy, plain)
    return text


def encodings(text: str) -> dict[str, bytes]:
    return {
        "utf-8": text.encode("utf-8"),
        "utf-8-bom-crlf": codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode("utf-8"),
        "utf-16": text.encode("utf-16"),
        "utf-16-le-no-bom-cr": text.replace("\n", "\r").encode("utf-16-le"),
        "cp1251": text.encode("cp1251"),
        "cp1251-crlf": text.replace("\n", "\r\n").encode("cp1251"),
        "koi8-r": text.encode("koi8_r"),
        "koi8-r-crlf": text.replace("\n", "\r\n").encode("koi8_r"),
    }


@pytest.mark.parametrize("case", [*CASES, SAMPLE], ids=[c.stem for c in [*CASES, SAMPLE]])
@pytest.mark.parametrize("capitals", [False, True], ids=["as-written", "all-capitals"])
def test_real_russian_in_every_encoding_and_line_ending_reads_the_same(
    case: Path, capitals: bool
) -> None:
    text = koi8_safe(decode_transcript(case.read_bytes(), case))  # goldens in any encoding
    if capitals:  # a headline-style transcript: case alone cannot tell the code pages apart
        front, body = re.fullmatch(r"((?:---\n.*?\n---\n)?)(.*)", text, re.S).groups()
        text = front + body.upper()
    expected = decode_transcript(text.encode("utf-8"), PATH)
    for encoding, data in encodings(text).items():
        assert decode_transcript(data, PATH) == expected, encoding


def test_a_stray_windows_1251_byte_in_utf8_is_refused_at_its_line(tmp_path: Path, cli: Cli) -> None:
    """Read whole as KOI8-R, this file was published as «п·я┌п╫п╬…» with exit 0."""
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    answer = next(n for n, line in enumerate(lines) if line.startswith("— Подписание"))
    lines[answer] = lines[answer].replace("Казахстан", "Казахстан @STRAY@", 1)
    path = tmp_path / "interview.txt"
    path.write_bytes("\n".join(lines).encode("utf-8").replace(b"@STRAY@", b"\xab"))
    err = one_error(*cli("convert", path))
    assert f"{path}:{answer + 1}:" in err and "0xAB" in err and "'«'" in err


def test_utf8_pasted_into_a_windows_1251_file_is_refused_at_its_line(
    tmp_path: Path, cli: Cli
) -> None:
    data = SAMPLE.read_text(encoding="utf-8").encode("cp1251")
    pasted = "экономической".encode("cp1251")
    line = data[: data.index(pasted)].count(b"\n") + 1
    path = tmp_path / "interview.txt"
    path.write_bytes(data.replace(pasted, "экономической".encode(), 1))
    err = one_error(*cli("convert", path))
    assert f"{path}:{line}:" in err and "UTF-8" in err


def test_latin1_text_is_not_read_as_russian(tmp_path: Path, cli: Cli) -> None:
    path = tmp_path / "interview.txt"
    path.write_bytes("- Ceci est un café très élégant?\n- Oui, déjà.\n".encode("latin-1"))
    err = one_error(*cli("convert", path))
    assert f"{path}:1: this line does not read as Russian" in err


@DETERMINISTIC
@given(st.binary(min_size=64, max_size=2000).map(lambda b: bytes(x | 0x80 for x in b)))
def test_bytes_that_read_as_russian_in_no_encoding_are_refused(data: bytes) -> None:
    with pytest.raises(InputError, match=r"^/newsroom/transcripts/interview.txt:\d+: "):
        decode_transcript(data, PATH)


# -- file names and extensions (items 8, 13) --------------------------------------


def test_transcript_extensions_in_any_case_and_a_warning_for_other_files(
    project: Path, cli: Cli
) -> None:
    shutil.move(project / "transcripts" / SAMPLE.name, project / "transcripts" / "INTERVIEW.TXT")
    (project / "transcripts" / "notes.pdf").write_bytes(b"%PDF-1.7")
    # Word's lock file beside an open document: neither read nor warned about.
    (project / "transcripts" / "~$INTERVIEW.docx").write_bytes(b"\x05lock")
    (project / "transcripts" / "old").mkdir()
    (project / "transcripts" / ".gitkeep").write_bytes(b"")
    code, _, err = cli("-C", project, "publish", "--no-site")
    assert code == 0, err
    assert "1 interview(s)" in err
    for language in ("ru", "kk", "en"):
        assert (project / "docs" / language / "interviews" / "interview.md").exists()
    warnings = [line for line in err.splitlines() if line.startswith("warning: ")]
    assert warnings == [
        f"warning: {project / 'transcripts' / 'notes.pdf'}: not a transcript, not published"
        " (transcripts are .docx, .md, .odt, .txt files)",
        f"warning: {project / 'transcripts' / 'old'}: a folder, not published"
        " (transcripts are .docx, .md, .odt, .txt files)",
    ]


def test_a_file_name_that_is_not_utf8_is_one_line(project: Path, cli: Cli) -> None:
    name = project / "transcripts" / "x\udcff.txt"
    shutil.copy(SAMPLE, name)
    before = snapshot(project)
    code, _, err = cli("-C", project, "publish", "--no-site")
    assert code == 1
    assert (
        err == f"error: {project / 'transcripts'}/x\\xff.txt: the file name is not valid UTF-8:"
        " rename the file\n"
    )
    assert snapshot(project) == before


# -- reserved page names (item 11) -------------------------------------------------


@pytest.mark.parametrize("slug", ["index", "search", "assets", "glossary", "404", "kk", "en", "ru"])
def test_a_page_name_the_site_uses_is_refused(slug: str, project: Path, cli: Cli) -> None:
    transcript = project / "transcripts" / SAMPLE.name
    transcript.write_text(FRONT.replace("---\n", f"---\nslug: {slug}\n", 1) + BODY)
    before = snapshot(project)
    code, _, err = cli("-C", project, "publish", "--no-site")
    assert code == 1
    assert err.startswith(f"error: {transcript}:2: 'slug' sets the page name '{slug}'"), err
    assert err.count("\n") == 1
    assert snapshot(project) == before


@pytest.mark.parametrize("name", ["index.txt", "Index.TXT", "kk.txt", "404.txt"])
def test_a_file_name_the_site_uses_is_refused(name: str, project: Path, cli: Cli) -> None:
    path = project / "transcripts" / name
    shutil.move(project / "transcripts" / SAMPLE.name, path)
    path.write_text(BODY)
    code, _, err = cli("-C", project, "publish", "--no-site")
    assert code == 1
    assert err.startswith(f"error: {path}: the file name gives the page name"), err


def test_every_name_the_built_site_uses_is_reserved(project: Path) -> None:
    assert run(["-C", str(project), "publish"]) == 0
    site = project / "site"
    names = set()
    for folder in (site, site / "kk", site / "en"):
        names |= {p.name.split(".")[0] for p in folder.iterdir()}
    assert names <= RESERVED_SLUGS, names - RESERVED_SLUGS


# -- the source address (item 12) -----------------------------------------------


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            # Heading anchors aside
            self.hrefs += [v for k, v in attrs if k == "href" and v and not v.startswith("#")]


def source_link(url: str) -> str:
    """The href of the source link on the interview page, as a browser reads it."""
    escaped = "".join(f"\\U{ord(c):08x}" for c in url)  # any character, as YAML escapes
    text = f'---\nsource: "{escaped}"\n---\n— В?\n— О.\n'
    document = parse_transcript(text, PATH)
    page = render_interview(document, segment(document), "ru").markdown
    html = markdown.markdown(
        page.split("---\n", 2)[2],
        extensions=CONFIG.markdown_extensions,
        extension_configs=CONFIG.mdx_configs,
    )
    links = Links()
    links.feed(html)
    assert f">{LABELS['ru'].source}</a>" in html
    assert len(links.hrefs) == 1, html
    return links.hrefs[0]


@pytest.mark.parametrize(
    ("url", "href"),
    [
        ("https://x.org/a\\", "https://x.org/a%5C"),
        ("https://x.org/`a`b`", "https://x.org/%60a%60b%60"),
        ("https://x.org/?q=&lt;b&amp;", "https://x.org/?q=&lt;b&amp;"),
        ("https://x.org/a_b_*c*_(d)", "https://x.org/a_b_*c*_%28d%29"),
        ("https://x.org/<b>{.x}[y]", "https://x.org/%3Cb%3E%7B.x%7D%5By%5D"),
        (
            "https://пример.рф/путь#раздел",
            "https://xn--e1afmkfd.xn--p1ai/%D0%BF%D1%83%D1%82%D1%8C#%D1%80%D0%B0%D0%B7%D0%B4%D0%B5%D0%BB",
        ),
    ],
)
def test_the_source_address_is_linked_exactly(url: str, href: str) -> None:
    assert source_link(url) == href


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "ftp://x.org/a",
        "https:x.org",
        "//x.org/a",
        "http://",
        "http:///path",
        "https://exa mple.org/",
        "https://x.org/a\\tb",
        "https://x.org/\\u202e",
        "https://user:secret@x.org/",
        "http://[::1",
        "http://x.org:99999/",
        "http://bad_host!/",
    ],
)
def test_a_source_that_is_no_http_address_is_refused(url: str, tmp_path: Path, cli: Cli) -> None:
    path = tmp_path / "interview.txt"
    path.write_text(f'---\nsource: "{url}"\n---\n— В?\n— О.\n')
    err = one_error(*cli("convert", path))
    assert f"{path}:2: 'source' must be an http(s) address" in err


URL_TEXT = st.text(
    st.one_of(st.characters(codec="utf-8"), st.sampled_from(list("\\`<>&;#%[](){}*_!|\"'"))),
    max_size=40,
)


@DETERMINISTIC
@given(st.sampled_from(["http://x.org/", "https://пример.рф:8080/", "http://[::1]/"]), URL_TEXT)
@example("https://x.org/", "a\\")
@example("https://x.org/", "&lt;&amp;&#60;")
def test_any_accepted_source_is_linked_as_itself(base: str, rest: str) -> None:
    url = base + rest
    if source_url_problem(url) is not None:
        return
    href = source_link(url)
    assert href == link_target(url)
    assert href.isascii() and href.isprintable() and " " not in href
    written, linked = urlsplit(url), urlsplit(href)
    assert unquote(linked.path) == unquote(written.path)
    assert unquote(linked.query) == unquote(written.query)
    assert unquote(linked.fragment) == unquote(written.fragment)


# -- control characters as YAML escapes (item 15) ------------------------------------


@pytest.mark.parametrize("key", ["title", "interviewee", "interviewer", "outlet", "source"])
@pytest.mark.parametrize("escape", ["\\x1b[31m", "\\a", "\\x85", "\\u0000", "\\ud800", "\\x7f"])
def test_control_characters_as_yaml_escapes_are_refused(
    key: str, escape: str, project: Path, cli: Cli
) -> None:
    transcript = project / "transcripts" / SAMPLE.name
    value = f"https://x.org/{escape}" if key == "source" else f"red {escape} text"
    transcript.write_text(f'---\ndate: 2025-11-11\n{key}: "{value}"\n---\n' + BODY)
    before = snapshot(project)
    code, _, err = cli("-C", project, "publish", "--no-site")
    assert code == 1
    assert err.startswith(f"error: {transcript}:3: "), err
    assert err.count("\n") == 1
    assert snapshot(project) == before


@DETERMINISTIC
@given(st.text(st.characters(), max_size=20))
def test_no_front_matter_escape_puts_a_control_character_on_a_page(value: str) -> None:
    escaped = "".join(f"\\U{ord(c):08x}" for c in value)
    text = f'---\ntitle: "{escaped}"\ninterviewee: "{escaped}"\n---\n— В?\n— О.\n'
    try:
        document = parse_transcript(text, PATH)
    except InputError as e:
        assert str(e).startswith(f"{PATH}:")
        return
    page = render_interview(document, segment(document), "ru").markdown
    assert not any(c in page for c in "\x00\x1b\x7f\x85") and page.encode("utf-8")
