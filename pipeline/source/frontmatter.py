"""A transcript's front matter (YAML between '---' lines) and its page name (slug).

The YAML is composed into nodes, never constructed into Python objects: every
value is read from the text an editor wrote, so no YAML feature (a date out of
the calendar, a merge key, an alias, a tag) can do more than give one error
with its line.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError

from pipeline.errors import InputError, Location
from pipeline.languages import SOURCE, TARGETS
from pipeline.source.document import Metadata
from pipeline.source.encoding import check_text
from pipeline.source.layout import FAMILIES
from pipeline.source.urls import source_url_problem

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Names the site uses itself, at its root or in a language's folder (site/,
# site/kk/, site/en/; see mkdocs.yml, docs/ and overrides/): an interview page
# with one of these names would take its place or be taken (index → the list
# of interviews, /interviews/). tests/test_frontmatter.py checks a built site.
RESERVED_SLUGS = frozenset(
    {"index", "search", "assets", "glossary", "404", "sitemap", "interviews", "readme"}
    | {"feed", "media"}  # the language's RSS feed, the pictures (pipeline/site/news.py)
    | {SOURCE, *TARGETS}
)
_KEYS = {
    "title": "title",
    "date": "date",
    "updated": "updated",
    "image": "image",
    "interviewee": "interviewee",
    "interviewer": "interviewer",
    "outlet": "outlet",
    "source": "source_url",
    "slug": "slug",
    "speakers": "speakers",
    "layout": "layout",
}
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_NULL = "tag:yaml.org,2002:null"
# Plain scalars YAML would read as numbers, booleans or dates are text here: a
# title "1984" is a title. Any other tag (!!binary, !!set, a local one) is refused.
_TEXT_TAGS = {
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "timestamp", "null")
}


IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")


def image_path_problem(value: str) -> str | None:
    """Why ``value`` cannot name a picture inside the project, or None.

    The picture is copied into the site, never fetched: a path relative to
    the project root (images/x.jpg), with no way out of it.
    """
    if "://" in value or value.startswith(("/", "~")) or "\\" in value or ":" in value:
        return f"{value!r} is not a path relative to the project (e.g. images/photo.jpg)"
    if ".." in value.split("/"):
        return f"{value!r} leads out of the project"
    if not value.lower().endswith(IMAGE_SUFFIXES):
        return f"{value!r} is not one of {', '.join(IMAGE_SUFFIXES)}"
    return None


def slug_from_path(path: Path) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
    if not slug:
        raise InputError(
            "cannot derive a page name from the file name: rename the file with Latin"
            " letters, digits and hyphens, or set 'slug' in the front matter",
            Location(path),
        )
    check_reserved(slug, Location(path), "the file name gives")
    return slug


# A file name holds 255 bytes; the longest the pipeline makes from a page name
# is a PO file's temporary (".SLUG.po.pipeline-XXXXXXXX.tmp", 26 more).
MAX_SLUG = 200


def check_reserved(slug: str, where: Location, origin: str) -> None:
    if len(slug) > MAX_SLUG:
        raise InputError(
            f"{origin} a page name of {len(slug)} characters; at most {MAX_SLUG} fit in the"
            " names of its files: shorten the file name or set a shorter 'slug'",
            where,
        )
    if slug in RESERVED_SLUGS:
        names = ", ".join(sorted(RESERVED_SLUGS))
        raise InputError(
            f"{origin} the page name '{slug}', which the site uses for its own pages"
            f" (reserved: {names}): rename the file or set another 'slug' in the front matter",
            where,
        )


def front_matter(text: str, path: Path) -> tuple[Metadata, str | None, int]:
    """The metadata, the slug it sets and the index of the first body line."""
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return Metadata(), None, 0
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    except StopIteration:
        raise InputError(
            "front matter opened with '---' is never closed", Location(path, 1)
        ) from None
    source = "\n".join(lines[1:end])
    try:
        root = YAML(typ="rt", pure=True).compose(source)
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 2 if mark else 1
        raise InputError(f"front matter: {e.problem or e.context}", Location(path, line)) from None
    except ReaderError as e:  # a character YAML does not allow, such as U+FFFE
        line = source[: e.position].count("\n") + 2
        raise InputError(
            f"front matter: character U+{e.character:04X} is not allowed", Location(path, line)
        ) from None
    except RecursionError:
        raise InputError("front matter: nested too deeply", Location(path, 2)) from None
    if root is None:
        return Metadata(), None, end + 1
    if not isinstance(root, MappingNode):
        raise InputError("front matter must be a mapping of 'key: value'", Location(path, 2))
    values: dict[str, Any] = {}
    for key_node, value_node in root.value:
        where = Location(path, key_node.start_mark.line + 2)
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise InputError("front matter: merge keys ('<<') are not supported", where)
        key = _scalar(key_node, "a key", where)
        if key not in _KEYS:
            known = ", ".join(sorted(_KEYS))
            raise InputError(f"unknown front matter key {key!r} (known: {known})", where)
        if _KEYS[key] in values:
            raise InputError(f"front matter: '{key}' is given twice", where)
        if key == "speakers":
            values["speakers"] = _speakers(value_node, path)
            continue
        value = _scalar(value_node, f"'{key}'", Location(path, value_node.start_mark.line + 2))
        values[_KEYS[key]] = _metadata_value(key, value, where)
    slug = values.pop("slug", None)
    return Metadata(**values), slug, end + 1


def _scalar(node: Node, what: str, where: Location) -> str:
    """The text of a scalar node, checked like all transcript text."""
    if not isinstance(node, ScalarNode) or node.tag not in _TEXT_TAGS:
        raise InputError(f"front matter: {what} must be text", where)
    text = "" if node.tag == _NULL and node.style is None else str(node.value)
    check_text(text, where.path, first_line=where.line or 1, context="front matter: ")
    return text


def _speakers(node: Node, path: Path) -> tuple[str, ...]:
    """Who answers: a YAML list of names, or names separated by commas."""
    where = Location(path, node.start_mark.line + 2)
    items = node.value if isinstance(node, SequenceNode) else [node]
    names: list[str] = []
    for item in items:
        at = Location(path, item.start_mark.line + 2)
        text = _scalar(item, "'speakers'", at)
        names += [" ".join(n.split()) for n in (text.split(",") if item is node else [text])]
    if not names or not all(any(c.isalpha() for c in n) for n in names):
        raise InputError("'speakers' must be a list of names (or names separated by commas)", where)
    return tuple(names)


def _metadata_value(key: str, value: str, where: Location) -> str | datetime.date:
    value = " ".join(value.split())
    if not value:
        raise InputError(f"'{key}' must be non-empty text", where)
    if key in ("date", "updated"):
        m = _DATE.fullmatch(value)
        try:
            if m:
                return datetime.date(*map(int, m.groups()))
        except ValueError:
            raise InputError(f"'{key}' {value!r} is not a day of the calendar", where) from None
        raise InputError(f"'{key}' must be a date written YYYY-MM-DD, not {value!r}", where)
    if key == "image":
        problem = image_path_problem(value)
        if problem:
            raise InputError(f"'image' must be a picture in the project: {problem}", where)
    if key == "layout" and value not in FAMILIES:
        raise InputError(f"'layout' must be one of {', '.join(FAMILIES)}, not {value!r}", where)
    if key == "source":
        problem = source_url_problem(value)
        if problem:
            raise InputError(f"'source' must be an http(s) address: {problem}", where)
    if key == "slug":
        if not SLUG.fullmatch(value):
            raise InputError(
                f"'slug' must be lower-case Latin letters, digits and hyphens, not {value!r}",
                where,
            )
        check_reserved(value, where, "'slug' sets")
    return value
