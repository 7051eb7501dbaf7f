"""Installing a package never breaks what works: real Argos packages, broken on purpose.

A package is loaded with CTranslate2 and SentencePiece before it replaces
anything, and goes into the folder its metadata names; a model that breaks
after it was installed stops a run with one line (exit 6), not a traceback.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.conftest import SAMPLE, Cli, sample_corpus, snapshot
from tests.modelkit import PackageSpec, build_package, train_sentencepiece

NO_GLOSSARY = Path(__file__).parent / "cases"


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tokenizer = train_sentencepiece(sample_corpus(), ["ЕАЭС", "EAEU", "ЕАЭО"])
    folder = tmp_path_factory.mktemp("install-packages")
    return {
        "ru_en": build_package(
            folder / "ru_en.argosmodel",
            PackageSpec("ru", "en", token_map={"ЕАЭС": "EAEU"}),
            tokenizer,
        ),
        "ru_kk": build_package(folder / "ru_kk.argosmodel", PackageSpec("ru", "kk"), tokenizer),
        # A ru→en package whose archive folder bears the ru→kk package's name.
        "ru_en_misnamed": build_package(
            folder / "misnamed.argosmodel",
            PackageSpec("ru", "en", token_map={"ЕАЭС": "EAEU"}),
            tokenizer,
            name="translate-ru_kk-1_0",
        ),
    }


def install(cli: Cli, package: Path) -> str:
    code, _, err = cli("models", "install", package)
    assert code == 0, err
    return err


def rewritten(source: Path, target: Path, change: dict[str, bytes | None]) -> Path:
    """``source`` with the members named (by their ending) replaced, or dropped if None."""
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(target, "w") as out:
        for item in archive.infolist():
            ending = next((e for e in change if item.filename.endswith(e)), None)
            if ending is None:
                out.writestr(item, archive.read(item))
            elif change[ending] is not None:
                out.writestr(item, change[ending])  # type: ignore[arg-type]
    return target


def translated(cli: Cli) -> str:
    code, out, err = cli("-C", NO_GLOSSARY, "translate", SAMPLE, "--to", "en")
    assert (code, err) == (0, ""), err
    return out


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("junk model and tokenizer", "Unsupported model binary version"),
        ("truncated model", "has an invalid payload size"),
        ("junk tokenizer", "could not parse ModelProto"),
    ],
)
def test_a_package_that_does_not_load_is_refused_and_the_working_one_kept(
    kind: str,
    reason: str,
    packages: dict[str, Path],
    cli: Cli,
    tmp_path: Path,
    no_installed_models: Path,
) -> None:
    install(cli, packages["ru_en"])
    good = translated(cli)
    before = snapshot(no_installed_models)
    with zipfile.ZipFile(packages["ru_en"]) as archive:
        model = next(archive.read(n) for n in archive.namelist() if n.endswith("model.bin"))
    change: dict[str, bytes | None] = {
        "junk model and tokenizer": {
            "model.bin": b"\x8a" * 4096,
            "sentencepiece.model": b"junk" * 100,
        },
        "truncated model": {"model.bin": model[:5000]},
        "junk tokenizer": {"sentencepiece.model": b"junk" * 100},
    }[kind]
    broken = rewritten(packages["ru_en"], tmp_path / "broken.argosmodel", change)
    code, out, err = cli("models", "install", broken)
    assert (code, out) == (6, "")
    assert err.startswith(f"error: {broken}: argos ru→en 1.0 does not load (")
    assert reason in err and err.endswith("; the installed models are unchanged\n"), err
    assert err.count("\n") == 1
    assert snapshot(no_installed_models) == before
    assert translated(cli) == good


def test_a_model_broken_after_install_stops_translate_and_publish_in_one_line(
    packages: dict[str, Path], cli: Cli, project: Path, no_installed_models: Path
) -> None:
    install(cli, packages["ru_en"])
    model = no_installed_models / "translate-ru_en-1_0" / "model" / "model.bin"
    model.write_bytes(model.read_bytes()[:5000])  # a disk error, a bad copy
    code, out, err = cli("-C", NO_GLOSSARY, "translate", SAMPLE, "--to", "en")
    assert (code, out) == (6, "")
    assert err.startswith(
        f"error: {model.parent.parent}: argos ru→en 1.0 does not load (Variable "
    ), err
    assert "has an invalid payload size" in err
    assert err.endswith("python -m pipeline models install FILE.argosmodel\n")
    assert err.count("\n") == 1
    # publish needs it for the English sentences it lacks: it stops before writing.
    shutil.rmtree(project / "translations" / "en")
    before = snapshot(project)
    code, out, err = cli("-C", project, "publish", "--no-site")
    assert code == 6 and err.count("\n") == 1 and "does not load" in err, err
    assert snapshot(project) == before


def test_a_package_goes_into_the_folder_its_metadata_names(
    packages: dict[str, Path], cli: Cli, no_installed_models: Path
) -> None:
    install(cli, packages["ru_kk"])
    kk = snapshot(no_installed_models / "translate-ru_kk-1_0")
    err = install(cli, packages["ru_en_misnamed"])
    assert err == f"installed argos ru→en 1.0 in {no_installed_models}\n"
    assert snapshot(no_installed_models / "translate-ru_kk-1_0") == kk
    assert sorted(p.name for p in no_installed_models.iterdir()) == [
        "translate-ru_en-1_0",
        "translate-ru_kk-1_0",
    ]
    out = cli("models", "list")[1]
    assert [line.split("\t")[:3] for line in out.splitlines()] == [
        ["ru", "en", "1.0"],
        ["ru", "kk", "1.0"],
    ]
    translated(cli)
    # The same version again: swapped in whole, still one package per pair.
    err = install(cli, packages["ru_en"])
    assert "replaced argos ru→en 1.0" in err
    assert len(list(no_installed_models.iterdir())) == 2


@pytest.mark.parametrize("version", ["../../x", ".hidden", "1/0", "", "1.0\n"])
def test_a_version_that_is_not_a_folder_name_is_refused(
    version: str, packages: dict[str, Path], cli: Cli, tmp_path: Path, no_installed_models: Path
) -> None:
    with zipfile.ZipFile(packages["ru_en"]) as archive:
        name = next(n for n in archive.namelist() if n.endswith("metadata.json"))
        metadata = json.loads(archive.read(name))
    metadata["package_version"] = version
    path = rewritten(
        packages["ru_en"],
        tmp_path / "v.argosmodel",
        {"metadata.json": json.dumps(metadata).encode()},
    )
    code, _, err = cli("models", "install", path)
    assert code == 6
    assert err == f"error: {path}: metadata.json: not a package version: {version!r}\n"
    assert list(no_installed_models.iterdir()) == []


@pytest.mark.parametrize(
    "argv",
    [
        ("models", "install", "a", "b", "c"),
        ("glossary", "add", "term", "kind"),
    ],
)
def test_usage_errors_exit_2_in_one_line(argv: tuple[str, ...], cli: Cli, tmp_path: Path) -> None:
    code, out, err = cli("-C", tmp_path, *argv)
    assert (code, out) == (2, "")
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert list(tmp_path.iterdir()) == []


def test_what_a_killed_install_left_is_never_listed_and_is_cleared_by_the_next(
    packages: dict[str, Path], cli: Cli, no_installed_models: Path
) -> None:
    dead = subprocess.Popen(["true"])
    dead.wait()  # its pid names no process now
    ours = no_installed_models / f".pipeline-{dead.pid}-install-x1"
    running = no_installed_models / f".pipeline-{os.getpid()}-install-x2"  # another install
    for folder in (ours, running):
        (folder / "model").mkdir(parents=True)
        (folder / "model" / "model.bin").write_bytes(b"half")
    assert cli("models", "list")[2] == f"no models installed in {no_installed_models}\n"
    install(cli, packages["ru_en"])
    assert sorted(p.name for p in no_installed_models.iterdir()) == [
        running.name,
        "translate-ru_en-1_0",
    ]
