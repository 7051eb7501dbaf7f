"""A translator's glossary commands find the glossary where a publish keeps it
(pipeline/cache_glossary.py, under glossary.yaml's bytes): each command run
as in a new process reads, checks and indexes an unchanged glossary not at
all; `glossary add/set` send only the edited entry through the round trip and
read only it, and leave the glossary of the new bytes in the cache; whatever
the cache holds is what reading the whole file gives, errors included."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import cache, cache_glossary
from pipeline.errors import InputError
from pipeline.glossary import document, edit, load, match
from tests.conftest import (
    ROOT,
    SAMPLE,
    Cli,
    count_calls,
    publish_pages,
    published,
    sample_corpus,
)
from tests.modelkit import PackageSpec, build_package, train_sentencepiece

EDITS = [
    ("set", "eaeu", {"en.forbidden": "EAEC, EEU"}),  # a line changed in the first entry
    ("set", "eec", {"en.notes": "two\nlines", "kk.variants": "ЕЭК, Еуразиялық комиссия"}),
    ("set", "sco", {"kind": "proper-name", "en.use": "name"}),
    ("add", "brics", {"kind": "keep", "ru.name": "БРИКС", "en.name": "BRICS", "kk.name": "БРИКС"}),
]


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often glossary.yaml is really read whole, checked, indexed or round-tripped."""
    counted = count_calls(
        monkeypatch,
        [
            ("load", load, "load_glossary"),
            ("load", edit, "load_glossary"),
            ("index", match, "PatternIndex"),
            ("index", cache_glossary, "PatternIndex"),
        ],
    )
    original = document._round_trip

    def round_trip(path: Path, text: str) -> Any:
        # The whole file, or one entry of it (glossary add/set).
        counted["round trip, whole" if text.count("\n  - id:") > 1 else "round trip, entry"] += 1
        return original(path, text)

    monkeypatch.setattr(document, "_round_trip", round_trip)
    return counted


def new_process() -> None:
    """As in a new process: no glossary or index left in memory."""
    match._SHARED.clear()


def test_commands_read_an_unchanged_glossary_once(
    project: Path, cli: Cli, reads: Counter[str]
) -> None:
    code, first, err = cli("-C", project, "glossary", "match", SAMPLE)
    assert code == 0, err
    assert reads == Counter(load=1, index=1)
    for command in (["glossary", "match", SAMPLE], ["glossary", "check"], ["glossary", "export"]):
        new_process()
        reads.clear()
        code, _, err = cli("-C", project, *command)
        assert code == 0, err
        assert reads == Counter(), (command, reads)
    new_process()
    publish_pages(project, cli)  # the same key: the publish finds what the commands kept
    assert reads == Counter()
    # What a command prints is what it prints reading everything afresh.
    shutil.rmtree(project / cache.FOLDER)
    new_process()
    assert cli("-C", project, "glossary", "match", SAMPLE)[1] == first
    assert "eaeu" in {json.loads(line)["term"] for line in first.splitlines()}


def test_a_command_keeps_what_a_publish_made(project: Path, cli: Cli) -> None:
    """A command's run adds to the publish cache and removes nothing of it."""
    publish_pages(project, cli)
    kept = {p.name for p in (project / cache.FOLDER).iterdir()}
    for command in (["glossary", "match", SAMPLE], ["glossary", "check"]):
        assert cli("-C", project, *command)[0] == 0
    assert kept <= {p.name for p in (project / cache.FOLDER).iterdir()}


@pytest.mark.parametrize(("action", "term", "values"), EDITS, ids=[e[1] for e in EDITS])
def test_an_edit_reads_only_its_entry(
    project: Path,
    cli: Cli,
    reads: Counter[str],
    action: str,
    term: str,
    values: dict[str, str],
) -> None:
    path = project / "glossary.yaml"
    before = path.read_text(encoding="utf-8")
    whole = edit.edited(path, before, None, action, term, values).text  # the round trip's
    assert cli("-C", project, "glossary", "match", SAMPLE)[0] == 0
    new_process()
    reads.clear()
    arguments = [f"{k}={v}" for k, v in values.items()]
    code, _, err = cli("-C", project, "glossary", action, term, *arguments)
    assert code == 0, err
    assert path.read_text(encoding="utf-8") == whole  # comments, order, quoting: as before
    assert reads == Counter({"round trip, entry": 1 if action == "set" else 0, "index": 1})
    # The next command and the next publish find the edited glossary kept.
    new_process()
    reads.clear()
    code, out, err = cli("-C", project, "glossary", "export", "--format", "csv")
    assert code == 0 and term in out, err
    publish_pages(project, cli)
    assert reads == Counter()
    assert_kept_is_whole(project)


def assert_kept_is_whole(project: Path) -> None:
    """What the cache holds for glossary.yaml equals reading the whole file."""
    path = project / "glossary.yaml"
    new_process()
    with cache.session(project, save=False):
        found = cache_glossary.load_glossary(path, sentences="", read=_unread)
    assert found == load.load_glossary(path)


def _unread() -> Any:
    raise AssertionError("the glossary was not kept")


