"""glossary.yaml read fast (libyaml, pipeline/glossary/document.py) gives what
the round trip gives: the same values of the same types, the same line and
column of every key and item, and for a broken file the same error, word for
word, at the same position."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from pipeline.errors import InputError
from pipeline.glossary.document import CParser, load_document, read_document
from tests.conftest import ROOT

SHIPPED = (ROOT / "glossary.yaml").read_text(encoding="utf-8")


def at(lc: Any, key: Any, item: bool = False) -> Any:
    try:
        return lc.item(key) if item else lc.key(key)
    except KeyError:  # a key merged in (<<: *x) has no position of its own
        return None


def shape(node: Any) -> Any:
    """Values with their types and every position the validation reports."""
    if isinstance(node, CommentedMap):
        return (
            "map",
            (node.lc.line, node.lc.col),
            [(k, at(node.lc, k), shape(v)) for k, v in node.items()],
        )
    if isinstance(node, CommentedSeq):
        return ("seq", [(at(node.lc, i, item=True), shape(v)) for i, v in enumerate(node)])
    return (type(node).__name__, node)


def outcome(read: Any, path: Path) -> Any:
    try:
        return shape(read(path))
    except InputError as e:
        return str(e)


def same(tmp_path: Path, text: str) -> Any:
    path = tmp_path / "glossary.yaml"
    path.write_text(text, encoding="utf-8")
    fast = outcome(read_document, path)
    assert fast == outcome(load_document, path)
    return fast


def test_the_c_parser_is_installed() -> None:
    """requirements.txt pins ruamel.yaml.clibz: without it every read is slow."""
    assert CParser is not None


CASES = {
    "shipped": SHIPPED,
    "duplicate key": "terms:\n  - id: a\n    id: b\n",
    "bad indentation": "terms:\n  - id: a\n   kind: b\n",
    "tab": "terms:\n\t- id: a\n",
    "unclosed quote": 'terms:\n  - id: "a\n',
    "NUL": "terms:\n  - id: a\x00\n",
    "U+FFFE": "terms:\n  - id: a\ufffe\n",
    "no date": "terms:\n  - id: 2025-02-30\n",
    "yes and no are text": "terms:\n  - id: no\n    kind: yes\n    possessive: true\n",
    "numbers": "terms:\n  - id: 0x1F\n    notes: 1.50\n    kind: 010\n",
    "two documents": "terms: []\n---\nterms: []\n",
    "anchors and merge": "a: &x {id: a, kind: b}\nterms:\n  - <<: *x\n    id: c\n",
    "flow": "terms: [{id: a, ru: {name: Б}}, [1, 2]]\n",
    "folded": "terms:\n  - notes: >-\n      two\n      lines\n    id: 'q'\n",
    "empty": "",
    "comment only": "# nothing\n",
    "version directive": "%YAML 1.1\n---\nterms:\n  - id: no\n",
    "unknown tag": "terms: !foo [a]\n",
    "bad escape": 'terms: "\\q"\n',
    "BOM": "\ufeffterms: []\n",
}


@pytest.mark.parametrize("name", CASES)
def test_fast_and_round_trip_read_alike(tmp_path: Path, name: str) -> None:
    same(tmp_path, CASES[name])


def test_a_broken_glossary_is_reported_with_its_position(tmp_path: Path) -> None:
    assert same(tmp_path, "terms:\n  - id: a\n    id: b\n").startswith(
        f"{tmp_path / 'glossary.yaml'}:3:5: invalid YAML:"
    )


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(
    st.integers(0, 1500),
    st.integers(0, 3),
    st.sampled_from(["", " ", "  ", "\n", ":", "- ", "'", '"', "{", "[", "&a ", "*a", "#", "\t"]),
)
def test_an_edited_glossary_reads_alike(tmp_path: Path, at: int, cut: int, put: str) -> None:
    """A translator's slip anywhere in the head of the shipped glossary."""
    same(tmp_path, SHIPPED[:at] + put + SHIPPED[at + cut :])
