"""The engine through real Argos packages: installed by the CLI, run by CTranslate2.

The packages are copy models (tests/modelkit.py) whose only change is a token
map, so every assertion is exact: ru→en turns ЕАЭС into EAEU, en→kk turns EAEU
into ЕАЭО, and the direct ru→kk model (with a target prefix, as NLLB models
have) turns ЕАЭС into ЕАЭО.
"""

from __future__ import annotations

import datetime
import json
import re
import shutil
import threading
import zipfile
from collections.abc import Iterator
from functools import partial
from http.server import HTTPServer, SimpleHTTPRequestHandler
from pathlib import Path

import polib
import pytest

from pipeline.languages import LABELS
from pipeline.site.meta import time_element
from tests.conftest import SAMPLE, SAMPLE_SLUG, Cli, sample_corpus
from tests.modelkit import PackageSpec, build_package, train_sentencepiece

SYMBOLS = ["ЕАЭС", "EAEU", "ЕАЭО"]
SAMPLE_DATE = datetime.date(2025, 11, 11)  # the sample's 'date:'
# These tests are about the engine; glossary enforcement has tests of its own.
NO_GLOSSARY = Path(__file__).parent / "cases"


@pytest.fixture(scope="session")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tokenizer = train_sentencepiece(sample_corpus(), SYMBOLS)
    folder = tmp_path_factory.mktemp("argosmodels")
    specs = {
        "ru_en": PackageSpec("ru", "en", token_map={"ЕАЭС": "EAEU"}),
        "ru_en_2": PackageSpec("ru", "en", version="2.0", token_map={"ЕАЭС": "EAEU"}),
        "en_kk": PackageSpec("en", "kk", token_map={"EAEU": "ЕАЭО"}),
        "ru_kk": PackageSpec("ru", "kk", target_prefix="__kk__", token_map={"ЕАЭС": "ЕАЭО"}),
        "ru_kk_nllb": PackageSpec(
            "ru",
            "kk",
            version="2.0",
            target_prefix="kaz_Cyrl",
            source_prefix="rus_Cyrl",
            token_map={"ЕАЭС": "ЕАЭО"},
        ),
        "de_fr": PackageSpec("de", "fr"),
    }
    return {
        name: build_package(folder / f"{name}.argosmodel", spec, tokenizer)
        for name, spec in specs.items()
    }


def install(cli: Cli, package: Path) -> str:
    code, _, err = cli("models", "install", package)
    assert code == 0, err
    return err


def sample_markdown(cli: Cli) -> str:
    return cli("convert", SAMPLE)[1]


def test_install_list_and_remove(
    packages: dict[str, Path], cli: Cli, no_installed_models: Path
) -> None:
    assert "installed argos ru→en 1.0" in install(cli, packages["ru_en"])
    install(cli, packages["ru_kk"])
    code, out, _ = cli("models", "list")
    assert code == 0
    rows = [line.split("\t")[:3] for line in out.splitlines()]
    assert rows == [["ru", "en", "1.0"], ["ru", "kk", "1.0"]]
    assert "target_prefix __kk__" in out
    assert str(no_installed_models) in out
    err = install(cli, packages["ru_en_2"])
    assert "replaced argos ru→en 1.0" in err and "installed argos ru→en 2.0" in err
    code, _, err = cli("models", "remove", "ru", "kk")
    assert (code, err) == (0, "removed argos ru→kk 1.0\n")
    out = cli("models", "list")[1]
    assert [line.split("\t")[:3] for line in out.splitlines()] == [["ru", "en", "2.0"]]


def _broken(tmp_path: Path, packages: dict[str, Path], kind: str) -> Path:
    path = tmp_path / f"{kind}.argosmodel"
    if kind == "not-zip":
        path.write_text("this is not a model")
    elif kind == "truncated":
        path.write_bytes(packages["ru_en"].read_bytes()[:5000])
    elif kind == "no-metadata":
        with zipfile.ZipFile(packages["ru_en"]) as source, zipfile.ZipFile(path, "w") as out:
            for item in source.infolist():
                if not item.filename.endswith("metadata.json"):
                    out.writestr(item, source.read(item))
    else:
        shutil.copy(packages["de_fr"], path)
    return path


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("not-zip", "not an Argos package: an .argosmodel file is a zip archive"),
        ("truncated", "not an Argos package: an .argosmodel file is a zip archive"),
        ("no-metadata", "not an Argos package: missing translate-ru_en-1_0/metadata.json"),
        ("wrong-pair", "this package translates de→fr; the pipeline uses en→kk, ru→en, ru→kk"),
    ],
)
def test_bad_packages_are_refused_in_one_line(
    kind: str,
    message: str,
    tmp_path: Path,
    packages: dict[str, Path],
    cli: Cli,
    no_installed_models: Path,
) -> None:
    path = _broken(tmp_path, packages, kind)
    code, out, err = cli("models", "install", path)
    assert (code, out) == (6, "")
    assert err == f"error: {path}: {message}\n"
    assert list(no_installed_models.iterdir()) == []


