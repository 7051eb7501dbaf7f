"""Hostile inputs, third round: each test is a fault found by feeding the real
CLI what editors, PO tools and file systems produce (README, Reliability)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import polib
import pytest

from pipeline.lock import project_lock
from tests.conftest import ROOT, SAMPLE_SLUG, Cli, snapshot


def po_path(project: Path, language: str = "kk") -> Path:
    return project / "translations" / language / f"{SAMPLE_SLUG}.po"


def refused_in_one_line(project: Path, cli: Cli, *args: str, words: str) -> str:
    """The command exits 1 with one ``error:`` line holding ``words``; nothing written."""
    before = snapshot(project)
    code, out, err = cli("-C", project, *(args or ("publish", "--no-site")))
    assert (code, out) == (1, ""), err
    assert err.count("\n") == 1 and err.startswith("error: ") and words in err, err
    assert "Traceback" not in err
    assert snapshot(project) == before
    return err


# -- PO files as other editors save them -------------------------------------------


def test_a_po_file_saved_with_cr_line_ends_keeps_every_reviewed_translation(
    project: Path, cli: Cli
) -> None:
    """Before: the whole file was one comment line; publish rewrote it empty and
    all 53 reviewed translations were gone."""
    path = po_path(project)
    shipped = path.read_bytes()
    path.write_bytes(shipped.replace(b"\n", b"\r"))
    code, _, err = cli("-C", project, "publish", "--no-site")
    assert code == 0, err
    assert "kk: 53 reviewed" in err
    assert path.read_bytes() == shipped


def test_a_live_plural_entry_is_refused_not_dropped(project: Path, cli: Cli) -> None:
    """Before: its msgstr[N] read as no translation, and the entry vanished."""
    path = po_path(project)
    text = path.read_text(encoding="utf-8")
    plural = 'msgctxt "zz.p1"\nmsgid "one"\nmsgid_plural "many"\nmsgstr[0] "A"\nmsgstr[1] "B"\n'
    path.write_text(f"{text}\n{plural}", encoding="utf-8")
    line = text.count("\n") + 2
    err = refused_in_one_line(project, cli, words="plural forms")
    assert f"{path}:{line}: " in err


def test_what_po_editors_add_to_entries_is_kept(project: Path, cli: Cli) -> None:
    """References (#:), an obsolete plural entry and msgmerge's ``#~|`` lines:
    before, the first two were dropped on rewrite, the last refused."""
    path = po_path(project)
    text = path.read_text(encoding="utf-8")
    text = text.replace('msgctxt "q1.p1.s2"', '#: interview.txt:12\nmsgctxt "q1.p1.s2"')
    text += (
        '\n#~ msgctxt "zz.p1"\n#~ msgid "one"\n#~ msgid_plural "many"\n'
        '#~ msgstr[0] "ONE-KEPT"\n#~ msgstr[1] "MANY-KEPT"\n'
        '\n#~| msgid "older"\n#~ msgctxt "zz.old"\n#~ msgid "Old"\n#~ msgstr "OLD-KEPT"\n'
    )
    path.write_text(text, encoding="utf-8")
    code, _, err = cli("-C", project, "publish", "--no-site")
    assert code == 0, err
    po = polib.pofile(str(path))
    [referenced] = [e for e in po if e.msgctxt == "q1.p1.s2"]
    assert referenced.occurrences == [("interview.txt", "12")]
    [plural] = [e for e in po.obsolete_entries() if e.msgctxt == "zz.p1"]
    assert plural.msgstr_plural == {0: "ONE-KEPT", 1: "MANY-KEPT"}
    assert [e.msgstr for e in po.obsolete_entries() if e.msgctxt == "zz.old"] == ["OLD-KEPT"]
    kept = path.read_bytes()
    code, _, err = cli("-C", project, "publish", "--no-site")
    assert (code, "0 file(s) written" in err, path.read_bytes() == kept) == (0, True, True), err


# -- glossary.yaml ---------------------------------------------------------------

ENTRY = """  - id: hostile
    kind: keep
    ru:
      name: {ru}
      variants: [{variant}]
    en:
      name: {en}
    kk:
      name: Хостайл
    notes: {notes}
"""


def add_entry(project: Path, **values: str) -> int:
    """Append an entry to glossary.yaml; the line of its ``ru: name``."""
    path = project / "glossary.yaml"
    text = path.read_text(encoding="utf-8")
    fields = {"ru": "Хостайл", "variant": "Хостайлы", "en": "Hostile", "notes": "fine"} | values
    path.write_text(text + ENTRY.format(**fields), encoding="utf-8")
    return text.count("\n") + 4


@pytest.mark.parametrize("escape", ["\\0", "\\x1b", "\\x85", "\\ud800", "\\x7f"])
@pytest.mark.parametrize("field", ["ru", "variant", "en", "notes"])
def test_a_control_character_or_surrogate_escaped_in_the_glossary_is_refused(
    project: Path, cli: Cli, escape: str, field: str
) -> None:
    """Before: "\\ud800" was an internal error (exit 70) when pages were written;
    "\\0" and "\\x1b" reached `glossary export` and the glossary pages."""
    add_entry(project, **{field: f'"Хост{escape}айл"'})
    for command in (("publish", "--no-site"), ("glossary", "check"), ("glossary", "export")):
        err = refused_in_one_line(project, cli, *command, words="is not text")
        assert "glossary.yaml:" in err


def test_a_term_as_long_as_a_paragraph_is_refused(project: Path, cli: Cli) -> None:
    """Before: 20,000 words made the matcher's index 20,000 levels deep, and
    publish stopped with an internal error (RecursionError, exit 70)."""
    line = add_entry(project, ru=" ".join(["слово"] * 20_000))
    err = refused_in_one_line(project, cli, words="characters long; a term has at most 200")
    assert f"glossary.yaml:{line}:" in err
    assert refused_in_one_line(
        project,
        cli,
        "glossary",
        "match",
        project / "transcripts" / f"{SAMPLE_SLUG}.txt",
        words="at most 200",
    )


def test_a_long_term_within_the_limit_is_published(project: Path, cli: Cli) -> None:
    add_entry(project, ru=" ".join(["яя"] * 66))  # 197 characters, 66 levels
    code, _, err = cli("-C", project, "publish", "--no-site")
    assert code == 0, err


@pytest.mark.parametrize("value", ["{a: [1]}", "[a, b]"])
def test_notes_that_are_not_text_are_refused(project: Path, cli: Cli, value: str) -> None:
    """Before: a mapping became the text "ordereddict([('a', [1])])" on the glossary page."""
    add_entry(project, notes=value)
    refused_in_one_line(project, cli, words="'notes' must be text")


@pytest.mark.parametrize("nesting", ["[" * 5000 + "]" * 5000, "{a: " * 3000 + "1" + "}" * 3000])
def test_yaml_nested_thousands_deep_is_refused_in_one_line(
    project: Path, cli: Cli, nesting: str
) -> None:
    """Before: RecursionError in the YAML parser, exit 70, for every glossary command."""
    (project / "glossary.yaml").write_text(f"terms: {nesting}\n", encoding="utf-8")
    for command in (
        ("publish", "--no-site"),
        ("glossary", "check"),
        ("glossary", "set", "eaeu", "notes=x"),
    ):
        refused_in_one_line(project, cli, *command, words="invalid YAML: nested too deeply")


# -- one line, whatever the input's text holds ----------------------------------------


def test_a_po_header_value_with_a_line_break_is_one_error_line(project: Path, cli: Cli) -> None:
    """Before: the header's value went into the error as it was, and the line
    after the break came out as a second, misleading ``error:`` line."""
    path = po_path(project)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"Language: kk\\n"', '"Language: kk\\n"\n"Garbage\\n"'))
    err = refused_in_one_line(project, cli, words="header says Language: kk\\nGarbage")
    assert err.startswith(f"error: {path}: ")


@pytest.mark.parametrize(
    ("tail", "words"),
    [
        ("\n  : : [\n", "cannot read the site configuration: expected <block end>"),
        (
            "extra: " + "[" * 3000 + "]" * 3000 + "\n",
            ": cannot read the site configuration: nested",
        ),
    ],
)
def test_an_unreadable_mkdocs_yml_is_one_error_line(
    project: Path, cli: Cli, tail: str, words: str
) -> None:
    """Before: the YAML parser's message was eight lines; deep nesting exit 70."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text + tail, encoding="utf-8")
    err = refused_in_one_line(project, cli, words=words)
    at = f":{text.count(chr(10)) + 2}: " if "expected" in words else ": "
    assert err.startswith(f"error: {config}{at}"), err


# -- transcripts -------------------------------------------------------------------


def test_a_page_name_too_long_for_a_file_name_is_refused_before_anything_is_written(
    project: Path, cli: Cli
) -> None:
    """Before: a 250-character file name passed every check, and publish stopped
    at the first PO file it wrote (`File name too long`, its temporary's name)."""
    sample = (project / "transcripts" / f"{SAMPLE_SLUG}.txt").read_text(encoding="utf-8")
    body = sample.replace("title: ", "title: Другое ", 1)
    long = project / "transcripts" / f"{'a' * 250}.txt"
    long.write_text(body, encoding="utf-8")
    err = refused_in_one_line(project, cli, words="a page name of 250 characters; at most 200")
    assert err.startswith(f"error: {long}: ")
    long.unlink()
    by_slug = project / "transcripts" / "short.txt"
    by_slug.write_text(body.replace("---\n", f"---\nslug: {'b' * 201}\n", 1), encoding="utf-8")
    err = refused_in_one_line(project, cli, words="'slug' sets a page name of 201 characters")
    assert err.startswith(f"error: {by_slug}:2: ")
    by_slug.write_text(body.replace("---\n", f"---\nslug: {'b' * 200}\n", 1), encoding="utf-8")
    code, _, err = cli("-C", project, "publish", "--no-site")
    assert code == 0, err
    assert (project / "translations" / "kk" / f"{'b' * 200}.po").is_file()


# -- files that are links, pipes or folders ---------------------------------------


def test_a_po_file_that_is_a_symlink_stays_one_and_its_target_is_updated(
    project: Path, cli: Cli, tmp_path: Path
) -> None:
    """Before: the link was replaced by a regular file; the shared memory it
    pointed to never saw the publish again."""
    path = po_path(project)
    shared = tmp_path / "shared" / "memory.po"
    shared.parent.mkdir()
    text = path.read_text(encoding="utf-8")
    shared.write_text(text.replace('"Language: kk\\n"\n', ""), encoding="utf-8")
    path.unlink()
    path.symlink_to(shared)
    code, _, err = cli("-C", project, "publish", "--no-site")
    assert code == 0, err
    assert path.is_symlink() and path.resolve() == shared
    assert shared.read_text(encoding="utf-8") == text  # the header made whole again
    assert not [p for p in shared.parent.iterdir() if p != shared]  # no temporary left


@pytest.mark.parametrize("kind", ["dangling", "fifo", "folder"])
@pytest.mark.parametrize("which", ["po", "glossary"])
def test_a_translation_file_or_glossary_that_is_no_file_is_refused(
    project: Path, cli: Cli, kind: str, which: str
) -> None:
    """Before: a link to nothing was read as no file (no glossary at all, or an
    empty memory written over the link); a named pipe made publish wait for ever."""
    path = po_path(project) if which == "po" else project / "glossary.yaml"
    path.unlink()
    if kind == "dangling":
        path.symlink_to(project / "elsewhere" / path.name)
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        path.mkdir()
    unblock = threading.Thread(target=_open_for_writing, args=(path,), daemon=True)
    unblock.start()  # a reader that waits on the pipe gets an empty file instead
    err = refused_in_one_line(
        project, cli, words="a symlink to nothing" if kind == "dangling" else "not a file"
    )
    assert err.startswith(f"error: {path}: ")


def _open_for_writing(fifo: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and fifo.exists() and not fifo.is_dir():
        try:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            return
        except OSError:  # no reader (yet): the fixed pipeline never opens it
            time.sleep(0.2)


# -- the command line's own streams and signals --------------------------------------


def env() -> dict[str, str]:
    """This test's environment (no installed models), with the pipeline importable."""
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def test_a_result_written_to_a_closed_standard_output_is_one_error_line(project: Path) -> None:
    """Before: ``convert FILE >&-`` was an internal error (exit 70): sys.stdout is None."""
    sample = project / "transcripts" / f"{SAMPLE_SLUG}.txt"
    for command in (["convert", str(sample)], ["glossary", "export"]):
        done = subprocess.run(
            [sys.executable, "-m", "pipeline", "-C", str(project), *command],
            stderr=subprocess.PIPE,
            text=True,
            env=env(),
            preexec_fn=lambda: os.close(1),  # the shell's >&-
            timeout=120,
        )
        assert (done.returncode, done.stderr) == (
            1,
            "error: standard output is closed: nowhere to write the result\n",
        )
    publish = subprocess.run(
        [sys.executable, "-m", "pipeline", "-C", str(project), "publish", "--no-site"],
        capture_output=True, text=True, env=env(), preexec_fn=lambda: os.close(1), timeout=120,
    )  # fmt: skip
    assert publish.returncode == 0, publish.stderr  # it writes nothing to standard output


def test_sigterm_stops_a_publish_in_one_line_and_writes_nothing(project: Path) -> None:
    """Before: SIGTERM (``kill``, ``timeout``) ended the run silently mid-work."""
    before = snapshot(project)
    with project_lock(project, waiting=print):
        proc = subprocess.Popen(
            [sys.executable, "-m", "pipeline", "-C", str(project), "publish", "--no-site"],
            stderr=subprocess.PIPE,
            text=True,
            env=env(),
        )
        assert proc.stderr is not None
        assert proc.stderr.readline().startswith("waiting for another publish")
        proc.send_signal(signal.SIGTERM)
        err = proc.stderr.read()
        assert proc.wait(timeout=60) == 143, err
    assert err.startswith("terminated: nothing is half-written") and err.count("\n") == 1, err
    assert snapshot(project) == before


def test_a_file_where_the_site_folder_goes_is_refused_and_kept(project: Path, cli: Cli) -> None:
    """Before: the build was swapped in and the file left beside as
    ``.site.new-PID`` for ever (exit 0)."""
    (project / "site").write_text("not a folder\n", encoding="utf-8")
    code, _, err = cli("-C", project, "publish")
    assert code == 5, err
    assert err.splitlines()[-1] == (
        f"error: {project / 'site'}: the new build cannot take its place (not a folder: move"
        " the file away); what is served there is unchanged"
    )
    assert (project / "site").read_text(encoding="utf-8") == "not a folder\n"
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []


@pytest.mark.parametrize("command", [("convert",), ("glossary", "match")])
def test_a_device_or_a_pipe_named_as_the_file_to_read(
    project: Path, cli: Cli, tmp_path: Path, command: tuple[str, ...]
) -> None:
    """Before: /dev/zero was read until memory ran out (the machine's), and a
    named pipe nobody writes to made the command wait for ever."""
    code, out, err = cli("-C", project, *command, "/dev/zero")
    assert (code, out) == (1, ""), err
    assert err == "error: /dev/zero: " + err.split(": ", 2)[2] and "not a file (a device" in err
    fifo = tmp_path / "nobody-writes.txt"
    os.mkfifo(fifo)
    threading.Thread(target=_open_for_writing, args=(fifo,), daemon=True).start()
    code, out, err = cli("-C", project, *command, fifo)
    assert (code, out, err.count("\n")) == (1, "", 1), err
    assert err.startswith(f"error: {fifo}: ") and "empty" in err
    # A pipe with a writer (bash's <(cat FILE)) is read as the file.
    sample = (project / "transcripts" / f"{SAMPLE_SLUG}.txt").read_bytes()
    read_end, write_end = os.pipe()
    os.write(write_end, sample)
    os.close(write_end)
    try:
        piped = cli("-C", project, *command, f"/dev/fd/{read_end}")
    finally:
        os.close(read_end)
    assert piped == cli("-C", project, *command, project / "transcripts" / f"{SAMPLE_SLUG}.txt")
    assert piped[0] == 0


@pytest.mark.parametrize("form", ["'—'", "'...'", "'!!!'", "'-'"])
def test_a_russian_form_with_no_letter_is_a_warning(project: Path, cli: Cli, form: str) -> None:
    """Before: accepted in silence, an entry that can never apply to a text."""
    line = add_entry(project, ru=form)
    code, _, err = cli("-C", project, "glossary", "check")
    assert code == 0, err
    assert (
        f"glossary.yaml:{line}:7: warning: {form} has no letter or digit: it never matches a text"
        in err
    )
