"""Every command of the CLI, driven with hostile arguments and inputs (hypothesis).

Whatever a user types or feeds it, the CLI answers with a documented exit code,
one line per error on stderr and no traceback; a command that fails writes
nothing. An exception the pipeline did not expect would show as exit 70
("internal error"): that is a failure here too.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipeline.cli import INTERNAL_ERROR, run
from tests.conftest import copy_project, snapshot

# Deterministic: the same examples on every run, no example database.
HOSTILE = settings(
    max_examples=40,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
DOCUMENTED = {0, 1, 2, 3, 4, 5, 6, 7}

# Text an editor or an attacker might type: markup, quotes, YAML syntax,
# control characters, lone surrogates (command-line bytes that are not UTF-8).
NASTY = st.text(
    st.one_of(
        st.characters(),
        st.sampled_from(list("=.,:;'\"\\{}[]<>&*!|#%@`~-—«»\n\t\x00\x1b\udcff\u202e")),
    ),
    max_size=30,
)
SCALARS = st.one_of(
    NASTY,
    st.sampled_from(
        [
            "2025-02-30",
            "2025-13-45",
            "2025-11-11",
            "{title: X}",
            '"\\x1b[31m"',
            '"\\ud800"',
            '"\\x85"',
            "!!binary aGk=",
            "!!set {a, b}",
            "&a x",
            "*a",
            "[a, b]",
            "~",
            "",
            "index",
            "kk",
            "https://x.org/a\\",
            "'https://x.org/`a`&lt;'",
            "javascript:alert(1)",
            "http://[::1",
            "http://x:99999/",
        ]
    ),
)
KEYS = st.sampled_from(
    ["title", "date", "interviewee", "interviewer", "outlet", "source", "slug", "<<", "? [a]"]
)
FRONT_MATTER = st.lists(st.tuples(KEYS, SCALARS), max_size=4).map(
    lambda items: "---\n" + "".join(f"{k}: {v}\n" for k, v in items) + "---\n"
)
BODY = st.one_of(st.just("— Вопрос про ЕАЭС?\n— Ответ про ЕЭК.\n"), NASTY)
ENCODINGS = st.sampled_from(["utf-8", "utf-16", "cp1251", "koi8_r", "utf-8-sig"])
TRANSCRIPT = st.one_of(
    st.binary(max_size=400),
    st.tuples(FRONT_MATTER, BODY, ENCODINGS).map(
        lambda t: (t[0] + t[1]).encode(t[2], "surrogatepass" if "utf" in t[2] else "replace")
    ),
)
# File names, some of them bytes that are not UTF-8 (as os.listdir gives them).
NAMES = st.one_of(
    st.tuples(
        st.text(st.characters(exclude_characters="/\x00"), min_size=1, max_size=20),
        st.sampled_from([".txt", ".TXT", ".Txt", ".md", ".docx", ""]),
    ).map(lambda t: t[0] + t[1]),
    st.binary(min_size=1, max_size=20).map(
        lambda b: os.fsdecode(b.replace(b"/", b"_").replace(b"\x00", b"_") + b".txt")
    ),
).filter(lambda n: n not in (".", "..") and len(os.fsencode(n)) < 200)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("template") / "project")


def fresh(template: Path, tmp_path: Path) -> Path:
    root = tmp_path / "project"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(template, root, symlinks=True)
    return root


def invoke(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str]:
    code = run(["-C", str(root), *args])
    captured = capsys.readouterr()
    return code, captured.err


def check(code: int, err: str, before: dict[Path, bytes], root: Path) -> None:
    assert code in DOCUMENTED, (code, err)
    assert code != INTERNAL_ERROR and "Traceback" not in err, err
    lines = [line for line in err.splitlines() if line]
    if code == 2:  # argparse: usage, then one error line
        assert lines and "error:" in lines[-1], err
    elif code != 0:
        errors = [line for line in lines if line.startswith("error: ")]
        assert errors, err
        assert all(line.startswith(("error: ", "warning: ", "  ")) for line in lines), err
        assert snapshot(root) == before, "a failed command wrote files"


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@HOSTILE
@given(data=TRANSCRIPT, name=NAMES, command=st.sampled_from(["convert", "match", "translate"]))
@example(data=b"---\ndate: 2025-02-30\n---\n- a\n- b\n", name="a.txt", command="convert")
@example(data=b"---\ndate: 2025-13-45\n---\n- a\n- b\n", name="a.txt", command="convert")
@example(data=b"---\n<<: {title: X}\n---\n- a\n- b\n", name="a.txt", command="convert")
@example(data=b'---\ntitle: "\\ud800"\n---\n- a\n- b\n', name="a.txt", command="convert")
@example(data=b"- a\n- b\n", name=os.fsdecode(b"x\xff.txt"), command="convert")
def test_reading_a_hostile_file(
    data: bytes,
    name: str,
    command: str,
    template: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = fresh(template, tmp_path)
    path = write(tmp_path / "input" / name, data)
    before = snapshot(root)
    args = {
        "convert": ["convert", str(path)],
        "match": ["glossary", "match", str(path)],
        "translate": ["translate", str(path), "--to", "kk"],
    }[command]
    code, err = invoke(capsys, root, *args)
    check(code, err, before, root)


@HOSTILE
@given(data=TRANSCRIPT, name=NAMES, flags=st.sampled_from([[], ["--strict"], ["--check"]]))
@example(data=b"---\ndate: 2025-02-30\n---\n- a\n- b\n", name="a.txt", flags=[])
@example(data=b"---\n<<: {title: X}\n---\n- a\n- b\n", name="a.txt", flags=[])
@example(data=b"- a\n- b\n", name=os.fsdecode(b"x\xff.txt"), flags=[])
@example(data=b'---\ntitle: "\\x1b[31m"\n---\n- a\n- b\n', name="a.txt", flags=[])
def test_publishing_a_hostile_transcript(
    data: bytes,
    name: str,
    flags: list[str],
    template: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = fresh(template, tmp_path)
    write(root / "transcripts" / name, data)
    before = snapshot(root)
    code, err = invoke(capsys, root, "publish", "--no-site", *flags)
    check(code, err, before, root)


GLOSSARY_KEYS = st.one_of(
    NASTY,
    st.sampled_from(
        [
            "kind",
            "ru.name",
            "ru.name.x",
            "en.name",
            "kk.name",
            "en.forbidden",
            "kk.possessive",
            "kk.endings.genitive",
            "ru",
            ".",
            "ru..name",
            "notes",
        ]
    ),
)


@HOSTILE
@given(
    action=st.sampled_from(["add", "set"]),
    term=st.one_of(NASTY, st.sampled_from(["eaeu", "t", ""])),
    values=st.lists(
        st.one_of(
            st.tuples(GLOSSARY_KEYS, SCALARS).map(lambda kv: f"{kv[0]}={kv[1]}"),
            NASTY,
        ),
        max_size=6,
    ),
)
@example(
    action="add",
    term="t",
    values=["kind=keep", "ru.name=a", "en.name=b", "kk.name=c", "ru.name.x=1"],
)
def test_editing_the_glossary_with_hostile_values(
    action: str,
    term: str,
    values: list[str],
    template: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = fresh(template, tmp_path)
    before = snapshot(root)
    code, err = invoke(capsys, root, "glossary", action, term, *values)
    check(code, err, before, root)


@HOSTILE
@given(
    glossary=st.one_of(st.binary(max_size=300), SCALARS.map(str.encode)),
    args=st.sampled_from(
        [
            ["glossary", "check"],
            ["glossary", "check", "--strict"],
            ["glossary", "export", "--format", "csv"],
            ["glossary", "export", "--format", "tbx"],
            ["glossary", "export", "--format", "pdf"],
            ["publish", "--no-site"],
        ]
    ),
)
def test_a_hostile_glossary_file(
    glossary: bytes,
    args: list[str],
    template: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = fresh(template, tmp_path)
    write(root / "glossary.yaml", glossary)
    before = snapshot(root)
    code, err = invoke(capsys, root, *args)
    check(code, err, before, root)


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


PACKAGES = st.one_of(
    st.binary(max_size=200),
    st.dictionaries(
        st.sampled_from(
            [
                "p/metadata.json",
                "p/model/model.bin",
                "p/sentencepiece.model",
                "q/metadata.json",
                "../evil",
                "/abs",
            ]
        ),
        st.one_of(
            st.binary(max_size=20),
            st.just(json.dumps({"from_code": "xx", "to_code": "yy"}).encode()),
            st.just(b"[1, 2]"),
        ),
        max_size=4,
    ).map(_zip),
)


@HOSTILE
@given(
    package=PACKAGES,
    args=st.lists(NASTY, max_size=3),
    action=st.sampled_from(["install-file", "install", "remove", "list", "bogus"]),
)
def test_models_with_hostile_arguments_and_packages(
    package: bytes,
    args: list[str],
    action: str,
    template: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = fresh(template, tmp_path)
    path = write(tmp_path / "input" / "package.argosmodel", package)
    before = snapshot(root)
    argv = {
        "install-file": ["models", "install", str(path)],
        "install": ["models", "install", *args],
        "remove": ["models", "remove", *args],
        "list": ["models", "list", *args],
        "bogus": ["models", *args],
    }[action]
    code, err = invoke(capsys, root, *argv)
    check(code, err, before, root)


@HOSTILE
@given(
    words=st.lists(NASTY, max_size=5),
    command=st.sampled_from(["", "convert", "publish", "glossary", "models", "translate"]),
)
def test_arbitrary_command_lines(
    words: list[str],
    command: str,
    template: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = fresh(template, tmp_path)
    argv = [command, *words] if command else words
    if argv[:1] == ["publish"]:
        argv.insert(1, "--no-site")
    before = snapshot(root)
    code, err = invoke(capsys, root, *argv)
    check(code, err, before, root)