def _variant(text: str, name: str) -> str:
    """The shipped glossary written otherwise, as translators' files are."""
    if name == "no final line break":
        return text.rstrip("\n")
    if name == "blank lines and a comment at the end":
        return text + "\n\n# the end of the terms\n\n"
    if name == "a key after the terms":
        return text + "version: 2\n"
    if name == "a warning in the last entry":  # a Latin «A» in a Kazakh abbreviation
        head, _, tail = text.rpartition("abbreviation: ")
        return head + "abbreviation: A" + tail if tail.strip() else text
    return text


VARIANTS = [
    "as shipped",
    "no final line break",
    "blank lines and a comment at the end",
    "a key after the terms",
    "a warning in the last entry",
]


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize(("action", "term", "values"), EDITS, ids=[e[1] for e in EDITS])
def test_an_entry_read_alone_gives_what_the_whole_file_gives(
    tmp_path: Path, variant: str, action: str, term: str, values: dict[str, str]
) -> None:
    path = tmp_path / "glossary.yaml"
    text = _variant((ROOT / "glossary.yaml").read_text(encoding="utf-8"), variant)
    path.write_text(text, encoding="utf-8")
    known = load.load_glossary(path)
    changed = edit.edited(path, text, known, action, term, values)
    assert changed.entry is not None  # the entry alone, not the whole file
    assert changed.text == edit.edited(path, text, None, action, term, values).text
    path.write_text(changed.text, encoding="utf-8")
    assert edit.reread(path, known, changed) == load.load_glossary(path)


@pytest.mark.parametrize(
    ("values", "problem"),
    [
        ({"en.use": "sometimes"}, "use must be one of"),
        ({"ru.abbreviation": "ШОС"}, "claims the Russian form 'ШОС'"),
        ({"id": "sco"}, "duplicate id 'sco'"),
        ({"knd": "keep"}, "unknown key 'knd'"),
    ],
)
def test_a_broken_edit_is_refused_as_reading_the_whole_file_refuses_it(
    project: Path, cli: Cli, values: dict[str, str], problem: str
) -> None:
    path = project / "glossary.yaml"
    before = path.read_bytes()
    assert cli("-C", project, "glossary", "match", SAMPLE)[0] == 0  # kept: the entry alone
    arguments = [f"{k}={v}" for k, v in values.items()]
    code, _, err = cli("-C", project, "glossary", "set", "eaeu", *arguments)
    assert code == 1 and problem in err, err
    assert path.read_bytes() == before
    # The same lines, with the same positions, as with no cache at all.
    shutil.rmtree(project / cache.FOLDER)
    assert cli("-C", project, "glossary", "set", "eaeu", *arguments)[1:] == (
        "",
        err,
    )
    assert not (project / cache.FOLDER).exists()  # a failed command writes nothing


def test_adding_a_term_that_exists_is_refused(project: Path, cli: Cli) -> None:
    path = project / "glossary.yaml"
    before = path.read_bytes()
    assert cli("-C", project, "glossary", "match", SAMPLE)[0] == 0  # kept: the entry alone
    code, _, err = cli("-C", project, "glossary", "add", "sco", "kind=keep")
    assert (code, err) == (1, f"error: {path}: a term with id 'sco' exists already\n")
    assert path.read_bytes() == before


def test_a_glossary_edited_by_hand_is_read_again(
    project: Path, cli: Cli, reads: Counter[str]
) -> None:
    path = project / "glossary.yaml"
    assert cli("-C", project, "glossary", "match", SAMPLE)[0] == 0
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("abbreviation: ЕАЭС", "abbreviation: ЕАЭСС", 1), "utf-8")
    new_process()
    reads.clear()
    code, out, _ = cli("-C", project, "glossary", "match", SAMPLE)
    assert code == 0 and reads == Counter(load=1, index=1)
    assert not any(json.loads(line)["text"] == "ЕАЭС" for line in out.splitlines())


def test_a_broken_glossary_is_reported_by_every_command_every_time(project: Path, cli: Cli) -> None:
    path = project / "glossary.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("  - id: eec\n", "  - id: eaeu\n", 1), "utf-8"
    )
    results = []
    for _ in range(2):
        for command in (["glossary", "match", SAMPLE], ["glossary", "check"]):
            new_process()
            results.append(cli("-C", project, *command))
    assert results[0][0] == 1 and "duplicate id 'eaeu'" in results[0][2]
    assert f"{path}:" in results[0][2]
    assert len({r for r in results}) == 1
    assert not (project / cache.FOLDER).exists()