def test_index_install_says_it_is_offline(cli: Cli) -> None:
    code, _, err = cli("models", "install", "ru", "en")
    assert code == 6
    assert err.count("\n") == 1
    assert err.startswith("error: offline: cannot reach the Argos package index")
    assert "python -m pipeline models install FILE.argosmodel" in err


@pytest.fixture
def package_index(
    packages: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """Argos's package index, served on loopback as a newsroom's network would."""
    served = tmp_path / "index"
    served.mkdir()
    shutil.copy(packages["ru_en"], served / "translate-ru_en-1_0.argosmodel")
    server = HTTPServer(("127.0.0.1", 0), partial(SimpleHTTPRequestHandler, directory=served))
    url = f"http://127.0.0.1:{server.server_port}/"
    (served / "index.json").write_text(
        json.dumps(
            [
                {
                    "package_version": "1.0",
                    "from_code": "ru",
                    "to_code": "en",
                    "links": [url + "translate-ru_en-1_0.argosmodel"],
                }
            ]
        )
    )
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", url)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url
    server.shutdown()
    thread.join()


def test_index_install_downloads_and_installs(package_index: str, cli: Cli) -> None:
    code, _, err = cli("models", "install", "ru", "en")
    assert code == 0, err
    assert "installed argos ru→en 1.0" in err


def expected_translation(cli: Cli, language: str, source: str, target: str) -> str:
    """The sample in `language` if every sentence came back with source→target
    (its source link and date in the language's words)."""
    markdown = sample_markdown(cli).replace(source, target)
    ru, labels = LABELS["ru"], LABELS[language]
    dates = time_element(SAMPLE_DATE, "ru"), time_element(SAMPLE_DATE, language)
    assert dates[0] in markdown
    return markdown.replace(f"[{ru.source}]", f"[{labels.source}]").replace(*dates)


def test_translate_a_transcript_through_a_direct_model(packages: dict[str, Path], cli: Cli) -> None:
    install(cli, packages["ru_en"])
    code, out, err = cli("-C", NO_GLOSSARY, "translate", SAMPLE, "--to", "en")
    assert (code, err) == (0, "")
    assert out == expected_translation(cli, "en", "ЕАЭС", "EAEU")


def test_kazakh_pivots_through_english(packages: dict[str, Path], cli: Cli) -> None:
    install(cli, packages["ru_en"])
    install(cli, packages["en_kk"])
    code, out, err = cli("-C", NO_GLOSSARY, "translate", SAMPLE, "--to", "kk")
    assert (code, err) == (0, "")
    # ЕАЭС became EAEU (ru→en) and then ЕАЭО (en→kk): both models ran.
    assert out == expected_translation(cli, "kk", "ЕАЭС", "ЕАЭО")


def test_direct_kazakh_model_with_target_prefix_wins_over_pivot(
    packages: dict[str, Path], cli: Cli
) -> None:
    for name in ("ru_en", "en_kk", "ru_kk"):
        install(cli, packages[name])
    code, out, _ = cli("-C", NO_GLOSSARY, "translate", SAMPLE, "--to", "kk")
    assert code == 0
    # Exact only if the prefix was forced and stripped: the model is built to
    # read the source one position behind the decoder.
    assert out == expected_translation(cli, "kk", "ЕАЭС", "ЕАЭО")
    assert "__kk__" not in out


def test_nllb_style_package_gets_its_source_and_target_language_codes(
    packages: dict[str, Path], cli: Cli
) -> None:
    install(cli, packages["ru_kk_nllb"])
    code, out, _ = cli("-C", NO_GLOSSARY, "translate", SAMPLE, "--to", "kk")
    assert code == 0
    # Exact only with both codes: the model reads the source one position ahead
    # (after rus_Cyrl) and one behind (after the forced kaz_Cyrl), net zero.
    assert out == expected_translation(cli, "kk", "ЕАЭС", "ЕАЭО")
    assert "kaz_Cyrl" not in out and "rus_Cyrl" not in out


def test_translate_without_a_model_names_the_pair_and_the_fix(cli: Cli) -> None:
    code, out, err = cli("-C", NO_GLOSSARY, "translate", SAMPLE, "--to", "kk")
    assert (code, out) == (6, "")
    assert err == (
        "error: no ru→kk model is installed (nor ru→en with en→kk to pivot through):"
        " install one with 'python -m pipeline models install FILE.argosmodel'\n"
    )


def test_translate_markdown_keeps_structure_and_code(
    packages: dict[str, Path], cli: Cli, tmp_path: Path
) -> None:
    install(cli, packages["ru_en"])
    source = tmp_path / "notes.md"
    source.write_text(
        "# Итоги ЕАЭС {#q1 .question}\n\n"
        "Роль *ЕАЭС* растёт, см. [сайт ЕАЭС](https://eaeunion.org/?q=EAEU) и `код ЕАЭС`.\n"
        "Вторая строка абзаца.\n\n"
        "- пункт про ЕАЭС\n- **второй** пункт\n\n"
        "```\nЕАЭС в коде\n```\n\n"
        '<a id="anchor-ЕАЭС"></a>\n',
        encoding="utf-8",
    )
    code, out, err = cli("-C", NO_GLOSSARY, "translate", source, "--to", "en")
    assert (code, err) == (0, "")
    assert out == (
        "# Итоги EAEU {#q1 .question}\n\n"
        "Роль *EAEU* растёт, см. [сайт EAEU](https://eaeunion.org/?q=EAEU) и `код ЕАЭС`.\n"
        "Вторая строка абзаца.\n\n"
        "- пункт про EAEU\n- **второй** пункт\n\n"
        "```\nЕАЭС в коде\n```\n\n"
        '<a id="anchor-ЕАЭС"></a>\n'
    )


def publish(cli: Cli, project: Path, *args: str) -> str:
    # The engine's own behaviour, without glossary enforcement (tested on its own).
    (project / "glossary.yaml").unlink(missing_ok=True)
    code, _, err = cli("-C", project, "publish", "--no-site", *args)
    assert code == 0, err
    return err


def calls(summary: str) -> int:
    return int(re.search(r"(\d+) model call", summary).group(1))  # type: ignore[union-attr]


def test_publish_fills_an_empty_memory_with_machine_translations(
    packages: dict[str, Path], cli: Cli, project: Path
) -> None:
    shutil.rmtree(project / "translations")
    install(cli, packages["ru_en"])
    install(cli, packages["en_kk"])
    summary = publish(cli, project)
    assert "machine-translated 53 sentence(s) into en with argos ru→en 1.0" in summary
    assert (
        "machine-translated 53 sentence(s) into kk with argos ru→en 1.0 + argos en→kk 1.0 (pivot)"
    ) in summary
    assert calls(summary) == 3  # en; kk through two models: one batch call each
    en = polib.pofile(str(project / "translations" / "en" / f"{SAMPLE_SLUG}.po"))
    assert all(e.flags == ["fuzzy"] and e.comment == "machine: argos ru→en 1.0" for e in en)
    assert [e.msgstr for e in en] == [e.msgid.replace("ЕАЭС", "EAEU") for e in en]
    kk = polib.pofile(str(project / "translations" / "kk" / f"{SAMPLE_SLUG}.po"))
    assert {e.comment for e in kk} == {"machine: argos ru→en 1.0 + argos en→kk 1.0 (pivot)"}
    page = (project / "docs" / "kk" / "interviews" / f"{SAMPLE_SLUG}.md").read_text()
    assert "Машиналық аударма" in page and "ЕАЭО" in page

    # Nothing changed: no model call at all.
    assert calls(publish(cli, project)) == 0

    # One sentence edited: only it is translated, once per model on its route.
    transcript = project / "transcripts" / f"{SAMPLE_SLUG}.txt"
    transcript.write_text(
        transcript.read_text(encoding="utf-8").replace(
            "Мы видим четкие признаки", "Мы видим явные признаки"
        ),
        encoding="utf-8",
    )
    summary = publish(cli, project)
    assert "machine-translated 1 sentence(s) into en" in summary
    assert "machine-translated 1 sentence(s) into kk" in summary
    assert calls(summary) == 3
    en = polib.pofile(str(project / "translations" / "en" / f"{SAMPLE_SLUG}.po"))
    edited = next(e for e in en if e.msgctxt == "a3.p1.s2")
    assert edited.msgstr.startswith("Мы видим явные признаки")


def test_reviewed_entries_are_never_machine_translated(
    packages: dict[str, Path], cli: Cli, project: Path
) -> None:
    install(cli, packages["ru_en"])
    install(cli, packages["ru_kk"])
    before = {p: p.read_bytes() for p in (project / "translations").rglob("*.po")}
    summary = publish(cli, project, "--retranslate-machine")
    assert calls(summary) == 0
    assert {p: p.read_bytes() for p in (project / "translations").rglob("*.po")} == before


def test_a_newer_model_does_not_silently_replace_machine_entries(
    packages: dict[str, Path], cli: Cli, project: Path
) -> None:
    po_file = project / "translations" / "en" / f"{SAMPLE_SLUG}.po"
    po = polib.pofile(str(po_file))
    reviewed = po[1].msgstr
    for entry in po[2:]:
        entry.msgstr = ""  # only the title and the first sentence stay reviewed
    po.save()
    install(cli, packages["ru_en"])
    assert "machine-translated 51 sentence(s) into en" in publish(cli, project)
    install(cli, packages["ru_en_2"])
    summary = publish(cli, project)
    assert calls(summary) == 0
    assert (
        "51 machine translation(s) into en were made by other models than argos ru→en 2.0"
    ) in summary
    assert "make publish RETRANSLATE=1" in summary
    summary = publish(cli, project, "--retranslate-machine")
    assert "machine-translated 51 sentence(s) into en with argos ru→en 2.0" in summary
    po = polib.pofile(str(po_file))
    assert po[1].msgstr == reviewed and "fuzzy" not in po[1].flags
    assert {e.comment for e in po[2:]} == {"machine: argos ru→en 2.0"}
