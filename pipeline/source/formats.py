"""Transcript files → text with the emphasis Word or Markdown gave each line.

Plain text is decoded in any encoding. In a Word (.docx), OpenDocument (.odt)
or Markdown (.md) file, a paragraph that is bold or italic throughout is
evidence for the layout (newsrooms often mark questions only in bold), so
the readers return which lines carried it; the text itself is kept as text.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from pipeline.errors import InputError, Location
from pipeline.fileio import read_regular
from pipeline.source.encoding import check_text, decode_transcript

_MD_BOLD_LINE = re.compile(r"\s*(\*\*|__)(?P<text>\S(?:.*\S)?)\1\s*")
_MD_ITALIC_LINE = re.compile(r"\s*([*_])(?P<text>[^*_\s](?:.*[^*_\s])?)\1\s*")
_MD_HEADING = re.compile(r" {0,3}#{1,6}[ \t]+(?P<text>\S.*?)(?:[ \t]+#+)?[ \t]*")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


# Documents saved under a text file's name: each begins with its signature.
_OTHER_FORMATS = (  # lower case: compared with the file's opening in lower case
    (b"%pdf-", "a PDF document"),
    (b"{\\rtf", "an RTF document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word (.doc) or Excel file"),
    (b"pk\x03\x04", "a ZIP archive (a .docx or .odt file renamed?)"),
    (b"<!doctype html", "a web page (HTML)"),
    (b"<html", "a web page (HTML)"),
)
_SAVE_AS = "save it as .docx or as plain text (.txt)"
_HEADING_STYLE = re.compile(r"(?:title|subtitle|heading|заголовок|название|подзаголовок)\b", re.I)


@dataclass(frozen=True)
class Source:
    text: str
    bold: frozenset[int] = field(default_factory=frozenset)  # 0-based line numbers
    italic: frozenset[int] = field(default_factory=frozenset)
    heading: frozenset[int] = field(default_factory=frozenset)  # a title or heading style


def read_source(path: Path) -> Source:
    suffix = path.suffix.lower()
    try:
        if suffix in (".docx", ".odt"):
            read = _docx_paragraphs if suffix == ".docx" else _odt_paragraphs
            source = _paragraph_source(read(path))
            # The same check as for plain text: a document's text is text too.
            check_text(source.text, path, context="document text: ")
            return source
        data = read_regular(path)
    except OSError as e:
        raise InputError(f"cannot read the transcript: {e.strerror}", Location(path)) from None
    head = data[:64].lstrip(codecs.BOM_UTF8 + b" \t\r\n").lower()
    other = next((what for sign, what in _OTHER_FORMATS if head.startswith(sign)), None)
    if other is not None:  # read as text, it would be published as its markup
        raise InputError(f"this is {other}, not a text file: {_SAVE_AS}", Location(path))
    text = decode_transcript(data, path)
    return _markdown_source(text) if suffix == ".md" else Source(text)


_Paragraph = tuple[str, bool, bool, bool]  # text, bold, italic throughout; a heading


def _paragraph_source(paragraphs: list[_Paragraph]) -> Source:
    """One Word paragraph per text paragraph: a blank line after each, so soft
    line breaks inside a paragraph join as in a hard-wrapped text."""
    lines: list[str] = []
    marks: tuple[set[int], set[int], set[int]] = (set(), set(), set())
    for text, *marked in paragraphs:
        for line in text.split("\n"):
            for lines_marked, is_marked in zip(marks, marked, strict=True):
                if is_marked and line.strip():
                    lines_marked.add(len(lines))
            lines.append(line)
        lines.append("")
    bold, italic, heading = (frozenset(m) for m in marks)
    return Source("\n".join(lines).strip("\n") + "\n", bold, italic, heading)


def _docx_paragraphs(path: Path) -> list[_Paragraph]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
        return [
            (p.text, _throughout(p, "bold") and not heading, _throughout(p, "italic"), heading)
            for p in document.paragraphs
            for heading in [_heading(p)]
        ]
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError):
        # A damaged file (cut short; broken XML: lxml's error is a SyntaxError) or another archive.
        raise InputError("not a Word .docx file (save it again as .docx)", Location(path)) from None


def _heading(paragraph: Any) -> bool:
    """A Word title or heading ("Title", "Heading 1", "Заголовок 1") is bold by
    its style: a headline, not a question."""
    name = paragraph.style.name if paragraph.style is not None else ""
    return bool(_HEADING_STYLE.match(name or ""))


def _throughout(paragraph: Any, attribute: str) -> bool:
    """Every run with text has the attribute, set on the run or by the paragraph style."""
    runs = [r for r in paragraph.runs if r.text.strip()]
    font = paragraph.style.font if paragraph.style is not None else None
    default = bool(font is not None and getattr(font, attribute))
    values = [getattr(r, attribute) for r in runs]  # None: as the paragraph style says
    return bool(runs) and all(default if v is None else v for v in values)


_ODF = {
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
}


def _odt_paragraphs(path: Path) -> list[_Paragraph]:
    try:
        with zipfile.ZipFile(path) as archive:
            root = ElementTree.fromstring(archive.read("content.xml"))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError):
        raise InputError("not an OpenDocument .odt file", Location(path)) from None
    bold, italic = set(), set()
    for style in root.iter(f"{{{_ODF['style']}}}style"):
        name = style.get(f"{{{_ODF['style']}}}name")
        for props in style.iter(f"{{{_ODF['style']}}}text-properties"):
            if props.get(f"{{{_ODF['fo']}}}font-weight") == "bold":
                bold.add(name)
            if props.get(f"{{{_ODF['fo']}}}font-style") == "italic":
                italic.add(name)
    out = []
    body = root.find(f".//{{{_ODF['text']}}}body")
    # Elements inside footnotes, which are not part of the interview.
    notes = {p for n in root.iter(f"{{{_ODF['text']}}}note") for p in n.iter()}
    for node in (root if body is None else body).iter():
        if node in notes:
            continue
        if node.tag in (f"{{{_ODF['text']}}}p", f"{{{_ODF['text']}}}h"):
            pieces: list[tuple[str, str | None]] = []
            _odt_text(node, node.get(f"{{{_ODF['text']}}}style-name"), pieces)
            text = "".join(t for t, _ in pieces)
            styled = [s for t, s in pieces if t.strip()]
            heading = node.tag == f"{{{_ODF['text']}}}h"  # bold by its style: a headline
            out.append(
                (
                    text,
                    bool(styled) and all(s in bold for s in styled) and not heading,
                    bool(styled) and all(s in italic for s in styled),
                    heading,
                )
            )
    return out


def _odt_text(
    node: ElementTree.Element, style: str | None, out: list[tuple[str, str | None]]
) -> None:
    tag = node.tag.rsplit("}", 1)[-1]
    if tag == "s":
        out.append((" " * int(node.get(f"{{{_ODF['text']}}}c", "1")), style))
    elif tag == "tab":
        out.append((" ", style))
    elif tag == "line-break":
        out.append(("\n", style))
    elif tag == "note":  # footnotes are not part of the paragraph's text
        pass
    else:
        style = node.get(f"{{{_ODF['text']}}}style-name", style) if tag == "span" else style
        out.append((node.text or "", style))
        for child in node:
            _odt_text(child, style, out)
            out.append((child.tail or "", style))
        return


def _markdown_source(text: str) -> Source:
    """A Markdown transcript: **bold** lines are bold, "# …" lines headings;
    emphasis and heading marks are removed (not in the front matter: YAML)."""
    lines = text.split("\n")
    bold: set[int] = set()
    italic: set[int] = set()
    heading: set[int] = set()
    front = lines.index("---", 1) if lines[0] == "---" and "---" in lines[1:] else -1
    for n, line in enumerate(lines):
        m = _MD_HEADING.fullmatch(line) if n > front else None
        if m:
            heading.add(n)
            line = m.group("text")
        m = _MD_BOLD_LINE.fullmatch(line)
        if m:
            bold.add(n)
            line = m.group("text")
        else:
            m = _MD_ITALIC_LINE.fullmatch(line)
            if m:
                italic.add(n)
                line = m.group("text")
        lines[n] = _MD_STRONG.sub(r"\2", line)
    return Source("\n".join(lines), frozenset(bold), frozenset(italic), frozenset(heading))