@pytest.fixture(scope="module")
def ru_en(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real Argos package (a copy model, tests/modelkit.py)."""
    tokenizer = train_sentencepiece(sample_corpus(), ["EEC", "EAEC", "EAEU"])
    folder = tmp_path_factory.mktemp("glossary-commands-model")
    return build_package(folder / "ru_en.argosmodel", PackageSpec("ru", "en"), tokenizer)


def test_translate_reads_an_unchanged_glossary_once(
    ru_en: Path, project: Path, cli: Cli, reads: Counter[str]
) -> None:
    assert cli("models", "install", ru_en)[0] == 0
    outputs = []
    for _ in range(2):
        new_process()
        reads.clear()
        code, out, err = cli("-C", project, "translate", SAMPLE, "--to", "en")
        assert code == 0, err
        outputs.append((out, dict(reads)))
    assert outputs[0][1] == {"load": 1, "index": 1} and outputs[1][1] == {}
    assert outputs[0][0] == outputs[1][0]
    assert "the Eurasian Economic Union (EAEU)" in outputs[1][0]  # the glossary, enforced


def test_models_evaluate_reads_an_unchanged_glossary_once(
    ru_en: Path, project: Path, cli: Cli, reads: Counter[str]
) -> None:
    assert cli("models", "install", ru_en)[0] == 0
    outputs = []
    for _ in range(2):
        new_process()
        reads.clear()
        code, out, err = cli("-C", project, "models", "evaluate", "--to", "en", "--json")
        assert code == 0, err
        outputs.append((json.loads(out)[0]["glossary"], dict(reads)))
    assert outputs[0][1] == {"load": 1, "index": 1} and outputs[1][1] == {}
    assert outputs[0][0] == outputs[1][0]


def test_check_matches_no_sentence_a_publish_matched(
    project: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """glossary check finds the terms of each sentence where the publish kept them."""
    matched: list[str] = []
    find = match.TermMatcher._find

    def counting(self: match.TermMatcher, text: str) -> list[match.TermMatch]:
        matched.append(text)
        return find(self, text)

    monkeypatch.setattr(match.TermMatcher, "_find", counting)
    publish_pages(project, cli)
    new_process()
    matched.clear()
    code, out, err = cli("-C", project, "glossary", "check")
    assert code == 0, err
    assert matched == []
    shutil.rmtree(project / cache.FOLDER)  # the same table, every sentence matched afresh
    new_process()
    assert cli("-C", project, "glossary", "check")[1] == out
    assert matched


VALUES = st.text(
    st.one_of(
        st.characters(blacklist_categories=("Cs",)),
        st.sampled_from(list("=.,:;'\"\\{}[]<>&*!|#%@`~-—«»\n\t\x00\x1b\u2028\x85")),
    ),
    max_size=20,
)
KEYS = st.sampled_from(
    [
        "kind",
        "id",
        "ru.name",
        "ru.abbreviation",
        "ru.variants",
        "en.name",
        "en.use",
        "en.forbidden",
        "kk.name",
        "kk.possessive",
        "kk.endings.genitive",
        "notes",
        "ru",
        "x.y",
    ]
)


@settings(max_examples=50, deadline=None, database=None, derandomize=True)
@given(
    action=st.sampled_from(["set", "add"]),
    term=st.sampled_from(["eaeu", "sco", "ruble", "new-term"]),
    values=st.dictionaries(KEYS, VALUES, max_size=4),
)
def test_any_edit_of_an_entry_alone_is_the_whole_files_edit(
    action: str, term: str, values: dict[str, str]
) -> None:
    """Whatever a translator types: the same text, the same glossary or the
    same error lines, by the entry alone or by the whole file."""
    text = (ROOT / "glossary.yaml").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "glossary.yaml")
        path.write_text(text, encoding="utf-8")
        known = load.load_glossary(path)
        alone = _outcome(lambda: edit.edited(path, text, known, action, term, values))
        whole = _outcome(lambda: edit.edited(path, text, None, action, term, values))
        assert getattr(alone, "text", alone) == getattr(whole, "text", whole)
        if isinstance(alone, edit.Edited):
            path.write_text(alone.text, encoding="utf-8")
            read = _outcome(lambda: edit.reread(path, known, alone))
            assert read == _outcome(lambda: load.load_glossary(path))


def _outcome(run: Any) -> Any:
    try:
        return run()
    except InputError as e:
        return str(e)


def test_a_rendering_edit_keeps_the_terms_found_in_each_sentence(
    project: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit that leaves every Russian form as it was (a rendering): the next
    publish matches no sentence again, and makes what a publish that matches
    every sentence afresh makes. An edit of a Russian form matches again."""
    matched: list[str] = []
    find = match.TermMatcher._find

    def counting(self: match.TermMatcher, text: str) -> list[match.TermMatch]:
        matched.append(text)
        return find(self, text)

    monkeypatch.setattr(match.TermMatcher, "_find", counting)
    publish_pages(project, cli)
    publish_pages(project, cli)
    edits = (["en.name=Eurasian Economic Union Renamed"], ["ru.variants=Евразийский союз"])
    for values, again in zip(edits, (False, True), strict=True):
        new_process()
        code, _, err = cli("-C", project, "glossary", "set", "eaeu", *values)
        assert code == 0, err
        new_process()
        matched.clear()
        publish_pages(project, cli)
        assert bool(matched) is again, values
        made = published(project)
        shutil.rmtree(project / cache.FOLDER)  # every sentence matched afresh
        new_process()
        publish_pages(project, cli)
        assert published(project) == made
    page = (project / "docs" / "en" / "glossary.md").read_text(encoding="utf-8")
    assert "Eurasian Economic Union Renamed" in page
