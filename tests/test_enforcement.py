"""Glossary enforcement through real Argos packages (copy models, tests/modelkit.py).

A copy model returns its input, so what comes out is exactly what the
enforcement put in: every term in its rendering, declined, expanded at its
first mention, with English articles.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest

from tests.conftest import ROOT, SAMPLE, SAMPLE_SLUG, Cli, sample_corpus
from tests.modelkit import PackageSpec, build_package, train_sentencepiece


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tokenizer = train_sentencepiece(sample_corpus(), ["EEC", "EAEC", "EAEU"])
    folder = tmp_path_factory.mktemp("enforcement-models")
    specs = {
        "ru_en": PackageSpec("ru", "en"),
        "ru_kk": PackageSpec("ru", "kk", target_prefix="__kk__"),
        # A model that gets the EEC wrong, into a forbidden rendering (EAEC).
        "ru_en_bad": PackageSpec("ru", "en", token_map={"EEC": "EAEC"}),
    }
    return {n: build_package(folder / f"{n}.argosmodel", s, tokenizer) for n, s in specs.items()}


def machine_memory(project: Path, cli: Cli, package: Path, language: str) -> polib.POFile:
    assert cli("models", "install", package)[0] == 0
    (project / "translations" / language / f"{SAMPLE_SLUG}.po").unlink()
    code, _, err = cli("-C", project, "publish", "--no-site")
    assert code == 0, err
    return polib.pofile(str(project / "translations" / language / f"{SAMPLE_SLUG}.po"))


def entry(po: polib.POFile, segment_id: str) -> polib.POEntry:
    return next(e for e in po if e.msgctxt == segment_id)


def test_english_machine_output_uses_every_rendering(
    packages: dict[str, Path], project: Path, cli: Cli
) -> None:
    po = machine_memory(project, cli, packages["ru_en"], "en")
    assert entry(po, "a5.p1.s3").msgstr == (
        "Важно, чтобы экономические регуляторы обеих стран действовали согласованно в рамках"
        " the Eurasian Economic Union (EAEU), создавая единое пространство доверия для бизнеса."
    )
    # Not the first mention of the commission on the page: the abbreviation.
    assert entry(po, "a5.p1.s4").msgstr == "И здесь вновь необходимо подчеркнуть важность the EEC."
    assert entry(po, "q4.p1.s3").msgstr == (
        "Один из проектов, озвученных на саммите the Shanghai Cooperation Organisation (SCO),"
        " — инициатива Trans-Altai Dialogue."
    )
    assert entry(po, "q1.p1.s1").msgstr.startswith(
        "Президент Kazakhstan в своей статье в Rossiyskaya Gazeta анонсировал"
    )
    assert all("review: " not in e.comment for e in po)
    code, out, _ = cli("-C", project, "glossary", "check", "--strict")
    assert code == 0, out
    assert "en\teaeu\t1 in source\t0 reviewed\t1 machine\t0 violation(s)" in out


def test_kazakh_machine_output_is_declined(
    packages: dict[str, Path], project: Path, cli: Cli
) -> None:
    po = machine_memory(project, cli, packages["ru_kk"], "kk")
    # Was «в рамках Еуразиялық экономикалық одақтың (ЕАЭО)»: «в рамках X» is «X аясында».
    assert (
        "согласованно Еуразиялық экономикалық одақ (ЕАЭО) аясында, создавая"
        in entry(po, "a5.p1.s3").msgstr
    )
    assert entry(po, "a5.p1.s4").msgstr.endswith("важность ЕЭК-тің.")
    assert "на саммите ШЫҰ-ның, — инициатива «Трансалтай диалогы»." in entry(po, "q4.p1.s3").msgstr
    assert "«Российская газета»" in entry(po, "q1.p1.s1").msgstr
    assert cli("-C", project, "glossary", "check", "--strict")[0] == 0


def test_a_forbidden_rendering_is_suppressed_and_the_sentence_flagged(
    packages: dict[str, Path], project: Path, cli: Cli
) -> None:
    assert cli("models", "install", packages["ru_en_bad"])[0] == 0
    (project / "translations" / "en" / f"{SAMPLE_SLUG}.po").unlink()
    code, _, err_publish = cli("-C", project, "publish", "--no-site")
    assert code == 0, err_publish
    # The bad model also turns the first mention's "(EEC)" into "(EAEC)": that
    # sentence breaks the first-mention rule and is flagged too (it was not
    # checked before).
    assert "2 machine translation(s) into en do not follow the glossary" in err_publish
    po = polib.pofile(str(project / "translations" / "en" / f"{SAMPLE_SLUG}.po"))
    flagged = [e for e in po if "review: " in e.comment]
    assert [e.msgctxt for e in flagged] == ["a3.p1.s4", "a5.p1.s4"]
    assert (
        "review: glossary: first mention not expanded: Eurasian Economic Commission (EEC)"
        in " ".join(flagged[0].comment.split())  # the comment is wrapped
    )
    assert "review: glossary: missing EEC" in flagged[1].comment
    assert "EAEC" not in flagged[1].msgstr  # suppressed in decoding
    code, out, err = cli("-C", project, "glossary", "check", "--strict")
    assert (code, err) == (7, "error: 2 glossary violation(s)\n")
    assert "a5.p1.s4 (machine): missing EEC" in out
    assert "a3.p1.s4 (machine): first mention not expanded" in out
    assert "glossary: 2 translation(s) do not use the house terms" in err_publish


def test_editing_an_entry_retranslates_machine_and_flags_reviewed(
    packages: dict[str, Path], project: Path, cli: Cli
) -> None:
    machine_memory(project, cli, packages["ru_en"], "en")
    kk_file = project / "translations" / "kk" / f"{SAMPLE_SLUG}.po"
    kk_before = {e.msgctxt: e.msgstr for e in polib.pofile(str(kk_file))}
    code, _, err = cli(
        "-C", project, "glossary", "set", "trans-altai-dialogue", "en.forbidden=Transaltai Dialogue"
    )
    assert code == 0, err
    code, _, err = cli("-C", project, "publish", "--no-site")
    assert code == 0, err
    assert "machine-translated 2 sentence(s) into en" in err
    assert "2 reviewed translation(s) into kk use a glossary entry that changed" in err
    kk = polib.pofile(str(kk_file))
    flagged = [e for e in kk if "fuzzy" in e.flags]
    assert sorted(e.msgctxt for e in flagged) == ["a4.p1.s3", "q4.p1.s3"]
    for e in flagged:
        assert e.msgstr == kk_before[e.msgctxt]  # kept, not overwritten
        assert "review: glossary entry changed: trans-altai-dialogue" in e.comment
    # Nothing else changed: a second run translates nothing.
    code, _, err = cli("-C", project, "publish", "--no-site")
    assert "0 model call(s)" in err


def test_translate_command_enforces_the_glossary(
    packages: dict[str, Path], cli: Cli, tmp_path: Path
) -> None:
    assert cli("models", "install", packages["ru_en"])[0] == 0
    shutil.copy(ROOT / "glossary.yaml", tmp_path / "glossary.yaml")
    code, out, _ = cli("-C", tmp_path, "translate", SAMPLE, "--to", "en")
    assert code == 0
    assert "в рамках the Eurasian Economic Union (EAEU), создавая" in out
